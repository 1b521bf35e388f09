"""`needs.discover` as one loop over the cells, for numba (engine/jit.py).

The same arithmetic as the numpy code in engine/rules/needs.py, in the same order (the
depth of effort summed person by person in float32, as engine/arrays.short_sum does for
up to 8 people), so a compiled batch discovers needs bit for bit as numpy does
(tests/test_jit.py). Read the numpy code for what the rule means.

Plain Python over arrays: it also runs uncompiled (slowly), which is how a test without
numba can still check it on a small batch.
"""
from __future__ import annotations

import numpy as np


def discover_cells(discovered, resp, near, near_count, solution, teams, coach, active, dropped, hidden, rate):
    """Move every side's discovery of each hidden need on, in place (discovered [G,S,A,N]).

    resp: [G,A,K,S] float32 (each person's response to rep days); near: [A,K] bool (the
    people who use the product); near_count: [A] (how many, at least 1); solution,
    teams, coach, dropped: [G,S,A]; active: [G,S]; hidden: [A,N] bool; rate: float64."""
    G, S, A, N = discovered.shape
    K = resp.shape[2]
    one32, zero32 = np.float32(1.0), np.float32(0.0)
    for g in range(G):
        for s in range(S):
            for a in range(A):
                d = resp[g, a, 0, s] * (one32 if near[a, 0] else zero32)
                for k in range(1, K):
                    d = d + resp[g, a, k, s] * (one32 if near[a, k] else zero32)
                depth = np.float64(d) / np.float64(near_count[a])
                sol = solution[g, s, a]
                push = depth + 0.5 * (sol / (sol + 0.5))
                push = rate * (push + (0.3 if teams[g, s, a] else 0.0)) + (0.5 if coach[g, s, a] else 0.0)
                push = push * (1.0 if active[g, s] else 0.0)
                push = push * (0.0 if dropped[g, s, a] else 1.0)
                for n in range(N):
                    if hidden[a, n]:
                        x = discovered[g, s, a, n] + push
                        discovered[g, s, a, n] = x if x <= 1.0 else 1.0
                    else:
                        discovered[g, s, a, n] = 1.0
