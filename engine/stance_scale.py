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

STEPS: tuple[tuple[int, str], ...] = (
    (-1, "opposes"),
    (0, "neutral"),
    (1, "supports"),
    (2, "prefers"),
    (3, "coach"),
)
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


def take_from_positive(personal: np.ndarray, org: np.ndarray, loss: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Remove `loss` (>= 0) from a stance, from its positive parts in proportion."""
    pos_p, pos_o = np.maximum(personal, 0.0), np.maximum(org, 0.0)
    frac_p = np.where(pos_p + pos_o > 0, pos_p / np.maximum(pos_p + pos_o, 1e-9), 1.0)
    return personal - loss * frac_p, org - loss * (1.0 - frac_p)


def one_preferred(personal: np.ndarray, org: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Hold every supplier but the one a person stands highest with below "prefers"
    (stance arrays [..., S]; ties go to the side listed first)."""
    total = personal + org
    S = total.shape[-1]
    top = total.argmax(-1)[..., None]
    excess = np.where(np.arange(S) == top, 0.0, np.maximum(total - BELOW_PREFERS, 0.0)).astype(total.dtype)
    if not excess.any():
        return personal, org
    return take_from_positive(personal, org, excess)
