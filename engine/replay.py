"""Replays and saves: (engine version, scenario hash, seed, controllers, orders per turn).

Because the engine is deterministic, this small record rebuilds a match bit for bit;
the final state hash is stored and checked. A save is a replay written atomically
(temporary file, fsync, rename, fsync of the folder), so a crash or a power cut never
leaves a half-written save, and a damaged or mismatched save is reported without ever
being overwritten.

Every way a save can be unusable surfaces as one exception, ReplayError, whose message
is for a person: the file itself (unreadable, not a regular file, too big, not JSON,
wrong fields) in read(); everything the engine refuses while playing it again (an
unknown side, bot or strategy, a bad seed, more turns than the game, refused orders,
a different result) in rebuild(). Callers (the game, `kaw replay`) catch only that.
"""
from __future__ import annotations

import errno
import fnmatch
import glob
import json
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .batch import GameOver
from .match import Match
from .orders import Orders
from .scenario import Scenario, load_scenario, scenario_hash
from .version import ENGINE_VERSION

FORMAT = "key-account-wars-replay"
MAX_SAVE_BYTES = 5_000_000
# A save is written in milliseconds; a temporary file untouched for this long was left
# by a run that was killed mid-save, and is removed by the next save to the same place.
STALE_TEMP_SECONDS = 60
# What the engine raises when a save asks for something it refuses: an unknown side,
# bot or strategy (KeyError), a bad seed or refused orders (ValueError, OrderError,
# pydantic's ValidationError), a wrong type (TypeError), a turn past the end (GameOver).
ENGINE_REFUSALS = (ValueError, KeyError, TypeError, IndexError, GameOver)
_TEMP_NAME = re.compile(r"(?P<target>.+)\.[a-z0-9_]{8}\.tmp")  # tempfile.mkstemp(prefix=name + ".", suffix=".tmp")


class ReplayError(ValueError):
    """A replay or save that cannot be used; the message says why, for a person.

    `code` names the kind of problem and `facts` its particulars (the parser's or the
    engine's own words under "detail"), so a screen in another language can say it in
    that language; the message is the English sentence the command line prints."""

    def __init__(self, message: str, code: str = "damaged", **facts: object):
        super().__init__(message)
        self.code, self.facts = code, facts


class OutOfDate(ReplayError):
    """An intact save that no longer fits: its scenario changed or is gone, or another
    engine version plays it differently. Told apart so a list can say "out of date"
    rather than "damaged"."""


class NotOverwritten(ReplayError):
    """save() refused to replace a file that is not an earlier save of the same game
    (a damaged save, another game, not a save at all): that file is left as it is."""


class Replay(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["key-account-wars-replay"]
    engine_version: str
    scenario: str = Field(min_length=1, description="Shipped scenario id or the path it was loaded from.")
    scenario_hash: str
    seed: int = Field(ge=0)
    controllers: dict[str, str]
    orders: list[dict[str, dict]]
    state_hash: str
    turn: int = Field(ge=0)

    @model_validator(mode="after")
    def _turn_matches_orders(self) -> "Replay":
        """Each turn played logs one set of orders; a save whose turn says otherwise was edited."""
        if self.turn != len(self.orders):
            raise ValueError(f"turn {self.turn} does not match the {len(self.orders)} turns of orders saved")
        return self


def record(match: Match, scenario_ref: str) -> Replay:
    return Replay(
        format=FORMAT, engine_version=ENGINE_VERSION, scenario=scenario_ref,
        scenario_hash=scenario_hash(match.scenario), seed=match.seed, controllers=match.controllers,
        orders=match.orders_log, state_hash=match.state_hash(), turn=match.turn,
    )


def _plain(exc: BaseException) -> str:
    """One short line for a person from whatever the engine or pydantic raised."""
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        msg = err["msg"].removeprefix("Value error, ")
        msg = msg[:1].lower() + msg[1:]
        return f"{'.'.join(str(x) for x in err['loc'])}: {msg}" if err["loc"] else msg
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0])
    return str(exc) or type(exc).__name__


