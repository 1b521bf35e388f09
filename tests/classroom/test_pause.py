"""Pause: the trainer stops the round. The timer's time left is frozen and shown as
paused to the console and every team; submitting, withdrawing and resolving wait (a
draft may still be edited); resuming restarts the timer from the frozen time. The pause
is stored, so a server resumed after a crash comes back paused with the same time left."""
from __future__ import annotations

from class_helpers import joined, trainer
from classroom.session import Classroom

PLAN = {"rep_days": {"huaxin": {"gm": 10}}, "service": {"huaxin": 2}}


class Clock:
    """A clock the test moves by hand (no sleeping, no timed assertions)."""

    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_pause_freezes_the_timer_and_holds_submissions(client, room):
    clock = room.clock = Clock()
    h = joined(client, room, 0)
    assert client.post("/api/team/submit", headers=h, json={"orders": PLAN}).status_code == 200
    client.post("/api/trainer/timer", headers=trainer(room), json={"minutes": 10})
    clock.now += 240  # 6 minutes left
    r = client.post("/api/trainer/pause", headers=trainer(room))
    assert r.status_code == 200 and r.json()["paused"] is True and r.json()["seconds_left"] == 360
    clock.now += 3600  # the class talks for an hour: the timer does not run
    for doc in (client.get("/api/trainer/status", headers=trainer(room)).json(), client.get("/api/team", headers=h).json()):
        assert doc["paused"] is True and doc["seconds_left"] == 360
    for r in (client.post("/api/team/withdraw", headers=h),
              client.post("/api/team/submit", headers=h, json={"orders": PLAN}),
              client.post("/api/trainer/resolve", headers=trainer(room)),
              client.post("/api/trainer/timer", headers=trainer(room), json={"minutes": 5})):
        assert r.status_code == 409 and "paused" in r.json()["error"], r.text
    assert room.teams[0].submitted == PLAN and room.quarter == 1
    # a draft may still be edited
    assert client.put("/api/team/draft", headers=h, json={"orders": {"hire": 1}}).status_code == 200
    assert client.post("/api/trainer/pause", headers=trainer(room)).status_code == 409  # already paused
    r = client.post("/api/trainer/resume", headers=trainer(room))
    assert r.status_code == 200 and r.json()["paused"] is False and r.json()["seconds_left"] == 360
    assert room.deadline == clock.now + 360
    assert client.post("/api/team/withdraw", headers=h).status_code == 200
    assert client.post("/api/trainer/resume", headers=trainer(room)).status_code == 409  # not paused


def test_pause_without_a_timer_still_holds_the_round(client, room):
    h = joined(client, room, 1)
    doc = client.post("/api/trainer/pause", headers=trainer(room)).json()
    assert doc["paused"] is True and doc["seconds_left"] is None
    assert client.post("/api/team/submit", headers=h, json={"orders": PLAN}).status_code == 409
    doc = client.post("/api/trainer/resume", headers=trainer(room)).json()
    assert doc["paused"] is False and doc["seconds_left"] is None and room.deadline is None
    assert client.post("/api/team/submit", headers=h, json={"orders": PLAN}).status_code == 200


def test_only_the_trainer_pauses_and_resumes(client, room):
    h = joined(client, room, 0)
    for path in ("/api/trainer/pause", "/api/trainer/resume"):
        for headers in (h, {"X-Trainer-Key": "guess"}, {}):
            r = client.post(path, headers=headers)
            assert r.status_code == 403 and r.json()["ok"] is False
    assert room.paused is False


def test_a_resumed_server_comes_back_paused_with_the_same_time_left(tmp_path):
    clock = Clock()
    room = Classroom.create(tmp_path / "c.db", "tutorial", 2, seed=2, minutes=10, clock=clock)
    clock.now += 90
    room.pause()
    room.store.close()  # as after kill -9: the events are all that is left
    clock.now += 5000
    again = Classroom.resume(tmp_path / "c.db", clock=clock)
    assert again.paused and again.paused_left == 510 and again.deadline is None
    again.unpause()
    assert again.deadline == clock.now + 510
    again.store.close()


def test_no_timer_starts_once_the_game_is_over(client, room):
    """After the last quarter the console still offered the round timer, and starting it
    was accepted: a button that seemed to work and timed nothing. It is refused (the
    console disables it), and no time left is kept or shown."""
    h = joined(client, room, 0)
    while not room.match.done:
        client.post("/api/trainer/resolve", headers=trainer(room))
    r = client.post("/api/trainer/timer", headers=trainer(room), json={"minutes": 5})
    assert r.status_code == 409 and "over" in r.json()["error"], r.text
    assert room.deadline is None
    for doc in (client.get("/api/trainer/status", headers=trainer(room)).json(), client.get("/api/team", headers=h).json()):
        assert doc["seconds_left"] is None
