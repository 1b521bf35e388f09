"""Instructions per interactive turn, old commit against the working tree: the one speed
figure a busy or shared machine does not move.

    .venv/bin/python bench/instructions.py            # against 17e385c (the first landing)
    .venv/bin/python bench/instructions.py main --games 2

Wall and CPU time of a G = 1 turn move by +-20% between runs minutes apart on a shared
machine (bench/compare.py takes medians of alternating runs, and still varies). The
number of instructions the CPU executes for the same turns is the same from run to
run, so it shows a change of a few percent that time cannot. It counts what the
processor does, not how long memory makes it wait; for a G = 1 turn, which is Python
and small numpy calls, the two move together (its old/new tracks compare.py's medians).

Counted by valgrind's callgrind (`apt-get install valgrind`) on the probe of this tree
(bench/_probe.py): each tree plays `--games` games of the largest shipped case with a bot
in the player's seat (or, for a person's turn, with a trainee's orders each quarter and
the observation after it), and the instructions of resetting the same games alone are
taken away, so start-up, imports and scenario loading do not count.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from compare import REPO, PROBE, checked_out, ratio_row  # noqa: E402  (the same old tree as compare.py)

FIGURES = [("Match.step at G=1 (instructions per turn)", "turns_step"),
           ("Match.step + observe at G=1 (instructions per turn)", "turns_observe"),
           ("a person's turn at G=1: step with their orders + observe (instructions per turn)", "turns_person")]


def instructions(tree: Path, what: str, games: int) -> tuple[int, int]:
    """(instructions, turns) of one probe run under callgrind."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}  # string hashing and set order: +-1% otherwise
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                          sys.executable, str(PROBE), str(tree), what, str(games)],
                         capture_output=True, text=True, timeout=3600, env=env)
    if out.returncode != 0:
        raise SystemExit(f"probe {what} failed in {tree}:\n{out.stderr[-2000:]}")
    collected = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
    if collected is None:
        raise SystemExit(f"callgrind printed no count:\n{out.stderr[-2000:]}")
    turns = int(json.loads(out.stdout.strip().splitlines()[-1])["value"])
    return int(collected.group(1)), turns


def per_turn(tree: Path, what: str, games: int) -> float:
    """Instructions per turn: the counted runs go two at a time (a count does not depend
    on what else the machine runs, and each run takes minutes under callgrind)."""
    with ThreadPoolExecutor(2) as pool:
        baseline = "turns_person_reset" if what == "turns_person" else "turns_reset"
        base, run = (pool.submit(instructions, tree, w, games) for w in (baseline, what))
        (total, turns), (before, _) = run.result(), base.result()
    return (total - before) / turns


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ref", nargs="?", default="17e385c")
    ap.add_argument("--games", type=int, default=3)
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind): nothing to count with")
    with checked_out(args.ref) as old:
        for title, what in FIGURES:
            a, b = per_turn(old, what, args.games), per_turn(REPO, what, args.games)
            print(ratio_row(title, args.ref, a / 1e6, b / 1e6, "M", width=82), flush=True)
    print(f"\n{args.games} games of the largest shipped case per tree, reset alone subtracted. "
          "old/new > 1 means the working tree executes fewer instructions.")


if __name__ == "__main__":
    main()
