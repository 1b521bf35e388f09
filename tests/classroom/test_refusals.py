"""What a team is told when the class refuses what it asked (time is up, the class is
paused, the game is over, nothing to withdraw, too many join tries) is in the language of
its page, as everything else the page shows; so is what the trainer's console is told when
the class refuses the trainer's own actions. Without a language, in English as before."""
from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from class_helpers import joined, trainer
from classroom.app import create_app

PLAN = {"rep_days": {"huaxin": {"gm": 10}}}


@pytest.mark.parametrize("lang, late, paused, nothing, over", [
    ("zh", "本季度的提交时间已到，请联系讲师", "课堂已暂停：讲师恢复后才能提交（草稿仍会在输入时自动保存）",
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
        assert c.post("/api/join?lang=zh", json={"code": "NOPE"}).json()["error"] == "尝试次数过多：请等一分钟再输入小组代码"
        assert "wait a minute" in c.post("/api/join", json={"code": "NOPE"}).json()["error"]


# ------------------------------------------------------------------------------ the trainer's console
TRAINER_REFUSALS = {
    "zh": {"paused_timer": "课堂已暂停：请先点击“继续”", "minutes": "分钟数必须是大于0、不超过240的数",
           "already_paused": "课堂已经暂停", "not_paused": "课堂没有暂停",
           "paused_resolve": "课堂已暂停：请先点击“继续”，再结算本季度", "none_resolved": "还没有结算过任何季度",
           "quarter_range": "季度必须在第1至第1季度之间", "no_team": "没有这个小组",
           "debrief_early": "最后一个季度结算后才有课堂复盘（正在规划第2季度，共6季度）",
           "trainer_only": "仅限讲师（控制台链接中的密钥缺失或有误）", "over": "游戏已结束"},
    None: {"paused_timer": "the class is paused: resume it first", "minutes": "minutes must be a number between 0 and 240",
           "already_paused": "the class is already paused", "not_paused": "the class is not paused",
           "paused_resolve": "the class is paused: resume it before resolving the quarter",
           "none_resolved": "no quarter has been resolved yet", "quarter_range": "quarter must be between 1 and 1",
           "no_team": "no such team",
           "debrief_early": "the class debrief comes after the last quarter (quarter 2 of 6 is being planned)",
           "trainer_only": "trainer only (the console's key is missing or wrong)", "over": "the game is over"},
}


@pytest.mark.parametrize("lang", ["zh", None])
def test_the_trainer_is_refused_in_the_console_language(client, room, lang):
    words = TRAINER_REFUSALS[lang]
    q = f"?lang={lang}" if lang else ""
    post = lambda path, doc=None: client.post(f"/api/trainer/{path}{q}", headers=trainer(room), json=doc or {})  # noqa: E731
    said = lambda r: (r.status_code, r.json()["error"])  # noqa: E731

    assert said(post("rollback", {"team": 0})) == (409, words["none_resolved"])
    assert said(post("resume")) == (409, words["not_paused"])
    assert said(post("timer", {"minutes": 999})) == (422, words["minutes"])
    assert said(client.get(f"/api/trainer/team/7{q}", headers=trainer(room))) == (404, words["no_team"])
    assert said(client.get(f"/api/trainer/status{q}", headers={"X-Trainer-Key": "wrong"})) == (403, words["trainer_only"])
    assert post("resolve").status_code == 200
    assert said(post("rollback", {"team": 0, "quarter": 3})) == (422, words["quarter_range"])
    assert said(post("rollback", {"team": 9})) == (404, words["no_team"])
    assert said(client.get(f"/api/trainer/debrief{q}", headers=trainer(room))) == (409, words["debrief_early"])
    assert post("pause").status_code == 200
    assert said(post("pause")) == (409, words["already_paused"])
    assert said(post("timer", {"minutes": 5})) == (409, words["paused_timer"])
    assert said(post("resolve")) == (409, words["paused_resolve"])
    assert post("resume").status_code == 200
    while not room.match.done:
        assert post("resolve").status_code == 200
    assert said(post("resolve")) == (409, words["over"])
    assert said(post("pause")) == (409, words["over"])


def test_market_mode_rewinds_only_the_last_quarter_said_in_the_console_language(tmp_path):
    from classroom.session import Classroom

    room = Classroom.create(tmp_path / "m.db", "tutorial", teams=2, mode="market", lang="zh")
    try:
        with TestClient(create_app(room), raise_server_exceptions=False) as c:
            assert c.post("/api/trainer/rollback?lang=zh", headers=trainer(room), json={}).json()["error"] == \
                "还没有结算过任何季度"
            c.post("/api/trainer/resolve", headers=trainer(room))
            r = c.post("/api/trainer/rollback?lang=zh", headers=trainer(room), json={"quarter": 2})
            assert (r.status_code, r.json()["error"]) == (422, "同一市场模式下只能让整个市场回退一个季度：只能回退第1季度")
            r = c.post("/api/trainer/rollback", headers=trainer(room), json={"quarter": 2})
            assert r.json()["error"] == "market mode rewinds the whole market by one quarter: only quarter 1"
    finally:
        room.store.close()
