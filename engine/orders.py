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

from .scenario.models import LEVELS, PAY_PLANS, PayPlanName
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

    rep_days: dict[str, dict[str, Amount]] = Field(default_factory=dict, description="Rep days per account and person in its buying center (stakeholder id).")
    exec_visits: dict[str, dict[str, Count]] = Field(default_factory=dict, description="Executive visits per account and person (management or decision level only).")
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

    days: np.ndarray        # [G,S,A,K] rep days per person
    exec: np.ndarray        # [G,S,A,K] executive visits per person
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
    def empty(cls, G: int, S: int, A: int, K: int) -> "OrderArrays":
        return cls(
            days=np.zeros((G, S, A, K)), exec=np.zeros((G, S, A, K)), service=np.zeros((G, S, A)),
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

    def person(self, field: str, a: int | None, aid: str, kid: str) -> int | None:
        """The index of person `kid` at account a, or a problem naming who is there."""
        if a is None:
            return None
        people = self.w.stakeholder_ids[a]
        if kid not in people:
            hint = " (effort goes to people now, not levels)" if kid in LEVELS else ""
            self.problems.append(f"{field}.{aid}: nobody called '{kid}' at this account{hint} (there: {', '.join(people)})")
            return None
        return people.index(kid)

    def run(self) -> list[str]:
        w, s, o = self.w, self.s, self.o
        if not self.state.active[0, s]:
            # The rules mask an absent side's orders; taking them would drop them silently.
            if o != Orders():
                self.problems.append("has not entered the market yet; it gives orders once it has")
            return self.problems
        for aid, people in o.rep_days.items():
            a = self.account("rep_days", aid)
            for kid, d in people.items():
                self.person("rep_days", a, aid, kid)
                self.amount(f"rep_days.{aid}.{kid}", d)
        for aid, people in o.exec_visits.items():
            a = self.account("exec_visits", aid)
            for kid, n in people.items():
                k = self.person("exec_visits", a, aid, kid)
                self.amount(f"exec_visits.{aid}.{kid}", n)
                if k is not None and n and w.sh_level[a, k] == LEVELS.index("operational"):
                    self.problems.append(f"exec_visits.{aid}.{kid}: executives visit management or decision level only")
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
        w, o = self.w, self.o
        ids = set(w.account_ids)
        people = {aid: set(w.stakeholder_ids[a]) for a, aid in enumerate(w.account_ids)}
        return o.model_copy(update={
            **{f: {a: {k: n for k, n in v.items() if k in people[a]} for a, v in getattr(o, f).items() if a in ids}
               for f in ("rep_days", "exec_visits")},
            **{f: {a: v for a, v in getattr(o, f).items() if a in ids}
               for f in ("service", "price_cut", "solution")},
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
    arr = into or OrderArrays.empty(G, w.S, w.A, w.K)
    idx = w.account
    for field, target in (("rep_days", arr.days), ("exec_visits", arr.exec)):
        for aid, people in getattr(o, field).items():
            a = idx(aid)
            for kid, amount in people.items():
                target[:, s, a, w.stakeholder(a, kid)] = amount
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


# --------------------------------------------------------------------------- policies' means


def fit_to_means(w: World, state: State, o: OrderArrays, sides: list[int]) -> np.ndarray:
    """Bring policy sides' orders within their means: the same limits a person's orders
    are checked against (rep days, executive visits, service units, hires, budget).

    A person gets an OrderError; a doctrine or a plan decides for thousands of games at
    once from fractions, so what exceeds a limit is scaled down to it instead. Returns
    where something had to be cut [G,S] (tests assert doctrines stay within their means).
    """
    cut = np.zeros(o.pay.shape, bool)
    if not sides:
        return cut
    s = np.array(sides)
    cap = rep_capacity(w, state)[:, s]  # [G,n]
    days = o.days[:, s].sum((-1, -2))
    over = days > cap * (1 + 1e-9) + 1e-9
    o.days[:, s] *= np.where(over, cap / np.maximum(days, 1e-12), 1.0)[..., None, None]
    cut[:, s] |= over
    for arr, limit in ((o.exec, w.side_exec_visits[s]), (o.service, w.side_service_capacity[s])):
        sum_axes = tuple(range(2, arr.ndim))
        used = arr[:, s].sum(sum_axes)
        over = used > limit * (1 + 1e-9) + 1e-9
        scale = np.where(over, limit / np.maximum(used, 1e-12), 1.0)
        fitted = arr[:, s] * scale.reshape(scale.shape + (1,) * len(sum_axes))
        arr[:, s] = np.floor(fitted) if arr is o.exec else fitted
        cut[:, s] |= over
    free = (w.rep_slot[None, s] & ~state.rep_alive[:, s]).sum(-1)
    cut[:, s] |= o.hire[:, s] > free
    o.hire[:, s] = np.minimum(o.hire[:, s], free)
    # Money: discretionary amounts first, then the levers that cost per use.
    money = budget(w, state)
    for name in ("solution", "training", "quality", "intel", "teams", "hire", "service", "exec"):
        over = (o.spending(w) > money + 1e-9)
        over[:, [x for x in range(w.S) if x not in sides]] = False
        if not over.any():
            break
        cut |= over
        arr = getattr(o, name)
        mask = over.reshape(over.shape + (1,) * (arr.ndim - 2))
        if name in ("solution", "training", "quality"):
            rest = o.spending(w) - _money_of(o, name)
            room = np.maximum(money - rest, 0.0)
            scale = np.clip(room / np.maximum(_money_of(o, name), 1e-12), 0.0, 1.0) * 0.999
            arr[...] = np.where(mask, arr * scale.reshape(mask.shape), arr)
        else:
            arr[...] = np.where(mask, 0, arr)
    return cut


def _money_of(o: OrderArrays, name: str) -> np.ndarray:
    arr = getattr(o, name)
    return arr.sum(-1) if arr.ndim == 3 else arr
