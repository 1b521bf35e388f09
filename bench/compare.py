"""Old commit against the working tree, side by side in one run: the speed figures the
issues name, as ratios (machines differ; ratios measured together carry).

    .venv/bin/python bench/compare.py                 # against 17e385c (the first landing)
    .venv/bin/python bench/compare.py main --games 2000 --rounds 2

REF is checked out into a temporary git worktree; every figure is measured in a fresh
process per tree, alternating old and new `--rounds` times, and the median is kept, so a
busy machine slows both alike. The probe (bench/_probe.py of this tree) uses only the
API both trees share: Batch(scenario, seed, games, controllers).run(), Match.step() with
a bot in the player's seat, Match.observe(), and the scenario loader. The kaw figures
(bench/startup.py) start each tree's own `kaw` entry point, after one unmeasured run per
tree, so neither pays for writing its .pyc files or filling a cache.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import startup  # noqa: E402  (bench/startup.py: the kaw commands and how they are timed)

PROBE = HERE / "_probe.py"

# (figure, probe argument, unit, what "better" means: lower)
FIGURES = [
    ("batch: largest shipped case, G games x all turns (1 process)", "batch_shipped", "s"),
    ("batch: largest legal scenario (15 acc x 8 people x 5 sides)", "batch_legal", "s"),
    ("Match.step at G=1 (median turn)", "turn", "ms"),
    ("Match.observe at G=1 (median)", "observe", "ms"),
    ("a person's turn at G=1: Match.step with their orders + observe (median)", "person_turn", "ms"),
    ("import engine (fresh process)", "import", "ms"),
    ("state memory per game in a batch", "memory", "KB"),
] + [(f"kaw {' '.join(argv)} (fresh process, wall)", f"kaw_{name}", "s")
     for name, (argv, _) in startup.COMMANDS.items()]


@contextmanager
def checked_out(ref: str) -> Iterator[Path]:
    """REF in a temporary git worktree, removed afterwards (also when a figure fails)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ref"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "--quiet", str(path), ref],
                       check=True)
        try:
            yield path
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(path)], check=False)


def ratio_row(title: str, ref: str, old: float, new: float, unit: str, width: int = 62) -> str:
    """One figure's line: the old tree's value, the new one's and old/new (> 1: better now)."""
    return (f"{title:{width}s} {ref[:10]:>10s} {old:10.2f} {unit:2s}  new {new:10.2f} {unit:2s}  "
            f"old/new {old / new if new else float('inf'):5.2f}x")


def probe(tree: Path, what: str, games: int, bytecode: bool = True) -> float:
    if what.startswith("kaw_"):  # a whole kaw command, as a person waits for it
        return startup.wall(tree, startup.COMMANDS[what.removeprefix("kaw_")][0], bytecode)
    out = subprocess.run([sys.executable, str(PROBE), str(tree), what, str(games)],
                         capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        raise SystemExit(f"probe {what} failed in {tree}:\n{out.stderr[-2000:]}")
    return float(json.loads(out.stdout.strip().splitlines()[-1])["value"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ref", nargs="?", default="17e385c")
    ap.add_argument("--games", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", nargs="*", help="probe names to run (default: all)")
    ap.add_argument("--no-bytecode", action="store_true",
                    help="kaw figures: compile every module in every run (PYTHONDONTWRITEBYTECODE=1)")
    args = ap.parse_args()
    with checked_out(args.ref) as old:
        for title, what, unit in FIGURES:
            if args.only and what not in args.only:
                continue
            a, b = [], []
            code = not args.no_bytecode
            if what.startswith("kaw_"):
                probe(old, what, args.games, code), probe(REPO, what, args.games, code)  # warm-up
            for _ in range(args.rounds):
                a.append(probe(old, what, args.games, code))
                b.append(probe(REPO, what, args.games, code))
            print(ratio_row(title, args.ref, statistics.median(a), statistics.median(b), unit), flush=True)
    print(f"\n{args.rounds} rounds, alternating, median kept; G = {args.games}. "
          "old/new > 1 means the working tree is faster (or smaller).")


if __name__ == "__main__":
    main()
