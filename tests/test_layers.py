"""Layering, checked on the source with `ast` (no imports executed):

- engine/ is pure simulation: no pygame, pygame_gui, random, time, datetime, and nothing
  from game/; no numpy global random functions (all randomness is seeded Generators).
- game/ talks to the engine only through its public API: `import engine`,
  `from engine import X` (X in engine.__all__), engine.replay and engine.scenario;
  never engine.rules, engine.state, engine.batch or other internals.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import engine

REPO = Path(__file__).resolve().parent.parent
# The simulation only: no front end (window, terminal, web, classroom), no clock, no
# global random source, and no loading of modules by name (importlib) behind the rules.
ENGINE_FORBIDDEN = {"pygame", "pygame_gui", "random", "time", "datetime", "game", "kaw", "classroom",
                    "typer", "rich", "click", "starlette", "fastapi", "uvicorn", "dask", "distributed",
                    "importlib", "platformdirs"}
GAME_ALLOWED_ENGINE_MODULES = {"engine", "engine.replay", "engine.scenario", "engine.stance_scale"}
NP_GLOBAL_RANDOM = {"seed", "rand", "randn", "randint", "random", "random_sample", "choice",
                    "normal", "uniform", "shuffle", "permutation", "get_state", "set_state"}


def py_files(folder: str) -> list[Path]:
    return sorted((REPO / folder).rglob("*.py"))


def rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def package_of(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    else:
        parts.pop()  # the module's own name: relative imports start from its package
    return ".".join(parts)


def imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, absolute module, imported names) for every import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append((node.lineno, alias.name, []))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_of(path).split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module, [a.name for a in node.names]))
    return sorted(found, key=lambda item: item[0])


def top(module: str) -> str:
    return module.split(".", 1)[0]


# --------------------------------------------------------------------------- the helpers themselves


def test_import_resolution_handles_relative_imports():
    path = REPO / "engine" / "rules" / "share.py"
    mods = {m for _, m, _ in imports(path)}
    assert "engine.orders" in mods and "engine.rules.needs" in mods
    init = REPO / "engine" / "__init__.py"
    assert any(m == "engine.batch" for _, m, _ in imports(init))


def test_engine_has_files_to_check():
    files = py_files("engine")
    assert len(files) > 20 and REPO / "engine" / "batch.py" in files


# --------------------------------------------------------------------------- engine


@pytest.mark.parametrize("path", py_files("engine"), ids=rel)
def test_engine_imports_no_ui_clock_or_global_random(path):
    bad = [f"{rel(path)}:{line}: imports {module}" + (f" ({', '.join(names)})" if names else "")
           for line, module, names in imports(path) if top(module) in ENGINE_FORBIDDEN]
    assert not bad, "engine/ must stay pure and deterministic:\n" + "\n".join(bad)


def np_global_random_calls(path: Path) -> list[str]:
    """np.random.<global function> / numpy.random.<...> / `from numpy.random import rand`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in NP_GLOBAL_RANDOM:
            inner = node.value
            if (isinstance(inner, ast.Attribute) and inner.attr == "random"
                    and isinstance(inner.value, ast.Name) and inner.value.id in ("np", "numpy")):
                found.append(f"{rel(path)}:{node.lineno}: {inner.value.id}.random.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module == "numpy.random":
            for alias in node.names:
                if alias.name in NP_GLOBAL_RANDOM:
                    found.append(f"{rel(path)}:{node.lineno}: from numpy.random import {alias.name}")
    return sorted(found, key=lambda text: int(text.split(":")[1]))


@pytest.mark.parametrize("path", py_files("engine"), ids=rel)
def test_engine_uses_no_numpy_global_random(path):
    bad = np_global_random_calls(path)
    assert not bad, "use a seeded numpy.random.Generator from engine.rng instead:\n" + "\n".join(bad)


def test_the_numpy_check_catches_global_calls(tmp_path, monkeypatch):
    monkeypatch.setattr(__import__(__name__), "REPO", tmp_path)
    f = tmp_path / "x.py"
    f.write_text("import numpy as np\nfrom numpy.random import choice\n"
                 "np.random.seed(1)\nx = np.random.rand(3)\n"
                 "g = np.random.default_rng(1)\ny = g.random(3)\n", encoding="utf-8")
    assert np_global_random_calls(f) == [
        "x.py:2: from numpy.random import choice", "x.py:3: np.random.seed", "x.py:4: np.random.rand"]


# --------------------------------------------------------------------------- game


def game_violations(path: Path) -> list[str]:
    public = set(engine.__all__)
    bad = []
    for line, module, names in imports(path):
        if top(module) != "engine":
            continue
        where = f"{rel(path)}:{line}: "
        if module not in GAME_ALLOWED_ENGINE_MODULES:
            bad.append(where + f"imports engine internals ({module}); use `from engine import ...`")
        elif module == "engine" and names:
            submodules = {m.split(".", 1)[1] for m in GAME_ALLOWED_ENGINE_MODULES if "." in m}
            private = [n for n in names if n not in public and n not in submodules]
            if private:
                bad.append(where + f"imports {', '.join(private)} from engine, not in engine.__all__")
    return bad


@pytest.mark.parametrize("path", py_files("game") or [None], ids=lambda p: rel(p) if p else "no-game-files")
def test_game_uses_only_the_public_engine_api(path):
    if path is None:
        pytest.skip("game/ has no Python files yet")
    bad = game_violations(path)
    assert not bad, "\n".join(bad)


def test_the_game_check_catches_internals(tmp_path, monkeypatch):
    monkeypatch.setattr(__import__(__name__), "REPO", tmp_path)
    (tmp_path / "game").mkdir()
    f = tmp_path / "game" / "scene.py"
    f.write_text("import engine\nfrom engine import Match, Orders\nfrom engine.replay import save\n"
                 "from engine.scenario import load_scenario\nimport engine.rules.share\n"
                 "from engine.state import State\nfrom engine import initial_state\nfrom ..engine import batch\n"
                 "from engine import replay, scenario\n",
                 encoding="utf-8")
    assert [v.split(": ", 1)[0] for v in game_violations(f)] == [
        "game/scene.py:5", "game/scene.py:6", "game/scene.py:7", "game/scene.py:8"]


def test_engine_never_imports_game_at_runtime():
    import subprocess
    import sys

    code = ("import sys, engine, engine.replay, engine.scenario.schema; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pygame', 'pygame_gui', 'game', 'kaw', 'typer', 'rich', 'random', 'datetime')); print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    loaded = {m for m in out.stdout.strip().split(",") if m}
    # numpy, pydantic or yaml may pull `random`/`datetime` in themselves; the engine's own
    # files are checked above. UI modules must never be loaded by the engine.
    assert not {m for m in loaded if m.split(".")[0] in ("pygame", "pygame_gui", "game", "kaw", "typer", "rich")}, loaded


def test_engine_calls_no_loader_by_name():
    """`kaw play` used to be loaded by name from inside engine/; nothing there may do that."""
    bad = []
    for path in py_files("engine"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
                if name in ("import_module", "__import__", "exec", "eval"):
                    bad.append(f"{rel(path)}:{node.lineno}: {name}()")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", py_files("kaw"), ids=rel)
def test_the_command_line_never_needs_the_window_at_import(path):
    """kaw imports pygame's game only inside the commands that open it (play, screenshots)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    bad = [f"{rel(path)}:{n.lineno}" for n in top_level
           for m in ([a.name for a in n.names] if isinstance(n, ast.Import) else [n.module or ""])
           if top(m) in ("game", "pygame", "pygame_gui")]
    assert not bad, bad
