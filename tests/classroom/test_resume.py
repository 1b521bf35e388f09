"""A class survives kill -9: restarted with --resume, every stored join, draft and
submission is back and the replayed games match a clean replay hash for hash."""
from __future__ import annotations

import signal
import time

import httpx2

from class_helpers import free_port, start_server
from classroom.session import Classroom
from engine import ParallelMatch

PLAN = {"rep_days": {"huaxin": {"gm": 10}}, "service": {"huaxin": 2}}


def test_kill_9_mid_quarter_then_resume(tmp_path):
    db = tmp_path / "class.db"
    port = free_port()
    proc, key = start_server(db, port, "--seed", "4")
    base, trainer = f"http://127.0.0.1:{port}", {"X-Trainer-Key": key}
    try:
        status = httpx2.get(f"{base}/api/trainer/status", headers=trainer).json()
        codes = [t["code"] for t in status["teams"]]
        heads = [{"Authorization": "Bearer " + httpx2.post(f"{base}/api/join", json={"code": c}).json()["token"]}
                 for c in codes]
        for h in heads:
            assert httpx2.post(f"{base}/api/team/submit", headers=h, json={"orders": PLAN}).status_code == 200
        assert httpx2.post(f"{base}/api/trainer/resolve", headers=trainer).status_code == 200
        # quarter 2, mid-way: team 0 submitted, team 1 only has a draft
        assert httpx2.post(f"{base}/api/team/submit", headers=heads[0], json={"orders": {"training": 0.5}}).status_code == 200
        assert httpx2.put(f"{base}/api/team/draft", headers=heads[1], json={"orders": {"hire": 1}}).status_code == 200
        live = httpx2.get(f"{base}/api/team", headers=heads[0]).json()["observation"]
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)

    port = free_port()
    proc, key2 = start_server(db, port, "--resume", "--export", str(tmp_path / "out"))
    base = f"http://127.0.0.1:{port}"
    try:
        assert key2 == key
        status = httpx2.get(f"{base}/api/trainer/status", headers=trainer).json()
        assert status["quarter"] == 2 and [t["submitted"] for t in status["teams"]] == [True, False]
        assert [t["joined"] for t in status["teams"]] == [True, True]
        assert httpx2.get(f"{base}/api/team", headers=heads[1]).json()["draft"] == {"hire": 1}
        assert httpx2.get(f"{base}/api/team", headers=heads[0]).json()["observation"] == live
        assert httpx2.post(f"{base}/api/trainer/resolve", headers=trainer).status_code == 200
        # --export: the class's files are written once the answer is sent
        for _ in range(200):
            if (tmp_path / "out" / "class-report.html").exists():
                break
            time.sleep(0.05)
        assert "quarter" in (tmp_path / "out" / "scores.csv").read_text().splitlines()[0]
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)

    room = Classroom.resume(db)  # verifies every stored hash on the way
    clean = ParallelMatch("tutorial", 4, 2)
    clean.reset()
    clean.step([PLAN, PLAN])
    clean.step([{"training": 0.5}, PLAN])  # team 1 did not submit: its last plan repeats
    assert [room.match.state_hash(g) for g in range(2)] == [clean.state_hash(g) for g in range(2)]
    room.store.close()


def test_resume_refuses_a_class_that_does_not_replay(tmp_path):
    import pytest

    from classroom.session import ResumeError
    room = Classroom.create(tmp_path / "c.db", "tutorial", 2, seed=1)
    room.resolve()
    room.store.db.execute("UPDATE events SET hashes = '[\"x\", \"y\"]' WHERE kind = 'resolve'")
    room.store.close()
    with pytest.raises(ResumeError, match="does not replay"):
        Classroom.resume(tmp_path / "c.db")


def _class_file(path):
    """A class of two teams that joined and resolved two quarters, checkpointed into one file."""
    room = Classroom.create(path, "tutorial", 2, seed=1)
    room.join(room.teams[0].code)
    room.resolve()
    room.resolve()
    room.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    room.store.close()
    return path


