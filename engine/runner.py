"""Run many games fast: split them into fixed-size chunks, each a Batch with its own
seed, and play the chunks on parallel threads.

numpy releases the GIL inside its array loops, so two threads use two cores; chunks of
a couple of thousand games also keep the working arrays small enough to stay in cache.
A run is reproduced by (scenario, seed, games, controllers): the chunk size is fixed
and each chunk's seed is derived from the run's seed and the chunk's index, so the
number of threads never changes a result.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from .batch import Batch
from .scenario.models import Scenario
from .state import State
from .world import World, compile_world

CHUNK = 2048


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


def run_games(scenario: Scenario | World, seed: int, games: int, controllers: dict[str, str] | None = None,
              threads: int | None = None, turns: int | None = None,
              progress: Callable[[int], None] | None = None) -> State:
    """Play `games` games to the end (or `turns` turns) with policies in every seat.

    `progress(n)` is called as each chunk finishes with the number of games it held.
    """
    world = scenario if isinstance(scenario, World) else compile_world(scenario)
    sizes = chunk_sizes(games)
    threads = max(1, min(threads or os.cpu_count() or 1, len(sizes)))

    def play(index: int) -> State:
        b = Batch(world, chunk_seed(seed, index), sizes[index], controllers)
        b.reset()
        for _ in range(turns if turns is not None else world.T):
            if b.done:
                break
            b.step()
        if progress is not None:
            progress(sizes[index])
        return b.state

    if threads == 1:
        return concat([play(i) for i in range(len(sizes))])
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return concat(list(pool.map(play, range(len(sizes)))))
