"""Every route of the classroom through Starlette's TestClient: joins, plans, the
trainer's actions, exports, and who may do what (a team's token works only for that
team and never on the trainer's routes). Every refusal is JSON with a message."""
from __future__ import annotations

import csv
import io

from class_helpers import joined, trainer

A, K = "huaxin", "gm"
PLAN = {"rep_days": {A: {K: 10}}, "service": {A: 2}}


def test_join_with_a_code_is_case_insensitive_and_a_wrong_code_is_refused(client, room):
    h = joined(client, room, 1, "  Blue   Sharks ")
    assert client.get("/api/team", headers=h).json()["team"] == {"idx": 1, "name": "Blue Sharks"}
    r = client.post("/api/join", json={"code": "NOPE00"})
    assert r.status_code == 403 and r.json()["error"] == "unknown join code"


def test_join_is_rate_limited(client, room):
    for _ in range(10):
        client.post("/api/join", json={"code": "WRONG1"})
    r = client.post("/api/join", json={"code": room.teams[0].code})
    assert r.status_code == 429 and "wait" in r.json()["error"]


def test_teams_joining_from_one_address_are_never_limited(client, room):
    """Only wrong codes count: teams behind one router, or a trainer opening every
    team's page on one laptop, join as often as they need (it stopped them at ten)."""
    for i in range(25):
        r = client.post("/api/join", json={"code": room.teams[i % len(room.teams)].code})
        assert r.status_code == 200, (i, r.json())
    for _ in range(9):
        assert client.post("/api/join", json={"code": "WRONG1"}).status_code == 403
    assert client.post("/api/join", json={"code": room.teams[0].code}).status_code == 200
    assert client.post("/api/join", json={"code": "WRONG1"}).status_code == 403  # the tenth wrong one
    assert client.post("/api/join", json={"code": room.teams[0].code}).status_code == 429


def test_team_page_data_is_its_own_observation_only(client, room):
    h = joined(client, room, 0)
    doc = client.get("/api/team?lang=zh", headers=h).json()
    obs = doc["observation"]
    assert obs["side"] == room.scenario.player_id and doc["lang"] == "zh"
    # fog of war: rivals' stances are hidden where there is no coach and no intelligence
    hidden = [a for a in obs["accounts"] if not a["visible"]]
    assert hidden and all(v is None for a in hidden for p in a["stakeholders"] for v in p["rivals"].values())
    assert all(a["rival_activity"] is None for a in hidden)
    assert "token" not in str(doc) and room.teams[1].code not in str(doc)


def test_levers_are_the_engines_table(client):
    from engine import LEVERS
    names = [lv["name"] for lv in client.get("/api/levers?lang=zh").json()["levers"]]
    assert names == [lv.name for lv in LEVERS]


def test_check_draft_submit_withdraw(client, room):
    h = joined(client, room, 0)
    bad = {"rep_days": {A: {K: 1e6}}}
    r = client.post("/api/team/check", headers=h, json={"orders": bad, "lang": "zh"}).json()
    assert r["problems"][0]["code"] == "over_capacity" and "可用" in r["problems"][0]["text"]
    r = client.put("/api/team/draft", headers=h, json={"orders": bad})
    assert r.status_code == 200 and r.json()["problems"] and room.teams[0].draft == bad
    r = client.post("/api/team/submit", headers=h, json={"orders": bad})
    assert r.status_code == 422 and r.json()["problems"][0]["lever"] == "rep_days"
    r = client.post("/api/team/submit", headers=h, json={"orders": {"bogus": 1}})
    assert r.status_code == 422 and r.json()["problems"] == [{"where": "bogus", "text": "Extra inputs are not permitted"}]
    assert client.post("/api/team/submit", headers=h, json={"orders": PLAN}).json()["submitted"] is True
    assert client.get("/api/trainer/status", headers=trainer(room)).json()["teams"][0]["submitted"] is True
    assert client.post("/api/team/withdraw", headers=h).json()["submitted"] is False
    assert client.post("/api/team/withdraw", headers=h).status_code == 409


