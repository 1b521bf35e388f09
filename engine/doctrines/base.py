"""How doctrines are registered and what they are given to decide with.

A doctrine is code registered by name; its weights come from the scenario file (OpenRA's
AI personalities: one policy, many temperaments). Every doctrine decides for all games
at once from its side's `SideView` and writes that side's slice of `OrderArrays`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from .. import jit
from ..arrays import SMALL
from ..observe import SideView
from ..orders import COSTED, OrderArrays
from ..row_sum import BLOCK
from ..scenario.models import LEVELS
from ..world import World
from . import tactics_kernel as tk

DOCTRINE_UNIFORMS = 100  # uniforms per side per turn for its doctrine: enough for 15 accounts x 6
EXEC_LEVELS = (LEVELS.index("management"), LEVELS.index("decision"))  # whom executives meet


@dataclass
class Decision:
    """Everything a doctrine may use: the world's static facts, its view, its dice."""

    world: World
    view: SideView
    params: dict[str, float]
    u: np.ndarray          # [G, DOCTRINE_UNIFORMS] this side's uniforms this turn
    out: OrderArrays

    @property
    def s(self) -> int:
        return self.view.side

    @property
    def G(self) -> int:
        return self.view.share.shape[0]


class Doctrine:
    """Base class: subclasses set name, summary, label, params (defaults with meaning) and
    decide()."""

    name: ClassVar[str]
    summary: ClassVar[str]
    # What players call it, in each language: a rival that "plays as" it, a bot that plays
    # for a class's team that did not submit. Declared here once; the window game and the
    # classroom read it (game/i18n.py doc_<name>, the console).
    label: ClassVar[dict[str, str]]
    params: ClassVar[dict[str, tuple[float, str]]] = {}

    def decide(self, d: Decision) -> None:
        raise NotImplementedError


REGISTRY: dict[str, Doctrine] = {}


def register(cls: type[Doctrine]) -> type[Doctrine]:
    REGISTRY[cls.name] = cls()
    return cls


def resolve_params(doctrine: Doctrine, given: dict[str, float]) -> dict[str, float]:
    return {k: float(given.get(k, default)) for k, (default, _) in doctrine.params.items()}


# ----------------------------------------------------------------- shared tactics
#
# Each tactic below is written in numpy, which defines it. In a large batch most also
# run as one compiled loop per game (engine/doctrines/tactics_kernel.py, the same
# values bit for bit) when the arrays are the kinds the kernel is written for;
# otherwise, and always in small batches, the numpy code runs.


_COSTED_ALIKE = COSTED == tk.COSTED  # the kernels add spending up in this order only


def _kernel(fn, d: Decision):
    """The compiled tactic `fn` for this decision's games, or None to run numpy (a small
    batch, asked first: it is every G = 1 turn; no numba; or orders costed otherwise than
    the kernels add them up)."""
    fused = jit.kernel(fn, d.G)
    if fused is None or not _COSTED_ALIKE or d.world.A * d.world.K > BLOCK or not d.out.exec.flags.c_contiguous:
        return None
    return fused


def _weights(d: Decision, x) -> bool:
    """Whether x is account weights the kernels take: float64 [G,A]."""
    return isinstance(x, np.ndarray) and x.dtype == np.float64 and x.shape == (d.G, d.world.A)


def _money(d: Decision) -> tuple:
    """What the kernels add a side's spending up from, in tactics_kernel's order: budget
    [G], the costed order arrays (exec with each account's people joined, a view) and
    side s's prices."""
    o, w, s = d.out, d.world, d.s
    prices = np.array([w.arrays[cost][s] for _, cost in tk.COSTED if cost != "money"])
    G, S = o.pay.shape
    return (d.view.budget, o.exec.reshape(G, S, -1), o.service, o.solution, o.training, o.quality, o.hire,
            o.teams, o.intel, prices)


def person_weights(d: Decision, focus_low: float = 0.0) -> np.ndarray:
    """How to split an account's rep time over its people [G,A,K]: by the influence this
    side knows, optionally leaning toward people who do not support us yet (defence in
    depth)."""
    fused = _kernel(tk.person_cells, d)
    v = d.view
    if fused is not None and type(focus_low) in (int, float) and v.influence.dtype == v.stance.dtype == np.float32:
        out = np.empty(v.influence.shape, np.float32)
        fused(v.influence, d.world.sh_mask, v.stance, np.float32(focus_low), out)
        return out
    infl = d.view.influence * d.world.sh_mask  # [G,A,K]
    gap = np.clip(2.0 - d.view.stance, 0.0, 3.0) / 3.0
    return normalise(infl * (1.0 + focus_low * gap))


