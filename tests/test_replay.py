"""Replays and saves: (engine version, scenario hash, seed, orders) rebuild a match bit
for bit; a damaged or mismatched save is refused with a readable ReplayError and never
modified; saving is atomic.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from engine import Match, Orders, ReplayError, replay
from engine.scenario import scenario_hash


def someone(obs, aid: str, *levels: str) -> str:
    """The first person at account `aid` at the first of `levels` that somebody holds."""
    people = obs.account(aid).stakeholders
    return next(p.id for lv in levels for p in people if p.level == lv)


def orders_for(m: Match, turn: int) -> Orders:
    obs = m.observe()
    accounts = [a.id for a in obs.accounts if not a.dropped]
    focus = accounts[turn % len(accounts)]
    days = 0.7 * obs.capacity_days
    top, next_ = someone(obs, focus, "decision"), someone(obs, focus, "management", "operational")
    return Orders(
        rep_days={focus: {top: round(days / 2, 2), next_: round(days / 4, 2)},
                  accounts[0]: {someone(obs, accounts[0], "operational"): round(days / 5, 2)}},
        exec_visits={focus: {top: 1}},
        service={a: 1.0 for a in accounts},
        price_cut={focus: 0.02 * (turn % 3)},
        teams=[focus] if turn % 2 else [],
        training=0.05,
    )


def played(sc, turns: int, seed: int = 4) -> Match:
    m = Match(sc, seed)
    m.reset()
    for t in range(turns):
        m.step(orders_for(m, t))
    return m


@pytest.fixture
def saved(tutorial, tmp_path) -> tuple[Match, Path]:
    m = played(tutorial, 3)
    path = replay.save(m, "tutorial", tmp_path / "game.kaw.json")
    return m, path


# --------------------------------------------------------------------------- round trips


def test_record_and_rebuild_reproduce_the_hash(tutorial):
    m = played(tutorial, tutorial.turns)
    rep = replay.record(m, "tutorial")
    assert rep.turn == tutorial.turns and len(rep.orders) == tutorial.turns
    assert rep.scenario_hash == scenario_hash(tutorial)
    again = replay.rebuild(rep)
    assert again.state_hash() == m.state_hash()
    assert again.turn == m.turn


def test_save_read_load_round_trip(saved):
    m, path = saved
    rep = replay.read(path)
    assert rep == replay.record(m, "tutorial")
    loaded = replay.load(path)
    assert loaded.state_hash() == m.state_hash()
    assert [r.turn for r in loaded.reports] == [1, 2, 3]


def test_a_loaded_game_continues_exactly_like_the_original(saved):
    m, path = saved
    loaded = replay.load(path)
    for t in range(3, m.scenario.turns):
        m.step(orders_for(m, t))
        loaded.step(orders_for(loaded, t))
        assert loaded.state_hash() == m.state_hash()
    assert loaded.done and m.done


def test_rebuild_with_bot_controllers(tutorial):
    m = Match(tutorial, 8, {"kessler": "flanker"})
    m.reset()
    m.step(orders_for(m, 0))
    m.step(orders_for(m, 1))
    again = replay.rebuild(replay.record(m, "tutorial"))
    assert again.state_hash() == m.state_hash()


def test_save_by_path_to_a_scenario_file(tutorial, tmp_path, repo_root):
    src = tmp_path / "mine.yaml"
    src.write_bytes((repo_root / "scenarios" / "tutorial.yaml").read_bytes())
    m = played(tutorial, 2)
    path = replay.save(m, str(src), tmp_path / "saves" / "a.json")  # folder created
    assert replay.load(path).state_hash() == m.state_hash()
    # A comment does not change the scenario; a number does.
    src.write_text(src.read_text(encoding="utf-8") + "\n# a trainer's note\n", encoding="utf-8")
    assert replay.load(path).state_hash() == m.state_hash()
    text = src.read_text(encoding="utf-8")
    assert "\n    demand: " in text
    src.write_text(text.replace("\n    demand: ", "\n    demand: 1", 1), encoding="utf-8")
    with pytest.raises(ReplayError, match="has changed since this game was saved"):
        replay.load(path)


# --------------------------------------------------------------------------- refusals


def tamper_json(path: Path, **changes) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")


def truncate(path: Path) -> None:
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])


def bad_json(path: Path) -> None:
    path.write_text("{ this is not json", encoding="utf-8")


def not_utf8(path: Path) -> None:
    path.write_bytes(b'{"format": "key-account-wars-replay", "scenario": "caf\xe9"}')


def huge(path: Path) -> None:
    with open(path, "wb") as f:
        f.truncate(replay.MAX_SAVE_BYTES + 1)


def empty(path: Path) -> None:
    path.write_bytes(b"")


def a_list(path: Path) -> None:
    path.write_text("[1, 2, 3]", encoding="utf-8")


def wrong_field_type(path: Path) -> None:
    tamper_json(path, seed="forty-two")


def unknown_field(path: Path) -> None:
    tamper_json(path, cheat=True)


def wrong_state_hash(path: Path) -> None:
    tamper_json(path, state_hash="0" * 64)


def wrong_scenario_hash(path: Path) -> None:
    tamper_json(path, scenario_hash="deadbeefdeadbeef")


def missing_scenario(path: Path) -> None:
    tamper_json(path, scenario="no_such_scenario")


def impossible_orders(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["orders"][0]["hengtai"] = {"rep_days": {"huaxin": {"gm": 10_000}}}
    path.write_text(json.dumps(data), encoding="utf-8")


def changed_orders(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["orders"][0]["hengtai"]["training"] = 0.06
    path.write_text(json.dumps(data), encoding="utf-8")


TAMPERS = {
    bad_json: "damaged",
    truncate: "damaged",
    not_utf8: "damaged",
    empty: "damaged",
    a_list: "damaged",
    wrong_field_type: "damaged",
    unknown_field: "damaged",
    huge: "not a save file",
    wrong_state_hash: "does not reproduce the saved game",
    changed_orders: "does not reproduce the saved game",
    wrong_scenario_hash: "has changed since this game was saved",
    missing_scenario: "cannot be loaded",
    impossible_orders: "no longer apply",
}


@pytest.mark.parametrize("tamper", list(TAMPERS), ids=lambda f: f.__name__)
def test_a_damaged_save_is_refused_readably_and_left_alone(saved, tamper):
    _, path = saved
    tamper(path)
    before = path.read_bytes()
    stat_before = path.stat()
    with pytest.raises(ReplayError) as info:
        replay.load(path)
    message = str(info.value)
    assert TAMPERS[tamper] in message
    assert "Traceback" not in message and len(message) < 2000
    if tamper not in (wrong_state_hash, changed_orders, wrong_scenario_hash, missing_scenario, impossible_orders):
        assert str(path) in message, "a file problem names the file"
    assert path.read_bytes() == before, "a refused save must never be modified"
    assert path.stat().st_mtime_ns == stat_before.st_mtime_ns
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_a_missing_save_is_a_replay_error(tmp_path):
    with pytest.raises(ReplayError, match="no such save file"):
        replay.read(tmp_path / "nothing.json")


# --------------------------------------------------------------------------- atomic saves


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_save_is_atomic(saved, monkeypatch, failing):
    m, path = saved
    before = path.read_bytes()
    m.step(orders_for(m, 3))  # the game moved on: a new save would differ

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(OSError):
        replay.save(m, "tutorial", path)
    monkeypatch.undo()
    assert path.read_bytes() == before, "the old save must survive a failed write"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name], "no temporary file may remain"
    # and the intact old save still loads, at the old turn
    assert replay.load(path).turn == 3
    # a save that succeeds replaces it completely
    replay.save(m, "tutorial", path)
    assert replay.load(path).state_hash() == m.state_hash()
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
