"""`kaw run` takes a validated scenario from its cache only when the entry was made from the
same bytes by the same engine: it prints exactly what validation would have given, and an
edited file, another engine or a damaged entry is validated again. (Nothing here is timed:
bench/startup.py measures the seconds.)"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

import engine
from engine import ScenarioError, load_scenario, shipped
from engine.scenario import scenario_hash
from kaw import scenario_cache
from kaw.cli import app
from support import fresh_kaw

TUTORIAL_TEXT = shipped()["tutorial"].read_text(encoding="utf-8")


@pytest.fixture
def case(tmp_path, monkeypatch) -> Path:
    """A copy of the tutorial, with a cache folder of its own."""
    monkeypatch.setenv("KAW_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "case.yaml"
    path.write_text(TUTORIAL_TEXT, encoding="utf-8")
    return path


def no_validation(monkeypatch) -> None:
    def refuse(*_):
        raise AssertionError("validated a scenario the cache holds")
    monkeypatch.setattr(engine, "load_scenario", refuse)


def entries() -> list[Path]:
    return sorted(scenario_cache.cache_dir().glob(f"{scenario_cache.FOLDER}/*.pickle"))


def test_a_warm_run_prints_the_same_bytes_without_parsing_yaml(tmp_path):
    args = ("run", "tutorial", "--seed", "1", "--bot", "balanced")
    cold, cold_loaded = fresh_kaw(*args, cache=tmp_path)
    warm, warm_loaded = fresh_kaw(*args, cache=tmp_path)
    assert "Why, account by account" in cold
    assert warm == cold
    assert "yaml" in cold_loaded and "yaml" not in warm_loaded


def test_the_cached_scenario_is_the_validated_one(case, monkeypatch):
    fresh = load_scenario(case)
    assert scenario_cache.load(case) == fresh  # validated, and remembered
    no_validation(monkeypatch)
    cached = scenario_cache.load(case)
    assert cached == fresh and cached is not fresh
    assert cached.model_fields_set == fresh.model_fields_set
    assert scenario_hash(cached) == scenario_hash(fresh)


def test_kaw_run_json_is_the_same_from_the_cache(case, monkeypatch):
    def run() -> str:
        result = CliRunner().invoke(app, ["run", str(case), "--seed", "3", "--json"])
        assert result.exit_code == 0, result.output
        return result.stdout

    fresh = run()
    no_validation(monkeypatch)
    assert run() == fresh


def test_an_edited_file_is_validated_again(case):
    assert scenario_cache.load(case).difficulty == "easy"
    case.write_text(TUTORIAL_TEXT.replace("difficulty: easy", "difficulty: eazy", 1), encoding="utf-8")
    with pytest.raises(ScenarioError):
        scenario_cache.load(case)
    case.write_text(TUTORIAL_TEXT.replace("difficulty: easy", "difficulty: hard", 1), encoding="utf-8")
    assert scenario_cache.load(case).difficulty == "hard"


def test_a_scenario_that_does_not_load_is_never_remembered(case):
    case.write_text(TUTORIAL_TEXT.replace("difficulty: easy", "difficulty: eazy", 1), encoding="utf-8")
    for _ in range(2):
        result = CliRunner().invoke(app, ["run", str(case)])
        assert result.exit_code == 1 and "the scenario cannot be loaded" in result.output
    assert entries() == []


def payload_entry(raw: bytes, payload: bytes) -> bytes:
    """RAW's header and key with PAYLOAD and its correct checksum (damage only a sound
    checksum lets through)."""
    header = raw[:raw.index(b"\n", len(scenario_cache.MAGIC)) + 1]
    return header + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


DAMAGE = {
    "empty": lambda raw: b"",
    "truncated": lambda raw: raw[:len(raw) // 2],
    "a flipped byte": lambda raw: raw[:-10] + bytes([raw[-10] ^ 1]) + raw[-9:],
    "another format": lambda raw: raw.replace(scenario_cache.MAGIC, b"kaw-validated-scenario 0\n"),
    "not a pickle": lambda raw: payload_entry(raw, b"not a pickle"),
    "not a scenario": lambda raw: payload_entry(raw, pickle.dumps({"id": "tutorial"})),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_entry_is_ignored_and_rewritten(case, damage):
    fresh = scenario_cache.load(case)
    [slot] = entries()
    good = slot.read_bytes()
    slot.write_bytes(DAMAGE[damage](good))
    assert scenario_cache.load(case) == fresh
    assert slot.read_bytes() == good


def test_an_entry_from_another_engine_is_not_used(case, monkeypatch):
    """A stale scenario planted under this engine's key is used (so the key is what
    decides), and not once the engine's fingerprint is another one."""
    fresh = scenario_cache.load(case)
    stale = fresh.model_copy(update={"difficulty": "hard"})
    [slot] = entries()
    slot.write_bytes(payload_entry(slot.read_bytes(), pickle.dumps(stale)))
    assert scenario_cache.load(case).difficulty == "hard"
    monkeypatch.setattr(scenario_cache, "engine_fingerprint", lambda context: "an older engine")
    assert scenario_cache.load(case).difficulty == "easy"


