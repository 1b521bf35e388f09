"""The class debrief: after the last quarter, every team side by side and beside the
scenario's reference strategies on the class's seed (the engine's own review), with the
biggest differences in decisions; in market mode the references are left out, and the
debrief says why. Trainer only."""
from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from class_helpers import joined, trainer
from classroom.app import create_app
from classroom.session import Classroom
from engine import Match, review

PLAN = {"rep_days": {"huaxin": {"gm": 10}}, "service": {"huaxin": 2}}


def play_to_the_end(client, room, h0):
    client.post("/api/team/submit", headers=h0, json={"orders": PLAN})  # repeated every quarter after
    for _ in range(room.scenario.turns):
        assert client.post("/api/trainer/resolve", headers=trainer(room)).status_code == 200


def test_the_debrief_waits_for_the_end_and_is_the_trainers(client, room):
    h0 = joined(client, room, 0, "Red")
    r = client.get("/api/trainer/debrief", headers=trainer(room))
    assert r.status_code == 409 and "after the last quarter" in r.json()["error"]
    play_to_the_end(client, room, h0)
    for headers in (h0, {"X-Trainer-Key": "guess"}, {}):
        assert client.get("/api/trainer/debrief", headers=headers).status_code == 403


def test_parallel_debrief_is_the_engines_review_of_each_teams_plans(client, room):
    h0 = joined(client, room, 0, "Red")
    play_to_the_end(client, room, h0)
    d = client.get("/api/trainer/debrief?lang=zh", headers=trainer(room)).json()["debrief"]
    board = {r["team"]: r["score"] for r in client.get("/api/trainer/status", headers=trainer(room)).json()["leaderboard"]}
    assert sorted(t["team"] for t in d["teams"]) == [0, 1, 2]
    assert all(t["score"] == board[t["team"]] for t in d["teams"])
    assert all(set(t["shares"]) == {a.id for a in room.scenario.accounts} for t in d["teams"])
    # Red's plans, played as one engine Match on the class's seed and reviewed by the engine
    m = Match(room.scenario, room.match.seed, lang="zh")
    m.reset()
    for _ in range(room.scenario.turns):
        m.step({room.scenario.player_id: PLAN})
    rv = review(m, "zh")
    red = next(t for t in d["teams"] if t["name"] == "Red")
    assert red["on_reference_dice"]["score"] == rv.you.score
    assert {r["id"]: r["score"] for r in d["references"]} == {x.id: x.score for x in rv.references}
    assert red["differences"] == {k: [x.text for x in v] for k, v in rv.differences.items()}
    assert d["compare_with"] == max(rv.references, key=lambda x: x.score).id
    # "better than" compares on the same dice, and the note says which dice
    same = all(abs(t["score"] - t["on_reference_dice"]["score"]) < 1e-6 for t in d["teams"])
    assert d["same_dice"] == same and ("参考策略的骰子" in d["note"]) != same
    mine = red["score"] if same else red["on_reference_dice"]["score"]
    assert red["better_than"] == [r["id"] for r in d["references"] if mine > r["score"]]


def test_a_bot_played_quarter_is_no_decision_of_the_team(tmp_path):
    room = Classroom.create(tmp_path / "b.db", "tutorial", teams=2, seed=1, missing="defender")
    for _ in range(room.scenario.turns):
        room.resolve()
    with TestClient(create_app(room), raise_server_exceptions=False) as c:
        d = c.get("/api/trainer/debrief", headers=trainer(room)).json()["debrief"]
    assert all("defender" in t["on_reference_dice"]["notes"][0] for t in d["teams"])
    room.store.close()


def test_a_chinese_class_debrief_names_the_bot_in_chinese(tmp_path):
    """The note on a bot-played quarter names the bot as the console does (its doctrine's
    label in the engine), not by its id, with the quarters listed the Chinese way."""
    room = Classroom.create(tmp_path / "b.db", "tutorial", teams=2, seed=1, missing="defender", lang="zh")
    for _ in range(room.scenario.turns):
        room.resolve()
    with TestClient(create_app(room), raise_server_exceptions=False) as c:
        d = c.get("/api/trainer/debrief?lang=zh", headers=trainer(room)).json()["debrief"]
    quarters = "、".join(str(q) for q in range(1, room.scenario.turns + 1))
    assert d["teams"][0]["on_reference_dice"]["notes"][0] == \
        f"第{quarters}季度由机器人“防守者（固守现有客户）”代为决策，在差异比较中按无决策处理"
    room.store.close()


def test_market_debrief_leaves_the_references_out_and_says_why(tmp_path):
    room = Classroom.create(tmp_path / "m.db", "market_share", teams=3, seed=2, mode="market", missing="nothing")
    for _ in range(room.scenario.turns):
        room.resolve()
    with TestClient(create_app(room), raise_server_exceptions=False) as c:
        d = c.get("/api/trainer/debrief", headers=trainer(room)).json()["debrief"]
    assert d["references"] == [] and "left out" in d["note"]
    assert [t["side"] for t in sorted(d["teams"], key=lambda t: t["team"])] == [t.side for t in room.teams]
    assert d["teams"][0]["score"] >= d["teams"][-1]["score"]
    room.store.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_debrief_words_exist_in_both_languages(lang):
    from classroom.debrief import WORDS
    assert set(WORDS[lang]) == set(WORDS["en"])


def test_parallel_teams_face_the_same_dice_as_one_match_on_the_seed():
    from engine import ParallelMatch
    pm, m = ParallelMatch("tutorial", 3, 3), Match("tutorial", 3)
    pm.reset()
    m.reset()
    while not m.done:
        pm.step([None] * 3)
        m.step(None)
    assert [round(float(x), 9) for x in pm.scores().total] == [round(float(m.scores().total[0]), 9)] * 3


def test_the_leaderboard_and_the_debrief_carry_the_score_the_team_page_shows(tmp_path):
    """Every page rounds a score to one decimal itself; a score already rounded to two on
    the server is rounded twice (53.2468 -> 53.25 -> '53.3'), so the leaderboard showed a
    team 53.3 while its own page said 53.2 (and a scorecard part 80.7% against 80.6%).
    The leaderboard and the class debrief send the team's score and parts as they are."""
    from classroom.views import leaderboard, team_view

    room = Classroom.create(tmp_path / "r.db", "market_share", teams=2, seed=2, mode="market", missing="nothing")
    for _ in range(room.scenario.turns):
        room.resolve()
    board = {r["team"]: r for r in leaderboard(room)}
    with TestClient(create_app(room), raise_server_exceptions=False) as c:
        d = {t["team"]: t for t in c.get("/api/trainer/debrief", headers=trainer(room)).json()["debrief"]["teams"]}
    for t in room.teams:
        obs = team_view(room, t, "en")["observation"]
        assert board[t.idx]["score"] == d[t.idx]["score"] == obs["score"]
        assert board[t.idx]["parts"] == d[t.idx]["parts"] == obs["scorecard"]
    room.store.close()
