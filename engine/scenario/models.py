"""Scenario file format v1: the pydantic models a trainer's YAML is validated against.

Every field has a default where a trainer should not have to think, and a description
(it becomes the editor tooltip through the generated JSON Schema and the authoring
reference). Mechanics stay in code; everything a trainer tunes lives here.
"""
from __future__ import annotations

import types
import typing
from typing import Annotated, Any, Callable, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictBool, create_model, field_validator, model_validator

from ..order_levers import LEVERS, Lever, model_field


from ..vocab import LEVELS, NEEDS, PAY_PLANS, TIERS  # noqa: F401  (re-exported)

Level = Literal["operational", "management", "decision"]
Need = Literal["price", "quality", "service", "customisation", "relationship"]
PayPlanName = Literal["commission", "balanced", "salary"]
Stance = Annotated[float, Field(ge=-1, le=3)]
Fraction = Annotated[float, Field(ge=0, le=1)]
# Every number a trainer writes has a finite range (and inf/nan are refused: Strict), so
# no value can overflow in the engine's sums over accounts, sides and turns (some in
# float32) or turn a score into nan. Money is bounded far beyond any real account, in any
# money unit, and far below where those sums lose their meaning.
MAX_MONEY = 1e9
Money = Annotated[float, Field(ge=0, le=MAX_MONEY)]
Balance = Annotated[float, Field(ge=-MAX_MONEY, le=MAX_MONEY)]  # money that may be negative (cash, thresholds)
Weight = Annotated[float, Field(ge=0, le=100)]  # a relative weight (needs, scorecard, doctrine params)
MAX_TURNS = 40
Turn = Annotated[int, Field(ge=1, le=MAX_TURNS)]
# Only true/false: the loader keeps yes/no/on/off as text, and a flag must not read them
# as booleans behind the trainer's back.
Flag = StrictBool


class Strict(BaseModel):
    """Base: unknown keys are errors, so a misspelt key never silently does nothing.

    Validators are built when a model first validates (defer_build), not when this module
    loads: building them all costs ~0.1 s, and a program that gets its scenarios already
    validated (kaw run's cache) never needs them."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _booleans_are_not_numbers(cls, data: Any) -> Any:
        """true/false where a number belongs is refused like any other value that is not a
        number. pydantic's lax mode reads them as 1 and 0 (so 'turns: true' made a game of
        one quarter, and the editor's schema check, which refuses them, disagreed)."""
        if not isinstance(data, dict):
            return data
        fixed = None
        for key, fix in _boolean_guards(cls).items():
            if key in data:
                value = fix(data[key])
                if value is not data[key]:
                    fixed = dict(data) if fixed is None else fixed
                    fixed[key] = value
        return data if fixed is None else fixed


class _NotANumber:
    """Stands in for a boolean written where a number belongs: no number type accepts it,
    so pydantic reports it where it was written, and it shows as the file spells it."""

    __slots__ = ("value",)

    def __init__(self, value: bool):
        self.value = value

    def __repr__(self) -> str:
        return "true" if self.value else "false"


Guard = Callable[[Any], Any]
_GUARDS: dict[type, dict[str, Guard]] = {}


def _boolean_guards(model: type[BaseModel]) -> dict[str, Guard]:
    """For each key of `model` whose value holds numbers (itself, or in its lists and
    mappings), a function that replaces the booleans there with _NotANumber; nested
    models guard their own keys. Worked out once per model, from its annotations."""
    found = _GUARDS.get(model)
    if found is None:
        found = {}
        for name, f in model.model_fields.items():
            guard = _guard(f.annotation)
            if guard is not None:
                found[f.alias or name] = guard
        _GUARDS[model] = found
    return found


def _guard(tp: Any) -> Guard | None:
    """The function that replaces booleans where annotation `tp` wants a number, or None
    if `tp` holds no number outside nested models."""
    while typing.get_origin(tp) is Annotated:
        tp = typing.get_args(tp)[0]
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp in (int, float) or (origin is Literal and any(type(a) is int for a in args)):
        return lambda v: _NotANumber(v) if isinstance(v, bool) else v
    if origin in (Union, types.UnionType):
        guards = [g for g in (_guard(a) for a in args) if g is not None]
        if not guards:
            return None

        def any_member(v: Any) -> Any:
            for g in guards:
                out = g(v)
                if out is not v:
                    return out
            return v
        return any_member
    if origin is dict and len(args) == 2:
        inner = _guard(args[1])
        if inner is None:
            return None
        return lambda v: ({k: inner(x) for k, x in v.items()}
                          if isinstance(v, dict) and any(inner(x) is not x for x in v.values()) else v)
    if origin in (list, tuple) and args:
        items = [_guard(a) for a in args if a is not Ellipsis]
        if not any(items):
            return None
        if origin is list or (len(args) == 2 and args[1] is Ellipsis):
            items = items[:1]

        def each(v: Any) -> Any:
            if not isinstance(v, (list, tuple)):
                return v
            out = []
            for i, x in enumerate(v):
                g = items[0] if len(items) == 1 else items[i] if i < len(items) else None
                out.append(x if g is None else g(x))
            return v if all(a is b for a, b in zip(out, v)) else out
        return each
    return None


