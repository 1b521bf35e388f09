"""Cross-reference checks: every id a scenario mentions must exist where it points.

Pydantic checks each value on its own; these checks need the whole file at once
(an event naming an account, a stance naming a side). They return every problem found,
each with the YAML path, so the loader can position them.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from difflib import get_close_matches

from .models import LEVELS, Condition, PlanOrders, Scenario
from .problems import Problem


def _unknown(kind: str, got: str, known: Iterable[str], where: str = "") -> str:
    """``unknown stakeholder 'cfo' at account 'steel'; known: gm`` (or a did-you-mean)."""
    known = list(known)
    close = get_close_matches(got, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else (f"; known: {', '.join(known)}" if known else "")
    return f"unknown {kind} '{got}'{' ' + where if where else ''}{hint}"


class _Checker:
    def __init__(self, sc: Scenario, doctrine_names: Iterable[str] | Mapping[str, object]):
        self.sc = sc
        self.doctrines = set(doctrine_names)
        # With the registry itself (name -> doctrine) the weights' names are checked too.
        self.params = ({n: set(getattr(d, "params", {})) for n, d in doctrine_names.items()}
                       if isinstance(doctrine_names, Mapping) else {})
        self.problems: list[Problem] = []
        self.sides = {s.id: s for s in sc.sides}
        self.accounts = {a.id: a for a in sc.accounts}
        self.events = {e.id for e in sc.events}
        self.segments = {a.industry for a in sc.accounts if a.industry}

    def add(self, path: tuple, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(path=path, message=message, severity=severity))

    def unique(self, items, path: tuple, what: str) -> None:
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id in seen:
                self.add(path + (i, "id"), f"duplicate {what} id '{item.id}'")
            seen.add(item.id)

    def side(self, sid: str | None, path: tuple) -> None:
        if sid is not None and sid not in self.sides:
            self.add(path, _unknown("side", sid, self.sides))

    def account(self, aid: str | None, path: tuple) -> bool:
        if aid is not None and aid not in self.accounts:
            self.add(path, _unknown("account", aid, self.accounts))
            return False
        return aid is not None

    def stakeholder(self, aid: str, kid: str, path: tuple) -> None:
        ids = [k.id for k in self.accounts[aid].stakeholders]
        if kid not in ids:
            self.add(path, _unknown("stakeholder", kid, ids, f"at account '{aid}'"))

    def rep(self, sid: str, rep: str, path: tuple) -> None:
        """A rep named by id: the side must list its reps by name (a head count has no ids)."""
        side = self.sides.get(sid)
        if side is None:
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
        for i, s in enumerate(sc.sides):
            self.check_side(i, s)
        for i, a in enumerate(sc.accounts):
            self.check_account(i, a)
        for i, e in enumerate(sc.events):
            self.check_event(i, e)
        for i, o in enumerate(sc.objectives):
            for j, c in enumerate(o.require):
                self.condition(c, ("objectives", i, "require", j))
        for i, lesson in enumerate(sc.lessons):
            for j, c in enumerate(lesson.when):
                self.condition(c, ("lessons", i, "when", j))
        for i, st in enumerate(sc.strategies):
            self.check_strategy(i, st)
        self.unique(sc.expectations, ("expectations",), "expectation")
        for i, ex in enumerate(sc.expectations):
            self.check_expectation(i, ex)
        return self.problems

    def check_side(self, i: int, s) -> None:
        path = ("sides", i)
        if isinstance(s.reps, list):
            self.unique(s.reps, path + ("reps",), "rep")
            count = len(s.reps)
        else:
            count = s.reps
            if count < 0 or count > 64:
                self.add(path + ("reps",), f"must be between 0 and 64 (got {count})")
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
        if s.id != self.sc.player_id and s.doctrine is None and self.sc.player_id in self.sides:
            self.add(path, f"rival '{s.id}' needs a doctrine (how it plays when no person does)")
        if s.id == self.sc.player_id and not s.active:
            self.add(path + ("active",), "the player's side must be active from the start")

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
        if w.turn is None and w.chance is None and not w.conditions:
            self.add(path + ("when",), "needs turn, chance or conditions")
        if w.turn is not None and w.turn > self.sc.turns:
            self.add(path + ("when", "turn"), f"turn {w.turn} is after the last turn ({self.sc.turns}); the event never fires", "warning")
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
            if target is not None and target in self.sides and self.sides[target].active:
                self.add(path + (field,), f"side '{target}' is active from the start; set active: false to let it enter")
            if eff.kind == "rep_resignation" and eff.spin_off is not None and eff.spin_off not in self.sides:
                self.side(eff.spin_off, path + ("spin_off",))
            if eff.kind == "rep_resignation" and eff.rep != "top":
                self.rep(eff.side, eff.rep, path + ("rep",))

    def condition(self, c: Condition, path: tuple) -> None:
        self.side(c.side, path + ("side",))
        if self.account(c.account, path + ("account",)) and c.stakeholder is not None:
            self.stakeholder(c.account, c.stakeholder, path + ("stakeholder",))
        if c.event is not None and c.event not in self.events:
            self.add(path + ("event",), _unknown("event", c.event, self.events))
        if c.segment is not None and c.segment not in self.segments:
            self.add(path + ("segment",), _unknown("segment", c.segment, sorted(self.segments)))

    def check_expectation(self, i: int, ex) -> None:
        path = ("expectations", i)
        plans = [st.id for st in self.sc.strategies if st.side in (None, self.sc.player_id)]
        for key in ("plan", "versus"):
            name = getattr(ex, key)
            if name is not None and name not in plans and name not in self.doctrines:
                self.add(path + (key,), _unknown("plan", name, plans + sorted(self.doctrines),
                                                 "(a strategy of the trainee's side, or a bot or doctrine)"))
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
        people = self.accounts[aid].stakeholders
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


def check_references(sc: Scenario, doctrine_names: Iterable[str] | Mapping[str, object]) -> list[Problem]:
    """Every broken cross-reference in the scenario, plus warnings about likely mistakes."""
    return _Checker(sc, doctrine_names).run()
