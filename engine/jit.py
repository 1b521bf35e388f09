"""Compiled kernels for large batches, when numba is installed.

A balance run spends most of its time in a few per-person rules that numpy runs as a
dozen passes over [G,A,K,S] arrays; one compiled loop over the same cells does it in one
pass. The numpy code stays the rule's definition: a kernel is only ever a second way to
compute it, checked bit for bit against it on every shipped case (tests/test_jit.py), and
used only where it pays and costs nobody a start-up:

- in batches of at least `MIN_GAMES` games (a window game or a classroom turn is G = 1
  and never loads the compiler);
- when numba imports (it is an optional extra, `pip install key-account-wars[fast]`);
  without it, or with KAW_JIT=0 in the environment, the numpy code runs, same results.

Compiled code is cached on disk by numba (`cache=True`), so only the first batch after
an install pays for compiling.
"""
from __future__ import annotations

import os
from typing import Callable

MIN_GAMES = 100  # below this, numpy's passes are cheap and the compiler is not worth loading

_compiled: dict[str, Callable | None] = {}
_numba: list = []  # [module or None] once tried
_shared: list[Callable] = []  # plain functions kernels call (see `shared`)


def shared(fn: Callable) -> Callable:
    """Mark a plain function that kernels call (engine/row_sum.py). It stays plain Python
    (the window game never loads numba); when numba loads, it is registered so compiled
    kernels call a compiled copy of it."""
    _shared.append(fn)
    if _numba and _numba[0] is not None:
        _register(fn)
    return fn


def _register(fn: Callable) -> None:
    from numba.extending import register_jitable
    register_jitable(fn)


def enabled() -> bool:
    """Whether kernels may be used at all: numba imports and KAW_JIT is not 0."""
    if os.environ.get("KAW_JIT", "1") == "0":
        return False
    if not _numba:
        try:
            import numba
        except ImportError:  # the optional extra is not installed: numpy does it all
            numba = None
        _numba.append(numba)
        for fn in _shared if numba is not None else ():
            _register(fn)
    return _numba[0] is not None


def kernel(fn: Callable, games: int) -> Callable | None:
    """The compiled form of `fn` for a batch of `games` games, or None to run numpy."""
    if games < MIN_GAMES or not enabled():
        return None
    name = f"{fn.__module__}.{fn.__qualname__}"
    if name not in _compiled:
        _compiled[name] = _numba[0].njit(cache=True, nogil=True, error_model="numpy")(fn)
    return _compiled[name]
