"""Seeded variants: what the author leaves uncertain, drawn once per game at reset.

A memorised plan must not beat one that uses information (seed 004: "some hold a title
without power"). So an author may give ranges instead of facts: a stakeholder's real
influence (`influence_range`; the org chart keeps showing `apparent_influence`), and the
turn an event fires (`turn_range`). Each game of a batch draws its own values from the
variants' stream (engine/rng.py), so the same seed gives the same world, and a coach or
contact is how a side learns which world it is in.
"""
from __future__ import annotations

import numpy as np

from .rng import Streams
from .state import State
from .world import World


def specs(w: World) -> tuple[list[tuple[int, int, float, float]], list[tuple[int, int, int]]]:
    """(account, person, low, high) per uncertain influence; (event, first, last) per
    uncertain turn."""
    people = [(a, k, *p.influence_range) for a, acc in enumerate(w.scenario.accounts)
              for k, p in enumerate(acc.stakeholders) if p.influence_range is not None]
    turns = [(e, *ev.when.turn_range) for e, ev in enumerate(w.scenario.events) if ev.when.turn_range is not None]
    return people, turns


def draw(w: World, state: State, streams: Streams) -> None:
    """Give each game its own values for every variant the scenario declares."""
    people, turns = specs(w)
    if not people and not turns:
        return
    u = streams.variants(len(people) + len(turns))
    for i, (a, k, low, high) in enumerate(people):
        state.influence[:, a, k] = (low + (high - low) * u[:, i]).astype(state.influence.dtype)
    for j, (e, first, last) in enumerate(turns):
        span = last - first + 1
        state.event_turn[:, e] = first + np.minimum((u[:, len(people) + j] * span).astype(int), span - 1)
