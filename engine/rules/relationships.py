"""Stance change, person by person: rep days and executive visits reach the people they
are given to, technical exchanges reach levels, ties fade without contact, teams turn
personal ties into organisational ones, and suppliers compete for each person.

Stance is held as two parts per stakeholder and side ([G,A,K,S]): `personal` (belongs to
the side's account owner and leaves with that rep) and `org` (company to company). Their
sum always stays within -1..3 (engine/stance_scale.py). Gains shrink as a stance nears 3.

Rivalry at each person (seed 003's scale is a ranking, not five separate dials):
- a person loyal to one supplier resists the others: a side's gains with that person are
  scaled by 1 - resistance x loyalty, where loyalty is the best rival stance above
  "supports", as a share of the way from 0.5 to 3;
- each point a rival gains with a person costs every other supplier `tuning.rivalry`
  points of its positive stance there (never below neutral);
- a person prefers (>= 1.5, step 2) at most one supplier: whoever stands highest keeps
  the preference and everyone else is held just below it. So a person is a coach to one
  supplier at most, and a rival's blitz on our friend costs us our friend.
"""
from __future__ import annotations

import numpy as np

from ..arrays import sides_last
from .. import jit
from ..orders import OrderArrays
from ..stance_scale import BELOW_PREFERS, HIGH, LOW, PREFERS, SUPPORTS, one_preferred, side_sum, take_from_positive
from ..state import State
from ..world import World
from .causes import STANCE_CAUSES
from .relationships_kernel import person_turn

C = {name: i for i, name in enumerate(STANCE_CAUSES)}

LEVEL_EXCHANGE = np.array([1.0, 1.0, 0.3])   # decision level hears less of technical exchanges
LEVEL_NEAR_USE = np.array([1.0, 0.6, 0.2])   # who feels deliveries and service day to day
EXEC_CONTACT = 5.0                           # an executive visit counts as this many rep days of contact
CONTACT_MEMORY = 0.5                         # share of last turn's contact remembered


def per_person(x: np.ndarray) -> np.ndarray:
    """An order array [G,S,A,K] in the stance layout [G,A,K,S] (float32, contiguous)."""
    return np.ascontiguousarray(sides_last(x), dtype=np.float32)


def by_level(w: World, values: np.ndarray) -> np.ndarray:
    """Each stakeholder's value from a per-level table [L] -> [A,K] float32 (padding gets
    0). Fixed by the scenario, so made once per world; read only."""
    key = ("by_level", values.tobytes())
    if key not in w.memo:
        w.memo[key] = (values[w.sh_level] * w.sh_mask).astype(np.float32)
    return w.memo[key]


def resistance(w: World) -> np.ndarray:
    """Each person's resistance to suppliers other than the one they are loyal to [A,K]
    float32 (the scenario's, made once per world; read only)."""
    if "resistance" not in w.memo:
        w.memo["resistance"] = w.sh_resistance.astype(np.float32)
    return w.memo["resistance"]


def per_account(x: np.ndarray) -> np.ndarray:
    """A side-by-account array [G,S,A] broadcast over people: [G,A,1,S] float32."""
    return sides_last(x)[:, :, None, :].astype(np.float32)


def rep_effectiveness(w: World, state: State) -> np.ndarray:
    """Mean skill of a side's reps [G,S]: skilled reps build ties faster per day."""
    alive = state.rep_alive
    n = np.maximum(alive.sum(-1), 1)
    return 0.5 + (state.rep_skill * alive).sum(-1) / n


def loyalty_elsewhere(stance: np.ndarray) -> np.ndarray:
    """How loyal each person is to a supplier other than s, 0..1 [G,A,K,S]: their best
    stance toward any other supplier above "supports", as a share of the way to 3.

    Everyone's best other stance is the top one, except the top side's own: the
    runner-up (the top again when two share it). One pass over the suppliers keeps the
    two highest stances."""
    S = stance.shape[-1]
    if S == 1:
        return np.zeros_like(stance)
    top = stance[..., 0].copy()
    second = np.full_like(top, -np.inf)
    low = np.empty_like(top)
    for s in range(1, S):
        x = stance[..., s]
        np.minimum(top, x, out=low)
        np.maximum(second, low, out=second)
        np.maximum(top, x, out=top)
    other_best = np.where(stance == top[..., None], second[..., None], top[..., None])
    other_best -= np.float32(SUPPORTS)
    other_best *= np.float32(1.0 / (HIGH - SUPPORTS))
    return np.clip(other_best, 0.0, 1.0, out=other_best)


