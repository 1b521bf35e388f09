"""The HTML class report: one self-contained file (inline CSS and SVG, nothing fetched
from anywhere) with the scenario, the dates from the class's record, every team, the
leaderboard per quarter, the market chart, the debrief and the decisions. Trainer only."""
from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from class_helpers import CHROMIUM, NO_CHROMIUM, joined, trainer
from classroom.app import create_app
from classroom.session import Classroom
from engine import text_of

PLAN = {"rep_days": {"huaxin": {"gm": 10}}, "service": {"huaxin": 2}, "price_cut": {"huaxin": 0.04}}


def assert_self_contained(html: str) -> None:
    html = re.sub(r"url\(data:[^)]*\)", "url(data:)", html)  # an inline font is no fetch
    assert "http" not in html.lower() and "src=" not in html.lower() and "<script" not in html.lower()
    assert not re.search(r"""(href|url)\s*[=(]\s*["']?(//|(?!data:)[a-z]+:)""", html, re.I)  # no link out, no url(...) fetch


def test_report_of_a_finished_parallel_class(client, room):
    h = joined(client, room, 0, "Red <b>Sharks</b>")
    joined(client, room, 2, "Blue")
    client.post("/api/team/submit", headers=h, json={"orders": PLAN})
    for _ in range(room.scenario.turns):
        client.post("/api/trainer/resolve", headers=trainer(room))
    r = client.get(f"/api/trainer/export/report.html?key={room.trainer_key}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'filename="class-report-tutorial.html"' in r.headers["content-disposition"]
    html = r.text
    assert_self_contained(html)
    assert "Red &lt;b&gt;Sharks&lt;/b&gt;" in html and "<b>Sharks" not in html  # names are escaped
    for name in ("Blue", "Team 2"):
        assert name in html
    assert html.count("<svg") >= 1 + 3 and "<polyline" in html  # the chart and its legend samples
    assert ">Q6<" in html and "Class debrief" in html
    for s in room.scenario.strategies:
        assert text_of(s.name, "en") in html  # every reference strategy beside the teams
    assert "Rep days" in html and "Price cut" in html and "4.0%" in html  # decision history summary
    created = room.meta["created"]
    from datetime import datetime, timezone
    assert datetime.fromtimestamp(created, timezone.utc).strftime("%Y-%m-%d") in html


def test_report_before_the_end_and_in_chinese(client, room):
    client.post("/api/trainer/resolve", headers=trainer(room))
    html = client.get("/api/trainer/export/report.html?lang=zh", headers=trainer(room)).text
    assert_self_contained(html)
    assert "课堂尚未结束" in html and "课堂报告" in html and all(t.name in html for t in room.teams)


def test_report_is_the_trainers(client, room):
    h = joined(client, room, 0)
    for headers in (h, {"X-Trainer-Key": "guess"}, {}):
        assert client.get("/api/trainer/export/report.html", headers=headers).status_code == 403


def test_market_report_names_every_supplier_team(tmp_path):
    room = Classroom.create(tmp_path / "m.db", "market_share", teams=4, seed=1, mode="market")
    for _ in range(room.scenario.turns):
        room.resolve()
    with TestClient(create_app(room), raise_server_exceptions=False) as c:
        html = c.get("/api/trainer/export/report.html", headers=trainer(room)).text
    assert_self_contained(html)
    assert all(t.name in html for t in room.teams) and "left out" in html
    room.store.close()


def test_an_export_folder_gets_the_files_after_every_quarter(tmp_path):
    room = Classroom.create(tmp_path / "c.db", "tutorial", teams=2, seed=4)
    folder = tmp_path / "out" / "class"
    with TestClient(create_app(room, export_dir=folder), raise_server_exceptions=False) as c:
        c.post("/api/trainer/resolve", headers=trainer(room))
        assert sorted(p.name for p in folder.iterdir()) == ["class-report.html", "decisions.csv", "scores.csv"]
        assert "课堂尚未结束" not in (folder / "class-report.html").read_text() and "Team 2" in (folder / "scores.csv").read_text()
        for _ in range(room.scenario.turns - 1):
            c.post("/api/trainer/resolve", headers=trainer(room))
    html = (folder / "class-report.html").read_text()
    assert_self_contained(html)
    assert "Class debrief" in html and "not finished" not in html  # the last one has the debrief
    room.store.close()


def test_a_chinese_report_names_choices_and_suppliers(tmp_path):
    """Pay plans and a joint venture's account by their names, market-mode suppliers by
    theirs, not by the ids the orders hold ("commission", "huaxin", "kessler")."""
    room = Classroom.create(tmp_path / "c.db", "tutorial", teams=2, lang="zh")
    try:
        with TestClient(create_app(room)) as client:
            h = joined(client, room, 0)
            assert client.post("/api/team/submit", headers=h, json={"orders": {"pay_plan": "commission"}}).status_code == 200
            client.post("/api/trainer/resolve", headers=trainer(room))
            html = client.get("/api/trainer/export/report.html?lang=zh", headers=trainer(room)).text
            assert "高提成" in html and "commission" not in html
    finally:
        room.store.close()
    room = Classroom.create(tmp_path / "m.db", "market_share", teams=2, lang="zh", mode="market")
    try:
        with TestClient(create_app(room)) as client:
            joined(client, room, 1, "猎鹰队")
            html = client.get("/api/trainer/export/report.html?lang=zh", headers=trainer(room)).text
            assert "凯斯勒工业" in html and ">kessler<" not in html
            status = client.get("/api/trainer/status?lang=zh", headers=trainer(room)).json()
            assert [t["side_name"] for t in status["teams"]] == ["恒泰工业", "凯斯勒工业"]
    finally:
        room.store.close()


def test_a_chinese_report_lists_names_and_notes_with_chinese_punctuation(tmp_path):
    """The references a team beat are listed 平均分配、价格战 (not "平均分配, 价格战"), a team's
    notes joined with ；and introduced with ：, a chosen lever's several choices with 、."""
    import copy

    from classroom.debrief import cached_debrief
    from classroom.report import class_report

    room = Classroom.create(tmp_path / "z.db", "tutorial", teams=2, seed=1, lang="zh")
    try:
        h = None
        with TestClient(create_app(room), raise_server_exceptions=False) as c:
            h = joined(c, room, 0)
            for pay in ("commission", "salary"):  # two pay plans chosen: listed in one cell
                c.post("/api/team/submit", headers=h, json={"orders": {"pay_plan": pay}, "lang": "zh"})
                c.post("/api/trainer/resolve", headers=trainer(room))
            while not room.match.done:
                c.post("/api/trainer/resolve", headers=trainer(room))
        d = copy.deepcopy(cached_debrief(room, "zh"))
        refs = [r["id"] for r in d["references"]]
        assert len(refs) >= 2
        d["same_dice"], d["teams"][0]["better_than"] = False, refs
        d["teams"][0]["on_reference_dice"]["notes"] = ["第一条", "第二条"]
        html = class_report(room, "zh", d)
    finally:
        room.store.close()
    names = {r["id"]: r["name"] for r in d["references"]}
    assert "、".join(names[x] for x in refs) in html
    assert f'{d["teams"][0]["name"]}：第一条；第二条' in html
    assert "高提成、固定薪资" in html
    assert not re.findall(r"[\u3400-\u9fff] ?[:(),;]|[:(),;] ?[\u3400-\u9fff]", re.sub(r"<style>.*?</style>", "", html, flags=re.S))


def finished_report(tmp_path, lang: str) -> str:
    from classroom.debrief import cached_debrief
    from classroom.report import class_report

    room = Classroom.create(tmp_path / f"{lang}.db", "tutorial", teams=2, seed=3, lang=lang)
    try:
        with TestClient(create_app(room), raise_server_exceptions=False) as c:
            joined(c, room, 0, "猎鹰队" if lang == "zh" else "Falcons")
            while not room.match.done:
                c.post("/api/trainer/resolve", headers=trainer(room))
        return class_report(room, lang, cached_debrief(room, lang))
    finally:
        room.store.close()


def test_a_chinese_report_carries_the_glyphs_it_uses(tmp_path):
    """A trainer e-mails the report; the reader's machine may have no Chinese font (this
    one has none). The report holds its own Chinese glyphs, and only those: a few dozen
    KB, not the game's 4.6 MB font."""
    from base64 import b64decode
    from io import BytesIO

    from fontTools.ttLib import TTFont

    from classroom.font import chinese

    html = finished_report(tmp_path, "zh")
    assert_self_contained(html)
    inline = re.search(r'@font-face \{ font-family: "KAW CJK";[^}]*url\(data:font/ttf;base64,([A-Za-z0-9+/=]+)\)', html)
    assert inline, html[:600]
    font = b64decode(inline.group(1))
    cmap = TTFont(BytesIO(font)).getBestCmap()
    shown = {ch for ch in html[html.index("</style>"):] if chinese(ch)}
    assert len(shown) > 100 and not [ch for ch in shown if ord(ch) not in cmap]
    assert len(font) < 250_000
    assert 'font:15px/1.45 "KAW CJK",system-ui' in html  # first in the list, as on the class's pages


def test_a_report_without_chinese_carries_no_font(tmp_path):
    assert "@font-face" not in finished_report(tmp_path, "en")


@pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)
def test_a_browser_draws_the_reports_chinese_opened_from_a_file(tmp_path, browser):
    """Opened as a file (no server, no network), on a machine without Chinese fonts,
    Chromium takes the inline face and draws the headings with it."""
    path = tmp_path / "class-report.html"
    path.write_text(finished_report(tmp_path, "zh"), encoding="utf-8")
    page = browser.new_context(offline=True).new_page()
    page.goto(path.as_uri())
    faces = page.evaluate("document.fonts.ready.then(() => [...document.fonts].map((f) => [f.family, f.status]))")
    assert ['"KAW CJK"', "loaded"] in faces or ["KAW CJK", "loaded"] in faces, faces
    assert page.evaluate("""document.fonts.check('15px "KAW CJK"', '课堂报告')""")
    page.context.close()
