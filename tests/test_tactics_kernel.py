"""The doctrines' compiled tactics (engine/doctrines/tactics_kernel.py) give the numpy
tactics' arrays byte for byte.

tests/test_jit.py plays whole games both ways; here each tactic is called directly on
views and orders made rough on purpose, so the branches games rarely reach are held to
the numpy code too: dropped accounts, games with no money left, accounts where nobody
sits at the level an executive visits, negative, zero and -0.0 weights, ties in the
ranking, levers left empty (numpy skips them when the array is small), order arrays
small and large (executive visits are added two ways), and free service. A kernel that
rounds once differently, or loses a zero's sign, fails here.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from engine import Batch, jit
from engine.arrays import SMALL
from engine.doctrines import base
from engine.doctrines.base import Decision
from engine.doctrines.poacher import ties
from engine.observe import side_view
from engine.orders import OrderArrays

pytestmark = pytest.mark.filterwarnings("ignore:invalid value", "ignore:divide by zero")


def _rough(rng, shape, scale=1.0, dtype=np.float64) -> np.ndarray:
    """Random numbers with exact zeros, negative zeros and repeats among them."""
    x = rng.random(shape) * scale
    x[rng.random(shape) < 0.15] = 0.0
    x[rng.random(shape) < 0.1] = -0.0
    x[rng.random(shape) < 0.1] = scale / 2
    return x.astype(dtype)


def _orders(rng, G, S, A, K) -> OrderArrays:
    """Orders some sides have already given this turn; each costed lever is left empty
    half the time (numpy then skips it in a small array)."""
    o = OrderArrays.empty(G, S, A, K)
    for name in ("exec", "service", "solution", "training", "quality"):
        if rng.random() < 0.5:
            arr = getattr(o, name)
            arr[...] = _rough(rng, arr.shape, 0.3)
    if rng.random() < 0.5:
        o.hire[...] = rng.integers(0, 2, o.hire.shape)
    for name in ("teams", "intel"):
        if rng.random() < 0.5:
            getattr(o, name)[...] = rng.random(o.teams.shape) < 0.2
    return o


def decision(sc, G: int, seed: int, s: int) -> Decision:
    """Side s's decision in G games of `sc` after a turn, with its view made rough."""
    b = Batch(sc, seed, G)
    b.reset()
    b.step({})
    w, st = b.world, b.state
    rng = np.random.default_rng(seed)
    v = side_view(w, st, s)
    A, K, S = w.A, w.K, w.S
    # The view's people arrays are slices of all sides' arrays, as the real ones are.
    influence = _rough(rng, (G, S, A, K), 3.0, np.float32)[:, s]
    stance = (_rough(rng, (G, A, K, S), 5.0, np.float32) - np.float32(1.5))[..., s]
    stance[rng.random(stance.shape) < 0.1] = 2.0  # no gap left: clip at an exact 0
    stance[rng.random(stance.shape) < 0.1] = -0.0  # np.maximum(stance, 0) gives +0.0
    influence[0] = 0.0  # a game where this side knows nobody's influence
    dropped = rng.random((G, A)) < 0.2
    dropped[1] = True  # a game with every account dropped
    budget = _rough(rng, G, 2.0)
    budget[:2] = 0.0  # no money: nothing is affordable
    v = replace(v, influence=influence, stance=stance, dropped=dropped, budget=np.abs(budget),
                capacity=_rough(rng, G, 20.0))
    return Decision(w, v, {}, rng.random((G, base.DOCTRINE_UNIFORMS)), _orders(rng, G, S, A, K))


def weights(d: Decision, seed: int) -> np.ndarray:
    """Account weights [G,A]: zeros, -0.0, negatives, ties, an all-zero game."""
    rng = np.random.default_rng(seed)
    x = _rough(rng, (d.G, d.world.A)) - 0.1 * (rng.random((d.G, d.world.A)) < 0.1)
    x[2 % d.G] = 0.0
    return x


def _priced(d: Decision, **prices) -> Decision:
    """The same decision in a world whose side arrays `prices` replace (e.g. free service)."""
    return replace(d, world=replace(d.world, arrays=dict(d.world.arrays, **prices), memo={}))


def _fresh(d: Decision) -> Decision:
    """An independent copy of d's orders (the tactics write into them)."""
    return replace(d, out=OrderArrays(**{k: v.copy() for k, v in vars(d.out).items()}))


CALLS = {
    "person_weights": [lambda d, aw: base.person_weights(d), lambda d, aw: base.person_weights(d, 0.3),
                       lambda d, aw: base.person_weights(d, 1)],
    "spread": [lambda d, aw: base.spread(d, aw, base.person_weights(d, 0.5)),
               lambda d, aw: base.spread(d, aw, np.asarray(base.person_weights(d), float), 0.6 + d.u[:, 0])],
    "service_to": [lambda d, aw: base.service_to(d, aw), lambda d, aw: base.service_to(d, aw, 0.4)],
    "exec_to": [lambda d, aw: base.exec_to(d, aw), lambda d, aw: base.exec_to(d, aw, "management"),
                lambda d, aw: base.exec_to(d, -aw, "decision")],
    "affordable": [lambda d, aw: base.affordable(d, 0.02), lambda d, aw: base.affordable(d, 7.0)],
    "fund": [lambda d, aw: base.fund(d, np.abs(aw) * d.view.budget[:, None]),
             lambda d, aw: base.fund(d, np.ascontiguousarray(np.abs(aw[:, :3]) * 50.0))],
    "ties": [lambda d, aw: ties(d)],
}


