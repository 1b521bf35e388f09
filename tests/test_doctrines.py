"""Rival doctrines: each behaves as its docstring says, and every doctrine plays every
case scenario to the end, in the trainee's seat and in the rivals' seats.

Behaviour tests use small inline markets (support.build_scenario) so that each shows one
thing: a doctrine's decision is read straight from the orders it writes.
"""
from __future__ import annotations

import copy

import numpy as np
import pytest

from engine import DOCTRINES, load_scenario
from engine.doctrines import Decision, resolve_params
from engine.doctrines.base import DOCTRINE_UNIFORMS
from engine.doctrines.plan import best_split, room_to_move
from engine.observe import side_view
from engine.orders import OrderArrays

from support import build_scenario, new_batch, play_to_end

CASES = ("blitz", "flank_attack", "internal_collapse", "decisive_battle")
G = 4


def person(pid, level, influence=1.0, **stance):
    return {"id": pid, "level": level, "influence": influence, "stance": stance,
            **({"role": "economic_buyer"} if level == "decision" else {})}


def market(rival: str, rival_params: dict | None = None, **rival_side) -> dict:
    """Three accounts: a big defended 'hill', a mid-size 'niche' that wants service and
    customisation, and a small 'corner'. 'us' leads the market; 'them' runs `rival`."""
    return {
        "schema": 1, "id": "doctrine_test", "title": "Doctrine test", "turns": 6,
        "sides": [
            {"id": "us", "name": "Us", "cash": 20.0, "reps": [{"id": "ann"}, {"id": "bob"}, {"id": "cy"}],
             "service_capacity": 10, "quality": 0.9, "service_speed": 0.2, "price_index": 1.1},
            {"id": "them", "name": "Them", "cash": 20.0, "reps": 3, "service_capacity": 10,
             "quality": 0.6, "service_speed": 0.9, "price_index": 0.9,
             "doctrine": {"name": rival, "params": rival_params or {}}, **rival_side},
        ],
        "accounts": [
            {"id": "hill", "name": "Hill", "tier": "A", "demand": 8.0, "switching_cost": 0.8,
             "needs": {"price": 0.4, "quality": 2.0, "service": 0.4, "customisation": 0.2, "relationship": 1.2},
             "shares": {"us": 0.85, "them": 0.05}, "owner": {"us": "ann"},
             "stakeholders": [person("gm", "decision", 3, us=2.5), person("buyer", "management", 2, us=2),
                              person("user", "operational", 1, us=2)]},
            {"id": "niche", "name": "Niche", "tier": "B", "demand": 4.0, "switching_cost": 0.3,
             "needs": {"price": 0.8, "quality": 0.6, "service": 1.6, "customisation": 1.4, "relationship": 0.4},
             "shares": {"us": 0.5, "them": 0.05}, "owner": {"us": "bob"},
             "stakeholders": [person("gm", "decision", 2, us=1), person("lead", "management", 2, us=0.5),
                              person("foreman", "operational", 1, us=0.5)]},
            {"id": "corner", "name": "Corner", "tier": "C", "demand": 1.0, "switching_cost": 0.3,
             "shares": {"us": 0.4, "them": 0.2}, "owner": {"us": "cy"},
             "stakeholders": [person("owner", "decision", 3, us=1, them=1), person("clerk", "operational", 1)]},
        ],
    }


def decision(data: dict, side: str = "them", doctrine: str | None = None, **params) -> Decision:
    """What `doctrine` (default: the side's own) is given to decide `side`'s first turn."""
    sc = build_scenario(data)
    b = new_batch(sc, range(G))
    b.reset()
    w = b.world
    s = w.side(side)
    own = sc.sides[s].doctrine
    name = doctrine or own.name
    given = {**(own.params if own is not None and own.name == name else {}), **params}
    d = Decision(w, side_view(w, b.state, s), resolve_params(DOCTRINES[name], given),
                 np.full((G, DOCTRINE_UNIFORMS), 0.5), OrderArrays.empty(G, w.S, w.A, w.K))
    d.doctrine = name
    return d


def decide(d: Decision) -> OrderArrays:
    DOCTRINES[d.doctrine].decide(d)
    return d.out


def days_share(o: OrderArrays, s: int) -> np.ndarray:
    """Each account's share of a side's rep days [G,A]."""
    days = o.days[:, s].sum(-1)
    return days / np.maximum(days.sum(-1, keepdims=True), 1e-9)


