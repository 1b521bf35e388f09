"""JSON Schema of the scenario format, generated from the pydantic models.

The schema ships as ``scenarios/scenario.schema.json`` so that editors (VS Code with the
YAML extension, JetBrains IDEs) autocomplete keys and show each field's description
while a trainer writes a scenario; every shipped scenario points at it on its first
line with ``# yaml-language-server: $schema=scenario.schema.json``.

The models are the single source of truth: regenerate the file after changing them with

    python -m engine.scenario.schema

(a test fails while the committed file is out of date). Output is deterministic: keys
sorted, two-space indent, a trailing newline, so a regenerated file only differs where
the models did.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..paths import scenarios_dir
from .models import Scenario

DRAFT = "https://json-schema.org/draft/2020-12/schema"
TITLE = "Key Account Wars scenario"
SCHEMA_FILE = "scenario.schema.json"
REGENERATE = "python -m engine.scenario.schema"


def json_schema() -> dict[str, Any]:
    """The scenario file format as a JSON Schema (keys as a trainer writes them)."""
    schema = Scenario.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = DRAFT
    schema["title"] = TITLE
    schema.setdefault("description", "A scenario of the Key Account Wars sales-training game (format version 1).")
    return schema


def render() -> str:
    """The exact text of the schema file: sorted keys, indent 2, trailing newline."""
    return json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def default_path() -> Path:
    return scenarios_dir() / SCHEMA_FILE


def write_schema(path: str | os.PathLike[str] | None = None) -> Path:
    """Write the schema to ``path`` (default: the shipped scenarios folder), atomically."""
    target = Path(path) if path is not None else default_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(render())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print(f"usage: {REGENERATE} [OUTPUT]  (default: {default_path()})")
        return 0 if args and args[0] in ("-h", "--help") else 2
    written = write_schema(args[0] if args else None)
    print(f"wrote {written}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
