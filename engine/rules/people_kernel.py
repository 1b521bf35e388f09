"""Attrition (`people.attrition`, `books` and `_depart`) as loops over the games, for numba
(engine/jit.py).

The same arithmetic as the numpy code in engine/rules/people.py, step for step and in
the same order, so a compiled batch loses the same reps and ties bit for bit
(tests/test_jit.py hashes every shipped case both ways). Read the numpy code for what
the rules mean; read this only to change both together. What matches what numpy does:

- sums over people are added person by person, as numpy's einsum does over them with
  two or more sides (scenarios have 2-5); a contiguous row's sum is engine/row_sum.py's,
  numpy's own order;
- a spin-off side's gains are applied in each game where that side's founder left with
  accounts, each game on its own, as the numpy code does;
- a zero's sign: np.maximum and np.minimum give their second operand when both are
  equal; np.clip keeps x at a number bound, and with array bounds is `x > lo ? x : lo`,
  then `< hi`, as numpy's C loop.

Plain Python over arrays: it also runs uncompiled (slowly), which is how a test without
numba can still check it on a small batch.
"""
from __future__ import annotations

import numpy as np

from ..row_sum import row_sum


def leave_cells(book, leave, best, founds, personal, weight, demand, demand_total, owner, alive, morale,
                loyalty_scale, u_leave, u_spin, spin_slot, active, forced, consts):
    """Each rep's book (`people.books`), who leaves, and which leaver founds a spin-off:
    book [G,S,R] float64, leave [G,S,R] bool, best [G,S] (argmax), founds [G,S] bool, in
    place. Returns whether anyone leaves.

    personal: [G,A,K,S] float32; weight: [G,A,K] float32 (influence of those present);
    demand: [G,A]; demand_total: [G] (its sum, at least 1e-9); owner: [G,S,A];
    loyalty_scale: [G,S] ((1 - loyalty) ** 1.5); spin_slot: [G,S]; forced: [G,S,R] bool;
    consts: float64 [attrition, spin_off_chance, spin_off_book]."""
    G, A, K, S = personal.shape
    R = alive.shape[2]
    rate, chance, spin_book = consts[0], consts[1], consts[2]
    zero32, three, tiny = np.float32(0.0), np.float32(3.0), np.float32(1e-9)
    ties = np.empty((A, S), np.float32)
    row = np.empty(K, np.float32)
    anyone = False
    for g in range(G):
        for a in range(A):
            if K < 8:  # weight[g, a].sum(): a short row one by one from 0.0 (row_sum's
                wsum = zero32  # rule, here: a compiled call costs more than this sum)
                for k in range(K):
                    wsum = wsum + weight[g, a, k]
            else:
                wsum = row_sum(weight[g, a])
            wsum = wsum if wsum >= tiny else tiny
            wsum = three * wsum
            for s in range(S):
                total = zero32
                for k in range(K):
                    p = personal[g, a, k, s]
                    p = p if p > zero32 else zero32  # np.maximum: the second if equal
                    x = p * weight[g, a, k]
                    total = x if k == 0 else total + x
                ties[a, s] = total / wsum
        for s in range(S):
            for r in range(R):
                book[g, s, r] = 0.0
            for a in range(A):
                o = owner[g, s, a]
                if o >= 0:
                    book[g, s, o] += np.float64(ties[a, s]) * demand[g, a] / demand_total[g]
            top = -1.0
            best[g, s] = 0
            founds[g, s] = False
            for r in range(R):
                p = rate * (1.2 - morale[g, s, r]) + book[g, s, r] * loyalty_scale[g, s]
                p = p if p >= 0.0 else 0.0
                p = p if p <= 0.9 else 0.9
                gone = alive[g, s, r] and u_leave[g, s, r] < p and active[g, s]
                pushed = forced[g, s, r] and alive[g, s, r]
                gone = gone or pushed
                leave[g, s, r] = gone
                anyone = anyone or gone
                candidate = gone and u_spin[g, s, r] < chance and book[g, s, r] > spin_book and spin_slot[g, s] >= 0
                candidate = candidate or (pushed and spin_slot[g, s] >= 0)
                v = book[g, s, r] if candidate else -1.0
                if r == 0 or v > top:
                    top = v
                    best[g, s] = r
                founds[g, s] = founds[g, s] or candidate
    return anyone


