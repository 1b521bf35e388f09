"""The doctrines' shared tactics (engine/doctrines/base.py) as loops over games, for numba.

A doctrine's tactic is a handful of numpy passes over [G,A,K] and [G,A] temporaries,
each over short axes (a few accounts, a few people) where numpy's per-call and
per-reduction costs dominate; one compiled loop per game does the same work in one pass
(engine/jit.py compiles these for large batches only). The numpy code in base.py stays
the definition: each function here computes what its numpy counterpart does, bit for
bit (tests/test_tactics_kernel.py compares the arrays byte for byte, tests/test_jit.py
the games). Read base.py for what the tactics mean; read this only to change both.

Exactness, step for step:

- The same operations in the same order and precision. The views' influence and stance
  are float32, and numpy keeps float32 when a Python float meets a float32 array (NEP 50:
  the float is cast to float32 first), so float32 steps use np.float32 constants and
  casts here; anything else is float64, as numpy has it.
- np.maximum(x, y) and np.minimum(x, y) give their second operand when x == y (which
  decides the sign of a zero) and NaN when either is NaN: `_max` and `_min`. np.clip
  with number bounds keeps x when it equals a bound: `_clip`.
- Sums over a contiguous last axis are added as numpy adds them: a row of fewer than
  eight numbers (`SHORT`: the people of an account, the accounts of most scenarios) one
  by one from 0.0 as the numbers are made, a longer one by engine/row_sum.py (callers
  check the rows are at most row_sum.BLOCK long). That is row_sum's own rule for short
  rows; adding them in the loop is what makes the kernels pay, since a compiled call of
  row_sum on a slice costs more than such a sum (measured: person_weights' kernel took
  twice as long calling row_sum on every account's row).
- argsort(kind="stable") and argmax follow numpy's order: NaN sorts last and is the
  maximum (first NaN wins), equal keys (0.0 and -0.0 too) keep their index order.
- `OrderArrays.spending` is added lever by lever in COSTED order (`_rooms`).
  numpy skips a lever that is all zero in a small array; here it adds its zero, which
  changes the total at most in the sign of a zero, and the tactics only use the total
  through max(budget - total, 0) with budget >= +0 (orders.budget), where that sign
  cannot show. So the kernels give the room the numpy code gives, not `spending`
  itself.
- An executive visit is added to one person's cell, as `_add_per_account` does for a
  large order array; for a small one numpy adds 0 to every other person's cell as
  well (turning a -0.0 into 0.0), and so does `exec_cells` when told `small`.

Plain Python over arrays: it also runs uncompiled (slowly), which is how a test without
numba can still check it.
"""
from __future__ import annotations

import numpy as np

from .. import jit
from ..row_sum import row_sum

SHORT = 8  # rows shorter than this numpy adds one by one from 0.0 (engine/row_sum.py)

COSTED = (("exec", "side_exec_visit_cost"), ("service", "side_service_unit_cost"), ("solution", "money"),
          ("training", "money"), ("quality", "money"), ("hire", "side_hire_cost"), ("teams", "side_team_cost"),
          ("intel", "side_intel_cost"))
"""The costed levers in the order `_rooms` adds them: base.py uses the kernels
only while engine/orders.py's COSTED is this tuple."""


@jit.shared
def _max(x, y):
    """np.maximum(x, y) of two numbers of one type."""
    return x if (x > y or x != x) else y


@jit.shared
def _min(x, y):
    """np.minimum(x, y) of two numbers of one type."""
    return x if (x < y or x != x) else y


@jit.shared
def _clip(x, lo, hi):
    """np.clip(x, lo, hi) with number bounds."""
    x = lo if x < lo else x
    return hi if x > hi else x


@jit.shared
def _rooms(budget, exec_, service, solution, training, quality, hire, teams, intel, prices, s, out):
    """out[g] = np.maximum(budget - spending, 0.0) of side s: the money still free [G].

    The side's spending is `OrderArrays.spending(w, s)` up to the sign of a zero (see
    the module's note), added lever by lever in COSTED order. exec_: [G,S,A*K] (the
    order array's people rows joined, a view); prices: float64 [exec visit, service
    unit, hire, team, intelligence] of side s."""
    A = teams.shape[2]
    for g in range(out.shape[0]):
        total = row_sum(exec_[g, s]) * prices[0]  # every account's people in one row
        if A < SHORT:  # the service and solution rows: one by one from 0.0, as numpy adds so few
            served, solved = 0.0, 0.0
            for a in range(A):
                served = served + service[g, s, a]
                solved = solved + solution[g, s, a]
        else:
            served, solved = row_sum(service[g, s]), row_sum(solution[g, s])
        total = total + served * prices[1]
        total = total + solved
        total = total + training[g, s]
        total = total + quality[g, s]
        total = total + np.float64(hire[g, s]) * prices[2]
        n_teams, n_intel = 0, 0
        for a in range(A):
            if teams[g, s, a]:
                n_teams += 1
            if intel[g, s, a]:
                n_intel += 1
        total = total + np.float64(n_teams) * prices[3]
        total = total + np.float64(n_intel) * prices[4]
        out[g] = _max(budget[g] - total, 0.0)


