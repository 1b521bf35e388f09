"""Key Account Wars engine: a pure, deterministic, batched key-account simulation.

The public API the game and the CLI use. Nothing here imports pygame or reads a clock.
"""
from .batch import Batch, GameOver, PerGame, TurnResult
from .doctrines import REGISTRY as DOCTRINES
from .explain import Explanation, explain
from .match import Debrief, Match, ParallelMatch
from .metrics import PERSPECTIVES, Scores, score
from .money import MILLION_YUAN, money, money_tick
from .observation import AccountView, ComingEvent, NewsItem, Observation, RepView, RivalView, StakeholderView
from .order_levers import LEVERS, Lever
from .order_problems import OrderProblem
from .orders import OrderError, Orders
from .paths import assets_dir, scenarios_dir
from .replay import Replay, ReplayError
from .report import OTHERS, ShareChange, StanceChange, TurnReport
from .review import Difference, Line, Review, review, star_rules
from .rules.causes import CAUSES, Cause
from .rules.causes import label as cause_label
from .scenario import Problem, Scenario, ScenarioError, load_scenario, load_with_warnings, shipped, text_of
from .scenario.models import LEVELS, NEEDS, PAY_PLANS
from .version import ENGINE_VERSION

__all__ = [
    "AccountView", "Batch", "CAUSES", "Cause", "ComingEvent", "DOCTRINES", "Debrief", "Difference", "ENGINE_VERSION",
    "Explanation", "GameOver", "LEVELS", "LEVERS", "Lever", "Line", "Match", "NEEDS", "NewsItem", "OTHERS",
    "Observation", "OrderError", "OrderProblem", "Orders", "PAY_PLANS", "ParallelMatch", "PERSPECTIVES",
    "PerGame", "Problem", "RepView", "Replay", "ReplayError", "Review", "RivalView", "Scenario",
    "ScenarioError", "Scores", "ShareChange", "StakeholderView", "StanceChange", "TurnReport",
    "TurnResult", "assets_dir", "cause_label", "explain", "load_scenario", "load_with_warnings", "review",
    "scenarios_dir", "score", "shipped", "star_rules", "text_of",
    "MILLION_YUAN", "money", "money_tick",
]
