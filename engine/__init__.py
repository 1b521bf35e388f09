"""Key Account Wars engine: a pure, deterministic, batched key-account simulation.

The public API the game and the CLI use. Nothing here imports pygame or reads a clock.
"""
from .batch import Batch, GameOver, PerGame, TurnResult
from .doctrines import REGISTRY as DOCTRINES
from .explain import Explanation, explain
from .match import Debrief, Match, ParallelMatch
from .metrics import PERSPECTIVES, Scores, score
from .observation import AccountView, NewsItem, Observation, RepView, RivalView, StakeholderView
from .order_levers import LEVERS, Lever
from .order_problems import OrderProblem
from .orders import OrderError, Orders
from .paths import assets_dir, scenarios_dir
from .replay import Replay, ReplayError
from .report import ShareChange, StanceChange, TurnReport
from .scenario import Problem, Scenario, ScenarioError, load_scenario, load_with_warnings, shipped, text_of
from .scenario.models import LEVELS, NEEDS, PAY_PLANS
from .version import ENGINE_VERSION

__all__ = [
    "AccountView", "Batch", "DOCTRINES", "Debrief", "ENGINE_VERSION", "Explanation", "GameOver",
    "LEVELS", "LEVERS", "Lever", "Match", "NEEDS", "NewsItem", "Observation", "OrderError", "OrderProblem", "Orders", "PAY_PLANS", "ParallelMatch",
    "PERSPECTIVES", "PerGame", "Problem", "RepView", "Replay", "ReplayError", "RivalView", "Scenario",
    "ScenarioError", "Scores", "ShareChange", "StakeholderView", "StanceChange", "TurnReport",
    "TurnResult", "assets_dir", "explain", "load_scenario", "load_with_warnings", "scenarios_dir", "score", "shipped", "text_of",
]
