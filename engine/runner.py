"""Run many games fast: split them into fixed-size chunks, each a Batch with its own
seed, and play the chunks in parallel.

A run is reproduced by (scenario, seed, games, controllers): the chunk size is fixed
and each chunk's seed is derived from the run's seed and the chunk's index, so neither
the number of threads nor of processes ever changes a result.

Two ways to use several cores:
- threads (everywhere): numpy releases the GIL inside its array loops, but the rules
  make many small calls, so two threads give about 1.6x;
- forked processes (where the OS can fork): each worker plays a contiguous block of
  chunks and writes its games straight into one shared-memory State, so nothing is
  pickled back; two processes give about 2x.
"""
from __future__ import annotations

import math
import mmap
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import numpy as np

from .batch import Batch
from .scenario.models import Scenario
from .state import State
from .world import World, compile_world

CHUNK = 1000  # games per chunk: part of a run's identity (its seeds), small enough to balance workers


def chunk_seed(seed: int, index: int) -> int:
    """The seed of chunk `index` of a run seeded `seed` (stable, independent of size)."""
    return int(np.random.SeedSequence([int(seed), int(index)]).generate_state(1, np.uint64)[0] >> 1)


def chunk_sizes(games: int, chunk: int = CHUNK) -> list[int]:
    full, rest = divmod(int(games), chunk)
    return [chunk] * full + ([rest] if rest else [])


def concat(states: list[State]) -> State:
    """One State holding every chunk's games, in chunk order."""
    if len(states) == 1:
        return states[0]
    first = states[0]
    return State(first.turn, {k: np.concatenate([s.arrays[k] for s in states]) for k in first.arrays})


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "win32"


@contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Start worker processes inside this block: they are born with Ctrl-C (SIGINT)
    blocked, so a Ctrl-C reaches only the parent, which decides how the run stops.

    A terminal sends Ctrl-C to every process of the run. A worker that starts ignoring it
    only once it runs its own code dies of a Ctrl-C pressed while it is still starting,
    and takes the run down with it. A blocked signal is part of what a child inherits
    (through fork and through spawn's exec), so the workers made here never have that
    moment. In this process the block only holds the signal: a Ctrl-C pressed meanwhile
    arrives when the block ends. Without POSIX signal masks (Windows) this does nothing.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def run_games(scenario: Scenario | World, seed: int, games: int, controllers: dict[str, str] | None = None,
              threads: int | None = None, turns: int | None = None,
              progress: Callable[[int], None] | None = None, processes: int = 1) -> State:
    """Play `games` games to the end (or `turns` turns) with policies in every seat.

    `progress(n)` is called as chunks finish with the number of games done. With
    `processes` > 1 (and an OS that forks) the chunks run in that many processes;
    otherwise on `threads` threads (default: one per core).
    """
    world = scenario if isinstance(scenario, World) else compile_world(scenario)
    sizes = chunk_sizes(games)
    last = turns if turns is not None else world.T

    def play(index: int) -> State:
        # No chart history (state.CHARTS): a run is read for outcomes, and every chunk,
        # whatever its size, must have the layout of the shared state.
        b = Batch(world, chunk_seed(seed, index), sizes[index], controllers, charts=False)
        b.reset()
        for _ in range(last):
            if b.done:
                break
            b.step(results=False)
        return b.state

    if processes > 1 and len(sizes) > 1 and can_fork():
        state = _run_forked(world, controllers, sizes, play, min(processes, len(sizes)), progress)
        state.turn = min(last, world.T)
        return state

    def play_and_tell(index: int) -> State:
        state = play(index)
        if progress is not None:
            progress(sizes[index])
        return state

    threads = max(1, min(threads or os.cpu_count() or 1, len(sizes)))
    if threads == 1:
        return concat([play_and_tell(i) for i in range(len(sizes))])
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return concat(list(pool.map(play_and_tell, range(len(sizes)))))


# ----------------------------------------------------------------- forked workers


def _blocks(sizes: list[int], workers: int) -> list[range]:
    """Contiguous runs of chunks with about the same number of games each."""
    total, blocks, start, done = sum(sizes), [], 0, 0
    for w in range(workers):
        goal = total * (w + 1) / workers
        end = start
        while end < len(sizes) and (done + sizes[end] <= goal + 1e-9 or end == start):
            done += sizes[end]
            end += 1
        if w == workers - 1:
            end = len(sizes)
        blocks.append(range(start, end))
        start = end
    return [b for b in blocks if len(b)]


def _shared_state(world: World, controllers, games: int) -> tuple[mmap.mmap, State]:
    """An all-zero State for `games` games in anonymous shared memory (kept across fork)."""
    probe = Batch(world, 0, 1, controllers, charts=False)
    probe.reset()
    layout, offset = {}, 0
    for name, arr in probe.state.arrays.items():
        shape, dtype = (games,) + arr.shape[1:], arr.dtype
        layout[name] = (offset, shape, dtype)
        offset += math.ceil(math.prod(shape) * dtype.itemsize / 64) * 64
    buf = mmap.mmap(-1, max(offset, 64))
    arrays = {name: np.frombuffer(buf, dtype, math.prod(shape), off).reshape(shape)
              for name, (off, shape, dtype) in layout.items()}
    return buf, State(0, arrays)


def _run_forked(world: World, controllers, sizes: list[int], play: Callable[[int], State], workers: int,
                progress: Callable[[int], None] | None) -> State:
    """Fork one worker per block of chunks; each writes its games into the shared State.

    The returned arrays stay backed by the shared mapping (it is freed with them)."""
    buf, shared = _shared_state(world, controllers, sum(sizes))
    starts = np.concatenate([[0], np.cumsum(sizes)])
    sys.stdout.flush()
    sys.stderr.flush()
    running: dict[int, range] = {}  # worker pid -> its chunks, until it has been waited for
    failed = []
    try:
        with ctrl_c_held():  # the workers keep Ctrl-C blocked for good: the parent handles it
            for block in _blocks(sizes, workers):
                pid = os.fork()
                if pid == 0:  # the worker: play its chunks, write them in place, leave at once
                    code = 0
                    try:
                        for i in block:
                            for name, arr in play(i).arrays.items():
                                shared.arrays[name][starts[i]:starts[i + 1]] = arr
                    except BaseException:  # noqa: BLE001  (the parent reports a failed worker)
                        traceback.print_exc()
                        code = 1
                    finally:
                        sys.stderr.flush()
                        os._exit(code)
                running[pid] = block
        for pid in list(running):
            status = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
            block = running.pop(pid)
            if status != 0:
                failed.append(status)
            elif progress is not None:
                progress(int(sum(sizes[i] for i in block)))
    except BaseException:  # Ctrl-C: the workers never see it, so end them rather than leave them playing
        for pid in running:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        raise
    if failed:
        raise RuntimeError(f"{len(failed)} worker process(es) failed (exit codes {failed}); see the messages above")
    del buf  # the arrays keep the mapping alive for as long as they are used
    return shared
