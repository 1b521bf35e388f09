"""The balanced scorecard, objectives, stars and lessons, for every game at once.

Seed 001 argues for a balanced scorecard instead of pure commission: the score rewards
profit and cash (financial), share, satisfaction and key accounts kept (customer),
deep, organisational relationships (internal process) and a stable, skilled sales force
(learning and growth), with weights the scenario sets.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import jit
from .arrays import SHORT, short_any, short_sum
from .stance_kernels import quality_cells
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
    everywhere, start, a_total = _starting_book(w, s)
    now = weighted_share(st, s, everywhere)
    growth = np.clip(now / max(start, 0.05) / 1.25, 0.0, 1.0)
    supplied = st.share[:, s] > 0.02
    sat = (st.satisfaction[:, s] * supplied).sum(-1) / np.maximum(supplied.sum(-1), 1)
    kept = a_accounts_kept(w, st, s) / a_total if a_total else np.ones(st.G)
    return 0.4 * growth + 0.3 * sat + 0.3 * kept


def _starting_book(w: World, s: int) -> tuple[np.ndarray, float, int]:
    """What the customer part measures side s against, fixed by the scenario (worked out
    once per world): every account, s's starting share of the market, the A accounts."""
    key = ("starting_book", s)
    if key not in w.memo:
        w.memo[key] = (np.ones(w.A, bool), float((w.shares[s] * w.demand).sum() / w.demand.sum()),
                       int((w.tier == 0).sum()))
    return w.memo[key]


def business_value(w: World, st: State, s: int) -> tuple[np.ndarray, np.ndarray]:
    """What each account's business is worth to side s now [G,A] (share of the account at
    its stated size), and the yardstick [G] the process part measures it against: the book
    as it is, or as it was at the start if it is smaller, except that a quarter in which
    every share fell does not shrink the yardstick (`shrinking_quarters`)."""
    now = w.demand * st.share[:, s] * ~st.dropped[:, s]
    start = max(float((w.demand * w.shares[s]).sum()), 1e-9)
    hist = st.share_hist[:, : st.turn + 1, s]  # [G,t+1,A]
    book = (hist * w.demand).sum(-1)  # [G,t+1]
    book[:, -1] = now.sum(-1)
    shrank = shrinking_quarters(hist)
    lifted = np.maximum(book, start)  # each quarter's book, or the start if it is smaller
    held = lifted[:, 0]
    for t in range(1, book.shape[1]):
        held = np.where(shrank[:, t - 1], np.maximum(held, book[:, t]), lifted[:, t])
    return now, held


def shrinking_quarters(hist: np.ndarray) -> np.ndarray:
    """For a share history [G,T+1,A] of one side: whether in each quarter [G,T] every
    account where the side held any share lost some of it."""
    before, after = hist[:, :-1], hist[:, 1:]
    held = before > 0
    return held.any(-1) & ((after < before) | ~held).all(-1)


def relationship_quality(w: World, st: State) -> np.ndarray:
    """How well each side's relationships at each account would hold the business [G,S,A]
    in 0..1: half for supporters at every level the buying center has (defence in depth),
    half for the organisational part of the support (ties that outlast a rep)."""
    fused = jit.kernel(quality_cells, st.G) if w.K <= SHORT else None
    if fused is not None:  # a large batch: one compiled pass, the same values
        out = np.empty((st.G, w.S, w.A))
        fused(st.personal, st.org, st.influence, w.level_onehot, w.level_onehot.any((0, 1)), out)
        return out
    stance = st.personal + st.org  # [G,A,K,S]
    support = (stance >= 1.0) & w.sh_mask[..., None]
    # a level is covered where someone at it supports the side (absent levels count as covered)
    depth = np.ones((st.G, w.A, w.S), bool)  # [G,A,S]
    for lv in range(w.level_onehot.shape[-1]):
        at = w.level_onehot[:, :, lv]  # [A,K]
        if at.any():
            depth &= short_any(support & at[None, :, :, None], 2) | ~at.any(-1)[None, :, None]
    depth = depth.transpose(0, 2, 1)  # [G,S,A]
    infl = st.influence[..., None]  # [G,A,K,1]
    pos = short_sum(np.maximum(stance, 0.0) * infl, 2)  # [G,A,S]
    org = short_sum(np.clip(st.org, 0.0, None) * infl, 2)
    ties = np.minimum(org / np.maximum(pos, 1e-9), 1.0).transpose(0, 2, 1)
    return 0.5 * depth + 0.5 * ties