def _sql(statement):
    def damage(path):
        import sqlite3
        db = sqlite3.connect(path)
        db.executescript(statement)
        db.commit()
        db.close()
    return damage


def _truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])


def _scenario_text(path):
    path.unlink()
    path.write_text("schema: 1\nid: my_case\n", encoding="utf-8")


DAMAGES = {
    "truncated": _truncate,
    "not a database": _scenario_text,
    "events table gone": _sql("DROP TABLE events;"),
    "meta table of another shape": _sql("DROP TABLE meta; CREATE TABLE meta (a);"),
    "meta not JSON": _sql("UPDATE meta SET value = '{' WHERE key = 'seed';"),
    "no scenario in meta": _sql("DELETE FROM meta WHERE key = 'scenario';"),
    "unknown mode": _sql("UPDATE meta SET value = '\"weird\"' WHERE key = 'mode';"),
    "event of a team that is not there": _sql("UPDATE events SET team = 9 WHERE kind = 'join';"),
    "teams renumbered": _sql("UPDATE teams SET idx = 5 WHERE idx = 1;"),
    "resolution without its orders": _sql("UPDATE events SET payload = 'null' WHERE kind = 'resolve';"),
    "event of an unknown kind": _sql("UPDATE events SET kind = 'zzz' WHERE kind = 'join';"),
    # damages that replayed, then broke the console or the report at their first request:
    "a deadline that is not a time": _sql("INSERT INTO events (ts, kind, team, quarter, payload) "
                                          "VALUES (1.0, 'timer', NULL, 3, '{}');"),
    "a pause that kept no time left": _sql("INSERT INTO events (ts, kind, team, quarter, payload) "
                                           "VALUES (1.0, 'pause', NULL, 3, '{\"left\": \"x\"}');"),
    "a team named by a number": _sql("UPDATE events SET payload = '{\"name\": 5}' WHERE kind = 'join';"),
    "an event at no time": _sql("UPDATE events SET ts = 'x' WHERE kind = 'resolve';"),
    "an event at a time past any calendar": _sql("UPDATE events SET ts = 9.2e18 WHERE kind = 'resolve';"),
    "created at no time": _sql("UPDATE meta SET value = '[]' WHERE key = 'created';"),
}


def test_a_damaged_class_file_is_refused_readably_and_left_as_it_was(tmp_path):
    """A class file cut short, edited, or not a class at all: --resume says the file cannot
    be used (StoreError, or ResumeError when it reads but does not replay), never an
    IndexError or sqlite's DatabaseError, and never repairs or rewrites the file."""
    import pytest

    from classroom.session import ResumeError
    from classroom.store import StoreError
    for name, damage in DAMAGES.items():
        path = _class_file(tmp_path / f"{name.replace(' ', '_')}.db")
        damage(path)
        before = path.read_bytes()
        with pytest.raises((StoreError, ResumeError)) as caught:
            Classroom.resume(path)
        assert str(path) in str(caught.value) or "replay" in str(caught.value), (name, caught.value)
        assert path.read_bytes() == before, name


def test_a_new_class_never_writes_into_a_file_that_is_not_a_class(tmp_path):
    """--store pointing at a folder, a scenario file or another program's database: refused
    with the file's name, and the file is left exactly as it was."""
    import sqlite3

    import pytest

    from classroom.store import StoreError
    text = tmp_path / "my_case.yaml"
    text.write_text("schema: 1\nid: my_case\n", encoding="utf-8")
    other = tmp_path / "crm.db"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE customers (name TEXT)")
    db.commit()
    db.close()
    for path in (tmp_path, text, other, tmp_path / "no" / "such" / "folder.db"):
        before = path.read_bytes() if path.is_file() else None
        with pytest.raises(StoreError, match="class file"):
            Classroom.create(path, "tutorial", 2, seed=1)
        assert (path.read_bytes() if path.is_file() else None) == before
