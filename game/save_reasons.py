"""Why a save cannot be used, in the player's language.

engine/replay.py says it in English for the command line, and names the kind of problem
with a code and its facts (ReplayError.code, .facts). The window says it in its own
words (game/i18n.py, save_why_<code>), without the file's path (the list shows the
file), keeping only the parser's or the engine's own detail as written.
"""
from __future__ import annotations

from collections.abc import Callable

from engine.replay import ReplayError

WORDS = "save_why_"


def reason(exc: ReplayError, t: Callable[..., str]) -> str:
    """The reason, said by `t` (a language's tr); a code the game has no words for is
    told in the engine's English, never hidden."""
    key = WORDS + exc.code
    text = t(key, **exc.facts)
    if text == key:
        return str(exc)
    facts = exc.facts
    if facts.get("saved_with") not in (None, facts.get("engine")):
        text += t(WORDS + "version", **facts)
    return text
