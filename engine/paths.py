"""Where shipped scenarios live, whether the project runs from a checkout, an editable
install or a wheel (which carries them inside the package as engine/_shipped/)."""
from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[0]


def scenarios_dir() -> Path:
    return _first_existing(_HERE.parent / "scenarios", _HERE / "_shipped" / "scenarios")


def shipped() -> dict[str, Path]:
    """Shipped scenario ids -> files. Lives here, beside the folder, so listing what ships
    loads no scenario models."""
    return {p.stem: p for p in sorted(scenarios_dir().glob("*.yaml"))}


def assets_dir() -> Path:
    return _first_existing(_HERE.parent / "assets", _HERE / "_shipped" / "assets")