def outcome(call, d: Decision, aw: np.ndarray, kernel) -> list[bytes]:
    """Every order array and the tactic's answer, as bytes, with `kernel` standing in for
    jit.kernel (None: the numpy code)."""
    d = _fresh(d)
    saved = jit.kernel
    jit.kernel = kernel
    try:
        got = call(d, aw.copy())
    finally:
        jit.kernel = saved
    arrays = [arr.tobytes() for arr in vars(d.out).values()]
    return arrays + ([] if got is None else [np.asarray(got).dtype.str.encode(), np.asarray(got).tobytes()])


_jit_kernel = jit.kernel


def _numpy(fn, games):
    """jit.kernel as in a small batch: the numpy code runs."""
    return None


def _compiled(fn, games):
    """jit.kernel as in a large batch, for any number of games: the compiled kernel."""
    assert jit.enabled()
    return _jit_kernel(fn, max(games, jit.MIN_GAMES))


KERNEL_OF = {"person_weights": "person_cells", "spread": "spread_cells", "service_to": "service_cells",
             "exec_to": "exec_cells", "affordable": "afford_cells", "fund": "fund_cells", "ties": "ties_cells"}


def _recording(kernel, ran: set):
    """`kernel` (a stand-in for jit.kernel) noting in `ran` which kernels were run."""
    def pick(fn, games):
        chosen = kernel(fn, games)
        if chosen is None:
            return None

        def run(*args):
            ran.add(fn.__name__)
            return chosen(*args)
        return run
    return pick


def _check(d: Decision, kernel, seed: int, idle: tuple[str, ...] = ()) -> None:
    """Each call of each tactic gives the numpy code's bytes, and did run its kernel
    (not the numpy code twice), except the tactics `idle` that have nothing to do."""
    aw = weights(d, seed)
    for name, calls in CALLS.items():
        for i, call in enumerate(calls):
            ran = set()
            assert outcome(call, d, aw, _recording(kernel, ran)) == outcome(call, d, aw, _numpy), f"{name} #{i}"
            assert (KERNEL_OF[name] in ran) != (name in idle), f"{name} #{i} ran {ran}"


def _cases(sc, G: int, seeds) -> list[Decision]:
    """Every side's rough decision in G games, for each seed."""
    return [decision(sc, G, seed, s) for seed in seeds for s in range(len(sc.sides))]


@pytest.mark.parametrize("G", [3, 12])
def test_uncompiled_tactics_are_the_numpy_tactics(big_market, G):
    """The kernels' source as plain Python, in the largest market: with G = 3 the exec
    order array is small (numpy adds visits through a one-hot), with G = 12 large."""
    assert (G * 5 * 15 * 8 <= SMALL) == (G == 3)
    for d in _cases(big_market, G, [1]):
        _check(d, lambda fn, games: fn, 5)


@pytest.mark.skipif(not jit.enabled(), reason="numba is not installed")
@pytest.mark.parametrize("G", [3, 12, 40])
def test_compiled_tactics_are_the_numpy_tactics(big_market, tutorial, G):
    """Compiled, every side of the largest market and of the tutorial (one person at
    some accounts, fewer than eight accounts: the short sums added in the loops)."""
    for sc in (big_market, tutorial):
        for d in _cases(sc, G, [2, 3]):
            _check(d, _compiled, 7)


@pytest.mark.skipif(not jit.enabled(), reason="numba is not installed")
def test_free_service_and_visits_and_no_visits(big_market):
    """Free service units or visits (no budget limit: numpy's np.inf), and a side
    without executive visits (exec_to orders nothing)."""
    d = decision(big_market, 12, 4, 1)
    S = d.world.S
    for prices in ({"side_service_unit_cost": np.zeros(S)}, {"side_exec_visit_cost": np.zeros(S)},
                   {"side_hire_cost": np.full(S, 0.5)}):
        _check(_priced(d, **prices), _compiled, 9)
    _check(_priced(d, side_exec_visits=np.zeros(S)), _compiled, 9, idle=("exec_to",))


@pytest.mark.skipif(not jit.enabled(), reason="numba is not installed")
def test_visits_a_budget_pays_for_exactly(big_market):
    """A budget of exactly m visits whose quotient rounds just below m (0.3 / 0.1) still
    pays for m: the 1e-9 numpy adds before flooring."""
    d = decision(big_market, 12, 6, 1)
    d = replace(d, out=OrderArrays.empty(12, d.world.S, d.world.A, d.world.K),
                view=replace(d.view, budget=np.array([0.3, 0.7, 0.1, 0.2, 0.6, 1.1] * 2)))
    d = _priced(d, side_exec_visit_cost=np.full(d.world.S, 0.1), side_exec_visits=np.full(d.world.S, 40.0))
    assert (np.floor(d.view.budget / 0.1) < np.round(d.view.budget / 0.1)).any()
    _check(d, _compiled, 3)


@pytest.mark.skipif(not jit.enabled(), reason="numba is not installed")
def test_unknown_influence_is_handled_as_numpy_does(big_market):
    """NaN influence (never in a game, but argmax and the sums have a rule for it)."""
    d = decision(big_market, 12, 8, 2)
    d.view.influence[3, :, 1] = np.nan
    d.view.influence[4] = np.nan
    d.view.influence[5, :, 0] = np.nan
    d.view.budget[3:6] = 5.0
    _check(d, _compiled, 4)


def test_the_rough_decisions_reach_the_rare_branches(big_market):
    """The inputs above do reach what they are meant to: nobody at an executive's level
    at some account, dropped accounts, games without money, empty levers."""
    d = decision(big_market, 12, 1, 0)
    assert (base.top_person(d.world, d.view.influence, base.EXEC_LEVELS) < 0).any()
    assert (base.top_person(d.world, d.view.influence, (2,)) < 0).any()
    assert d.view.dropped.any() and (d.view.budget == 0).any()
    assert np.signbit(d.view.stance).any() and (d.view.stance == 0).any()
