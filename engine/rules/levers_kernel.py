"""The standing orders of `levers.apply` as one loop over the accounts, for numba
(engine/jit.py): the same values as the numpy code in engine/rules/levers.py (each a
product or copy per cell), so hashes are identical either way (tests/test_jit.py).

Plain Python over arrays: it also runs uncompiled (slowly), which is how a test without
numba can still check it on a small batch.
"""
from __future__ import annotations


def standing_cells(dropped, teams, intel, solution, last_days, last_exec, last_service, last_cut, last_solution,
                   drop, team, spy, work, days, exec_, service, cut, keep):
    """Dropped accounts, teams, intelligence, the solution stock and the orders kept for
    next turn's reports, in place ([G,S,A]; last_days, last_exec [G,S,A,K]). The orders:
    drop, team, spy [G,S,A] bool; work (solution), service, cut [G,S,A]; days, exec_
    [G,S,A,K]; keep: the share of the solution stock kept."""
    G, S, A, K = days.shape
    for g in range(G):
        for s in range(S):
            for a in range(A):
                gone = dropped[g, s, a] or drop[g, s, a]
                dropped[g, s, a] = gone
                live = 0.0 if gone else 1.0
                teams[g, s, a] = team[g, s, a] and not gone
                intel[g, s, a] = spy[g, s, a]
                solution[g, s, a] = keep * solution[g, s, a] + work[g, s, a] * live
                for k in range(K):
                    last_days[g, s, a, k] = days[g, s, a, k] * live
                    last_exec[g, s, a, k] = exec_[g, s, a, k] * live
                last_service[g, s, a] = service[g, s, a] * live
                last_cut[g, s, a] = cut[g, s, a] * live
                last_solution[g, s, a] = work[g, s, a] * live
