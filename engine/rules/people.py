"""People: pay plan, hiring, training, morale, attrition, and reps who leave with their
accounts (seed 000's internal collapse).

A rep's "book" is the personal stance they hold at the accounts they own, weighted by
demand. Under a commission-heavy plan reps with big books are rich and disloyal: they
leave, their personal ties go with them, and some found a rival that inherits those
ties. Iron-triangle teams protect against this by turning personal ties into
organisational ones before anyone leaves.
"""
from __future__ import annotations

import numpy as np

from .. import jit
from ..arrays import along_last, sides_last, sides_second
from ..orders import OrderArrays
from ..state import State
from ..world import World
from .causes import SHARE_CAUSES, STANCE_CAUSES
from .people_kernel import depart_cells, hire_cells, leave_cells, morale_cells

# A departing rep's ties are booked under their own cause, not "events": the trainee
# must see "our rep left", not an anonymous event, beside a stance loss.
STANCE_REP_LEFT = STANCE_CAUSES.index("rep_left")
NEW_REP_SKILL = 0.4
NEW_REP_MORALE = 0.7


def apply_pay_and_hiring(w: World, state: State, orders: OrderArrays) -> None:
    fused = jit.kernel(hire_cells, state.G)
    if fused is not None:  # a large batch: one compiled pass, the same hires
        fused(state.pay, state.rep_alive, state.rep_morale, state.rep_serial, state.hires, state.rep_skill,
              orders.pay, orders.hire, w.rep_slot, NEW_REP_SKILL, NEW_REP_MORALE)
        return
    changed = (orders.pay >= 0) & (orders.pay != state.pay)
    if not (np.count_nonzero(orders.hire) or np.count_nonzero(changed)):
        return  # no hire and no new pay plan anywhere: nothing below would change (most turns)
    state.pay = np.where(orders.pay >= 0, orders.pay, state.pay)
    # A pay-plan change unsettles the reps there are (morale stays within 0..1).
    upset = changed[..., None] & state.rep_alive
    state.rep_morale = np.where(upset, np.maximum(state.rep_morale - 0.05, 0.0), state.rep_morale)
    free = w.rep_slot[None] & ~state.rep_alive
    order = np.cumsum(free, axis=-1)
    hired = free & (order <= orders.hire[..., None])
    state.rep_alive = state.rep_alive | hired
    # Each hire is a new person: the side's next serial number (a name of their own).
    state.rep_serial = np.where(hired, state.hires[..., None] + order, state.rep_serial)
    state.hires = state.hires + hired.sum(-1)
    state.rep_skill = np.where(hired, NEW_REP_SKILL, state.rep_skill)
    state.rep_morale = np.where(hired, NEW_REP_MORALE, state.rep_morale)


def books(w: World, state: State) -> np.ndarray:
    """Personal-tie capital each rep holds, as a share of the side's market [G,S,R]."""
    weight = _book_weight(w, state)  # [G,A,K]
    ties = (np.einsum("gaks,gak->gas", np.maximum(state.personal, 0.0), weight)
            / (3.0 * np.maximum(weight.sum(-1), 1e-9))[..., None])
    value = sides_second(ties) * state.demand[:, None, :]  # [G,S,A]
    value = value / _market(state)[:, None, None]
    G, S, R = state.rep_alive.shape
    owner = state.owner
    idx = (np.arange(G)[:, None, None] * S + np.arange(S)[None, :, None]) * R + np.maximum(owner, 0)
    book = np.bincount(idx.ravel(), weights=(value * (owner >= 0)).ravel(), minlength=G * S * R)
    return book.reshape(G, S, R)


def _book_weight(w: World, state: State) -> np.ndarray:
    """How much each person's ties count in a book [G,A,K] (influence; 0 for empty seats)."""
    return (state.influence * w.sh_mask).astype(state.personal.dtype)


def _market(state: State) -> np.ndarray:
    """Each game's total demand [G] (at least 1e-9): books are shares of it."""
    return np.maximum(state.demand.sum(-1), 1e-9)


def _disloyalty(w: World, state: State) -> np.ndarray:
    """How far a rep's book tempts them to leave under the side's pay plan [G,S]."""
    return (1.0 - w.pay_loyalty[state.pay]) ** 1.5


