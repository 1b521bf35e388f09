"""`kaw` starts fast: help loads no engine, and `kaw list` reads each shipped scenario's
summary from a cache keyed by the file's bytes and the engine, never a stale one.
(Nothing here is timed: bench/startup.py measures the seconds.)"""
from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import engine
import engine.paths
import kaw
import kaw.cli
from engine import DOCTRINES, shipped
from kaw import listing
from kaw.cache import engine_fingerprint
from kaw.cli import Lang, app
from support import fresh_kaw

LANGS = [lang.value for lang in Lang]
TUTORIAL_TEXT = shipped()["tutorial"].read_text(encoding="utf-8")
BROKEN_TEXT = TUTORIAL_TEXT.replace("difficulty: easy", "difficulty: eazy", 1)


def loaded_by(*args: str, cache: Path | None = None) -> set[str]:
    return fresh_kaw(*args, cache=cache)[1]


@pytest.mark.parametrize("args", [["--help"], ["run", "--help"], ["list", "--help"], ["class", "--help"],
                                  ["balance", "--help"]])
def test_help_loads_no_engine_numpy_or_pydantic(args):
    assert loaded_by(*args) == set()


@pytest.mark.parametrize("collecting", [True, False])
def test_the_cycle_collector_is_held_only_while_kaw_loads(monkeypatch, collecting):
    seen = []
    monkeypatch.setattr(kaw.cli, "main", lambda: seen.append(gc.isenabled()))
    (gc.enable if collecting else gc.disable)()
    try:
        kaw.main()
        assert seen == [collecting]  # the command runs with the collector as it was
    finally:
        gc.unfreeze()
        gc.enable()


def test_list_from_a_warm_cache_loads_no_numpy_or_pydantic(tmp_path, monkeypatch):
    monkeypatch.setenv("KAW_CACHE_DIR", str(tmp_path))
    listing.shipped_summaries(LANGS)  # fills the cache, in this process
    assert loaded_by("list", cache=tmp_path) == {"engine"}


# ----------------------------------------------------------------------------- the cache


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """Shipped scenarios are this folder's: the tutorial and a broken copy of it."""
    shipped_dir = tmp_path / "scenarios"
    shipped_dir.mkdir()
    (shipped_dir / "tutorial.yaml").write_text(TUTORIAL_TEXT, encoding="utf-8")
    (shipped_dir / "broken.yaml").write_text(BROKEN_TEXT, encoding="utf-8")
    monkeypatch.setattr(engine.paths, "scenarios_dir", lambda: shipped_dir)
    monkeypatch.setenv("KAW_CACHE_DIR", str(tmp_path / "cache"))
    return shipped_dir


def kaw_list() -> str:
    result = CliRunner().invoke(app, ["list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def no_validation(monkeypatch) -> None:
    def refuse(*_):
        raise AssertionError("validated a scenario the cache holds")
    monkeypatch.setattr(listing, "summary_of", refuse)


def test_list_from_the_cache_is_the_list_from_validation(folder, monkeypatch):
    fresh = kaw_list()
    assert "cannot be loaded: 1 problem (see: kaw validate broken)" in fresh
    assert "First Quarter" in fresh
    no_validation(monkeypatch)
    assert kaw_list() == fresh


def test_list_shows_every_bot_with_the_registrys_description(folder):
    text = " ".join(kaw_list().split())
    for name, doctrine in DOCTRINES.items():
        assert f"{name} │ {doctrine.summary}" in text


def test_an_edited_file_is_validated_again(folder):
    assert "cannot be loaded" in kaw_list()
    (folder / "broken.yaml").write_text(TUTORIAL_TEXT, encoding="utf-8")
    assert "cannot be loaded" not in kaw_list()
    (folder / "broken.yaml").write_text(BROKEN_TEXT, encoding="utf-8")
    assert "cannot be loaded" in kaw_list()


@pytest.mark.parametrize("damage", ["{not json", "[]", "bad shape"])
def test_a_damaged_cache_is_ignored_and_rewritten(folder, damage):
    fresh = kaw_list()
    cache = listing.cache_file()
    doc = json.loads(cache.read_text(encoding="utf-8"))
    if damage == "bad shape":
        doc["scenarios"] = {k: {"title": 5} for k in doc["scenarios"]}
        doc["bots"] = [[1]]
        damage = json.dumps(doc)
    cache.write_text(damage, encoding="utf-8")
    assert kaw_list() == fresh
    assert json.loads(cache.read_text(encoding="utf-8"))["engine"] == doc["engine"]


def test_a_cache_from_another_engine_is_not_used(folder):
    kaw_list()
    cache = listing.cache_file()
    doc = json.loads(cache.read_text(encoding="utf-8"))
    for entry in doc["scenarios"].values():
        entry.clear()
        entry.update(title={lang: "Stale title" for lang in LANGS}, difficulty="easy", turns=1, accounts=1,
                     sides="2: none", strategies=[])
    cache.write_text(json.dumps({**doc, "engine": "an older engine"}), encoding="utf-8")
    assert "Stale title" not in kaw_list()
    cache.write_text(json.dumps(doc), encoding="utf-8")  # the same entries under this engine are used
    assert "Stale title" in kaw_list()


def test_an_unwritable_cache_only_costs_speed(folder, monkeypatch, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("KAW_CACHE_DIR", str(blocker / "cache"))  # a folder inside a file: cannot exist
    assert "First Quarter" in kaw_list()


def test_the_engine_fingerprint_follows_every_code_and_data_file(tmp_path, monkeypatch):
    copy = tmp_path / "engine"
    for path in Path(engine.__file__).parent.rglob("*"):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            (copy / path.relative_to(Path(engine.__file__).parent)).parent.mkdir(parents=True, exist_ok=True)
            (copy / path.relative_to(Path(engine.__file__).parent)).write_bytes(path.read_bytes())
    monkeypatch.setattr(engine, "__file__", str(copy / "__init__.py"))
    before = engine_fingerprint("en,zh")
    (copy / "__pycache__").mkdir()
    (copy / "__pycache__" / "stale.py").write_text("x = 1\n", encoding="utf-8")
    assert engine_fingerprint("en,zh") == before  # bytecode folders do not count
    rules = copy / "rules" / "share.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# a changed rule\n", encoding="utf-8")
    assert engine_fingerprint("en,zh") != before
    assert engine_fingerprint("en,zh") != engine_fingerprint("en")
