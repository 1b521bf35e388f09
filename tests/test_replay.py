"""Replays and saves: (engine version, scenario hash, seed, orders) rebuild a match bit
for bit; a damaged or mismatched save is refused with a readable ReplayError and never
modified; saving is atomic.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from engine import GameOver, Match, OrderError, Orders, ReplayError, replay
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


def unknown_controller(path: Path) -> None:
    tamper_json(path, controllers={"hengtai": "h}man"})     # a single bit flip of "human"


def unknown_side(path: Path) -> None:
    tamper_json(path, controllers={"hengtai": "human", "nobody": "human"})


def unknown_strategy(path: Path) -> None:
    tamper_json(path, controllers={"hengtai": "strategy:no_such_plan"})


def negative_seed(path: Path) -> None:
    tamper_json(path, seed=-1)


def too_many_turns(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["orders"] += [{"hengtai": {}}] * 4                  # 7 turns in a 6-turn game
    data["turn"] = len(data["orders"])
    path.write_text(json.dumps(data), encoding="utf-8")


def orders_not_a_side(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["orders"][1] = {"hentai": data["orders"][1]["hengtai"]}
    path.write_text(json.dumps(data), encoding="utf-8")


def wrong_format(path: Path) -> None:
    tamper_json(path, format="some-other-program")


def no_format(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["format"]
    path.write_text(json.dumps(data), encoding="utf-8")


def turn_past_the_orders(path: Path) -> None:
    tamper_json(path, turn=99)                                 # "turn 99 of 6"


def negative_turn(path: Path) -> None:
    tamper_json(path, turn=-1)


def enormous_number(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace('"seed": 4', '"seed": ' + "9" * 5000), encoding="utf-8")


def deeply_nested(path: Path) -> None:
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")


def not_a_number(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace('"training": 0.05', '"training": NaN'),
                    encoding="utf-8")


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
    unknown_controller: "unknown controller 'h}man'",
    unknown_side: "unknown side(s): nobody",
    unknown_strategy: "unknown strategy 'no_such_plan'",
    negative_seed: "seed: input should be greater than or equal to 0",
    too_many_turns: "holds 7 turns of orders, but the scenario 'tutorial' has only 6 turns",
    orders_not_a_side: "no longer apply",
    wrong_format: "format: input should be 'key-account-wars-replay'",
    no_format: "format: field required",
    turn_past_the_orders: "turn 99 does not match the 3 turns of orders saved",
    negative_turn: "turn: input should be greater than or equal to 0",
    enormous_number: "damaged",
    deeply_nested: "damaged",
    not_a_number: "NaN is not a number a save can hold",
}
# Problems found while playing the save again (not in the file's form): no file name in the message.
REBUILD_PROBLEMS = {wrong_state_hash, changed_orders, wrong_scenario_hash, missing_scenario, impossible_orders,
                    unknown_controller, unknown_side, unknown_strategy, too_many_turns, orders_not_a_side}


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
    if tamper not in REBUILD_PROBLEMS:
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


# --------------------------------------------------------------------------- what kind of refusal


def test_a_save_whose_scenario_moved_on_is_out_of_date_not_damaged(saved):
    _, path = saved
    wrong_scenario_hash(path)
    with pytest.raises(replay.OutOfDate):
        replay.load(path)
    missing_scenario(path)
    with pytest.raises(replay.OutOfDate):
        replay.load(path)


def test_a_failed_replay_is_out_of_date_only_when_another_engine_saved_it(saved):
    _, path = saved
    wrong_state_hash(path)
    with pytest.raises(ReplayError) as same_engine:
        replay.load(path)
    assert not isinstance(same_engine.value, replay.OutOfDate)
    tamper_json(path, engine_version="0.0.1-older")
    with pytest.raises(replay.OutOfDate, match="saved with 0.0.1-older"):
        replay.load(path)


def test_a_game_saved_before_drop_and_spend_were_refused_together_is_out_of_date(tutorial, tmp_path):
    """Engine 0.1.0 took orders that dropped an account and spent on it in the same
    quarter (the spending was wasted); 0.2.0 refuses them. Such a save is out of date,
    said so with both versions, never called damaged, and the file is left as it is."""
    m = Match(tutorial, 4)
    m.reset()
    path = replay.save(m, "tutorial", tmp_path / "old.kaw.json")
    aid = m.observe().accounts[-1].id
    tamper_json(path, engine_version="0.1.0", turn=1, orders=[{m.player: {"drop": [aid], "service": {aid: 1.0}}}])
    before = path.read_bytes()
    with pytest.raises(replay.OutOfDate, match="(?s)no longer apply.*dropped this quarter.*saved with engine 0.1.0"):
        replay.load(path)
    assert path.read_bytes() == before


# --------------------------------------------------------------------------- special files


def test_a_device_is_refused_without_reading_it(tmp_path):
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null here")
    # /dev/zero would be the same refusal; /dev/null keeps a regression from eating all memory.
    with pytest.raises(ReplayError, match="not a regular file"):
        replay.read("/dev/null")


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(ReplayError, match="not a regular file"):
        replay.read(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    import threading

    fifo = tmp_path / "save.kaw.json"
    os.mkfifo(fifo)
    # If the reader ever opened the pipe, this writer would let it through (and the check
    # below would fail) instead of leaving the test hanging.
    writer = threading.Thread(target=lambda: open(fifo, "wb").close(), daemon=True)
    writer.start()
    try:
        with pytest.raises(ReplayError, match="not a regular file"):
            replay.read(fifo)
    finally:
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # lets the writer's open return
        writer.join()
        os.close(reader)


def test_the_size_limit_holds_on_the_bytes_read_not_on_what_stat_says(saved, monkeypatch):
    """Devices, pipes and /proc files report size 0 whatever they hold."""
    _, path = saved
    monkeypatch.setattr(replay, "MAX_SAVE_BYTES", path.stat().st_size - 1)
    real_stat = os.stat

    def says_empty(p, *args, **kwargs):
        st = real_stat(p, *args, **kwargs)
        return os.stat_result((*st[:6], 0, *st[7:]))

    monkeypatch.setattr(os, "stat", says_empty)
    with pytest.raises(ReplayError, match="not a save file"):
        replay.read(path)


# --------------------------------------------------------------------------- never overwrite what is not ours


def damaged_state_hash(path: Path) -> None:
    wrong_state_hash(path)


def another_game(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["seed"] += 1
    path.write_text(json.dumps(data), encoding="utf-8")


def a_later_point_of_this_game(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["orders"].append({"hengtai": {}})
    data["turn"] += 1
    path.write_text(json.dumps(data), encoding="utf-8")


def not_a_save(path: Path) -> None:
    path.write_text("my notes, not a game\n", encoding="utf-8")


@pytest.mark.parametrize("occupant", [damaged_state_hash, changed_orders, unknown_controller, another_game,
                                      a_later_point_of_this_game, not_a_save, truncate],
                         ids=lambda f: f.__name__)
def test_save_never_replaces_a_file_that_is_not_an_earlier_save_of_this_game(saved, occupant):
    m, path = saved
    occupant(path)
    before = path.read_bytes()
    m.step(orders_for(m, 3))
    with pytest.raises(replay.NotOverwritten, match="was left as it is"):
        replay.save(m, "tutorial", path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_save_replaces_an_earlier_save_of_the_same_game(saved):
    m, path = saved
    m.step(orders_for(m, 3))
    replay.save(m, "tutorial", path)                      # turn 3 -> turn 4
    replay.save(m, "tutorial", path)                      # and the same turn again
    assert replay.load(path).state_hash() == m.state_hash()


# --------------------------------------------------------------------------- temporary files and durability


def test_save_sweeps_only_its_own_stale_temporary_files(saved):
    m, path = saved
    folder = path.parent
    old = time.time() - 10 * replay.STALE_TEMP_SECONDS
    stale = folder / f"{path.name}.abc123_z.tmp"           # a save killed before its rename
    fresh = folder / f"{path.name}.zzzzzzzz.tmp"           # a save in progress in another process
    others = [folder / "notes.tmp", folder / "other.json.abcdefgh.tmp", folder / f"{path.name}.tmp",
              folder / f"{path.name}.toolongname.tmp"]
    for p in [stale, fresh, *others]:
        p.write_text("half a save", encoding="utf-8")
        if p is not fresh:
            os.utime(p, (old, old))
    m.step(orders_for(m, 3))
    replay.save(m, "tutorial", path)
    assert not stale.exists()
    assert fresh.exists() and all(p.exists() for p in others)


@pytest.mark.skipif(os.name == "nt", reason="Windows cannot sync a folder")
def test_save_syncs_the_file_before_the_rename_and_the_folder_after(saved, monkeypatch):
    import stat

    m, path = saved
    m.step(orders_for(m, 3))
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append("fsync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync file")
        real_fsync(fd)

    def replace(*args, **kwargs):
        events.append("rename")
        real_replace(*args, **kwargs)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    replay.save(m, "tutorial", path)
    assert events == ["fsync file", "rename", "fsync folder"]


# --------------------------------------------------------------------------- the command line


def test_kaw_replay_of_a_damaged_save_is_one_line_and_no_traceback(saved):
    from typer.testing import CliRunner

    from kaw.cli import app

    _, path = saved
    for tamper in (negative_seed, unknown_controller, too_many_turns):
        tamper(path)
        result = CliRunner().invoke(app, ["replay", str(path)], env={"COLUMNS": "400"})
        assert result.exit_code == 1, result.output
        assert isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
        assert result.output.startswith("error: ") and len(result.output.strip().splitlines()) == 1


def test_kaw_replay_of_a_named_pipe_returns_at_once(tmp_path):
    from typer.testing import CliRunner

    from kaw.cli import app

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    result = CliRunner().invoke(app, ["replay", str(fifo)], env={"COLUMNS": "400"})
    assert result.exit_code == 1 and "not a regular file" in result.output


# --------------------------------------------------------------------------- fuzzing


def test_every_bit_flip_of_a_save_resumes_exactly_or_is_refused(saved, tmp_path):
    """A damaged file either still is the same game (a flip in the engine version, say)
    or is refused with a ReplayError; nothing else may escape. Seeded, a few hundred flips."""
    import random

    m, path = saved
    raw = path.read_bytes()
    rng = random.Random(20240611)
    target = tmp_path / "flipped.kaw.json"
    flips = [(rng.randrange(len(raw)), rng.randrange(8)) for _ in range(250)]
    # and every flip of the bits of "human", which a random sample rarely hits
    at = raw.index(b'"human"') + 1
    flips += [(at + i, bit) for i in range(5) for bit in range(7)]
    outcomes = {"same game": 0, "refused": 0}
    for pos, bit in flips:
        data = bytearray(raw)
        data[pos] ^= 1 << bit
        target.write_bytes(bytes(data))
        try:
            again = replay.load(target)
        except ReplayError:
            outcomes["refused"] += 1
            continue
        assert again.state_hash() == m.state_hash() and again.turn == m.turn, (pos, bit)
        outcomes["same game"] += 1
    assert outcomes["refused"] > 100 and outcomes["same game"] > 0


@pytest.mark.parametrize("raised", [ValueError("seed must not be negative"), KeyError("unknown side 'x'"),
                                    TypeError("not Orders"), GameOver("the game is over"),
                                    OrderError(["hengtai: too many days"])],
                         ids=lambda e: type(e).__name__)
def test_whatever_the_engine_refuses_while_rebuilding_is_a_replay_error(saved, monkeypatch, raised):
    m, path = saved
    rep = replay.read(path)

    def refuse(*args, **kwargs):
        raise raised

    monkeypatch.setattr(Match, "step", refuse)
    with pytest.raises(ReplayError):
        replay.rebuild(rep)
    monkeypatch.undo()
    monkeypatch.setattr(Match, "reset", refuse)
    with pytest.raises(ReplayError):
        replay.rebuild(rep)


def test_rebuild_refuses_a_negative_seed_even_if_a_replay_was_built_without_checks(saved):
    _, path = saved
    rep = replay.read(path).model_copy(update={"seed": -1})   # model_copy does not validate
    with pytest.raises(ReplayError, match="damaged"):
        replay.rebuild(rep)
