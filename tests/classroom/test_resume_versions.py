"""`kaw class --resume` on a class file another engine version made: the trainer is told
which engine made it and which one is running, before anything is replayed, and the file
is left byte for byte as it was. A class file from before the version was stored resumes
when it replays; when it does not, the message says it may be from another engine."""
from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

import classroom.server
import classroom.session
from engine import ENGINE_VERSION, shipped
from kaw.cli import app


def kaw(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@pytest.fixture
def served(monkeypatch):
    """`kaw class` without the web server: the rooms it would have served."""
    rooms = []
    monkeypatch.setattr(classroom.server, "serve", lambda room, *a, **k: rooms.append(room))
    yield rooms
    for room in rooms:
        room.store.close()


def new_class(served, store, scenario: str = "tutorial") -> None:
    """A class made by `kaw class`, with one quarter resolved and the file checkpointed."""
    result = kaw("class", scenario, "--teams", "2", "--no-browser", "--store", str(store))
    assert result.exit_code == 0, result.output
    room = served.pop()
    room.resolve()
    room.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    room.store.close()


def meta(store) -> dict:
    import json
    db = sqlite3.connect(store)
    try:
        return {k: json.loads(v) for k, v in db.execute("SELECT key, value FROM meta")}
    finally:
        db.close()


def sql(store, statement: str) -> None:
    db = sqlite3.connect(store)
    db.executescript(statement)
    db.commit()
    db.close()


def test_a_class_file_stores_the_engine_version_and_the_scenario_hash(tmp_path, served):
    from engine import load_scenario, scenario_hash
    new_class(served, tmp_path / "c.db")
    stored = meta(tmp_path / "c.db")
    assert stored["engine_version"] == ENGINE_VERSION
    assert stored["scenario_hash"] == scenario_hash(load_scenario("tutorial"))


def test_resume_refuses_a_class_of_another_engine_version_naming_both(tmp_path, served, monkeypatch):
    store = tmp_path / "c.db"
    with monkeypatch.context() as m:   # the class is made by an older engine
        m.setattr(classroom.session, "ENGINE_VERSION", "0.1.9")
        new_class(served, store)
    before = store.read_bytes()
    result = kaw("class", "tutorial", "--resume", "--no-browser", "--store", str(store))
    no_traceback(result)
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert f"made with engine 0.1.9, this is {ENGINE_VERSION}" in text, text
    assert str(store) in result.output.replace("\n", "")
    assert "does not replay" not in text and "hash" not in text   # no confusing hash difference
    assert not served
    assert store.read_bytes() == before


def test_resume_refuses_a_class_whose_scenario_changed_since(tmp_path, served):
    case = tmp_path / "my_case.yaml"
    case.write_bytes(shipped()["tutorial"].read_bytes())
    store = tmp_path / "c.db"
    new_class(served, store, str(case))
    case.write_text(case.read_text(encoding="utf-8").replace("cash: 6.0", "cash: 7.0", 1),
                    encoding="utf-8")
    before = store.read_bytes()
    result = kaw("class", str(case), "--resume", "--no-browser", "--store", str(store))
    no_traceback(result)
    assert result.exit_code == 1, result.output
    assert "has changed since this class was made" in " ".join(result.output.split()), result.output
    assert not served
    assert store.read_bytes() == before


def test_a_class_file_from_before_version_tracking_resumes_when_it_replays(tmp_path, served):
    store = tmp_path / "c.db"
    new_class(served, store)
    sql(store, "DELETE FROM meta WHERE key IN ('engine_version', 'scenario_hash');")
    result = kaw("class", "tutorial", "--resume", "--no-browser", "--store", str(store))
    assert result.exit_code == 0, result.output
    assert served and served[0].quarter == 2
    # replayed hash for hash by this engine: from now on the file says so
    assert meta(store)["engine_version"] == ENGINE_VERSION


def test_a_class_file_from_before_version_tracking_that_does_not_replay_says_it_may_be_another_engine(
        tmp_path, served):
    store = tmp_path / "c.db"
    new_class(served, store)
    sql(store, "DELETE FROM meta WHERE key IN ('engine_version', 'scenario_hash');"
               "UPDATE events SET hashes = '{\"all\": \"0123456789abcdef\"}' WHERE kind = 'resolve';")
    before = store.read_bytes()
    result = kaw("class", "tutorial", "--resume", "--no-browser", "--store", str(store))
    no_traceback(result)
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert "predates version tracking" in text and "another engine version" in text, text
    assert ENGINE_VERSION in text
    assert not served
    assert store.read_bytes() == before
