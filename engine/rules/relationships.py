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


def per_stakeholder(w: World, by_level: np.ndarray) -> np.ndarray:
    """Spread a [G,S,A,L] quantity over the stakeholders of each level -> [G,A,K,S]."""
    a_idx = np.arange(w.A)[:, None]
    gathered = by_level[:, :, a_idx, w.sh_level]  # [G,S,A,K]
    count = np.maximum(w.level_count[a_idx, w.sh_level], 1)  # [A,K]
    return np.moveaxis(gathered / count, 1, -1) * w.sh_mask[None, :, :, None]


def rep_effectiveness(w: World, state: State) -> np.ndarray:
    """Mean skill of a side's reps [G,S]: skilled reps build ties faster per day."""
    alive = state.rep_alive
    n = np.maximum(alive.sum(-1), 1)
    return 0.5 + (state.rep_skill * alive).sum(-1) / n


def update(w: World, state: State, orders: OrderArrays, causes: np.ndarray) -> np.ndarray:
    """Apply one turn of relationship change; returns the per-stakeholder effort response."""
    tu = w.scenario.tuning
    personal, org = state.personal, state.org
    stance = personal + org
    headroom = (3.0 - stance) / 4.0
    supplying = (state.share > 0.02) & ~state.dropped  # [G,S,A]
    live = ~state.dropped  # effort on a dropped account is wasted

    days = orders.days * (rep_effectiveness(w, state) * state.active)[:, :, None, None] * live[..., None]
    x = per_stakeholder(w, days)
    resp = x / (x + tu.effort_half_days)
    d_effort = tu.personal_gain * resp * headroom

    visits = per_stakeholder(w, orders.exec * live[..., None])
    d_exec = tu.exec_gain * (1.0 - np.exp(-visits)) * headroom

    service_r = orders.service / (orders.service + 3.0)
    solution_r = orders.solution / (orders.solution + 0.5)
    exchange = (0.5 * (service_r + solution_r) * live)  # [G,S,A]
    level_w = np.array([1.0, 1.0, 0.3])[w.sh_level]  # decision level hears less of it
    d_exchange = tu.exchange_gain * np.moveaxis(exchange, 1, -1)[:, :, None, :] * level_w[None, :, :, None] * headroom

    sat = np.moveaxis(state.satisfaction - 0.5, 1, -1)[:, :, None, :]  # [G,A,1,S]
    near_use = np.array([1.0, 0.6, 0.2])[w.sh_level][None, :, :, None]
    d_sat = 0.3 * sat * near_use * np.moveaxis(supplying, 1, -1)[:, :, None, :]

    contact = np.clip(resp + (1.0 - np.exp(-visits)), 0.0, 1.0)
    d_decay_p = -tu.personal_decay * personal * (1.0 - contact)
    d_decay_o = -tu.org_decay * org

    conv = tu.team_conversion * w.pay_teamwork[state.pay] * state.active  # [G,S]
    team = np.moveaxis(orders.teams & live, 1, -1)[:, :, None, :] * conv[:, None, None, :]
    d_team = np.clip(team, 0, 1) * np.maximum(personal + d_effort + d_decay_p, 0.0)

    new_org = org + d_exec + d_exchange + d_sat + d_decay_o + d_team
    new_org = np.clip(new_org, -1.0, 3.0)
    new_personal = personal + d_effort + d_decay_p - d_team
    new_personal = np.clip(new_personal, -1.0 - new_org, 3.0 - new_org)
    mask = w.sh_mask[None, :, :, None]
    new_org = np.where(mask, new_org, 0.0)
    new_personal = np.where(mask, new_personal, 0.0)

    # Team conversion moves stance from personal to org: it changes no total, so it is
    # not a cause of stance change; its effect shows when a rep leaves.
    parts = (d_effort, d_exec, d_exchange, d_sat, d_decay_p + d_decay_o)
    for name, part in zip(STANCE_CAUSES, parts):
        causes[..., C[name]] += part * mask
    explained = sum(parts)
    causes[..., C["limit"]] += (new_org + new_personal - stance - explained) * mask
    state.org = new_org
    state.personal = new_personal
    return resp


def shock(state: State, causes: np.ndarray, d_personal: np.ndarray, d_org: np.ndarray) -> None:
    """Apply an event's stance change, keep the scale, and book it under 'events'."""
    before = state.personal + state.org
    org = np.clip(state.org + d_org, -1.0, 3.0)
    personal = np.clip(state.personal + d_personal, -1.0 - org, 3.0 - org)
    state.org, state.personal = org, personal
    causes[..., C["events"]] += personal + org - before
