"""What each page reads, as JSON: a team's own view, the leaderboard, the trainer's status.

A team's page data is built from the engine's Observation of that team's own game, so
fog of war holds by construction: rivals' stances and moves appear only where the
engine shows them to this team, and nothing of another team's game is ever included.
In market mode the Observation is of the team's own side in the one shared market.
"""
from __future__ import annotations

import math
from dataclasses import asdict

from engine import CAUSES, LEVERS, PERSPECTIVES, cause_label, money, text_blocks, text_of

from .cache import kept
from .chart import console_chart, team_chart
from .session import MISSING_CHOICES, Classroom, Team, bot_name, plannable_days

LANGS = ("en", "zh")


def lang_of(value: object) -> str:
    return value if value in LANGS else "en"


def clean(x):
    """JSON-safe: NaN and infinities become None, tuples lists."""
    if isinstance(x, float):
        return x if math.isfinite(x) else None
    if isinstance(x, dict):
        return {str(k): clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    return x


# The pay plans by name, in the words the window game uses for them (game/i18n.py pay_*):
# the engine names them only inside the pay-plan lever's help text.
PAY_PLAN_WORDS = {
    "en": {"commission": "Commission", "balanced": "Balanced", "salary": "Salary"},
    "zh": {"commission": "高提成", "balanced": "平衡计分卡", "salary": "固定薪资"},
}


def choice_words(lever_name: str, lang: str) -> dict[str, str]:
    """What each choice of a choice lever is called (pay plans), or {} (none has a name)."""
    return PAY_PLAN_WORDS[lang_of(lang)] if lever_name == "pay_plan" else {}


def levers(lang: str) -> list[dict]:
    """The engine's lever table, for the planning form (engine.LEVERS, never hard-coded)."""
    return [dict(name=lv.name, per=lv.per, kind=lv.kind, label=lv.label.get(lang, lv.label["en"]),
                 help=lv.help.get(lang, lv.help["en"]), levels=list(lv.levels),
                 choices=list(lv.choices) if lv.choices else None, bound=lv.bound, capacity=lv.capacity,
                 unit_cost=lv.unit_cost, choice_words=choice_words(lv.name, lang)) for lv in LEVERS]


def leaderboard(room: Classroom) -> list[dict]:
    """Teams ranked by score (kept until the game or a team's name changes: every page polls it)."""
    names = tuple(t.name for t in room.teams)
    return kept(room, "leaderboard", names, lambda: _ranked(room))


def _ranked(room: Classroom) -> list[dict]:
    sc = room.match.scores()
    # the score and parts as the team's own page has them: every page rounds them for display
    # itself, and a figure rounded here first would be rounded twice (53.2468 -> 53.25 -> 53.3)
    rows = [dict(team=t.idx, name=t.name, side=t.side, score=float(sc.total[t.idx]), stars=int(sc.stars[t.idx]),
                 parts={p: float(sc.parts[p][t.idx]) for p in PERSPECTIVES}) for t in room.teams]
    rows.sort(key=lambda r: (-r["score"], r["team"]))
    for rank, r in enumerate(rows, 1):
        r["rank"] = rank
    return rows


def clock(room: Classroom) -> dict:
    """Where the class is; while paused, seconds_left is the frozen time left (None: no timer,
    or the game is over: the timer restarted by the last resolution counts down to nothing)."""
    if room.match.done:
        left = None
    elif room.paused:
        left = room.paused_left
    else:
        left = None if room.deadline is None else max(0.0, room.deadline - room.clock())
    return dict(quarter=room.quarter, quarters=room.scenario.turns, done=room.match.done, seconds_left=left,
                paused=room.paused)


def _game_part(room: Classroom, t: Team, lang: str) -> dict:
    """The part of a team's view that changes only when its game does (a resolution or a
    rollback), kept until then: teams poll their page every few seconds."""
    def build() -> dict:
        m = room.match
        last = m.report(t.idx, None, lang) if m.orders_log else None
        obs = m.observe(t.idx, lang)
        return dict(observation=clean(asdict(obs)), report=clean(last.to_dict()) if last else None,
                    days_to_plan=plannable_days(obs.capacity_days),  # what the page offers, not 114.75
                    debrief=clean(asdict(m.debrief(t.idx, lang))) if m.done else None,
                    money=_money_words(room, obs, last, lang), causes=_cause_words(lang))
    return kept(room, "team", (t.idx, lang), build)


def _money_words(room: Classroom, obs, report, lang: str) -> dict:
    """The amounts the page shows, in the one money form of the language (engine/money.py):
    the page never formats money itself."""
    unit = room.scenario.money_unit
    shown = {"cash": obs.cash, "budget": obs.budget}
    if report is not None:
        shown |= {f"report_{k}": report.money[k] for k in ("revenue", "profit", "cash")}
        if any(room.scenario.tuning.cost_to_serve.values()):  # a line of its own, where the case charges it
            shown["report_serve"] = report.money["serve"]
    return {k: money(float(v), unit, lang) for k, v in shown.items()}


def _cause_words(lang: str) -> dict:
    """Every cause's label in the page's language, by what it touches (engine/causes)."""
    out: dict[str, dict[str, str]] = {}
    for c in CAUSES.values():
        out.setdefault(c.touches, {})[c.id] = cause_label(c.touches, c.id, lang)
    return out



def team_view(room: Classroom, t: Team, lang: str) -> dict:
    sc = room.scenario
    return dict(
        team=dict(idx=t.idx, name=t.name), side=t.side, mode=room.mode, lang=lang, **clock(room),
        scenario=dict(id=sc.id, title=text_of(sc.title, lang), briefing=text_of(sc.briefing, lang),
                      briefing_blocks=text_blocks(text_of(sc.briefing, lang))),
        draft=t.draft, submitted=t.submitted is not None, leaderboard=leaderboard(room),
        chart=team_chart(room, t.idx, lang), **_game_part(room, t, lang),
    )


def status(room: Classroom, lang: str | None = None) -> dict:
    sides = {x.id: text_of(x.name, lang or room.match.lang) or x.id for x in room.scenario.sides}
    return dict(
        **clock(room), scenario=room.scenario.id, mode=room.mode, missing=room.missing, lang=room.match.lang,
        # a bot that plays for a team without a plan, by its name in the console's language
        missing_name=None if room.missing in MISSING_CHOICES else bot_name(room.missing, lang or room.match.lang),
        minutes=room.minutes,  # the class's round length (`--minutes`), or None: the console's timer box
        rollback=("market: rewinds the whole market by one quarter" if room.mode == "market"
                  else "parallel: replaces one team's plan; other teams' games stay the same"),
        teams=[dict(team=t.idx, name=t.name, side=t.side, side_name=sides.get(t.side, t.side), code=t.code, joined=t.joins > 0, submitted=t.submitted is not None,
                    drafted=bool(t.draft)) for t in room.teams],
        leaderboard=leaderboard(room), chart=console_chart(room, lang or room.match.lang),
    )
