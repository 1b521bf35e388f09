"""What the window remembers between runs (presenter mode), in settings.json beside the
saves. A missing or unreadable file means the defaults: settings never stop the game."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from . import saves


@dataclass
class Settings:
    presenter: bool = False        # large type for a projector


def path():
    return saves.save_dir() / "settings.json"


def load() -> Settings:
    try:
        data = json.loads(path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    known = {f.name for f in fields(Settings)}
    if not isinstance(data, dict):
        return Settings()
    return Settings(**{k: v for k, v in data.items() if k in known and isinstance(v, bool)})


def store(settings: Settings) -> bool:
    """Write the settings; False if the folder cannot be written (the game goes on)."""
    try:
        p = path()
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    except OSError:
        return False
    return True
