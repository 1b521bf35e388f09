"""Answers to "why did we win / lose <account>?", from the recorded causes of a game.

Sums each share cause over the whole game (the ledger: the parts add up to the change)
and names them biggest first, each in the words of what really happened: who left, who
chaired the tender and who won it, which rival's price or relationships drew the
business away, or that it went to suppliers outside the game. A trainee must be able to
act on the sentence, so the catch-all "the account's ongoing choice between suppliers"
is never said: day-to-day buying is always named with where the share went and the
offer's weakest (or strongest) parts against that destination, with numbers.

`ledger` is the one definition of "the largest recorded contributor"; the debrief's
first-named cause is checked against it (tests/test_explain.py, bench/explain_rank.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from .report import OTHERS, TurnReport
from .rules.causes import label
from .stance_scale import STEP_WORDS, step

MIN_MOVE = 0.005  # half a point of share: smaller causes are not named

WORDS = {
    "en": {
        "verdict": {"won": "won", "held": "held", "lost": "lost", "dropped": "dropped"},
        "head": "{name}: our share went from {start:.0%} to {end:.0%} ({verdict}).",
        "pts": "{sign}{size:.1f} pts",
        "others": "other suppliers",
        "us": "us",
        "competition_to": "{pts} in day-to-day buying, to {dest}",
        "competition_from": "{pts} in day-to-day buying, won from {dest}",
        "vs_weak": " (their {parts} beat ours)",
        "vs_strong": " (our {parts} beat theirs)",
        "vs_others": " (our offer fell short most on {parts})",
        "part": "{part} {gap:+.2f}",
        "tender": "{pts} in the tender of quarter {turn}, decided by {chair} (chair) and won by {who}",
        "tender_nochair": "{pts} in the tender of quarter {turn}, won by {who}",
        "rep_left": "{pts} when {who} left and the business followed",
        "rep_left_anon": "{pts} when a rep of ours left and the business followed",
        "dropped": "{pts} when we dropped the account in quarter {turn}",
        "cause": "{pts} from {cause}",
        "decider": "The decider's stance toward us went from {a} to {b} ({chair}).",
        "decider_new": "The decider's seat passed from {before} to {chair}; its stance toward us went from {a} to {b}.",
        "incident": "Quality incident in quarter {turn}: {title}.",
        "nothing": "Nothing moved our share by as much as half a point.",
        "sep": " ",
        "list": ", ",
        "end": ".",
        "moves_sep": "; ",
    },
    "zh": {
        "verdict": {"won": "赢得", "held": "守住", "lost": "失去", "dropped": "放弃"},
        "head": "{name}：我方份额从{start:.0%}变为{end:.0%}（{verdict}）。",
        "pts": "{sign}{size:.1f}个百分点",
        "others": "其他供应商",
        "us": "我方",
        "competition_to": "日常采购中流向{dest}：{pts}",
        "competition_from": "日常采购中从{dest}赢得：{pts}",
        "vs_weak": "（对方的{parts}胜过我方）",
        "vs_strong": "（我方的{parts}胜过对方）",
        "vs_others": "（我方方案最欠缺的是{parts}）",
        "part": "{part}{gap:+.2f}",
        "tender": "第{turn}季度招标由{chair}主持决定、{who}中标：{pts}",
        "tender_nochair": "第{turn}季度招标由{who}中标：{pts}",
        "rep_left": "{who}离职，业务随之流失：{pts}",
        "rep_left_anon": "我方销售离职，业务随之流失：{pts}",
        "dropped": "第{turn}季度我方放弃该客户：{pts}",
        "cause": "{cause}：{pts}",
        "decider": "决策人{chair}对我方的态度从“{a}”变为“{b}”。",
        "decider_new": "决策人由{before}换成{chair}，对我方的态度从“{a}”变为“{b}”。",
        "incident": "第{turn}季度质量事故：{title}。",
        "nothing": "没有任何因素使我方份额变动超过半个百分点。",
        "sep": "",
        "list": "、",
        "end": "。",
        "moves_sep": "；",
    },
}


@dataclass(frozen=True)
class Explanation:
    account: str
    name: str
    start: float
    end: float
    verdict: str                    # "won", "held", "lost", or "dropped" (we walked away from it)
    causes: dict[str, float]        # share change by cause over the game (the ledger)
    drivers: dict[str, float]       # mean utility gap to `versus`, by part
    events: tuple[tuple[int, str], ...]   # (turn, headline) of events that touched the account
    text: str
    named: tuple[str, ...] = ()     # the share causes the text names, in the order it names them
    went_to: dict[str, float] | None = None  # each rival's and OTHERS' net share change at the account
    body: str = ""                  # the text without its headline (a screen that shows the head itself)
    versus: str | None = None       # where our share went (lost) or came from (won): a side id or OTHERS


def verdict_of(start: float, end: float) -> str:
    return "won" if end > start + 0.03 else "lost" if end < start - 0.03 else "held"


def ledger(causes: dict[str, float], verdict: str) -> list[tuple[str, float]]:
    """Causes worth naming, in the order a debrief names them: for a lost account the
    biggest losses first, for a won one the biggest gains first, otherwise by size."""
    moves = [(k, v) for k, v in causes.items() if abs(v) >= MIN_MOVE]
    if verdict in ("lost", "dropped"):
        return sorted(moves, key=lambda kv: (kv[1] > 0, -abs(kv[1])))
    if verdict == "won":
        return sorted(moves, key=lambda kv: (kv[1] < 0, -abs(kv[1])))
    return sorted(moves, key=lambda kv: -abs(kv[1]))


def explain(reports: list[TurnReport], account: str, names: dict[str, str] | None = None,
            lang: str = "en") -> Explanation:
    """Why our share at `account` moved over the game; `names` maps side ids to names."""
    rows = [next(c for c in r.shares if c.account == account) for r in reports]
    if not rows:
        raise ValueError("no turns played yet")
    words = WORDS.get(lang, WORDS["en"])
    names = names or {}
    side = reports[0].side
    start, end = rows[0].before[side], rows[-1].after[side]
    causes: dict[str, float] = {}
    went: dict[str, float] = {}
    for row in rows:
        for k, v in row.causes.items():
            causes[k] = causes.get(k, 0.0) + v
        for k, v in row.moved().items():
            if k != side:
                went[k] = went.get(k, 0.0) + v
    # An account we walked away from is not lost to anyone: the debrief says we dropped it.
    verdict = "dropped" if causes.get("dropped", 0.0) <= -MIN_MOVE else verdict_of(start, end)
    # Where our share went (or came from): the side that gained (lost) most.
    if end <= start:
        versus = max(went, key=lambda k: went[k]) if went else None
    else:
        versus = min(went, key=lambda k: went[k]) if went else None

    def who(sid: str | None) -> str:
        if sid is None or sid == OTHERS:
            return words["others"]
        return words["us"] if sid == side else names.get(sid, sid)

    def pts(v: float) -> str:
        return words["pts"].format(sign="+" if v > 0 else "-", size=abs(v) * 100)

    # Offer against the destination, part by part, averaged over the quarters.
    drivers: dict[str, float] = {}
    if versus is not None and versus != OTHERS:
        for row in rows:
            ours, theirs = row.utility.get(side, {}), row.utility.get(versus)
            if theirs is None:
                continue
            for k in ours:
                if k != "luck":
                    drivers[k] = drivers.get(k, 0.0) + (ours[k] - theirs.get(k, 0.0)) / len(rows)
    shortfall: dict[str, float] = {}
    for row in rows:
        for k, v in row.shortfall.items():
            shortfall[k] = shortfall.get(k, 0.0) + v / len(rows)

    def offer_note(gain: bool) -> str:
        if versus == OTHERS or versus is None:
            worst = sorted(((v, k) for k, v in shortfall.items() if v >= 0.01), reverse=True)[:2]
            if gain or not worst:
                return ""
            return words["vs_others"].format(parts=words["list"].join(label("utility", k, lang) for _, k in worst))
        picked = sorted(((v, k) for k, v in drivers.items() if (v > 0.005 if gain else v < -0.005)),
                        key=lambda x: -abs(x[0]))[:2]
        if not picked:
            return ""
        parts = words["list"].join(words["part"].format(part=label("utility", k, lang), gap=-v if not gain else v)
                                   for v, k in picked)
        return words["vs_strong" if gain else "vs_weak"].format(parts=parts)

    tenders = [(r.turn, c) for r, c in zip(reports, rows) if c.tender_winner]
    leavers = [(r.turn, e.who) for r in reports for e in r.events
               if "rep_left" in e.kinds and account in e.accounts and e.who]
    moves = ledger(causes, verdict)
    phrases = []
    for k, v in moves[:3]:
        if k == "competition":
            tmpl = "competition_to" if v < 0 else "competition_from"
            phrases.append(words[tmpl].format(pts=pts(v), dest=who(versus)) + offer_note(v > 0))
        elif k == "tender" and tenders:
            turn, c = max(tenders, key=lambda tc: abs(tc[1].causes.get("tender", 0.0)))
            key = "tender" if c.chair else "tender_nochair"
            phrases.append(words[key].format(pts=pts(v), turn=turn, chair=c.chair, who=who(c.tender_winner)))
        elif k == "dropped":
            turn = next((r.turn for r, c in zip(reports, rows) if c.causes.get("dropped", 0.0) < 0), reports[-1].turn)
            phrases.append(words["dropped"].format(pts=pts(v), turn=turn))
        elif k == "rep_left":
            if leavers:
                gone = words["list"].join(dict.fromkeys(t for _, t in leavers))
                phrases.append(words["rep_left"].format(pts=pts(v), who=gone))
            else:
                phrases.append(words["rep_left_anon"].format(pts=pts(v)))
        else:
            phrases.append(words["cause"].format(pts=pts(v), cause=label("share", k, lang)))
    lines = [words["head"].format(name=rows[0].name, start=start, end=end, verdict=words["verdict"][verdict])]
    lines.append(words["moves_sep"].join(phrases) + words["end"] if phrases else words["nothing"])
    # The decider: the chair's stance toward us, first to last quarter, when it changed a step;
    # the seat's holder at the start is named too when someone else holds it at the end.
    first, last = rows[0], rows[-1]
    a, b = step(first.chair_stance[0]), step(last.chair_stance[1])
    if last.chair and a != b:
        sw = STEP_WORDS.get(lang, STEP_WORDS["en"])
        before = first.chair_before
        key = "decider_new" if before and before != last.chair else "decider"
        lines.append(words[key].format(chair=last.chair, before=before, a=sw[a], b=sw[b]))
    incidents = [(r.turn, e.title) for r in reports for e in r.events
                 if "quality_incident" in e.kinds and (account in e.accounts or not e.accounts)]
    for turn, title in incidents[:2]:
        lines.append(words["incident"].format(turn=turn, title=title))
    events = tuple((r.turn, e.title) for r in reports for e in r.events if account in e.accounts)
    return Explanation(account, rows[0].name, start, end, verdict, causes, drivers, events,
                       words["sep"].join(lines), named=tuple(k for k, _ in moves[:3]),
                       body=words["sep"].join(lines[1:]),
                       went_to=went, versus=versus)
