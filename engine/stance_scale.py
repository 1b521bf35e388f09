"""The stance scale of seed 003, declared once: -1 opposes .. 3 coach.

A stakeholder's stance toward a supplier is a number on -1..3 that moves a little each
quarter; the article's scale has five steps. A stance counts as the step it rounds to
(half up), so "prefers us" (2) starts at 1.5 and "coach" (3) at 2.5. Every threshold
in the engine, the guide and the screens comes from here, so "a coach" means the same
thing in a rule, an objective and a tooltip.

Rivalry at each person (engine/rules/relationships.py) keeps the scale honest: at most
one supplier is preferred (>= PREFERS) by a person, so at most one has them as coach.
"""
from __future__ import annotations

import math

import numpy as np

from .arrays import short_reduce, short_sum

STEPS: tuple[tuple[int, str], ...] = (
    (-1, "opposes"),
    (0, "neutral"),
    (1, "supports"),
    (2, "prefers"),
    (3, "coach"),
)
# The steps as players read them, in each language: explanations, the game's chips and
# help, the class pages all say them so.
STEP_WORDS = {
    "en": {-1: "opposes", 0: "neutral", 1: "supports", 2: "prefers us", 3: "coach"},
    "zh": {-1: "反对", 0: "中立", 1: "支持", 2: "偏好我方", 3: "教练"},
}
LOW, HIGH = -1.0, 3.0
SUPPORTS = 0.5   # rounds to 1: supports us
PREFERS = 1.5    # rounds to 2: prefers us over the others (one supplier at a time)
COACH = 2.5      # rounds to 3: coach, tells us who opposes us and why (one supplier at a time)
BELOW_PREFERS = np.float32(PREFERS - 0.01)  # where a person holds every supplier but their favourite


def step(stance: float) -> int:
    """The scale step a stance counts as: the nearest of -1..3, halves rounded up."""
    return int(min(max(math.floor(stance + 0.5), LOW), HIGH))


def label(stance: float) -> str:
    """The English name of a stance's step ('supports', 'coach', ...)."""
    return dict(STEPS)[step(stance)]


def side_max(x: np.ndarray) -> np.ndarray:
    """The largest value over the last (suppliers') axis, keeping it [..., 1].

    Unrolled over the few suppliers: numpy's reduction over a short last axis costs
    several times an element-wise pass over the same data (a batch's hottest loop)."""
    return short_reduce(x, -1, np.maximum)[..., None]


def side_sum(x: np.ndarray) -> np.ndarray:
    """The sum over the last (suppliers') axis, keeping it [..., 1] (see engine/arrays.py)."""
    return short_sum(x, -1)[..., None]


def first_top(x: np.ndarray, top: np.ndarray) -> np.ndarray:
    """Whether each supplier is the first one holding the top value [..., S] (as argmax)."""
    found = np.zeros(top.shape, bool)
    first = np.empty(x.shape, bool)
    for s in range(x.shape[-1]):
        hit = (x[..., s:s + 1] == top) & ~found
        first[..., s:s + 1] = hit
        found |= hit
    return first


def take_from_positive(personal: np.ndarray, org: np.ndarray, loss: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Remove `loss` (>= 0) from a stance, from its positive parts in proportion."""
    pos_p = np.maximum(personal, 0.0)
    pos = np.maximum(org, 0.0)
    pos += pos_p
    # The personal part's share of the positive stance (all of it when there is none).
    frac_p = np.divide(pos_p, pos, out=np.ones_like(pos), where=pos > 0)
    from_p = frac_p
    from_p *= loss
    return personal - from_p, org - (loss - from_p)


def one_preferred(personal: np.ndarray, org: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Hold every supplier but the one a person stands highest with below "prefers"
    (stance arrays [..., S]; ties go to the side listed first).

    Only the people who prefer two suppliers at once are touched (few, in a batch), so
    the work is done on those rows alone, in place: the arrays given are changed and
    returned (callers pass the stance they are building)."""
    total = personal + org
    # Who prefers two suppliers at once (>= PREFERS, not > BELOW_PREFERS: a stance held
    # just below lands there only up to rounding, and holding it again must change
    # nothing, or a rule that applies a zero change would still move it).
    need = side_sum(total >= np.float32(PREFERS))[..., 0] > 1
    if not need.any():  # nobody prefers two suppliers: nothing to hold
        return personal, org
    rows = np.nonzero(need)
    t = total[rows]  # [n,S]
    excess = np.maximum(t - BELOW_PREFERS, 0.0).astype(t.dtype)
    excess[first_top(t, side_max(t))] = 0.0
    p_rows, o_rows = take_from_positive(personal[rows], org[rows], excess)
    personal[rows], org[rows] = p_rows, o_rows
    return personal, org
