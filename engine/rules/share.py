"""Share of wallet: each account weighs every supplier's offer against its needs and
moves its purchases toward the logit choice, slowed by switching costs.

A tender re-decides part of the wallet in one go, by the buying committee: each member
votes mostly by stance and a little by price, and the chair's voice counts most, so a
supplier with the lowest price but no friends at the top still loses.
"""
from __future__ import annotations

import numpy as np

from .. import jit
from ..arrays import SHORT, short_sum, sides_last, sides_second
from ..orders import OrderArrays
from ..scenario.models import NEEDS
from ..state import State
from ..world import World
from .causes import SHARE_CAUSES, UTILITY_PARTS
from .market import reallocate_shortfall
from .needs import known
from .share_kernel import choice_logits, move_cells, offer_cells

SC = {name: i for i, name in enumerate(SHARE_CAUSES)}
TEAM_EDGE = 0.08  # what an iron-triangle team adds to service and customisation as the account sees them
UP = {name: i for i, name in enumerate(UTILITY_PARTS)}


def effective_price(w: World, cut: np.ndarray) -> np.ndarray:
    return w.side_price_index[None, :, None] * (1.0 - cut)  # [G,S,A]


def price_score(w: World, cut: np.ndarray) -> np.ndarray:
    return np.clip(0.5 + 1.5 * (1.0 - effective_price(w, cut)), 0.0, 1.0)


def relationship_score(w: World, state: State) -> np.ndarray:
    """Influence-weighted stance of the buying center toward each side, 0..1 [G,S,A]."""
    weight = center_weight(w, state)
    # sum_k w_k (stance_k + 1) / 4 / sum_k w_k, contracted over k without a full-size temporary
    total = np.maximum(weight.sum(-1), 1e-9)[..., None]  # [G,A,1]
    weighted = np.einsum("gaks,gak->gas", state.personal, weight) + np.einsum("gaks,gak->gas", state.org, weight)
    score = (weighted / total + 1.0) * 0.25
    return sides_second(score)


def center_weight(w: World, state: State) -> np.ndarray:
    """How much each person's stance counts in the relationship score [G,A,K] float32:
    their influence, twice for the chair, 0 for an empty seat."""
    weight = state.influence * w.sh_mask  # [G,A,K]
    is_chair = np.arange(w.K)[None, None, :] == state.chair[:, :, None]
    return (weight * np.where(is_chair, 2.0, 1.0)).astype(np.float32)


def quality_credit(w: World, state: State) -> np.ndarray:
    """Share of its claimed quality an account credits to each supplier, 0..1 [G,S,A].

    Buyers take an untried supplier's quality on faith only in part (no references, no
    track record on their own line); the credit grows with the business they give it.
    """
    tu = w.scenario.tuning
    proof = np.clip(state.share / tu.proven_share, 0.0, 1.0)
    return tu.untried_quality + (1.0 - tu.untried_quality) * proof


def service_score(w: World, srv: np.ndarray, team: np.ndarray) -> np.ndarray:
    """Service an account experiences, 0..1 [G,S,A]: what is delivered on site (units,
    with diminishing returns) counts most, and a fast, flexible service organisation
    makes each unit count for more; its reputation alone is worth little."""
    speed = w.side_service_speed[None, :, None]
    return np.minimum(0.15 * speed + (0.45 + 0.4 * speed) * srv + TEAM_EDGE * team, 1.0)


def need_scores(w: World, state: State, orders: OrderArrays, out: np.ndarray | None = None) -> np.ndarray:
    """How well each side meets each need at each account, 0..1 [G,S,A,N] (written into
    `out` when given: a large batch's share update builds no extra copies)."""
    tu = w.scenario.tuning
    srv = orders.service / (orders.service + 2.0)
    team = orders.teams.astype(float)
    scores = np.empty(state.share.shape + (len(NEEDS),)) if out is None else out
    scores[..., 0] = price_score(w, orders.cut)
    scores[..., 1] = 0.7 * state.quality[:, :, None] * quality_credit(w, state) + 0.3 * state.satisfaction
    scores[..., 2] = service_score(w, srv, team)
    scores[..., 3] = np.minimum(state.solution / (state.solution + 1.0) + TEAM_EDGE * team, 1.0)
    scores[..., 4] = relationship_score(w, state)
    # A need not yet discovered is met only in part (x 1.0 elsewhere changes nothing).
    np.multiply(scores, tu.blind_factor, out=scores, where=~known(state))
    return scores


