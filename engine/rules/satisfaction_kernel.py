"""`satisfaction.update` as one loop over the accounts, for numba (engine/jit.py).

The same arithmetic as the numpy code in engine/rules/satisfaction.py, in the same
order, so hashes are identical either way (tests/test_jit.py); np.clip with number
bounds keeps x at a bound (a zero's sign), as here. Plain Python over arrays: it also
runs uncompiled (slowly).
"""
from __future__ import annotations


def satisfaction_cells(new, satisfaction, incident, quality, service, teams, service_speed, rate):
    """This turn's satisfaction, new [G,S,A]. satisfaction, incident, service, teams:
    [G,S,A]; quality: [G,S]; service_speed: [S]; rate: tuning.satisfaction_speed."""
    G, S, A = satisfaction.shape
    for g in range(G):
        for s in range(S):
            base = 0.45 * quality[g, s]
            speed = 0.2 * service_speed[s]
            for a in range(A):
                sv = service[g, s, a]
                srv = sv / (sv + 2.0)
                deserve = base + 0.35 * srv + speed + (0.1 if teams[g, s, a] else 0.0)
                hit = incident[g, s, a] * (1.0 - 0.6 * srv)
                sat = satisfaction[g, s, a]
                x = sat + rate * ((deserve if deserve < 1.0 else 1.0) - sat) - hit
                x = x if x >= 0.0 else 0.0
                new[g, s, a] = x if x <= 1.0 else 1.0
