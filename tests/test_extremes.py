"""No number a trainer can write overflows, underflows into nan, or warns while a game plays.

Every number in a scenario is bounded in engine/scenario/models.py. These tests read the
bounds from the models themselves, so a field added later is covered too:

- every number field has a finite lower and upper bound, and inf/nan are refused;
- games of scenarios whose every number sits at a bound (or just inside an open one)
  play to the end with numpy warnings as errors, and every state array, score and
  reported number stays finite.
"""
from __future__ import annotations

import copy
import math
import sys
import types
import typing
from typing import Annotated, Any, Literal, Union

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from engine import DOCTRINES, Scenario
from kaw import format as fmt
from kaw.cli import play_headless
from engine.metrics import score
from engine.scenario.refs import check_references

# Fields left at the base value: a rule across fields decides what fits them (shares of
# an account add up to at most 1; max_reps is at least the head count; the first phase
# of a plan starts at turn 1; a repeating demand change's window bounds how far demand
# compounds, see refs.MAX_REACHED_DEMAND).
KEEP = {"shares", "max_reps", "from_turn", "to_turn"}

# A small market using every model: three sides (one enters mid-game), two accounts,
# an event of every kind (the demand changes repeat, so they compound),
# objectives, lessons and a reference plan with every order.
BASE: dict = {
    "schema": 1, "id": "extremes", "title": "Extremes", "turns": 4,
    "sides": [
        {"id": "us", "name": "Us", "reps": [{"id": "ann"}, {"id": "bob"}], "doctrine": {"name": "balanced"}},
        {"id": "them", "name": "Them", "reps": 2,
         "doctrine": {"name": "defender", "params": {"aggression": 1.0, "trigger": 0.02}}},
        {"id": "spin", "name": "Spin", "reps": 0, "active": False,
         "doctrine": {"name": "blitzer", "params": {"window": 3.0, "flood": 0.85}}},
    ],
    "accounts": [
        {"id": "acme", "name": "Acme", "tier": "A", "demand": 4.0, "industry": "steel",
         "shares": {"us": 0.4, "them": 0.4}, "owner": {"us": "ann"}, "hidden_needs": ["service"],
         "needs": {"price": 1.0, "quality": 1.0, "service": 1.0}, "satisfaction": {"us": 0.6},
         "alliance": {"open": True},
         "stakeholders": [
             {"id": "ceo", "level": "decision", "role": "economic_buyer", "influence": 3,
              "stance": {"us": 1, "them": 1}, "personal": {"us": 0.5}},
             {"id": "user", "level": "operational", "stance": {"us": 1, "them": 0}},
         ]},
        {"id": "bolt", "name": "Bolt", "tier": "C", "demand": 2.0, "shares": {"us": 0.3, "them": 0.3},
         "stakeholders": [{"id": "boss", "level": "management", "stance": {"us": 0.5, "them": 1}}]},
    ],
    "events": [
        {"id": "boom", "title": "Boom", "when": {"chance": 1.0, "repeat": True, "to_turn": 3},
         "effects": [{"kind": "demand_change", "account": "acme", "factor": 2.0}]},
        {"id": "bust", "title": "Bust", "when": {"chance": 1.0, "repeat": True, "to_turn": 3},
         "effects": [{"kind": "demand_change", "account": "bolt", "factor": 0.5}]},
        {"id": "seat", "title": "Seat", "when": {"turn": 2},
         "effects": [{"kind": "personnel_change", "account": "acme", "stakeholder": "user",
                      "stance": {"us": 1}, "personal": {"us": 0.5}, "influence": 2.0},
                     {"kind": "power_shift", "account": "acme", "stakeholder": "ceo", "influence": 1.0}]},
        {"id": "trouble", "title": "Trouble", "when": {"turn": 2, "from_turn": 1, "to_turn": 3},
         "effects": [{"kind": "tender", "account": "bolt", "portion": 0.5},
                     {"kind": "quality_incident", "side": "us", "severity": 0.3},
                     {"kind": "capacity_shortfall", "side": "them", "turns": 2, "cap": 0.5},
                     {"kind": "open_alliance", "account": "bolt"}]},
        {"id": "quit", "title": "Quit", "when": {"chance": 0.5, "conditions": [
            {"metric": "cash", "side": "us", "at_least": -5.0}]},
         "effects": [{"kind": "rep_resignation", "side": "us", "spin_off": "spin"},
                     {"kind": "rival_entry", "side": "spin"}]},
    ],
    "objectives": [{"id": "grow", "text": "Grow", "require": [
        {"metric": "total_profit", "at_least": 1.0}, {"metric": "share", "account": "acme", "at_least": 0.5}]}],
    "lessons": [{"id": "rich", "title": "Rich", "text": "Rich", "when": [
        {"metric": "cash", "at_most": 100.0}, {"metric": "revenue", "at_least": 0.0}]}],
    "strategies": [{"id": "plan", "name": "Plan", "side": "us", "phases": [{"from_turn": 1, "orders": {
        "rep_time": {"acme": {"decision": 0.5}}, "exec_visits": {"acme": {"decision": 1}},
        "service": {"acme": 0.5}, "price_cut": {"bolt": 0.1}, "solution": {"acme": 0.2},
        "training": 0.1, "quality": 0.1, "hire": 1, "teams": ["acme"], "alliance": "acme",
        "intelligence": ["bolt"]}}]}],
    "scorecard": {},
    "tuning": {},
    "pay_plans": {"commission": {}, "balanced": {}, "salary": {}},
}


