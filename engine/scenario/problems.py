"""Problems found in trainer-written scenario files, and how they are shown.

Trainers edit scenario YAML by hand, so every complaint must point at the
exact spot in their file, compiler style (``file:line:col: path: message``),
and a file with several mistakes must show all of them at once instead of one
per run.  This module holds only the plain data types; producing problems is
the job of :mod:`yaml_positions` (syntax and structure) and
:mod:`pydantic_errors` (schema validation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

__all__ = ["Problem", "ScenarioError", "format_path", "format_value", "sort_problems"]

PathSegment = str | int
"""A mapping key (``str``) or a list index (``int``)."""

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


def format_path(path: Iterable[PathSegment]) -> str:
    """Render a data path the way a trainer reads it: ``accounts[2].stance.rival``.

    Keys that are not simple identifiers (spaces, dots, empty) are shown as
    ``['Jane Doe']`` so the path stays unambiguous.  An empty path gives ``""``.
    """
    out: list[str] = []
    for seg in path:
        if isinstance(seg, int) and not isinstance(seg, bool):
            out.append(f"[{seg}]")
        elif _PLAIN_KEY.match(str(seg)):
            out.append(f".{seg}" if out else str(seg))
        else:
            out.append(f"[{str(seg)!r}]")
    return "".join(out)


def format_value(value: object, limit: int = 40) -> str:
    """Show a value from the file in a message: ``'text'``, ``5``, ``true``, ``nothing``.

    Text is quoted (so ``'5'`` and ``5`` differ visibly), booleans use YAML
    spelling, collections are named rather than dumped, and anything longer
    than about ``limit`` characters is cut short with ``...``.
    """
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, str):
        shown = repr(value)
        return shown if len(shown) <= limit else repr(value[: limit - 6] + "...")
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in a scenario file.

    ``path`` is the location in the YAML data (keys as written in the file,
    list indices from 0).  ``line``/``col`` are 1-based and ``None`` when the
    problem has no position (e.g. the file could not be read at all).
    ``severity`` is ``"error"`` (the file is refused) or ``"warning"`` (the
    file loads, but the trainer should look).
    """

    path: tuple[PathSegment, ...]
    message: str
    line: int | None = None
    col: int | None = None
    file: str | None = None
    severity: str = "error"

    def __post_init__(self) -> None:
        if self.severity not in ("error", "warning"):
            raise ValueError(f"severity must be 'error' or 'warning', not {self.severity!r}")
        # Accept lists for convenience but keep the frozen dataclass hashable.
        object.__setattr__(self, "path", tuple(self.path))

    def format(self) -> str:
        """``file:line:col: path: message`` with unknown parts left out."""
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}" if where else str(self.line)
            if self.col is not None:
                where += f":{self.col}"
        path = format_path(self.path) or "(top)"
        prefix = "warning: " if self.severity == "warning" else ""
        head = f"{where}: " if where else ""
        return f"{head}{path}: {prefix}{self.message}"

    def __str__(self) -> str:
        return self.format()


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """File order: unpositioned problems first, then by (line, col).

    The sort is stable, so problems at the same spot keep their given order.
    """
    return sorted(problems, key=lambda p: (p.line is not None, p.line or 0, p.col or 0))


class ScenarioError(Exception):
    """A scenario file was refused; ``problems`` lists every reason.

    ``str(err)`` is one formatted line per problem, ready to print for the
    trainer.  It may also contain warnings found alongside the errors.
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(p.format() for p in self.problems)
