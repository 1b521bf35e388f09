"""Scripted and random events: when they fire (turn, chance, conditions) and what their
declarative effects do. Each effect applies only in the games where the event fired.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..scenario.models import Event
from ..state import State
from ..world import World
from .conditions import all_hold
from .people import books
from .relationships import shock


@dataclass
class Pending:
    """Consequences resolved later in the turn (a resignation is handled with attrition)."""

    forced_leave: np.ndarray   # [G,S,R]
    forced_slot: np.ndarray    # [G,S] spin-off side for a forced leaver, -1 = none


def triggered(w: World, state: State, ev: Event, e: int, u: np.ndarray) -> np.ndarray:
    """Games in which event e fires this turn [G]; u is this event's uniform [G]."""
    tr, turn = ev.when, state.turn
    if (turn < tr.from_turn or (tr.to_turn is not None and turn > tr.to_turn)
            or (tr.turn is not None and turn != tr.turn)):  # not its quarter, in any game
        return np.zeros(state.G, bool)
    fire = np.ones(state.G, bool) if tr.repeat else state.fired[:, e] == 0
    if tr.turn_range is not None:  # this game's own draw (engine/variants.py)
        fire &= state.event_turn[:, e] == turn
    if tr.chance is not None:
        fire &= u < tr.chance
    if tr.conditions:
        fire &= all_hold(w, state, tr.conditions)
    return fire


def fire_events(w: World, state: State, u: np.ndarray, stance_causes: np.ndarray) -> tuple[np.ndarray, Pending]:
    """Fire this turn's events; returns which fired [G,E] and what is resolved later."""
    G, S, R = state.rep_alive.shape
    pending = Pending(np.zeros((G, S, R), bool), np.full((G, S), -1))
    fired = np.zeros((G, len(w.scenario.events)), bool)
    for e, ev in enumerate(w.scenario.events):
        m = triggered(w, state, ev, e, u[:, e])
        if not np.count_nonzero(m):
            continue
        fired[:, e] = m
        state.fired[:, e] += m
        state.fired_turn[:, e] = np.where(m, state.turn, state.fired_turn[:, e])
        for eff in ev.effects:
            _apply(w, state, eff, m, e, pending, stance_causes, ev.public)
    return fired, pending


def _colleagues_view(w: World, state: State, a: int, k: int) -> np.ndarray:
    """Influence-weighted organisational stance of the others at account a [G,S]."""
    weight = state.influence[:, a] * w.sh_mask[a]  # [G,K]
    weight[:, k] = 0.0
    org = (state.org[:, a] * weight[..., None]).sum(1)
    return org / np.maximum(weight.sum(-1), 1e-9)[:, None]


def _apply(w, state, eff, m, e, pending, stance_causes, public: bool) -> None:
    kind = eff.kind
    a = w.account(eff.account) if getattr(eff, "account", None) else None
    if kind == "personnel_change":
        k = w.stakeholder(a, eff.stakeholder)
        new = np.array([eff.stance.get(sid, 0.0) for sid in w.side_ids])
        pf = np.array([eff.personal.get(sid, 0.6) if new[i] > 0 else 0.0 for i, sid in enumerate(w.side_ids)])
        d_p = np.zeros_like(state.personal)
        d_o = np.zeros_like(state.org)
        # Organisational memory: the newcomer hears from colleagues how the company sees
        # each supplier, so company-to-company ties survive a change of person; a tie
        # held only personally by someone else's friend does not.
        view = _colleagues_view(w, state, a, k)  # [G,S]
        total = np.clip(new[None, :] + w.scenario.tuning.org_memory * view, -1.0, 3.0)
        d_p[:, a, k] = np.where(m[:, None], new * pf - state.personal[:, a, k], 0.0)
        d_o[:, a, k] = np.where(m[:, None], total - new * pf - state.org[:, a, k], 0.0)
        shock(state, stance_causes, d_p, d_o)
        if eff.influence is not None:
            state.influence[:, a, k] = np.where(m, eff.influence, state.influence[:, a, k])
        # The org chart shows the newcomer's title; what they really weigh, only a coach
        # or time with them tells. Nobody has met the newcomer yet.
        shown = eff.apparent_influence if eff.apparent_influence is not None else state.influence[:, a, k]
        state.apparent[:, a, k] = np.where(m, shown, state.apparent[:, a, k])
        state.contact[:, :, a, k] = np.where(m[:, None], 0.0, state.contact[:, :, a, k])
        state.seat_turn[:, a, k] = np.where(m, state.turn, state.seat_turn[:, a, k])
        state.seat_event[:, a, k] = np.where(m, e, state.seat_event[:, a, k])
    elif kind == "power_shift":
        k = w.stakeholder(a, eff.stakeholder)
        state.influence[:, a, k] = np.where(m, eff.influence, state.influence[:, a, k])
        if public:  # an announced reshuffle changes the org chart; a quiet one does not
            state.apparent[:, a, k] = np.where(m, eff.influence, state.apparent[:, a, k])
        if eff.chair:
            state.chair[:, a] = np.where(m, k, state.chair[:, a])
            state.seat_turn[:, a, k] = np.where(m, state.turn, state.seat_turn[:, a, k])
    elif kind == "tender":
        state.tender[:, a] = np.where(m, np.maximum(state.tender[:, a], eff.portion), state.tender[:, a])
    elif kind == "rep_resignation":
        s = w.side(eff.side)
        if eff.rep == "top":
            book = np.where(state.rep_alive[:, s], books(w, state)[:, s], -1.0)
            r = book.argmax(-1)
        else:
            r = np.full(state.G, w.rep_ids[s].index(eff.rep))
            # Only that person leaves: a hire now sitting in their old slot is someone else.
            m = m & (state.rep_serial[:, s, r[0]] == r[0] + 1)
        pending.forced_leave[np.arange(state.G), s, r] |= m
        if eff.spin_off is not None:
            pending.forced_slot[:, s] = np.where(m, w.side(eff.spin_off), pending.forced_slot[:, s])
    elif kind == "rival_entry":
        s = w.side(eff.side)
        state.active[:, s] |= m
    elif kind == "quality_incident":
        s = w.side(eff.side)
        where = np.zeros(w.A, bool)
        if a is None:
            hit = state.share[:, s] > 0.02
        else:
            where[a] = True
            hit = np.broadcast_to(where, (state.G, w.A))
        state.incident[:, s] += eff.severity * (hit & m[:, None])
        state.quality[:, s] = np.where(m, np.maximum(state.quality[:, s] - 0.1 * eff.severity, 0.0), state.quality[:, s])
    elif kind == "capacity_shortfall":
        s = w.side(eff.side)
        state.cap_turns[:, s] = np.where(m, eff.turns, state.cap_turns[:, s])
        state.cap_share[:, s] = np.where(m[:, None], state.share[:, s] * eff.cap, state.cap_share[:, s])
    elif kind == "demand_change":
        state.demand[:, a] = np.where(m, state.demand[:, a] * eff.factor, state.demand[:, a])
    elif kind == "open_alliance":
        state.alliance_open[:, a] |= m
    # "news" changes nothing: the headline is the effect.
