"""Two teams in a real browser (Debian's chromium, driven by Playwright): they join,
plan, submit; the trainer resolves from the console; both see their results, the
leaderboard changes and the market chart is drawn (one line per team on the console,
every supplier of its own market on a team's page); the trainer pauses and the teams
see the class paused. Screenshots go to /tmp/class_shots/ (phone and laptop widths,
the console at 1366x768).
Skipped only when /usr/bin/chromium is absent (.ci/run installs it)."""
from __future__ import annotations

import signal
from pathlib import Path

import pytest

from class_helpers import free_port, start_server

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path("/tmp/class_shots")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)")


def test_two_teams_play_a_quarter_in_browsers(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    import httpx2

    port = free_port()
    proc, key = start_server(tmp_path / "class.db", port, "--minutes", "15")
    base = f"http://127.0.0.1:{port}"
    codes = [t["code"] for t in httpx2.get(f"{base}/api/trainer/status", headers={"X-Trainer-Key": key}).json()["teams"]]
    SHOTS.mkdir(exist_ok=True)
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            phone = browser.new_context(viewport={"width": 390, "height": 844})
            laptop = browser.new_context(viewport={"width": 1280, "height": 800})
            teams = [phone.new_page(), laptop.new_page()]
            for page, code, name in zip(teams, codes, ["Falcons", "Otters"]):
                page.goto(base + "/")
                page.fill("#code", code.lower())
                page.fill("#name", name)
                page.click("#joinbtn")
                page.wait_for_selector("#game:not(.hidden) #people tr >> nth=1")
            # team 1 asks for too much: the server's check says so, and submit is refused
            t0, t1 = teams
            t0.fill('input[data-lever="rep_days"][data-person="gm"]', "100000")
            t0.wait_for_selector("#problems li:not(.ok)")
            assert "available" in t0.inner_text("#problems")
            t0.fill('input[data-lever="rep_days"][data-person="gm"]', "20")
            t0.fill('input[data-lever="service"]', "2")
            t0.wait_for_selector("#problems li.ok")
            t0.screenshot(path=str(SHOTS / "team_phone_plan.png"), full_page=True)
            t0.click("#submit")
            t0.wait_for_selector("#withdraw:not(.hidden)")
            t1.fill('input[data-lever="rep_days"][data-person="gm"]', "5")
            t1.wait_for_selector("#problems li.ok")
            # dropping the account this quarter sets its plan aside (the engine would refuse
            # days sent where they are wasted); undoing the drop brings them back
            gm_days = """document.querySelector('input[data-lever="rep_days"][data-person="gm"]').value"""
            t1.once("dialog", lambda dialog: dialog.accept())
            t1.check('input[data-lever="drop"]')
            t1.wait_for_function(f"{gm_days} === ''")
            t1.fill('input[data-lever="rep_days"][data-person="gm"]', "3")  # days there now: refused, with the reason
            t1.wait_for_selector("#problems li:not(.ok)")
            assert "wasted" in t1.inner_text("#problems")
            t1.fill('input[data-lever="rep_days"][data-person="gm"]', "")
            t1.wait_for_selector("#problems li.ok")
            t1.uncheck('input[data-lever="drop"]')
            t1.wait_for_function(f"{gm_days} === '5'")
            t1.wait_for_selector("#problems li.ok")
            t1.click("#submit")
            t1.wait_for_selector("#withdraw:not(.hidden)")
            t1.screenshot(path=str(SHOTS / "team_laptop_submitted.png"), full_page=True)

            projector = browser.new_context(viewport={"width": 1366, "height": 768})
            console = projector.new_page()
            console.goto(f"{base}/console#key={key}")
            console.wait_for_selector("text=2/2 submitted")
            board_before = console.inner_text("#board")
            console.click("#resolve")
            console.wait_for_selector("text=Quarter 2 of")
            console.wait_for_function("document.querySelector('#board').innerText !== %r" % board_before)
            # the market chart: one line per team, a marker per point (start and quarter 1), a legend
            console.wait_for_function("document.querySelectorAll('#chart svg.chart polyline').length === 2")
            assert console.locator("#chart svg.chart .mark").count() == 4
            assert console.locator("#chart ul.legend li").count() == 2
            assert "Falcons" in console.inner_text("#chart") and "Otters" in console.inner_text("#chart")
            console.screenshot(path=str(SHOTS / "console.png"), full_page=True)

            for page in teams:
                page.wait_for_selector("#reportbox:not(.hidden)", timeout=10_000)
                assert page.inner_text("#reporttitle") == "Results of quarter 1"
                assert "Falcons" in page.inner_text("#board") and "Otters" in page.inner_text("#board")
                # its own market only: every supplier of its own game, its own line marked
                page.wait_for_selector("#chart svg.chart g.line.own polyline")
                assert page.locator("#chart svg.chart g.line").count() >= 2
                assert "Otters" not in page.inner_text("#chart") and "Falcons" not in page.inner_text("#chart")
            # the report in the trainee's words: causes by their labels, money in the one form
            report = t0.inner_text("#report")
            assert "rep effort" in report and "rep_effort" not in report, report
            assert "M¥" not in t0.inner_text("body") and "¥" in t0.inner_text("#status")
            t0.screenshot(path=str(SHOTS / "team_phone_report.png"), full_page=True)
            t1.screenshot(path=str(SHOTS / "team_laptop_report.png"), full_page=True)
            # the page in Chinese: engine texts come in the chosen language
            t1.select_option("#lang", "zh")
            t1.wait_for_selector("text=排行榜")
            t1.screenshot(path=str(SHOTS / "team_laptop_zh.png"), full_page=True)
            # the trainer pauses: the console and every team page say so, submitting waits
            console.click("#pause")
            console.wait_for_selector("#timer.paused")
            assert not console.is_hidden("#pausednote") and console.is_disabled("#resolve")
            t0.evaluate("refresh(false)")  # the page's own poll, now rather than within 4 s
            t0.wait_for_selector("#timer.paused")
            assert t0.is_disabled("#submit") and "paused" in t0.inner_text("#banner")
            t0.screenshot(path=str(SHOTS / "team_phone_paused.png"), full_page=True)
            console.screenshot(path=str(SHOTS / "console_paused.png"))
            console.click("#pause")  # resume
            console.wait_for_selector("#timer:not(.paused)")
            t0.evaluate("refresh(false)")
            t0.wait_for_selector("#timer:not(.paused)")
            assert not t0.is_disabled("#submit")
            # no horizontal scrolling on a phone
            assert t0.evaluate("document.documentElement.scrollWidth") <= 392
            browser.close()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
