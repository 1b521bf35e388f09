"""A side's orders: a value object keyed by scenario ids, checked before it applies.

A person (or the UI, or a browser) writes `Orders`; `check_orders` lists every problem at
once, and only orders without problems become `OrderArrays`, the batched form that
doctrines also produce. Rules only ever see `OrderArrays`. Both forms, the costing and
the checks are derived from the one table of levers in engine/order_levers.py.
"""
from __future__ import annotations

import math
from typing import Annotated

import numpy as np
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model
from pydantic_core import PydanticCustomError

from .order_levers import BY_NAME, LEVERS, Lever, model_field
from .arrays import SMALL
from .order_problems import OrderProblem
from .state import State
from .vocab import LEVELS
from .world import World


class OrderError(ValueError):
    """Orders that cannot apply. `problems` lists every reason (OrderProblem values, which
    are their English text); the state is unchanged."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("orders refused:\n" + "\n".join(f"- {p}" for p in problems))


# Orders come from anyone (a person, a bot, a browser), so the model admits only numbers
# that numpy and the checks' sums handle exactly: finite and at most MAX_AMOUNT in size,
# far beyond any scenario's capacity or budget (2**63 hires would overflow int64; 10**400
# visits cannot even become a float). Signs and limits that depend on the game (>= 0,
# capacity, budget) are check_orders' job, so they are listed together with the others.
MAX_AMOUNT = 10**12


def _not_a_flag(value: object) -> object:
    """true or false where a number belongs is refused, not read as 1 and 0 (pydantic's
    default): JSON from a browser saying {"hire": true} would hire a rep."""
    if isinstance(value, bool):
        raise PydanticCustomError("not_a_number", "must be a number (got {got})", {"got": str(value).lower()})
    return value


# (The limits first: placed after a validator they would be checked apart from the number's
# type, and a NaN would read "greater than or equal to ..." instead of "a finite number".)
Amount = Annotated[float, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT, allow_inf_nan=False), BeforeValidator(_not_a_flag)]
Count = Annotated[int, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT), BeforeValidator(_not_a_flag)]


def _order_field(lv: Lever):
    """The Orders field of a lever: bounded numbers (counts for visits and hires)."""
    return model_field(lv, Count if lv.kind == "count" else Amount, lv.description)


class _OrdersBase(BaseModel):
    """One side's decisions for one turn. Empty orders are valid: nothing is spent.

    Validating an Orders instance validates it again (revalidate_instances), because its
    fields may have been changed after it was built; Batch does so before checking.
    The validator is built at the first validation (defer_build): a game of bots alone,
    such as `kaw run`, never validates orders and need not build it.
    """

    model_config = ConfigDict(extra="forbid", revalidate_instances="always", defer_build=True)


Orders = create_model("Orders", __base__=_OrdersBase, __module__=__name__,
                      **{lv.name: _order_field(lv) for lv in LEVERS})
Orders.__doc__ = _OrdersBase.__doc__


COSTED = tuple((lv.array, lv.unit_cost) for lv in LEVERS if lv.unit_cost is not None)
"""The levers that cost money: (array, World price array or "money"), from the table."""


class OrderArrays:
    """Orders of every side in every game: one array per lever, [G,S] for a side's levers,
    [G,S,A] per account, [G,S,A,K] per person (`days`, `exec`); choices hold an index
    (-1 = none). Named by each lever's `array` (engine/order_levers.py)."""

    def __init__(self, **arrays: np.ndarray):
        self.__dict__.update(arrays)

    @classmethod
    def empty(cls, G: int, S: int, A: int, K: int) -> "OrderArrays":
        if G != 1:  # a batch (or some of its games): fill once, nothing worth keeping
            return cls(**_filled(G, S, A, K))
        key = (G, S, A, K)
        if key not in _EMPTY:  # an interactive game asks for the same shape every turn
            _EMPTY[key] = _filled(G, S, A, K)
        return cls(**{name: arr.copy() for name, arr in _EMPTY[key].items()})

    def spending(self, w: World, s: int | None = None) -> np.ndarray:
        """Discretionary money the orders commit [G,S] (or [G] for one side).

        A lever nobody uses is skipped: it would add exactly zero, and a doctrine asks
        what it has committed several times a turn while most levers are still empty."""
        i = slice(None) if s is None else s  # one side's slice when only it is asked for
        total_of = _per_side if s is None else _total
        total = None
        arrays, prices = self.__dict__, w.arrays
        for array, cost in COSTED:
            x = arrays[array][:, i]
            if x.size <= SMALL and not np.count_nonzero(x):  # (a large batch's levers are
                continue                                       # used: testing costs a pass)
            used = total_of(x)
            if cost != "money":
                used = used * prices[cost][i]
            total = used if total is None else total + used
        if total is None:
            return np.zeros(self.pay.shape if s is None else self.pay.shape[:1])
        return total


