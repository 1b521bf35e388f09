"""Two teams in a real browser (Debian's chromium, driven by Playwright): they join,
plan, submit; the trainer resolves from the console; both see their results and the
leaderboard changes. Screenshots go to /tmp/class_shots/ (phone and laptop widths).
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
    import httpx

    port = free_port()
    proc, key = start_server(tmp_path / "class.db", port, "--minutes", "15")
    base = f"http://127.0.0.1:{port}"
    codes = [t["code"] for t in httpx.get(f"{base}/api/trainer/status", headers={"X-Trainer-Key": key}).json()["teams"]]
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
            t1.click("#submit")
            t1.wait_for_selector("#withdraw:not(.hidden)")
            t1.screenshot(path=str(SHOTS / "team_laptop_submitted.png"), full_page=True)

            console = laptop.new_page()
            console.goto(f"{base}/console#key={key}")
            console.wait_for_selector("text=2/2 submitted")
            board_before = console.inner_text("#board")
            console.click("#resolve")
            console.wait_for_selector("text=Quarter 2 of")
            console.wait_for_function("document.querySelector('#board').innerText !== %r" % board_before)
            console.screenshot(path=str(SHOTS / "console.png"), full_page=True)

            for page in teams:
                page.wait_for_selector("#reportbox:not(.hidden)", timeout=10_000)
                assert "Quarter 1" in page.inner_text("#reporttitle")
                assert "Falcons" in page.inner_text("#board") and "Otters" in page.inner_text("#board")
            t0.screenshot(path=str(SHOTS / "team_phone_report.png"), full_page=True)
            t1.screenshot(path=str(SHOTS / "team_laptop_report.png"), full_page=True)
            # the page in Chinese: engine texts come in the chosen language
            t1.select_option("#lang", "zh")
            t1.wait_for_selector("text=排行榜")
            t1.screenshot(path=str(SHOTS / "team_laptop_zh.png"), full_page=True)
            # no horizontal scrolling on a phone
            assert t0.evaluate("document.documentElement.scrollWidth") <= 392
            browser.close()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
