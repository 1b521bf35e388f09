"""The player's orders: a value object keyed by scenario ids, checked before it applies.

A person (or the UI) writes `Orders`; `check_orders` lists every problem at once, and
only orders without problems become `OrderArrays`, the batched form that doctrines
also produce. Rules only ever see `OrderArrays`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from .scenario.models import LEVELS, PAY_PLANS, Level, PayPlanName
from .state import State
from .world import World


class OrderError(ValueError):
    """Orders that cannot apply. `problems` lists every reason; the state is unchanged."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("orders refused:\n" + "\n".join(f"- {p}" for p in problems))


# Orders come from anyone (a person, a bot, a browser), so the model admits only numbers
# that numpy and the checks' sums handle exactly: finite and at most MAX_AMOUNT in size,
# far beyond any scenario's capacity or budget (2**63 hires would overflow int64; 10**400
# visits cannot even become a float). Signs and limits that depend on the game (>= 0,
# capacity, budget) are check_orders' job, so they are listed together with the others.
MAX_AMOUNT = 10**12
Amount = Annotated[float, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT)]


class Orders(BaseModel):
    """One side's decisions for one turn. Empty orders are valid: nothing is spent.

    Validating an Orders instance validates it again (revalidate_instances), because its
    fields may have been changed after it was built; Batch does so before checking.
    """

    model_config = ConfigDict(extra="forbid", revalidate_instances="always")

    rep_days: dict[str, dict[Level, Amount]] = Field(default_factory=dict, description="Rep days per account and buying-center level.")
    exec_visits: dict[str, dict[Level, Count]] = Field(default_factory=dict, description="Executive visits per account and level (management or decision).")
    service: dict[str, Amount] = Field(default_factory=dict, description="Service / technical support units per account.")
    price_cut: dict[str, Amount] = Field(default_factory=dict, description="Price concession per account (0.1 = 10% off).")
    solution: dict[str, Amount] = Field(default_factory=dict, description="Solution / customisation investment per account (money).")
    pay_plan: PayPlanName | None = Field(None, description="New pay plan; None keeps the current one.")
    training: Amount = Field(0.0, description="Training budget this turn (money).")
    quality: Amount = Field(0.0, description="Quality programme budget this turn (money).")
    hire: Count = Field(0, description="Reps to hire this turn.")
    teams: list[str] = Field(default_factory=list, description="Accounts served by an iron-triangle team this turn.")
    drop: list[str] = Field(default_factory=list, description="Accounts to drop for good.")
    alliance: str | None = Field(None, description="Account to propose a joint venture to.")
    intelligence: list[str] = Field(default_factory=list, description="Accounts to buy market intelligence on.")


@dataclass
class OrderArrays:
    """Orders of every side in every game: [G,S,...] arrays, the form the rules read."""

    days: np.ndarray        # [G,S,A,L] rep days
    exec: np.ndarray        # [G,S,A,L] executive visits
    service: np.ndarray     # [G,S,A] units
    cut: np.ndarray         # [G,S,A] price concession
    solution: np.ndarray    # [G,S,A] money
    pay: np.ndarray         # [G,S] pay plan index, -1 = unchanged
    training: np.ndarray    # [G,S]
    quality: np.ndarray     # [G,S]
    hire: np.ndarray        # [G,S] int
    teams: np.ndarray       # [G,S,A] bool
    drop: np.ndarray        # [G,S,A] bool
    alliance: np.ndarray    # [G,S] account index, -1 = none
    intel: np.ndarray       # [G,S,A] bool

    @classmethod
    def empty(cls, G: int, S: int, A: int) -> "OrderArrays":
        L = len(LEVELS)
        return cls(
            days=np.zeros((G, S, A, L)), exec=np.zeros((G, S, A, L)), service=np.zeros((G, S, A)),
            cut=np.zeros((G, S, A)), solution=np.zeros((G, S, A)), pay=np.full((G, S), -1),
            training=np.zeros((G, S)), quality=np.zeros((G, S)), hire=np.zeros((G, S), int),
            teams=np.zeros((G, S, A), bool), drop=np.zeros((G, S, A), bool),
            alliance=np.full((G, S), -1), intel=np.zeros((G, S, A), bool),
        )

    def spending(self, w: World, s: int | None = None) -> np.ndarray:
        """Discretionary money the orders commit [G,S] (or [G] for one side)."""
        i = slice(None) if s is None else s  # one side's slice when only it is asked for
        return (
            self.solution[:, i].sum(-1) + self.training[:, i] + self.quality[:, i]
            + self.hire[:, i] * w.side_hire_cost[i]
            + self.exec[:, i].sum((-1, -2)) * w.side_exec_visit_cost[i]
            + self.service[:, i].sum(-1) * w.side_service_unit_cost[i]
            + self.teams[:, i].sum(-1) * w.side_team_cost[i]
            + self.intel[:, i].sum(-1) * w.side_intel_cost[i]
        )