@jit.shared
def _units(rooms, unit_cost):
    """rooms / unit_cost in place: units affordable, np.inf for everyone when the unit
    is free (as `affordable`)."""
    for g in range(rooms.shape[0]):
        rooms[g] = rooms[g] / unit_cost if unit_cost > 0 else np.inf


@jit.shared
def _live_shares(aw, dropped, out):
    """base.live_shares into out [G,A]: normalise(where(dropped, 0.0, aw))."""
    G, A = out.shape
    for g in range(G):
        total = 0.0
        for a in range(A):
            x = 0.0 if dropped[g, a] else aw[g, a]
            x = _max(x, 0.0)
            out[g, a] = x
            total = total + x
        if A >= SHORT:
            total = row_sum(out[g])
        total = _max(total, 1e-12)
        for a in range(A):
            out[g, a] = out[g, a] / total


@jit.shared
def _top_people(influence, at, anyone, at_exec, anyone_exec, out):
    """out [G,A]: base.top_person at the levels `at` [A,K] marks (`anyone`: [A]), else
    at an executive's levels (`at_exec`, `anyone_exec`), else -1 (as exec_to)."""
    G, A = out.shape
    K = at.shape[1]
    none = np.float32(-1.0)
    for g in range(G):
        for a in range(A):
            who = -1
            for pass_ in range(2):
                marks = at if pass_ == 0 else at_exec
                if not (anyone[a] if pass_ == 0 else anyone_exec[a]):
                    continue
                # argmax of where(marks, influence, -1.0): the first largest, the first NaN
                who = 0
                top = influence[g, a, 0] if marks[a, 0] else none
                if top == top:
                    for k in range(1, K):
                        x = influence[g, a, k] if marks[a, k] else none
                        if x != x:
                            who = k
                            break
                        if x > top:
                            top = x
                            who = k
                break
            out[g, a] = who


def afford_cells(budget, exec_, service, solution, training, quality, hire, teams, intel, prices, s,
                 unit_cost, out):
    """base.affordable: units at `unit_cost` the room still covers, per game, into out [G]."""
    _rooms(budget, exec_, service, solution, training, quality, hire, teams, intel, prices, s, out)
    _units(out, unit_cost)


def person_cells(influence, mask, stance, focus, out):
    """base.person_weights: out [G,A,K] float32 = normalise(influence x mask x (1 + focus
    x gap)), gap = clip(2 - stance, 0, 3) / 3.

    influence, stance: [G,A,K] float32; mask: [A,K] bool; focus: np.float32."""
    G, A, K = out.shape
    zero, one, two, three, tiny = (np.float32(0.0), np.float32(1.0), np.float32(2.0), np.float32(3.0),
                                   np.float32(1e-12))
    for g in range(G):
        for a in range(A):
            total = zero
            for k in range(K):
                infl = influence[g, a, k] * (one if mask[a, k] else zero)
                gap = _clip(two - stance[g, a, k], zero, three) / three
                x = _max(infl * (one + focus * gap), zero)
                out[g, a, k] = x
                total = total + x
            if K >= SHORT:
                total = row_sum(out[g, a])
            total = _max(total, tiny)
            for k in range(K):
                out[g, a, k] = out[g, a, k] / total


def spread_cells(aw, dropped, days, person_w, out, s):
    """base.spread: out[g, s] (the days order [G,S,A,K]) = days x live share x person
    weight x 0.999, in that order. aw: [G,A] float64; days: [G] float64 (capacity x
    fraction); person_w: [G,A,K]."""
    G, A = aw.shape
    K = person_w.shape[2]
    shares = np.empty((G, A))
    _live_shares(aw, dropped, shares)
    for g in range(G):
        for a in range(A):
            da = days[g] * shares[g, a]
            for k in range(K):
                out[g, s, a, k] = da * np.float64(person_w[g, a, k]) * 0.999


