"""relationship_quality (numpy, every batch below the kernels' size and every interactive
game) equals the per-cell loop the compiled kernel runs (engine/stance_kernels.py, here
uncompiled), on random stances over buying centers where some levels are empty."""
from __future__ import annotations

import numpy as np
import pytest

from engine import Batch
from engine.metrics import relationship_quality
from engine.stance_kernels import quality_cells
from tests.support import big_market_scenario


@pytest.mark.parametrize("seed", range(4))
def test_numpy_quality_is_the_kernels_cell_by_cell(seed):
    sc = big_market_scenario()
    b = Batch(sc, seed, 6, {"us": "defender"})
    st = b.reset()
    w = b.world
    rng = np.random.default_rng(seed)
    # stances around "supports" (1.0), exactly on it, signed zeros, at the ends of the scale
    grid = np.array([-1.0, -0.0, 0.0, 0.25, 0.5, 0.999, 1.0, 1.5, 3.0], np.float32)
    st.personal = rng.choice(grid, st.personal.shape).astype(np.float32) * rng.random(st.personal.shape).round().astype(np.float32)
    st.org = rng.choice(grid, st.org.shape).astype(np.float32)
    assert (~w.level_onehot.any(1)).any(), "some account has nobody at some level"
    expected = np.empty((st.G, w.S, w.A))
    quality_cells(st.personal, st.org, st.influence, w.level_onehot, w.level_onehot.any((0, 1)), expected)
    assert relationship_quality(w, st).tobytes() == expected.tobytes()