def depart_cells(personal, org, share, active, owner, alive, leave, best, founds, spin_slot, influence,
                 causes, left_owner, follow_rate, rep_left):
    """Leavers walk out (`people._depart`, `_lose_ties`, `_reassign`): alive, personal,
    share, active, owner and the share causes' `rep_left` column updated in place,
    left_owner [G,S,A] written. Returns how many games an account owner left in.

    personal, org: [G,A,K,S] float32; influence: [G,A,K] float32; follow_rate: float32."""
    G, A, K, S = personal.shape
    R = alive.shape[2]
    one32, zero32, three, tiny = np.float32(1.0), np.float32(0.0), np.float32(3.0), np.float32(1e-9)
    hit = np.zeros(G, np.bool_)
    n_hit = 0
    for g in range(G):
        for s in range(S):
            for r in range(R):
                alive[g, s, r] = alive[g, s, r] and not leave[g, s, r]
            for a in range(A):
                o = owner[g, s, a]
                gone = o >= 0 and leave[g, s, o]
                left_owner[g, s, a] = gone
                if gone:
                    hit[g] = True
        if hit[g]:
            n_hit += 1
    if n_hit == 0:
        return 0
    lost = np.empty((A, K, S), np.float32)
    new = np.empty((A, K, S), np.float32)
    moved_share = np.empty((S, A))
    kept = np.empty(K, np.float32)
    counts = np.empty(R, np.int64)
    order = np.empty(R, np.int64)
    for g in range(G):
        if not hit[g]:
            continue
        # _lose_ties: owners' personal ties go; a founder's go to the spin-off side.
        for a in range(A):
            for k in range(K):
                for s in range(S):
                    p = personal[g, a, k, s]
                    x = (one32 if left_owner[g, s, a] else zero32) * p
                    lost[a, k, s] = x
                    new[a, k, s] = p - x
        moved_share[:, :] = 0.0
        for s in range(S):
            took = False  # numpy's founder_acc[:, s].any(-1) in this game
            for a in range(A):
                took = took or (left_owner[g, s, a] and owner[g, s, a] == best[g, s] and founds[g, s])
            if not took:
                continue
            slot = spin_slot[g, s]
            for a in range(A):
                go = left_owner[g, s, a] and owner[g, s, a] == best[g, s] and founds[g, s]
                go32 = one32 if go else zero32
                for k in range(K):
                    m = lost[a, k, s] * go32
                    for s2 in range(S):
                        into = s2 == slot and founds[g, s]
                        new[a, k, s2] = new[a, k, s2] + m * (one32 if into else zero32)
                    x = lost[a, k, s]
                    kept[k] = (x if x > zero32 else zero32) * influence[g, a, k]
                tie = row_sum(kept)  # contiguous rows over the people, in numpy's order
                isum = row_sum(influence[g, a])
                tie = tie / (isum if isum >= tiny else tiny) / three
                tie = tie if tie >= zero32 else zero32
                tie = tie if tie <= one32 else one32
                follow = np.float64(follow_rate * tie * go32) * share[g, s, a]
                moved_share[s, a] -= follow
                for s2 in range(S):
                    into = s2 == slot and founds[g, s]
                    moved_share[s2, a] += follow * (1.0 if into else 0.0)
            for s2 in range(S):
                if s2 == slot and founds[g, s]:
                    active[g, s2] = True
        for a in range(A):
            for k in range(K):
                for s in range(S):
                    o = org[g, a, k, s]
                    x = new[a, k, s]
                    lo = np.float32(-1.0) - o
                    hi = np.float32(3.0) - o
                    x = x if x > lo else lo
                    personal[g, a, k, s] = x if x < hi else hi
        for s in range(S):
            for a in range(A):
                share[g, s, a] = share[g, s, a] + moved_share[s, a]
                causes[g, s, a, rep_left] += moved_share[s, a]
        # _reassign: orphaned accounts go to the remaining reps, least loaded first.
        for s in range(S):
            orphans = False
            for a in range(A):
                orphans = orphans or left_owner[g, s, a]
            if not orphans:
                continue
            counts[:] = 0
            for a in range(A):
                o = owner[g, s, a]
                if o >= 0 and not left_owner[g, s, a]:
                    counts[o] += 1
            n_alive = 0  # the living reps by (accounts held, slot): a stable sort's first part
            for r in range(R):
                if alive[g, s, r]:
                    i = n_alive
                    while i > 0 and counts[order[i - 1]] > counts[r]:
                        order[i] = order[i - 1]
                        i -= 1
                    order[i] = r
                    n_alive += 1
            rank = -1
            for a in range(A):
                if left_owner[g, s, a]:
                    rank += 1
                    owner[g, s, a] = order[rank % n_alive] if n_alive > 0 else -1
    return n_hit


