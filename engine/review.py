"""Review on the same dice (复盘): the trainee's game beside the scenario's reference
strategies played on the same seed.

The engine is deterministic: the same scenario and seed give the same events, luck and
rival dice whoever plays our side, so a difference in outcome is a difference in
decisions. `review(match)` plays each of the scenario's strategies (the article's remedy,
the historical choice, ...) in our seat with the match's seed, and lines them up with
the trainee's game: score and stars, our share at each account quarter by quarter, and
the biggest differences in what was decided ("the remedy spent 40 days on Xu; you spent
0"). Pure: it reads the match and runs batches; it changes nothing.

`star_rules` words the scorecard's star rules, so the briefing and the debrief can show
what each star takes before and after the game.
"""
from __future__ import annotations

from dataclasses import dataclass

from .batch import Batch
from .metrics import score
from .money import money
from .scenario.models import Scenario, text_of

WORDS = {
    "en": {
        "you": "You",
        "days": "{ref} spent {a:.0f} rep days on {person} ({account}); you spent {b:.0f}.",
        "visits": "{ref} sent {a:.0f} executive visits to {person} ({account}); you sent {b:.0f}.",
        "service": "{ref} put {a:.0f} service units into {account}; you put {b:.0f}.",
        "cut": "{ref}'s average price cut at {account} was {a:.0%}; yours was {b:.0%}.",
        "solution": "{ref} spent {am} on solutions for {account}; you spent {bm}.",
        "teams": "{ref} ran an iron-triangle team at {account} for {a:.0f} quarters; you for {b:.0f}.",
        "training": "{ref} spent {am} on training reps; you spent {bm}.",
        "hire": "{ref} hired {a:.0f} reps; you hired {b:.0f}.",
        "stars1": "1 star: a score of at least {s1:.0f}.",
        "stars2": "2 stars: a score of at least {s2:.0f} and every objective not marked optional met.",
        "stars3": "3 stars: a score of at least {s3:.0f} and every objective met, optional ones too.",
        "score": "Score (0-100): {parts}.",
        "part": "{name} {w:.0%}",
        "perspectives": {"financial": "financial", "customer": "customer", "process": "process",
                         "learning": "learning"},
        "sep": ", ",
    },
    "zh": {
        "you": "你",
        "days": "{ref}在{account}的{person}身上投入{a:.0f}人天；你投入{b:.0f}人天。",
        "visits": "{ref}安排{a:.0f}次高层拜访{person}（{account}）；你安排了{b:.0f}次。",
        "service": "{ref}在{account}投入{a:.0f}个服务单位；你投入{b:.0f}个。",
        "cut": "{ref}在{account}的平均降价为{a:.0%}；你为{b:.0%}。",
        "solution": "{ref}为{account}的方案投入{am}；你投入{bm}。",
        "teams": "{ref}在{account}组建铁三角团队{a:.0f}个季度；你{b:.0f}个季度。",
        "training": "{ref}在销售培训上投入{am}；你投入{bm}。",
        "hire": "{ref}招聘了{a:.0f}名销售；你招聘了{b:.0f}名。",
        "stars1": "一星：得分至少{s1:.0f}。",
        "stars2": "二星：得分至少{s2:.0f}，且所有非可选目标达成。",
        "stars3": "三星：得分至少{s3:.0f}，且所有目标（含可选）达成。",
        "score": "得分（0-100）：{parts}。",
        "part": "{name}{w:.0%}",
        "perspectives": {"financial": "财务", "customer": "客户", "process": "流程", "learning": "学习成长"},
        "sep": "，",
    },
}


@dataclass(frozen=True)
class Line:
    """One way of playing our seat: the trainee's, or a reference strategy's."""

    id: str                          # "you" or the strategy id
    name: str
    score: float
    stars: int
    share: dict[str, list[float]]    # account -> our share at the start and after each quarter
    decisions: dict[tuple[str, str, str], float]  # (kind, account, person or "") -> total over the game


@dataclass(frozen=True)
class Difference:
    kind: str                        # days, visits, service, cut, solution, teams
    account: str
    person: str
    theirs: float
    yours: float
    text: str


@dataclass(frozen=True)
class Review:
    seed: int
    you: Line
    references: tuple[Line, ...]
    differences: dict[str, tuple[Difference, ...]]   # strategy id -> biggest differences first


def star_rules(scenario: Scenario, lang: str = "en") -> tuple[str, ...]:
    """The scorecard's rules in words: what each star takes, and how the score is made."""
    words = WORDS.get(lang, WORDS["en"])
    card = scenario.scorecard
    s1, s2, s3 = card.stars
    weights = {p: float(getattr(card, p)) for p in words["perspectives"]}
    total = sum(weights.values()) or 1.0
    parts = words["sep"].join(words["part"].format(name=words["perspectives"][p], w=v / total)
                              for p, v in weights.items() if v > 0)
    return (words["stars1"].format(s1=s1), words["stars2"].format(s2=s2), words["stars3"].format(s3=s3),
            words["score"].format(parts=parts))


