"""Engine benchmarks against the performance targets in DESIGN.md. Prints figures, asserts nothing.

    .venv/bin/python bench/engine.py             # the full run (about half a minute)
    .venv/bin/python bench/engine.py --quick     # a rough look in a few seconds
    .venv/bin/python bench/engine.py --profile   # also: where the time goes (cProfile)

Measured:
- one turn of every shipped scenario at G = 1: `Match.step()` with a bot in the player's
  seat (the interactive path, reports included); median over every turn of a few games;
- validating every shipped scenario: `load_with_warnings(path)`, a fresh read, parse and
  validation each time; median of several (the first, cold call is shown too);
- for the largest shipped scenario (most stakeholders x sides): `--games` games x all
  turns in one Batch (reset + run, median of 3) against the same number of games stepped
  one at a time, each a G = 1 Batch (a sample of `--sample` games, timed and scaled per
  game). Both use the same compiled world and controllers; neither records explanations.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

import engine  # noqa: E402
from engine import Batch, Match, load_scenario, load_with_warnings, shipped  # noqa: E402
from engine.runner import CHUNK, can_fork, run_games  # noqa: E402
from engine.world import compile_world  # noqa: E402

TARGET_TURN_MS = 2.0
TARGET_VALIDATE_MS = 50.0
TARGET_BATCH_S = 3.0          # 10,000 games x 12 turns
TARGET_RATIO = 30.0
TARGET_GAMES, TARGET_TURNS = 10_000, 12
BOT = "defender"

console = Console(highlight=False, width=110)


# ----------------------------------------------------------------------------- helpers


def ms(seconds: float, unit: bool = True) -> str:
    return f"{seconds * 1e3:.2f}" + (" ms" if unit else "")


def verdict(ok: bool) -> str:
    return "[green]meets[/]" if ok else "[red]misses[/]"


def within(seconds: float, target_ms: float) -> str:
    """A time in ms, red with a '!' when it misses its target."""
    shown = ms(seconds, unit=False)
    return shown + " " if seconds * 1e3 <= target_ms else f"[red]{shown}![/]"


def size(sc) -> int:
    """accounts x stakeholders x sides: the stakeholders of all accounts times the sides."""
    return sum(len(a.stakeholders) for a in sc.accounts) * len(sc.sides)


def make_batch(world, seed: int, games: int, controllers: dict[str, str]) -> Batch:
    """A bots-only batch without per-stakeholder explanations (a balance run's settings)."""
    return Batch(world, seed=seed, games=games, controllers=controllers, explain=False)


# ----------------------------------------------------------------------------- measurements


def turn_times(sc, games: int) -> tuple[list[float], list[float]]:
    """Seconds per turn at G=1 over every turn of `games` games (after one warm-up game):
    the engine's turn (Batch.step) and a person's turn with its report (Match.step)."""
    controllers = {sc.player_id: BOT}
    engine_t, match_t = [], []
    for seed in range(games + 1):
        b = Batch(sc, seed, 1, controllers)
        b.reset()
        m = Match(sc, seed, controllers=controllers)
        m.reset()
        while not m.done:
            t0 = time.perf_counter()
            b.step()
            t1 = time.perf_counter()
            m.step()
            t2 = time.perf_counter()
            if seed:  # game 0 warms caches up
                engine_t.append(t1 - t0)
                match_t.append(t2 - t1)
    return engine_t, match_t


def validate_times(path: Path, n: int) -> list[float]:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        load_with_warnings(path)
        times.append(time.perf_counter() - t0)
    return times


def batched_time(world, controllers, games: int, reps: int) -> list[float]:
    times = []
    for rep in range(reps):
        b = make_batch(world, rep, games, controllers)
        t0 = time.perf_counter()
        b.reset()
        b.run()
        times.append(time.perf_counter() - t0)
    return times


def runner_time(world, controllers, games: int, reps: int, threads: int = 1, processes: int = 1) -> list[float]:
    """Fixed-size chunks of games played on threads, or on forked processes."""
    times = []
    for rep in range(reps):
        t0 = time.perf_counter()
        run_games(world, rep, games, controllers, threads=threads, processes=processes)
        times.append(time.perf_counter() - t0)
    return times


def one_at_a_time(world, controllers, sample: int) -> float:
    """Seconds per game when every game is its own G = 1 batch (mean over `sample` games)."""
    for seed in range(3):  # warm-up
        b = make_batch(world, seed, 1, controllers)
        b.reset()
        b.run()
    total = 0.0
    for seed in range(sample):
        b = make_batch(world, seed, 1, controllers)
        t0 = time.perf_counter()
        b.reset()
        b.run()
        total += time.perf_counter() - t0
    return total / sample


def profile(label: str, fn, top: int = 14) -> None:
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).strip_dirs().sort_stats("tottime").print_stats(top)
    lines = buf.getvalue().splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls"))
    console.print(f"\n[bold]Profile: {label}[/], top {top} by own time", soft_wrap=True)
    print("\n".join(lines[start:start + top + 1]))  # plain: rich would wrap the columns


