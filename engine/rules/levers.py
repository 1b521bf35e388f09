"""Company-level orders that change standing state: dropping accounts, iron-triangle
teams, intelligence, solution work, and joint-venture proposals (seed 000's decisive
battle: an alliance binds the account when its chair is a supporter).
"""
from __future__ import annotations

import numpy as np

from .. import jit
from ..arrays import sides_last
from ..orders import OrderArrays
from ..state import State
from ..world import World
from .levers_kernel import standing_cells
from .relationships import shock

SOLUTION_KEEP = 0.85  # solution work keeps paying off, fading slowly


def apply(w: World, state: State, orders: OrderArrays, stance_causes: np.ndarray) -> None:
    newly = orders.drop & ~state.dropped
    fused = jit.kernel(standing_cells, state.G)
    if fused is not None:  # a large batch: one compiled pass for the standing orders
        if newly.any():
            _resent(w, state, newly, stance_causes)
        fused(state.dropped, state.teams, state.intel, state.solution, state.last_days, state.last_exec,
              state.last_service, state.last_cut, state.last_solution, orders.drop, orders.teams, orders.intel,
              orders.solution, orders.days, orders.exec, orders.service, orders.cut, SOLUTION_KEEP)
        return
    state.dropped = state.dropped | orders.drop
    _resent(w, state, newly, stance_causes)
    live = ~state.dropped
    state.teams = orders.teams & live
    state.intel = orders.intel
    state.solution = SOLUTION_KEEP * state.solution + orders.solution * live
    state.last_days = orders.days * live[..., None]
    state.last_exec = orders.exec * live[..., None]
    state.last_service = orders.service * live
    state.last_cut = orders.cut * live
    state.last_solution = orders.solution * live


def _resent(w: World, state: State, newly: np.ndarray, stance_causes: np.ndarray) -> None:
    """An account that is walked away from (`newly` dropped [G,S,A]) resents it at the top."""
    hurt = sides_last(newly)[:, :, None, :] * (w.sh_level == 2)[None, :, :, None]
    if hurt.any():
        shock(state, stance_causes, np.zeros_like(state.personal), np.float32(-0.5) * hurt)


def alliances(w: World, state: State, orders: OrderArrays, stance_causes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Resolve joint-venture proposals. Returns (accepted [G,S], cost [G,S])."""
    G, S = orders.alliance.shape
    accepted = np.zeros((G, S), bool)
    cost = np.zeros((G, S))
    for s in range(S):
        a = orders.alliance[:, s]
        asked = (a >= 0) & state.active[:, s]
        if not asked.any():
            continue
        ai = np.maximum(a, 0)
        g = np.arange(G)
        chair = state.chair[g, ai]
        chair_stance = state.personal[g, ai, chair, s] + state.org[g, ai, chair, s]
        taken = state.alliance[g, :, ai].any(-1)
        ok = (asked & state.alliance_open[g, ai] & ~taken & ~state.dropped[g, s, ai]
              & (chair_stance >= w.alliance_min[ai]) & (state.cash[:, s] >= w.alliance_cost[ai]))
        accepted[:, s] = ok
        cost[:, s] = np.where(ok, w.alliance_cost[ai], 0.0)
        state.alliance[g, s, ai] |= ok
        # Partners: executives and engineers now work together every week.
        bond = np.zeros_like(state.org)
        bond[g, ai, :, s] = np.where(ok[:, None], 0.6 * w.sh_mask[ai], 0.0)
        shock(state, stance_causes, np.zeros_like(bond), bond)
    return accepted, cost