def test_deadline_closes_submissions(client, room):
    h = joined(client, room, 0)
    assert client.post("/api/trainer/timer", headers=trainer(room), json={"minutes": 1}).status_code == 200
    room.deadline = room.clock() - 1
    r = client.post("/api/team/submit", headers=h, json={"orders": PLAN})
    assert r.status_code == 409 and "deadline" in r.json()["error"]
    assert client.post("/api/trainer/timer", headers=trainer(room), json={"minutes": "x"}).status_code == 422


def test_resolve_reports_leaderboard_and_missing_plans(client, room):
    h0, h1 = joined(client, room, 0), joined(client, room, 1)
    client.post("/api/team/submit", headers=h0, json={"orders": PLAN})
    r = client.post("/api/trainer/resolve", headers=trainer(room))
    assert r.status_code == 200 and r.json()["quarter"] == 2
    assert room.sources == [["submitted", "nothing", "nothing"]]
    doc = client.get("/api/team", headers=h0).json()
    assert doc["report"]["turn"] == 1 and doc["submitted"] is False
    board = client.get("/api/team/leaderboard", headers=h1).json()["leaderboard"]
    assert sorted(b["team"] for b in board) == [0, 1, 2] and set(board[0]["parts"]) == {"financial", "customer", "process", "learning"}
    assert client.get("/api/team/report?quarter=1&lang=zh", headers=h1).json()["report"]["turn"] == 1
    assert client.get("/api/team/report?quarter=9", headers=h1).status_code == 404
    # next quarter: team 0 did not submit, so its last plan repeats
    client.post("/api/trainer/resolve", headers=trainer(room))
    assert room.sources[1] == ["repeat", "nothing", "nothing"]


def test_rollback_one_team_leaves_the_others_identical(client, room):
    hs = [joined(client, room, i) for i in range(3)]
    for h in hs:
        client.post("/api/team/submit", headers=h, json={"orders": PLAN})
    client.post("/api/trainer/resolve", headers=trainer(room))
    before = [room.match.state_hash(g) for g in range(3)]
    r = client.post("/api/trainer/rollback", headers=trainer(room), json={"team": 1, "quarter": 1})
    assert r.status_code == 200
    after = [room.match.state_hash(g) for g in range(3)]
    assert after[0] == before[0] and after[2] == before[2] and after[1] != before[1]
    assert room.sources[0][1] == "rollback:nothing"
    # with its draft (the same plan) it is back where it was
    client.post("/api/trainer/rollback", headers=trainer(room), json={"team": 1, "use_draft": True})
    assert room.match.state_hash(1) == before[1]
    for bad in ({"team": 7}, {"team": "x"}, {"team": 0, "quarter": 5}):
        r = client.post("/api/trainer/rollback", headers=trainer(room), json=bad)
        assert r.status_code in (404, 422) and r.json()["error"]


def test_exports(client, room):
    h = joined(client, room, 0, "Red")
    client.post("/api/team/submit", headers=h, json={"orders": PLAN})
    client.post("/api/trainer/resolve", headers=trainer(room))
    scores = list(csv.DictReader(io.StringIO(client.get(
        f"/api/trainer/export/scores.csv?key={room.trainer_key}").content.decode("utf-8-sig"))))  # Excel's BOM first
    assert len(scores) == 3 and scores[0]["name"] == "Red" and scores[0]["quarter"] == "1"
    assert {"team", "score", "financial", "share:huaxin", "revenue", "cash"} <= set(scores[0])
    assert any(k.startswith("objective:") for k in scores[0])
    dec = list(csv.DictReader(io.StringIO(client.get("/api/trainer/export/decisions.csv",
                                                     headers=trainer(room)).content.decode("utf-8-sig"))))
    assert dec[0]["source"] == "submitted" and '"service"' in dec[0]["orders"] and dec[1]["source"] == "nothing"


