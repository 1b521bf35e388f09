"""Memory of a large batch (issue #13): what a game's state holds, and what a turn adds.

Bytes are counted, never timed: an array's nbytes is fixed by the scenario, and what
tracemalloc sees of a seeded run is the same every time. Every saving here keeps the
games bit for bit (the pinned hashes in test_cost_to_serve and the blocking test in
test_determinism say so); these tests pin the savings themselves.
"""
from __future__ import annotations

import tracemalloc

import numpy as np

from engine import Batch, jit, load_scenario
from engine.rng import Streams
from engine.state import CHARTS, WHOLE, State

from support import SCENARIOS

LARGEST = "internal_collapse"


def state_bytes_per_game(b: Batch) -> float:
    return sum(a.nbytes for a in b.state.arrays.values()) / b.G


def test_a_large_batch_of_the_largest_case_holds_under_18_2_kb_of_state_per_game():
    """26,622 bytes per game before issue #13: 6,656 of them charts only a debrief reads,
    1,830 whole numbers stored as int64."""
    sc = load_scenario(SCENARIOS / f"{LARGEST}.yaml")
    b = Batch(sc, 0, 65, {sc.player_id: "defender"})
    b.reset()
    assert state_bytes_per_game(b) <= 18_200
    match = Batch(sc, 0, 1, {sc.player_id: "defender"})
    match.reset()
    assert set(CHARTS) <= match.state.arrays.keys(), "a match (G = 1) keeps its debrief's charts"
    assert state_bytes_per_game(match) - state_bytes_per_game(b) == sum(match.state.arrays[k].nbytes for k in CHARTS)


def test_a_batch_without_charts_plays_the_same_games(tutorial):
    runs = []
    for charts in (False, True):
        b = Batch(tutorial, 4, 9, {tutorial.player_id: "random"}, charts=charts)
        b.run()
        runs.append(b.state)
    bare, full = runs
    assert not set(CHARTS) & bare.arrays.keys() and set(CHARTS) <= full.arrays.keys()
    assert full.arrays.keys() - bare.arrays.keys() == set(CHARTS)
    for name, a in bare.arrays.items():
        assert np.array_equal(a, full.arrays[name]), name


def test_a_classroom_of_many_teams_keeps_its_charts(tutorial):
    """Teams read their reports and debriefs, however many play (a classroom allows 200)."""
    from engine.match import ParallelMatch

    m = ParallelMatch(tutorial, 3, teams=70)
    m.reset()
    m.step(["defender"] * 70)
    assert set(CHARTS) <= m.state.arrays.keys()
    assert len(m.debrief(69).history["revenue"]) == 2
    assert not set(CHARTS) & Batch(tutorial, 3, 70).reset().arrays.keys(), "bots alone: no charts"


def test_whole_numbers_are_stored_narrow_and_hashed_as_int64(tutorial):
    b = Batch(tutorial, 2, 3, {tutorial.player_id: "defender"})
    b.run()
    ints = [k for k, a in b.state.arrays.items() if a.dtype.kind == "i"]
    assert "owner" in ints and "rep_serial" in ints
    assert all(b.state.arrays[k].dtype == WHOLE for k in ints)
    wide = State(b.state.turn, {k: a.astype(np.int64) if k in ints else a for k, a in b.state.arrays.items()})
    assert wide.hash() == b.state.hash() and wide.hash(1) == b.state.hash(1)
    wide.arrays["owner"][1, 0, 0] += 1
    assert wide.hash() != b.state.hash(), "a changed value changes the hash"


class CountingStreams(Streams):
    """The engine's streams, noting how many games' dice each draw held."""

    rows: list[int] = []

    def uniform(self, stream: int, n: int, games: slice = slice(None)) -> np.ndarray:
        u = super().uniform(stream, n, games)
        self.rows.append(u.shape[0])
        return u


def test_a_turn_draws_one_block_of_dice_at_a_time_and_the_same_dice(tutorial):
    hashes = []
    for size in (None, 7):
        b = Batch(tutorial, 8, 30, {tutorial.player_id: "random"})
        b.block_games = size
        b.reset()
        b.streams = CountingStreams(8, 30, b.world.S)
        CountingStreams.rows = []
        assert b.step(results=False) is None
        b.run()
        assert max(CountingStreams.rows) == (size or 30)
        hashes.append(b.state.hash())
    assert hashes[0] == hashes[1]


def test_same_dice_hold_across_blocks(tutorial):
    """A classroom's teams share one game's dice whichever block their game resolves in."""
    one = Batch(tutorial, 5, 1, {tutorial.player_id: "balanced"})
    one.run()
    b = Batch(tutorial, 5, 20, {tutorial.player_id: "balanced"}, same_dice=True)
    b.block_games = 7
    b.run()
    assert {b.state.hash(g) for g in range(b.G)} == {one.state.hash(0)}


def test_a_turn_adds_little_beyond_the_state_when_blocks_are_small():
    """A turn's temporaries are a block's (Batch.blocks): with blocks of a tenth of the
    games, the peak of a whole run stays within a quarter above the state it ends with
    (1.18 now; 1.67 before issue #13, when a run also held every game's dice, every
    finished block's results and replaced arrays, and the reset built arrays it dropped)."""
    sc = load_scenario(SCENARIOS / f"{LARGEST}.yaml")
    # Lazy imports and caches (numba and its kernels load for batches of jit.MIN_GAMES
    # and more: ~28 MB once per process), not counted.
    warm = Batch(sc, 1, jit.MIN_GAMES, {sc.player_id: "defender"})
    warm.block_games = 1
    warm.reset()
    warm.step()
    b = Batch(sc, 1, 300, {sc.player_id: "defender"})
    b.block_games = 30
    tracemalloc.start()
    try:
        b.reset()
        b.run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak / b.G <= 1.25 * state_bytes_per_game(b)
