"""How every `kaw` command turns a person's mistake into one readable line and an exit
code (1: the input is wrong, 2: the command line is wrong), never a traceback. Shared by
the game commands (cli.py) and the trainer commands (trainer.py)."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable

import typer
from rich.console import Console
from rich.markup import escape

from .format import plural

err = Console(stderr=True, highlight=False)
INTERRUPTED = 130  # the shell's code for a run stopped by Ctrl-C


class CliError(Exception):
    """A mistake on the command line (code 2) or in its input (code 1), said plainly."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def fail(message: str, code: int) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
    return typer.Exit(code)


def friendly(fn: Callable) -> Callable:
    """Turn every error a person can cause into a message and an exit code."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except CliError as exc:
            raise fail(str(exc), exc.code) from None
        except typer.Exit:  # a command's own exit code, already explained
            raise
        except KeyboardInterrupt:
            raise fail("interrupted", INTERRUPTED) from None
        except Exception as exc:
            said = explained(exc)
            if said is None:
                raise
            raise said from None

    return wrapper


def explained(exc: Exception) -> typer.Exit | None:
    """The message and exit code for an error a person caused, or None for a bug (which
    keeps its traceback). The engine's error types are imported only here, once there is
    an error to explain, so `kaw --help` never loads the engine."""
    from engine import GameOver, OrderError, ReplayError, ScenarioError

    if isinstance(exc, ScenarioError):
        for p in exc.problems:
            err.print(p.format(), markup=False, soft_wrap=True)
        n = sum(p.severity == "error" for p in exc.problems)
        file = next((p.file for p in exc.problems if p.file), "FILE")
        return fail(f"the scenario cannot be loaded ({plural(n, 'error')} above); "
                    f"after fixing, check it with: kaw validate {file}", 1)
    if isinstance(exc, (OrderError, ReplayError, GameOver)):
        return fail(str(exc), 1)
    if isinstance(exc, ValueError):
        # Anything else the engine refuses (a seed < 0, a bad count) says why in its
        # message; a person needs that sentence, not the traceback around it.
        return fail(str(exc), 1)
    if isinstance(exc, KeyError):  # unknown side or controller
        return fail(str(exc.args[0]) if exc.args else "unknown name", 2)
    if isinstance(exc, OSError):
        return fail(f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}", 1)
    return None


def find_scenario(name: str) -> Path:
    """A shipped id or a file; an unknown name is a command-line mistake (exit 2)."""
    from engine.scenario import ScenarioError, existing

    try:
        return existing(name)
    except ScenarioError as exc:
        raise CliError(exc.problems[0].message, 2) from None
