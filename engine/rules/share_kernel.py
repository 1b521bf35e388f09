"""The per-account part of `share.update` as loops over the cells, for numba (engine/jit.py).

The same arithmetic as the numpy code in engine/rules/share.py and market.py, step for
step and in the same float64 order, so a compiled batch moves shares bit for bit as the
numpy code does (tests/test_jit.py hashes every shipped case both ways). Read the numpy
code for what the rules mean; read this only to change both together.

exp and log stay with numpy between the loops: numpy's vectorised exp and log round
differently from the compiler's in the last bit, so `update` computes them itself.
Sums are added in numpy's order: over suppliers and people one by one (a short
non-contiguous axis, and the relationship score's einsum with two or more sides, as
scenarios have), over a contiguous row (people's weights, the utility parts) as numpy
does it (engine/row_sum.py). Where a zero's sign could differ, np.maximum and np.minimum
give their second operand when both are equal, np.clip with number bounds keeps x.

Plain Python over arrays: it also runs uncompiled (slowly), which is how a test without
numba can still check it on a small batch.
"""
from __future__ import annotations

import numpy as np

from ..row_sum import row_sum


def offer_cells(parts, utility, contact, share, satisfaction, quality, solution, alliance, discovered,
                personal, org, weight, cut, service, teams, o_solution, days, exec_, price_index, service_speed,
                need_w, switching, alliance_bonus, luck, consts):
    """Each side's utility parts at each account (`share.utility_parts`), their sum
    (`utility`) and its contact there (`share.presence` before the exp), in place.

    parts: [G,S,A,8] float64 (needs, incumbency, alliance, luck: the UTILITY_PARTS order);
    utility, contact and the state's and orders' per-account arrays: [G,S,A]; personal,
    org: [G,A,K,S] float32; weight: [G,A,K] float32 (`share.center_weight`, for
    `share.relationship_score`); discovered: [G,S,A,N]; days, exec_:
    [G,S,A,K]; quality: [G,S]; price_index, service_speed: [S]; need_w: [A,N];
    switching, alliance_bonus: [A]; consts: float64 [proven_share, untried_quality,
    1 - untried_quality, blind_factor, incumbency, structural_bond, CONTENT, TEAM_EDGE]."""
    G, S, A = share.shape
    N = need_w.shape[1]
    K = days.shape[3]
    relation = np.empty((S, A), np.float32)
    tiny, one32, quarter = np.float32(1e-9), np.float32(1.0), np.float32(0.25)
    proven, untried, credit_rest, blind, incumbency, bond, content_at, edge = (
        consts[0], consts[1], consts[2], consts[3], consts[4], consts[5], consts[6], consts[7])
    for g in range(G):
        # share.relationship_score: (sum_k w_k stance_k / sum_k w_k + 1) / 4 in float32,
        # each einsum over people added in their order.
        for a in range(A):
            wr = weight[g, a]
            if K < 8:  # wr.sum(): a short row one by one from 0.0 (row_sum's rule, here:
                total = np.float32(0.0)  # a compiled call costs more than this sum)
                for k in range(K):
                    total = total + wr[k]
            else:
                total = row_sum(wr)
            total = total if total >= tiny else tiny
            for s in range(S):
                ep = personal[g, a, 0, s] * wr[0]
                eo = org[g, a, 0, s] * wr[0]
                for k in range(1, K):
                    ep = ep + personal[g, a, k, s] * wr[k]
                    eo = eo + org[g, a, k, s] * wr[k]
                relation[s, a] = ((ep + eo) / total + one32) * quarter
        for s in range(S):
            speed = service_speed[s]
            srv_base = 0.15 * speed
            srv_per = 0.45 + 0.4 * speed
            q = 0.7 * quality[g, s]
            for a in range(A):
                team = 1.0 if teams[g, s, a] else 0.0
                price = 0.5 + 1.5 * (1.0 - price_index[s] * (1.0 - cut[g, s, a]))
                price = price if price >= 0.0 else 0.0
                parts[g, s, a, 0] = price if price <= 1.0 else 1.0
                sh = share[g, s, a]
                proof = sh / proven
                proof = proof if proof >= 0.0 else 0.0
                proof = proof if proof <= 1.0 else 1.0
                sat = satisfaction[g, s, a]
                parts[g, s, a, 1] = q * (untried + credit_rest * proof) + 0.3 * sat
                sv = service[g, s, a]
                srv = sv / (sv + 2.0)
                x = srv_base + srv_per * srv + edge * team
                parts[g, s, a, 2] = x if x <= 1.0 else 1.0
                sol = solution[g, s, a]
                x = sol / (sol + 1.0) + edge * team
                parts[g, s, a, 3] = x if x <= 1.0 else 1.0
                parts[g, s, a, 4] = np.float64(relation[s, a])
                for n in range(N):
                    x = parts[g, s, a, n]
                    if not discovered[g, s, a, n] >= 1.0:
                        x = x * blind
                    parts[g, s, a, n] = x * need_w[a, n]
                content = sat / content_at
                content = content if content >= 0.0 else 0.0
                content = content if content <= 1.0 else 1.0
                sw = switching[a] + bond * sol / (sol + 1.0)
                sw = sw if sw <= 1.0 else 1.0
                parts[g, s, a, 5] = incumbency * sw * sh * content
                parts[g, s, a, 6] = (1.0 if alliance[g, s, a] else 0.0) * alliance_bonus[a]
                parts[g, s, a, 7] = luck[g, s, a]
                # parts[g,s,a].sum(): numpy adds a row of eight from 0.0, pairwise (row_sum's
                # rule, written out: this runs for every cell, and a call costs more)
                p = parts[g, s, a]
                utility[g, s, a] = 0.0 + (((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7])))
                d = days[g, s, a, 0]
                e = exec_[g, s, a, 0]
                for k in range(1, K):
                    d = d + days[g, s, a, k]
                    e = e + exec_[g, s, a, k]
                contact[g, s, a] = d / 4.0 + e + service[g, s, a] + 5.0 * o_solution[g, s, a]


