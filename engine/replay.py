"""Replays and saves: (engine version, scenario hash, seed, controllers, orders per turn).

Because the engine is deterministic, this small record rebuilds a match bit for bit;
the final state hash is stored and checked. A save is a replay written atomically
(temporary file, fsync, rename), so a crash never leaves a half-written save, and a
corrupt or mismatched save is reported without ever being overwritten.
"""
from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .match import Match
from .orders import Orders
from .scenario import Scenario, load_scenario, scenario_hash
from .version import ENGINE_VERSION

MAX_SAVE_BYTES = 5_000_000


class ReplayError(ValueError):
    """A replay or save that cannot be used; the message says why, for a person."""


class Replay(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: str = Field("key-account-wars-replay")
    engine_version: str
    scenario: str = Field(description="Shipped scenario id or the path it was loaded from.")
    scenario_hash: str
    seed: int
    controllers: dict[str, str]
    orders: list[dict[str, dict]]
    state_hash: str
    turn: int


def record(match: Match, scenario_ref: str) -> Replay:
    return Replay(
        engine_version=ENGINE_VERSION, scenario=scenario_ref, scenario_hash=scenario_hash(match.scenario),
        seed=match.seed, controllers=match.controllers, orders=match.orders_log,
        state_hash=match.state_hash(), turn=match.turn,
    )


def rebuild(rep: Replay, scenario: Scenario | None = None, lang: str = "en") -> Match:
    """Play a replay's orders again; raises ReplayError if the result differs."""
    try:
        sc = scenario or load_scenario(rep.scenario)
    except Exception as exc:  # ScenarioError or a missing file: say what, not how
        raise ReplayError(f"the scenario '{rep.scenario}' of this save cannot be loaded:\n{exc}") from None
    if scenario_hash(sc) != rep.scenario_hash:
        raise ReplayError(f"the scenario '{rep.scenario}' has changed since this game was saved")
    m = Match(sc, rep.seed, rep.controllers, lang)
    m.reset()
    try:
        for turn_orders in rep.orders:
            m.step({sid: Orders.model_validate(o) for sid, o in turn_orders.items()})
    except (ValueError, ValidationError) as exc:
        raise ReplayError(f"the saved orders no longer apply: {exc}") from None
    if m.state_hash() != rep.state_hash:
        raise ReplayError(
            "replaying the saved orders does not reproduce the saved game "
            f"(engine {ENGINE_VERSION}, saved with {rep.engine_version})")
    return m


def save(match: Match, scenario_ref: str, path: str | Path) -> Path:
    """Write the match atomically: the old file stays intact until the new one is complete."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = record(match, scenario_ref).model_dump_json(indent=1)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a save is an ordinary document
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, reading at most MAX_SAVE_BYTES + 1 and only from a regular file.

    The size in stat() is no limit on its own: devices (/dev/zero) and pipes report 0
    and never end, and opening a FIFO waits for a writer. So anything but a regular file
    is refused before opening it, the open never blocks (O_NONBLOCK), the open file is
    checked again (it may have been swapped meanwhile), and the read is bounded.
    """
    def not_regular() -> ReplayError:
        return ReplayError(f"{path}: not a save file (not a regular file)")

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise not_regular()
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise not_regular()
            data = f.read(MAX_SAVE_BYTES + 1)
    except FileNotFoundError:
        raise ReplayError(f"{path}: no such save file") from None
    except OSError as exc:
        raise ReplayError(f"{path}: the save file cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_SAVE_BYTES:
        raise ReplayError(f"{path}: not a save file (larger than {MAX_SAVE_BYTES // 1_000_000} MB)")
    return data


def read(path: str | Path) -> Replay:
    """Parse a save file; a corrupt one raises ReplayError and is left untouched."""
    path = Path(path)
    raw = _read_bytes(path)
    try:
        return Replay.model_validate(json.loads(raw.decode("utf-8")))
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"]) or "the top level"
        raise ReplayError(f"{path}: the save file is damaged and cannot be loaded ({where}: {err['msg'].lower()})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        first = str(exc).splitlines()[0]
        raise ReplayError(f"{path}: the save file is damaged and cannot be loaded ({first})") from None


def load(path: str | Path, lang: str = "en") -> Match:
    return rebuild(read(path), lang=lang)