# ----------------------------------------------------------------------------- report


def machine() -> str:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return (f"{platform.processor() or platform.machine()}, {usable} usable cores "
            f"(of {os.cpu_count()}); Python {platform.python_version()}, numpy {np.__version__}, "
            f"engine {engine.ENGINE_VERSION}")


def main() -> None:
    ap = argparse.ArgumentParser(description="Time the engine against DESIGN.md's performance targets.")
    ap.add_argument("--games", type=int, default=TARGET_GAMES, help="games in the batched run (default 10000)")
    ap.add_argument("--sample", type=int, default=200, help="games actually stepped one at a time (default 200)")
    ap.add_argument("--quick", action="store_true", help="fewer games and repetitions: a rough look in seconds")
    ap.add_argument("--profile", action="store_true", help="also profile one G=1 game and one batched run")
    args = ap.parse_args()
    games = min(args.games, 1000) if args.quick else args.games
    sample = min(args.sample, 30) if args.quick else args.sample
    reps, turn_games, val_n = (1, 2, 5) if args.quick else (3, 5, 20)

    console.print(f"[bold]Key Account Wars engine benchmark[/]  ({'quick' if args.quick else 'full'} run)")
    console.print(machine())
    found = shipped()
    if not found:
        console.print("[red]no shipped scenarios found[/]")
        return

    table = Table(title="Per scenario", title_justify="left", header_style="bold")
    table.add_column("Scenario", no_wrap=True)
    for col in ("Accts", "Size", "Turns", "Turn ms", "+report ms", "Validate ms", "Cold ms"):
        table.add_column(col, justify="right", no_wrap=True)
    scenarios = {}
    for sid, path in found.items():
        cold = validate_times(path, 1)[0]
        try:
            sc = load_scenario(path)
        except engine.ScenarioError as exc:
            table.add_row(sid, f"[red]does not load ({len(exc.problems)} problems)[/]")
            continue
        scenarios[sid] = sc
        engine_t, match_t = turn_times(sc, turn_games)
        turn, with_report = statistics.median(engine_t), statistics.median(match_t)
        val = statistics.median(validate_times(path, val_n))
        table.add_row(sid, str(len(sc.accounts)), str(size(sc)), str(sc.turns),
                      within(turn, TARGET_TURN_MS), ms(with_report, unit=False) + " ",
                      within(val, TARGET_VALIDATE_MS), ms(cold, unit=False) + " ")
    table.add_section()
    table.add_row("[bold]target[/]", "", "", "", f"<= {TARGET_TURN_MS:.2f} ", "", f"<= {TARGET_VALIDATE_MS:.2f} ", "")
    console.print()
    console.print(table)
    console.print(f"Turn: median time of the engine's turn (Batch.step at G=1) with the '{BOT}' bot in the "
                  f"player's seat, over every turn of {turn_games} games; +report: the same turn through "
                  "Match.step, which also builds the typed turn report and score a person reads. Size: stakeholders of all accounts x sides. "
                  f"Validate: median of {val_n} fresh loads; cold: the first in this process. "
                  "A '!' marks a figure over its target.")
    if not scenarios:
        return

    sid, sc = max(scenarios.items(), key=lambda kv: (size(kv[1]), len(kv[1].accounts)))
    world = compile_world(sc)
    controllers = {sc.player_id: BOT}
    one_batch = statistics.median(batched_time(world, controllers, games, reps))
    os.environ["KAW_JIT"] = "0"  # the same batch on numpy alone (engine/jit.py's fallback)
    try:
        plain_batch = statistics.median(batched_time(world, controllers, games, reps))
    finally:
        del os.environ["KAW_JIT"]
    cores = os.cpu_count() or 1
    threaded = statistics.median(runner_time(world, controllers, games, reps, threads=cores))
    forked = can_fork() and cores > 1
    batched = statistics.median(runner_time(world, controllers, games, reps, processes=cores)) if forked else threaded
    per_game = one_at_a_time(world, controllers, sample)
    single = per_game * games
    ratio = single / batched
    scale = (TARGET_GAMES / games) * (TARGET_TURNS / sc.turns)
    batched_norm = batched * scale

    big = Table(title=f"Batched vs one at a time: {sid} ({games:,} games x {sc.turns} turns)",
                title_justify="left", header_style="bold")
    for col in ("Measure", "Measured", "Target (DESIGN.md)", ""):
        big.add_column(col, justify="left" if col in ("Measure", "") else "right")
    big.add_row(f"One Batch of {games:,} games on one thread (median of {reps})", f"{one_batch:.2f} s", "", "")
    kernels = "compiled kernels" if engine.jit.enabled() else "numba not installed: numpy both times"
    big.add_row(f"  the same on numpy alone (KAW_JIT=0; {kernels})", f"{plain_batch:.2f} s",
                f"{plain_batch / one_batch:.2f}x", "")
    big.add_row(f"{games:,} games in chunks of {CHUNK} on {cores} threads (median of {reps})", f"{threaded:.2f} s", "", "")
    label = (f"Batched: {games:,} games in chunks of {CHUNK} on {cores} forked processes (median of {reps})"
             if forked else "Batched: the threaded run above")
    if scale == 1:
        big.add_row(label, f"{batched:.2f} s", f"<= {TARGET_BATCH_S:g} s", verdict(batched <= TARGET_BATCH_S))
    else:
        big.add_row(label, f"{batched:.2f} s", "", "")
        big.add_row(f"  scaled to {TARGET_GAMES:,} games x {TARGET_TURNS} turns", f"{batched_norm:.2f} s",
                    f"<= {TARGET_BATCH_S:g} s", verdict(batched_norm <= TARGET_BATCH_S))
    big.add_row(f"One at a time: {games:,} G=1 batches ({sample} timed, scaled)", f"{single:.2f} s", "", "")
    big.add_row("  per game", ms(per_game), "", "")
    big.add_row("Speed-up of batching", f"{ratio:.1f}x", f">= {TARGET_RATIO:g}x", verdict(ratio >= TARGET_RATIO))
    console.print()
    console.print(big)
    console.print(f"One at a time is {sample} games actually stepped (seeds 0..{sample - 1}), each a G=1 Batch "
                  f"on the same compiled world; their mean time per game is multiplied by {games:,}.")
    if scale != 1:
        console.print(f"The target is for {TARGET_GAMES:,} games x {TARGET_TURNS} turns; the measured time is "
                      f"scaled linearly by {scale:.2f} to compare.")

    if args.profile:
        def matches(n: int = 20) -> None:
            for seed in range(n):
                m = Match(sc, seed, controllers=controllers)
                m.reset()
                m.play_out()

        profile(f"{sid}, 20 games at G=1 via Match.step", matches)
        b = make_batch(world, 0, games, controllers)
        profile(f"{sid}, {games:,} games batched", lambda: (b.reset(), b.run()))


if __name__ == "__main__":
    main()