def test_an_unwritable_cache_only_costs_speed(case, monkeypatch, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("KAW_CACHE_DIR", str(blocker / "cache"))  # a folder inside a file: cannot exist
    assert scenario_cache.load(case) == load_scenario(case)


def test_the_folder_keeps_only_the_newest_entries(case, monkeypatch, tmp_path):
    monkeypatch.setattr(scenario_cache, "MAX_ENTRIES", 2)
    copies = [tmp_path / f"copy{i}.yaml" for i in range(3)]
    for second, path in enumerate(copies):
        path.write_text(TUTORIAL_TEXT, encoding="utf-8")
        scenario_cache.load(path)
        os.utime(scenario_cache.slot_of(path), (second, second))  # written in this order, whatever the clock's grain
    assert entries() == sorted(scenario_cache.slot_of(p) for p in copies[1:])


def test_a_file_edited_while_it_is_validated_is_not_remembered(case, monkeypatch):
    validate = engine.load_scenario

    def validate_then_edit(path):
        sc = validate(path)
        case.write_text(TUTORIAL_TEXT.replace("difficulty: easy", "difficulty: hard", 1), encoding="utf-8")
        return sc

    monkeypatch.setattr(engine, "load_scenario", validate_then_edit)
    assert scenario_cache.load(case).difficulty == "easy"
    assert entries() == []


def _kaw_run(path: Path, cache: Path, memory: int | None = None):
    """`python -m kaw run PATH --turns 1` in a child process, bounded in time (and memory)."""
    import subprocess
    import sys

    def limit():
        if memory is not None:
            import resource
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {**os.environ, "KAW_CACHE_DIR": str(cache), "COLUMNS": "160"}
    return subprocess.run([sys.executable, "-m", "kaw", "run", str(path), "--turns", "1"], capture_output=True,
                          text=True, timeout=60, env=env, preexec_fn=limit, cwd=Path(__file__).resolve().parent.parent)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_scenario_read_from_a_pipe_plays_as_it_validates(tmp_path):
    """`kaw validate <(...)` read the scenario from the pipe; `kaw run <(...)` first read
    it into the cache's key, and the engine then found the pipe empty ('file is empty')
    or waited for a writer forever. A pipe or a device is read by the engine alone, once,
    and nothing is remembered for it."""
    import threading

    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)

    def writer():  # like a shell's <(cat tutorial.yaml): one writer, once
        with open(fifo, "w", encoding="utf-8") as f:
            f.write(TUTORIAL_TEXT)
    threading.Thread(target=writer, daemon=True).start()
    try:
        result = _kaw_run(fifo, tmp_path / "cache")
    finally:
        try:  # unblock the writer if nobody read the pipe
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        except OSError:
            pass
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Why, account by account" in result.stdout
    assert not list((tmp_path / "cache").glob("**/*.pickle"))


@pytest.mark.skipif(not Path("/dev/zero").exists() or os.name != "posix", reason="needs /dev/zero")
def test_an_endless_device_is_refused_like_validate_refuses_it(tmp_path):
    """`kaw validate /dev/zero` says the file is too large; `kaw run /dev/zero` read it
    whole into memory for the cache's key and never came back."""
    result = _kaw_run(Path("/dev/zero"), tmp_path / "cache", memory=2 * 1024**3)
    assert result.returncode == 1, result.stderr
    assert "file is larger than 1 MB" in result.stderr and "Traceback" not in result.stderr