def rebuild(rep: Replay, scenario: Scenario | None = None, lang: str = "en") -> Match:
    """Play a replay's orders again and check the result against the saved state hash.

    Raises ReplayError (OutOfDate when the scenario or engine moved on) for every way
    the save fails to rebuild, whatever the engine raised, so one except clause in the
    caller covers a hand-edited or bit-flipped save.
    """
    try:
        sc = scenario or load_scenario(rep.scenario)
    except Exception as exc:  # ScenarioError or a missing file: say what, not how
        raise OutOfDate(f"the scenario '{rep.scenario}' of this save cannot be loaded:\n{exc}",
                        "scenario_unloadable", scenario=rep.scenario) from None
    if scenario_hash(sc) != rep.scenario_hash:
        raise OutOfDate(f"the scenario '{rep.scenario}' has changed since this game was saved",
                        "scenario_changed", scenario=rep.scenario)
    # A save from another engine version that fails below is out of date, not damaged.
    refuse_as = OutOfDate if rep.engine_version != ENGINE_VERSION else ReplayError
    since = "" if refuse_as is ReplayError else f" (saved with engine {rep.engine_version}, this is {ENGINE_VERSION})"
    versions = dict(engine=ENGINE_VERSION, saved_with=rep.engine_version)
    if len(rep.orders) > sc.turns:
        raise refuse_as(f"the save is damaged: it holds {len(rep.orders)} turns of orders, "
                        f"but the scenario '{rep.scenario}' has only {sc.turns} turns{since}",
                        "too_many_turns", held=len(rep.orders), turns=sc.turns, scenario=rep.scenario, **versions)
    try:
        m = Match(sc, rep.seed, rep.controllers, lang)
        m.reset()
    except ENGINE_REFUSALS as exc:
        raise refuse_as(f"the save is damaged: {_plain(exc)}{since}", "damaged", detail=_plain(exc),
                        **versions) from None
    try:
        for turn_orders in rep.orders:
            m.step({sid: Orders.model_validate(o) for sid, o in turn_orders.items()})
    except ENGINE_REFUSALS as exc:
        raise refuse_as(f"the saved orders no longer apply: {_plain(exc)}{since}", "orders_refused",
                        detail=_plain(exc), **versions) from None
    if m.state_hash() != rep.state_hash:
        raise refuse_as(f"replaying the saved orders does not reproduce the saved game "
                        f"(engine {ENGINE_VERSION}, saved with {rep.engine_version})", "not_reproduced", **versions)
    return m


# --------------------------------------------------------------------------- writing


def _why_not_replace(match: Match, path: Path) -> str:
    """Why the file at `path` must not be replaced by a save of `match` ("" if it may).

    Only an intact save of this very game at this or an earlier turn may be replaced:
    then the new save holds everything the old one did. Anything else (a damaged save,
    another game, a later point of this one saved elsewhere, not a save at all) would
    be lost, so it is kept."""
    try:
        rep = read(path)
    except ReplayError as exc:
        return f"it is not a usable save ({exc})"
    same = (rep.scenario_hash == scenario_hash(match.scenario) and rep.seed == match.seed
            and rep.controllers == match.controllers and len(rep.orders) <= len(match.orders_log)
            and rep.orders == match.orders_log[:len(rep.orders)])
    if not same:
        return "it holds another game"
    try:
        rebuild(rep, match.scenario)
    except ReplayError as exc:
        return f"it is a damaged save of this game ({exc})"
    return ""