def update(w: World, state: State, orders: OrderArrays, causes: np.ndarray | None) -> np.ndarray:
    """Apply one turn of relationship change; returns each person's effort response
    [G,A,K,S] (0..1, how far that side's rep days reached them)."""
    tu = w.scenario.tuning
    f32 = np.float32
    fused = jit.kernel(person_turn, state.G) if causes is None else None
    if fused is not None:  # a large batch without explanations: one compiled pass
        return _update_fused(w, state, orders, fused)
    live = per_account(~state.dropped)  # effort on a dropped account is wasted
    supplying = per_account(_supplying(state))
    effect = _effect(w, state)[:, None, None, :]
    # Each step below is one element-wise pass into an array of its own (in place where
    # nothing else reads it): a balance run spends its time here.
    days = per_person(orders.days)
    days *= effect
    days *= live
    resp = days + f32(tu.effort_half_days)
    np.divide(days, resp, out=resp)
    reach = _reach(orders, live)
    exchange = per_account(_exchange(orders)) * live
    contact = resp + reach
    np.minimum(contact, 1.0, out=contact)
    contact_days = state.contact  # [G,S,A,K] float32, updated in place
    contact_days *= f32(CONTACT_MEMORY)
    np.add(contact_days, orders.days, out=contact_days, casting="unsafe")
    np.add(contact_days, EXEC_CONTACT * orders.exec, out=contact_days, casting="unsafe")

    personal, org = state.personal, state.org
    stance = personal + org
    headroom = f32(3.0) - stance
    headroom *= f32(0.25)
    # Proof before preference: past "supports" (1), ties grow only as fast as the account's
    # experience of the supplier allows (its share of the wallet): an untried supplier can
    # win a hearing, not a preference.
    proof = per_account(_proof(w, state))
    np.multiply(headroom, proof, out=headroom, where=headroom < 0.5)  # stance > 1
    # A person loyal to a rival listens less (resistance is the trainer's, per person).
    courted = loyalty_elsewhere(stance)
    courted *= resistance(w)[None, :, :, None]
    np.subtract(f32(1.0), courted, out=courted)  # openness
    courted *= headroom
    keep = f32(1.0) - contact
    keep *= f32(tu.personal_decay)
    np.subtract(f32(1.0), keep, out=keep)
    d_effort = f32(tu.personal_gain) * resp
    d_effort *= courted
    d_exec = f32(tu.exec_gain) * reach
    d_exec *= courted
    d_exchange = f32(tu.exchange_gain) * exchange * by_level(w, LEVEL_EXCHANGE)[None, :, :, None]
    d_exchange *= courted
    d_sat = _satisfaction_pull(per_account(state.satisfaction), supplying) * by_level(w, LEVEL_NEAR_USE)[None, :, :, None]
    decayed = personal * keep

    teams = orders.teams & ~state.dropped
    if teams.any():
        team = per_account(teams) * _team_conversion(w, state)[:, None, None, :].astype(f32)
        d_team = team * np.maximum(decayed + d_effort, 0.0)
    else:  # no iron-triangle team anywhere this turn (most balance runs): nothing converts
        d_team = np.zeros_like(decayed)

    new_org = org * f32(1.0 - tu.org_decay)
    new_org += d_exec
    new_org += d_exchange
    new_org += d_sat
    new_org += d_team
    np.clip(new_org, LOW, HIGH, out=new_org)
    new_personal = decayed + d_effort
    new_personal -= d_team
    np.minimum(new_personal, HIGH - new_org, out=new_personal)
    np.maximum(new_personal, LOW - new_org, out=new_personal)
    before_rivalry = new_personal + new_org

    # A rival's gain with a person is our loss there, down to neutral at worst. Taken
    # from every cell at once: where nothing is lost the stance is unchanged exactly.
    gain = d_effort + d_exec
    gain += d_exchange
    loss = side_sum(gain) - gain
    loss *= f32(tu.rivalry)
    np.minimum(loss, np.maximum(before_rivalry, 0.0), out=loss)
    new_personal, new_org = take_from_positive(new_personal, new_org, loss)
    new_personal, new_org = one_preferred(new_personal, new_org)

    if causes is not None:
        # Team conversion moves stance from personal to org: it changes no total, so it is
        # not a cause of stance change; its effect shows when a rep leaves.
        parts = {
            "rep_effort": d_effort, "exec_visits": d_exec, "exchanges": d_exchange,
            "satisfaction": d_sat, "decay": decayed - personal - f32(tu.org_decay) * org,
        }
        for name, part in parts.items():
            causes[..., C[name]] += part
        causes[..., C["limit"]] += before_rivalry - stance - sum(parts.values())
        causes[..., C["rivalry"]] += new_personal + new_org - before_rivalry
    state.org = new_org
    state.personal = new_personal
    return resp


