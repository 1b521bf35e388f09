"""Random streams: seeded numpy Generators, one for the world and one per side.

`SeedSequence(seed).spawn(1 + sides)` gives the streams by index (0 = world, 1 + s =
side s), so adding a rival leaves the world's and the other sides' draws unchanged.
Each stream draws for all G games of a batch in one call ([G, n] per turn): a batch is
reproduced by (scenario, seed, G, orders). Per-game generators would let a game of a
batch be replayed alone, but creating and calling 50,000 of them costs more than the
whole 10,000-game balance run may take (DESIGN.md: 3 s), so the batch is the unit.
"""
from __future__ import annotations

import numpy as np


VARIANTS_KEY = 1_000_003  # spawn key of the variants' stream, far from the sides' (0, 1, ...)


class Streams:
    """`same_dice`: every game of the batch gets the draws of one game on this seed (a
    classroom's parallel teams each play the same world, so a leaderboard compares
    decisions, not luck); game g of such a batch is the Match on the seed."""

    def __init__(self, seed: int, games: int, n_sides: int, same_dice: bool = False):
        self.seed = int(seed)
        self.games = int(games)
        self.same_dice = bool(same_dice)
        children = np.random.SeedSequence(self.seed).spawn(1 + n_sides)
        self._gens = [np.random.Generator(np.random.PCG64(c)) for c in children]
        self._one_game: dict[int, np.ndarray] = {}  # same_dice: this turn's draw per stream

    def uniform(self, stream: int, n: int, games: slice = slice(None)) -> np.ndarray:
        """n uniforms in [0, 1) per game from one stream for games `games`: shape [g, n].

        A turn that resolves block by block asks for its blocks in order, from the first
        game to the last; a Generator fills an array row after row, so the blocks hold
        exactly the numbers one call for all games would, and only one block's are held
        at a time (all of a turn's were a seventh of a large batch's peak memory)."""
        start, stop, _ = games.indices(self.games)
        gen = self._gens[stream]
        if self.same_dice:
            if start == 0:
                self._one_game[stream] = gen.random((1, n))
            return np.repeat(self._one_game[stream], stop - start, axis=0)
        return gen.random((stop - start, n))

    def world(self, n: int, games: slice = slice(None)) -> np.ndarray:
        return self.uniform(0, n, games)

    def side(self, s: int, n: int, games: slice = slice(None)) -> np.ndarray:
        return self.uniform(1 + s, n, games)

    def variants(self, n: int) -> np.ndarray:
        """n uniforms per game for the scenario's seeded variants, drawn once at reset from
        a stream of their own (so adding a variant changes no other draw): [G, n]."""
        seq = np.random.SeedSequence(self.seed, spawn_key=(VARIANTS_KEY,))
        gen = np.random.Generator(np.random.PCG64(seq))
        if self.same_dice:
            return np.repeat(gen.random((1, n)), self.games, axis=0)
        return gen.random((self.games, n))