class Text(Strict):
    """Text in several languages; the game shows the player's language, else English."""

    en: str = Field(description="English text.")
    zh: str | None = Field(None, description="Chinese text (optional).")


LocalText = Annotated[
    Union[str, Text],
    Field(description="Plain text, or a mapping {en: ..., zh: ...} for bilingual text."),
]


def text_of(value: LocalText | None, lang: str = "en") -> str:
    """Pick the language a player asked for, falling back to English."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return getattr(value, lang, None) or value.en


# --------------------------------------------------------------------------- people


class Rep(Strict):
    id: str = Field(description="Identifier of the sales rep, unique within the side.")
    name: LocalText = Field("", description="Name shown to the player.")
    skill: Fraction = Field(0.6, description="Selling skill, 0 (novice) to 1 (star).")
    morale: Fraction = Field(0.7, description="Morale at the start, 0 to 1.")


class PayPlan(Strict):
    """How a pay plan shapes reps' behaviour. Defaults follow seed 001's argument."""

    salary_factor: float = Field(1.0, ge=0, le=3, description="Multiplier on base salary.")
    commission: float = Field(0.0, ge=0, le=0.3, description="Share of revenue paid as commission.")
    morale: Fraction = Field(0.7, description="Morale this plan settles reps at.")
    effort: float = Field(1.0, ge=0.3, le=2, description="Multiplier on the selling days a rep puts in.")
    loyalty: Fraction = Field(0.7, description="How much reps with big personal books stay (1 = never leave for money).")
    teamwork: float = Field(1.0, ge=0, le=3, description="Multiplier on iron-triangle conversion of personal ties to organisational ones.")


DEFAULT_PAY_PLANS = {
    "commission": dict(salary_factor=0.6, commission=0.06, morale=0.8, effort=1.15, loyalty=0.25, teamwork=0.5),
    "balanced": dict(salary_factor=1.0, commission=0.02, morale=0.75, effort=1.0, loyalty=0.8, teamwork=1.5),
    "salary": dict(salary_factor=1.2, commission=0.0, morale=0.6, effort=0.85, loyalty=0.7, teamwork=1.0),
}


def default_pay_plans() -> dict[str, PayPlan]:
    """The pay plans a scenario leaves out. They are the code's own constants, so they are
    built without validation (tests/test_schema.py checks they are valid): validating them
    would build PayPlan's validator, and pydantic's plugin lookup with it, at the start of
    every game, even one whose scenario was validated long before (kaw run's cache)."""
    return {name: PayPlan.model_construct(**values) for name, values in DEFAULT_PAY_PLANS.items()}


# --------------------------------------------------------------------------- sides


class DoctrineRef(Strict):
    name: str = Field(description="Registered doctrine name: defender, flanker, blitzer, poacher, frontal, concentrator, random, balanced.")
    params: dict[str, Weight] = Field(default_factory=dict, description="Doctrine weights (see the doctrine's documentation).")


class Side(Strict):
    @field_validator("doctrine", mode="before")
    @classmethod
    def _doctrine_shorthand(cls, v):
        return {"name": v} if isinstance(v, str) else v

    id: str = Field(description="Identifier of the supplier, used in stances and shares.")
    name: LocalText = Field(description="Company name shown to the player.")
    doctrine: DoctrineRef | None = Field(None, description="Policy used when no person plays this side. Required for rivals. A name alone (doctrine: defender) uses its default weights.")
    active: Flag = Field(True, description="False for a rival that enters mid-game (spin-off or newcomer).")
    cash: Balance = Field(10.0, description="Cash at the start (money units).")
    reps: Annotated[int, Field(ge=0, le=64)] | Annotated[list[Rep], Field(max_length=64)] = Field(4, description="Sales reps: a head count, or a list of named reps (at most 64).")
    max_reps: int | None = Field(None, ge=1, le=64, description="Most reps the side can ever have (hiring cap). Default: start + 50%.")
    rep_days: float = Field(50.0, ge=1, le=90, description="Selling days one rep gives per turn at full morale.")
    rep_salary: Money = Field(0.05, description="Base salary of one rep per turn.")
    hire_cost: Money = Field(0.05, description="One-off cost of hiring a rep.")
    exec_visits: int = Field(2, ge=0, le=20, description="Executive visits available per turn.")
    exec_visit_cost: Money = Field(0.02, description="Cost of one executive visit.")
    service_capacity: float = Field(10.0, ge=0, le=1000, description="Service / technical support units available per turn.")
    service_unit_cost: Money = Field(0.02, description="Cost of one service unit.")
    quality: Fraction = Field(0.7, description="Product quality / technology, 0 to 1.")
    service_speed: Fraction = Field(0.5, description="How fast and flexible its service organisation is, 0 to 1.")
    price_index: float = Field(1.0, gt=0.3, le=3, description="List price relative to the market (1 = market price).")
    cost_ratio: float = Field(0.65, gt=0, lt=1.5, description="Cost of goods as a share of market price.")
    max_price_cut: Fraction = Field(0.25, description="Largest price concession allowed on one account.")
    pay_plan: PayPlanName = Field("balanced", description="Pay plan at the start.")
    team_cost: Money = Field(0.05, description="Cost per turn of one iron-triangle account team.")
    intel_cost: Money = Field(0.02, description="Cost of market intelligence on one account for one turn.")
    credit_line: Money = Field(0.0, description="How far discretionary spending may take cash below zero.")


# --------------------------------------------------------------------------- accounts


class Stakeholder(Strict):
    id: str = Field(description="Identifier, unique within the account.")
    name: LocalText = Field("", description="Person's name.")
    title: LocalText = Field("", description="Job title as the org chart says.")
    level: Level = Field(description="Buying-center level.")
    role: Literal["economic_buyer", "user", "technical", "none"] = Field("none", description="Role in the purchase.")
    influence: float = Field(1.0, gt=0, le=10, description="Real weight in the decision (relative to the others): what tenders and share follow.")
    apparent_influence: float | None = Field(None, gt=0, le=10, description="Weight the org chart suggests, which is all a supplier sees until a coach at the account or enough contact with this person shows the real one. Default: the real influence (the org chart tells the truth).")
    influence_range: tuple[Annotated[float, Field(gt=0, le=10)], Annotated[float, Field(gt=0, le=10)]] | None = Field(None, description="Real influence drawn in this range for each game (who really holds power is uncertain); the org chart still shows `apparent_influence` (default: `influence`), and a coach or contact reveals the draw.")
    resistance: Fraction | None = Field(None, description="How hard this person resists a supplier while loyal to another (0 = open to all, 1 = immovable). Default: tuning.rival_resistance.")
    chair: Flag = Field(False, description="Chairs the buying committee (dominates tenders). Default: the decision-level economic buyer.")
    stance: dict[str, Stance] = Field(default_factory=dict, description="Stance toward each side, -1 opposes .. 3 coach. Missing sides: 0.")
    personal: dict[str, Fraction] = Field(default_factory=dict, description="Part of a positive stance held personally by that side's account owner (lost if the rep leaves). Default 0.6.")

    @model_validator(mode="after")
    def _range_order(self) -> "Stakeholder":
        if self.influence_range is not None and self.influence_range[0] > self.influence_range[1]:
            raise ValueError(f"influence_range must go from the lower to the higher (got {list(self.influence_range)})")
        return self

class AllianceTerms(Strict):
    open: Flag = Field(False, description="Whether the account already considers a joint venture (an event can open it).")
    cost: Money = Field(5.0, description="Cash the supplier must commit to form the joint venture.")
    min_chair_stance: Stance = Field(2.0, description="The chair's stance toward the proposer needed to accept.")
    bonus: float = Field(0.6, ge=0, le=3, description="Utility the venture adds to the partner's offer at this account.")


class Account(Strict):
    id: str = Field(description="Identifier of the key account.")
    name: LocalText = Field(description="Company name.")
    industry: str = Field("", description="Segment label; objectives can measure market share per segment. An industry's leader account pulls its followers (see leader).")
    leader: Flag | None = Field(None, description="The leader of its industry, whose moves between suppliers the other accounts of the industry follow part of the way. Default: the industry's account with the largest demand (an industry of one account has no followers).")
    tier: Literal["A", "B", "C"] = Field("B", description="A platinum, B plum, C chicken rib.")
    demand: float = Field(ge=0.001, le=MAX_MONEY, description="Annual-run purchases per turn, in money units at market price.")
    growth: float = Field(0.0, ge=-0.5, le=0.5, description="Demand growth per turn (0.02 = +2%).")
    payment_days: int = Field(60, ge=0, le=720, description="Days from invoice to cash.")
    cost_index: float = Field(1.0, ge=0.5, le=2.0, description="Cost of goods at this account relative to each supplier's cost_ratio, for every supplier: what the account buys (customised specs, small lots, hard delivery) costs more (1.2) or less (0.9) to make and deliver, so its gross margin differs. 1 = the side's cost_ratio.")
    switching_cost: Fraction = Field(0.4, description="How hard it is for the account to change supplier.")
    others_utility: float = Field(0.35, ge=0, le=1, description="Attractiveness of suppliers not modelled as sides (the rest of the wallet).")
    needs: dict[Need, Weight] = Field(
        default_factory=lambda: {"price": 1.0, "quality": 1.0, "service": 1.0, "customisation": 1.0, "relationship": 1.0},
        description="Relative weight of each need in the buying decision.",
    )
    hidden_needs: list[Need] = Field(default_factory=list, description="Needs the account does not state: a side must discover them to address them well.")
    shares: dict[str, Fraction] = Field(default_factory=dict, description="Share of wallet per side at the start (the rest goes to others).")
    satisfaction: dict[str, Fraction] = Field(default_factory=dict, description="Satisfaction with each supplying side at the start. Default 0.6.")
    owner: dict[str, str] = Field(default_factory=dict, description="Rep id that owns the account for each side. Default: reps in turn.")
    alliance: AllianceTerms = Field(default_factory=AllianceTerms, description="Joint-venture terms of this account.")
    stakeholders: list[Stakeholder] = Field(min_length=1, max_length=8, description="The buying center, 1 to 8 people.")

    @model_validator(mode="after")
    def _shares_fit(self) -> "Account":
        total = sum(self.shares.values())
        if total > 1.0 + 1e-9:
            raise ValueError(f"shares add up to more than 1 (got {total:g})")
        return self


# --------------------------------------------------------------------------- conditions


Metric = Literal[
    "turn", "share", "stance", "satisfaction", "cash", "revenue", "total_revenue", "total_profit",
    "morale", "reps", "a_accounts", "segment_share", "market_share", "event_fired", "coach",
    "quality", "alliance", "tender_won", "rivals_share", "a_accounts_lost", "revenue_vs_start",
    "revenue_outside",
]


class Condition(Strict):
    """One measurable fact about a game, compared with a threshold. No code, ever."""

    metric: Metric = Field(description="What to measure (see the authoring guide for each metric).")
    side: str | None = Field(None, description="Side it is measured for. Default: the player's side.")
    account: str | None = Field(None, description="Account, for share/stance/satisfaction/coach.")
    stakeholder: str | None = Field(None, description="Stakeholder, for stance.")
    segment: str | None = Field(None, description="Industry segment, for segment_share.")
    event: str | None = Field(None, description="Event id, for event_fired.")
    at_least: Balance | None = Field(None, description="Holds when the value is >= this.")
    at_most: Balance | None = Field(None, description="Holds when the value is <= this.")

    @model_validator(mode="after")
    def _has_threshold(self) -> "Condition":
        if self.metric != "event_fired" and self.at_least is None and self.at_most is None:
            raise ValueError("needs at_least or at_most")
        needs = {
            "share": ("account",), "satisfaction": ("account",), "coach": ("account",),
            "stance": ("account", "stakeholder"), "segment_share": ("segment",), "event_fired": ("event",),
            "alliance": ("account",), "tender_won": ("account",), "rivals_share": ("account",),
            "revenue_outside": ("account",),
        }.get(self.metric, ())
        missing = [f for f in needs if getattr(self, f) is None]
        if missing:
            raise ValueError(f"metric '{self.metric}' needs {', '.join(missing)}")
        return self


# --------------------------------------------------------------------------- events


class PersonnelChange(Strict):
    kind: Literal["personnel_change"]
    account: str = Field(description="Account where a person is replaced.")
    stakeholder: str = Field(description="Stakeholder whose seat changes hands.")
    name: LocalText = Field("", description="The newcomer's name.")
    title: LocalText | None = Field(None, description="New title, if it changes.")
    stance: dict[str, Stance] = Field(default_factory=dict, description="Newcomer's stance toward each side (missing: 0).")
    personal: dict[str, Fraction] = Field(default_factory=dict, description="Personal part of those stances.")
    influence: float | None = Field(None, gt=0, le=10, description="Newcomer's influence (default: unchanged).")
    apparent_influence: float | None = Field(None, gt=0, le=10, description="Influence the org chart shows for the newcomer (default: the real one).")

class PowerShift(Strict):
    kind: Literal["power_shift"]
    account: str
    stakeholder: str = Field(description="Whose power changes.")
    influence: float = Field(ge=0, le=10, description="New influence (0 = sidelined, e.g. sent on a trip).")
    chair: Flag = Field(False, description="This stakeholder now chairs the committee.")


class Tender(Strict):
    kind: Literal["tender"]
    account: str
    portion: Fraction = Field(1.0, description="Part of the wallet re-decided by the committee.")


class RepResignation(Strict):
    kind: Literal["rep_resignation"]
    side: str
    rep: str = Field("top", description="Rep id, or 'top' for the rep holding the biggest personal book.")
    spin_off: str | None = Field(None, description="Inactive side the rep founds, taking personal ties.")


class RivalEntry(Strict):
    kind: Literal["rival_entry"]
    side: str = Field(description="Inactive side that enters the market.")


class QualityIncident(Strict):
    kind: Literal["quality_incident"]
    side: str
    account: str | None = Field(None, description="Account hit; default all accounts the side supplies.")
    severity: Fraction = Field(0.3, description="Satisfaction lost, before service softens it.")


class CapacityShortfall(Strict):
    kind: Literal["capacity_shortfall"]
    side: str
    turns: int = Field(2, ge=1, le=20, description="How many turns it lasts.")
    cap: Fraction = Field(0.5, description="Share of its current volume it can still deliver.")


class DemandChange(Strict):
    kind: Literal["demand_change"]
    account: str
    factor: float = Field(ge=0.1, le=10, description="Demand is multiplied by this.")


class OpenAlliance(Strict):
    kind: Literal["open_alliance"]
    account: str = Field(description="Account whose leaders now welcome a joint venture.")


class News(Strict):
    kind: Literal["news"]


Effect = Annotated[
    Union[
        PersonnelChange, PowerShift, Tender, RepResignation, RivalEntry,
        QualityIncident, CapacityShortfall, DemandChange, OpenAlliance, News,
    ],
    Field(discriminator="kind"),
]


class Trigger(Strict):
    """When an event fires: at a turn, on a condition, or by chance each turn."""

    turn: Turn | None = Field(None, description="Fire at this turn.")
    turn_range: tuple[Turn, Turn] | None = Field(None, description="Fire at a turn drawn in this range (inclusive) for each game, instead of a fixed turn: when the personnel change or the tender comes is uncertain; a coach at the account warns a turn ahead.")
    chance: Fraction | None = Field(None, description="Chance per turn (after from_turn).")
    conditions: list[Condition] = Field(default_factory=list, description="All must hold (checked at the start of each turn).")
    from_turn: Turn = Field(1, description="Earliest turn.")
    to_turn: Turn | None = Field(None, description="Latest turn.")
    repeat: Flag = Field(False, description="May fire more than once.")

    @model_validator(mode="after")
    def _one_turn_rule(self) -> "Trigger":
        if self.turn is not None and self.turn_range is not None:
            raise ValueError("give turn or turn_range, not both")
        if self.turn_range is not None and self.turn_range[0] > self.turn_range[1]:
            raise ValueError(f"turn_range must go from the earlier turn to the later (got {list(self.turn_range)})")
        return self


class Event(Strict):
    id: str
    title: LocalText = Field(description="Headline in the news feed.")
    text: LocalText = Field("", description="What happened, for the news feed and debrief.")
    public: Flag = Field(True, description="Shown to every side; private events reach only sides with a coach at the account.")
    when: Trigger = Field(description="When it fires.")
    effects: list[Effect] = Field(min_length=1, description="What it does, in order.")


# --------------------------------------------------------------------------- scoring


class Objective(Strict):
    id: str
    text: LocalText
    primary: Flag = Field(True, description="Primary objectives gate the second star.")
    require: list[Condition] = Field(min_length=1, description="All must hold at the end.")


class Lesson(Strict):
    id: str
    title: LocalText
    text: LocalText
    when: list[Condition] = Field(min_length=1, description="All must hold at the end for the debrief to show it.")


Score = Annotated[float, Field(ge=0, le=100)]


class Stage(Strict):
    """The scorecard's weights from one turn on (seed 003: relationship early, revenue and
    margin in the middle, position late)."""

    from_turn: Turn = Field(description="First turn these weights apply to.")
    financial: Weight = Field(description="Weight of profit and cash.")
    customer: Weight = Field(description="Weight of share, satisfaction and key accounts kept.")
    process: Weight = Field(description="Weight of relationship depth and organisational ties.")
    learning: Weight = Field(description="Weight of morale, skill and retention.")


class Scorecard(Strict):
    financial: Weight = Field(0.3, description="Weight of profit and cash.")
    customer: Weight = Field(0.3, description="Weight of share, satisfaction and key accounts kept.")
    process: Weight = Field(0.2, description="Weight of relationship depth and organisational ties.")
    learning: Weight = Field(0.2, description="Weight of morale, skill and retention.")
    target_profit: float = Field(5.0, ge=0.001, le=MAX_MONEY, description="Total profit over the game that scores full marks.")
    stars: tuple[Score, Score, Score] = Field((40.0, 60.0, 80.0), description="Scores (0-100) for 1, 2 and 3 stars.")
    stages: list[Stage] = Field(default_factory=list, description="Weights that shift as the game goes on: each stage's weights apply from its from_turn (before the first stage, the weights above). The score at any quarter, and the final one, use the stage in force then.")

    def weights_at(self, turn: int) -> dict[str, float]:
        """The four perspectives' weights in force at `turn`."""
        current = {"financial": self.financial, "customer": self.customer, "process": self.process,
                   "learning": self.learning}
        for stage in sorted(self.stages, key=lambda st: st.from_turn):
            if stage.from_turn <= turn:
                current = {p: getattr(stage, p) for p in current}
        return current


# --------------------------------------------------------------------------- strategies


def _plan_field(lv: Lever):
    """A plan's key for one lever (engine/order_levers.py): shares of capacity where the
    lever has one, money per turn, fractions, counts, account lists or a choice."""
    value = {"share": Fraction, "fraction": Fraction, "money": Money,
             "count": Annotated[int, Field(ge=0, le=20)], "flag": str, "choice": str}[lv.plan_kind]
    return model_field(lv, value, lv.plan_description)


PlanOrders = create_model("PlanOrders", __base__=Strict, __module__=__name__,
                          **{lv.plan: _plan_field(lv) for lv in LEVERS})
PlanOrders.__doc__ = "Declarative orders in shares of capacity, so a plan works whatever the head count."


class PlanPhase(Strict):
    from_turn: Turn = 1
    orders: PlanOrders


class Strategy(Strict):
    id: str
    name: LocalText
    description: LocalText = ""
    side: str | None = Field(None, description="Side that follows it. Default: the player.")
    phases: list[PlanPhase] = Field(min_length=1, description="Orders from each phase's from_turn until the next phase.")


# --------------------------------------------------------------------------- fidelity


class Measure(Strict):
    """A number read at the end of each game: a condition metric without a threshold, or
    the score (0-100) or stars (0-3) of the plan's side."""

    metric: Metric | Literal["score", "stars"] = Field(description="What to measure (a condition metric, or score / stars).")
    side: str | None = Field(None, description="Side it is measured for. Default: the player's side.")
    account: str | None = Field(None, description="Account, for metrics about one account.")
    stakeholder: str | None = Field(None, description="Stakeholder, for stance.")
    segment: str | None = Field(None, description="Industry segment, for segment_share.")
    event: str | None = Field(None, description="Event id, for event_fired.")


class Outcome(Measure):
    """A measure compared with a threshold at the end of a game (an expectation's holds)."""

    at_least: Balance | None = Field(None, description="Holds when the value is >= this.")
    at_most: Balance | None = Field(None, description="Holds when the value is <= this.")

    @model_validator(mode="after")
    def _has_threshold(self) -> "Outcome":
        if self.at_least is None and self.at_most is None:
            raise ValueError("needs at_least or at_most")
        return self


class Expectation(Strict):
    """What the case must show when the engine plays it, checked by `kaw fidelity` over
    many seeds: a share of games where conditions hold, or a mean, for one plan or
    compared between two plans."""

    id: str = Field(description="Identifier of the expectation, unique in the scenario.")
    text: LocalText = Field(description="The expectation in words, as the fidelity table prints it.")
    plan: str = Field(description="Who plays the trainee's seat: a strategy id (`<id>:blind`: the same strategy played on the org chart alone, ignoring what a coach or contact shows), or a bot or doctrine name (random, balanced, defender, ...).")
    versus: str | None = Field(None, description="A second plan: the figure is then plan's minus (or divided by) versus's.")
    compare: Literal["difference", "ratio"] = Field("difference", description="How plan and versus are compared.")
    holds: list[Outcome] = Field(default_factory=list, description="Conditions at the end of a game (any condition metric, or score / stars): the figure is the share of games where all hold.")
    mean: Measure | None = Field(None, description="Instead of holds: the figure is the mean of this measure over the games.")
    at_least: Balance | None = Field(None, description="Passes when the figure is >= this.")
    at_most: Balance | None = Field(None, description="Passes when the figure is <= this.")
    above: Balance | None = Field(None, description="Passes when the figure is > this.")
    below: Balance | None = Field(None, description="Passes when the figure is < this.")

    @model_validator(mode="after")
    def _one_figure(self) -> "Expectation":
        if bool(self.holds) == (self.mean is not None):
            raise ValueError("give either holds (a share of games) or mean (an average), not both or neither")
        if all(x is None for x in (self.at_least, self.at_most, self.above, self.below)):
            raise ValueError("needs a threshold: at_least, at_most, above or below")
        return self


# --------------------------------------------------------------------------- tuning


class Tuning(Strict):
    """Model constants a trainer may tune per scenario; defaults are the calibrated ones."""

    choice_sharpness: float = Field(6.0, ge=0.1, le=30, description="Logit sharpness of the share-of-wallet choice.")
    share_speed: float = Field(0.45, ge=0.01, le=1, description="How fast shares move toward their target each turn, before switching costs.")
    incumbency: float = Field(0.25, ge=0, le=2, description="Utility bonus per unit of current share times switching cost.")
    effort_half_days: float = Field(8.0, ge=0.1, le=100, description="Rep days per stakeholder that give half the possible relationship gain.")
    personal_gain: float = Field(0.9, ge=0, le=3, description="Largest personal-stance gain per turn.")
    exec_gain: float = Field(0.7, ge=0, le=3, description="Organisational stance gain of one executive visit at full headroom.")
    exchange_gain: float = Field(0.25, ge=0, le=3, description="Organisational gain from service and solution work (technical exchanges).")
    personal_decay: float = Field(0.12, ge=0, le=1, description="Share of personal stance lost per turn without contact.")
    org_decay: float = Field(0.03, ge=0, le=1, description="Share of organisational stance lost per turn.")
    team_conversion: float = Field(0.25, ge=0, le=1, description="Share of personal stance an iron-triangle team turns into organisational stance per turn.")
    proven_share: float = Field(0.25, ge=0.01, le=1, description="Share of an account's wallet at which a supplier is proven there: its ties grow past 'supports' at full speed.")
    untried_pace: float = Field(0.25, ge=0, le=1, description="Pace (0-1) at which ties grow past 'supports' for a supplier the account has not bought from yet.")
    untried_quality: float = Field(0.6, ge=0, le=1, description="Share of its claimed quality an account credits to a supplier it has not bought from yet (rising to 1 at proven_share).")
    demonstration: Fraction = Field(0.3, description="How far the follower accounts of an industry follow their leader's move between suppliers each turn (seed 001's demonstration effect; 0 = not at all).")
    structural_bond: Fraction = Field(0.3, description="Switching cost that solution work adds for the supplier that did it (structural bonds, seed 001), at full solution stock.")
    org_memory: float = Field(0.5, ge=0, le=1, description="Share of colleagues' organisational stance toward a supplier that a newcomer in a seat inherits.")
    coach_at: float | None = Field(None, ge=1, le=3, description="No longer used (kept so older files load): a coach is stance 3 on the scale, i.e. 2.5 and above.")
    rivalry: float = Field(0.3, ge=0, le=1, description="Stance a supplier loses with a person for each point a rival gains with that person (never below neutral).")
    rival_resistance: Fraction = Field(0.5, description="Default resistance of a person loyal to one supplier to the others' courting: gains are scaled by 1 - resistance x loyalty.")
    reveal_contact: float = Field(6.0, ge=0.5, le=100, description="Recent contact with a person (rep days, 5 per executive visit, half of it remembered each turn) at which a side sees that person's real influence.")
    discovery_rate: float = Field(0.35, ge=0, le=2, description="Progress toward a hidden need per turn of full operational+management effort.")
    blind_factor: float = Field(0.35, ge=0, le=1, description="How much of an undiscovered need a side's offer still meets.")
    chair_weight: float = Field(3.0, ge=1, le=10, description="How much more the chair's voice counts in a tender.")
    tender_price_weight: float = Field(0.6, ge=0, le=5, description="Weight of price in a committee member's tender vote (stance weight is 1).")
    attrition: float = Field(0.06, ge=0, le=1, description="Base chance per turn that a rep with low morale leaves.")
    spin_off_chance: float = Field(0.8, ge=0, le=1, description="Chance a leaver with a big personal book founds a rival, if a spin-off side is free.")
    spin_off_book: float = Field(0.05, ge=0, le=1, description="Smallest personal book (share of the side's market held in personal ties) with which a leaver founds a rival.")
    follow_rate: float = Field(0.8, ge=0, le=1, description="Share of an account's business that follows a departing rep's personal tie.")
    satisfaction_speed: float = Field(0.35, ge=0, le=1, description="How fast satisfaction moves toward what quality and service deserve.")
    luck: float = Field(0.08, ge=0, le=1, description="Spread of an account's mood toward each supplier per turn (utility units).")
    turn_days: int = Field(90, ge=7, le=366, description="Calendar days in a turn (for payment terms).")
    cost_to_serve: dict[Literal["A", "B", "C"], Money] = Field(default_factory=dict, description="Money per turn it costs a supplier to serve one account of each tier (orders, visits, deliveries, paperwork: every account takes resources), e.g. {C: 0.3}. A side pays it in full where it holds proven_share of the wallet or more, in proportion below. A tier left out costs nothing.")


# --------------------------------------------------------------------------- guide

GUIDE_PANELS = ("portfolio", "buying_center", "person", "levers", "resources", "company", "news", "end")
GUIDE_ACTIONS = ("next", "select", "days", "visit", "service", "team", "spread", "glossary", "end_turn")


class GuideStep(Strict):
    """One step of a guided first quarter: the coach overlay points at a panel, says what it
    is and what to try, and moves on when the trainee does it (or presses Next)."""

    title: LocalText = Field("", description="A few words in the coach's heading.")
    text: LocalText = Field(description="What this panel is and what to try, in two or three sentences.")
    point: Literal[GUIDE_PANELS] = Field("buying_center", description="The panel the step points at ('person': the card of `person`).")
    do: Literal[GUIDE_ACTIONS] = Field("next", description="What moves the guide on: 'next' (the Next button); 'select' an account; rep 'days' or an exec 'visit' to a person (`account`, `person`; any person if none); 'service' or a 'team' at `account`; 'spread' the days by demand; open the 'glossary'; 'end_turn'.")
    account: str | None = Field(None, description="The account the step is about (selected for the trainee when the step begins).")
    person: str | None = Field(None, description="The stakeholder the step is about, at `account`.")


# --------------------------------------------------------------------------- scenario


class Scenario(Strict):
    schema_: Literal[1] = Field(1, alias="schema", description="Scenario format version.")
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Identifier (lower case, digits, underscores).")
    title: LocalText
    summary: LocalText = Field("", description="One or two lines for the scenario menu.")
    briefing: LocalText = Field("", description="The case, readable in two minutes.")
    difficulty: Literal["easy", "medium", "hard"] = "medium"
    turns: int = Field(8, ge=1, le=MAX_TURNS, description="Number of turns (quarters).")
    money_unit: str = Field("M", description="Label of the money unit, e.g. 'M¥'.")
    player: str | None = Field(None, description="Side the trainee plays. Default: the first side.")
    sides: list[Side] = Field(min_length=2, max_length=5, description="The trainee's company and 1-4 rivals.")
    accounts: list[Account] = Field(min_length=1, max_length=15, description="The key accounts, 1 to 15.")
    events: list[Event] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    lessons: list[Lesson] = Field(default_factory=list)
    strategies: list[Strategy] = Field(default_factory=list, description="Named reference plans for balance and fidelity runs.")
    expectations: list[Expectation] = Field(default_factory=list, description="What the case must show when the engine plays it (kaw fidelity).")
    scorecard: Scorecard = Field(default_factory=Scorecard)
    pay_plans: dict[PayPlanName, PayPlan] = Field(default_factory=default_pay_plans, description="Effects of each pay plan.")
    tuning: Tuning = Field(default_factory=Tuning)
    guide: list[GuideStep] = Field(default_factory=list, description="A guided first quarter for the window game: coach steps shown on the first planning screen.")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @property
    def player_id(self) -> str:
        return self.player or self.sides[0].id
