"""Market mode: teams are rival suppliers in ONE shared market (one game, G = 1).

What must hold: team i plays the scenario's i-th side (the player's first); each team
sees only its own side's Observation; a team submits only for its own side; a
resolution advances the one market with every team's orders; the leaderboard has a row
per team with its side's score; a rollback rewinds the whole market by one quarter; a
restarted class replays to the very same hashes.
"""
from __future__ import annotations

import csv
import io

import pytest
from starlette.testclient import TestClient

from class_helpers import joined, trainer
from classroom.app import create_app
from classroom.market import MarketMatch, market_sides
from classroom.session import Classroom
from engine import Match, load_scenario, score

SC = load_scenario("market_share")
A = "northsteel"
PLAN_0 = {"rep_days": {A: {"gm": 12}}, "service": {A: 2}}
PLAN_1 = {"rep_days": {A: {"buyer": 10}}, "price_cut": {A: 0.05}}


@pytest.fixture
def market(tmp_path):
    r = Classroom.create(tmp_path / "market.db", "market_share", teams=2, seed=7, missing="nothing", mode="market")
    yield r
    r.store.close()


@pytest.fixture
def mclient(market):
    with TestClient(create_app(market), raise_server_exceptions=False) as c:
        yield c


def test_teams_take_the_scenarios_sides_in_order_player_first(market):
    assert market_sides(SC)[0] == SC.player_id == "hengtai"
    assert [t.side for t in market.teams] == ["hengtai", "kessler"]
    assert market.match.teams == 2 and market.match.match.batch.G == 1
    # the sides no team took keep their doctrines; the taken ones are people's
    ctl = market.match.match.batch.controllers
    assert [c.policy is None for c in ctl] == [True, True, False, False]


def test_each_team_sees_only_its_own_side(mclient, market):
    h0, h1 = joined(mclient, market, 0), joined(mclient, market, 1)
    d0, d1 = mclient.get("/api/team", headers=h0).json(), mclient.get("/api/team?lang=zh", headers=h1).json()
    assert d0["observation"]["side"] == "hengtai" and d0["side"] == "hengtai" and d0["mode"] == "market"
    assert d1["observation"]["side"] == "kessler" and d1["side"] == "kessler" and d1["lang"] == "zh"
    # the very Observation the engine gives that side (fog of war by construction)
    assert d1["observation"]["cash"] == market.match.observe(1).cash
    assert d0["observation"]["cash"] == market.match.observe(0).cash
    assert market.teams[0].code not in str(d1) and market.teams[0].token not in str(d1)


def test_a_team_submits_only_for_its_own_side(mclient, market):
    h0, h1 = joined(mclient, market, 0), joined(mclient, market, 1)
    # orders carry no side: a mapping of sides to orders is not orders at all
    r = mclient.post("/api/team/submit", headers=h1, json={"orders": {"hengtai": PLAN_0}})
    assert r.status_code == 422
    # naming another team or side in the body changes nothing: the token decides
    r = mclient.post("/api/team/submit", headers=h1, json={"orders": PLAN_1, "team": 0, "side": "hengtai"})
    assert r.status_code == 200
    assert market.teams[1].submitted and market.teams[0].submitted is None
    # orders are checked against the team's own side's means
    r = mclient.post("/api/team/check", headers=h0, json={"orders": {"rep_days": {A: {"gm": 900}}}})
    assert r.json()["problems"] and r.json()["problems"][0]["code"] == "over_capacity"
    assert mclient.post("/api/team/submit", headers=h0, json={"orders": PLAN_0}).status_code == 200
    mclient.post("/api/trainer/resolve", headers=trainer(market))
    log = market.match.match.orders_log[0]
    assert log["hengtai"] == PLAN_0 | {"rep_days": {A: {"gm": 12.0}}} and log["kessler"]["price_cut"] == {A: 0.05}


def test_resolve_advances_the_one_market_and_the_leaderboard_has_every_side(mclient, market):
    h0, h1 = joined(mclient, market, 0), joined(mclient, market, 1)
    mclient.post("/api/team/submit", headers=h0, json={"orders": PLAN_0})
    mclient.post("/api/team/submit", headers=h1, json={"orders": PLAN_1})
    st = mclient.post("/api/trainer/resolve", headers=trainer(market)).json()
    assert st["quarter"] == 2 and st["mode"] == "market" and "whole market" in st["rollback"]
    # the same as one engine.Match with both sides played by people
    m = Match(SC, 7, controllers={"hengtai": "human", "kessler": "human"})
    m.reset()
    m.step({"hengtai": PLAN_0, "kessler": PLAN_1})
    assert market.match.state_hash() == m.state_hash()
    board = mclient.get("/api/team/leaderboard", headers=h0).json()["leaderboard"]
    assert sorted(r["side"] for r in board) == ["hengtai", "kessler"]
    for r in board:
        s = market.match.world.side(r["side"])
        assert r["score"] == float(score(market.match.world, market.match.state, s).total[0])
    # each team reads its own side's report
    r0 = mclient.get("/api/team/report", headers=h0).json()["report"]
    r1 = mclient.get("/api/team/report", headers=h1).json()["report"]
    assert r0 != r1 and r0["turn"] == r1["turn"] == 1
    scores = list(csv.DictReader(io.StringIO(
        mclient.get("/api/trainer/export/scores.csv", headers=trainer(market)).content.decode("utf-8-sig"))))
    assert [r["side"] for r in scores] == ["hengtai", "kessler"]
    dec = mclient.get("/api/trainer/export/decisions.csv", headers=trainer(market)).text
    assert dec.count("submitted") == 2


