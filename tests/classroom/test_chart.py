"""The market chart's data: the console sees every team's share (parallel) or every
supplier of the one market (market mode); a team sees only its own market. The last
point of a line is the share the engine's Observation gives."""
from __future__ import annotations

import pytest

from class_helpers import joined, trainer
from classroom.session import Classroom

PLAN = {"rep_days": {"huaxin": {"gm": 10}}, "service": {"huaxin": 2}}


def test_console_chart_has_one_line_per_team_ending_at_its_share(client, room):
    h = joined(client, room, 0, "Red")
    client.post("/api/team/submit", headers=h, json={"orders": PLAN})
    client.post("/api/trainer/resolve", headers=trainer(room))
    client.post("/api/trainer/resolve", headers=trainer(room))
    chart = client.get("/api/trainer/status?lang=zh", headers=trainer(room)).json()["chart"]
    assert chart["points"] == 3 and [x["name"] for x in chart["lines"]] == ["Red", "Team 2", "Team 3"]
    for g, line in enumerate(chart["lines"]):
        assert len(line["values"]) == 3
        assert line["values"][-1] == pytest.approx(room.match.observe(g).market_share, abs=1e-4)
    assert chart["lines"][0]["values"] != chart["lines"][1]["values"]  # Red's plan moved its share


def test_a_teams_chart_is_its_own_market_only(client, room):
    h = joined(client, room, 1)
    client.post("/api/team/submit", headers=h, json={"orders": PLAN})
    client.post("/api/trainer/resolve", headers=trainer(room))
    doc = client.get("/api/team?lang=zh", headers=h).json()
    chart, obs = doc["chart"], doc["observation"]
    sides = {s.id for s in room.scenario.sides}
    assert {x["id"] for x in chart["lines"]} <= sides  # suppliers of its own game, no other team
    own = [x for x in chart["lines"] if x["own"]]
    assert len(own) == 1 and own[0]["id"] == obs["side"]
    assert own[0]["values"][-1] == pytest.approx(obs["market_share"], abs=1e-4)
    rivals = {r["name"]: r["market_share"] for r in obs["rivals"] if r["active"]}
    for line in chart["lines"]:
        if not line["own"]:
            assert line["values"][-1] == pytest.approx(rivals[line["name"]], abs=1e-4)


def test_market_mode_chart_is_every_supplier_of_the_one_market(tmp_path):
    room = Classroom.create(tmp_path / "m.db", "market_share", teams=2, seed=3, mode="market")
    room.resolve()
    from classroom.chart import console_chart, team_chart
    console, team1 = console_chart(room, "en"), team_chart(room, 1, "en")
    names = {x["id"]: x for x in console["lines"]}
    assert set(names) == {s.id for s in room.scenario.sides}
    assert [names[t.side]["team"] for t in room.teams] == [t.name for t in room.teams]
    assert not any(x["own"] for x in console["lines"])  # the console is nobody's side
    assert [x["id"] for x in team1["lines"] if x["own"]] == [room.teams[1].side]
    assert {x["id"]: x["values"] for x in team1["lines"]} == {x["id"]: x["values"] for x in console["lines"]}
    room.store.close()
