"""Saved games: where they live, listing them, writing them safely, resuming them.

A save is an engine replay (engine.replay): scenario, seed and the orders of every turn
played, written atomically (temporary file, fsync, rename) so that a crash never leaves a
half-written save. A save that cannot be resumed is listed with the reason and never
written to: the game picks a new file name instead of replacing it.

The list checks each save exactly as resuming it does (read, then rebuild), so Continue
and the load screen never offer a save that will not resume. That costs a replay per
save, so the verdict is remembered per version of the save file and of its scenario file.

The folder is `platformdirs.user_data_dir("key-account-wars")/saves`, or $KAW_SAVE_DIR.
"""
from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import platformdirs

from engine import Match, load_scenario, shipped, text_of
from engine import replay
from engine.replay import ReplayError
from engine.scenario import resolve

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
    scenario: str            # scenario reference stored in the save
    title: str               # scenario title for people
    turn: int
    turns: int
    saved_at: float          # file modification time
    error: ReplayError | None = None  # why it cannot be used (its code and facts: game/save_reasons.py)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def reason(self) -> str:
        """Why it cannot be used, in the engine's words ("" when ok)."""
        return str(self.error or "")

    @property
    def outdated(self) -> bool:
        """Intact, but its scenario or the engine changed since (else: damaged)."""
        return isinstance(self.error, replay.OutOfDate)

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


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What changes whenever a file's content does (None: no such file)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


def _scenario_stamp(ref: str) -> tuple[int, int, int] | None:
    try:
        return _stamp(resolve(ref))
    except Exception:  # no such scenario: the verdict says so, and holds until one appears
        return None


# (save path, save stamp, scenario ref, scenario stamp) -> the engine's refusal, or None
_verdicts: dict[tuple, ReplayError | None] = {}


def _verdict(path: Path, stamp, rep: replay.Replay) -> ReplayError | None:
    """Whether the save resumes, by rebuilding it as resuming does; remembered until the
    save or its scenario file changes, so the title screen replays nothing twice."""
    key = (str(path), stamp, rep.scenario, _scenario_stamp(rep.scenario))
    if key not in _verdicts:
        if len(_verdicts) > 512:
            _verdicts.clear()
        try:
            replay.rebuild(rep)
            _verdicts[key] = None
        except ReplayError as exc:
            _verdicts[key] = exc
    return _verdicts[key]


def read_info(path: Path, lang: str = "en") -> SaveInfo:
    """A save as the lists show it: ok only if it will resume, else the reason."""
    stamp = _stamp(path)
    mtime = stamp[0] / 1e9 if stamp else 0.0
    try:
        rep = replay.read(path)
    except ReplayError as exc:
        return SaveInfo(path, "", path.name, 0, 0, mtime, exc)
    title, turns = _scenario_meta(rep.scenario, lang)
    return SaveInfo(path, rep.scenario, title, rep.turn, turns, mtime, _verdict(path, stamp, rep))


def _newest_first(d: Path) -> list[tuple[float, Path]]:
    """The save files in `d`, newest first (by name among equals); sweeps the temporary
    files of saves that were killed half-way, which nothing else would ever remove."""
    replay.sweep_stale_temps(d, "*" + SUFFIX, time.time())
    found = []
    for p in d.glob("*" + SUFFIX):
        try:
            st = p.stat()
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            found.append((st.st_mtime, p))
    return sorted(found, key=lambda f: (-f[0], f[1].name))


def list_saves(directory: Path | None = None, lang: str = "en") -> list[SaveInfo]:
    """Every save in the folder, newest first; ones that will not resume included, with the reason."""
    d = directory or save_dir()
    if not d.is_dir():
        return []
    return [read_info(p, lang) for _, p in _newest_first(d)]


def latest(directory: Path | None = None, lang: str = "en") -> SaveInfo | None:
    """The newest save that will resume; checks saves only until it finds one."""
    d = directory or save_dir()
    if not d.is_dir():
        return None
    for _, p in _newest_first(d):
        info = read_info(p, lang)
        if info.ok:
            return info
    return None


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


def write(match: Match, ref: str, path: Path) -> Path:
    """Save atomically to `path`, unless it holds something that is not an earlier save of
    this same game (a damaged save, another game): that is kept, and the game goes to a
    new file. Returns the path actually written."""
    try:
        return replay.save(match, ref, path)
    except replay.NotOverwritten:
        return replay.save(match, ref, new_path(match.scenario.id, path.parent))


def load(path: Path, lang: str = "en") -> Match:
    """Rebuild the saved match; raises ReplayError (with a reason for people)."""
    return replay.rebuild(replay.read(path), lang=lang)


def ref_of(path: Path) -> str:
    return replay.read(path).scenario
