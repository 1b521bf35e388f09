"""Saved games: where they live, listing them, writing them safely, resuming them.

A save is an engine replay (engine.replay): scenario, seed and the orders of every turn
played, written atomically (temporary file, fsync, rename) so that a crash never leaves a
half-written save. A save that cannot be read is listed with the reason and never written
to: the game picks a new file name instead of replacing it.

The folder is `platformdirs.user_data_dir("key-account-wars")/saves`, or $KAW_SAVE_DIR.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import platformdirs

from engine import Match, load_scenario, shipped, text_of
from engine import replay
from engine.replay import ReplayError

APP_NAME = "key-account-wars"
SUFFIX = ".kaw.json"


def save_dir() -> Path:
    env = os.environ.get("KAW_SAVE_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME)) / "saves"


@dataclass(frozen=True)
class SaveInfo:
    path: Path
    ok: bool
    reason: str              # why it cannot be used ("" when ok)
    scenario: str            # scenario reference stored in the save
    title: str               # scenario title for people
    turn: int
    turns: int
    saved_at: float          # file modification time

    @property
    def name(self) -> str:
        return self.path.name[: -len(SUFFIX)] if self.path.name.endswith(SUFFIX) else self.path.name


@lru_cache(maxsize=64)
def _scenario_meta(ref: str, lang: str) -> tuple[str, int]:
    try:
        sc = load_scenario(ref)
    except Exception:
        return ref, 0
    return text_of(sc.title, lang), sc.turns


def read_info(path: Path, lang: str = "en") -> SaveInfo:
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    try:
        rep = replay.read(path)
    except ReplayError as exc:
        return SaveInfo(path, False, str(exc), "", path.name, 0, 0, mtime)
    title, turns = _scenario_meta(rep.scenario, lang)
    return SaveInfo(path, True, "", rep.scenario, title, rep.turn, turns, mtime)


def list_saves(directory: Path | None = None, lang: str = "en") -> list[SaveInfo]:
    """Every save in the folder, newest first; unreadable ones included, with the reason."""
    d = directory or save_dir()
    if not d.is_dir():
        return []
    infos = [read_info(p, lang) for p in d.glob("*" + SUFFIX) if p.is_file()]
    return sorted(infos, key=lambda i: (-i.saved_at, i.path.name))


def latest(directory: Path | None = None, lang: str = "en") -> SaveInfo | None:
    return next((s for s in list_saves(directory, lang) if s.ok), None)


def scenario_ref(name: str) -> str:
    """What a save stores to find the scenario again: a shipped id, else an absolute path."""
    if name in shipped():
        return name
    return str(Path(name).expanduser().resolve())


def new_path(scenario_id: str, directory: Path | None = None) -> Path:
    d = directory or save_dir()
    stem = f"{scenario_id}-{time.strftime('%Y%m%d-%H%M%S')}"
    path, n = d / (stem + SUFFIX), 1
    while path.exists():
        n += 1
        path = d / f"{stem}-{n}{SUFFIX}"
    return path


def _is_corrupt(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        replay.read(path)
        return False
    except ReplayError:
        return True


def write(match: Match, ref: str, path: Path) -> Path:
    """Save atomically to `path`, unless a damaged save sits there: then to a new name.
    Returns the path actually written."""
    if _is_corrupt(path):
        sid = path.name.split("-")[0] or "game"
        path = new_path(sid, path.parent)
    return replay.save(match, ref, path)


def load(path: Path, lang: str = "en") -> Match:
    """Rebuild the saved match; raises ReplayError (with a reason for people)."""
    return replay.rebuild(replay.read(path), lang=lang)


def ref_of(path: Path) -> str:
    return replay.read(path).scenario
