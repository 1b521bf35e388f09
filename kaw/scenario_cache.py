"""Validated scenarios remembered on disk, so that `kaw run` does not parse and validate
the same file again every time.

Loading a scenario parses its YAML, builds the pydantic models' validators and checks
every reference (~0.15 s of a 0.6 s `kaw run`); reading back the validated object takes
about a millisecond. An entry is used only if it was made from the same file bytes by the
same engine, Python and pydantic: its key is a hash of the engine's fingerprint (its
version and the bytes of its code and data, kaw/cache.py), the library versions and the
file's bytes, so an edited scenario or rule is always validated again. A file that does
not load is never remembered: its problems are reported by the engine each time. Nor is
anything but a regular file (a pipe, a device): the engine alone reads it.

Each scenario file has one slot (named after its absolute path), holding a header, a
checksum of the payload and the pickled Scenario. A damaged, truncated or foreign entry is
ignored and rewritten; an entry is unpickled only after its key and checksum match. The
folder keeps the MAX_ENTRIES most recently written slots. Pickle runs code named by the
file, which is why it is read only from the user's own cache folder (never from a
scenario or a save), the same trust as the installed code.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import cache_dir, engine_fingerprint, write_atomically

if TYPE_CHECKING:
    from engine import Scenario

FOLDER = "scenarios"
MAGIC = b"kaw-validated-scenario 1\n"
MAX_ENTRIES = 64


def load(path: Path) -> Scenario:
    """The scenario in PATH, validated: from the cache when it holds these bytes for this
    engine, else loaded by the engine (raising its ScenarioError) and remembered."""
    from engine import load_scenario

    try:
        regular = stat.S_ISREG(path.stat().st_mode)
        data = path.read_bytes() if regular else b""
    except OSError:
        return load_scenario(path)  # the engine says what is wrong with the file
    if not regular:
        # A pipe (kaw run <(...)) can be read only once and a device may never end: the
        # engine reads it, bounded, and nothing is remembered for a file with no lasting bytes.
        return load_scenario(path)
    slot, key = slot_of(path), entry_key(data)
    found = read_entry(slot, key)
    if found is not None:
        return found
    sc = load_scenario(path)
    if unchanged(path, data):  # never remember a file edited while it was being validated
        write_entry(slot, key, sc)
    return sc


def slot_of(path: Path) -> Path:
    name = hashlib.sha256(os.fsencode(path.resolve())).hexdigest()[:32]
    return cache_dir() / FOLDER / f"{name}.pickle"


def entry_key(data: bytes) -> bytes:
    """What a validated scenario depends on: the file's bytes, the engine that validated
    it, and the Python and pydantic that pickled it."""
    import pydantic

    context = f"scenario\0{sys.version}\0{pydantic.VERSION}"
    h = hashlib.sha256(engine_fingerprint(context).encode() + b"\0")
    h.update(data)
    return h.hexdigest().encode()


def unchanged(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def read_entry(slot: Path, key: bytes) -> Scenario | None:
    """The Scenario stored in SLOT under KEY, or None if there is none or it is damaged."""
    from engine import Scenario

    try:
        raw = slot.read_bytes()
    except OSError:
        return None
    header = MAGIC + key + b"\n"
    if not raw.startswith(header):
        return None
    checksum, _, payload = raw[len(header):].partition(b"\n")
    if hashlib.sha256(payload).hexdigest().encode() != checksum:
        return None
    try:
        sc = pickle.loads(payload)
    except Exception:  # a payload this code cannot read back is simply not used
        return None
    return sc if type(sc) is Scenario else None


def write_entry(slot: Path, key: bytes, sc: Scenario) -> None:
    payload = pickle.dumps(sc, protocol=pickle.HIGHEST_PROTOCOL)
    checksum = hashlib.sha256(payload).hexdigest().encode()
    write_atomically(slot, MAGIC + key + b"\n" + checksum + b"\n" + payload)
    prune(slot.parent)


def prune(folder: Path) -> None:
    """Keep the MAX_ENTRIES most recently written slots (files come and go; the cache
    should not grow with them)."""
    try:
        slots = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in slots[MAX_ENTRIES:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
