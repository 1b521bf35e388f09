"""The classroom depends one way on the engine's public API (`from engine import X`,
X in engine.__all__), never on its internals; the engine never imports the classroom
(tests/test_layers.py)."""
from __future__ import annotations

import ast
from pathlib import Path

import engine

ROOT = Path(__file__).resolve().parents[2] / "classroom"


def test_classroom_uses_only_the_public_engine_api():
    bad = []
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "engine":
                if node.module != "engine" or any(a.name not in engine.__all__ for a in node.names):
                    bad.append(f"{path.name}:{node.lineno}: from {node.module} import {[a.name for a in node.names]}")
            elif isinstance(node, ast.Import) and any(a.name.split(".")[0] == "engine" for a in node.names):
                bad.append(f"{path.name}:{node.lineno}: import engine...")
    assert not bad, bad
