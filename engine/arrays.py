"""Array helpers for the hot loops of a batch.

numpy's reductions over a short axis (3-8 suppliers or people) cost several times an
element-wise pass over the same data; adding the slices one by one is the same sum,
faster. Used where a balance run spends its time (per person and per supplier sums).
"""
from __future__ import annotations

import numpy as np

SHORT = 8  # axes this long or shorter are summed slice by slice


SMALL = 4096  # elements: below this one reduce call costs less than a call per slice


def short_reduce(x: np.ndarray, axis: int, op: np.ufunc, dtype=None) -> np.ndarray:
    """op.reduce over a short axis, applied slice by slice into one accumulator (the axis
    is dropped); `dtype` is the accumulator's, default x's.

    A small array of whole numbers or booleans (a G = 1 turn) is reduced in one call:
    their sums, ors and maxima are exact in any order, so the result is the same."""
    if x.size <= SMALL and x.dtype.kind in "biu" and (dtype is None or np.dtype(dtype).kind in "iu"):
        return op.reduce(x, axis=axis, dtype=dtype or x.dtype)
    take = [slice(None)] * x.ndim
    take[axis] = 0
    out = x[tuple(take)].astype(dtype or x.dtype, copy=True)
    for i in range(1, x.shape[axis]):
        take[axis] = i
        op(out, x[tuple(take)], out=out)
    return out


def short_sum(x: np.ndarray, axis: int) -> np.ndarray:
    """x.sum(axis) for a short axis, added slice by slice (same result up to rounding order)."""
    n = x.shape[axis]
    if n > SHORT or n == 0:
        return x.sum(axis)
    return short_reduce(x, axis, np.add, np.result_type(x.dtype, np.int8) if x.dtype == bool else None)


def short_any(x: np.ndarray, axis: int) -> np.ndarray:
    """x.any(axis) for a short boolean axis, or-ed slice by slice."""
    n = x.shape[axis]
    if n > SHORT or n == 0:
        return x.any(axis)
    return short_reduce(x, axis, np.logical_or)


def sides_last(x: np.ndarray) -> np.ndarray:
    """A view of x with axis 1 (the suppliers, in an order's [G,S,...] layout) moved last:
    np.moveaxis(x, 1, -1), without its argument checks (a turn does this a dozen times)."""
    return x.transpose((0, *range(2, x.ndim), 1))


def sides_second(x: np.ndarray) -> np.ndarray:
    """The inverse of sides_last: the last axis moved to position 1 (a view)."""
    return x.transpose((0, x.ndim - 1, *range(1, x.ndim - 1)))


def along_last(x: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """np.take_along_axis(x, idx, axis=-1) for 3-d arrays [G,S,n] and indices [G,S,m]: the
    same values through one fancy index, without take_along_axis's argument handling (a
    turn at G = 1 paid more for that than for the lookup)."""
    G, S = idx.shape[:2]
    return x[np.arange(G)[:, None, None], np.arange(S)[None, :, None], idx]