def level_split(w: World, influence: np.ndarray, level_share: np.ndarray) -> np.ndarray:
    """A per-level split [G,A,L] handed to the people of each level by known influence
    [G,A,K] -> [G,A,K]. A level with nobody at an account gets nobody's effort: that part
    is left unspent (the validator warns about plans that aim at an empty level)."""
    onehot = w.level_onehot  # [A,K,L]
    infl = influence * w.sh_mask
    per_level = np.einsum("gak,akl->gal", infl, onehot.astype(float), optimize=False)
    within = infl[..., None] * onehot / np.maximum(per_level[:, :, None, :], 1e-12)  # [G,A,K,L]
    return (within * level_share[:, :, None, :]).sum(-1)


def top_person(w: World, influence: np.ndarray, levels: tuple[int, ...]) -> np.ndarray:
    """The most influential person (as known) at any of `levels` per account [G,A] (-1: none)."""
    at, anyone = _people_at(w, levels)
    best = np.where(at, influence, -1.0).argmax(-1)
    return np.where(anyone, best, -1)


def _people_at(w: World, levels: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Who sits at any of `levels` [A,K], and whether anyone does at each account [A]
    (kept in the world's memo: the same every turn)."""
    key = ("people_at", levels)
    if key not in w.memo:
        at = w.level_onehot[:, :, list(levels)].any(-1)
        w.memo[key] = (at, at.any(-1))
    return w.memo[key]


def live_shares(d: Decision, account_weight: np.ndarray) -> np.ndarray:
    """Account weights [G,A] as shares summing to 1, dropped accounts left out."""
    return normalise(np.where(d.view.dropped, 0.0, account_weight))


def spread(d: Decision, account_weight: np.ndarray, person_w: np.ndarray, fraction: float | np.ndarray = 1.0) -> None:
    """Spend `fraction` of rep capacity over accounts (weights [G,A]) and people ([G,A,K])."""
    days = d.view.capacity * fraction  # [G]: a fraction per game, or one for all
    fused = _kernel(tk.spread_cells, d)
    if fused is not None and _weights(d, account_weight) and person_w.shape == d.view.influence.shape and (
            person_w.dtype in (np.float32, np.float64)) and days.shape == (d.G,) and days.dtype == np.float64:
        fused(account_weight, d.view.dropped, days, person_w, d.out.days, d.s)
        return
    aw = live_shares(d, account_weight)
    d.out.days[:, d.s] = days[:, None, None] * aw[..., None] * person_w * 0.999


def affordable(d: Decision, unit_cost: float) -> np.ndarray:
    """How many more units at `unit_cost` the side's budget still covers after what it has
    already ordered this turn [G] (doctrines stay within their means, as people must)."""
    fused = _kernel(tk.afford_cells, d)
    if fused is not None and unit_cost > 0:
        out = np.empty(d.G)
        fused(*_money(d), d.s, float(unit_cost), out)
        return out
    room = np.maximum(d.view.budget - d.out.spending(d.world, d.s), 0.0)
    return room / unit_cost if unit_cost > 0 else np.full(d.G, np.inf)


def service_to(d: Decision, account_weight: np.ndarray, fraction: float = 1.0) -> None:
    """Spend `fraction` of the side's service capacity, as far as the budget covers it,
    over accounts by weight [G,A]."""
    w = d.world
    fused = _kernel(tk.service_cells, d)
    if fused is not None and _weights(d, account_weight) and type(fraction) in (int, float):
        cap = w.side_service_capacity[d.s] * fraction
        fused(account_weight, d.view.dropped, cap, *_money(d), d.s, float(w.side_service_unit_cost[d.s]))
        return
    aw = live_shares(d, account_weight)
    units = np.minimum(w.side_service_capacity[d.s] * fraction, affordable(d, float(w.side_service_unit_cost[d.s])))
    d.out.service[:, d.s] = units[:, None] * aw * 0.999


def exec_to(d: Decision, account_weight: np.ndarray, level: str = "decision") -> None:
    """Send every executive visit to the best accounts, one visit each in rank order, to
    the most influential person (as known) at `level` there (else at the other level an
    executive meets).

    Visit i (while the budget covers it) goes to the account ranked i mod A, so the
    account ranked r gets m // A visits, plus one when r < m % A (m: visits paid for)."""
    n = int(d.world.side_exec_visits[d.s])
    if n == 0:
        return
    w = d.world
    fused = _kernel(tk.exec_cells, d)
    if fused is not None and _weights(d, account_weight):
        at, anyone = _people_at(w, (LEVELS.index(level),))
        at_exec, anyone_exec = _people_at(w, EXEC_LEVELS)
        fused(account_weight, d.view.dropped, n, d.view.influence, at, anyone, at_exec, anyone_exec, *_money(d), d.s,
              float(w.side_exec_visit_cost[d.s]), d.out.exec, d.out.exec.size <= SMALL)
        return
    aw = np.where(d.view.dropped, -1.0, account_weight)
    A = aw.shape[-1]
    rank = np.argsort(np.argsort(-aw, axis=-1, kind="stable"), axis=-1, kind="stable")
    paid = np.minimum(n, np.floor(affordable(d, float(w.side_exec_visit_cost[d.s])) + 1e-9)).astype(np.int64)
    visits = (paid // A)[:, None] + (rank < (paid % A)[:, None])  # [G,A]
    who = top_person(w, d.view.influence, (LEVELS.index(level),))
    if np.count_nonzero(who < 0):  # nobody at that level somewhere: the other level instead
        who = np.where(who >= 0, who, top_person(w, d.view.influence, EXEC_LEVELS))
    visits *= (aw > 0) & (who >= 0)
    _add_per_account(d.out.exec, d.s, np.maximum(who, 0), visits)


def _add_per_account(arr: np.ndarray, s: int, k: np.ndarray, n: np.ndarray) -> None:
    """arr[g, s, a, k[g, a]] += n[g, a] for every game and account of an order array
    [G,S,A,K] (n is 0 wherever nothing is to be added).

    A small array takes a one-hot over the people (the fewest numpy calls); a large one
    adds one element per account through the flat array (a one-hot, or a fancy index
    over four axes, costs several times more there). The sums are the same."""
    G, S, A, K = arr.shape
    if arr.size <= SMALL:
        arr[:, s] += n[..., None] * (np.arange(K) == k[..., None])
        return
    if not arr.flags.c_contiguous:  # order arrays are made contiguous (OrderArrays.empty)
        raise ValueError("order arrays must be C-contiguous")
    at = (np.arange(G)[:, None] * S + s) * A + np.arange(A)
    at *= K
    at += k
    arr.reshape(-1)[at] += n


def fund(d: Decision, wanted: np.ndarray) -> np.ndarray:
    """Scale wanted discretionary money per account [G,A] so orders stay within budget."""
    fused = _kernel(tk.fund_cells, d)
    if (fused is not None and wanted.dtype == np.float64 and wanted.ndim == 2 and wanted.shape[0] == d.G
            and wanted.flags.c_contiguous and wanted.shape[1] <= BLOCK):
        out = np.empty(wanted.shape)
        fused(wanted, *_money(d), d.s, out)
        return out
    already = d.out.spending(d.world, d.s)
    room = np.maximum(d.view.budget - already, 0.0)
    total = wanted.sum(-1)
    scale = np.where(total > room, room / np.maximum(total, 1e-9), 1.0)
    return wanted * scale[:, None] * 0.999


def value_at_stake(d: Decision) -> np.ndarray:
    """What each account is worth to this side now [G,A]."""
    return d.view.demand * np.maximum(d.view.share[:, d.s], 0.02)


def exec_focus(d: Decision, account_weight: np.ndarray, person: np.ndarray) -> None:
    """Send every executive visit to the single best account (weights [G,A]) and there to
    `person` ([G,A] stakeholder indices; at the operational level or -1 the visit goes
    to the most influential person an executive meets). Games with no positive weight
    send nobody."""
    n = int(d.world.side_exec_visits[d.s])
    if n == 0:
        return
    w = d.world
    aw = np.where(d.view.dropped, -1.0, account_weight)
    a = aw.argmax(-1)  # [G]
    g = np.arange(d.G)
    k = np.broadcast_to(np.asarray(person), (d.G, w.A))[g, a]
    meets = (k >= 0) & (w.sh_level[a, np.maximum(k, 0)] >= min(EXEC_LEVELS))
    k = np.where(meets, k, top_person(w, d.view.influence, EXEC_LEVELS)[g, a])
    n = np.minimum(n, np.floor(affordable(d, float(w.side_exec_visit_cost[d.s])) + 1e-9))
    d.out.exec[g, d.s, a, np.maximum(k, 0)] += n * ((aw[g, a] > 0) & (k >= 0))


def normalise(x: np.ndarray) -> np.ndarray:
    """Rows of x (last axis) scaled to sum to 1; all-zero rows stay zero."""
    x = np.maximum(x, 0.0)
    return x / np.maximum(x.sum(-1, keepdims=True), 1e-12)


def top_k(score: np.ndarray, k: int) -> np.ndarray:
    """Boolean mask of the k best entries per game (stable ties) [G,A]."""
    rank = np.argsort(np.argsort(-score, axis=-1, kind="stable"), axis=-1, kind="stable")
    return rank < max(int(k), 1)


def market_leader(d: Decision) -> np.ndarray:
    """The rival with the largest demand-weighted share in each game [G]."""
    v = d.view
    held = (v.share * v.demand[:, None, :]).sum(-1)  # [G,S]
    held[:, d.s] = -1.0
    return held.argmax(-1)
