"""Stance change: rep effort builds personal ties, executives and exchanges build
organisational ones, ties fade without contact, teams convert personal to organisational.

Stance is held as two parts per stakeholder and side ([G,A,K,S]): `personal` (belongs to
the side's account owner and leaves with that rep) and `org` (company to company). Their
sum always stays within -1..3. Gains shrink as a stance nears 3 (diminishing returns).
"""
from __future__ import annotations

import numpy as np

from ..orders import OrderArrays
from ..state import State
from ..world import World
from .causes import STANCE_CAUSES

C = {name: i for i, name in enumerate(STANCE_CAUSES)}


LEVEL_EXCHANGE = np.array([1.0, 1.0, 0.3, 0.0])   # decision level hears less of technical exchanges
LEVEL_NEAR_USE = np.array([1.0, 0.6, 0.2, 0.0])   # who feels deliveries and service day to day


def to_stakeholders(w: World, by_level: np.ndarray) -> np.ndarray:
    """Give each stakeholder its level's value: [G,S,A,L+1] -> [G,A,K,S].

    The last level slot is a zero "no one" level that padded stakeholders point at, so
    padding never gains or loses stance.
    """
    G, S, A, L1 = by_level.shape
    level = np.where(w.sh_mask, w.sh_level, L1 - 1)
    flat = (np.arange(A)[:, None] * L1 + level).ravel()  # [A*K] rows of the [A*(L+1)] axis
    # Gather from a [G,A,L,S] copy so the result is contiguous [G,A,K,S] (ufuncs over mixed
    # memory layouts are several times slower), with one np.take on a flat axis.
    src = np.ascontiguousarray(np.moveaxis(by_level, 1, -1), dtype=np.float32).reshape(G, A * L1, S)
    return np.take(src, flat, axis=1).reshape(G, A, -1, S)


def _per_person(w: World, amount: np.ndarray) -> np.ndarray:
    """Split a [G,S,A,L] amount over the people at each level, with the zero slot added."""
    count = np.maximum(w.level_count, 1)  # [A,L]
    out = np.zeros(amount.shape[:-1] + (amount.shape[-1] + 1,), np.float32)  # stance precision
    out[..., :-1] = amount / count.astype(np.float32)
    return out


def rep_effectiveness(w: World, state: State) -> np.ndarray:
    """Mean skill of a side's reps [G,S]: skilled reps build ties faster per day."""
    alive = state.rep_alive
    n = np.maximum(alive.sum(-1), 1)
    return 0.5 + (state.rep_skill * alive).sum(-1) / n


def update(w: World, state: State, orders: OrderArrays, causes: np.ndarray | None) -> np.ndarray:
    """Apply one turn of relationship change; returns the effort response per level [G,S,A,L+1].

    Every driver (rep days, executive visits, exchanges, satisfaction) is decided per
    buying-center level, so it is computed on [G,S,A,L] and handed to the stakeholders
    once: the per-stakeholder arrays are the large ones in a balance run.
    """
    tu = w.scenario.tuning
    live = ~state.dropped  # effort on a dropped account is wasted
    supplying = (state.share > 0.02) & live  # [G,S,A]

    # Level-sized arrays in float32 like the stances they feed.
    f32 = np.float32
    live_l = live[..., None].astype(f32)
    effect = (rep_effectiveness(w, state) * state.active).astype(f32)
    days = orders.days.astype(f32) * effect[:, :, None, None] * live_l
    x = _per_person(w, days)
    resp = x / (x + f32(tu.effort_half_days))
    reach = 1.0 - np.exp(-_per_person(w, orders.exec.astype(f32) * live_l))
    exchange = 0.5 * (orders.service / (orders.service + 3.0) + orders.solution / (orders.solution + 0.5)) * live
    sat = 0.3 * (state.satisfaction - 0.5) * supplying
    contact = np.minimum(resp + reach, 1.0)

    personal, org = state.personal, state.org
    headroom = (3.0 - (personal + org)) * 0.25
    # Proof before preference: past "supports" (1), ties grow only as fast as the account's
    # experience of the supplier allows (its share of the wallet): an untried supplier can
    # win a hearing, not a preference.
    proof = np.clip(state.share / tu.proven_share, tu.untried_pace, 1.0).astype(np.float32)  # [G,S,A]
    headroom *= np.where(headroom < 0.5, np.moveaxis(proof, 1, -1)[:, :, None, :], np.float32(1.0))  # stance > 1
    keep = to_stakeholders(w, 1.0 - tu.personal_decay * (1.0 - contact))
    d_effort = to_stakeholders(w, tu.personal_gain * resp) * headroom
    org_drive = tu.exec_gain * reach + tu.exchange_gain * exchange[..., None] * LEVEL_EXCHANGE
    d_org_gain = to_stakeholders(w, org_drive) * headroom
    d_sat = to_stakeholders(w, sat[..., None] * LEVEL_NEAR_USE)
    decayed = personal * keep

    conv = np.clip(tu.team_conversion * w.pay_teamwork[state.pay] * state.active, 0.0, 1.0)  # [G,S]
    team = (np.moveaxis(orders.teams & live, 1, -1) * conv[:, None, :]).astype(np.float32)  # [G,A,S]
    d_team = team[:, :, None, :] * np.maximum(decayed + d_effort, 0.0)

    new_org = org * (1.0 - tu.org_decay) + d_org_gain + d_sat + d_team
    np.clip(new_org, -1.0, 3.0, out=new_org)
    new_personal = decayed + d_effort - d_team
    np.minimum(new_personal, 3.0 - new_org, out=new_personal)
    np.maximum(new_personal, -1.0 - new_org, out=new_personal)

    if causes is not None:
        # Team conversion moves stance from personal to org: it changes no total, so it is
        # not a cause of stance change; its effect shows when a rep leaves.
        d_exec = to_stakeholders(w, tu.exec_gain * reach) * headroom
        parts = {
            "rep_effort": d_effort, "exec_visits": d_exec, "exchanges": d_org_gain - d_exec,
            "satisfaction": d_sat, "decay": decayed - personal - tu.org_decay * org,
        }
        for name, part in parts.items():
            causes[..., C[name]] += part
        explained = sum(parts.values())
        causes[..., C["limit"]] += new_org + new_personal - (personal + org) - explained
    state.org = new_org
    state.personal = new_personal
    return resp


def shock(state: State, causes: np.ndarray | None, d_personal: np.ndarray, d_org: np.ndarray) -> None:
    """Apply an event's stance change, keep the scale, and book it under 'events'."""
    before = state.personal + state.org if causes is not None else None
    org = np.clip(state.org + d_org, -1.0, 3.0)
    personal = np.clip(state.personal + d_personal, -1.0 - org, 3.0 - org)
    state.org, state.personal = org, personal
    if causes is not None:
        causes[..., C["events"]] += personal + org - before