def choice_logits(z, top, utility, known, log_known, active, dropped, others_u, beta):
    """The logit choice's exponents (`share.target_shares` before the exp), in place:
    z [G,S,A] (-inf where a side is not eligible) and top [G,A], the largest exponent
    with the outside option's. known, log_known: [G,S,A] (log_known = log(max(known, 1e-12)))."""
    G, S, A = utility.shape
    for g in range(G):
        for a in range(A):
            t = beta * others_u[a]
            for s in range(S):
                if active[g, s] and not dropped[g, s, a] and known[g, s, a] > 0.0:
                    x = beta * (utility[g, s, a] + log_known[g, s, a] / beta)
                else:
                    x = -np.inf
                z[g, s, a] = x
                t = t if t >= x else x
            top[g, a] = t


def move_cells(final, causes, share, ez, e0, speed, cap_turns, cap_share, active, dropped, idx):
    """Shares move toward the choice, capped suppliers' shortfall goes to the able ones,
    dropped accounts buy nothing (`share.update` after the exp, with
    `market.reallocate_shortfall`): final [G,S,A] and causes [G,S,A,J] in place.

    ez: [G,S,A] = exp(z - top); e0: [G,A] = exp(z0 - top); speed: [A]; idx: the causes'
    indexes of competition, capacity, shortfall_gain and dropped."""
    G, S, A = share.shape
    comp, capacity, gained, gone = idx[0], idx[1], idx[2], idx[3]
    target = np.empty((G, S, A))
    lost = np.empty((G, A))
    any_lost = False
    for g in range(G):
        for a in range(A):
            total = ez[g, 0, a]
            for s in range(1, S):
                total = total + ez[g, s, a]
            total = total + e0[g, a]
            for s in range(S):
                t = ez[g, s, a] / total
                target[g, s, a] = t
                before = share[g, s, a]
                moved = before + speed[a] * (t - before)
                kept = not dropped[g, s, a]  # a dropped account's change is all "dropped"
                causes[g, s, a, comp] += (moved - before) if kept else 0.0
                capped = moved
                if cap_turns[g, s] > 0:
                    c = cap_share[g, s, a]
                    capped = moved if moved < c else c  # np.minimum: the second if equal
                causes[g, s, a, capacity] += (capped - moved) if kept else 0.0
                final[g, s, a] = capped
                short = moved - capped
                lost[g, a] = short if s == 0 else lost[g, a] + short
            if lost[g, a] != 0.0:
                any_lost = True
    if any_lost:  # as in market.reallocate_shortfall: every game, once anyone is short
        for g in range(G):
            for a in range(A):
                total = 0.0
                held = 0.0
                for s in range(S):
                    able = active[g, s] and not dropped[g, s, a] and cap_turns[g, s] == 0
                    total = total + (target[g, s, a] if able else 0.0)
                    held = held + final[g, s, a]
                room = 1.0 - held
                room = room if room > 0.0 else 0.0
                taken = lost[g, a] if lost[g, a] < room else room
                taken = taken * (1.0 if total > 1e-12 else 0.0)
                for s in range(S):
                    able = active[g, s] and not dropped[g, s, a] and cap_turns[g, s] == 0
                    weight = target[g, s, a] if able else 0.0
                    gain = weight / (total if total >= 1e-12 else 1e-12) * taken
                    causes[g, s, a, gained] += gain
                    final[g, s, a] = final[g, s, a] + gain
    for g in range(G):
        for s in range(S):
            for a in range(A):
                capped = final[g, s, a]
                if dropped[g, s, a]:
                    causes[g, s, a, gone] += 0.0 - share[g, s, a]
                    final[g, s, a] = 0.0
                else:
                    causes[g, s, a, gone] += capped - capped
