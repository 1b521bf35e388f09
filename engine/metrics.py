"""The balanced scorecard, objectives, stars and lessons, for every game at once.

Seed 001 argues for a balanced scorecard instead of pure commission: the score rewards
profit and cash (financial), share, satisfaction and key accounts kept (customer),
deep, organisational relationships (internal process) and a stable, skilled sales force
(learning and growth), with weights the scenario sets.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .rules.conditions import a_accounts_kept, all_hold, weighted_share
from .state import State
from .world import World

PERSPECTIVES = ("financial", "customer", "process", "learning")


@dataclass
class Scores:
    parts: dict[str, np.ndarray]   # perspective -> [G] in 0..1
    total: np.ndarray              # [G] 0..100
    objectives: np.ndarray         # [G,O] bool
    stars: np.ndarray              # [G] 0..3
    lessons: np.ndarray            # [G,L] bool


def _financial(w: World, st: State, s: int) -> np.ndarray:
    target = max(w.scenario.scorecard.target_profit, 1e-9)
    profit = np.clip(st.total_profit[:, s] / target, 0.0, 1.0)
    return 0.8 * profit + 0.2 * (st.cash[:, s] >= 0)


def _customer(w: World, st: State, s: int) -> np.ndarray:
    everywhere = np.ones(w.A, bool)
    start = float((w.shares[s] * w.demand).sum() / w.demand.sum())
    now = weighted_share(st, s, everywhere)
    growth = np.clip(now / max(start, 0.05) / 1.25, 0.0, 1.0)
    supplied = st.share[:, s] > 0.02
    sat = (st.satisfaction[:, s] * supplied).sum(-1) / np.maximum(supplied.sum(-1), 1)
    a_total = int((w.tier == 0).sum())
    kept = a_accounts_kept(w, st, s) / a_total if a_total else np.ones(st.G)
    return 0.4 * growth + 0.3 * sat + 0.3 * kept


def business_value(w: World, st: State, s: int) -> tuple[np.ndarray, float]:
    """What each account's business is worth to side s now [G,A] (demand x share, at list
    price), and what its whole book was worth at the start."""
    now = st.demand * st.share[:, s] * ~st.dropped[:, s]
    start = float((w.demand * w.shares[s]).sum())
    return now, max(start, 1e-9)


def _process(w: World, st: State, s: int) -> np.ndarray:
    """Relationship depth and company ties, counted where the business is.

    Per account: supporters at every level its buying center has (defence in depth) and
    the organisational part of the support (ties that outlast a rep). Accounts count by
    the business held there, out of the whole book (now, or at the start if it has since
    shrunk): depth and teams at an account with no business earn nothing, dropping idle
    accounts changes nothing, and lost business takes the credit of its ties with it.
    """
    stance = st.personal[..., s] + st.org[..., s]  # [G,A,K]
    support = (stance >= 1.0) & w.sh_mask
    levels_present = w.level_onehot.any(1)  # [A,L]
    covered = np.einsum("gak,akl->gal", support.astype(float), w.level_onehot.astype(float), optimize=False) > 0
    depth = (covered | ~levels_present).all(-1)  # [G,A]
    pos = (np.maximum(stance, 0.0) * st.influence).sum(-1)
    org = (np.clip(st.org[..., s], 0.0, None) * st.influence).sum(-1)
    ties = np.minimum(org / np.maximum(pos, 1e-9), 1.0)  # [G,A]
    value, start = business_value(w, st, s)
    held = np.maximum(value.sum(-1), start)  # the book as it is, or as it was if it shrank
    return (value * (0.5 * depth + 0.5 * ties)).sum(-1) / held


def _learning(w: World, st: State, s: int) -> np.ndarray:
    alive = st.rep_alive[:, s]
    n = np.maximum(alive.sum(-1), 1)
    morale = (st.rep_morale[:, s] * alive).sum(-1) / n
    skill = (st.rep_skill[:, s] * alive).sum(-1) / n
    start = max(int(w.rep_alive[s].sum()), 1)
    retention = 1.0 - np.minimum(st.left_total[:, s] / start, 1.0)
    return 0.4 * morale + 0.3 * skill + 0.3 * retention


def score(w: World, st: State, s: int | None = None, lessons: bool = True) -> Scores:
    """Score side s (default: the player) in every game, as things stand now.

    lessons=False skips the debrief's lesson conditions (a turn report needs only the
    score and stars)."""
    s = w.player if s is None else s
    card = w.scenario.scorecard
    parts = {
        "financial": _financial(w, st, s), "customer": _customer(w, st, s),
        "process": _process(w, st, s), "learning": _learning(w, st, s),
    }
    now = card.weights_at(st.turn)  # weights may shift with the stage of the game (seed 003)
    weights = np.array([now[p] for p in PERSPECTIVES])
    total = 100.0 * sum(weights[i] * parts[p] for i, p in enumerate(PERSPECTIVES)) / max(weights.sum(), 1e-9)
    objs = w.scenario.objectives
    met = np.stack([all_hold(w, st, o.require) for o in objs], axis=1) if objs else np.zeros((st.G, 0), bool)
    primary = np.array([o.primary for o in objs], bool)
    s1, s2, s3 = card.stars
    stars = (
        (total >= s1).astype(int)
        + ((total >= s2) & met[:, primary].all(-1))
        + ((total >= s2) & (total >= s3) & met.all(-1))
    )
    rules = w.scenario.lessons if lessons else []
    shown = (np.stack([all_hold(w, st, lesson.when) for lesson in rules], axis=1) if rules
             else np.zeros((st.G, 0), bool))
    return Scores(parts=parts, total=total, objectives=met, stars=stars, lessons=shown)
