"""Rep days on the team page are the whole days a team can plan, as in the window game
(game/orders_form.py days_capacity): the engine's capacity is fractional (morale, pay
plan: 114.75 in the tutorial's first quarter), and the engine's order check is the truth.
The page offers exactly the whole days that check accepts, never one it refuses, and a
refusal names the same number the page shows."""
from __future__ import annotations

import math
import signal

import pytest

from class_helpers import ARGS, CHROMIUM, free_port, joined, start_server

A = "huaxin"


def people(room, aid: str = A) -> list[str]:
    obs = room.match.observe(0)
    return [p.id for p in next(a for a in obs.accounts if a.id == aid).stakeholders]


def spread(room, days: int) -> dict:
    """Orders giving `days` whole rep days at huaxin, spread over its people."""
    ids = people(room)
    share = [days // len(ids) + (i < days % len(ids)) for i in range(len(ids))]
    return {"rep_days": {A: {k: d for k, d in zip(ids, share) if d}}}


@pytest.mark.parametrize("quarters", [0, 1, 2])
def test_the_days_the_page_offers_are_what_the_order_check_accepts(client, room, quarters):
    h = joined(client, room, 0)
    for _ in range(quarters):   # morale moves the capacity quarter by quarter: 114.75, 116.1, 116.91
        room.resolve()
    doc = client.get("/api/team", headers=h).json()
    capacity = doc["observation"]["capacity_days"]
    assert not float(capacity).is_integer()
    days = doc["days_to_plan"]
    assert isinstance(days, int) and days == math.floor(capacity)
    ok = client.post("/api/team/check", headers=h, json={"orders": spread(room, days)}).json()["problems"]
    assert ok == [], ok
    over = client.post("/api/team/check", headers=h, json={"orders": spread(room, days + 1)}).json()["problems"]
    assert [p["code"] for p in over] == ["over_capacity"]
    # refused for the day the page never offered, in the page's numbers
    assert over[0]["text"].endswith(f"{days + 1} days allocated but only {days} available"), over[0]["text"]
    zh = client.post("/api/team/check", headers=h, json={"orders": spread(room, days + 1), "lang": "zh"}).json()
    assert f"只有 {days} 可用" in zh["problems"][0]["text"], zh


def test_a_capacity_a_hair_below_a_whole_day_offers_that_day(monkeypatch):
    """The check's leeway (engine/orders.py: refused above capacity + 1e-6) is the page's:
    114.9999997 days offers 115, which the check accepts; 114.99 offers 114."""
    from classroom.session import plannable_days
    assert plannable_days(114.9999997) == 115 and plannable_days(114.99) == 114
    assert plannable_days(114.74999999999999) == 114 and plannable_days(0.3) == 0




@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)")
def test_the_team_page_shows_whole_rep_days_assigned_and_unassigned(tmp_path):
    """In chromium: the tutorial's 114.75 days read 114 (never 114.7), the plan says how
    many are assigned and how many are not as days are typed, a typed fraction counts as
    the whole day the window game would make of it, and 114 days are accepted."""
    sync_api = pytest.importorskip("playwright.sync_api")
    import httpx2
    port = free_port()
    proc, key = start_server(tmp_path / "class.db", port)
    base = f"http://127.0.0.1:{port}"
    code = httpx2.get(f"{base}/api/trainer/status", headers={"X-Trainer-Key": key}).json()["teams"][0]["code"]
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(base + "/")
            page.fill("#code", code)
            page.click("#joinbtn")
            page.wait_for_selector("#game:not(.hidden) #people tr >> nth=1")
            assert "114.7" not in page.inner_text("body") and "114.8" not in page.inner_text("body")
            assert "114" in page.inner_text("#status")
            means = page.locator("#means")
            assert "114" in means.inner_text() and "unassigned 114" in means.inner_text()
            page.fill('input[data-lever="rep_days"][data-person="gm"]', "40")
            page.wait_for_selector("#means >> text=assigned 40")
            assert "unassigned 74" in means.inner_text()
            # a fraction typed is a whole day, as the window game plans them
            page.fill('input[data-lever="rep_days"][data-person="gm"]', "39.6")
            page.wait_for_selector("#means >> text=unassigned 74")
            assert page.get_attribute('input[data-lever="rep_days"][data-person="gm"]', "step") == "1"
            # every day the page offers is accepted; one more is refused in the page's numbers
            page.fill('input[data-lever="rep_days"][data-person="gm"]', "114")
            page.wait_for_selector("#means >> text=unassigned 0")
            page.wait_for_selector("#problems li.ok")
            page.fill('input[data-lever="rep_days"][data-person="gm"]', "115")
            page.wait_for_selector("#problems li:not(.ok)")
            assert "only 114 available" in page.inner_text("#problems")
            assert "-1" in means.inner_text() or "−1" in means.inner_text()
            page.fill('input[data-lever="rep_days"][data-person="gm"]', "114")
            page.wait_for_selector("#problems li.ok")
            page.click("#submit")
            page.wait_for_selector("#withdraw:not(.hidden)")
            browser.close()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
