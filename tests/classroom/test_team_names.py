"""Teams are named in the class's language until someone names them ("第1组" in a --lang zh
class, "Team 1" in English); a name a team gives itself stays as given. Names that are not
ASCII go through everything that shows or exports them: the leaderboard, the console's
status and chart, both CSV files, the class report, and a resumed class."""
from __future__ import annotations

import csv
import io
import json

import pytest
from starlette.testclient import TestClient

from class_helpers import joined, trainer
from classroom.app import create_app
from classroom.session import Classroom
from engine import text_of


@pytest.fixture
def zh_room(tmp_path):
    r = Classroom.create(tmp_path / "class.db", "tutorial", teams=3, seed=5, lang="zh")
    yield r
    r.store.close()


@pytest.mark.parametrize("lang, names", [("zh", ["第1组", "第2组", "第3组"]), ("en", ["Team 1", "Team 2", "Team 3"])])
def test_default_names_are_in_the_class_language(tmp_path, lang, names):
    room = Classroom.create(tmp_path / "c.db", "tutorial", teams=3, lang=lang)
    try:
        assert [t.name for t in room.teams] == names
    finally:
        room.store.close()


def test_market_mode_still_names_teams_after_their_suppliers(tmp_path):
    room = Classroom.create(tmp_path / "c.db", "market_share", teams=2, lang="zh", mode="market")
    try:
        sides = {s.id: s for s in room.scenario.sides}
        assert [t.name for t in room.teams] == [text_of(sides[t.side].name, "zh") for t in room.teams]
        assert all(any(ord(c) > 127 for c in t.name) for t in room.teams)
    finally:
        room.store.close()


def test_non_ascii_names_through_the_board_the_exports_and_a_resume(zh_room, tmp_path):
    with TestClient(create_app(zh_room)) as client:
        joined(client, zh_room, 1, "猎鹰队")  # a name the team gives itself stays as given
        joined(client, zh_room, 2)
        assert client.post("/api/trainer/resolve", headers=trainer(zh_room)).status_code == 200
        names = ["第1组", "猎鹰队", "第3组"]

        status = client.get("/api/trainer/status", headers=trainer(zh_room)).json()
        assert [t["name"] for t in status["teams"]] == names
        assert sorted(r["name"] for r in status["leaderboard"]) == sorted(names)
        assert sorted(x["name"] for x in status["chart"]["lines"]) == sorted(names)

        r = client.get("/api/trainer/export/scores.csv", headers=trainer(zh_room))
        assert r.headers["content-type"] == "text/csv; charset=utf-8"
        rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
        assert [row["name"] for row in rows] == names
        r = client.get("/api/trainer/export/decisions.csv", headers=trainer(zh_room))
        assert [row["name"] for row in csv.DictReader(io.StringIO(r.content.decode("utf-8-sig")))] == names

        report = client.get("/api/trainer/export/report.html?lang=zh", headers=trainer(zh_room))
        assert report.headers["content-type"] == "text/html; charset=utf-8"
        assert all(report.content.decode("utf-8").count(n) >= 2 for n in names)  # teams and leaderboard

        board = client.get("/api/team/leaderboard", headers=joined(client, zh_room, 0)).content
        assert {r["name"] for r in json.loads(board.decode("utf-8"))["leaderboard"]} == set(names)
    zh_room.store.close()

    again = Classroom.resume(tmp_path / "class.db")
    try:
        assert [t.name for t in again.teams] == names
    finally:
        again.store.close()


def test_a_terminal_that_cannot_show_chinese_names_still_starts_the_class(tmp_path):
    """`kaw class --lang zh` printing to a Windows code page (here cp1252): the names come
    out as "?" and the QR code is left out, but the codes and links are there and the
    class runs (it stopped at its first Chinese name before)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from class_helpers import free_port

    port = free_port()
    args = ["class", "tutorial", "--teams", "2", "--lang", "zh", "--host", "127.0.0.1", "--port", str(port),
            "--no-browser", "--store", str(tmp_path / "c.db")]
    code = f"import sys; from kaw.cli import main; sys.argv = ['kaw'] + {args!r}; main()"
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2],
                            env={**os.environ, "PYTHONIOENCODING": "cp1252"}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, encoding="cp1252")
    try:
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if "#key=" in line:
                break
        assert any("#key=" in x for x in lines), proc.stderr.read()
        codes = [x for x in lines if " code " in x]
        assert len(codes) == 2 and codes[0].startswith("  ?1?"), lines
        assert proc.poll() is None  # still serving
    finally:
        proc.kill()
        proc.wait(10)


def test_the_csv_exports_carry_a_utf8_byte_order_mark_for_excel(zh_room, tmp_path):
    """Excel reads a CSV file without a byte-order mark in the machine's code page: on Chinese
    Windows a double-click showed 第1组 garbled. Both downloads and both files of an export
    folder start with the UTF-8 BOM (once), then the header; the HTML report has none."""
    import codecs

    folder = tmp_path / "out"
    with TestClient(create_app(zh_room, export_dir=folder)) as client:
        assert client.post("/api/trainer/resolve", headers=trainer(zh_room)).status_code == 200
        for name, head in (("scores.csv", "team,name,side,quarter,score"), ("decisions.csv", "team,name,quarter")):
            body = client.get(f"/api/trainer/export/{name}", headers=trainer(zh_room)).content
            on_disk = (folder / name).read_bytes()
            for data in (body, on_disk):
                assert data.startswith(codecs.BOM_UTF8) and not data[3:].startswith(codecs.BOM_UTF8), name
                text = data.decode("utf-8-sig")
                assert text.startswith(head) and "第1组" in text, name
    assert not (folder / "class-report.html").read_bytes().startswith(codecs.BOM_UTF8)
