"""What a team is told when the class refuses what it asked (time is up, the class is
paused, the game is over, nothing to withdraw, too many join tries) is in the language of
its page, as everything else the page shows; without one, in English as before."""
from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from class_helpers import joined, trainer
from classroom.app import create_app

PLAN = {"rep_days": {"huaxin": {"gm": 10}}}


@pytest.mark.parametrize("lang, late, paused, nothing, over", [
    ("zh", "本季度的提交时间已到，请联系培训师", "课堂已暂停：培训师恢复后才能提交（草稿仍会在输入时自动保存）",
     "没有可撤回的已提交计划", "游戏已结束"),
    (None, "the deadline for this quarter has passed; ask the trainer",
     "the class is paused: the trainer will resume it (your draft is still saved as you type)",
     "nothing submitted to withdraw", "the game is over"),
])
def test_a_team_is_refused_in_its_page_language(client, room, lang, late, paused, nothing, over):
    h = joined(client, room, 0)
    say = {"lang": lang} if lang else {}
    submit = lambda: client.post("/api/team/submit", headers=h, json={"orders": PLAN, **say})  # noqa: E731
    withdraw = lambda: client.post("/api/team/withdraw", headers=h, json=say)  # noqa: E731

    assert withdraw().json()["error"] == nothing
    client.post("/api/trainer/timer", headers=trainer(room), json={"minutes": 1})
    room.deadline = room.clock() - 1
    r = submit()
    assert r.status_code == 409 and r.json()["error"] == late
    client.post("/api/trainer/timer", headers=trainer(room), json={"minutes": 10})
    client.post("/api/trainer/pause", headers=trainer(room))
    r = submit()
    assert r.status_code == 409 and r.json()["error"] == paused
    client.post("/api/trainer/resume", headers=trainer(room))
    for _ in range(room.scenario.turns):
        client.post("/api/trainer/resolve", headers=trainer(room))
    r = submit()
    assert r.status_code == 409 and r.json()["error"] == over
    r = client.put("/api/team/draft", headers=h, json={"orders": PLAN, **say})
    assert r.status_code == 409 and r.json()["error"] == over


def test_too_many_join_tries_in_the_page_language(room):
    with TestClient(create_app(room, join_tries=1), raise_server_exceptions=False) as c:
        c.post("/api/join?lang=zh", json={"code": "NOPE"})
        assert c.post("/api/join?lang=zh", json={"code": "NOPE"}).json()["error"] == "尝试次数过多：请等一分钟再输入加入码"
        assert "wait a minute" in c.post("/api/join", json={"code": "NOPE"}).json()["error"]
