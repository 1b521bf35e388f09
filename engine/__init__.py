"""Key Account Wars engine: a pure, deterministic, batched key-account simulation.

The public API the game and the CLI use. Nothing here imports pygame or reads a clock.

`import engine` is cheap: each public name is imported from its submodule the first time
it is asked for (PEP 562), so `kaw --help` or a look at the shipped scenarios does not
load numpy or build the scenario models, and `from engine import Match` loads only what a
match needs.
"""
from __future__ import annotations

import sys
from types import ModuleType

# Each public name -> the submodule that declares it; _load() holds the imports themselves.
_HOME = {
    "Batch": "batch", "GameOver": "batch", "PerGame": "batch", "TurnResult": "batch",
    "DOCTRINES": "doctrines",
    "Explanation": "explain", "explain": "explain",
    "Debrief": "match", "Match": "match", "ParallelMatch": "match",
    "PERSPECTIVES": "metrics", "Scores": "metrics", "score": "metrics",
    "MILLION_YUAN": "money", "money": "money", "money_tick": "money",
    "AccountView": "observation", "ComingEvent": "observation", "NewsItem": "observation",
    "Observation": "observation", "RepView": "observation", "RivalView": "observation",
    "StakeholderView": "observation",
    "LEVERS": "order_levers", "Lever": "order_levers",
    "OrderProblem": "order_problems",
    "OrderError": "orders", "Orders": "orders",
    "assets_dir": "paths", "scenarios_dir": "paths", "shipped": "paths",
    "Replay": "replay", "ReplayError": "replay",
    "OTHERS": "report", "ShareChange": "report", "StanceChange": "report", "TurnReport": "report",
    "Difference": "review", "Line": "review", "Review": "review", "review": "review", "star_rules": "review",
    "CAUSES": "rules.causes", "Cause": "rules.causes", "cause_label": "rules.causes",
    "Problem": "scenario", "Scenario": "scenario", "ScenarioError": "scenario", "load_scenario": "scenario",
    "load_with_warnings": "scenario", "scenario_hash": "scenario", "text_blocks": "scenario", "text_of": "scenario",
    "LEVELS": "scenario.models", "NEEDS": "scenario.models", "PAY_PLANS": "scenario.models",
    "ENGINE_VERSION": "version",
}
__all__ = sorted(_HOME)


def _load(module: str) -> dict[str, object]:
    """The public names one submodule declares, imported now. Every import is written out:
    the engine loads nothing by a computed name (tests/test_layers.py)."""
    match module:
        case "batch":
            from .batch import Batch, GameOver, PerGame, TurnResult
        case "doctrines":
            from .doctrines import REGISTRY as DOCTRINES
        case "explain":
            from .explain import Explanation, explain
        case "match":
            from .match import Debrief, Match, ParallelMatch
        case "metrics":
            from .metrics import PERSPECTIVES, Scores, score
        case "money":
            from .money import MILLION_YUAN, money, money_tick
        case "observation":
            from .observation import (AccountView, ComingEvent, NewsItem, Observation, RepView, RivalView,
                                      StakeholderView)
        case "order_levers":
            from .order_levers import LEVERS, Lever
        case "order_problems":
            from .order_problems import OrderProblem
        case "orders":
            from .orders import OrderError, Orders
        case "paths":
            from .paths import assets_dir, scenarios_dir, shipped
        case "replay":
            from .replay import Replay, ReplayError
        case "report":
            from .report import OTHERS, ShareChange, StanceChange, TurnReport
        case "review":
            from .review import Difference, Line, Review, review, star_rules
        case "rules.causes":
            from .rules.causes import CAUSES, Cause
            from .rules.causes import label as cause_label
        case "scenario":
            from .scenario import (Problem, Scenario, ScenarioError, load_scenario, load_with_warnings, scenario_hash,
                                   text_blocks, text_of)
        case "scenario.models":
            from .scenario.models import LEVELS, NEEDS, PAY_PLANS
        case "version":
            from .version import ENGINE_VERSION
    found = dict(locals())
    del found["module"]
    return found


def __getattr__(name: str) -> object:
    """A public name, imported from its submodule on first use and kept."""
    if name not in _HOME:
        raise AttributeError(f"module 'engine' has no attribute '{name}'")
    names = _load(_HOME[name])
    globals().update(names)
    return names[name]


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _PublicNamesFirst(ModuleType):
    """Importing a submodule makes it an attribute of its package, and three submodules
    share a public name (engine.explain, engine.review, engine.money): without this guard
    `from engine import explain` would give the module once anything had imported it.
    The public object keeps the name, as it did when this file imported everything."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _HOME and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _PublicNamesFirst
