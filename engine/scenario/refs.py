"""Cross-reference checks: every id a scenario mentions must exist where it points.

Pydantic checks each value on its own; these checks need the whole file at once
(an event naming an account, a stance naming a side). They return every problem found,
each with the YAML path, so the loader can position them.

A file the schema refuses is still checked, part by part (check_partial_references):
a trainer sees the broken references beside the schema errors in one run, instead of
fixing the schema errors only to be refused again for the references.
"""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .models import (LEVELS, Account, Condition, Event, Expectation, Lesson, Objective, PlanOrders, Scenario, Side,
                     Strategy)
from .problems import Problem


# Largest demand an account may reach by the last turn. Each number is bounded on its own
# (models.py), but growth and demand_change events that repeat multiply demand turn after
# turn; past this the game's money sums (some kept in float32) would overflow.
MAX_REACHED_DEMAND = 1e20


def _unknown(kind: str, got: str, known: Iterable[str], where: str = "") -> str:
    """``unknown stakeholder 'cfo' at account 'steel'; known: gm`` (or a did-you-mean).
    The known names are listed in the order given, each once (a duplicated id is an error
    of its own, reported where it is written)."""
    known = list(dict.fromkeys(known))
    # (a full-width id, from a Chinese input method, is close to its plain form only)
    close = get_close_matches(got, known, n=1) or get_close_matches(unicodedata.normalize("NFKC", got), known, n=1)
    hint = f"; did you mean '{close[0]}'?{_look_alike(got, close[0])}" if close else (
        f"; known: {', '.join(known)}" if known else "")
    return f"unknown {kind} '{got}'{' ' + where if where else ''}{hint}"


def _look_alike(got: str, meant: str) -> str:
    """What tells two ids apart that a screen shows alike: 'huaxin' typed with a Cyrillic
    'х', or with full-width letters from a Chinese input method. Named by character, as
    the trainer would otherwise read "unknown 'huaxin'; did you mean 'huaxin'?"."""
    if len(got) != len(meant):
        return ""
    odd = [(i, a, b) for i, (a, b) in enumerate(zip(got, meant)) if a != b and not a.isascii()]
    if not odd:
        return ""
    i, a, b = odd[0]
    more = f"; {len(odd) - 1} more like it" if len(odd) > 1 else ""
    return (f" (character {i + 1} is '{a}', {unicodedata.name(a, f'U+{ord(a):04X}')}, "
            f"not '{b}'{more})")


@dataclass(frozen=True)
class Unchecked:
    """Stands in for a list item the schema refused (a side, an account, an event...).

    Its id, when written as text, still names something that exists, so references to
    it are not reported as unknown; nothing else inside it is checked, except that a
    refused account whose people all have ids written as text still lists them: a wrong
    value in one person's row must not hide an event that names someone not there. So
    does its industry (a segment), when it is text or left out.
    """

    id: str | None
    people: tuple[str, ...] | None = None  # a refused account's stakeholder ids, when readable
    industry: str | None = None  # a refused account's industry ("" when left out), when readable


