"""Values computed from the class's game as it stands, kept until the game changes.

Teams' pages and the console poll every few seconds, but what they show of the game (a
team's observation, the leaderboard, the chart, the debrief) changes only when a quarter
is resolved or rolled back. A resolution adds a quarter to the match; a rollback or a
market rewind replaces the match with a rebuilt one. So a value is kept for as long as
the room holds the same match object at the same number of quarters; holding the match
itself (not its id) means a rebuilt match can never be mistaken for the old one.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

V = TypeVar("V")


def kept(room, name: str, key: Hashable, build: Callable[[], V]) -> V:
    """`build()` for this key, computed once per state of the game."""
    m = room.match
    slot = room.__dict__.setdefault(f"_kept_{name}", {})
    if slot.get("match") is not m or slot.get("quarters") != len(m.orders_log):
        slot.clear()
        slot.update(match=m, quarters=len(m.orders_log), values={})
    values = slot["values"]
    if key not in values:
        values[key] = build()
    return values[key]
