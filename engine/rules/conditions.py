"""The declarative condition vocabulary: a metric of the game compared with a threshold.

Events, objectives and lessons all use it, so trainers learn one small language and no
scenario ever runs code. Each metric is computed for every game at once ([G] values).
"""
from __future__ import annotations

import numpy as np

from ..scenario.models import Condition
from ..stance_scale import COACH
from ..state import State
from ..world import World

KEEP_FRACTION = 0.5  # an A account is "kept" while we hold at least half our starting share


def _side(w: World, c: Condition) -> int:
    return w.player if c.side is None else w.side(c.side)


def weighted_share(state: State, s: int, accounts: np.ndarray) -> np.ndarray:
    demand = state.demand * accounts
    return (state.share[:, s] * demand).sum(-1) / np.maximum(demand.sum(-1), 1e-9)


def a_accounts_kept(w: World, state: State, s: int) -> np.ndarray:
    """A-tier accounts where side s still holds at least half its starting share [G]."""
    start = w.shares[s]
    kept = (state.share[:, s] >= KEEP_FRACTION * start) & (state.share[:, s] > 0.05)
    return (kept & (w.tier == 0)).sum(-1).astype(float)


def start_revenue(w: World, s: int) -> np.ndarray:
    """Side s's revenue per account in the quarter before the game [A] (list price)."""
    return w.shares[s] * w.demand * w.side_price_index[s]


def value(w: World, state: State, c: Condition) -> np.ndarray:
    """The metric's value in every game [G]."""
    s = _side(w, c)
    a = w.account(c.account) if c.account is not None else None
    G = state.G
    m = c.metric
    if m == "turn":
        return np.full(G, float(state.turn))
    if m == "share":
        return state.share[:, s, a]
    if m == "stance":
        k = w.stakeholder(a, c.stakeholder)
        return state.personal[:, a, k, s] + state.org[:, a, k, s]
    if m == "satisfaction":
        return state.satisfaction[:, s, a]
    if m == "coach":
        st = state.personal[:, a, :, s] + state.org[:, a, :, s]
        return ((st >= COACH) & w.sh_mask[a]).sum(-1).astype(float)
    if m == "cash":
        return state.cash[:, s]
    if m in ("revenue", "total_revenue", "total_profit"):
        return getattr(state, m)[:, s]
    if m == "morale":
        alive = state.rep_alive[:, s]
        return (state.rep_morale[:, s] * alive).sum(-1) / np.maximum(alive.sum(-1), 1)
    if m == "reps":
        return state.rep_alive[:, s].sum(-1).astype(float)
    if m == "a_accounts":
        return a_accounts_kept(w, state, s)
    if m == "segment_share":
        segs = sorted({acc.industry for acc in w.scenario.accounts if acc.industry})
        return weighted_share(state, s, w.segment == segs.index(c.segment))
    if m == "market_share":
        return weighted_share(state, s, np.ones(w.A, bool))
    if m == "quality":
        return state.quality[:, s]
    if m == "alliance":
        return state.alliance[:, s, a].astype(float)
    if m == "tender_won":
        return (state.tender_won[:, a] == s).astype(float)
    if m == "rivals_share":
        return state.share[:, :, a].sum(-1) - state.share[:, s, a]
    if m == "a_accounts_lost":
        total = max(int((w.tier == 0).sum()), 1)
        return 1.0 - a_accounts_kept(w, state, s) / total
    if m == "revenue_vs_start":
        return state.revenue[:, s] / max(float(start_revenue(w, s).sum()), 1e-9)
    if m == "revenue_outside":
        others = np.arange(w.A) != a
        now = (state.demand * state.share[:, s] * others).sum(-1) * w.side_price_index[s]
        return now / max(float(start_revenue(w, s)[others].sum()), 1e-9)
    if m == "event_fired":
        e = [ev.id for ev in w.scenario.events].index(c.event)
        return state.fired[:, e].astype(float)
    raise ValueError(f"unknown metric {m}")  # unreachable: the model restricts metrics


def holds(w: World, state: State, c: Condition) -> np.ndarray:
    v = value(w, state, c)
    if c.at_least is None and c.at_most is None:  # no threshold: an event fired, or always
        return v >= 1 if c.metric == "event_fired" else np.ones(state.G, bool)
    ok = v >= c.at_least - 1e-12 if c.at_least is not None else None
    if c.at_most is not None:
        below = v <= c.at_most + 1e-12
        ok = below if ok is None else ok & below
    return ok


def all_hold(w: World, state: State, conditions) -> np.ndarray:
    ok = None
    for c in conditions:
        ok = holds(w, state, c) if ok is None else ok & holds(w, state, c)
    return np.ones(state.G, bool) if ok is None else ok
