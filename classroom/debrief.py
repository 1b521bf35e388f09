"""The class debrief: every team side by side, and beside the scenario's reference
strategies played on the class's seed, so a trainer can say "team B did better than
the article's remedy".

Parallel mode. The engine's review (engine.review) plays each reference strategy in the
trainee's seat on a seed and lines it up with a match. Each team's plans are replayed as
one engine Match on the class's seed, and that match is reviewed: its reference rows,
and the biggest differences in decisions between the team and each reference, are the
engine's own. Parallel teams share the dice (engine ParallelMatch: every game draws what
the Match on the class's seed draws), so a team's replay is its own game; the debrief
still checks that it is, and where it is not (a plan refused on replay: it asked for
more than that game allowed, and counts as no plan there) it shows the team's score on
the references' dice beside its leaderboard score, and says so.

Market mode. The teams shared one market, so no reference strategy can be played "on the
same dice" in a team's seat: the other suppliers' recorded orders answered the market
as it was, and a different player there changes what every other team faced. The teams
are compared with each other only, and the debrief says why.
"""
from __future__ import annotations

import threading

from engine import PERSPECTIVES, Match, OrderError, PerGame, review, text_of

from .cache import kept
from .session import Classroom, bot_name

WORDS = {
    "en": {
        "parallel": "Every team played the same side from the same start. The reference strategies are the "
                    "scenario's own (the historical choice, the article's remedy, ...), played by the engine in "
                    "the team's seat on the class's seed (seed {seed}).",
        "other_dice": "In this engine each team's copy of the world draws its own dice, so the references' dice "
                      "are not any team's: the column 'on the references' dice' replays each team's own plans "
                      "on exactly the references' dice — compare that column with the references.",
        "refused": "quarter(s) {quarters}: the plan did not fit the references' game and counts as no plan there",
        "bot": "quarter(s) {quarters} played by the bot '{bot}' count as no decisions in the differences",
        "list": ", ",
        "market": "Market mode: the teams shared one market, so the reference strategies are left out. A reference "
                  "played in one team's seat would change what every other team faced (their recorded orders "
                  "answered the market as it was), so it would not be a comparison on the same dice. The teams "
                  "are compared with each other.",
    },
    "zh": {
        "parallel": "所有小组从同一起点扮演同一家供应商。参考策略来自本案例（历史选择、文章建议的改进方案等），"
                    "由引擎在小组的位置上以本课堂的种子（{seed}）执行。",
        "other_dice": "在当前引擎中，每个小组的世界副本各自掷骰子，因此参考策略的骰子并不等于任何小组的骰子："
                      "“参考策略的骰子下”一栏用完全相同的骰子重演每个小组自己的计划——请用这一栏与参考策略比较。",
        "refused": "第{quarters}季度：计划超出了参考对局所允许的范围，在该对局中按无计划处理",
        "bot": "第{quarters}季度由机器人“{bot}”代为决策，在差异比较中按无决策处理",
        "list": "、",
        "market": "同一市场模式：各小组共享同一个市场，因此不列出参考策略。若在某个小组的位置上执行参考策略，"
                  "其他小组面对的局面就会改变（他们记录的指令是针对当时的市场做出的），这就不再是同样骰子下的比较。"
                  "各小组之间相互比较。",
    },
}


def _final_shares(room: Classroom, g: int) -> dict[str, float]:
    obs = room.match.observe(g, room.match.lang)
    side = room.teams[g].side or room.scenario.player_id
    return {a.id: round(float(a.shares.get(side) or 0.0), 4) for a in obs.accounts}


def _team_rows(room: Classroom) -> list[dict]:
    sc = room.match.scores()
    rows = []
    for t in room.teams:
        met = [bool(x) for x in sc.objectives[t.idx]]
        # score and parts unrounded, as the leaderboard and the team pages have them (they round for display)
        rows.append(dict(team=t.idx, name=t.name, side=t.side, score=float(sc.total[t.idx]),
                         stars=int(sc.stars[t.idx]), parts={p: float(sc.parts[p][t.idx]) for p in PERSPECTIVES},
                         objectives=sum(met), of=len(met), shares=_final_shares(room, t.idx)))
    rows.sort(key=lambda r: (-r["score"], r["team"]))
    return rows


