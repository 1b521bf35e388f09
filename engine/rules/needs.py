"""Hidden needs (the iceberg): discovered by working with the people who use the product,
by solution work, and fastest through a coach. Until a side discovers a need, its offer
meets that need only partly (tuning.blind_factor).
"""
from __future__ import annotations

import numpy as np

from .. import jit
from ..arrays import SHORT, short_any, short_sum, sides_second
from ..orders import OrderArrays
from ..stance_scale import COACH
from ..stance_kernels import coach_cells
from ..state import State
from ..world import World
from .needs_kernel import discover_cells


def coach_present(w: World, state: State) -> np.ndarray:
    """Whether each side has a coach at each account [G,S,A]."""
    fused = jit.kernel(coach_cells, state.G)
    if fused is not None:  # a large batch: one compiled pass, the same answer
        out = np.empty(state.share.shape, bool)
        fused(state.personal, state.org, w.sh_mask, np.float32(COACH), out)
        return out
    st = state.personal + state.org  # [G,A,K,S]
    coach = (st >= COACH) & w.sh_mask[None, :, :, None]
    return sides_second(short_any(coach, 2))


def discover(w: World, state: State, orders: OrderArrays, resp: np.ndarray) -> None:
    tu = w.scenario.tuning
    # Operational and management people know the real needs: depth of effort there
    # (resp is each person's response to rep days [G,A,K,S]).
    near = (w.sh_level < 2) & w.sh_mask  # [A,K]
    near_count = np.maximum(near.sum(-1), 1)
    fused = jit.kernel(discover_cells, state.G) if w.K <= SHORT else None
    if fused is not None:  # a large batch: one compiled pass, the same discoveries
        fused(state.discovered, resp, near, near_count, orders.solution, orders.teams, coach_present(w, state),
              state.active, state.dropped, w.hidden, tu.discovery_rate)
        return
    depth = short_sum(resp * near[None, :, :, None], 2) / near_count[None, :, None]
    depth = sides_second(depth)  # [G,S,A]
    solution_r = orders.solution / (orders.solution + 0.5)
    push = tu.discovery_rate * (depth + 0.5 * solution_r + 0.3 * orders.teams) + 0.5 * coach_present(w, state)
    push = push * state.active[:, :, None] * ~state.dropped
    hidden = w.hidden[None, None, :, :]
    state.discovered = np.where(hidden, np.minimum(state.discovered + push[..., None], 1.0), 1.0)


def known(state: State) -> np.ndarray:
    """Needs each side knows at each account [G,S,A,N]."""
    return state.discovered >= 1.0
