"""Answers to "why did we win / lose <account>?", from the recorded causes of a game.

Sums each cause over the whole game and names the biggest ones in plain words, with
the events that hit the account. The debrief shows this per account; it is what turns
a score into a lesson.
"""
from __future__ import annotations

from dataclasses import dataclass

from .report import TurnReport

WORDS = {
    "en": {
        "cause": {
            "competition": "the account's ongoing choice between suppliers",
            "tender": "the tender decided by the buying committee",
            "rep_left": "business that followed a departing rep",
            "capacity": "a supplier unable to deliver",
            "dropped": "dropping the account",
        },
        "driver": {
            "price": "price", "quality": "quality and satisfaction", "service": "service",
            "customisation": "customised solutions", "relationship": "relationships in the buying center",
            "incumbency": "switching costs (incumbency)", "alliance": "the joint venture", "luck": "luck",
        },
        "verdict": {"won": "won", "held": "held", "lost": "lost"},
        "head": "{name}: our share went from {start:.0%} to {end:.0%} ({verdict}).",
        "move": "{sign}{size:.0%} from {cause}.",
        "tender": "Turn {turn}: the tender went to {who}.",
        "us": "us",
        "weakest": "Against the strongest rival we were weakest on {driver}.",
        "edge": "Our edge was {driver}.",
        "sep": " ",
    },
    "zh": {
        "cause": {
            "competition": "客户在供应商之间的持续选择",
            "tender": "采购委员会的招标决定",
            "rep_left": "随离职销售流失的业务",
            "capacity": "供应商无法交货",
            "dropped": "放弃该客户",
        },
        "driver": {
            "price": "价格", "quality": "质量与满意度", "service": "服务", "customisation": "定制方案",
            "relationship": "采购中心的关系", "incumbency": "转换成本（在位优势）", "alliance": "合资", "luck": "运气",
        },
        "verdict": {"won": "赢得", "held": "守住", "lost": "失去"},
        "head": "{name}：我方份额从{start:.0%}变为{end:.0%}（{verdict}）。",
        "move": "{cause}：{sign}{size:.0%}。",
        "tender": "第{turn}季度：招标由{who}赢得。",
        "us": "我方",
        "weakest": "与最强对手相比，我们最弱的是{driver}。",
        "edge": "我们的优势是{driver}。",
        "sep": "",
    },
}


@dataclass(frozen=True)
class Explanation:
    account: str
    name: str
    start: float
    end: float
    verdict: str                    # "won", "held", "lost"
    causes: dict[str, float]        # share change by cause over the game
    drivers: dict[str, float]       # mean utility gap to the strongest rival, by part
    events: tuple[tuple[int, str], ...]   # (turn, headline) of events that touched the account
    text: str


def explain(reports: list[TurnReport], account: str, names: dict[str, str] | None = None,
            lang: str = "en") -> Explanation:
    """Why our share at `account` moved over the game; `names` maps side ids to names."""
    rows = [next(c for c in r.shares if c.account == account) for r in reports]
    if not rows:
        raise ValueError("no turns played yet")
    words = WORDS.get(lang, WORDS["en"])
    side = reports[0].side
    start, end = rows[0].before[side], rows[-1].after[side]
    causes: dict[str, float] = {}
    drivers: dict[str, float] = {}
    for row in rows:
        for k, v in row.causes.items():
            causes[k] = causes.get(k, 0.0) + v
        for k, v in row.drivers.items():
            drivers[k] = drivers.get(k, 0.0) + v / len(rows)
    events = tuple((r.turn, e.title) for r in reports for e in r.events if account in e.accounts)
    verdict = "won" if end > start + 0.03 else "lost" if end < start - 0.03 else "held"
    lines = [words["head"].format(name=rows[0].name, start=start, end=end, verdict=words["verdict"][verdict])]
    moves = sorted(((v, k) for k, v in causes.items() if abs(v) >= 0.01), key=lambda x: -abs(x[0]))
    for v, k in moves[:3]:
        lines.append(words["move"].format(sign="+" if v > 0 else "-", size=abs(v), cause=words["cause"].get(k, k)))
    for r, c in zip(reports, rows):
        if c.tender_winner:
            who = words["us"] if c.tender_winner == side else (names or {}).get(c.tender_winner, c.tender_winner)
            lines.append(words["tender"].format(turn=r.turn, who=who))
    strong = sorted(((v, k) for k, v in drivers.items() if k != "luck" and abs(v) >= 0.01), key=lambda x: x[0])
    if strong and strong[0][0] < 0:
        lines.append(words["weakest"].format(driver=words["driver"][strong[0][1]]))
    if strong and strong[-1][0] > 0:
        lines.append(words["edge"].format(driver=words["driver"][strong[-1][1]]))
    return Explanation(account, rows[0].name, start, end, verdict, causes, drivers, events, words["sep"].join(lines))