# --------------------------------------------------------------------------- defender


def lose_at(d: Decision, a: int, points: float) -> Decision:
    """The defender's view after it lost `points` of share at account a in the last turn."""
    d = copy.deepcopy(d)
    d.view.share_prev = d.view.share.copy()
    d.view.share = d.view.share.copy()
    d.view.share[:, 0, a] -= points
    return d


def test_defender_answers_a_share_loss_with_price_and_effort_where_it_was_hit():
    d = decision(market("balanced"), side="us", doctrine="defender", answer=10.0)
    a = d.world.account("niche")
    calm = decide(copy.deepcopy(d))
    assert np.all(calm.cut[:, 0] == 0), "no loss, no price cut"
    hit = decide(lose_at(d, a, 0.1))  # it just lost 10 points at the niche: that hurts
    assert np.all(hit.cut[:, 0, a] > 0.05)
    assert np.all(np.delete(hit.cut[:, 0], a, axis=-1) == 0)
    assert np.all(days_share(hit, 0)[:, a] > days_share(calm, 0)[:, a] + 0.05)


def test_defender_moves_no_effort_to_a_flank_until_it_hurts():
    """Seed 000: the giants did not answer the bus makers until the loss showed. Below
    `hurts` (share lost since the start) effort follows the business still held."""
    d = decision(market("balanced"), side="us", doctrine="defender", hurts=0.05, answer=10.0)
    a = d.world.account("niche")
    calm = days_share(decide(copy.deepcopy(d)), 0)[:, a]
    nibbled = days_share(decide(lose_at(d, a, 0.04)), 0)[:, a]
    hurt = days_share(decide(lose_at(d, a, 0.08)), 0)[:, a]
    assert np.all(nibbled <= calm + 1e-9), "a loss below the threshold draws no extra effort"
    assert np.all(hurt > calm + 0.03), "once it hurts, effort moves there"


def test_defender_guards_what_it_holds():
    d = decision(market("balanced"), side="us", doctrine="defender")
    share = days_share(decide(d), 0)
    assert np.all(share[:, d.world.account("hill")] > share[:, d.world.account("corner")])


# --------------------------------------------------------------------------- flanker


def test_flanker_attacks_the_poorly_served_niche_not_the_defended_hill():
    d = decision(market("flanker", {"focus": 1}))
    w = d.world
    o = decide(d)
    s, niche, hill = 1, w.account("niche"), w.account("hill")
    share = days_share(o, s)
    assert np.all(share[:, niche] > 0.8)
    assert np.all(o.cut[:, s, niche] > 0) and np.all(o.cut[:, s, hill] == 0)
    assert np.all(o.service[:, s, niche] > o.service[:, s, hill])


# --------------------------------------------------------------------------- blitzer


def blitz_market() -> dict:
    data = market("blitzer", {"window": 2, "flood": 0.85})
    data["events"] = [{
        "id": "new_boss", "title": "Corner has a new owner", "when": {"turn": 2},
        "effects": [{"kind": "personnel_change", "account": "corner", "stakeholder": "owner",
                     "stance": {"them": 1.5}}],
    }]
    return data


def test_blitzer_floods_the_new_decision_maker_within_one_turn():
    sc = build_scenario(blitz_market())
    b = new_batch(sc, range(G))
    b.reset()
    w = b.world
    s, a = w.side("them"), w.account("corner")
    orders = [b.step({}).orders for _ in range(4)]  # turns 1..4; the owner changes in turn 2
    before, after = orders[1], orders[2]  # decided before turn 2 resolved / the turn after
    assert np.all(days_share(before, s)[:, a] < 0.4)
    assert np.all(days_share(after, s)[:, a] > 0.8)
    owner, clerk = w.stakeholder(a, "owner"), w.stakeholder(a, "clerk")
    person = after.days[:, s, a] / after.days[:, s, a].sum(-1, keepdims=True)
    assert np.all(person[:, owner] > 0.9), "the flood goes to the newcomer"
    assert np.all(person[:, clerk] < 0.1)
    visits = after.exec[:, s]
    assert np.all(visits[:, a, owner] == w.side_exec_visits[s]), "every executive visit to the newcomer"
    assert np.all(after.cut[:, s, a] > 0) and np.all(before.cut[:, s, a] == 0)


