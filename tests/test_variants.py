"""Seeded variants (engine/variants.py): ranges an author leaves uncertain are drawn per
game from their own stream, the same seed gives the same draws, and information (contact,
a coach) is how a side learns them."""
from __future__ import annotations

import copy

import numpy as np
import pytest

from engine import Batch, Match, Orders
from engine.rng import Streams
from tests.support import SMALL, build_scenario


def with_variants(power=(1.0, 3.0), tender=(2, 4)) -> dict:
    d = copy.deepcopy(SMALL)
    head = d["accounts"][0]["stakeholders"][1]
    head["influence"] = 1.0
    head["influence_range"] = list(power)
    d["events"] = [{"id": "tender", "title": "Acme tenders", "when": {"turn_range": list(tender)},
                    "effects": [{"kind": "tender", "account": "acme", "portion": 0.5}]}]
    return d


def test_each_game_draws_its_own_world_within_the_ranges_and_the_seed_fixes_them():
    sc = build_scenario(with_variants())
    a = Batch(sc, 7, 400)
    a.reset()
    b = Batch(sc, 7, 400)
    b.reset()
    power = a.state.influence[:, 0, 1]
    assert power.min() >= 1.0 and power.max() <= 3.0 and power.std() > 0.3
    assert np.array_equal(power, b.state.influence[:, 0, 1])
    turns = a.state.event_turn[:, 0]
    assert set(np.unique(turns)) == {2, 3, 4}
    assert np.array_equal(turns, b.state.event_turn[:, 0])
    other = Batch(sc, 8, 400)
    other.reset()
    assert not np.array_equal(power, other.state.influence[:, 0, 1])


def test_the_event_fires_at_the_drawn_turn_in_each_game():
    b = Batch(build_scenario(with_variants()), 3, 60)
    b.reset()
    drawn = b.state.event_turn[:, 0].copy()
    for _ in range(5):
        b.step()
    assert np.array_equal(b.state.fired_turn[:, 0], drawn)


def test_the_org_chart_hides_the_draw_until_contact_shows_it():
    m = Match(build_scenario(with_variants(power=(2.5, 3.0))), 5)
    obs = m.reset()
    head = next(p for p in obs.account("acme").stakeholders if p.id == "head")
    assert head.influence == 1.0 and not head.influence_known
    m.step(Orders(rep_days={"acme": {"head": 12}}))
    head = next(p for p in m.observe().account("acme").stakeholders if p.id == "head")
    assert head.influence_known and 2.5 <= head.influence <= 3.0


def test_variants_draw_from_their_own_stream():
    """Adding a variant to a scenario changes no world or side draw."""
    s = Streams(11, 5, 2)
    world, side = s.world(4).copy(), s.side(1, 4).copy()
    s.variants(3)
    fresh = Streams(11, 5, 2)
    assert np.array_equal(fresh.world(4), world) and np.array_equal(fresh.side(1, 4), side)


@pytest.mark.parametrize("bad", [{"turn": 3, "turn_range": [2, 4]}, {"turn_range": [5, 2]}])
def test_a_turn_is_fixed_or_a_range_not_both_and_in_order(bad):
    d = copy.deepcopy(SMALL)
    d["events"] = [{"id": "x", "title": "x", "when": bad, "effects": [{"kind": "news"}]}]
    with pytest.raises(Exception):
        build_scenario(d)