# --------------------------------------------------------------------------- capacity


def rep_capacity(w: World, state: State) -> np.ndarray:
    """Selling days each side can spend this turn [G,S]: reps x days x morale x pay-plan effort."""
    effort = w.pay_effort[state.pay]  # [G,S]
    per_rep = state.rep_alive * (0.5 + 0.5 * state.rep_morale)  # [G,S,R]
    return per_rep.sum(-1) * w.side_rep_days[None, :] * effort


def budget(w: World, state: State) -> np.ndarray:
    """Money a side may commit this turn [G,S]: cash plus its credit line, never negative."""
    return np.maximum(state.cash + w.side_credit_line[None, :], 0.0)


# --------------------------------------------------------------------------- checking


def _fmt(x: float) -> str:
    return f"{x:.4g}"


class _OrderCheck:
    def __init__(self, w: World, state: State, s: int, orders: Orders):
        self.w, self.state, self.s, self.o = w, state, s, orders
        self.problems: list[str] = []

    def account(self, field: str, aid: str) -> int | None:
        if aid not in self.w.account_ids:
            self.problems.append(f"{field}: unknown account '{aid}' (known: {', '.join(self.w.account_ids)})")
            return None
        a = self.w.account(aid)
        if self.state.dropped[0, self.s, a] and field not in ("drop",):
            self.problems.append(f"{field}.{aid}: account was dropped; it takes no more orders")
        return a

    def amount(self, field: str, value: float, hi: float | None = None) -> None:
        try:  # validated Orders hold bounded numbers; anything else is refused, not raised
            value = float(value)
        except (TypeError, ValueError, OverflowError):
            self.problems.append(f"{field}: must be a number (got {type(value).__name__})")
            return
        if not np.isfinite(value):
            self.problems.append(f"{field}: must be a number (got {_fmt(value)})")
        elif value < 0:
            self.problems.append(f"{field}: must be zero or more (got {_fmt(value)})")
        elif hi is not None and value > hi + 1e-9:
            self.problems.append(f"{field}: must be at most {_fmt(hi)} (got {_fmt(value)})")

    def run(self) -> list[str]:
        w, s, o = self.w, self.s, self.o
        if not self.state.active[0, s]:
            # The rules mask an absent side's orders; taking them would drop them silently.
            if o != Orders():
                self.problems.append("has not entered the market yet; it gives orders once it has")
            return self.problems
        for aid, levels in o.rep_days.items():
            self.account("rep_days", aid)
            for lv, d in levels.items():
                self.amount(f"rep_days.{aid}.{lv}", d)
        for aid, levels in o.exec_visits.items():
            self.account("exec_visits", aid)
            for lv, n in levels.items():
                self.amount(f"exec_visits.{aid}.{lv}", n)
                if lv == "operational" and n:
                    self.problems.append(f"exec_visits.{aid}.operational: executives visit management or decision level only")
        for field in ("service", "price_cut", "solution"):
            hi = float(w.side_max_price_cut[s]) if field == "price_cut" else None
            for aid, v in getattr(o, field).items():
                self.account(field, aid)
                self.amount(f"{field}.{aid}", v, hi)
        for field in ("training", "quality", "hire"):
            self.amount(field, getattr(o, field))
        for field in ("teams", "drop", "intelligence"):
            for aid in getattr(o, field):
                self.account(field, aid)
        if o.alliance is not None:
            self.alliance(o.alliance)
        # Capacity and budget are checked even when something above is wrong, so a
        # person sees every problem at once (unknown accounts are left out of the sums).
        self.capacity()
        return self.problems

    def alliance(self, aid: str) -> None:
        """Refuse a proposal that can never be accepted (rules/levers.py: an account takes
        one partner, for good; it must be open to a venture, and only an event opens it).
        Chair stance and cash can still change, so they are left to the rules."""
        a = self.account("alliance", aid)
        if a is None or self.state.dropped[0, self.s, a]:  # already reported
            return
        partners = [sid for j, sid in enumerate(self.w.side_ids) if self.state.alliance[0, j, a]]
        if self.w.side_ids[self.s] in partners:
            self.problems.append(f"alliance.{aid}: this side already has a joint venture with {aid}")
        elif partners:
            self.problems.append(f"alliance.{aid}: {aid} already has a joint venture with {', '.join(partners)}; "
                                 "it takes one partner only")
        elif not self.state.alliance_open[0, a] and not any(
                eff.kind == "open_alliance" and eff.account == aid
                for ev in self.w.scenario.events for eff in ev.effects):
            self.problems.append(f"alliance.{aid}: {aid} does not consider a joint venture, "
                                 "and no event of this scenario opens one")

    def _known_only(self) -> Orders:
        """The orders without references to unknown accounts (for costing them)."""
        ids, o = set(self.w.account_ids), self.o
        return o.model_copy(update={
            **{f: {a: v for a, v in getattr(o, f).items() if a in ids}
               for f in ("rep_days", "exec_visits", "service", "price_cut", "solution")},
            **{f: [a for a in getattr(o, f) if a in ids] for f in ("teams", "drop", "intelligence")},
            "alliance": o.alliance if o.alliance in ids else None,
        })

    def capacity(self) -> None:
        w, st, s, o = self.w, self.state, self.s, self.o
        days = sum(sum(v.values()) for v in o.rep_days.values())
        cap = float(rep_capacity(w, st)[0, s])
        if days > cap + 1e-6:
            self.problems.append(f"rep_days: {_fmt(days)} days allocated but only {_fmt(cap)} available")
        visits = sum(sum(v.values()) for v in o.exec_visits.values())
        if visits > w.side_exec_visits[s]:
            self.problems.append(f"exec_visits: {visits} visits planned but only {int(w.side_exec_visits[s])} available")
        units = sum(o.service.values())
        if units > w.side_service_capacity[s] + 1e-6:
            self.problems.append(f"service: {_fmt(units)} units allocated but only {_fmt(w.side_service_capacity[s])} available")
        free_slots = int((w.rep_slot[s] & ~st.rep_alive[0, s]).sum())
        if o.hire > free_slots:
            self.problems.append(f"hire: at most {free_slots} more reps can be hired (got {o.hire})")
        arrays = to_arrays(w, st, s, self._known_only())
        spend = float(arrays.spending(w, s)[0])
        money = float(budget(w, st)[0, s])
        if spend > money + 1e-9:
            self.problems.append(f"budget: orders cost {_fmt(spend)} {w.scenario.money_unit} but only {_fmt(money)} is available")


