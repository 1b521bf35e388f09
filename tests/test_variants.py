"""Seeded variants (engine/variants.py): ranges an author leaves uncertain are drawn per
game from their own stream, the same seed gives the same draws, and information (contact,
a coach) is how a side learns them."""
from __future__ import annotations

import copy

import numpy as np
import pytest

from engine import Batch, Match, Orders, load_scenario, variants
from engine.rng import Streams
from engine.world import compile_world
from kaw import fidelity
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


BATTLES = ("blitz", "decisive_battle", "flank_attack", "internal_collapse")


@pytest.mark.parametrize("case", BATTLES)
def test_every_battle_rewards_a_plan_that_uses_what_it_learns_at_unseen_seeds(case):
    """Issue #10: each case draws who really decides (influence_range) and declares that
    its remedy, using what a coach or contact shows, beats the same plan played on the
    org chart. Game by game (same seed, same draws) the adaptive plan gains in the
    median game 0.04 (internal collapse) to 0.3 (flank) score points, with a 10th
    percentile above 0.01, and falls behind its blind twin in at most 3% of games (1,000
    games, seed 7); the mean gain is larger (0.15-1.3) but rides on rare big games, too
    few to count on in 80. Played blind with nothing to learn, both would be equal."""
    sc = load_scenario(case)
    people, _ = variants.specs(compile_world(sc))
    assert people, "the case leaves who holds power uncertain"
    ex = next(e for e in sc.expectations if e.versus == f"{e.plan}:blind")
    runs = fidelity.Runs(compile_world(sc), 80, 2718)
    adaptive = runs[fidelity.controller(runs.world, ex.plan)].scores.total
    blind = runs[fidelity.controller(runs.world, ex.versus)].scores.total
    gain = adaptive - blind
    assert np.median(gain) > 0.02
    assert np.mean(gain < -0.01) <= 0.1