def test_blitzer_stops_after_its_window():
    sc = build_scenario(blitz_market())
    b = new_batch(sc, range(G))
    b.reset()
    w = b.world
    orders = [b.step({}).orders for _ in range(6)]
    s, a = w.side("them"), w.account("corner")
    assert np.all(days_share(orders[5], s)[:, a] < 0.4), "window of 2 turns is over by turn 6"


# --------------------------------------------------------------------------- frontal


def test_frontal_attacker_hits_the_leaders_largest_account_with_price():
    d = decision(market("frontal", {"focus": 1, "price_cut": 0.15, "hold": 0.2}))
    o = decide(d)
    hill = d.world.account("hill")
    assert np.all(o.cut[:, 1, hill] == pytest.approx(0.15))
    assert np.all(np.delete(o.cut[:, 1], hill, axis=-1) == 0)
    assert np.all(days_share(o, 1)[:, hill] > 0.75)
    gm = d.world.stakeholder(hill, "gm")
    assert np.all(o.exec[:, 1, hill, gm] > 0), "executives visit the hill's decision maker"
    assert np.all(o.exec[:, 1, hill].sum(-1) == o.exec[:, 1, hill, gm])


# --------------------------------------------------------------------------- concentrator


def alliance_market(cash: float) -> dict:
    data = market("concentrator", {"commit": 0.8}, cash=cash)
    niche = data["accounts"][1]
    niche["alliance"] = {"open": True, "cost": 5.0, "min_chair_stance": 2.0}
    niche["shares"] = {"us": 0.3, "them": 0.4}
    niche["stakeholders"][0]["stance"] = {"us": 1, "them": 2.5}
    return data


def test_concentrator_commits_to_one_account_and_proposes_a_joint_venture():
    d = decision(alliance_market(cash=20.0))
    o = decide(d)
    a = d.world.account("niche")
    assert np.all(days_share(o, 1)[:, a] >= 0.79)
    assert np.all(o.exec[:, 1, a].sum(-1) == d.world.side_exec_visits[1])
    assert np.all(o.alliance[:, 1] == a)


def test_concentrator_saves_for_the_stake_it_cannot_yet_pay():
    d = decision(alliance_market(cash=4.0))
    o = decide(d)
    assert np.all(o.alliance[:, 1] == -1), "cannot pay 5.0 with 4.0"
    assert np.all(o.solution[:, 1].sum(-1) == 0), "everything is kept for the stake"


# --------------------------------------------------------------------------- poacher


def spin_off_market() -> dict:
    data = market("balanced")
    data["sides"][0]["reps"] = [{"id": "ann"}, {"id": "star", "skill": 0.9}, {"id": "cy"}]
    data["accounts"][1]["owner"] = {"us": "star"}
    data["accounts"][1]["stakeholders"] = [person("gm", "decision", 2, us=2.5), person("lead", "management", 2, us=2.5),
                                           person("foreman", "operational", 1, us=2)]
    for k in data["accounts"][1]["stakeholders"]:
        k["personal"] = {"us": 0.9}
    data["sides"].append({"id": "spin", "name": "Spin-off", "active": False, "reps": 2, "cash": 2.0,
                          "doctrine": {"name": "poacher", "params": {"undercut": 0.12}}})
    data["events"] = [{"id": "star_quits", "title": "Star quits", "when": {"turn": 1},
                       "effects": [{"kind": "rep_resignation", "side": "us", "rep": "star", "spin_off": "spin"}]}]
    return data


def test_poacher_works_its_founders_accounts_and_undercuts_there():
    sc = build_scenario(spin_off_market())
    b = new_batch(sc, range(G))
    b.reset()
    w = b.world
    s, niche = w.side("spin"), w.account("niche")
    b.step({})
    assert b.state.active[:, s].all(), "the star founded the spin-off"
    o = b.step({}).orders
    assert np.all(days_share(o, s)[:, niche] > 0.9)
    assert np.all(o.cut[:, s, niche] == pytest.approx(0.12))
    assert np.all(np.delete(o.cut[:, s], niche, axis=-1) == 0)


# --------------------------------------------------------------------------- every doctrine, every case


def _play(sc, controllers) -> None:
    st = play_to_end(sc, range(3), controllers).state
    assert np.all(st.share >= -1e-9) and np.all(st.share.sum(1) <= 1 + 1e-9)


@pytest.mark.parametrize("doctrine", sorted(DOCTRINES))
@pytest.mark.parametrize("case", CASES)
def test_every_doctrine_plays_every_case_in_the_trainees_seat(case, doctrine):
    sc = load_scenario(case)
    _play(sc, {sc.player_id: doctrine})