def service_cells(aw, dropped, cap, budget, exec_, service, solution, training, quality, hire, teams, intel,
                  prices, s, unit_cost):
    """base.service_to: service[:, s] = min(cap, affordable) x live share x 0.999.

    cap: float64, the side's capacity x fraction. The side's spending is read from the
    orders (`service` among them) before its row is written."""
    G, A = aw.shape
    units = np.empty(G)
    _rooms(budget, exec_, service, solution, training, quality, hire, teams, intel, prices, s, units)
    _units(units, unit_cost)
    shares = np.empty((G, A))
    _live_shares(aw, dropped, shares)
    for g in range(G):
        u = _min(cap, units[g])
        for a in range(A):
            service[g, s, a] = u * shares[g, a] * 0.999


def exec_cells(aw_in, dropped, n, influence, at, anyone, at_exec, anyone_exec, budget, exec_, service,
               solution, training, quality, hire, teams, intel, prices, s, unit_cost, out, small):
    """base.exec_to: n visits per game to the accounts in rank order (stable argsort of
    -aw), as many as the room pays for, each to the top person at the level (`at`,
    `anyone`), else at an executive's levels (`at_exec`, `anyone_exec`).

    out: the exec order [G,S,A,K] (`exec_` is its [G,S,A*K] view, read for spending
    before any visit is added); small: out.size <= arrays.SMALL (see the module's note)."""
    G, A = aw_in.shape
    K = out.shape[3]
    afford = np.empty(G)
    _rooms(budget, exec_, service, solution, training, quality, hire, teams, intel, prices, s, afford)
    _units(afford, unit_cost)
    who = np.empty((G, A), np.int64)
    _top_people(influence, at, anyone, at_exec, anyone_exec, who)
    key = np.empty(A)
    for g in range(G):
        paid = np.int64(_min(np.float64(n), np.floor(afford[g] + 1e-9)))
        whole, rest = paid // A, paid % A
        for a in range(A):
            key[a] = -(-1.0 if dropped[g, a] else aw_in[g, a])
        for a in range(A):
            k_at = who[g, a]
            visits = 0
            x = key[a]
            if -x > 0 and k_at >= 0:  # (so x is a number, not NaN)
                # one more visit when fewer than `rest` accounts come before a in the
                # stable order of the keys: a smaller key, or an equal one listed before
                before = 0
                for b in range(A):
                    if before >= rest:
                        break
                    y = key[b]
                    if y < x or (b < a and y == x):
                        before += 1
                visits = whole + (1 if before < rest else 0)
            k_at = k_at if k_at > 0 else 0
            if small:
                for k in range(K):
                    out[g, s, a, k] += visits if k == k_at else 0
            else:
                out[g, s, a, k_at] += visits


def fund_cells(wanted, budget, exec_, service, solution, training, quality, hire, teams, intel, prices, s, out):
    """base.fund: wanted [G,N] float64 scaled to the room, x 0.999, into out [G,N]."""
    G, N = wanted.shape
    rooms = np.empty(G)
    _rooms(budget, exec_, service, solution, training, quality, hire, teams, intel, prices, s, rooms)
    for g in range(G):
        room = rooms[g]
        if N < SHORT:
            total = 0.0
            for i in range(N):
                total = total + wanted[g, i]
        else:
            total = row_sum(wanted[g])
        scale = room / _max(total, 1e-9) if total > room else 1.0
        for i in range(N):
            out[g, i] = wanted[g, i] * scale * 0.999


def ties_cells(influence, mask, stance, out):
    """poacher.ties: out [G,A] float32 = sum(max(stance, 0) x infl) / max(sum(infl), 1e-9),
    infl = influence x mask, sums over people as numpy adds them."""
    G, A, K = influence.shape
    zero, one, tiny = np.float32(0.0), np.float32(1.0), np.float32(1e-9)
    infl = np.empty(K, np.float32)
    held = np.empty(K, np.float32)
    for g in range(G):
        for a in range(A):
            held_sum, infl_sum = zero, zero
            for k in range(K):
                x = influence[g, a, k] * (one if mask[a, k] else zero)
                y = _max(stance[g, a, k], zero) * x
                infl[k] = x
                held[k] = y
                infl_sum = infl_sum + x
                held_sum = held_sum + y
            if K >= SHORT:
                held_sum, infl_sum = row_sum(held), row_sum(infl)
            out[g, a] = held_sum / _max(infl_sum, tiny)
