"""Run a class from the title screen: the classroom server runs as a child process that
the game starts, shows the way in to, and stops when the class ends or the game quits."""
from __future__ import annotations

import socket
import time
import urllib.request

import pygame


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def open_class_screen(drv, port: int):
    drv.key(pygame.K_r)
    drv.wait_for("class")
    scene = drv.scene
    scene.browser = False                       # --no-browser: nothing opens in a test
    scene.setup.host, scene.setup.port = "127.0.0.1", port
    scene.setup.scenario, scene.setup.teams = "tutorial", 2
    return scene


def wait_until_ready(drv, app, limit_s: float = 60.0):
    """Tick until the server has printed its way in (or stopped); the limit only keeps a
    broken server from hanging the suite, it is not what the test checks."""
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        drv.tick(1)
        srv = app.class_server
        if srv.ready or not srv.running:
            break
        time.sleep(0.05)
    drv.tick(2)


def test_a_class_starts_shows_how_to_join_and_stops_when_ended_or_the_game_quits(drv, app):
    port = free_port()
    scene = open_class_screen(drv, port)
    drv.click("start")
    wait_until_ready(drv, app)
    srv = app.class_server
    assert srv.ready, srv.lines
    assert "--no-browser" in srv.process.args and str(port) in srv.process.args
    with urllib.request.urlopen(srv.join, timeout=10) as r:      # the team page is served
        assert r.status == 200
    shown = app.text.rendered
    assert srv.join in shown and len(srv.codes) == 2
    assert all(any(code in s for s in shown) for _, code in srv.codes), "every team's code is on the screen"
    assert scene.w["end"].visible
    drv.click("end")
    drv.tick(2)
    assert srv.process.poll() is not None, "End the class stops the server"
    assert not scene.running and "start" in scene.w

    drv.click("start")                                           # again, then quit the game
    assert not scene.error, scene.error                          # the port it just left is free
    wait_until_ready(drv, app)
    second = app.class_server
    assert second is not srv and second.ready
    app.tick([pygame.event.Event(pygame.QUIT)])
    assert second.process.poll() is not None, "closing the window stops the server (no orphan)"


def test_a_busy_port_is_told_in_words_and_nothing_starts(drv, app):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        scene = open_class_screen(drv, busy.getsockname()[1])
        drv.click("start")
        drv.tick(2)
    assert app.class_server is None
    assert scene.error == app.t("class_port_busy", port=scene.setup.port)
    assert any(str(scene.setup.port) in s and "in use" in s for s in app.text.rendered)


def test_a_server_that_stops_by_itself_is_explained(drv, app):
    """A scenario the server cannot find (the file went away after the screen listed it):
    the server refuses, and its words are shown."""
    scene = open_class_screen(drv, free_port())
    scene.setup.scenario = "no-such-scenario"
    drv.click("start")
    end = time.monotonic() + 60
    while app.class_server.running and time.monotonic() < end:
        time.sleep(0.05)
    drv.tick(3)
    assert not scene.running
    assert scene.error.startswith(app.t("class_failed", why="").rstrip()), scene.error
    assert "no-such-scenario" in scene.error and "Traceback" not in scene.error


def test_a_class_started_from_the_game_in_chinese_is_a_chinese_class(drv, app):
    """The game's language is the class's (kaw class --lang): a trainer using the game in
    Chinese gets a Chinese class, its teams named 第1组, 第2组 on this screen, its pages and
    console in Chinese."""
    import json

    app.set_lang("zh")
    scene = open_class_screen(drv, free_port())
    drv.click("start")
    wait_until_ready(drv, app)
    srv = app.class_server
    assert srv.ready, srv.lines
    args = srv.process.args
    assert args[args.index("--lang") + 1] == "zh"
    assert [team for team, _ in srv.codes] == ["第1组", "第2组"]
    shown = app.text.rendered
    assert any("第1组" in s and srv.codes[0][1] in s for s in shown), "the teams by their Chinese names"
    base, key = srv.console.split("/console#key=")
    request = urllib.request.Request(base + "/api/trainer/status", headers={"X-Trainer-Key": key})
    with urllib.request.urlopen(request, timeout=10) as r:
        assert json.load(r)["lang"] == "zh"
    with urllib.request.urlopen(srv.join, timeout=10) as r:     # the team page opens in Chinese
        assert 'data-class-lang="zh"' in r.read().decode("utf-8")
    drv.click("end")
    drv.tick(2)
    assert srv.process.poll() is not None
    app.set_lang("en")                                           # the next class: the game's language then
    drv.click("start")
    wait_until_ready(drv, app)
    args = app.class_server.process.args
    assert args[args.index("--lang") + 1] == "en" and app.class_server.codes[0][0] == "Team 1"
    app.stop_class()


def test_one_market_takes_at_most_a_team_per_supplier_said_in_the_game_language(drv, app):
    """The server refuses more teams than suppliers with an English message; the screen
    keeps the count within the suppliers and says so in the game's words instead."""
    app.set_lang("zh")
    scene = open_class_screen(drv, free_port())
    suppliers = len(dict(scene.scenarios)["tutorial"].sides)
    scene.setup.teams = suppliers + 3
    drv.click("mode_next")
    assert scene.setup.mode == "market" and scene.setup.teams == suppliers, "switching to one market trims the teams"
    drv.click("teams_next")
    assert scene.setup.teams == suppliers
    scene.setup.teams = suppliers + 1                            # however it got there: nothing starts
    drv.click("start")
    drv.tick(2)
    assert app.class_server is None
    assert scene.error == f"同一市场中每个小组扮演剧本中的一家供应商：最多{suppliers}个小组。"
    assert any(scene.error in s for s in app.text.rendered)
    drv.click("mode_next")
    drv.click("teams_next")
    assert scene.setup.mode == "parallel" and scene.setup.teams == suppliers + 2


def test_two_classes_started_in_one_second_get_two_files(save_dir, monkeypatch):
    """The store is named by the second it starts; a second class in that second (a
    trainer restarting at once, or this test suite) must not find the first one's file."""
    from game import class_server

    monkeypatch.setattr(class_server.time, "strftime", lambda fmt: "20261130-120000")
    first = class_server.store_path("tutorial")
    first.write_bytes(b"")
    second = class_server.store_path("tutorial")
    assert first != second and not second.exists()
    second.write_bytes(b"")
    assert class_server.store_path("tutorial") not in (first, second)


def test_a_port_whose_last_class_just_ended_is_free_again():
    """Connections the last server closed stay in TIME_WAIT for a minute; a new server
    (SO_REUSEADDR, as socket.create_server binds) may listen regardless, so the screen
    must not call the port busy. A port someone listens on still is."""
    from game.class_server import port_free

    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    conn, _ = listener.accept()
    assert not port_free("127.0.0.1", port), "a listener makes the port busy"
    conn.close()                  # the server side closes first: its end waits in TIME_WAIT
    client.recv(1)
    client.close()
    listener.close()
    assert port_free("127.0.0.1", port)
