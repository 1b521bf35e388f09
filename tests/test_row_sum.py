"""engine/row_sum.py adds a row exactly as numpy's sum does: the kernels that call it
stand in for numpy code and must give the same bits (tests/test_jit.py checks the
kernels; this checks the shared sum on its own, compiled and as plain Python)."""
import numpy as np
import pytest

from engine import jit
from engine.row_sum import BLOCK, row_sum


def _rows(dtype, n: int, rng) -> np.ndarray:
    x = (rng.standard_normal((60, n)) * 10.0 ** rng.integers(-4, 5, (60, n))).astype(dtype)
    x[rng.random(x.shape) < 0.15] = -0.0
    x[:3] = -0.0                       # all negative zeros: numpy's sum is +0.0
    x[3] = np.abs(x[3])
    x[4, 0] = np.inf
    x[5, -1] = -np.inf
    x[6, 0], x[6, -1] = np.inf, -np.inf  # nan, as numpy
    return x


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype and a.tobytes() == b.tobytes()


pytestmark = pytest.mark.filterwarnings("ignore:invalid value")  # inf - inf on purpose


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_plain_row_sum_is_numpys_for_every_length(dtype):
    rng = np.random.default_rng(7)
    for n in range(0, BLOCK + 1):
        x = _rows(dtype, n, rng) if n else np.zeros((4, 0), dtype)
        got = np.array([row_sum(r) for r in x], dtype)
        assert _same(got, x.sum(-1)), n


@pytest.mark.skipif(not jit.enabled(), reason="numba is not installed")
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_compiled_row_sum_is_numpys(dtype):
    import numba

    @numba.njit
    def rows(x, out):
        for g in range(x.shape[0]):
            out[g] = row_sum(x[g])

    rng = np.random.default_rng(11)
    for n in (1, 2, 5, 7, 8, 9, 15, 16, 17, 40, 63, 64, 65, 120, BLOCK):
        x = _rows(dtype, n, rng)
        out = np.empty(x.shape[0], dtype)
        rows(x, out)
        assert _same(out, x.sum(-1)), n
