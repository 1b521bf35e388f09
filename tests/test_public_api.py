"""engine/__init__.py loads each public name on first use: every name must still resolve to
the object its submodule declares, and a fresh `import engine` must load nothing heavy."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import engine

REPO = Path(__file__).resolve().parent.parent
# The public API as it was when engine/__init__.py imported everything (commit c31bd7e).
PUBLIC = {
    "AccountView", "Batch", "CAUSES", "Cause", "ComingEvent", "DOCTRINES", "Debrief", "Difference", "ENGINE_VERSION",
    "Explanation", "GameOver", "LEVELS", "LEVERS", "Lever", "Line", "Match", "NEEDS", "NewsItem", "OTHERS",
    "Observation", "OrderError", "OrderProblem", "Orders", "PAY_PLANS", "ParallelMatch", "PERSPECTIVES",
    "PerGame", "Problem", "RepView", "Replay", "ReplayError", "Review", "RivalView", "Scenario",
    "ScenarioError", "Scores", "ShareChange", "StakeholderView", "StanceChange", "TurnReport",
    "TurnResult", "assets_dir", "cause_label", "explain", "load_scenario", "load_with_warnings", "review",
    "scenarios_dir", "score", "shipped", "star_rules", "text_of",
    "MILLION_YUAN", "money", "money_tick",
    "scenario_hash",   # a class file records it, as a save does (classroom/session.py)
    "text_blocks",     # a scenario text's paragraphs and bullets, for the window game and the class pages
}


def run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_all_is_the_same_public_api():
    assert set(engine.__all__) == PUBLIC


def test_every_public_name_resolves_to_its_submodules_object():
    from engine.doctrines import REGISTRY
    from engine.rules.causes import label

    for name in engine.__all__:
        value = getattr(engine, name)
        module = sys.modules[f"engine.{engine._HOME[name]}"]
        expected = {"DOCTRINES": REGISTRY, "cause_label": label}.get(name, getattr(module, name, None))
        assert value is expected, name


def test_each_submodule_declares_exactly_the_names_mapped_to_it():
    for module in set(engine._HOME.values()):
        assert set(engine._load(module)) == {n for n, m in engine._HOME.items() if m == module}, module


def test_unknown_name_is_an_attribute_error():
    try:
        engine.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("engine.no_such_thing resolved")


def test_a_submodule_does_not_hide_the_public_function_of_its_name():
    """engine.explain, engine.review and engine.money are submodules and public functions;
    importing the submodule first must leave `from engine import explain` a function."""
    out = run("import engine.match, engine.review, engine.money; "
              "from engine import explain, review, money; import engine as e; "
              "print(callable(explain) and callable(review) and callable(money) and e.explain is explain)")
    assert out == "True"


def test_import_engine_alone_loads_no_numpy_pydantic_or_yaml():
    out = run("import sys, engine, engine.paths, engine.version; engine.shipped(); "
              "print(sorted({m.split('.')[0] for m in sys.modules} & {'numpy', 'pydantic', 'yaml'}))")
    assert out == "[]"