def hire_cells(pay, alive, morale, serial, hires, skill, pay_order, hire_order, slot, new_skill, new_morale):
    """A turn's pay plans and hires (`people.apply_pay_and_hiring`), in place.

    pay, hires: [G,S]; alive, morale, serial, skill: [G,S,R]; pay_order, hire_order:
    [G,S] (the orders, -1 = no change); slot: [S,R] bool (the side's rep slots)."""
    G, S, R = alive.shape
    for g in range(G):
        for s in range(S):
            asked = pay_order[g, s]
            changed = asked >= 0 and asked != pay[g, s]
            if asked >= 0:
                pay[g, s] = asked
            free = 0  # np.cumsum over the free slots
            hired = 0
            for r in range(R):
                if changed and alive[g, s, r]:
                    m = morale[g, s, r] - 0.05
                    morale[g, s, r] = m if m > 0.0 else 0.0
                if slot[s, r] and not alive[g, s, r]:
                    free += 1
                    if free <= hire_order[g, s]:
                        alive[g, s, r] = True
                        serial[g, s, r] = hires[g, s] + free
                        skill[g, s, r] = new_skill
                        morale[g, s, r] = new_morale
                        hired += 1
            hires[g, s] = hires[g, s] + hired


def morale_cells(skill, morale, alive, training, load, pay, pay_morale, cash, leavers):
    """Training lifts skill and morale moves toward its target (`people.update_morale`),
    in place: skill, morale [G,S,R].

    training, load (selling days over capacity), cash, leavers: [G,S]; pay: [G,S] (index
    into pay_morale, by pay plan)."""
    G, S, R = alive.shape
    for g in range(G):
        for s in range(S):
            n = 0
            for r in range(R):
                n += 1 if alive[g, s, r] else 0
            per_rep = training[g, s] / np.float64(n if n >= 1 else 1)
            trained = per_rep / (per_rep + 0.03)
            over = load[g, s] - 0.85
            quit_ = leavers[g, s] if leavers[g, s] <= 3 else 3
            target = pay_morale[pay[g, s]] + 0.12 * trained
            target = target - 0.5 * (over if over > 0.0 else 0.0)
            target = target - (0.15 if cash[g, s] < 0 else 0.0)
            target = target - 0.1 * np.float64(quit_) / 3.0
            lift = 0.08 * trained
            for r in range(R):
                if alive[g, s, r]:
                    x = skill[g, s, r] + lift * (1 - skill[g, s, r])
                    skill[g, s, r] = x if x <= 1.0 else 1.0
                    m = morale[g, s, r]
                    m = m + 0.4 * (target - m)
                    m = m if m >= 0.0 else 0.0
                    morale[g, s, r] = m if m <= 1.0 else 1.0