def replay(room: Classroom, g: int, lang: str) -> tuple[Match, list[int], dict[int, str]]:
    """Team g's plans as one engine Match on the class's seed: the match, the quarters
    whose plan that game refused (played as no plan), and the quarters a bot played."""
    sc, player = room.scenario, room.scenario.player_id
    m = Match(sc, room.match.seed, lang=lang)
    m.reset()
    refused, bots = [], {}
    for q, turn in enumerate(room.match.orders_log, 1):
        o = turn[g]
        if isinstance(o, str):
            bots[q] = o
            m.step({player: PerGame([o])})
            continue
        try:
            m.step({player: o} if o else None)
        except OrderError:
            refused.append(q)
            m.step(None)
    for q in bots:  # what a bot did is not a decision of the team's (and not order fields)
        m.orders_log[q - 1] = {player: {}}
    return m, refused, bots


def _reference_row(line, accounts: list[str]) -> dict:
    return dict(id=line.id, name=line.name, score=float(line.score), stars=line.stars,
                shares={a: round(line.share[a][-1], 4) for a in accounts})


def _parallel(room: Classroom, lang: str, words: dict) -> dict:
    accounts = [a.id for a in room.scenario.accounts]
    rows, refs, same = _team_rows(room), None, True
    for row in rows:
        m, refused, bots = replay(room, row["team"], lang)
        rv = review(m, lang)
        if refs is None:
            refs = [_reference_row(x, accounts) for x in rv.references]
        notes = []
        if refused:
            notes.append(words["refused"].format(quarters=words["list"].join(map(str, refused))))
        for bot in sorted(set(bots.values())):
            quarters = words["list"].join(str(q) for q, b in bots.items() if b == bot)
            notes.append(words["bot"].format(quarters=quarters, bot=bot_name(bot, lang)))
        row["on_reference_dice"] = dict(score=float(rv.you.score), stars=rv.you.stars, notes=notes)
        same = same and round(rv.you.score, 2) == round(row["score"], 2) and not refused
        row["differences"] = {rid: [d.text for d in ds] for rid, ds in rv.differences.items()}
    refs = sorted(refs or [], key=lambda r: -r["score"])
    for row in rows:  # what a trainer says: "team B did better than the remedy", on the same dice
        mine = row["score"] if same else row["on_reference_dice"]["score"]
        row["better_than"] = [r["id"] for r in refs if mine > r["score"]]
    note = words["parallel"].format(seed=room.match.seed) + ("" if same else " " + words["other_dice"])
    return dict(teams=rows, references=refs, same_dice=same, compare_with=refs[0]["id"] if refs else None, note=note)


def class_debrief(room: Classroom, lang: str) -> dict:
    """The debrief of a finished class (ClassError-free: the caller checks it is over)."""
    words = WORDS.get(lang, WORDS["en"])
    accounts = [dict(id=a.id, name=text_of(a.name, lang)) for a in room.scenario.accounts]
    base = dict(mode=room.mode, scenario=room.scenario.id, title=text_of(room.scenario.title, lang),
                quarters=len(room.match.orders_log), seed=room.match.seed, accounts=accounts)
    if room.mode == "market":
        return dict(base, teams=_team_rows(room), references=[], same_dice=None, compare_with=None,
                    note=words["market"])
    return dict(base, **_parallel(room, lang, words))


def cached_debrief(room: Classroom, lang: str) -> dict:
    """The debrief, built once per finished game and language (replays and reviews are
    the slow part; a rollback gives a new match, so a new debrief)."""
    with _BUILDING:  # built in a worker thread: two requests at once build it once
        names = tuple(t.name for t in room.teams)
        return kept(room, "debrief", (lang, names), lambda: class_debrief(room, lang))


_BUILDING = threading.Lock()
