"""Seats (parallel mode): every team in its own copy of the world, one batch, one seed.

What must hold: the same seed and per-game orders give the same hashes; one team's
orders never change another team's game; rolling one team back leaves every other
game bit-identical; each game's orders are checked against that game's own state.
"""
from __future__ import annotations

import pytest

from engine import Batch, OrderError, Orders, ParallelMatch, PerGame, load_scenario

SC = load_scenario("tutorial")
A = SC.accounts[0].id
K = SC.accounts[0].stakeholders[0].id
PLAN = {"rep_days": {A: {K: 10}}, "service": {A: 2}}


def play(log, teams=4, seed=3):
    m = ParallelMatch(SC, seed, teams)
    m.reset()
    for turn in log:
        m.step(turn)
    return m


def hashes(m):
    return [m.state_hash(g) for g in range(m.teams)]


def test_same_seed_same_orders_same_hashes():
    log = [[PLAN, None, "blitzer", {}]] * 3
    assert hashes(play(log)) == hashes(play(log))


def test_one_teams_orders_never_change_another_game():
    base = hashes(play([[None] * 4] * 3))
    changed = hashes(play([[None, PLAN, None, "defender"]] * 3))
    assert [a == b for a, b in zip(base, changed)] == [True, False, True, False]


def test_rollback_of_one_team_leaves_the_others_bit_identical():
    m = play([[PLAN, PLAN, PLAN, PLAN]] * 3)
    before = hashes(m)
    again = m.rollback(2, 2, None)
    after = hashes(again)
    assert [a == b for a, b in zip(before, after)] == [True, True, False, True]
    assert again.orders_log[1][2] is None and again.turn == m.turn
    # Putting the orders back gives the very same games.
    assert hashes(again.rollback(2, 2, PLAN)) == before


def test_each_game_is_checked_against_its_own_state():
    m = play([[{"drop": [A]}, None]], teams=2)
    assert m.check(1, PLAN) == []
    problems = m.check(0, PLAN)
    assert problems and all(p.code == "dropped" for p in problems)
    with pytest.raises(OrderError) as info:
        m.step([PLAN, PLAN])
    assert all(p.startswith(f"{SC.player_id}: game 0.") for p in info.value.problems)
    assert m.turn == 1


def test_per_game_orders_need_one_entry_per_game_and_a_plain_list_is_not_orders():
    b = Batch(SC, 1, 3, {SC.player_id: "human"})
    b.reset()
    assert b.check({SC.player_id: PerGame([None])})
    assert b.check({SC.player_id: [None, None, None]})  # a list from a browser is refused
    assert b.check({SC.player_id: PerGame([None, {"bogus": 1}, Orders()])})[SC.player_id][0].startswith("game 1.bogus")


def test_reports_scores_and_debrief_per_team():
    m = play([[PLAN, None]] * 2, teams=2)
    r0, r1 = m.report(0), m.report(1)
    assert r0.turn == r1.turn == 2 and r0 != r1
    assert m.report(0, 1, "zh").turn == 1
    assert len(m.scores().total) == 2
    assert m.debrief(1, "zh").history["turns"] == [0, 1, 2]
    assert m.observe(0).turn == 2
