"""Summaries of every buying center's stances as one loop over the cells, for numba
(engine/jit.py): `metrics.relationship_quality` and `needs.coach_present`.

The same arithmetic as the numpy code, in the same float32 order (sums over people added
person by person, as engine/arrays.short_sum does for up to 8 people), so the results are
bit-identical either way (tests/test_jit.py). Read the numpy code for what they mean.
"""
from __future__ import annotations

import numpy as np


def quality_cells(personal, org, influence, onehot, present, out):
    """out[g,s,a] (float64) = 0.5 x defence in depth + 0.5 x organisational ties.

    personal, org: [G,A,K,S] float32; influence: [G,A,K] float32; onehot: [A,K,L] bool
    (who sits at each level); present: [L] bool (levels anyone sits at in the scenario)."""
    G, A, K, S = personal.shape
    L = onehot.shape[2]
    zero, one, tiny = np.float32(0.0), np.float32(1.0), np.float32(1e-9)
    for g in range(G):
        for a in range(A):
            for s in range(S):
                depth = True
                for lv in range(L):
                    if not present[lv]:
                        continue
                    here, covered = False, False
                    for k in range(K):
                        if onehot[a, k, lv]:
                            here = True
                            if personal[g, a, k, s] + org[g, a, k, s] >= np.float32(1.0):
                                covered = True
                    if here and not covered:
                        depth = False
                pos = zero
                tie = zero
                for k in range(K):
                    st = personal[g, a, k, s] + org[g, a, k, s]
                    p = (st if st >= zero else zero) * influence[g, a, k]
                    o = org[g, a, k, s]
                    t = (o if o >= zero else zero) * influence[g, a, k]
                    if k == 0:
                        pos, tie = p, t
                    else:
                        pos = pos + p
                        tie = tie + t
                ties = tie / (pos if pos >= tiny else tiny)
                ties = ties if ties <= one else one
                out[g, s, a] = 0.5 * (1.0 if depth else 0.0) + np.float64(np.float32(0.5) * ties)


def coach_cells(personal, org, mask, coach, out):
    """out[g,s,a] = someone at account a stands at `coach` or more toward side s.

    personal, org: [G,A,K,S] float32; mask: [A,K] bool (seats that exist); coach: float32."""
    G, A, K, S = personal.shape
    for g in range(G):
        for a in range(A):
            for s in range(S):
                found = False
                for k in range(K):
                    if mask[a, k] and personal[g, a, k, s] + org[g, a, k, s] >= coach:
                        found = True
                        break
                out[g, s, a] = found
