"""Benchmark of `kaw balance` against DESIGN.md's batch target. Prints figures, asserts nothing.

    .venv/bin/python bench/balance.py              # 10,000 games x every strategy, 1 and 2 workers
    .venv/bin/python bench/balance.py --quick      # 2,000 games x 3 strategies: a rough look
    .venv/bin/python bench/balance.py --scenario tutorial --workers 1,2,4

What is timed is `kaw.balance.balance()`, the code behind `kaw balance` (process start-up,
every chunk, scoring, merging and judging; not the printing), on the largest shipped
scenario (most stakeholders x sides, then most turns) unless --scenario is given.

DESIGN.md: "10,000 games x 12 turns of the largest shipped scenario, batched: <= 3 s on a
2-core machine", i.e. >= 3,333 twelve-turn games per second. `kaw balance` plays that many
games per strategy; a game of T turns counts as T/12 of a twelve-turn game, so scenarios of
any length compare with the same target. The CPU time of this process and its worker
processes is shown too: on a busy machine the wall time suffers, games per CPU-second do not.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from engine import load_scenario, shipped  # noqa: E402
from kaw.balance import balance, default_strategies  # noqa: E402

TARGET_GAMES, TARGET_TURNS, TARGET_SECONDS = 10_000, 12, 3.0
TARGET_RATE = TARGET_GAMES / TARGET_SECONDS  # twelve-turn games per second on 2 cores

console = Console(highlight=False, width=120)


def size(sc) -> tuple[int, int]:
    """accounts x stakeholders x sides (the stakeholders of all accounts times the sides), then turns."""
    return sum(len(a.stakeholders) for a in sc.accounts) * len(sc.sides), sc.turns


def largest() -> str:
    sizes = {}
    for sid, path in shipped().items():
        try:
            sizes[sid] = size(load_scenario(path))
        except Exception as exc:  # a scenario being edited by someone else must not stop the bench
            console.print(f"[yellow]skipped {sid}: {exc.__class__.__name__}[/]")
    return max(sizes, key=sizes.get)


def cpu_seconds() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def measure(sc, games: int, workers: int, strategies: list[str] | None) -> dict:
    cpu0, t0 = cpu_seconds(), time.perf_counter()
    result = balance(sc, games=games, seed=0, workers=workers, strategies=strategies)
    wall, cpu = time.perf_counter() - t0, cpu_seconds() - cpu0
    played = result.played
    twelve = played * sc.turns / TARGET_TURNS
    return {"workers": workers, "played": played, "wall": wall, "cpu": cpu, "rate": played / wall,
            "rate12": twelve / wall, "cpu_rate12": twelve / max(cpu, 1e-9),
            "warnings": [w.kind for w in result.warnings]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", help="shipped id or file (default: the largest shipped scenario)")
    ap.add_argument("--games", type=int, help="games per strategy (default 10,000; --quick: 2,000)")
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts to measure")
    ap.add_argument("--quick", action="store_true", help="2,000 games of three strategies")
    args = ap.parse_args(argv)

    sid = args.scenario or largest()
    sc = load_scenario(shipped().get(sid, sid))
    games = args.games or (2_000 if args.quick else TARGET_GAMES)
    specs = default_strategies(sc)
    strategies = [s.key for s in specs][:1] + ["random", "defender"] if args.quick else None
    n_strategies = len(strategies) if strategies else len(specs)
    workers = [int(w) for w in args.workers.split(",")]
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "n/a"
    console.print(f"[bold]kaw balance benchmark[/]: scenario [bold]{sc.id}[/] ({len(sc.accounts)} accounts, "
                  f"{sum(len(a.stakeholders) for a in sc.accounts)} stakeholders, {len(sc.sides)} sides, "
                  f"{sc.turns} turns); {games:,} games x {n_strategies} strategies per run")
    console.print(f"{platform.python_implementation()} {platform.python_version()} on {platform.machine()}, "
                  f"{os.cpu_count()} CPUs, load average before: {load}")

    rows = [measure(sc, games, w, strategies) for w in workers]
    t = Table(title="games per second (whole runs, process start-up included)", title_justify="left")
    for col in ("workers", "games", "wall s", "games/s", "12-turn games/s", "vs target", "CPU s", "cores used",
                "12-turn games/CPU-s"):
        t.add_column(col, justify="right")
    for r in rows:
        ok = r["rate12"] >= TARGET_RATE
        t.add_row(str(r["workers"]), f"{r['played']:,}", f"{r['wall']:.2f}", f"{r['rate']:,.0f}",
                  f"{r['rate12']:,.0f}", f"[{'green' if ok else 'red'}]{r['rate12'] / TARGET_RATE:.2f}x[/]",
                  f"{r['cpu']:.2f}", f"{r['cpu'] / r['wall']:.2f}", f"{r['cpu_rate12']:,.0f}")
    console.print(t)
    per_strategy = {r["workers"]: TARGET_GAMES / r["rate12"] for r in rows}
    console.print(f"Target (DESIGN.md): {TARGET_GAMES:,} games x {TARGET_TURNS} turns <= {TARGET_SECONDS:g} s on 2 cores "
                  f"= {TARGET_RATE:,.0f} twelve-turn games/s.")
    for w, s in per_strategy.items():
        console.print(f"  {w} worker{'s' if w > 1 else ''}: {TARGET_GAMES:,} twelve-turn games take {s:.2f} s "
                      f"({'meets' if s <= TARGET_SECONDS else 'misses'} the target); the full kaw balance run "
                      f"({n_strategies} strategies) takes about {s * n_strategies * sc.turns / TARGET_TURNS:.0f} s.")
    if len(rows) > 1 and rows[0]["workers"] == 1:
        for r in rows[1:]:
            console.print(f"  speed-up with {r['workers']} workers: {r['rate'] / rows[0]['rate']:.2f}x")
    busy = [r for r in rows if r["cpu"] / r["wall"] < 0.8 * r["workers"]]
    if busy:
        console.print(f"[yellow]Note: the {', '.join(str(r['workers']) for r in busy)}-worker run(s) got less CPU than "
                      "they asked for (cores used < 0.8 x workers): the machine is busy, so the wall-clock figures "
                      "understate the speed; games per CPU-second do not depend on the load.[/]")
        best = max(r["cpu_rate12"] for r in rows)
        console.print(f"  On 2 idle cores with perfect scaling: about {2 * best:,.0f} twelve-turn games/s "
                      f"({2 * best / TARGET_RATE:.2f}x the target).")
    console.print(f"Balance warnings of the run: {', '.join(rows[0]['warnings']) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
