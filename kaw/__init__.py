"""kaw: the command line and the trainer's tools (validate, run, replay, fidelity,
balance, authoring, HTML reports), over the engine's public API.

typer and rich live here, never in engine/; `kaw play` opens the window game (game/),
imported only when asked for.
"""
from __future__ import annotations

import gc
import sys


def main() -> None:
    """The `kaw` command. A Ctrl-C while the program is still loading ends it quietly,
    as one during a command does (exit 130), instead of with a traceback.

    The cycle collector is held while the command line loads and what it loaded is then
    frozen (gc.freeze): those objects live until the program ends, and walking them again
    and again cost ~10 ms of every command's start, and time in every later collection."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    run()
