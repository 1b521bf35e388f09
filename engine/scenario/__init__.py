"""Scenario files: models, loading with positions, validation, shipped-scenario lookup."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..paths import shipped
from .models import Scenario, text_of
from .prose import text_blocks
from .problems import Problem, ScenarioError


def _doctrines() -> dict:
    from ..doctrines import REGISTRY  # local import: doctrines import the scenario models

    return REGISTRY


def resolve(name: str | Path) -> Path:
    """A shipped scenario id, or a path to a YAML file."""
    p = Path(name)
    if p.suffix in (".yaml", ".yml") or p.exists():
        return p
    found = shipped()
    if str(name) in found:
        return found[str(name)]
    raise ScenarioError([Problem(path=(), message=(
        f"no scenario '{name}': not a file, and not a shipped scenario ({', '.join(found) or 'none shipped'})"))])


def existing(name: str | Path) -> Path:
    """Like resolve(), but also refuses a file name that does not exist (for commands that
    must say at once that a name is wrong, before any loading)."""
    path = resolve(name)
    if not path.exists():
        raise ScenarioError([Problem(path=(), message=(
            f"no scenario file '{name}' (and no shipped scenario of that name: "
            f"{', '.join(shipped()) or 'none shipped'})"))])
    return path


def load_with_warnings(name: str | Path) -> tuple[Scenario, list[Problem]]:
    path = resolve(name)
    from ..lint import likely_mistakes  # local: lint plays the initial state, which imports the rules
    # local: the YAML parser and the reference checks load only when a file is read
    from .pydantic_errors import load_file
    from .refs import check_partial_references, check_references

    def checks(sc: Scenario) -> list[Problem]:
        """Broken references first; likely mistakes only in a scenario whose references hold."""
        problems = check_references(sc, _doctrines())
        if not any(p.severity == "error" for p in problems):
            problems += likely_mistakes(sc)
        return problems

    def partial_checks(data) -> list[Problem]:
        """Broken references in the parts a refused file's schema accepts (no lint: the
        scenario cannot be played)."""
        return check_partial_references(data, _doctrines())

    return load_file(str(path), Scenario, extra_checks=(checks,), refused_checks=(partial_checks,))


def load_scenario(name: str | Path) -> Scenario:
    """Load and fully validate a scenario; raises ScenarioError listing every problem."""
    return load_with_warnings(name)[0]


def scenario_hash(sc: Scenario) -> str:
    """Hash of the validated content (not the file bytes: comments do not matter)."""
    return hashlib.sha256(sc.model_dump_json(by_alias=True).encode()).hexdigest()[:16]


__all__ = ["Problem", "Scenario", "ScenarioError", "existing", "load_scenario", "load_with_warnings",
           "resolve", "scenario_hash", "shipped", "text_blocks", "text_of"]