def check_orders(w: World, state: State, s: int, orders: Orders) -> list[str]:
    """Every reason these orders cannot apply to game 0 of `state` (empty = valid).

    `orders` must have passed Orders validation (Batch reads every value again first), so
    its numbers are finite and bounded and the sums below cannot overflow.
    """
    return _OrderCheck(w, state, s, orders).run()


def to_arrays(w: World, state: State, s: int, o: Orders, into: OrderArrays | None = None) -> OrderArrays:
    """Write one side's (already checked) orders into batched arrays for every game."""
    G = state.G
    arr = into or OrderArrays.empty(G, w.S, w.A)
    idx = w.account
    for aid, levels in o.rep_days.items():
        for lv, d in levels.items():
            arr.days[:, s, idx(aid), LEVELS.index(lv)] = d
    for aid, levels in o.exec_visits.items():
        for lv, n in levels.items():
            arr.exec[:, s, idx(aid), LEVELS.index(lv)] = n
    for aid, v in o.service.items():
        arr.service[:, s, idx(aid)] = v
    for aid, v in o.price_cut.items():
        arr.cut[:, s, idx(aid)] = v
    for aid, v in o.solution.items():
        arr.solution[:, s, idx(aid)] = v
    arr.pay[:, s] = -1 if o.pay_plan is None else PAY_PLANS.index(o.pay_plan)
    arr.training[:, s] = o.training
    arr.quality[:, s] = o.quality
    arr.hire[:, s] = o.hire
    for field, target in (("teams", arr.teams), ("drop", arr.drop), ("intelligence", arr.intel)):
        for aid in getattr(o, field):
            target[:, s, idx(aid)] = True
    arr.alliance[:, s] = -1 if o.alliance is None else idx(o.alliance)
    return arr