def update_morale(w: World, state: State, orders: OrderArrays, capacity: np.ndarray) -> None:
    alive = state.rep_alive
    load = orders.days.sum((-1, -2)) / np.maximum(capacity, 1e-9)
    fused = jit.kernel(morale_cells, state.G)
    if fused is not None:  # a large batch: one compiled pass, the same skills and morale
        fused(state.rep_skill, state.rep_morale, alive, orders.training, load, state.pay, w.pay_morale, state.cash,
              state.leavers)
        return
    n = np.maximum(alive.sum(-1), 1)
    per_rep_training = orders.training / n
    trained = per_rep_training / (per_rep_training + 0.03)  # [G,S]
    state.rep_skill = np.where(alive, np.minimum(state.rep_skill + 0.08 * trained[..., None] * (1 - state.rep_skill), 1.0), state.rep_skill)
    target = (
        w.pay_morale[state.pay]
        + 0.12 * trained
        - 0.5 * np.maximum(load - 0.85, 0.0)
        - 0.15 * (state.cash < 0)
        - 0.1 * np.minimum(state.leavers, 3) / 3.0
    )
    state.rep_morale = np.where(alive, np.clip(state.rep_morale + 0.4 * (target[..., None] - state.rep_morale), 0.0, 1.0), state.rep_morale)


def attrition(w: World, state: State, u_leave: np.ndarray, u_spin: np.ndarray, spin_slot: np.ndarray,
              stance_causes: np.ndarray, share_causes: np.ndarray, forced: np.ndarray | None = None) -> np.ndarray:
    """Reps leave; their ties go (to a spin-off when one is founded). Returns leavers [G,S,R].

    u_leave, u_spin: [G,S,R] uniforms; spin_slot: [G,S] index of the side a leaver of
    side s may found (-1 = none); forced: [G,S,R] reps leaving by a scripted event.
    """
    tu = w.scenario.tuning
    if stance_causes is None and forced is not None and jit.kernel(leave_cells, state.G) is not None:
        return _attrition_fused(w, state, u_leave, u_spin, spin_slot, share_causes, forced)
    book = books(w, state)
    state.rep_book = book
    p = tu.attrition * (1.2 - state.rep_morale) + book * _disloyalty(w, state)[..., None]
    leave = state.rep_alive & (u_leave < np.clip(p, 0.0, 0.9)) & state.active[..., None]
    if forced is not None:
        leave |= forced & state.rep_alive
    if not leave.any():
        state.leavers = np.zeros_like(state.leavers)
        return leave
    # At most one spin-off per side per turn: the leaver with the biggest book founds it.
    candidate = leave & (u_spin < tu.spin_off_chance) & (book > tu.spin_off_book) & (spin_slot[..., None] >= 0)
    if forced is not None:
        candidate |= forced & state.rep_alive & (spin_slot[..., None] >= 0)
    best = np.where(candidate, book, -1.0).argmax(-1)  # [G,S]
    founds = candidate.any(-1)  # [G,S]
    _depart(w, state, leave, best, founds, spin_slot, stance_causes, share_causes)
    _count_leavers(state, leave)
    return leave


def _count_leavers(state: State, leave: np.ndarray) -> None:
    state.leavers = leave.sum(-1)
    state.left_total = state.left_total + state.leavers


def _attrition_fused(w, state, u_leave, u_spin, spin_slot, share_causes, forced) -> np.ndarray:
    """`attrition` through the compiled loops (engine/rules/people_kernel.py), for a large
    batch without explanations: the same reps leave with the same ties bit for bit
    (tests/test_jit.py)."""
    tu = w.scenario.tuning
    G, S, R = state.rep_alive.shape
    book = np.empty((G, S, R))
    leave = np.empty((G, S, R), bool)
    best = np.empty((G, S), np.int64)
    founds = np.empty((G, S), bool)
    consts = np.array([tu.attrition, tu.spin_off_chance, tu.spin_off_book])
    anyone = jit.kernel(leave_cells, G)(
        book, leave, best, founds, state.personal, _book_weight(w, state), state.demand, _market(state),
        state.owner, state.rep_alive, state.rep_morale, _disloyalty(w, state), u_leave, u_spin, spin_slot,
        state.active, forced, consts)
    state.rep_book = book
    if not anyone:
        state.leavers = np.zeros_like(state.leavers)
        return leave
    left_owner = np.empty(state.share.shape, bool)
    hit = jit.kernel(depart_cells, G)(
        state.personal, state.org, state.share, state.active, state.owner, state.rep_alive, leave, best, founds,
        spin_slot, state.influence, share_causes, left_owner, np.float32(tu.follow_rate),
        SHARE_CAUSES.index("rep_left"))
    if hit:
        _notice_new_face(state, left_owner)
    _count_leavers(state, leave)
    return leave


