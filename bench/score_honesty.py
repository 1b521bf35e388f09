"""How often does the score rise in a quarter where the business only shrank?

Issue #10: "a score that cannot rise while every share falls unless money explains it".
A quarter is *shrinking* when every account where the player held business at its start
lost share during it; it is a *violation* when, in such a quarter, the score rose while
neither the quarter's profit nor the cash rose. Played with every doctrine (bots and
mistake yardsticks) and every reference strategy of the scenario in the trainee's seat.

    .venv/bin/python bench/score_honesty.py                  # every shipped case, 1,000 games each
    .venv/bin/python bench/score_honesty.py --games 3000 --scenario blitz

Prints a table (case, shrinking quarters, those where the process part rose, violations,
their rate, the worst rise and the controllers it happened with) and
asserts nothing: tests/test_honest_scores.py holds the property.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import Batch, load_scenario, score  # noqa: E402
from engine.doctrines.base import REGISTRY  # noqa: E402
from engine.world import World, compile_world  # noqa: E402

CASES = ("tutorial", "blitz", "flank_attack", "internal_collapse", "decisive_battle")
HELD = 0.0     # any share at an account's start counts as business held there
RISE = 1e-6    # a score change above this is a rise (floating point noise is not)


def controllers(w: World) -> list[str]:
    """Every doctrine and every reference strategy of the scenario (the player's seat)."""
    mine = [f"strategy:{st.id}" for st in w.scenario.strategies if st.side in (None, w.side_ids[w.player])]
    return mine + sorted(REGISTRY)


def quarters(w: World, controller: str, seed: int, games: int) -> tuple[int, int, int, float]:
    """(shrinking quarters, those where the process part rose, violations, largest score
    rise in a violation) over `games` games."""
    b = Batch(w, seed, games, {w.side_ids[w.player]: controller}, explain=False)
    st = b.reset()
    s = w.player
    first = score(w, st, lessons=False)
    prev_score, prev_process = first.total, first.parts["process"]
    prev_share, prev_profit, prev_cash = st.share[:, s].copy(), st.profit[:, s].copy(), st.cash[:, s].copy()
    shrinking = process_up = violations = 0
    worst = 0.0
    while not b.done:
        b.step({})
        st = b.state
        card = score(w, st, lessons=False)
        now, process = card.total, card.parts["process"]
        share, profit, cash = st.share[:, s], st.profit[:, s], st.cash[:, s]
        held = prev_share > HELD
        fell = held.any(-1) & ((share < prev_share) | ~held).all(-1)
        money_up = (profit > prev_profit) | (cash > prev_cash)
        bad = fell & (now > prev_score + RISE) & ~money_up
        shrinking += int(fell.sum())
        violations += int(bad.sum())
        process_up += int((fell & (process > prev_process + RISE)).sum())
        if bad.any():
            worst = max(worst, float((now - prev_score)[bad].max()))
        prev_score, prev_process = now, process
        prev_share, prev_profit, prev_cash = share.copy(), profit.copy(), cash.copy()
    return shrinking, process_up, violations, worst


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=1000, help="games per case, split over its controllers")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--scenario", action="append", help="case id (repeatable); default: every shipped case")
    args = ap.parse_args()
    print(f"{'case':18} {'shrinking':>9} {'process up':>10} {'violations':>10} {'rate':>7} {'worst':>6}  where")
    total_f = total_p = total_v = 0
    for case in args.scenario or CASES:
        w = compile_world(load_scenario(case))
        ctrls = controllers(w)
        per = max(1, -(-args.games // len(ctrls)))
        f = p = v = 0
        worst, where = 0.0, []
        for i, c in enumerate(ctrls):
            fi, pi, vi, wi = quarters(w, c, args.seed + i, per)
            f, p, v, worst = f + fi, p + pi, v + vi, max(worst, wi)
            if vi:
                where.append(f"{c.removeprefix('strategy:')}:{vi}")
        total_f, total_p, total_v = total_f + f, total_p + p, total_v + v
        print(f"{case:18} {f:9d} {p:10d} {v:10d} {v / max(f, 1):7.2%} {worst:6.2f}  {' '.join(where)}")
    print(f"{'all':18} {total_f:9d} {total_p:10d} {total_v:10d} {total_v / max(total_f, 1):7.2%}")


if __name__ == "__main__":
    main()