@pytest.mark.parametrize("doctrine", sorted(DOCTRINES))
@pytest.mark.parametrize("case", CASES)
def test_every_doctrine_plays_every_case_in_the_rivals_seats(case, doctrine):
    sc = load_scenario(case)
    _play(sc, {side.id: doctrine for side in sc.sides if side.id != sc.player_id})


@pytest.mark.parametrize("case", CASES)
def test_case_rivals_use_doctrines_with_parameters_from_the_file(case):
    sc = load_scenario(case)
    rivals = [s for s in sc.sides if s.id != sc.player_id]
    assert rivals and all(s.doctrine is not None and s.doctrine.name in DOCTRINES for s in rivals)
    for s in rivals:
        unknown = set(s.doctrine.params) - set(DOCTRINES[s.doctrine.name].params)
        assert not unknown, f"{case}: {s.id} sets unknown {s.doctrine.name} parameters {unknown}"


def test_every_doctrine_documents_how_it_thinks_and_its_parameters():
    import importlib

    for name, doc in DOCTRINES.items():
        module = importlib.import_module(type(doc).__module__)
        assert module.__doc__ and len(module.__doc__.split()) >= 20, f"{name}: say how it thinks"
        assert doc.summary
        assert set(doc.label) == {"en", "zh"} and all(doc.label.values()), f"{name}: a name for players in both languages"
        for key, (default, meaning) in doc.params.items():
            assert isinstance(default, float | int) and meaning, f"{name}.{key} needs a default and a meaning"


# --------------------------------------------------------------------------- plans, adaptive or blind


def hidden_power_market() -> dict:
    """The niche's quiet planner looks minor on the org chart (0.5) but really decides (4):
    a plan written 'by level' courts whoever the side knows to be powerful."""
    data = market("balanced")
    niche = data["accounts"][1]
    niche["stakeholders"].append({**person("planner", "management", 4.0), "apparent_influence": 0.5})
    data["strategies"] = [{"id": "court", "name": "Court management",
                           "phases": [{"from_turn": 1, "orders": {"rep_time": {"niche": {"management": 0.6}}}}]}]
    return data


def days_on_planner(controller: str) -> np.ndarray:
    sc = build_scenario(hidden_power_market())
    b = new_batch(sc, range(G), {"us": controller})
    b.reset()
    w = b.world
    a, k = w.account("niche"), w.stakeholder_ids[w.account("niche")].index("planner")
    for _ in range(4):  # contact with both managers soon shows who really decides
        b.step({})
    return b.state.last_days[:, w.side("us"), a, k] / b.state.last_days[:, w.side("us"), a].sum(-1)


def test_a_plan_aims_by_what_it_learns_and_played_blind_by_the_org_chart():
    adaptive, blind = days_on_planner("strategy:court"), days_on_planner("strategy:court:blind")
    assert (blind < 0.35).all(), "blind: the org chart's split (lead 2 : planner 0.5) leaves the planner little"
    assert (adaptive > 0.6).all(), "adaptive: once contact shows the planner decides (4 : 2), most days go to him"


def test_a_level_split_gains_the_most_and_skips_who_is_not_worth_a_first_day():
    """best_split: d_k = sqrt(v_k) x c - half over the people left, c fixed by the days."""
    shares = best_split(np.array([[4.0, 1.0]]), np.array([16.0]), 8.0)
    assert np.allclose(shares, [[40 / 48, 8 / 48]])  # c = 32/3: 13.3 and 2.7 days
    assert np.allclose(best_split(np.array([[9.0, 0.25]]), np.array([4.0]), 8.0), [[1.0, 0.0]])
    assert np.allclose(best_split(np.zeros((1, 2)), np.array([4.0]), 8.0), 0.0)  # nobody at the level


def test_room_to_move_counts_the_way_to_coach_and_a_rivals_hold_only_where_seen():
    stance = np.array([[0.0, 2.5, 0.0]])
    rivals = np.array([[[3.0, np.nan], [np.nan, np.nan], [np.nan, np.nan]]])  # the first is a rival's coach
    resistance = np.full(3, 0.5)
    assert np.allclose(room_to_move(resistance, stance, None), [[3.0, 0.5, 3.0]])
    assert np.allclose(room_to_move(resistance, stance, rivals), [[1.5, 0.5, 3.0]])
