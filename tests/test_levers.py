"""One declaration of the levers (engine/order_levers.py), and order problems as values.

Every form of an order is derived from the lever table; these tests fail when a row lacks
what the derived forms, the screens and the costing need, or when a problem loses what it
is about.
"""
from __future__ import annotations

import numpy as np
import pytest

from engine import Match, Orders
from engine.order_levers import LEVERS
from engine.order_problems import MESSAGES, OrderProblem
from engine.orders import OrderArrays, OrderError
from engine.scenario.models import PlanOrders
from engine.world import compile_world


def test_every_lever_has_labels_help_and_descriptions_in_both_languages():
    for lv in LEVERS:
        for text in (lv.label, lv.help):
            assert text.get("en") and text.get("zh"), lv.name
        assert lv.description and lv.plan_description, lv.name


def test_each_derived_form_has_exactly_the_levers():
    assert list(Orders.model_fields) == [lv.name for lv in LEVERS]
    assert list(PlanOrders.model_fields) == [lv.plan for lv in LEVERS]
    arrays = OrderArrays.empty(2, 3, 4, 5)
    assert sorted(vars(arrays)) == sorted(lv.array for lv in LEVERS)
    shape = {"side": (2, 3), "account": (2, 3, 4), "person": (2, 3, 4, 5)}
    for lv in LEVERS:
        assert getattr(arrays, lv.array).shape == shape[lv.per], lv.name


def test_every_cost_and_capacity_names_a_side_array_of_the_world():
    w = compile_world(Match("tutorial").scenario)
    for lv in LEVERS:
        for attr in (lv.unit_cost, lv.capacity, lv.bound):
            if attr not in (None, "money", "rep_days", "free_slots"):
                assert getattr(w, attr).shape == (w.S,), (lv.name, attr)


def test_spending_counts_each_costed_lever_once():
    m = Match("tutorial")
    m.reset()
    w = m.world
    arrays = OrderArrays.empty(1, w.S, w.A, w.K)
    s = w.player
    arrays.exec[0, s, 0, 0] = 2
    arrays.service[0, s, 1] = 3
    arrays.solution[0, s, 0] = 0.4
    arrays.training[0, s] = 0.1
    arrays.teams[0, s, 2] = True
    arrays.intel[0, s, 0] = True
    arrays.hire[0, s] = 1
    expected = (2 * w.side_exec_visit_cost[s] + 3 * w.side_service_unit_cost[s] + 0.4 + 0.1
                + w.side_team_cost[s] + w.side_intel_cost[s] + w.side_hire_cost[s])
    assert np.isclose(arrays.spending(w, s)[0], expected)
    assert np.isclose(arrays.spending(w)[0, s], expected)


def test_problems_carry_what_they_are_about_and_word_it_in_both_languages():
    m = Match("blitz")
    m.reset()
    with pytest.raises(OrderError) as err:
        m.step(Orders(rep_days={"b_co": {"decision": 5, "liu": 1000}}, exec_visits={"b_co": {"workshop": 1}}))
    problems = err.value.problems
    assert all(isinstance(p, OrderProblem) for p in problems)
    by_code = {p.code: p for p in problems}
    who = by_code["unknown_person"]
    assert (who.side, who.lever, who.account, who.person) == ("anda", "rep_days", "b_co", "decision")
    assert "effort goes to people" in who and "不是层级" in who.text("zh")
    level = by_code["wrong_level"]
    assert (level.lever, level.person) == ("exec_visits", "workshop")
    over = by_code["over_capacity"]
    assert over.lever == "rep_days" and over.numbers["used"] == "1005"
    assert "人天" in over.text("zh") and "1005" in over.text("zh")
    assert str(over) == over.text("en") and "1005 days allocated" in over


def test_every_problem_code_is_worded_in_both_languages():
    for code, words in MESSAGES.items():
        assert words.get("en") and words.get("zh"), code
