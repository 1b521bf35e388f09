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

from engine import GameOver, OrderError, ReplayError, ScenarioError
from .format import plural
from engine.scenario import existing

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
        except ScenarioError as exc:
            for p in exc.problems:
                err.print(p.format(), markup=False, soft_wrap=True)
            n = sum(p.severity == "error" for p in exc.problems)
            file = next((p.file for p in exc.problems if p.file), "FILE")
            raise fail(f"the scenario cannot be loaded ({plural(n, 'error')} above); "
                       f"after fixing, check it with: kaw validate {file}", 1) from None
        except (OrderError, ReplayError, GameOver) as exc:
            raise fail(str(exc), 1) from None
        except ValueError as exc:
            # Anything else the engine refuses (a seed < 0, a bad count) says why in its
            # message; a person needs that sentence, not the traceback around it.
            raise fail(str(exc), 1) from None
        except KeyError as exc:  # unknown side or controller
            raise fail(str(exc.args[0]) if exc.args else "unknown name", 2) from None
        except OSError as exc:
            raise fail(f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}", 1) from None
        except KeyboardInterrupt:
            raise fail("interrupted", INTERRUPTED) from None

    return wrapper



def find_scenario(name: str) -> Path:
    """A shipped id or a file; an unknown name is a command-line mistake (exit 2)."""
    try:
        return existing(name)
    except ScenarioError as exc:
        raise CliError(exc.problems[0].message, 2) from None