def utility_parts(w: World, state: State, orders: OrderArrays, luck: np.ndarray) -> np.ndarray:
    """Each side's attractiveness at each account, split into named parts [G,S,A,P]."""
    tu = w.scenario.tuning
    parts = np.zeros(state.share.shape + (len(UTILITY_PARTS),))
    needs = need_scores(w, state, orders, out=parts[..., : len(NEEDS)])
    needs *= w.need_w[None, None]
    # Switching costs protect only a supplier the account is content with: a dissatisfied
    # account is already looking for the exit.
    content = np.clip(state.satisfaction / CONTENT, 0.0, 1.0)
    # Solution work builds structural bonds (seed 001): a supplier whose customised
    # solutions run in the account's process is costlier to replace.
    bonds = tu.structural_bond * state.solution / (state.solution + 1.0)
    switching = np.minimum(w.switching[None, None, :] + bonds, 1.0)
    parts[..., UP["incumbency"]] = tu.incumbency * switching * state.share * content
    parts[..., UP["alliance"]] = state.alliance * w.alliance_bonus[None, None, :]
    parts[..., UP["luck"]] = luck
    return parts


CONTENT = 0.6  # satisfaction at which an account is content with a supplier
PRESENCE_SHARE = 0.05  # a supplier holding this much of the wallet is on the approved list


def presence(state: State, orders: OrderArrays) -> np.ndarray:
    """How far each account considers each supplier at all, 0..1 [G,S,A].

    An account buys only from suppliers it knows: those it already buys from, and those
    who work it this turn (rep days, executives, service, solution work). A supplier that
    never shows up is not on the approved list, however good its catalogue looks.
    """
    contact = (short_sum(orders.days, -1) / 4.0 + short_sum(orders.exec, -1) + orders.service + 5.0 * orders.solution)
    return presence_of(state, contact)


def presence_of(state: State, contact: np.ndarray) -> np.ndarray:
    """`presence` from this turn's contact [G,S,A] (rep days / 4 + visits + service + 5 x solution)."""
    held = np.minimum(state.share / PRESENCE_SHARE, 1.0)
    return np.maximum(held, 1.0 - np.exp(-contact))


def target_shares(w: World, state: State, utility: np.ndarray, known: np.ndarray | None = None) -> np.ndarray:
    """Logit choice among active suppliers and everyone else (the outside option).

    `known` (0..1 [G,S,A], see `presence`) scales each supplier's weight in the choice.
    """
    beta = w.scenario.tuning.choice_sharpness
    eligible = state.active[:, :, None] & ~state.dropped
    if known is not None:
        eligible = eligible & (known > 0)
        utility = utility + log_presence(known) / beta
    z = np.where(eligible, beta * utility, -np.inf)
    z0 = beta * w.others_u[None, :]  # [1,A]
    top = np.maximum(z.max(axis=1), z0)  # [G,A]
    ez, e0 = choice_weights(z, z0, top)
    return ez / (ez.sum(axis=1) + e0)[:, None, :]


def log_presence(known: np.ndarray) -> np.ndarray:
    """log of `presence`, what it adds to a utility times the choice's sharpness (a supplier
    unknown to the account gets a large negative number, not -inf)."""
    return np.log(np.maximum(known, 1e-12))