def _depart(w, state, leave, best, founds, spin_slot, stance_causes, share_causes) -> None:
    """Leavers walk out with their personal ties; only games where an account owner left
    are touched (in a large batch most games have no such leaver in a given turn)."""
    owner = state.owner
    left_owner = (owner >= 0) & along_last(leave, np.maximum(owner, 0))  # [G,S,A]
    state.rep_alive = state.rep_alive & ~leave
    hit = np.flatnonzero(left_owner.any((1, 2)))
    if hit.size == 0:
        return
    _lose_ties(w, state, hit, left_owner[hit], best[hit], founds[hit], spin_slot[hit], stance_causes, share_causes)
    _reassign(state, left_owner, hit)
    _notice_new_face(state, left_owner)


def _notice_new_face(state: State, left_owner: np.ndarray) -> None:
    """The account notices the new face (seed 000: customers disliked ever-changing reps)."""
    state.satisfaction = np.clip(state.satisfaction - 0.05 * left_owner, 0.0, 1.0)


def _lose_ties(w, state, hit, left_owner, best, founds, spin_slot, stance_causes, share_causes) -> None:
    """Remove departing owners' personal stance in games `hit`; founders take theirs along."""
    S = state.owner.shape[1]
    tu = w.scenario.tuning
    personal = state.personal[hit]  # [H,A,K,S]
    lost = sides_last(left_owner)[:, :, None, :] * personal
    new = personal - lost
    founder_acc = left_owner & (state.owner[hit] == best[..., None]) & founds[..., None]  # [H,S,A]
    share = state.share[hit]
    moved_share = np.zeros_like(share)
    active = state.active[hit]
    for s in range(S):
        # Only the games where side s's founder took accounts along, each on its own: a
        # founder who owned nothing founds nothing, whatever happens in other games.
        took = np.flatnonzero(founder_acc[:, s].any(-1))
        if took.size == 0:
            continue
        go = founder_acc[took, s]  # [T,A]
        into = (np.arange(S)[None, :] == spin_slot[took, s][:, None]) & founds[took, s, None]  # [T,S]
        moved = lost[took, ..., s] * go[:, :, None]  # [T,A,K]
        new[took] = new[took] + moved[..., None] * into[:, None, None, :]
        infl = state.influence[hit[took]]
        tie = (np.maximum(lost[took, ..., s], 0) * infl).sum(-1) / np.maximum(infl.sum(-1), 1e-9) / 3.0
        follow = tu.follow_rate * np.clip(tie, 0, 1) * go * share[took, s]  # [T,A]
        moved_share[took, s] -= follow
        moved_share[took] += follow[:, None, :] * into[:, :, None]
        active[took] |= into
    org = state.org[hit]
    new = np.clip(new, -1.0 - org, 3.0 - org)
    if stance_causes is not None:
        stance_causes[hit, ..., STANCE_REP_LEFT] += new - personal
    state.personal[hit] = new
    state.share[hit] = share + moved_share
    state.active[hit] = active
    share_causes[hit, ..., SHARE_CAUSES.index("rep_left")] += moved_share


def _reassign(state: State, orphaned: np.ndarray, hit: np.ndarray) -> None:
    """Give orphaned accounts to the remaining reps, least loaded first, in turn (only in
    games `hit`, where someone left)."""
    alive = state.rep_alive[hit]
    orphaned = orphaned[hit]
    H, S, A = orphaned.shape
    R = alive.shape[-1]
    owner = np.where(orphaned, -1, state.owner[hit])
    idx = (np.arange(H)[:, None, None] * S + np.arange(S)[None, :, None]) * R + np.maximum(owner, 0)
    counts = np.bincount(idx.ravel(), weights=(owner >= 0).ravel(), minlength=H * S * R).reshape(H, S, R)
    order = np.argsort(np.where(alive, counts, np.inf), axis=-1, kind="stable")
    n_alive = alive.sum(-1)  # [H,S]
    rank = np.cumsum(orphaned, axis=-1) - 1
    pick = along_last(order, np.maximum(rank, 0) % np.maximum(n_alive, 1)[..., None])
    state.owner[hit] = np.where(orphaned, np.where(n_alive[..., None] > 0, pick, -1), owner)