def test_rollback_rewinds_the_whole_market_by_one_quarter(mclient, market):
    h0 = joined(mclient, market, 0)
    mclient.post("/api/team/submit", headers=h0, json={"orders": PLAN_0})
    mclient.post("/api/trainer/resolve", headers=trainer(market))
    after_one = market.match.state_hash()
    mclient.post("/api/trainer/resolve", headers=trainer(market))
    assert market.quarter == 3 and market.match.state_hash() != after_one
    r = mclient.post("/api/trainer/rollback", headers=trainer(market), json={"team": 1, "quarter": 1})
    assert r.status_code == 422 and "whole market" in r.json()["error"]
    st = mclient.post("/api/trainer/rollback", headers=trainer(market), json={"team": 1}).json()
    assert st["quarter"] == 2 and market.match.state_hash() == after_one and len(market.sources) == 1


def test_resume_after_restart_matches_hashes(tmp_path):
    db = tmp_path / "m.db"
    room = Classroom.create(db, "market_share", teams=3, seed=2, missing="repeat", mode="market")
    room.join(room.teams[0].code)
    room.submit(room.teams[0], PLAN_0)
    room.submit(room.teams[1], PLAN_1)
    room.resolve()
    room.resolve()                      # plans repeat
    room.rollback(None)                 # the whole market back to quarter 2
    room.submit(room.teams[2], {"training": 0.2})
    room.resolve()
    room.save_draft(room.teams[1], {"hire": 1})
    live = room.match.state_hash()
    room.store.close()
    again = Classroom.resume(db)        # verifies every stored hash on the way
    assert again.mode == "market" and again.quarter == 3 and again.match.state_hash() == live
    assert again.teams[1].draft == {"hire": 1} and [t.side for t in again.teams] == ["hengtai", "kessler", "ruifeng"]
    clean = MarketMatch(SC, 2, 3)
    clean.reset()
    clean.step([PLAN_0, PLAN_1, None])
    clean.step([PLAN_0, PLAN_1, {"training": 0.2}])
    assert clean.state_hash() == live
    again.store.close()


def test_market_mode_refuses_more_teams_than_sides(tmp_path):
    with pytest.raises(ValueError, match="at most 2 teams"):
        Classroom.create(tmp_path / "x.db", "tutorial", teams=3, mode="market")
    with pytest.raises(ValueError, match="parallel or market"):
        Classroom.create(tmp_path / "y.db", "tutorial", teams=1, mode="bogus")


def test_match_keeps_a_report_and_debrief_per_side():
    m = Match(SC, 1, controllers={"kessler": "human"})
    m.reset()
    m.step({"hengtai": PLAN_0, "kessler": PLAN_1})
    assert m.reports[-1] == m.report("hengtai", lang="en")
    assert m.report("kessler").side == "kessler" and m.report("kessler", 1, "zh").turn == 1
    assert m.debrief("kessler", "zh").history["turns"] == [0, 1]
    assert m.debrief().score == m.debrief("hengtai", "en").score


def test_each_team_is_judged_on_its_own_sides_objectives_and_lessons():
    """The objectives say "you": in a market a rival team's objectives, stars and lessons
    measure its own side, not the player's. North Steel starts at 30% for Hengtai and
    Kessler and 15% for Ruifeng, so "end with at least 30% of North Steel" holds for the
    first two teams and not for Ruifeng's; a condition naming a side keeps that side."""
    m = MarketMatch(SC, 7, 3)
    m.reset()
    grow = [o.id for o in SC.objectives].index("grow_share")
    assert [bool(x) for x in m.scores().objectives[:, grow]] == [True, True, False]
    ruifeng = m.match.debrief("ruifeng", "en")
    assert dict((i, met) for i, _, met in ruifeng.objectives)["grow_share"] is False
    # a lesson about our share at North Steel (at most some threshold) reads Ruifeng's share
    lesson = next(le for le in SC.lessons if any(c.metric == "share" and c.side is None for c in le.when))
    ruifeng_score = score(m.world, m.state, m.world.side("ruifeng"))
    from engine.rules.conditions import all_hold
    pinned = [c.model_copy(update={"side": "ruifeng"}) if c.side is None else c for c in lesson.when]
    expected = bool(all_hold(m.world, m.state, pinned)[0])
    assert bool(ruifeng_score.lessons[0, [le.id for le in SC.lessons].index(lesson.id)]) is expected
    # the player's own judgement is unchanged
    assert (score(m.world, m.state).objectives == m.scores().objectives[0]).all()