def choice_weights(z: np.ndarray, z0: np.ndarray, top: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The logit weights of the suppliers [G,S,A] and of the outside option [G,A], each
    exponent less the largest at its account (`top`), so none overflows."""
    return np.exp(z - top[:, None, :]), np.exp(z0 - top)


def move_speed(w: World) -> np.ndarray:
    """How far shares move toward their target in a turn [A]: switching costs slow them."""
    return w.scenario.tuning.share_speed * (1.0 - 0.6 * w.switching)


def update(w: World, state: State, orders: OrderArrays, luck: np.ndarray,
           causes: np.ndarray) -> np.ndarray:
    """Move shares one turn; returns the utility parts behind the move [G,S,A,P]."""
    if w.K <= SHORT and jit.kernel(offer_cells, state.G) is not None:
        return _update_fused(w, state, orders, luck, causes)  # a large batch: compiled loops
    parts = utility_parts(w, state, orders, luck)
    target = target_shares(w, state, parts.sum(-1), presence(state, orders))
    speed = move_speed(w)[None, None, :]
    before = state.share
    moved = before + speed * (target - before)
    # A supplier that walked away from an account loses what it held there because it left,
    # not to the day-to-day buying or to a shortfall (its target is nothing only because
    # it is gone): its whole change is booked as "dropped", and a trainee who drops an
    # account is not told that rivals' offers took it.
    kept = ~state.dropped
    causes[..., SC["competition"]] += np.where(kept, moved - before, 0.0)

    capped = np.where(state.cap_turns[:, :, None] > 0, np.minimum(moved, state.cap_share), moved)
    causes[..., SC["capacity"]] += np.where(kept, capped - moved, 0.0)
    capped = reallocate_shortfall(state, moved, capped, target, causes)
    final = np.where(state.dropped, 0.0, capped)
    causes[..., SC["dropped"]] += np.where(kept, final - capped, final - before)
    state.share = final
    _count_down_caps(state)
    return parts


def _count_down_caps(state: State) -> None:
    """A capacity shortfall lasts its turns: one fewer after each share move."""
    state.cap_turns = np.maximum(state.cap_turns - 1, 0)


def _update_fused(w: World, state: State, orders: OrderArrays, luck: np.ndarray,
                  causes: np.ndarray) -> np.ndarray:
    """`update` through the compiled loops (engine/rules/share_kernel.py), with numpy's
    exp and log between them: the same shares and causes bit for bit (tests/test_jit.py)."""
    assert len(UTILITY_PARTS) == 8, "share_kernel.offer_cells adds eight parts"
    tu = w.scenario.tuning
    G = state.G
    parts = np.empty(state.share.shape + (len(UTILITY_PARTS),))
    utility = np.empty(state.share.shape)
    contact = np.empty(state.share.shape)
    consts = np.array([tu.proven_share, tu.untried_quality, 1.0 - tu.untried_quality, tu.blind_factor,
                       tu.incumbency, tu.structural_bond, CONTENT, TEAM_EDGE])
    jit.kernel(offer_cells, G)(
        parts, utility, contact, state.share, state.satisfaction, state.quality, state.solution, state.alliance,
        state.discovered, state.personal, state.org, center_weight(w, state), orders.cut, orders.service, orders.teams, orders.solution,
        orders.days, orders.exec, w.side_price_index, w.side_service_speed, w.need_w, w.switching,
        w.alliance_bonus, luck, consts)
    known_now = presence_of(state, contact)
    beta = tu.choice_sharpness
    z = np.empty(state.share.shape)
    top = np.empty((G, w.A))
    jit.kernel(choice_logits, G)(z, top, utility, known_now, log_presence(known_now), state.active,
                                 state.dropped, w.others_u, beta)
    ez, e0 = choice_weights(z, beta * w.others_u[None, :], top)
    final = np.empty(state.share.shape)
    idx = np.array([SC["competition"], SC["capacity"], SC["shortfall_gain"], SC["dropped"]])
    jit.kernel(move_cells, G)(final, causes, state.share, ez, e0, move_speed(w), state.cap_turns,
                              state.cap_share, state.active, state.dropped, idx)
    state.share = final
    _count_down_caps(state)
    return parts


def tender(w: World, state: State, orders: OrderArrays, noise: np.ndarray, causes: np.ndarray) -> None:
    """Committee decision for accounts with a tender this turn; noise is [G,A,S] in 0..1."""
    portion = state.tender  # [G,A]
    if not portion.any():
        return
    tu = w.scenario.tuning
    eligible = state.active[:, :, None] & ~state.dropped  # [G,S,A]
    price = sides_last(price_score(w, orders.cut))  # [G,A,S]
    stance = state.personal + state.org  # [G,A,K,S]
    vote_value = 1.5 * (stance + tu.tender_price_weight * price[:, :, None, :])
    vote_value = np.where(sides_last(eligible)[:, :, None, :], vote_value, -np.inf)
    vote_value = vote_value - vote_value.max(-1, keepdims=True)
    votes = np.exp(vote_value)
    votes /= votes.sum(-1, keepdims=True)
    is_chair = np.arange(w.K)[None, None, :] == state.chair[:, :, None]
    weight = state.influence * w.sh_mask * np.where(is_chair, tu.chair_weight, 1.0)  # [G,A,K]
    tally = (votes * weight[..., None]).sum(2)  # [G,A,S]
    tally = tally * (0.8 + 0.4 * noise)
    tally = np.where(sides_last(eligible), tally, -1.0)
    winner = tally.argmax(-1)  # [G,A]
    won = sides_second(np.arange(w.S)[None, None, :] == winner[..., None])  # [G,S,A]
    p = portion[:, None, :]
    new = (1.0 - p) * state.share + p * won
    causes[..., SC["tender"]] += new - state.share
    state.share = new
    state.tender_won = np.where(portion > 0, winner, state.tender_won)
    state.tender = np.zeros_like(portion)