def _from_orders(log: list[dict[str, dict]], side: str) -> dict[tuple[str, str, str], float]:
    """Decision totals from a match's orders log (the trainee's accepted orders)."""
    out: dict[tuple[str, str, str], float] = {}

    def add(key, v):
        out[key] = out.get(key, 0.0) + float(v)

    turns = max(len(log), 1)
    for entry in log:
        o = entry.get(side) or {}
        for aid, plan in (o.get("rep_days") or {}).items():
            for kid, v in plan.items():
                add(("days", aid, kid), v)
        for aid, plan in (o.get("exec_visits") or {}).items():
            for kid, v in plan.items():
                add(("visits", aid, kid), v)
        for aid, v in (o.get("service") or {}).items():
            add(("service", aid, ""), v)
        for aid, v in (o.get("price_cut") or {}).items():
            add(("cut", aid, ""), float(v) / turns)
        for aid, v in (o.get("solution") or {}).items():
            add(("solution", aid, ""), v)
        for aid in o.get("teams") or ():
            add(("teams", aid, ""), 1)
        for kind in ("training", "hire"):
            if o.get(kind):
                add((kind, "", ""), o[kind])
    return out


def _from_arrays(w, orders, s: int, into: dict, turns: int) -> None:
    """Add one turn of a policy's orders (OrderArrays of a G = 1 batch) to the totals."""
    for kind, arr in (("training", orders.training), ("hire", orders.hire)):
        v = float(arr[0, s])
        if v > 0:
            into[(kind, "", "")] = into.get((kind, "", ""), 0.0) + v
    for a, aid in enumerate(w.account_ids):
        for k, kid in enumerate(w.stakeholder_ids[a]):
            for kind, arr in (("days", orders.days), ("visits", orders.exec)):
                v = float(arr[0, s, a, k])
                if v > 0:
                    into[(kind, aid, kid)] = into.get((kind, aid, kid), 0.0) + v
        for kind, arr, scale in (("service", orders.service, 1.0), ("cut", orders.cut, 1.0 / turns),
                                 ("solution", orders.solution, 1.0), ("teams", orders.teams, 1.0)):
            v = float(arr[0, s, a]) * scale
            if v > 0:
                into[(kind, aid, "")] = into.get((kind, aid, ""), 0.0) + v


def _share_history(w, state, s: int) -> dict[str, list[float]]:
    t = state.turn + 1
    return {aid: [float(x) for x in state.share_hist[0, :t, s, a]] for a, aid in enumerate(w.account_ids)}


def play_reference(scenario: Scenario, seed: int, strategy: str, lang: str = "en") -> Line:
    """The strategy `strategy` played in the player's seat on `seed`, to the last quarter."""
    b = Batch(scenario, seed, 1, {scenario.player_id: f"strategy:{strategy}"}, explain=False)
    b.reset()
    w = b.world
    s = w.side(scenario.player_id)
    decisions: dict[tuple[str, str, str], float] = {}
    while not b.done:
        res = b.step({})
        _from_arrays(w, res.orders, s, decisions, w.T)
    sc = score(w, b.state, s, lessons=False)
    st = next(x for x in scenario.strategies if x.id == strategy)
    return Line(strategy, text_of(st.name, lang), float(sc.total[0]), int(sc.stars[0]),
                _share_history(w, b.state, s), decisions)


# How much one unit of each kind weighs against a rep day when ranking differences: an
# executive visit counts as five days of contact (engine/rules/relationships.py), a
# service unit about a day, a price-cut point (1%) two days, a solution money unit
# five, an iron-triangle quarter five.
WEIGHT = {"days": 1.0, "visits": 5.0, "service": 1.0, "cut": 200.0, "solution": 5.0, "teams": 5.0,
          "training": 5.0, "hire": 10.0}
PER_KIND = 2  # at most this many differences of one kind, so the list shows different decisions


def differences(ref: Line, you: Line, scenario: Scenario, lang: str = "en", top: int = 5) -> tuple[Difference, ...]:
    """The biggest differences in decisions between a reference and the trainee."""
    words = WORDS.get(lang, WORDS["en"])
    accounts = {a.id: a for a in scenario.accounts}
    keys = set(ref.decisions) | set(you.decisions)
    ranked = sorted(keys, key=lambda k: (-abs(ref.decisions.get(k, 0.0) - you.decisions.get(k, 0.0)) * WEIGHT[k[0]], k))
    out: list[Difference] = []
    seen: dict[str, int] = {}
    for kind, aid, kid in ranked:
        a, b = ref.decisions.get((kind, aid, kid), 0.0), you.decisions.get((kind, aid, kid), 0.0)
        if len(out) >= top or abs(a - b) * WEIGHT[kind] < 1.0:
            break
        if seen.get(kind, 0) >= PER_KIND:
            continue
        seen[kind] = seen.get(kind, 0) + 1
        acc = accounts.get(aid)
        person = next((text_of(p.name, lang) for p in acc.stakeholders if p.id == kid), kid) if acc else ""
        text = words[kind].format(ref=ref.name, a=a, b=b, person=person,
                                  account=text_of(acc.name, lang) if acc else "",
                                  am=money(a, scenario.money_unit, lang), bm=money(b, scenario.money_unit, lang))
        out.append(Difference(kind, aid, kid, a, b, text))
    return tuple(out)


def review(match, lang: str | None = None, top: int = 5) -> Review:
    """The trainee's finished (or unfinished) match beside every reference strategy of its
    scenario, on the match's seed. `match` is an engine Match."""
    lang = lang or match.lang
    sc = match.scenario
    w, st = match.world, match.state
    s = w.side(sc.player_id)
    mine = score(w, st, s, lessons=False)
    words = WORDS.get(lang, WORDS["en"])
    you = Line("you", words["you"], float(mine.total[0]), int(mine.stars[0]), _share_history(w, st, s),
               _from_orders(match.orders_log, sc.player_id))
    refs = tuple(play_reference(sc, match.seed, x.id, lang) for x in sc.strategies)
    diffs = {r.id: differences(r, you, sc, lang, top) for r in refs}
    return Review(match.seed, you, refs, diffs)

