"""How long a person waits for `kaw`: wall time of whole commands in fresh processes.

    .venv/bin/python bench/startup.py              # this tree, median of 7 runs each
    .venv/bin/python bench/startup.py --runs 11 --tree /path/to/other/checkout
    .venv/bin/python bench/startup.py --no-bytecode   # as this sandbox runs Python

Each run is a new interpreter started the way the tree's `kaw` console script starts
one (its pyproject.toml's entry point), with the tree first on the path, its output
thrown away. One unmeasured run of each command comes first: it writes the tree's .pyc
files and fills the caches `kaw list` and `kaw run` keep (kaw/listing.py,
kaw/scenario_cache.py), so the figures are the usual, warm case. The median is kept: a shared machine adds spikes, not steady offsets.
bench/compare.py uses `wall()` to put an old commit beside the working tree.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# name -> (kaw arguments, target in seconds from issue 13)
COMMANDS = {
    "help": (["--help"], 0.3),
    "list": (["list"], 0.3),
    "run": (["run", "tutorial", "--seed", "1"], 0.6),
}


def launcher(tree: Path) -> str:
    """Python code that starts `kaw` as TREE's console script does: the entry point its
    pyproject.toml declares (kaw:main today, engine.cli:main in the first landing)."""
    with open(tree / "pyproject.toml", "rb") as f:
        module, func = tomllib.load(f)["project"]["scripts"]["kaw"].split(":")
    return f"import sys; from {module} import {func} as main; sys.argv[0] = 'kaw'; sys.exit(main())"


def wall(tree: Path, args: list[str], bytecode: bool = True) -> float:
    """Seconds from starting a fresh `kaw ARGS` process on TREE to its exit. With
    `bytecode`, Python keeps compiled modules (.pyc) as an installed kaw does, even where
    the environment says PYTHONDONTWRITEBYTECODE; without, every module is compiled from
    source in every run, which costs 0.1-0.3 s more."""
    # Each tree its own cache folder: two trees sharing one would overwrite each other's
    # `kaw list` and `kaw run` entries (their engine fingerprints differ) and both run cold.
    cache = Path(tempfile.gettempdir()) / "kaw-bench-cache" / hashlib.sha256(str(tree.resolve()).encode()).hexdigest()[:12]
    env = {**os.environ, "PYTHONPATH": str(tree), "COLUMNS": "120", "KAW_CACHE_DIR": str(cache)}
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    code = launcher(tree)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=tree,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"kaw {' '.join(args)} failed in {tree}:\n{done.stderr[-2000:]}")
    return seconds


def median_wall(tree: Path, args: list[str], runs: int, bytecode: bool = True) -> float:
    return statistics.median(wall(tree, args, bytecode) for _ in range(runs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="fresh processes per command (median kept)")
    ap.add_argument("--tree", type=Path, default=REPO, help="checkout whose kaw is timed (default: this one)")
    ap.add_argument("--no-bytecode", action="store_true",
                    help="compile every module in every run (PYTHONDONTWRITEBYTECODE=1), as a sandbox may")
    args = ap.parse_args()
    bytecode = not args.no_bytecode
    for argv, _ in COMMANDS.values():
        wall(args.tree, argv, bytecode)  # not measured: writes .pyc files and kaw's caches
    print(f"{'command':30s} {'median':>8s} {'target':>8s}")
    for argv, target in COMMANDS.values():
        value = median_wall(args.tree, argv, args.runs, bytecode)
        verdict = "ok" if value <= target else "over"
        print(f"{'kaw ' + ' '.join(argv):30s} {value:7.3f}s {target:7.1f}s  {verdict}", flush=True)
    print(f"\nmedian of {args.runs} fresh processes each; tree {args.tree}; "
          f"{'.pyc files kept' if bytecode else 'no .pyc files (compiled every run)'}")


if __name__ == "__main__":
    main()