_EMPTY: dict[tuple[int, int, int, int], dict[str, np.ndarray]] = {}  # one game's empty orders, by shape


def _filled(G: int, S: int, A: int, K: int) -> dict[str, np.ndarray]:
    shape = {"side": (G, S), "account": (G, S, A), "person": (G, S, A, K)}
    # Zeros come from calloc: a large batch's pages are zeroed by the system as they are
    # first written, not filled here first (the same values as np.full with 0).
    return {lv.array: np.zeros(shape[lv.per], lv.dtype) if lv.empty_value == 0 else
            np.full(shape[lv.per], lv.empty_value, lv.dtype) for lv in LEVERS}


def _per_side(arr: np.ndarray) -> np.ndarray:
    """A lever's total per side and game: summed over accounts and people."""
    return arr.reshape(arr.shape[:2] + (-1,)).sum(-1) if arr.ndim > 2 else arr


def _total(arr: np.ndarray) -> np.ndarray:
    """Like _per_side, for one side's slice [G,...] -> [G]."""
    return arr.reshape(arr.shape[0], -1).sum(-1) if arr.ndim > 1 else arr


# --------------------------------------------------------------------------- capacity


def rep_capacity(w: World, state: State) -> np.ndarray:
    """Selling days each side can spend this turn [G,S]: reps x days x morale x pay-plan effort."""
    effort = w.pay_effort[state.pay]  # [G,S]
    per_rep = state.rep_alive * (0.5 + 0.5 * state.rep_morale)  # [G,S,R]
    return per_rep.sum(-1) * w.side_rep_days[None, :] * effort


def budget(w: World, state: State) -> np.ndarray:
    """Money a side may commit this turn [G,S]: cash plus its credit line, never negative."""
    return np.maximum(state.cash + w.side_credit_line[None, :], 0.0)


def free_slots(w: World, state: State) -> np.ndarray:
    """Reps each side could still hire [G,S]."""
    return (w.rep_slot[None] & ~state.rep_alive).sum(-1)