def sweep_stale_temps(folder: Path, targets: str, now: float) -> None:
    """Remove temporary files left by saves that were killed before their rename.

    Only names this module makes (`<target>.<8 random characters>.tmp`, with `target`
    matching the glob `targets`), only regular files, and only ones untouched for
    STALE_TEMP_SECONDS before `now` (file-system time, as os.stat gives it), so a save in
    progress in another process is never disturbed. The engine reads no clock: `save`
    takes "now" from the temporary file it has just written; a front end may pass its own.
    """
    cutoff = now - STALE_TEMP_SECONDS
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        m = _TEMP_NAME.fullmatch(name)
        if m is None or not fnmatch.fnmatchcase(m["target"], targets):
            continue
        p = Path(folder) / name
        try:
            st = p.lstat()
            if stat.S_ISREG(st.st_mode) and st.st_mtime < cutoff:
                p.unlink()
        except OSError:
            pass  # gone already, or not ours to remove: the save itself is unaffected


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable: without this a power cut can lose the new name.
    Windows cannot open a folder, and some file systems refuse to sync one; there the
    synced file is all that can be done."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
    finally:
        os.close(fd)


def save(match: Match, scenario_ref: str, path: str | Path) -> Path:
    """Write the match atomically: the old file stays intact until the new one is complete
    and synced, and then the rename is synced too.

    Raises NotOverwritten, leaving the file as it is, if `path` holds anything but an
    earlier save of this same game; OSError if the disk refuses (no temporary file remains).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if os.path.lexists(path):
        why = _why_not_replace(match, path)
        if why:
            raise NotOverwritten(f"{path} was left as it is: {why}", "not_overwritten", detail=why)
    data = record(match, scenario_ref).model_dump_json(indent=1)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a save is an ordinary document
        sweep_stale_temps(path.parent, glob.escape(path.name), os.stat(tmp).st_mtime)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return path


# --------------------------------------------------------------------------- reading


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, reading at most MAX_SAVE_BYTES + 1 and only from a regular file.

    The size in stat() is no limit on its own: devices (/dev/zero) and pipes report 0
    and never end, and opening a FIFO waits for a writer. So anything but a regular file
    is refused before opening it, the open never blocks (O_NONBLOCK), the open file is
    checked again (it may have been swapped meanwhile), and the read is bounded.
    """
    def not_regular() -> ReplayError:
        return ReplayError(f"{path}: not a save file (not a regular file)", "not_a_file")

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise not_regular()
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise not_regular()
            data = f.read(MAX_SAVE_BYTES + 1)
    except FileNotFoundError:
        raise ReplayError(f"{path}: no such save file", "missing") from None
    except OSError as exc:
        raise ReplayError(f"{path}: the save file cannot be read ({exc.strerror or exc})", "unreadable",
                          detail=str(exc.strerror or exc)) from None
    if len(data) > MAX_SAVE_BYTES:
        raise ReplayError(f"{path}: not a save file (larger than {MAX_SAVE_BYTES // 1_000_000} MB)", "too_large",
                          mb=MAX_SAVE_BYTES // 1_000_000)
    return data


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number a save can hold")


def read(path: str | Path) -> Replay:
    """Parse and check a save file; a damaged one raises ReplayError and is left untouched.

    Checks everything that can be checked without the scenario (format, field types,
    seed, turn against the orders); rebuild() checks the rest.
    """
    path = Path(path)
    raw = _read_bytes(path)
    try:
        return Replay.model_validate(json.loads(raw.decode("utf-8"), parse_constant=_no_constant))
    except ValidationError as exc:
        raise ReplayError(f"{path}: the save file is damaged and cannot be loaded ({_plain(exc)})", "damaged",
                          detail=_plain(exc)) from None
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, a 5,000-digit number, [[[[...
        first = (str(exc) or type(exc).__name__).splitlines()[0]
        raise ReplayError(f"{path}: the save file is damaged and cannot be loaded ({first})", "damaged",
                          detail=first) from None


def load(path: str | Path, lang: str = "en") -> Match:
    """Read and rebuild a save; raises ReplayError for anything that stops it resuming."""
    return rebuild(read(path), lang=lang)
