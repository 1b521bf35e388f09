"""How often the debrief's first-named cause of a lost account is its largest recorded
contributor (issue "Teaching that lands": the figure must be >= 95% on every shipped case).

    .venv/bin/python bench/explain_rank.py                  # 500 games per shipped case
    .venv/bin/python bench/explain_rank.py --games 100 blitz

Each case is played as one batch per reference strategy (the player's side played by
`strategy:<id>`; the games split evenly between them), so the lost accounts are the ones
real plans lose. The "largest recorded contributor" is read straight from the batch's
share-cause arrays (TurnResult.share_causes, summed over the game: the biggest loss);
the first-named cause comes from engine.explain on per-game turn reports built from the
same batch. The two paths share nothing but the recorded numbers, so a disagreement is a
wording bug in the debrief.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

# bench/engine.py would shadow the package when this file runs as a script
sys.path[0:1] = [str(Path(__file__).resolve().parents[1])]

import numpy as np  # noqa: E402

from engine import Batch, explain, load_scenario, shipped  # noqa: E402
from engine.explain import MIN_MOVE, verdict_of  # noqa: E402
from engine.report import build  # noqa: E402
from engine.rules.causes import SHARE_CAUSES  # noqa: E402
from engine.scenario.models import text_of  # noqa: E402


def measure(scenario: str, games: int = 500, seed: int = 11) -> dict:
    """{'lost': n, 'agree': n, 'misses': [...]} over `games` games of `scenario`."""
    sc = load_scenario(scenario)
    specs = [f"strategy:{st.id}" for st in sc.strategies] or [None]
    per = max(games // len(specs), 1)
    lost = agree = 0
    misses = []
    for i, spec in enumerate(specs):
        b = Batch(sc, seed + i, per, {sc.player_id: spec} if spec else {}, explain=True)
        b.reset()
        w = b.world
        s = w.side(sc.player_id)
        reports = [[] for _ in range(per)]
        total = np.zeros((per, w.A, len(SHARE_CAUSES)))
        while not b.done:
            before = b.state.copy()
            res = b.step({})
            total += res.share_causes[:, s]
            for g in range(per):
                reports[g].append(build(w, before, b.state, res, s, g))
        names = {side.id: text_of(side.name, "en") for side in sc.sides}
        for g in range(per):
            for a, aid in enumerate(w.account_ids):
                start = reports[g][0].shares[a].before[sc.player_id]
                end = reports[g][-1].shares[a].after[sc.player_id]
                if verdict_of(start, end) != "lost":
                    continue
                lost += 1
                largest = SHARE_CAUSES[int(total[g, a].argmin())]
                if total[g, a].min() > -MIN_MOVE:
                    largest = None
                e = explain(reports[g], aid, names)
                first = e.named[0] if e.named else None
                if first == largest:
                    agree += 1
                else:
                    misses.append((spec, g, aid, first, largest, e.text))
    return {"lost": lost, "agree": agree, "misses": misses}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("--games", type=int, default=500)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args(argv)
    ids = args.scenarios or list(shipped())
    worst = 1.0
    for sid in ids:
        r = measure(sid, args.games, args.seed)
        figure = r["agree"] / r["lost"] if r["lost"] else 1.0
        worst = min(worst, figure)
        print(f"{sid:20s} lost accounts {r['lost']:6d}   first-named = largest contributor {figure:7.2%}")
        for m in r["misses"][:3]:
            print("   miss:", m)
    print(f"worst case: {worst:.2%} (target >= 95%)")
    return 0 if worst >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