def limits(w: World, state: State, capacity: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """The most of each capacity-bound lever a side may use this turn, by lever [G,S]
    (`capacity`: rep_capacity, when the caller has it already)."""
    G = state.G
    out = {}
    for lv in LEVERS:
        if lv.capacity == "rep_days":
            out[lv.name] = rep_capacity(w, state) if capacity is None else capacity
        elif lv.capacity == "free_slots":
            out[lv.name] = free_slots(w, state)
        elif lv.capacity is not None:
            out[lv.name] = _fixed_limit(w, lv.capacity, G)
    return out


def _fixed_limit(w: World, capacity: str, G: int) -> np.ndarray:
    """A capacity the world fixes per side, as a read-only [G,S] view (made once per size)."""
    key = ("limit", capacity, G)
    if key not in w.memo:
        w.memo[key] = np.broadcast_to(getattr(w, capacity), (G, w.S))
    return w.memo[key]


CAPACITY_WORDS = {"rep_days": ("over_capacity", "days"), "exec_visits": ("over_visits", "visits"),
                  "service": ("over_capacity", "units"), "hire": ("hire_slots", None)}


# --------------------------------------------------------------------------- checking


def _fmt(x: float) -> str:
    return f"{x:.4g}"


class _OrderCheck:
    """Every problem with one side's orders, lever by lever from the table."""

    def __init__(self, w: World, state: State, s: int, orders: Orders, g: int = 0):
        self.w, self.state, self.s, self.o, self.g = w, state, s, orders, g
        self.problems: list[OrderProblem] = []
        self.placed: OrderArrays | None = None  # the orders in every game, once costed
        # Read as Python values once: the checks below look each account and person up.
        self.indexes = w.indexes
        self.dropped = state.dropped[g, s].tolist()  # [A]

    def add(self, where: str, code: str, **about) -> None:
        self.problems.append(OrderProblem(where, code, **about))

    def account(self, lever: str, aid: str, where: str | None = None) -> int | None:
        a = self.indexes[0].get(aid)
        if a is None:
            self.add(where or lever, "unknown_account", lever=lever, account=aid, got=aid,
                     known=", ".join(self.w.account_ids))
            return None
        if lever == "drop":
            return a
        if self.dropped[a]:
            self.add(f"{lever}.{aid}", "dropped", lever=lever, account=aid)
        elif aid in self.o.drop:  # dropped this quarter: the rules drop it first, so it would be wasted
            self.add(f"{lever}.{aid}", "dropping", lever=lever, account=aid)
        return a

    def amount(self, lv: Lever, where: str, value, hi: float | None = None, **about) -> None:
        try:  # validated Orders hold bounded numbers; anything else is refused, not raised
            value = float(value)
        except (TypeError, ValueError, OverflowError):
            self.add(where, "not_a_number", lever=lv.name, got=type(value).__name__, **about)
            return
        if not math.isfinite(value):  # (a Python float: numpy's scalar call costs 10x more)
            self.add(where, "not_a_number", lever=lv.name, got=_fmt(value), **about)
        elif value < 0:
            self.add(where, "negative", lever=lv.name, got=_fmt(value), **about)
        elif hi is not None and value > hi + 1e-9:
            self.add(where, "too_high", lever=lv.name, got=_fmt(value), limit=_fmt(hi), **about)

    def person(self, lv: Lever, a: int | None, aid: str, kid: str) -> int | None:
        """The index of person `kid` at account a, or a problem naming who is there."""
        if a is None:
            return None
        k = self.indexes[1][a].get(kid)
        if k is None:
            people = self.w.stakeholder_ids[a]
            self.add(f"{lv.name}.{aid}", "unknown_person", lever=lv.name, account=aid, person=kid, got=kid,
                     hint="levels" if kid in LEVELS else "", known=", ".join(people))
        return k

    def lever(self, lv: Lever) -> None:
        value = getattr(self.o, lv.name)
        hi = float(getattr(self.w, lv.bound)[self.s]) if lv.bound else None
        if lv.kind == "flag":
            for aid in value:
                self.account(lv.name, aid)
        elif lv.kind == "choice":
            if value is not None and lv.choices is None:
                self.venture(value) if lv.name == "alliance" else self.account(lv.name, value)
        elif lv.per == "person":
            for aid, people in value.items():
                a = self.account(lv.name, aid)
                for kid, n in people.items():
                    k = self.person(lv, a, aid, kid)
                    self.amount(lv, f"{lv.name}.{aid}.{kid}", n, hi, account=aid, person=kid)
                    if k is not None and n and lv.levels and LEVELS[_levels_of(self.w)[a][k]] not in lv.levels:
                        self.add(f"{lv.name}.{aid}.{kid}", "wrong_level", lever=lv.name, account=aid, person=kid)
        elif lv.per == "account":
            for aid, n in value.items():
                self.account(lv.name, aid)
                self.amount(lv, f"{lv.name}.{aid}", n, hi, account=aid)
        else:
            self.amount(lv, lv.name, value, hi)

    def run(self) -> list[OrderProblem]:
        if not self.state.active[self.g, self.s]:
            # The rules mask an absent side's orders; taking them would drop them silently.
            if self.o != Orders():
                self.add("", "not_entered")
            return self.problems
        # Account choices last: their checks read best after the lists of accounts.
        for lv in sorted(LEVERS, key=lambda lv: lv.kind == "choice" and lv.choices is None):
            self.lever(lv)
        # Capacity and budget are checked even when something above is wrong, so a
        # person sees every problem at once (unknown accounts are left out of the sums).
        self.capacity()
        return self.problems

    def venture(self, aid: str) -> None:
        """Refuse a proposal that can never be accepted (rules/levers.py: an account takes
        one partner, for good; it must be open to a venture, and only an event opens it).
        Chair stance and cash can still change, so they are left to the rules."""
        a = self.account("alliance", aid)
        if a is None or self.dropped[a]:  # already reported
            return
        partners = [sid for j, sid in enumerate(self.w.side_ids) if self.state.alliance[self.g, j, a]]
        where, about = f"alliance.{aid}", dict(lever="alliance", account=aid)
        if self.w.side_ids[self.s] in partners:
            self.add(where, "venture_own", **about)
        elif partners:
            self.add(where, "venture_taken", partners=", ".join(partners), **about)
        elif not self.state.alliance_open[self.g, a] and not any(
                eff.kind == "open_alliance" and eff.account == aid
                for ev in self.w.scenario.events for eff in ev.effects):
            self.add(where, "venture_closed", **about)

    def _known_only(self) -> Orders:
        """The orders without references to unknown accounts or people (for costing them)."""
        w, o = self.w, self.o
        ids = set(w.account_ids)
        people = {aid: set(w.stakeholder_ids[a]) for a, aid in enumerate(w.account_ids)}
        update = {}
        for lv in LEVERS:
            value = getattr(o, lv.name)
            if lv.kind == "flag":
                update[lv.name] = [a for a in value if a in ids]
            elif lv.kind == "choice" and lv.choices is None:
                update[lv.name] = value if value in ids else None
            elif lv.per == "person":
                update[lv.name] = {a: {k: n for k, n in v.items() if k in people[a]}
                                   for a, v in value.items() if a in ids}
            elif lv.per == "account":
                update[lv.name] = {a: v for a, v in value.items() if a in ids}
        return o.model_copy(update=update)

    def capacity(self) -> None:
        w, st, s, o = self.w, self.state, self.s, self.o
        caps = limits(w, st)
        # Unknown accounts and people are left out of the costing; with no problem so far
        # there are none (each would be one), and the orders are costed as they are.
        arrays = to_arrays(w, st, s, self._known_only() if self.problems else o)
        for name, cap in caps.items():
            lv = BY_NAME[name]
            used = _asked(getattr(o, name))
            limit = float(cap[self.g, s])
            if used > limit + 1e-6:
                code, unit = CAPACITY_WORDS[name]
                shown = int(limit) if lv.kind == "count" else _fmt(limit)
                got = int(used) if lv.kind == "count" else _fmt(used)
                if code == "hire_slots":
                    self.add(name, code, lever=name, limit=shown, got=got)
                else:
                    self.add(name, code, lever=name, used=got, limit=shown, unit=unit)
        spend = float(arrays.spending(w, s)[self.g])
        money = float(budget(w, st)[self.g, s])
        if spend > money + 1e-9:
            self.add("budget", "over_budget", used=spend, unit=w.scenario.money_unit, limit=money)
        if not self.problems:
            self.placed = arrays


def _asked(value) -> float:
    """The total a lever's orders ask for, as given (unknown targets included: the
    player asked for them, and the limit is about what was asked)."""
    if isinstance(value, dict):
        return float(sum(_asked(v) for v in value.values()))
    return float(value)


def check_orders(w: World, state: State, s: int, orders: Orders, g: int = 0) -> list[OrderProblem]:
    """Every reason these orders cannot apply to game g of `state` (empty = valid).

    Games of a batch differ once people give each game its own orders (a classroom's
    teams, each in its own copy of the world), so each is checked against its own state.

    `orders` must have passed Orders validation (Batch reads every value again first), so
    its numbers are finite and bounded and the sums below cannot overflow.
    """
    return check_and_place(w, state, s, orders, g)[0]


def check_and_place(w: World, state: State, s: int, orders: Orders, g: int = 0
                    ) -> tuple[list[OrderProblem], OrderArrays | None]:
    """check_orders, and for orders that pass, side s's orders written into arrays for
    every game of `state` as `to_arrays` writes them (None when refused). The check
    writes them to cost them; the turn that applies them need not write them again."""
    check = _OrderCheck(w, state, s, orders, g)
    return check.run(), check.placed


def to_arrays(w: World, state: State, s: int, o: Orders, into: OrderArrays | None = None,
              g: int | None = None) -> OrderArrays:
    """Write one side's (already checked) orders into batched arrays for every game, or
    for game g only (the other games' orders are left as they are).

    Each lever is written in one assignment of all its cells (an interactive turn writes
    forty people's days: one numpy call each cost more than the rest of the check)."""
    arr = into or OrderArrays.empty(state.G, w.S, w.A, w.K)
    at = slice(None) if g is None else g
    accounts, people = w.indexes
    for lv in LEVERS:
        value, target = getattr(o, lv.name), getattr(arr, lv.array)
        if lv.kind == "flag":
            if value:
                target[at, s, [accounts[aid] for aid in value]] = True
        elif lv.kind == "choice":
            if value is None:
                target[at, s] = -1
            else:
                target[at, s] = lv.choices.index(value) if lv.choices else accounts[value]
        elif lv.per == "person":
            cells = [(a, people[a][kid], n) for aid, asked in value.items() for a in (accounts[aid],)
                     for kid, n in asked.items()]
            if cells:
                a_at, k_at, amounts = zip(*cells)
                target[at, s, list(a_at), list(k_at)] = amounts
        elif lv.per == "account":
            if value:
                target[at, s, [accounts[aid] for aid in value]] = list(value.values())
        else:
            target[at, s] = value
    return arr


def _levels_of(w: World) -> list[list[int]]:
    """Each person's level index [A][K] as Python ints, read once per world."""
    if "sh_level_list" not in w.memo:
        w.memo["sh_level_list"] = w.sh_level.tolist()
    return w.memo["sh_level_list"]


# --------------------------------------------------------------------------- policies' means


def fit_to_means(w: World, state: State, o: OrderArrays, sides: list[int],
                 facts: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """Bring policy sides' orders within their means: the same limits a person's orders
    are checked against (each capacity in the lever table, then the budget).

    A person gets an OrderError; a doctrine or a plan decides for thousands of games at
    once from fractions, so what exceeds a limit is scaled down to it instead. Returns
    where something had to be cut [G,S] (tests assert doctrines stay within their means).
    `facts`: the turn's shared facts (engine/observe.py), whose capacity and budget are
    these limits, when the caller has them.
    """
    cut = np.zeros(o.pay.shape, bool)
    if not sides:
        return cut
    policy = np.zeros(w.S, bool)
    policy[sides] = True
    for name, cap in limits(w, state, None if facts is None else facts["capacity"]).items():
        lv = BY_NAME[name]
        arr = getattr(o, lv.array)
        used = _per_side(arr)  # [G,S]: every side's, so no side's rows are copied out
        over = (used > cap * (1 + 1e-9) + 1e-9) & policy
        if not np.count_nonzero(over):
            continue
        scale = np.where(over, cap / np.maximum(used, 1e-12), 1.0)
        fitted = arr * scale.reshape(scale.shape + (1,) * (arr.ndim - 2))
        if lv.kind == "count":  # whole visits and hires, for every policy side
            fitted = np.floor(fitted + 1e-9)
        arr[...] = np.where(policy.reshape((1, -1) + (1,) * (arr.ndim - 2)), fitted, arr)
        cut |= over
    # Money: discretionary amounts first, then the levers that cost per use.
    money = budget(w, state) if facts is None else facts["budget"]
    for lv in _BY_PAYMENT:
        spent = o.spending(w)
        over = (spent > money + 1e-9) & policy
        if not np.count_nonzero(over):
            break
        cut |= over
        arr = getattr(o, lv.array)
        mask = over.reshape(over.shape + (1,) * (arr.ndim - 2))
        if lv.unit_cost == "money":
            mine = _per_side(arr)
            room = np.maximum(money - (spent - mine), 0.0)
            scale = np.clip(room / np.maximum(mine, 1e-12), 0.0, 1.0) * 0.999
            arr[...] = np.where(mask, arr * scale.reshape(mask.shape), arr)
        else:
            arr[...] = np.where(mask, 0, arr)
    return cut


_BY_PAYMENT = tuple([lv for lv in LEVERS if lv.unit_cost == "money"]
                    + [lv for lv in LEVERS if lv.unit_cost not in (None, "money")])
"""The costed levers in the order fit_to_means cuts them: money amounts, then per use."""


__all__ = ["OrderArrays", "OrderError", "OrderProblem", "Orders", "budget", "check_orders", "fit_to_means",
           "rep_capacity", "to_arrays"]
