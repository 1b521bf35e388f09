"""`market.follow_the_leader` as one loop over the accounts, for numba (engine/jit.py).

The same arithmetic as the numpy code in engine/rules/market.py, so hashes are identical
either way (tests/test_jit.py); np.clip with number bounds keeps x at a bound (a zero's
sign), as here. Plain Python over arrays: it also runs uncompiled (slowly).
"""
from __future__ import annotations

import numpy as np


def follow_cells(new, causes, share, before, follower_of, dropped, active, pull, col):
    """Followers move part of the way their leader moved: new [G,S,A] (the shares after)
    and causes[..., col] written. share, before: [G,S,A] (this turn's shares and the
    turn's start); follower_of: [A] (the leader's index, -1 = no leader)."""
    G, S, A = share.shape
    for g in range(G):
        for a in range(A):
            leader = follower_of[a] if follower_of[a] >= 0 else 0
            follows = 1.0 if follower_of[a] >= 0 else 0.0
            over = 0.0
            for s in range(S):
                x = share[g, s, a] + pull * (share[g, s, leader] - before[g, s, leader]) * follows
                x = x if x >= 0.0 else 0.0
                x = x if x <= 1.0 else 1.0
                new[g, s, a] = x
                over = x if s == 0 else over + x
            for s in range(S):
                x = new[g, s, a] / over if over > 1.0 else new[g, s, a]
                if dropped[g, s, a] or not active[g, s]:
                    x = share[g, s, a]
                new[g, s, a] = x
                causes[g, s, a, col] += x - share[g, s, a]
