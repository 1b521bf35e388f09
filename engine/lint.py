"""Warnings about scenarios that are legal but probably not what the trainer meant.

`check_references` (scenario/refs.py) refuses files that point at things that do not
exist; `lint` looks at a scenario that loads and asks whether it can play as intended:

- an account the player cannot reach: no share there and every stakeholder opposes the
  player (and a player's side with no reps and no executive visits at all);
- an event that can never fire: a chance of 0, a turn outside its own from_turn..to_turn
  window, a window that starts after the last turn or ends before it starts, a condition
  that can never hold, or a condition on another event that itself never fires (or cannot
  fire early enough);
- an objective or lesson that can never be met (same reasons), and an objective that is
  already met at turn 0 (a "keep" objective such as "hold 40% of K", where the player
  starts at 40%, is meant to be met at the start and is not flagged);
- stances and tuning that make a coach impossible: no stakeholder at an account can climb
  to a coach (stance 2.5, step 3 of the scale) within the game, even with every lever pulled each turn;
- revenue measured as a multiple of a side's revenue before the game (revenue_vs_start,
  revenue_outside) for a side that sold nothing there: there is no baseline to divide by;
- Chinese text with Latin punctuation beside a Chinese character ('各自"掌握"', '价格,质量'):
  a Chinese reader sees a typo where the case means “ ” ，： (the game's own words use them).

Every problem is a warning (severity "warning") with the YAML path of the thing to look
at, so the loader shows it as ``file:line:col: path: warning: message``. Lint runs only on
a scenario without reference errors (those are reported first and mean little here).
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable

from .scenario.models import Condition, Scenario
from .scenario.problems import Problem
from .stance_scale import COACH, PREFERS

# Metric values a condition can ever see, per metric (None = unbounded), and the metrics
# that measure a level the player may already hold at the start ("keep ≥ 40% of K").
UNIT_METRICS = ("share", "satisfaction", "morale", "segment_share", "market_share", "quality", "alliance",
                "tender_won", "rivals_share", "a_accounts_lost")
KEEP_METRICS = frozenset(UNIT_METRICS + ("stance", "coach", "cash", "reps", "a_accounts"))

# Upper bound of one turn's stance gain, mirroring engine/rules/relationships.py: every
# driver's gain is scaled by HEADROOM x (3 - stance), each driver's response is below 1,
# and satisfaction adds at most SATISFACTION_PULL (0.3 x (1 - 0.5)) a turn. Team
# conversion moves stance from personal to organisational without changing the total.
HEADROOM = 0.25
SATISFACTION_PULL = 0.15
EPS = 1e-9

# Latin punctuation and the Chinese mark meant, found beside a Chinese character.
CHINESE_MARKS = {'"': "“ ”", ",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
_HAN = "\u3400-\u9fff"
# A mark right after a Chinese character, a sentence mark before one (a space between
# or not), an opening quote or bracket right before one; "(2.5, 3) 与" is left alone.
_LATIN_MARK = re.compile(f'(?<=[{_HAN}])[{re.escape("".join(CHINESE_MARKS))}]|[,:;!?](?= ?[{_HAN}])|["(](?=[{_HAN}])')


def _w(path: tuple, message: str) -> Problem:
    return Problem(path=path, message=message, severity="warning")


class _Linter:
    def __init__(self, sc: Scenario):
        self.sc = sc
        self.out: list[Problem] = []
        self.player = sc.player_id
        self.events = {e.id: i for i, e in enumerate(sc.events)}
        self.accounts = {a.id: a for a in sc.accounts}
        self.side_ids = [s.id for s in sc.sides]

    # ------------------------------------------------------------------ condition ranges

    def bounds(self, c: Condition) -> tuple[float, float]:
        """Smallest and largest value the condition's metric can ever take."""
        sc, m = self.sc, c.metric
        inf = math.inf
        if m in UNIT_METRICS:
            return 0.0, 1.0
        if m == "stance":
            return -1.0, 3.0
        if m == "turn":
            return 0.0, float(sc.turns)
        if m == "coach":
            acc = self.accounts.get(c.account)
            return 0.0, float(len(acc.stakeholders)) if acc else inf
        if m == "a_accounts":
            return 0.0, float(sum(a.tier == "A" for a in sc.accounts))
        if m == "event_fired":
            i = self.events.get(c.event)
            repeat = i is not None and sc.events[i].when.repeat
            return 0.0, float(sc.turns if repeat else 1)
        if m == "reps":
            return 0.0, 64.0
        if m in ("revenue", "total_revenue", "revenue_vs_start", "revenue_outside"):
            return 0.0, inf
        return -inf, inf  # cash, total_profit

    def never(self, c: Condition) -> str | None:
        """Why the condition can never hold, or None."""
        lo, hi = self.bounds(c)
        least = c.at_least if c.at_least is not None else (1.0 if c.metric == "event_fired" and c.at_most is None else None)
        if least is not None and c.at_most is not None and least > c.at_most + EPS:
            return f"at_least {least:g} is above at_most {c.at_most:g}"
        if least is not None and least > hi + EPS:
            return f"{c.metric} is never above {hi:g} (at_least {least:g})"
        if c.at_most is not None and c.at_most < lo - EPS:
            return f"{c.metric} is never below {lo:g} (at_most {c.at_most:g})"
        return None

    def always(self, c: Condition) -> bool:
        """Whether the condition holds whatever happens (it then says nothing)."""
        if c.metric == "event_fired" and c.at_least is None and c.at_most is None:
            return False
        lo, hi = self.bounds(c)
        return (c.at_least is None or c.at_least <= lo + EPS) and (c.at_most is None or c.at_most >= hi - EPS)

    def needs_fired(self, c: Condition) -> bool:
        """An event_fired condition that holds only once its event has fired."""
        if c.metric != "event_fired":
            return False
        least = c.at_least if c.at_least is not None else (None if c.at_most is not None else 1.0)
        return least is not None and least > EPS

    def is_player(self, side: str | None) -> bool:
        return side is None or side == self.player

    # ------------------------------------------------------------------ accounts

    def accounts_reachable(self) -> None:
        sc = self.sc
        player = next((s for s in sc.sides if s.id == self.player), None)
        if player is not None:
            reps = player.reps if isinstance(player.reps, int) else len(player.reps)
            if reps == 0 and player.exec_visits == 0:
                i = sc.sides.index(player)
                self.out.append(_w(("sides", i, "reps"), (
                    f"the player's side '{player.id}' has no reps and no executive visits: "
                    "it cannot work on any account")))
        for i, a in enumerate(sc.accounts):
            if a.shares.get(self.player, 0.0) > 0:
                continue
            stances = [k.stance.get(self.player, 0.0) for k in a.stakeholders]
            if stances and all(s < 0 for s in stances):
                self.out.append(_w(("accounts", i), (
                    f"account '{a.id}' is closed to the player: '{self.player}' has no share there and every "
                    "stakeholder opposes it (stance below 0). If this is not meant as a cold account to "
                    "conquer, check its shares and stances")))

    # ------------------------------------------------------------------ events

    def events_fire(self) -> set[int]:
        """Warn about events that can never fire; return their indexes."""
        sc, T = self.sc, self.sc.turns
        E = len(sc.events)
        lo = [0] * E
        hi = [0] * E
        dead: dict[int, tuple[tuple, str]] = {}
        for i, e in enumerate(sc.events):
            w, path = e.when, ("events", i, "when")
            lo[i], hi[i] = w.from_turn, min(T, w.to_turn if w.to_turn is not None else T)
            if w.chance is not None and w.chance <= 0:
                dead[i] = (path + ("chance",), "chance is 0: the event never fires")
                continue
            if w.to_turn is not None and w.to_turn < w.from_turn:
                dead[i] = (path + ("to_turn",), f"to_turn {w.to_turn} is before from_turn {w.from_turn}: the event never fires")
                continue
            if w.turn is not None:
                if w.turn > T:
                    dead[i] = ((), "")  # refs.py already warns about a turn after the last one
                    continue
                if w.turn < w.from_turn or (w.to_turn is not None and w.turn > w.to_turn):
                    dead[i] = (path + ("turn",), (
                        f"turn {w.turn} is outside the event's window (from_turn {w.from_turn}"
                        f"{f' to_turn {w.to_turn}' if w.to_turn is not None else ''}): the event never fires"))
                    continue
                lo[i], hi[i] = w.turn, w.turn
            if w.from_turn > T:
                dead[i] = (path + ("from_turn",), f"from_turn {w.from_turn} is after the last turn ({T}): the event never fires")
                continue
            for j, c in enumerate(w.conditions):
                why = self.never(c)
                if why:
                    dead[i] = (path + ("conditions", j), f"this condition can never hold ({why}): the event never fires")
                    break
                if c.metric == "turn":
                    if c.at_least is not None:
                        lo[i] = max(lo[i], math.ceil(c.at_least - EPS))
                    if c.at_most is not None:
                        hi[i] = min(hi[i], math.floor(c.at_most + EPS))
        # Dependencies on other events, to a fixed point: an event that needs another one
        # fired cannot fire before it (nor in the same turn if it comes first in the list).
        changed = True
        while changed:
            changed = False
            for i, e in enumerate(sc.events):
                if i in dead:
                    continue
                for j, c in enumerate(e.when.conditions):
                    d = self.events.get(c.event)
                    if d is None or not self.needs_fired(c):
                        continue
                    path = ("events", i, "when", "conditions", j, "event")
                    if d in dead or d == i:
                        dead[i] = (path, f"it needs event '{c.event}' to have fired, which never happens: "
                                         "this event never fires either")
                        changed = True
                        break
                    earliest = lo[d] + (0 if d < i else 1)
                    if earliest > lo[i]:
                        lo[i] = earliest
                        changed = True
                if i not in dead and lo[i] > hi[i]:
                    dead[i] = (("events", i, "when"), (
                        f"the event can fire only from turn {lo[i]} (its turn conditions and the events it waits "
                        f"for) but its window ends at turn {hi[i]}: it never fires"))
                    changed = True
        for i, (path, message) in sorted(dead.items()):
            if message:
                self.out.append(_w(path, message))
        return set(dead)

    # ------------------------------------------------------------------ objectives & lessons

    def end_conditions(self, conditions: Iterable[Condition], path: tuple, what: str, dead_events: set[int],
                       coachless: set[str]) -> bool:
        """Warn when end-of-game conditions can never all hold; True if they can."""
        for j, c in enumerate(conditions):
            why = self.never(c)
            if why is None and self.needs_fired(c) and self.events.get(c.event) in dead_events:
                why = f"event '{c.event}' never fires"
            if why is None and c.metric == "coach" and self.is_player(c.side) and c.account in coachless \
                    and (c.at_least or 0) > EPS:
                why = f"no stakeholder at '{c.account}' can become the player's coach (a coach needs stance 2.5)"
            if why:
                self.out.append(_w(path + (j,), f"this condition can never hold ({why}): the {what} is never met"))
                return False
        return True

    def objectives(self, dead_events: set[int], coachless: set[str]) -> None:
        sc = self.sc
        start = None
        for i, o in enumerate(sc.objectives):
            path = ("objectives", i, "require")
            if not self.end_conditions(o.require, path, "objective", dead_events, coachless):
                continue
            for j, c in enumerate(o.require):
                if self.always(c):
                    self.out.append(_w(path + (j,), f"this condition always holds ({c.metric} is always within it): "
                                                    "it asks nothing of the trainee"))
            if start is None:
                start = _turn_zero(sc)
            if start is None:
                continue
            w, st, all_hold = start
            if not bool(all_hold(w, st, o.require)[0]):
                continue
            keep = all(c.metric in KEEP_METRICS or (c.metric == "event_fired" and not self.needs_fired(c))
                       for c in o.require)
            if not keep:
                self.out.append(_w(("objectives", i), (
                    f"objective '{o.id}' is already met at turn 0, before the trainee does anything: "
                    "check its thresholds and at_least/at_most")))
        for i, lesson in enumerate(sc.lessons):
            self.end_conditions(lesson.when, ("lessons", i, "when"), "lesson", dead_events, coachless)

    # ------------------------------------------------------------------ coaches

    def coachless_accounts(self) -> set[str]:
        """Accounts where no stakeholder can reach the player's coach threshold in the game."""
        sc, tu = self.sc, self.sc.tuning
        k = (tu.personal_gain + tu.exec_gain + tu.exchange_gain) * HEADROOM
        found = set()
        for i, a in enumerate(sc.accounts):
            start = max((s.stance.get(self.player, 0.0) for s in a.stakeholders), default=0.0)
            for e in sc.events:
                for eff in e.effects:
                    if eff.kind == "personnel_change" and eff.account == a.id:
                        start = max(start, eff.stance.get(self.player, 0.0))
            s = start
            for _ in range(sc.turns):
                s = min(3.0, s + k * (3.0 - s) + SATISFACTION_PULL)
            if s < COACH - EPS:
                found.add(a.id)
        return found

    def coaches(self, coachless: set[str]) -> None:
        sc = self.sc
        if sc.accounts and len(coachless) == len(sc.accounts):
            self.out.append(_w(("tuning",), (
                f"no stakeholder anywhere can become the player's coach: stances cannot climb to {COACH:g} "
                f"(step 3 of the scale) within {sc.turns} turns with these stances and relationship gains "
                "(tuning.personal_gain, exec_gain, exchange_gain); coaches reveal rivals and warn of events")))

    def preferences(self) -> None:
        """A person prefers (1.5+) one supplier at most: the game keeps the higher stance
        and holds the other just below 1.5, which the author may not intend."""
        def check(stance: dict[str, float], path: tuple) -> None:
            preferred = [sid for sid, v in stance.items() if v >= PREFERS]
            if len(preferred) > 1:
                keeps = max(preferred, key=lambda sid: stance[sid])
                self.out.append(_w(path + ("stance",), (
                    f"this person prefers {' and '.join(preferred)} (stance {PREFERS:g} or more), but a person "
                    f"prefers one supplier at most: the game keeps {keeps} and holds the others just below "
                    f"{PREFERS:g}; give the others 1.4 or less")))
        for i, acc in enumerate(self.sc.accounts):
            for j, k in enumerate(acc.stakeholders):
                check(k.stance, ("accounts", i, "stakeholders", j))
        for i, ev in enumerate(self.sc.events):
            for j, eff in enumerate(ev.effects):
                if eff.kind == "personnel_change":
                    check(eff.stance, ("events", i, "effects", j))

    # ------------------------------------------------------------------ revenue baselines

    def conditions(self) -> Iterable[tuple[tuple, Condition]]:
        """Every condition and measure of the scenario, with its YAML path."""
        sc = self.sc
        for i, ev in enumerate(sc.events):
            yield from ((("events", i, "when", "conditions", j), c) for j, c in enumerate(ev.when.conditions))
        for i, o in enumerate(sc.objectives):
            yield from ((("objectives", i, "require", j), c) for j, c in enumerate(o.require))
        for i, lesson in enumerate(sc.lessons):
            yield from ((("lessons", i, "when", j), c) for j, c in enumerate(lesson.when))
        for i, ex in enumerate(sc.expectations):
            yield from ((("expectations", i, "holds", j), c) for j, c in enumerate(ex.holds))
            if ex.mean is not None:
                yield ("expectations", i, "mean"), ex.mean

    def texts(self) -> Iterable[tuple[tuple, str]]:
        """The Chinese of every bilingual text of the scenario, with its YAML path (read
        from the file's own shape: a text is a mapping of en and zh)."""
        stack: list[tuple[tuple, object]] = [((), self.sc.model_dump(by_alias=True, exclude_none=True))]
        while stack:
            path, node = stack.pop()
            if isinstance(node, dict):
                if isinstance(node.get("zh"), str) and isinstance(node.get("en"), str):
                    yield path + ("zh",), node["zh"]
                    continue
                stack.extend((path + (k,), v) for k, v in reversed(node.items()))
            elif isinstance(node, list):
                stack.extend((path + (i,), v) for i, v in reversed(list(enumerate(node))))

    def chinese_punctuation(self) -> None:
        """Latin punctuation beside a Chinese character in a text's Chinese: one warning
        per text, naming the first such mark and the Chinese one meant."""
        for path, zh in self.texts():
            found = _LATIN_MARK.search(zh)
            if found is None:
                continue
            mark = found.group().strip()
            at = zh[max(0, found.start() - 6):found.end() + 6].replace("\n", " ")
            self.out.append(_w(path, (
                f"Chinese text with the Latin '{mark}' beside a Chinese character ('{at}'): "
                f"Chinese uses {CHINESE_MARKS[mark]}")))

    def revenue_baselines(self) -> None:
        """revenue_vs_start and revenue_outside measure revenue as a multiple of what the
        side sold before the game (its starting shares of the accounts' demand). A side
        that sold nothing there has no baseline: any sale is then an endless multiple, so
        "at least 1.2x" holds with the first order and a mean reads as nonsense."""
        sc = self.sc
        for path, c in self.conditions():
            if c.metric not in ("revenue_vs_start", "revenue_outside"):
                continue
            side = c.side or self.player
            outside = c.account if c.metric == "revenue_outside" else None
            if sum(a.shares.get(side, 0.0) * a.demand for a in sc.accounts if a.id != outside) > 0:
                continue
            where = f" outside '{outside}'" if outside else ""
            self.out.append(_w(path + ("metric",), (
                f"{c.metric} measures side '{side}' against what it sold before the game{where}, and it sold "
                "nothing then (no starting share): any sale counts as an endless multiple; measure "
                "revenue or total_revenue instead")))

    def retired(self) -> None:
        """Settings that older files may still carry but that no longer do anything."""
        if self.sc.tuning.coach_at is not None:
            self.out.append(_w(("tuning", "coach_at"), (
                "coach_at is no longer used: a coach is stance 3 on the scale (2.5 and above) "
                "in every scenario; remove the line")))

    def run(self) -> list[Problem]:
        self.retired()
        self.preferences()
        self.accounts_reachable()
        dead = self.events_fire()
        coachless = self.coachless_accounts()
        self.coaches(coachless)
        self.objectives(dead, coachless)
        self.revenue_baselines()
        self.chinese_punctuation()
        return self.out


def _turn_zero(sc: Scenario):
    """(world, state at turn 0 of one game, all_hold), or None if it cannot be built."""
    from .rules.conditions import all_hold
    from .state import initial_state
    from .world import compile_world

    try:
        w = compile_world(sc)
        return w, initial_state(w, 1), all_hold
    except (KeyError, ValueError, IndexError):
        return None


def lint(sc: Scenario, doctrine_names: Iterable[str] | None = None) -> list[Problem]:
    """Warnings about likely mistakes in a scenario (empty if it has reference errors)."""
    from .scenario.refs import check_references

    if doctrine_names is None:
        from .doctrines import REGISTRY

        doctrine_names = REGISTRY
    if any(p.severity == "error" for p in check_references(sc, doctrine_names)):
        return []
    return likely_mistakes(sc)


def likely_mistakes(sc: Scenario) -> list[Problem]:
    """lint() for a scenario whose references are already known to be sound."""
    return _Linter(sc).run()
