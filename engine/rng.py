"""Random streams: one seeded numpy Generator per game for the world and per side.

Each game is identified by its own integer seed; its streams are spawned from
`SeedSequence(seed)` by index (0 = world, 1 + s = side s). So game g of a batch draws
exactly what a single match with the same seed draws, and adding a rival leaves the
world's and other sides' draws unchanged.
"""
from __future__ import annotations

import numpy as np


class Streams:
    def __init__(self, seeds: np.ndarray, n_sides: int):
        self.seeds = np.asarray(seeds, dtype=np.uint64)
        self._gens: list[list[np.random.Generator]] = []  # [stream][game]
        children = [np.random.SeedSequence(int(s)).spawn(1 + n_sides) for s in self.seeds]
        for stream in range(1 + n_sides):
            self._gens.append([np.random.Generator(np.random.PCG64(c[stream])) for c in children])

    def uniform(self, stream: int, n: int) -> np.ndarray:
        """n uniforms in [0, 1) per game from one stream: shape [G, n]."""
        if n == 0:
            return np.zeros((len(self.seeds), 0))
        gens = self._gens[stream]
        if len(gens) == 1:
            return gens[0].random(n)[None, :]
        return np.stack([g.random(n) for g in gens])

    def world(self, n: int) -> np.ndarray:
        return self.uniform(0, n)

    def side(self, s: int, n: int) -> np.ndarray:
        return self.uniform(1 + s, n)

    def state(self) -> list:
        """Bit-generator states, for saving a match mid-game."""
        return [[g.bit_generator.state for g in gens] for gens in self._gens]

    def restore(self, states: list) -> None:
        for gens, sts in zip(self._gens, states):
            for g, st in zip(gens, sts):
                g.bit_generator.state = st
