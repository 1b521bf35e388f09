"""The names of reps hired during a game, from the bilingual list in hire_names.yaml.

A hire is a new person, so they get a person's name rather than "New rep 2". The pick has
no dice in it: hire n of a side takes the list's entries in order from a start that depends
on the side's id (so two sides do not hire the same people), skipping names the scenario
already gives its reps. The same hire has the same name in every run and both languages.
"""
from __future__ import annotations

import zlib
from functools import lru_cache
from pathlib import Path

_FILE = Path(__file__).with_name("hire_names.yaml")


@lru_cache(maxsize=1)
def hire_names() -> tuple[dict[str, str], ...]:
    import yaml  # local: only a game with a hire reads the list (kaw run needs no YAML parser otherwise)

    data = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    return tuple({"en": str(e["en"]), "zh": str(e["zh"])} for e in data)


@lru_cache(maxsize=4096)
def hire_name(side_id: str, n: int, lang: str, taken: frozenset[str] = frozenset()) -> str:
    """The name of the side's n-th hire (n from 1) in `lang` ("en" for a language the list
    lacks); `taken` holds names (in any language) that must not be reused. Remembered: a
    game names its hires after every turn, always the same."""
    names = [e for e in hire_names() if e["en"] not in taken and e["zh"] not in taken]
    if not names:
        return f"{side_id} {n}"
    start = zlib.crc32(side_id.encode("utf-8")) % len(names)
    entry = names[(start + n - 1) % len(names)]
    return entry.get(lang, entry["en"])
