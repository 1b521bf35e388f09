"""kaw: the command line and the trainer's tools (validate, run, replay, fidelity,
balance, authoring, HTML reports), over the engine's public API.

typer and rich live here, never in engine/; `kaw play` opens the window game (game/),
imported only when asked for.
"""
from __future__ import annotations

import sys


def main() -> None:
    """The `kaw` command. A Ctrl-C while the program is still loading ends it quietly,
    as one during a command does (exit 130), instead of with a traceback."""
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
    run()
