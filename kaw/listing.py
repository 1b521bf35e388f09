"""What `kaw list` shows: each shipped scenario's summary and the bots a trainer can seat,
remembered on disk so that listing does not validate six scenarios every time.

Validating a scenario builds the pydantic models and plays its first state (~1 s for the
shipped ones); reading a small JSON file takes milliseconds. An entry is used only if it
was made from the same file bytes by the same engine: the key of a scenario is a hash of
its name and bytes, and the whole file is dropped when the engine's fingerprint (its
version and the bytes of its code and data) differs, so the list is never stale, even
while the rules or the validator are being edited. A damaged or unreadable cache is
ignored and rewritten; a cache that cannot be written only costs the next run its speed.

The folder and the engine's fingerprint are kaw/cache.py's.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .cache import cache_dir, engine_fingerprint, write_atomically

CACHE_FILE = "kaw-list.json"


def cache_file() -> Path:
    return cache_dir() / CACHE_FILE


def file_key(sid: str, data: bytes) -> str:
    return hashlib.sha256(sid.encode() + b"\0" + data).hexdigest()


# ----------------------------------------------------------------------------- computing


def summary_of(path: Path, langs: list[str]) -> dict[str, Any]:
    """Validate one scenario: its summary, or how many problems stop it from loading."""
    from engine import ScenarioError, load_scenario, text_of

    try:
        sc = load_scenario(path)
    except (ScenarioError, OSError) as exc:
        return {"problems": len(getattr(exc, "problems", ())) or 1}
    rivals = [s for s in sc.sides if s.id != sc.player_id]
    doctrines = ", ".join(dict.fromkeys(s.doctrine.name for s in rivals if s.doctrine)) or "none"
    return {"title": {lang: text_of(sc.title, lang) for lang in langs}, "difficulty": sc.difficulty,
            "turns": sc.turns, "accounts": len(sc.accounts), "sides": f"{len(sc.sides)}: {doctrines}",
            "strategies": [s.id for s in sc.strategies]}


def bots_now() -> list[list[str]]:
    """Every bot the engine's registry knows, with its one-line description."""
    from engine import DOCTRINES

    return [[name, DOCTRINES[name].summary] for name in sorted(DOCTRINES)]


# ----------------------------------------------------------------------------- the cache


def _is_summary(entry: Any, langs: list[str]) -> bool:
    """A cached entry has exactly the shape summary_of() writes (else it is recomputed)."""
    if not isinstance(entry, dict):
        return False
    if set(entry) == {"problems"}:
        return type(entry["problems"]) is int and entry["problems"] > 0
    title = entry.get("title")
    return (set(entry) == {"title", "difficulty", "turns", "accounts", "sides", "strategies"}
            and isinstance(title, dict) and all(isinstance(title.get(lang), str) for lang in langs)
            and isinstance(entry["difficulty"], str) and isinstance(entry["sides"], str)
            and type(entry["turns"]) is int and type(entry["accounts"]) is int
            and isinstance(entry["strategies"], list) and all(isinstance(s, str) for s in entry["strategies"]))


def _is_bots(value: Any) -> bool:
    return (isinstance(value, list) and bool(value)
            and all(isinstance(b, list) and len(b) == 2 and all(isinstance(x, str) for x in b) for b in value))


def read_cache(path: Path, fingerprint: str) -> dict[str, Any]:
    """The cache's entries if it was written by this engine, else nothing."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(doc, dict) or doc.get("engine") != fingerprint:
        return {}
    scenarios = doc.get("scenarios")
    return {"bots": doc.get("bots"), "scenarios": scenarios if isinstance(scenarios, dict) else {}}


def write_cache(path: Path, doc: dict[str, Any]) -> None:
    write_atomically(path, json.dumps(doc, ensure_ascii=False).encode("utf-8"))


def shipped_summaries(langs: list[str]) -> tuple[list[tuple[str, dict[str, Any]]], list[list[str]]]:
    """(scenario id, summary) for every shipped file, and the bots: from the cache where it
    holds this file's bytes, validated (and remembered) where it does not."""
    from engine.paths import shipped

    path = cache_file()
    fingerprint = engine_fingerprint(",".join(langs))  # titles are stored in these
    cached = read_cache(path, fingerprint)
    known = cached.get("scenarios", {})
    rows, keep, changed = [], {}, False
    for sid, file in shipped().items():
        try:
            data = file.read_bytes()
        except OSError:
            rows.append((sid, {"problems": 1}))  # not remembered: the file may be readable next time
            continue
        key = file_key(sid, data)
        entry = known.get(key)
        if not _is_summary(entry, langs):
            entry, changed = summary_of(file, langs), True
        keep[key] = entry
        rows.append((sid, entry))
    bots = cached.get("bots")
    if not _is_bots(bots):
        bots, changed = bots_now(), True
    if changed or set(keep) != set(known):
        write_cache(path, {"engine": fingerprint, "bots": bots, "scenarios": keep})
    return rows, bots
