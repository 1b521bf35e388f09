"""The game's small vocabularies, declared once: buying-center levels, needs, pay plans
and account tiers. The scenario models, the order levers and the rules all read them
from here (engine.scenario.models re-exports them for scenario code)."""
from __future__ import annotations

LEVELS = ("operational", "management", "decision")
NEEDS = ("price", "quality", "service", "customisation", "relationship")
PAY_PLANS = ("commission", "balanced", "salary")
TIERS = ("A", "B", "C")
EXEC_LEVELS = ("management", "decision")  # whom executives meet
