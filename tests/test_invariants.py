"""Properties that hold after every turn, whatever the orders and the seed (hypothesis).

- shares are in [0, 1] and sum to at most 1 per account (the rest is "others");
- stance (personal + organisational) stays on the -1..3 scale, and a person prefers
  (stance 1.5 or more) one supplier at most;
- money is conserved: for each side, cash + receivables + invested - (their starting values)
  equals cumulative profit (revenue - costs);
- satisfaction, morale and need discovery stay in [0, 1]; padding stays empty;
- a refused order changes nothing.
"""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import DOCTRINES, PAY_PLANS, Match, OrderError, Orders, load_scenario
from engine.stance_scale import PREFERS
from engine.state import State
from engine.world import World

from support import SCENARIOS, new_batch

TOL = 1e-9
MONEY_TOL = 1e-6
TUTORIAL = load_scenario(SCENARIOS / "tutorial.yaml")
ACCOUNTS = [a.id for a in TUTORIAL.accounts]
PEOPLE = {a.id: [k.id for k in a.stakeholders] for a in TUTORIAL.accounts}
EXECS_MEET = {a.id: [k.id for k in a.stakeholders if k.level != "operational"] for a in TUTORIAL.accounts}


def check_invariants(w: World, start: State, state: State) -> None:
    share = state.share  # [G,S,A]
    assert np.all(share >= -TOL) and np.all(share <= 1 + TOL), f"share out of [0,1]: {share.min()}..{share.max()}"
    total = share.sum(axis=1)
    assert np.all(total <= 1 + TOL), f"shares of an account add up to {total.max()}"
    assert np.all(share[state.dropped] == 0), "a dropped account still buys from us"

    stance = state.personal + state.org
    assert np.all(stance >= -1 - TOL) and np.all(stance <= 3 + TOL), f"stance {stance.min()}..{stance.max()}"
    assert np.all(np.abs(state.org) <= 3 + TOL)
    pad = ~w.sh_mask
    assert np.all(state.personal[:, pad] == 0) and np.all(state.org[:, pad] == 0), "padding stakeholders gained stance"
    assert np.all(state.contact[:, :, pad] == 0), "someone had contact with a padding stakeholder"
    preferred = ((stance >= PREFERS) & w.sh_mask[None, :, :, None]).sum(-1)
    assert np.all(preferred <= 1), f"a person prefers {preferred.max()} suppliers at once"

    for name in ("satisfaction", "rep_morale", "rep_skill", "discovered"):
        arr = state.arrays[name]
        assert np.all(arr >= -TOL) and np.all(arr <= 1 + TOL), f"{name} out of [0,1]: {arr.min()}..{arr.max()}"

    wealth = state.cash + state.recv.sum(-1) + state.invested
    wealth0 = start.cash + start.recv.sum(-1) + start.invested
    gap = np.abs((wealth - wealth0) - state.total_profit)
    assert np.all(gap <= MONEY_TOL), f"money not conserved: off by {gap.max():.3g}"
    assert np.allclose(state.total_profit - state.profit,
                       start.total_profit + state.profit_hist[:, 1:state.turn].sum(1), atol=MONEY_TOL)

    assert np.all(np.isfinite(state.cash)) and np.all(np.isfinite(state.demand)) and np.all(state.demand > 0)
    assert np.array_equal(state.share_hist[:, state.turn], state.share)
    assert np.all(~state.rep_alive | w.rep_slot[None]), "a rep lives in a slot the side does not have"


# --------------------------------------------------------------------------- the player's orders

amount = st.floats(min_value=0, max_value=60, allow_nan=False)
small = st.floats(min_value=0, max_value=1.5, allow_nan=False)
some_accounts = st.lists(st.sampled_from(ACCOUNTS), unique=True, max_size=3)



def per_person(people: dict[str, list[str]], values, max_people: int):
    """{account: {person: value}} over up to 3 accounts, people drawn from each account's own."""
    one = st.sampled_from(ACCOUNTS).flatmap(
        lambda aid: st.tuples(st.just(aid), st.dictionaries(st.sampled_from(people[aid]), values, max_size=max_people)))
    return st.lists(one, max_size=3).map(dict)


orders_strategy = st.builds(
    Orders,
    rep_days=per_person(PEOPLE, amount, 3),
    exec_visits=per_person(EXECS_MEET, st.integers(0, 2), 2),
    service=st.dictionaries(st.sampled_from(ACCOUNTS), st.floats(0, 6), max_size=3),
    price_cut=st.dictionaries(st.sampled_from(ACCOUNTS), st.floats(0, 0.3), max_size=3),
    solution=st.dictionaries(st.sampled_from(ACCOUNTS), small, max_size=3),
    pay_plan=st.none() | st.sampled_from(PAY_PLANS),
    training=st.floats(0, 0.6),
    quality=st.floats(0, 0.6),
    hire=st.integers(0, 3),
    teams=some_accounts,
    drop=st.just([]) | st.lists(st.sampled_from(ACCOUNTS), max_size=1),
    alliance=st.none() | st.sampled_from(ACCOUNTS),
    intelligence=some_accounts,
)


@settings(max_examples=30)
@given(seed=st.integers(0, 2**32 - 1),
       plan=st.lists(orders_strategy, min_size=TUTORIAL.turns, max_size=TUTORIAL.turns))
def test_invariants_hold_for_any_player_orders(seed, plan):
    m = Match(TUTORIAL, seed)
    m.reset()
    w, start = m.world, m.state.copy()
    check_invariants(w, start, m.state)
    for orders in plan:
        problems = m.check(orders)
        before = m.state_hash()
        try:
            m.step(orders)
            assert not problems, "check() found problems, but step() accepted the orders"
        except OrderError as err:
            assert err.problems == [f"{m.player}: {p}" for p in problems]
            assert m.state_hash() == before
            m.step(Orders())  # empty orders are always valid
        check_invariants(w, start, m.state)
    assert m.done and m.turn == TUTORIAL.turns


# --------------------------------------------------------------------------- bots in every seat

def run_batch_checking(sc, seeds, controllers):
    b = new_batch(sc, seeds, controllers)
    start = b.reset().copy()
    check_invariants(b.world, start, b.state)
    while not b.done:
        b.step({})
        check_invariants(b.world, start, b.state)
    return b


bots = st.sampled_from(sorted(DOCTRINES) + [f"strategy:{s.id}" for s in TUTORIAL.strategies])


@settings(max_examples=15)
@given(seeds=st.lists(st.integers(0, 2**32 - 1), min_size=2, max_size=8), player=bots,
       rival=st.sampled_from(sorted(DOCTRINES)))
def test_invariants_hold_in_batches_of_bots(seeds, player, rival):
    b = run_batch_checking(TUTORIAL, seeds, {"hengtai": player, "kessler": rival})
    assert b.state.turn == TUTORIAL.turns


@settings(max_examples=8)
@given(seed=st.integers(0, 2**32 - 1), player=st.sampled_from(["random", "balanced", "flanker"]))
def test_invariants_hold_in_the_largest_market(big_market, seed, player):
    sc = big_market
    b = run_batch_checking(sc, [seed, seed + 1, seed + 2, seed + 3], {"us": player})
    # the spin-off side may have entered; it must then follow the same rules
    assert b.state.turn == sc.turns