class _Checker:
    def __init__(self, sc: Scenario, doctrine_names: Iterable[str] | Mapping[str, object],
                 refused: frozenset[str] = frozenset()):
        """``refused``: top-level keys whose values the schema refused (partial checks);
        checks that depend on them are skipped."""
        self.sc = sc
        self.refused = refused
        self.doctrines = set(doctrine_names)
        # With the registry itself (name -> doctrine) the weights' names are checked too.
        self.params = ({n: set(getattr(d, "params", {})) for n, d in doctrine_names.items()}
                       if isinstance(doctrine_names, Mapping) else {})
        self.problems: list[Problem] = []
        self.sides = {s.id: s for s in sc.sides if s.id is not None}
        self.accounts = {a.id: a for a in sc.accounts if a.id is not None}
        self.events = dict.fromkeys(e.id for e in sc.events if e.id is not None)  # file order, for 'known: ...'
        # An account the schema refused whose industry cannot be read may hold a segment:
        # then segments cannot be checked.
        self.segments = (None if any(isinstance(a, Unchecked) and a.industry is None for a in sc.accounts)
                         else {a.industry for a in sc.accounts if a.industry})
        self.turns = None if "turns" in refused else sc.turns
        first = sc.sides[0].id if sc.sides else None
        self.player_id = None if "player" in refused else (sc.player or first)

    def add(self, path: tuple, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(path=path, message=message, severity=severity))

    def unique(self, items, path: tuple, what: str) -> None:
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id is None:
                continue
            if item.id in seen:
                self.add(path + (i, "id"), f"duplicate {what} id '{item.id}'")
            seen.add(item.id)

    def side(self, sid: str | None, path: tuple) -> None:
        if sid is not None and "sides" not in self.refused and sid not in self.sides:
            self.add(path, _unknown("side", sid, self.sides))

    def account(self, aid: str | None, path: tuple) -> bool:
        if "accounts" in self.refused:
            return False
        if aid is not None and aid not in self.accounts:
            self.add(path, _unknown("account", aid, self.accounts))
            return False
        return aid is not None

    def stakeholder(self, aid: str, kid: str, path: tuple) -> None:
        acc = self.accounts[aid]
        if isinstance(acc, Unchecked):
            if acc.people is None:
                return
            ids = list(acc.people)
        else:
            ids = [k.id for k in acc.stakeholders]
        if kid not in ids:
            self.add(path, _unknown("stakeholder", kid, ids, f"at account '{aid}'"))

    def rep(self, sid: str, rep: str, path: tuple) -> None:
        """A rep named by id: the side must list its reps by name (a head count has no ids)."""
        side = self.sides.get(sid)
        if side is None or isinstance(side, Unchecked):
            return
        if not isinstance(side.reps, list):
            self.add(path, f"side '{sid}' gives only a head count of reps (reps: {side.reps}); "
                           f"list them with ids (reps: [{{id: {rep}, ...}}]) to refer to '{rep}'")
        elif rep not in {r.id for r in side.reps}:
            self.add(path, _unknown("rep", rep, [r.id for r in side.reps], f"of side '{sid}'"))

    def side_keys(self, mapping: dict, path: tuple) -> None:
        for sid in mapping:
            self.side(sid, path + (sid,))

    def run(self) -> list[Problem]:
        sc = self.sc
        self.unique(sc.sides, ("sides",), "side")
        self.unique(sc.accounts, ("accounts",), "account")
        self.unique(sc.events, ("events",), "event")
        self.unique(sc.objectives, ("objectives",), "objective")
        self.unique(sc.lessons, ("lessons",), "lesson")
        self.unique(sc.strategies, ("strategies",), "strategy")
        self.side(sc.player, ("player",))
        for i, s in _checked(sc.sides):
            self.check_side(i, s)
        for i, a in _checked(sc.accounts):
            self.check_account(i, a)
        for i, e in _checked(sc.events):
            self.check_event(i, e)
        for i, o in _checked(sc.objectives):
            for j, c in enumerate(o.require):
                self.condition(c, ("objectives", i, "require", j))
        for i, lesson in _checked(sc.lessons):
            for j, c in enumerate(lesson.when):
                self.condition(c, ("lessons", i, "when", j))
        for i, st in _checked(sc.strategies):
            self.check_strategy(i, st)
        self.unique(sc.expectations, ("expectations",), "expectation")
        for i, ex in _checked(sc.expectations):
            self.check_expectation(i, ex)
        self.check_scorecard()
        for i, step in enumerate(sc.guide):
            path = ("guide", i)
            if self.account(step.account, path + ("account",)) and step.person is not None:
                self.stakeholder(step.account, step.person, path + ("person",))
            if step.person is not None and step.account is None:
                self.add(path + ("person",), "a guide step naming a person must name its account too")
        self.demand_reach()
        return self.problems

    def check_side(self, i: int, s) -> None:
        path = ("sides", i)
        if isinstance(s.reps, list):
            self.unique(s.reps, path + ("reps",), "rep")
            count = len(s.reps)
        else:
            count = s.reps
        if s.max_reps is not None and s.max_reps < count:
            self.add(path + ("max_reps",), f"must be at least the starting head count {count} (got {s.max_reps})")
        if s.doctrine is not None and s.doctrine.name not in self.doctrines:
            self.add(path + ("doctrine", "name"), _unknown("doctrine", s.doctrine.name, sorted(self.doctrines)))
        elif s.doctrine is not None and s.doctrine.name in self.params:
            known = sorted(self.params[s.doctrine.name])
            for key in s.doctrine.params:
                if key not in known:
                    close = get_close_matches(key, known, n=1)
                    hint = f"did you mean '{close[0]}'?" if close else f"it has: {', '.join(known) or 'none'}"
                    self.add(path + ("doctrine", "params", key),
                             f"doctrine '{s.doctrine.name}' has no weight '{key}'; {hint}")
        # (with an unknown player id every side would look like a rival: say it once, at player)
        if s.id != self.player_id and s.doctrine is None and self.player_id in self.sides:
            self.add(path, f"rival '{s.id}' needs a doctrine (how it plays when no person does)")
        if s.id == self.player_id and not s.active:
            self.add(path + ("active",), "the player's side must be active from the start")

    def check_scorecard(self) -> None:
        card = self.sc.scorecard
        weighed = "at least one perspective (financial, customer, process, learning) must have a positive weight"
        for path, weights in [(("scorecard",), card), *((("scorecard", "stages", j), st)
                                                       for j, st in enumerate(card.stages))]:
            if sum(getattr(weights, p) for p in ("financial", "customer", "process", "learning")) <= 0:
                self.add(path, weighed)  # else every game scores 0, whatever was played
        stars = list(card.stars)
        if stars != sorted(stars):  # else the star rules contradict the stars a game gets
            self.add(("scorecard", "stars"), "the scores for 1, 2 and 3 stars must not go down "
                                             f"(got {', '.join(f'{x:g}' for x in stars)})")

    def check_account(self, i: int, a) -> None:
        path = ("accounts", i)
        self.side_keys(a.shares, path + ("shares",))
        self.side_keys(a.satisfaction, path + ("satisfaction",))
        for sid, rep in a.owner.items():
            self.side(sid, path + ("owner", sid))
            self.rep(sid, rep, path + ("owner", sid))
        for n in a.hidden_needs:
            if a.needs.get(n, 0) <= 0:
                self.add(path + ("hidden_needs",), f"hidden need '{n}' has no weight in needs", "warning")
        if sum(a.needs.values()) <= 0:
            self.add(path + ("needs",), "at least one need must have a positive weight")
        self.unique(a.stakeholders, path + ("stakeholders",), "stakeholder")
        chairs = [j for j, k in enumerate(a.stakeholders) if k.chair]
        for j in chairs[1:]:
            self.add(path + ("stakeholders", j, "chair"), "an account has at most one chair")
        for j, k in enumerate(a.stakeholders):
            self.side_keys(k.stance, path + ("stakeholders", j, "stance"))
            self.side_keys(k.personal, path + ("stakeholders", j, "personal"))

    def check_event(self, i: int, e) -> None:
        path = ("events", i)
        w = e.when
        if w.turn is None and w.turn_range is None and w.chance is None and not w.conditions:
            self.add(path + ("when",), "needs turn, turn_range, chance or conditions")
        if w.turn_range is not None and self.turns is not None and w.turn_range[0] > self.turns:
            self.add(path + ("when", "turn_range"), f"turn_range starts after the last turn ({self.turns}); the event never fires", "warning")
        if w.turn is not None and self.turns is not None and w.turn > self.turns:
            self.add(path + ("when", "turn"), f"turn {w.turn} is after the last turn ({self.turns}); the event never fires", "warning")
        for j, c in enumerate(w.conditions):
            self.condition(c, path + ("when", "conditions", j))
        for j, eff in enumerate(e.effects):
            self.check_effect(eff, path + ("effects", j))

    def check_effect(self, eff, path: tuple) -> None:
        aid = getattr(eff, "account", None)
        if self.account(aid, path + ("account",)) and hasattr(eff, "stakeholder"):
            self.stakeholder(aid, eff.stakeholder, path + ("stakeholder",))
        if hasattr(eff, "side"):
            self.side(eff.side, path + ("side",))
        for key in ("stance", "personal"):
            if hasattr(eff, key):
                self.side_keys(getattr(eff, key), path + (key,))
        if eff.kind in ("rival_entry", "rep_resignation"):
            target = eff.side if eff.kind == "rival_entry" else eff.spin_off
            field = "side" if eff.kind == "rival_entry" else "spin_off"
            side = self.sides.get(target) if target is not None else None
            if side is not None and not isinstance(side, Unchecked) and side.active:
                self.add(path + (field,), f"side '{target}' is active from the start; set active: false to let it enter")
            if eff.kind == "rep_resignation" and eff.spin_off is not None and eff.spin_off not in self.sides:
                self.side(eff.spin_off, path + ("spin_off",))
            if eff.kind == "rep_resignation" and eff.rep != "top":
                self.rep(eff.side, eff.rep, path + ("rep",))

    def demand_reach(self) -> None:
        """Refuse demand that growth and repeated demand changes would take past
        MAX_REACHED_DEMAND (worked out in logarithms: the product itself may overflow)."""
        if self.turns is None:
            return
        for i, a in _checked(self.sc.accounts):
            log_reach = math.log(a.demand) + self.turns * math.log1p(max(a.growth, 0.0))
            for _, e in _checked(self.sc.events):
                w = e.when
                last = min(self.turns, w.to_turn or self.turns)
                firings = 1 if w.turn is not None or not w.repeat else max(last - w.from_turn + 1, 0)
                for eff in e.effects:
                    if eff.kind == "demand_change" and eff.account == a.id and eff.factor > 1:
                        log_reach += firings * math.log(eff.factor)
            if log_reach > math.log(MAX_REACHED_DEMAND):
                self.add(("accounts", i, "demand"), (
                    f"demand can grow to about 1e{log_reach / math.log(10):.0f} by the last turn "
                    f"(growth and demand_change events multiply it); at most {MAX_REACHED_DEMAND:g} "
                    "keeps the game's sums finite: lower the growth or the factors, or repeat them less"))

    def condition(self, c: Condition, path: tuple) -> None:
        self.side(c.side, path + ("side",))
        if self.account(c.account, path + ("account",)) and c.stakeholder is not None:
            self.stakeholder(c.account, c.stakeholder, path + ("stakeholder",))
        if c.event is not None and "events" not in self.refused and c.event not in self.events:
            self.add(path + ("event",), _unknown("event", c.event, self.events))
        if c.segment is not None and self.segments is not None and c.segment not in self.segments:
            self.add(path + ("segment",), _unknown("segment", c.segment, sorted(self.segments)))

    def check_expectation(self, i: int, ex) -> None:
        path = ("expectations", i)
        # A strategy the schema refused may be the one named: then plans are not checked.
        unsure = "strategies" in self.refused or any(isinstance(st, Unchecked) for st in self.sc.strategies)
        plans = [st.id for _, st in _checked(self.sc.strategies) if st.side in (None, self.player_id)]
        for key in ("plan", "versus"):
            name = getattr(ex, key)
            base = name.removesuffix(":blind") if name is not None else None  # a strategy played on the org chart
            if name is not None and not unsure and base not in plans and name not in self.doctrines:
                self.add(path + (key,), _unknown("plan", name, plans + sorted(self.doctrines),
                                                 "(a strategy of the trainee's side, '<strategy>:blind' for it "
                                                 "played on the org chart alone, or a bot or doctrine)"))
        for j, c in enumerate(ex.holds):
            self.condition(c, path + ("holds", j))
        if ex.mean is not None:
            self.condition(ex.mean, path + ("mean",))

    def check_strategy(self, i: int, st) -> None:
        path = ("strategies", i)
        self.side(st.side, path + ("side",))
        if st.phases and st.phases[0].from_turn != 1:
            self.add(path + ("phases", 0, "from_turn"), f"the first phase must start at turn 1 (got {st.phases[0].from_turn})")
        for j in range(1, len(st.phases)):
            if st.phases[j].from_turn <= st.phases[j - 1].from_turn:
                self.add(path + ("phases", j, "from_turn"), "phases must start at increasing turns")
        for j, ph in enumerate(st.phases):
            self.plan_orders(ph.orders, path + ("phases", j, "orders"))

    def plan_target(self, key: str, aid: str, target: str, path: tuple) -> None:
        """A plan's rep time or visit goes to a person at the account or, as shorthand, to a
        level there: a name that is neither is an error; a level with nobody on it, or an
        executive visit to the shop floor, would be effort aimed at nobody."""
        acc = self.accounts[aid]
        if isinstance(acc, Unchecked):  # only names can be checked: who sits where is unknown
            if acc.people is not None and target not in acc.people and target not in LEVELS:
                self.add(path, _unknown("person or level", target, list(acc.people) + list(LEVELS), f"at account '{aid}'"))
            return
        people = acc.stakeholders
        if any(k.id == target for k in people):
            if key == "exec_visits" and next(k for k in people if k.id == target).level == "operational":
                self.add(path, f"executives visit management or decision level only; '{target}' is operational")
            return
        if target not in LEVELS:
            self.add(path, _unknown("person or level", target, [k.id for k in people] + list(LEVELS), f"at account '{aid}'"))
        elif key == "exec_visits" and target == "operational":
            self.add(path, "executives visit management or decision level only")
        elif not any(k.level == target for k in people):
            self.add(path, f"nobody at '{aid}' is at the {target} level: this effort would be aimed at nobody "
                              f"(name a person, or a level someone holds: {', '.join(sorted({k.level for k in people}))})",
                        severity="warning")

    def plan_orders(self, o: PlanOrders, path: tuple) -> None:
        for key in ("rep_time", "exec_visits", "service", "price_cut", "solution"):
            for aid in getattr(o, key):
                self.account(aid, path + (key, aid))
        for key in ("rep_time", "exec_visits"):
            for aid, targets in getattr(o, key).items():
                if aid in self.accounts:
                    for target in targets:
                        self.plan_target(key, aid, target, path + (key, aid, target))
        for key in ("teams", "drop", "intelligence"):
            for j, aid in enumerate(getattr(o, key)):
                self.account(aid, path + (key, j))
        self.account(o.alliance, path + ("alliance",))
        total = sum(sum(v.values()) for v in o.rep_time.values())
        if total > 1 + 1e-9:
            self.add(path + ("rep_time",), f"rep time shares add up to more than 1 (got {total:g})")
        service = sum(o.service.values())
        if service > 1 + 1e-9:
            self.add(path + ("service",), f"service shares add up to more than 1 (got {service:g})")