# --------------------------------------------------------------------------- reading the models

def _unwrap(tp: Any) -> tuple[Any, list]:
    meta: list = []
    while typing.get_origin(tp) is Annotated:
        tp, *extra = typing.get_args(tp)
        meta += extra
    return tp, meta


def _members(tp: Any) -> list:
    """The types a value may have (Optional and unions opened, constraints kept)."""
    base, _ = _unwrap(tp)
    if typing.get_origin(base) in (Union, types.UnionType):
        return [m for m in typing.get_args(base) if m is not type(None)]
    return [tp]


def _constraints(meta: list) -> dict[str, float]:
    found: dict[str, float] = {}
    for item in meta:
        inner = _constraints(item.metadata) if hasattr(item, "metadata") else {
            k: getattr(item, k) for k in ("ge", "gt", "le", "lt") if getattr(item, k, None) is not None}
        found.update(inner)
    return found


def _number(tp: Any, meta: list) -> tuple[type, dict[str, float]] | None:
    """(int or float, bounds) if the type is a number (bool and literals are not)."""
    base, more = _unwrap(tp)
    if base in (int, float):
        return base, _constraints(meta + more)
    return None


def _model(tp: Any) -> type[BaseModel] | None:
    base, _ = _unwrap(tp)
    return base if isinstance(base, type) and issubclass(base, BaseModel) else None


def _extremes(kind: type, bounds: dict[str, float]) -> list[float]:
    """The smallest and largest values the validator lets through (a side without a
    bound lets through the largest finite number)."""
    big = 10**30 if kind is int else sys.float_info.max
    if kind is int:
        lo = bounds["ge"] if "ge" in bounds else bounds["gt"] + 1 if "gt" in bounds else -big
        hi = bounds["le"] if "le" in bounds else bounds["lt"] - 1 if "lt" in bounds else big
        return [int(lo), int(hi)]
    lo = bounds["ge"] if "ge" in bounds else math.nextafter(bounds["gt"], math.inf) if "gt" in bounds else -big
    hi = bounds["le"] if "le" in bounds else math.nextafter(bounds["lt"], -math.inf) if "lt" in bounds else big
    return [float(lo), float(hi)]


def number_fields(model: type[BaseModel]):
    """Every (model, field name, kind, bounds) of a number anywhere in a model, its items and
    mappings included."""
    seen: set = set()
    stack = [model]
    while stack:
        m = stack.pop()
        if m in seen:
            continue
        seen.add(m)
        for name, f in m.model_fields.items():
            for member in _members(f.annotation):
                todo = [(member, list(f.metadata))]
                while todo:
                    tp, meta = todo.pop()
                    base, more = _unwrap(tp)
                    number = _number(base, meta + more)
                    if number:
                        yield m, name, number[0], number[1]
                    elif _model(base):
                        stack.append(_model(base))
                    elif typing.get_origin(base) in (list, tuple, dict):
                        args = typing.get_args(base)
                        values = args[-1:] if typing.get_origin(base) is dict else args
                        todo += [(m2, []) for a in values if a is not Ellipsis for m2 in _members(a)]


def test_every_number_a_trainer_writes_is_bounded():
    unbounded = [f"{m.__name__}.{name}" for m, name, _, b in number_fields(Scenario)
                 if not ({"ge", "gt"} & set(b) and {"le", "lt"} & set(b))]
    assert not unbounded, f"numbers without a lower and an upper bound: {unbounded}"


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan, "inf", "nan", 1e400, 10**400])
def test_inf_and_nan_are_refused(bad):
    data = copy.deepcopy(BASE)
    data["accounts"][0]["demand"] = bad
    data["tuning"] = {"effort_half_days": bad}
    with pytest.raises(ValidationError) as info:
        Scenario.model_validate(data)
    assert [e["loc"] for e in info.value.errors()] == [
        ("accounts", 0, "demand"), ("tuning", "effort_half_days")]


def test_demand_compounding_past_the_limit_is_refused():
    """Each number is in range, but a demand change that repeats every turn multiplies
    demand past what the game's sums can hold: refused, at the account's demand."""
    data = copy.deepcopy(BASE)
    data["turns"] = 40
    data["events"][0]["when"] = {"chance": 1.0, "repeat": True}  # x10 on each of 40 turns
    data["events"][0]["effects"][0]["factor"] = 10
    errors = [p for p in check_references(Scenario.model_validate(data), DOCTRINES) if p.severity == "error"]
    assert [(p.path, p.message.split(" (")[0]) for p in errors] == [
        (("accounts", 0, "demand"), "demand can grow to about 1e41 by the last turn")]
    data["events"][0]["when"]["to_turn"] = 10  # x10 on 10 turns: 4e10 at most
    assert not [p for p in check_references(Scenario.model_validate(data), DOCTRINES) if p.severity == "error"]