def credit_relationships(w: World, st: State) -> None:
    """Carry each side's credited relationship quality [G,S,A] to this turn (called once a
    turn, with the history, by engine/state.record_history).

    Where a side kept or won share this turn its relationships are credited as they are;
    where it lost share, they are credited no better than last turn: ties that did not
    hold the business have not earned a rise. This is what lets the process part rise
    only with the business it serves (see `_process`)."""
    quality = relationship_quality(w, st)
    if st.turn == 0:
        st.credit = quality
        return
    lost = st.share_hist[:, st.turn] < st.share_hist[:, st.turn - 1]
    st.credit = np.where(lost, np.minimum(quality, st.credit), quality)


def _process(w: World, st: State, s: int) -> np.ndarray:
    """Relationship depth and company ties, counted where the business is.

    Per account: the credited quality of the relationships (`credit_relationships`:
    supporters at every level, organisational ties), weighted by the business held there,
    out of the largest the book has been (at least its start). So depth and teams at an
    account with no business earn nothing, dropping idle accounts changes nothing, lost
    business takes the credit of its ties with it, and the part can only rise with the
    business it serves: in a quarter where every share falls, every account's business
    falls, no account's credit rises and the yardstick does not shrink, so the part
    cannot rise (issue #10: a score that rose while every share fell).
    """
    value, held = business_value(w, st, s)
    return (value * st.credit[:, s]).sum(-1) / held


def _learning(w: World, st: State, s: int) -> np.ndarray:
    alive = st.rep_alive[:, s]
    n = np.maximum(alive.sum(-1), 1)
    morale = (st.rep_morale[:, s] * alive).sum(-1) / n
    skill = (st.rep_skill[:, s] * alive).sum(-1) / n
    start = max(int(w.rep_alive[s].sum()), 1)
    retention = 1.0 - np.minimum(st.left_total[:, s] / start, 1.0)
    return 0.4 * morale + 0.3 * skill + 0.3 * retention


def _for_side(w: World, s: int, conditions: list) -> list:
    """The conditions of an objective or a lesson as they read for side s. Their text says
    "you", and a condition without `side:` measures the player's side; for another side
    that is scored (a rival's team in a market-mode class) such a condition measures that
    side instead, so its objectives, stars and lessons are its own. A condition that names
    a side keeps it. The player's conditions are used as written."""
    if s == w.player:
        return conditions
    return [c if c.side is not None else c.model_copy(update={"side": w.side_ids[s]}) for c in conditions]


def score(w: World, st: State, s: int | None = None, lessons: bool = True) -> Scores:
    """Score side s (default: the player) in every game, as things stand now. Objectives
    and lessons are judged for side s (see _for_side).

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
    met = np.stack([all_hold(w, st, _for_side(w, s, o.require)) for o in objs], axis=1) if objs else np.zeros((st.G, 0), bool)
    primary = np.array([o.primary for o in objs], bool)
    s1, s2, s3 = card.stars
    stars = (
        (total >= s1).astype(int)
        + ((total >= s2) & met[:, primary].all(-1))
        + ((total >= s2) & (total >= s3) & met.all(-1))
    )
    rules = w.scenario.lessons if lessons else []
    shown = (np.stack([all_hold(w, st, _for_side(w, s, lesson.when)) for lesson in rules], axis=1) if rules
             else np.zeros((st.G, 0), bool))
    return Scores(parts=parts, total=total, objectives=met, stars=stars, lessons=shown)
