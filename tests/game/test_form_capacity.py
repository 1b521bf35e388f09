"""Fractional rep-day capacity (morale, pay plan) must never block End quarter with a
message like "38 planned but only 38 available": the form plans whole days within the
whole days available, and what it shows is what it compares."""
from __future__ import annotations

import dataclasses

from engine import Match
from game.i18n import tr
from game.orders_form import OrdersForm


def _obs(capacity: float):
    m = Match("tutorial", seed=1)
    obs = m.reset()
    return m, dataclasses.replace(obs, capacity_days=capacity)


def test_a_spread_plan_fits_a_fractional_capacity():
    m, obs = _obs(37.6)
    f = OrdersForm(obs)
    f.spread_evenly()
    meter = f.meters()["days"]
    assert meter.used == 37 and meter.capacity == 37 and not meter.over


def test_an_over_plan_says_numbers_that_differ():
    _, obs = _obs(37.6)
    f = OrdersForm(obs)
    f.spread_evenly()
    aid = obs.accounts[0].id
    kid = obs.accounts[0].stakeholders[0].id
    f.set_days(aid, kid, f.days[aid][kid] + 1)
    meter = f.meters()["days"]
    assert meter.over
    text = tr("en", "p_days", used=meter.used, cap=meter.capacity)
    assert "38 planned but only 37 available" in text


def test_previous_orders_are_scaled_to_whole_days_within_capacity():
    m, obs = _obs(40.0)
    f = OrdersForm(obs)
    f.spread_evenly()
    orders = f.to_orders()
    _, smaller = _obs(37.6)
    g = OrdersForm(smaller, orders)
    meter = g.meters()["days"]
    assert not meter.over and meter.used <= 37
    assert all(float(d).is_integer() for plan in g.days.values() for d in plan.values())