# --------------------------------------------------------------------------- games at the extremes

def _value_at_extreme(draw, kind, bounds):
    return draw(st.sampled_from(_extremes(kind, bounds)))


def at_extremes(draw, model: type[BaseModel], data: dict) -> dict:
    """``data`` with every number of ``model`` (nested ones included) at a bound.

    Numbers already written and numbers with a default are set; optional ones left out
    stay out. In a mapping only the first entry moves (a person's stance toward the first
    side, say), so rules across entries (one preferred supplier) keep holding.
    """
    out = dict(data)
    for name, f in model.model_fields.items():
        key = f.alias or name
        if key in KEEP or (key not in out and f.default is None):
            continue
        value = out.get(key, f.get_default(call_default_factory=True) if not f.is_required() else None)
        out[key] = _moved(draw, f.annotation, list(f.metadata), value)
    return out


def _moved(draw, tp: Any, meta: list, value: Any) -> Any:
    for member in _members(tp):
        base, more = _unwrap(member)
        number = _number(base, meta + more)
        if number and isinstance(value, (int, float)) and not isinstance(value, bool):
            return _value_at_extreme(draw, *number)
        sub = _model(base)
        if sub and isinstance(value, dict) and _fits(sub, value):
            return at_extremes(draw, sub, value)
        if isinstance(value, BaseModel) and sub:
            return at_extremes(draw, sub, value.model_dump(by_alias=True, exclude_defaults=True))
        origin, args = typing.get_origin(base), typing.get_args(base)
        if origin is list and isinstance(value, list):
            return [_moved(draw, args[0], [], v) for v in value]
        if origin is tuple and isinstance(value, (list, tuple)):
            return [_moved(draw, a, [], v) for a, v in zip(args, value)]
        if origin is dict and isinstance(value, dict) and value:
            first = next(iter(value))
            every = _model(args[1]) is not None  # pay plans: each its own
            return {k: (_moved(draw, args[1], [], v) if every or k == first else v) for k, v in value.items()}
    return value


def _fits(model: type[BaseModel], value: dict) -> bool:
    """Whether a mapping is written for this model (the member of a union of effects)."""
    keys = {f.alias or name: f for name, f in model.model_fields.items()}
    for key, v in value.items():
        if key not in keys:
            return False
        base, _ = _unwrap(keys[key].annotation)
        if typing.get_origin(base) is Literal and v not in typing.get_args(base):
            return False
    return True


def _scorecard_rules(card: dict) -> None:
    """The scorecard's rules across its numbers (refs.check_scorecard), kept with every
    number still at a bound: star scores that do not go down, and a weight that is not 0."""
    card["stars"] = sorted(card["stars"])
    for weights in [card, *card.get("stages", [])]:
        if not any(weights.get(p) for p in ("financial", "customer", "process", "learning")):
            weights["learning"] = 100.0


@st.composite
def extreme_scenarios(draw) -> Scenario:
    data = at_extremes(draw, Scenario, copy.deepcopy(BASE))
    _scorecard_rules(data["scorecard"])
    sc = Scenario.model_validate(data)
    errors = [p for p in check_references(sc, DOCTRINES) if p.severity == "error"]
    assert not errors, errors
    return sc


def _assert_finite(value: Any, where: str = "") -> None:
    """Every number in a nested report (dicts, lists, numpy values) is finite."""
    if isinstance(value, dict):
        for k, v in value.items():
            _assert_finite(v, f"{where}.{k}")
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            _assert_finite(v, f"{where}[{i}]")
    elif isinstance(value, np.ndarray):
        if value.dtype.kind == "f":
            assert np.all(np.isfinite(value)), f"{where} is not finite"
    elif isinstance(value, (float, np.floating)):
        assert math.isfinite(value), f"{where} is {value}"


@pytest.mark.filterwarnings("error")  # numpy's overflow / invalid-value warnings fail the test
@settings(max_examples=40)
@given(sc=extreme_scenarios(), seed=st.integers(0, 2**31), bot=st.sampled_from(["strategy:plan", "balanced"]))
def test_games_at_the_bounds_stay_finite(sc, seed, bot):
    m, rows = play_headless(sc, seed, bot, "en", None)
    assert m.done
    for name, arr in m.state.arrays.items():
        _assert_finite(arr, name)
    scores = score(m.world, m.state)
    _assert_finite({"parts": scores.parts, "total": scores.total}, "score")
    _assert_finite(rows, "rows")
    _assert_finite(fmt.debrief_dict(m.debrief()), "debrief")