# The per-account inputs of a turn's relationship change, one definition for both ways of
# computing it (`update` lays them out per person, `_update_fused` hands them to the kernel).

def _supplying(state: State) -> np.ndarray:
    """Where each side supplies enough to be felt day to day [G,S,A] (live accounts)."""
    return (state.share > 0.02) & ~state.dropped


def _effect(w: World, state: State) -> np.ndarray:
    """How much a rep day of each side counts [G,S] (float32): skill, if it is in the market."""
    return (rep_effectiveness(w, state) * state.active).astype(np.float32)


def _reach(orders: OrderArrays, live: np.ndarray) -> np.ndarray:
    """1 - exp(-visits) per person [G,A,K,S] float32; `live` [G,A,1,S] (per_account)."""
    reach = per_person(orders.exec)
    reach *= -live
    np.expm1(reach, out=reach)
    np.negative(reach, out=reach)
    return reach


def _exchange(orders: OrderArrays) -> np.ndarray:
    """Technical exchanges at each account [G,S,A] 0..1: service and solution work."""
    return 0.5 * (orders.service / (orders.service + 3.0) + orders.solution / (orders.solution + 0.5))


def _proof(w: World, state: State) -> np.ndarray:
    """How far past "supports" ties may grow [G,S,A]: the account's experience of the side."""
    tu = w.scenario.tuning
    return np.clip(state.share / tu.proven_share, tu.untried_pace, 1.0)


def _satisfaction_pull(satisfaction: np.ndarray, supplying: np.ndarray) -> np.ndarray:
    """What a supplier's deliveries do to stances (float32, in either layout), before the
    level's share of it."""
    return np.float32(0.3) * (satisfaction - np.float32(0.5)) * supplying


def _team_conversion(w: World, state: State) -> np.ndarray:
    """Share of personal ties an iron-triangle team turns into company ties [G,S]."""
    return np.clip(w.scenario.tuning.team_conversion * w.pay_teamwork[state.pay] * state.active, 0.0, 1.0)


def _update_fused(w: World, state: State, orders: OrderArrays, fused) -> np.ndarray:
    """`update` through the compiled kernel (engine/rules/relationships_kernel.py): the
    per-account inputs are prepared here exactly as `update` prepares them, the per-person
    passes run as one loop. Same stances bit for bit (tests/test_jit.py)."""
    tu = w.scenario.tuning
    f32 = np.float32
    live_b = ~state.dropped  # [G,S,A]
    live = live_b.astype(f32)
    effect = _effect(w, state)
    reach = _reach(orders, per_account(live_b))
    exg = f32(tu.exchange_gain) * (_exchange(orders).astype(f32) * live)
    proof = _proof(w, state).astype(f32)
    satpart = _satisfaction_pull(state.satisfaction.astype(f32), _supplying(state).astype(f32))
    teams = orders.teams & live_b
    if teams.any():
        team = teams.astype(f32) * _team_conversion(w, state)[:, :, None].astype(f32)
    else:
        team = np.zeros(live.shape, f32)
    consts = np.array([tu.effort_half_days, tu.personal_gain, tu.exec_gain, tu.personal_decay,
                       1.0 - tu.org_decay, tu.rivalry, CONTACT_MEMORY, BELOW_PREFERS,
                       LOW, HIGH, SUPPORTS, PREFERS, 1.0 / (HIGH - SUPPORTS)], f32)
    resp = np.empty(state.personal.shape, f32)
    fused(state.personal, state.org, state.contact, resp, orders.days, orders.exec, reach, effect, live,
          exg, proof, satpart, team, by_level(w, LEVEL_EXCHANGE), by_level(w, LEVEL_NEAR_USE),
          resistance(w), consts, EXEC_CONTACT)
    return resp


def shock(state: State, causes: np.ndarray | None, d_personal: np.ndarray, d_org: np.ndarray) -> None:
    """Apply an event's stance change, keep the scale and the one preference, and book it
    under 'events'."""
    before = state.personal + state.org if causes is not None else None
    org = np.clip(state.org + d_org, LOW, HIGH)
    personal = np.clip(state.personal + d_personal, LOW - org, HIGH - org)
    personal, org = one_preferred(personal.astype(np.float32), org.astype(np.float32))
    state.org, state.personal = org, personal
    if causes is not None:
        causes[..., C["events"]] += personal + org - before
