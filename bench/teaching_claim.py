"""The tutorial's teaching claim, measured (issue "Teaching that lands", item 2): "a
first-time player who follows the advice keeps Huaxin; one who cuts price and courts one
friend loses it and is told exactly why."

    .venv/bin/python bench/teaching_claim.py                # 1,000 games per plan
    .venv/bin/python bench/teaching_claim.py --games 200

The advice is the tutorial's guide (scenarios/tutorial.yaml, `guide:`), and the plan that
plays it quarter after quarter is the case's remedy, strategy `depth` (tests check that
every lever the guide asks for is one that plan uses, and that it never cuts price). The
price cut with one friend is strategy `price_war` (15% off everywhere, rep days only to
Huaxin's purchasing manager). Each is played in the trainee's seat over `games` seeds;
for every game the price-cut plan loses, the debrief's "why" (engine.explain) must name
first the largest recorded cause of the loss (the ledger of share causes), and name
the tender's decider and winner when the tender is that cause.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path[0:1] = [str(Path(__file__).resolve().parents[1])]   # bench/engine.py would shadow the package

import numpy as np  # noqa: E402

from engine import Batch, explain, load_scenario  # noqa: E402
from engine.explain import MIN_MOVE, verdict_of  # noqa: E402
from engine.report import build  # noqa: E402
from engine.rules.causes import SHARE_CAUSES  # noqa: E402
from engine.scenario.models import text_of  # noqa: E402

ADVICE, PRICE_ONE_FRIEND = "depth", "price_war"
ACCOUNT, KEEP = "huaxin", 0.4        # the objective: hold at least 40% of Huaxin


def play(plan: str, games: int, seed: int) -> dict:
    """{'kept': n, 'games': n, 'lost': n, 'told': n, 'whys': [...], 'misses': [...]}."""
    sc = load_scenario("tutorial")
    b = Batch(sc, seed, games, {sc.player_id: f"strategy:{plan}"}, explain=True)
    b.reset()
    w = b.world
    s, a = w.side(sc.player_id), w.account(ACCOUNT)
    reports = [[] for _ in range(games)]
    total = np.zeros((games, len(SHARE_CAUSES)))
    while not b.done:
        before = b.state.copy()
        res = b.step({})
        total += res.share_causes[:, s, a]
        for g in range(games):
            reports[g].append(build(w, before, b.state, res, s, g))
    names = {side.id: text_of(side.name, "en") for side in sc.sides}
    end = b.state.share[:, s, a]
    out = {"games": games, "kept": int((end >= KEEP - 1e-9).sum()), "lost": 0, "told": 0, "whys": [], "misses": []}
    for g in range(games):
        e = explain(reports[g], ACCOUNT, names)
        if verdict_of(e.start, e.end) != "lost":
            continue
        out["lost"] += 1
        largest = SHARE_CAUSES[int(total[g].argmin())] if total[g].min() <= -MIN_MOVE else None
        first = e.named[0] if e.named else None
        tender_named = first != "tender" or ("decided by" in e.text and "won by" in e.text)
        if first == largest and tender_named:
            out["told"] += 1
            out["whys"].append(e.text)
        else:
            out["misses"].append((g, first, largest, e.text))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args(argv)
    advice = play(ADVICE, args.games, args.seed)
    cut = play(PRICE_ONE_FRIEND, args.games, args.seed)
    print(f"follows the advice ({ADVICE}): keeps Huaxin in {advice['kept'] / advice['games']:.1%} of {advice['games']}")
    print(f"cuts price, one friend ({PRICE_ONE_FRIEND}): keeps Huaxin in {cut['kept'] / cut['games']:.1%}; "
          f"loses it in {cut['lost']}, told the largest real cause first in "
          f"{cut['told'] / max(cut['lost'], 1):.1%}")
    from collections import Counter
    firsts = Counter(w.split(": ", 1)[1].split(";")[0].split(" in ")[1].split(",")[0] if " in " in w else w
                     for w in cut["whys"])
    for why, n in firsts.most_common(3):
        print(f"   {n:5d} x  {why}")
    if cut["whys"]:
        print("   e.g.:", cut["whys"][0])
    for m in cut["misses"][:3]:
        print("   miss:", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