def test_permissions(client, room):
    h0, h1 = joined(client, room, 0), joined(client, room, 1)
    client.post("/api/team/submit", headers=h1, json={"orders": PLAN})
    # a team acts only as itself: its token decides, whatever the body says
    client.post("/api/team/withdraw", headers=h0, json={"team": 1})
    assert room.teams[1].submitted is not None
    for method, path in [("GET", "/api/trainer/status"), ("POST", "/api/trainer/resolve"),
                         ("GET", "/api/trainer/team/1"), ("POST", "/api/trainer/rollback"),
                         ("POST", "/api/trainer/timer"), ("GET", "/api/trainer/export/scores.csv"),
                         ("GET", "/api/trainer/export/decisions.csv")]:
        for headers in (h0, {"X-Trainer-Key": "guess"}, {}):
            r = client.request(method, path, headers=headers, json={})
            assert r.status_code == 403 and r.json()["ok"] is False, (path, headers)
    for path in ["/api/team", "/api/team/leaderboard", "/api/team/report"]:
        assert client.get(path, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get("/api/trainer/team/1", headers=trainer(room)).json()["team"]["idx"] == 1


def test_bad_requests_get_json_errors_never_tracebacks(client, room):
    h = joined(client, room, 0)
    cases = [client.put("/api/team/draft", headers=h, content=b"{not json"),
             client.put("/api/team/draft", headers=h, content=b"[1, 2]"),
             client.put("/api/team/draft", headers=h, json={"orders": [1]}),
             client.put("/api/team/draft", headers=h, content=b"{" + b" " * 70_000 + b"}"),
             client.put("/api/team/draft", headers=h, json={"orders": {"hire": 10**30}}),
             client.put("/api/team/draft", headers=h, json={"orders": {"price_cut": {"huaxin": "nan"}}}),
             client.get("/api/nowhere"), client.delete("/api/team", headers=h)]
    assert [r.status_code for r in cases] == [400, 400, 422, 413, 422, 422, 404, 405]
    for r in cases:
        assert r.json()["ok"] is False and r.json()["error"] and "Traceback" not in r.text


def test_bodies_json_reads_but_the_server_cannot_use_are_refused_as_bad_requests(client, room):
    """Python's JSON reader accepts what no browser's JSON.stringify sends: nesting deep
    enough to exhaust the stack, and \\ud800-style escapes of half a character, which
    cannot be stored or answered in UTF-8. Each is a 400 and changes nothing, not a 500."""
    h = joined(client, room, 0)
    code = room.teams[1].code
    cases = [client.put("/api/team/draft", headers=h, content=b"[" * 5000 + b"]" * 5000),
             client.put("/api/team/draft", headers=h, content=b'{"a":' * 3000 + b"1" + b"}" * 3000),
             client.post("/api/join", content=b'{"code": "' + code.encode() + b'", "name": "\\ud800abc"}'),
             client.put("/api/team/draft", headers=h, content=b'{"orders": {"alliance": "\\udfff"}}'),
             client.post("/api/team/check", headers=h, content=b'{"orders": {"drop": ["\\ud800"]}}'),
             client.post("/api/team/submit", headers=h, content=b'{"\\ud800": 1, "orders": {}}')]
    assert [r.status_code for r in cases] == [400] * len(cases), [r.text for r in cases]
    for r in cases:
        assert r.json()["ok"] is False and r.json()["error"]
    assert room.teams[1].joins == 0 and not room.teams[0].draft and room.teams[0].submitted is None


def test_unexpected_errors_are_json_too(client, room, monkeypatch):
    h = joined(client, room, 0)
    monkeypatch.setattr(type(room), "check", lambda *a, **k: 1 / 0)
    r = client.post("/api/team/check", headers=h, json={"orders": {}})
    assert r.status_code == 500 and r.json()["ok"] is False and "ZeroDivision" not in r.text


def test_pages_are_served_locally(client):
    for path in ["/", "/console", "/static/team.js", "/static/console.js", "/static/style.css", "/static/i18n.js"]:
        r = client.get(path)
        assert r.status_code == 200, path
        assert "http://" not in r.text and "https://" not in r.text  # no CDN
    assert "default-src 'self'" in client.get("/").headers["content-security-policy"]


def test_a_submitted_plan_a_rollback_made_impossible_gets_the_missing_plan(client, room):
    """Resolving trusts plans checked at submission; when a rollback has changed a team's
    game since, the engine refuses the plan and the class falls back to checking each."""
    hs = [joined(client, room, i) for i in range(3)]
    client.post("/api/trainer/resolve", headers=trainer(room))
    for h in hs:
        assert client.post("/api/team/submit", headers=h, json={"orders": PLAN}).status_code == 200
    client.put("/api/team/draft", headers=hs[1], json={"orders": {"drop": [A]}})
    assert client.post("/api/trainer/rollback", headers=trainer(room), json={"team": 1, "use_draft": True}).status_code == 200
    assert room.teams[1].submitted == PLAN and room.match.check(1, PLAN)  # no longer fits its game
    r = client.post("/api/trainer/resolve", headers=trainer(room))
    assert r.status_code == 200 and room.sources[1] == ["submitted", "repeat", "submitted"]


def test_what_pages_poll_is_kept_until_the_game_changes(client, room):
    """The leaderboard and a team's game part are built once per state of the game: a
    resolution, a rollback (a rebuilt match) or a new name gives fresh ones."""
    h = joined(client, room, 0)
    first = client.get("/api/team", headers=h).json()
    assert client.get("/api/team", headers=h).json() == first
    client.post("/api/team/submit", headers=h, json={"orders": PLAN})
    client.post("/api/trainer/resolve", headers=trainer(room))
    after = client.get("/api/team", headers=h).json()
    assert after["observation"]["turn"] == 1 and after["leaderboard"] != first["leaderboard"]
    client.post("/api/trainer/rollback", headers=trainer(room), json={"team": 0, "quarter": 1})
    rolled = client.get("/api/team", headers=h).json()
    assert rolled["observation"] != after["observation"] and rolled["observation"]["turn"] == 1
    joined(client, room, 1, "Renamed")
    assert "Renamed" in [r["name"] for r in client.get("/api/team", headers=h).json()["leaderboard"]]


def test_a_team_name_a_spreadsheet_would_run_is_exported_as_text(client, room):
    """A team names itself in its browser, and the name goes into scores.csv and
    decisions.csv, which the trainer opens in a spreadsheet. A name starting with =, +, -
    or @ was written as it came, so the spreadsheet read it as a formula: '+1 team' showed
    #NAME?, and '=HYPERLINK(...)' put a link of the team's choosing in the trainer's file.
    Such a cell is written as text (a leading apostrophe, as spreadsheets themselves do)."""
    names = ['=HYPERLINK("http://x.example/","go")', "+1 team", "@home", "-_-", "Red = best"]
    for i, name in enumerate(names[:3]):
        joined(client, room, i, name)
    client.post("/api/trainer/resolve", headers=trainer(room))
    key = trainer(room)
    for path in ("/api/trainer/export/scores.csv", "/api/trainer/export/decisions.csv"):
        rows = list(csv.DictReader(io.StringIO(client.get(path, headers=key).text)))
        assert [r["name"] for r in rows] == ["'" + n for n in names[:3]], path
        for r in rows:
            assert not any(v[:1] in ("=", "+", "-", "@") for v in r.values() if v), r
    for i, name in enumerate(names[3:]):
        joined(client, room, i, name)
    rows = list(csv.DictReader(io.StringIO(client.get("/api/trainer/export/scores.csv", headers=key).text)))
    assert [r["name"] for r in rows] == ["'-_-", "Red = best", "'@home"]
    assert float(rows[0]["score"]) > 0 and rows[0]["quarter"] == "1"  # numbers stay numbers
