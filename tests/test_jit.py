"""The compiled kernels (engine/jit.py) compute the rules' numpy code bit for bit.

A kernel is a second way to compute a rule, used in large batches: if it drifted from
the numpy code by one rounding, a balance run and a trainee's game would disagree. So
every shipped case is played with each of its reference strategies and with random
orders (executive visits, teams, price cuts everywhere) both ways, and the state hashes
must match. The kernels' threshold is lowered so small batches use them.
"""
from __future__ import annotations

import ast
import sys

import numpy as np
import pytest

from engine import Batch, load_scenario, jit
from tests.support import REPO, shipped_files


def play(sc, seat: str, games: int = 40, seed: int = 21) -> tuple[str, list[np.ndarray]]:
    """The final state's hash, and each turn's share causes and utility parts."""
    b = Batch(sc, seed, games, {sc.player_id: seat}, explain=False)
    b.reset()
    turns = [b.step({}) for _ in range(sc.turns)]
    return b.state.hash(), [a for t in turns for a in (t.share_causes, t.utility)]


def both_ways(sc, seat: str, monkeypatch) -> None:
    monkeypatch.setattr(jit, "MIN_GAMES", 8)
    monkeypatch.setenv("KAW_JIT", "0")
    plain = play(sc, seat)
    monkeypatch.setenv("KAW_JIT", "1")
    fused = play(sc, seat)
    assert plain[0] == fused[0], f"{sc.id} with {seat}: the compiled turn gives another state"
    assert all(np.array_equal(x, y) for x, y in zip(plain[1], fused[1]))


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: p.stem)
def test_compiled_turns_give_the_same_games(path, monkeypatch):
    pytest.importorskip("numba")
    sc = load_scenario(path)
    for seat in ["random"] + [f"strategy:{s.id}" for s in sc.strategies]:
        both_ways(sc, seat, monkeypatch)


@pytest.mark.parametrize("seat", ["random", "blitzer"])
def test_compiled_turns_give_the_same_games_in_the_largest_market(big_market, seat, monkeypatch):
    """Eight people at some accounts (sums over them are added pairwise there), forced
    resignations that found a spin-off, capacity shortfalls: the kernels' rarer branches."""
    pytest.importorskip("numba")
    both_ways(big_market, seat, monkeypatch)


def test_the_kernel_source_is_the_rule_even_uncompiled(tutorial, monkeypatch):
    """Without numba the kernel still runs as plain Python (slowly): the same games, so
    its arithmetic is checked wherever the tests run."""
    monkeypatch.setattr(jit, "kernel", lambda fn, games: fn)
    fused = play(tutorial, "random", games=3)
    monkeypatch.undo()
    monkeypatch.setenv("KAW_JIT", "0")
    assert play(tutorial, "random", games=3)[0] == fused[0]


def test_without_numba_the_numpy_rules_run(tutorial, monkeypatch):
    """An install without the optional compiler (or KAW_JIT=0) plays the same games."""
    monkeypatch.setitem(sys.modules, "numba", None)  # import numba now raises ImportError
    monkeypatch.setattr(jit, "_numba", [])
    monkeypatch.setattr(jit, "MIN_GAMES", 1)
    assert not jit.enabled() and jit.kernel(lambda: None, 10_000) is None
    assert play(tutorial, "defender", games=4)[0]
    monkeypatch.setattr(jit, "_numba", [])
    monkeypatch.delitem(sys.modules, "numba")
    monkeypatch.setenv("KAW_JIT", "0")
    assert not jit.enabled()


def test_small_batches_never_load_the_compiler():
    """A window or classroom game (G = 1) must not pay numba's start-up."""
    assert jit.kernel(lambda: None, jit.MIN_GAMES - 1) is None


def test_only_engine_jit_imports_numba_and_only_when_asked():
    """numba is optional and loaded lazily: one module imports it, inside a function."""
    for path in sorted((REPO / "engine").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {id(n) for n in tree.body}
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] == "numba" for n in names):
                assert path.name == "jit.py" and id(node) not in top, f"{path}:{node.lineno}"


@pytest.mark.parametrize("seat", ["defender", "poacher", "frontal", "flanker", "concentrator", "balanced",
                                  "teams_everywhere", "drop_idle", "decision_only"])
def test_compiled_tactics_give_the_same_games_in_the_largest_market(big_market, seat, monkeypatch):
    """Each doctrine in the seat, so each of the doctrines' compiled tactics
    (engine/doctrines/tactics_kernel.py) decides with eight people at some accounts,
    accounts where nobody sits at an executive's level, dropped accounts, and a spin-off
    that decides in a few games only (some turns under the kernels' threshold)."""
    pytest.importorskip("numba")
    both_ways(big_market, seat, monkeypatch)
