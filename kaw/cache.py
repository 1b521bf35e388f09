"""What kaw's on-disk caches share: where they live, what makes an entry stale, and how a
file is replaced. `kaw list` (listing.py) remembers scenario summaries and `kaw run`
(scenario_cache.py) validated scenarios; both trust an entry only if it was made by the
same engine, so neither can ever show a stale result while the rules are being edited.

The folder is `platformdirs.user_cache_dir("key-account-wars")`, or $KAW_CACHE_DIR.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

APP_NAME = "key-account-wars"


def cache_dir() -> Path:
    env = os.environ.get("KAW_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME))


def engine_fingerprint(context: str) -> str:
    """The engine's version and the bytes of its code and data files, and CONTEXT (what
    else the cached values depend on): any change to what loading or validating a
    scenario does gives a new value."""
    import engine
    from engine.version import ENGINE_VERSION

    root = Path(engine.__file__).resolve().parent
    files = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [d for d in subfolders if d not in ("_shipped", "__pycache__")]  # a wheel's scenarios, bytecode
        files += [Path(folder, n) for n in names if n.endswith((".py", ".yaml"))]
    h = hashlib.sha256(f"{ENGINE_VERSION}\0{context}\0".encode())
    for path in sorted(files):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def write_atomically(path: Path, data: bytes) -> None:
    """Replace PATH in one step (a reader never sees half a file); failing is harmless,
    it only costs the next run its speed."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
