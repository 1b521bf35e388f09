"""The console's timer box shows the class's own round length.

`kaw class tutorial --minutes 5` runs 5-minute rounds, but the console's "Timer [15] min
Start" box always said 15: a trainer restarting the round from it got three times the
time they chose. The status now carries the class's minutes and the box starts from them
(a number the trainer typed is kept)."""
from __future__ import annotations

import signal
from pathlib import Path

import pytest

from class_helpers import free_port, start_server

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)")


def test_status_carries_the_class_minutes(tmp_path):
    from starlette.testclient import TestClient

    from classroom.app import create_app
    from classroom.session import Classroom

    room = Classroom.create(tmp_path / "c.db", "tutorial", teams=2, seed=5, missing="repeat", minutes=5)
    try:
        with TestClient(create_app(room)) as c:
            st = c.get("/api/trainer/status", headers={"X-Trainer-Key": room.trainer_key}).json()
        assert st["minutes"] == 5
    finally:
        room.store.close()


def test_timer_box_starts_from_the_class_minutes(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    port = free_port()
    proc, key = start_server(tmp_path / "class.db", port, "--minutes", "5")
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            console = browser.new_page()
            console.goto(f"http://127.0.0.1:{port}/console#key={key}")
            console.wait_for_selector("#timer:not(.hidden)")
            console.wait_for_function("() => document.getElementById('minutes').value === '5'", timeout=5000)
            # what the trainer types is not overwritten by the next status poll
            console.fill("#minutes", "7")
            console.wait_for_timeout(3500)
            assert console.input_value("#minutes") == "7"
            browser.close()
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)


def test_no_time_left_is_shown_once_the_game_is_over(tmp_path):
    """After the last quarter the console said "Game over · 4:56 left" and the team pages
    kept counting down: resolving restarts the round timer, and nothing follows it."""
    from starlette.testclient import TestClient

    from classroom.app import create_app
    from classroom.session import Classroom

    room = Classroom.create(tmp_path / "c.db", "tutorial", teams=2, seed=5, missing="repeat", minutes=5)
    try:
        with TestClient(create_app(room)) as c:
            h = {"X-Trainer-Key": room.trainer_key}
            for _ in range(room.scenario.turns):
                assert c.post("/api/trainer/resolve", headers=h).status_code == 200
            st = c.get("/api/trainer/status", headers=h).json()
            team = c.post("/api/join", json={"code": room.teams[0].code}).json()
            view = c.get("/api/team", headers={"Authorization": f"Bearer {team['token']}"}).json()
        assert st["done"] and st["seconds_left"] is None
        assert view["done"] and view["seconds_left"] is None
    finally:
        room.store.close()
