"""The per-person part of `relationships.update` as one loop over the cells, for numba.

This is the same arithmetic as the numpy code in engine/rules/relationships.py and
engine/stance_scale.py, step for step and in the same float32 order, so a compiled batch
gives bit-identical stances (tests/test_jit.py hashes every shipped case both ways). Read
the numpy code for what the rules mean; read this only to change both together.

Plain Python over arrays: it also runs uncompiled (slowly), which is how a test without
numba can still check it on a small batch.
"""
from __future__ import annotations

import numpy as np


def person_turn(personal, org, contact, resp_out, days, exec_, reach, effect, live, exg, proof, satpart,
                team, lvl_ex, lvl_near, resistance, consts, exec_contact):
    """One turn of relationship change for every (game, account, person, side), in place.

    personal, org, resp_out, reach (1 - exp(-visits), from numpy): [G,A,K,S] float32;
    contact: [G,S,A,K] float32; days, exec_: [G,S,A,K] float64 (the orders); effect:
    [G,S] float32; live, exg, proof, satpart, team: [G,S,A] float32 (per account, already
    in float32 as the numpy code has them); lvl_ex, lvl_near, resistance: [A,K] float32;
    consts: float32 [half_days, gain, exec_gain, personal_decay, org_keep, rivalry,
    contact memory, just below "prefers", then the stance scale's LOW, HIGH, SUPPORTS,
    PREFERS and 1 / (HIGH - SUPPORTS) (engine/stance_scale.py)]."""
    G, A, K, S = personal.shape
    half, gain, exec_gain, decay, org_keep, rivalry, memory, below = (
        consts[0], consts[1], consts[2], consts[3], consts[4], consts[5], consts[6], consts[7])
    low, high, supports, prefers, per_step = consts[8], consts[9], consts[10], consts[11], consts[12]
    one, zero, quarter = np.float32(1.0), np.float32(0.0), np.float32(0.25)
    stance = np.empty(S, np.float32)
    gains = np.empty(S, np.float32)
    before = np.empty(S, np.float32)
    amount = np.empty(S, np.float32)
    for g in range(G):
        for a in range(A):
            for k in range(K):
                for s in range(S):
                    stance[s] = personal[g, a, k, s] + org[g, a, k, s]
                # The two highest stances (loyalty elsewhere), as relationships.loyalty_elsewhere.
                top = stance[0]
                second = np.float32(-np.inf)
                for s in range(1, S):
                    x = stance[s]
                    lo = top if top <= x else x
                    second = second if second >= lo else lo
                    top = top if top >= x else x
                for s in range(S):
                    live_s = live[g, s, a]
                    d = np.float32(days[g, s, a, k]) * effect[g, s]
                    d = d * live_s
                    r = d / (d + half)
                    resp_out[g, a, k, s] = r
                    rc = reach[g, a, k, s]
                    c = r + rc
                    c = c if c <= one else one
                    cd = contact[g, s, a, k] * memory
                    cd = np.float32(np.float64(cd) + days[g, s, a, k])
                    contact[g, s, a, k] = np.float32(np.float64(cd) + exec_contact * exec_[g, s, a, k])

                    st = stance[s]
                    head = (high - st) * quarter
                    if head < np.float32(0.5):
                        head = head * proof[g, s, a]
                    if S == 1:
                        loyal = zero
                    else:
                        other = second if st == top else top
                        loyal = (other - supports) * per_step
                        loyal = loyal if loyal >= zero else zero
                        loyal = loyal if loyal <= one else one
                    courted = one - loyal * resistance[a, k]
                    courted = courted * head
                    keep = one - (one - c) * decay
                    de = gain * r * courted
                    dx = exec_gain * rc * courted
                    dc = exg[g, s, a] * lvl_ex[a, k] * courted
                    ds = satpart[g, s, a] * lvl_near[a, k]
                    p = personal[g, a, k, s]
                    decayed = p * keep
                    pe = decayed + de
                    dt = team[g, s, a] * (pe if pe >= zero else zero)
                    o = org[g, a, k, s] * org_keep
                    o = o + dx
                    o = o + dc
                    o = o + ds
                    o = o + dt
                    o = o if o >= low else low
                    o = o if o <= high else high
                    np_ = pe - dt
                    cap = high - o
                    np_ = np_ if np_ <= cap else cap
                    floor = low - o
                    np_ = np_ if np_ >= floor else floor
                    personal[g, a, k, s] = np_
                    org[g, a, k, s] = o
                    before[s] = np_ + o
                    gsum = de + dx
                    gains[s] = gsum + dc
                # A rival's gain is our loss there (stance_scale.side_sum, in side order),
                # then one favourite (stance_scale.one_preferred: ties go to the side listed
                # first): both take an amount from the positive parts of a stance
                # (stance_scale.take_from_positive), so one loop does both.
                total_gain = gains[0]
                for s in range(1, S):
                    total_gain = total_gain + gains[s]
                for s in range(S):
                    loss = (total_gain - gains[s]) * rivalry
                    b = before[s] if before[s] >= zero else zero
                    amount[s] = loss if loss <= b else b
                n_pref = 0
                for phase in range(2):
                    if phase == 1:
                        if n_pref <= 1:
                            break
                        top = stance[0]
                        for s in range(1, S):
                            top = top if top >= stance[s] else stance[s]
                        found = False
                        for s in range(S):
                            excess = stance[s] - below
                            amount[s] = excess if excess >= zero else zero
                            if not found and stance[s] == top:
                                found = True
                                amount[s] = zero
                    n_pref = 0
                    for s in range(S):
                        p = personal[g, a, k, s]
                        o = org[g, a, k, s]
                        take = amount[s]
                        # Taking +0 changes nothing (not even a zero's sign): skip the division.
                        if take != zero or np.signbit(take):
                            pos_p = p if p >= zero else zero
                            pos = o if o >= zero else zero
                            pos = pos + pos_p
                            frac = pos_p / pos if pos > zero else one
                            from_p = frac * take
                            p = p - from_p
                            o = o - (take - from_p)
                            personal[g, a, k, s] = p
                            org[g, a, k, s] = o
                        stance[s] = p + o
                        if stance[s] >= prefers:
                            n_pref += 1