def _checked(items: list) -> list[tuple[int, Any]]:
    """(index in the file, item) for the items the schema accepted."""
    return [(i, item) for i, item in enumerate(items) if not isinstance(item, Unchecked)]


def check_references(sc: Scenario, doctrine_names: Iterable[str] | Mapping[str, object]) -> list[Problem]:
    """Every broken cross-reference in the scenario, plus warnings about likely mistakes."""
    return _Checker(sc, doctrine_names).run()


# The lists of things with ids: each item is validated on its own, so one refused item
# leaves the references of every other one checkable.
_ITEMS: dict[str, type[BaseModel]] = {
    "sides": Side, "accounts": Account, "events": Event,
    "objectives": Objective, "lessons": Lesson, "strategies": Strategy, "expectations": Expectation,
}


def partial_scenario(data: Any) -> tuple[Scenario, frozenset[str]] | None:
    """What the schema accepts of refused scenario data, part by part, and which top-level
    keys it refused; None if the data is not a mapping at all.

    Each item of the id-bearing lists (sides, accounts, events...) is validated on its
    own; a refused one becomes an Unchecked holding its id. Every other top-level value
    is validated against its field alone. A key that is missing though required, or
    refused, is in the returned set. The result is built without validating the whole
    (its lists may be empty, required keys absent): it is only for reference checks.
    """
    if not isinstance(data, dict):
        return None
    fields: dict[str, Any] = {name: [] for name in _ITEMS}
    refused: set[str] = set()
    for name, field in Scenario.model_fields.items():
        key = field.alias or name
        if key not in data:
            if field.is_required():
                refused.add(name)
            continue
        value = data[key]
        if name in _ITEMS:
            if isinstance(value, list):
                fields[name] = [_item(_ITEMS[name], v) for v in value]
            else:  # what it should list is unknown: nothing can be said to be missing from it
                refused.add(name)
            continue
        expected = Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
        try:
            fields[name] = TypeAdapter(expected).validate_python(value)
        except ValidationError:
            refused.add(name)
    return Scenario.model_construct(**fields), frozenset(refused)


def _item(model: type[BaseModel], raw: Any) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError:
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        return Unchecked(raw_id if isinstance(raw_id, str) else None, _people_ids(raw), _industry(raw))


def _industry(raw: Any) -> str | None:
    """A refused account's industry: its text, "" when left out, None when unreadable."""
    if not isinstance(raw, dict):
        return None
    industry = raw.get("industry", "")
    return industry if isinstance(industry, str) else None


def _people_ids(raw: Any) -> tuple[str, ...] | None:
    """The stakeholder ids of a refused account, if every person in it has one as text."""
    people = raw.get("stakeholders") if isinstance(raw, dict) else None
    if not isinstance(people, list) or not all(isinstance(k, dict) and isinstance(k.get("id"), str) for k in people):
        return None
    return tuple(k["id"] for k in people)


def check_partial_references(data: Any, doctrine_names: Iterable[str] | Mapping[str, object]) -> list[Problem]:
    """check_references() on the parts of refused scenario data that the schema accepts."""
    found = partial_scenario(data)
    if found is None:
        return []
    sc, refused = found
    return _Checker(sc, doctrine_names, refused).run()
