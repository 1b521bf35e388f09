"""Market effects of seed 001: business moves between suppliers, not only toward an
account's taste.

- A rival's capacity shortfall is an opening for the suppliers present and able to
  serve: the volume it cannot deliver goes to them, in proportion to how much the
  account wants each of them, not to the unmodelled rest of the market.
- The demonstration effect: when an industry's leader account moves its business between
  suppliers, the smaller accounts of that industry follow part of the way.
"""
from __future__ import annotations

import numpy as np

from .. import jit
from ..state import State
from ..world import World
from .causes import SHARE_CAUSES
from .market_kernel import follow_cells

SC = {name: i for i, name in enumerate(SHARE_CAUSES)}


def reallocate_shortfall(state: State, moved: np.ndarray, capped: np.ndarray, wanted: np.ndarray,
                         causes: np.ndarray) -> np.ndarray:
    """Hand what capped suppliers cannot deliver to those able to ([G,S,A] arrays).

    `wanted` is how much the account wants each supplier this turn (its target share);
    a supplier is able if it is active, not dropped there and not short itself. What no
    one present can take stays with the rest of the market.
    """
    lost = (moved - capped).sum(1)  # [G,A]
    if not lost.any():
        return capped
    able = state.active[:, :, None] & ~state.dropped & (state.cap_turns[:, :, None] == 0)
    weight = np.where(able, wanted, 0.0)
    total = weight.sum(1)  # [G,A]
    room = np.maximum(1.0 - capped.sum(1), 0.0)
    taken = np.minimum(lost, room) * (total > 1e-12)
    gain = weight / np.maximum(total, 1e-12)[:, None, :] * taken[:, None, :]
    causes[..., SC["shortfall_gain"]] += gain
    return capped + gain


def follow_the_leader(w: World, state: State, before: np.ndarray, causes: np.ndarray) -> None:
    """Followers of an industry move part of the way their leader's business moved this
    turn (tuning.demonstration): share changes [G,S] at the leader are added, scaled, to
    each follower's shares, kept within 0..1 in total."""
    pull = w.scenario.tuning.demonstration
    if pull <= 0 or not w.follower_of.size or (w.follower_of < 0).all():
        return
    fused = jit.kernel(follow_cells, state.G)
    if fused is not None:  # a large batch: one compiled pass, the same shares
        new = np.empty(state.share.shape)
        fused(new, causes, state.share, before, w.follower_of, state.dropped, state.active, pull, SC["followers"])
        state.share = new
        return
    leaders = np.where(w.follower_of >= 0, w.follower_of, 0)  # [A] the leader of each follower
    moved = state.share - before  # [G,S,A]
    push = pull * moved[:, :, leaders] * (w.follower_of >= 0)  # [G,S,A]
    share = state.share
    new = np.clip(share + push, 0.0, 1.0)
    over = new.sum(1, keepdims=True)  # [G,1,A]
    # Scaled down where the shares add up to more than 1; elsewhere divided by 1.0, which
    # leaves them exactly as they are (a division by `over` there would be 0 / 0 where
    # nobody holds any share: a NaN masked out, and a warning on the trainee's terminal).
    new = new / np.maximum(over, 1.0)
    new = np.where(state.dropped | ~state.active[:, :, None], share, new)
    causes[..., SC["followers"]] += new - share
    state.share = new
