"""A contiguous row's sum added exactly as numpy adds it, for the compiled kernels.

numpy sums a contiguous row (`x.sum(-1)` of a C-ordered array) from 0.0 by pairwise
summation: fewer than eight numbers one by one; up to 128 in eight running sums (every
eighth number each) joined as ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), the
rest added one by one. A kernel that adds in another order can differ in the last bit,
so kernels that stand in for a numpy row sum call this (tests/test_row_sum.py holds it
to numpy on rows of every length it takes, with signed zeros and infinities).

Plain Python: engine/jit.py registers it with numba (`jit.shared`) when numba loads, so
a compiled kernel calls it compiled and an uncompiled one calls it as it is.
"""
from __future__ import annotations

from . import jit

BLOCK = 128  # numpy's PW_BLOCKSIZE: it splits longer rows in two (no row here is that long)


@jit.shared
def row_sum(row):
    """row.sum() of a 1-d float array of at most BLOCK numbers, bit for bit as numpy
    computes it (longer rows, which numpy splits, are left to numpy: callers check)."""
    zero = row.dtype.type(0.0)
    n = row.shape[0]
    if n < 8:
        res = zero
        for i in range(n):
            res = res + row[i]
        return zero + res
    r0, r1, r2, r3, r4, r5, r6, r7 = row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7]
    whole = n - n % 8
    for i in range(8, whole, 8):
        r0 += row[i]
        r1 += row[i + 1]
        r2 += row[i + 2]
        r3 += row[i + 3]
        r4 += row[i + 4]
        r5 += row[i + 5]
        r6 += row[i + 6]
        r7 += row[i + 7]
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    for i in range(whole, n):
        res = res + row[i]
    return zero + res
