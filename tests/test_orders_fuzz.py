"""Whatever a caller puts in the orders (huge numbers, NaN, strings, wrong shapes), a
step either applies them or refuses them with an OrderError and leaves the match
exactly as it was; an applied step is logged so that the log replays it."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from engine import Match, OrderError, Orders

NUMBERS = st.one_of(
    st.integers(min_value=-3, max_value=40),
    st.floats(min_value=-1.0, max_value=30.0),
    st.integers(),
    st.sampled_from([2**63, -(2**63) - 1, 10**400, -(10**400), 1e308, 1e-320]),
    st.floats(allow_nan=True, allow_infinity=True),
)
ANYTHING = st.one_of(st.none(), st.booleans(), st.text(max_size=5), st.lists(st.integers(), max_size=2))
# Mostly well-formed, so that huge numbers get past the field types to the checks; now
# and then anything at all.
ACCOUNTS = st.sampled_from(["acme", "acme", "bolt", "bolt", "nowhere"])
PERSON_KEYS = st.sampled_from(["ceo", "head", "user", "boss", "eng", "decision", "lunch"])
PER_PERSON = st.dictionaries(ACCOUNTS, st.one_of(st.dictionaries(PERSON_KEYS, NUMBERS, max_size=2),
                                                st.dictionaries(PERSON_KEYS, NUMBERS, max_size=2), ANYTHING), max_size=2)
PER_ACCOUNT = st.dictionaries(ACCOUNTS, st.one_of(NUMBERS, NUMBERS, ANYTHING), max_size=2)
ACCOUNT_LIST = st.one_of(st.lists(ACCOUNTS, max_size=2), st.lists(ACCOUNTS, max_size=2), ANYTHING)
VALUES = {
    "rep_days": PER_PERSON, "exec_visits": PER_PERSON, "service": PER_ACCOUNT, "price_cut": PER_ACCOUNT,
    "solution": PER_ACCOUNT, "pay_plan": st.one_of(st.sampled_from(["commission", "balanced", "salary"]), ANYTHING),
    "training": st.one_of(NUMBERS, NUMBERS, ANYTHING), "quality": st.one_of(NUMBERS, NUMBERS, ANYTHING),
    "hire": st.one_of(NUMBERS, NUMBERS, ANYTHING), "teams": ACCOUNT_LIST, "drop": ACCOUNT_LIST,
    "alliance": st.one_of(ACCOUNTS, ANYTHING), "intelligence": ACCOUNT_LIST,
}
assert set(VALUES) == set(Orders.model_fields), "every field of Orders is tried"
# A few fields at a time, so a single bad number is not hidden behind another field's error.
FIELDS = st.lists(st.sampled_from(sorted(VALUES)), max_size=3, unique=True).flatmap(
    lambda names: st.fixed_dictionaries({n: VALUES[n] for n in names}))


@pytest.fixture(scope="module")
def market(make_scenario):
    return make_scenario()


def step_or_refuse(market, orders) -> None:
    m = Match(market, 5)
    m.reset()
    m.step(Orders(rep_days={"acme": {"ceo": 5}}))  # mid-game, not only at the start
    before, log = m.state_hash(), list(m.orders_log)
    try:
        m.step(orders)
    except OrderError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
        assert m.state_hash() == before and m.turn == 1 and m.orders_log == log
        event("refused")
        return
    event("applied")
    assert m.turn == 2 and len(m.orders_log) == 2
    again = Match(market, 5)
    again.reset()
    for turn in m.orders_log:
        again.step({sid: Orders.model_validate(o) for sid, o in turn.items()})
    assert again.state_hash() == m.state_hash(), "an applied step must be logged as it applied"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=FIELDS)
def test_any_mapping_of_order_fields_applies_or_is_refused(market, fields):
    step_or_refuse(market, {"us": fields})


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=FIELDS)
def test_any_orders_object_applies_or_is_refused_even_unvalidated(market, fields):
    """Orders built without validation (or changed after building) are read again."""
    step_or_refuse(market, Orders.model_construct(**fields))


@pytest.mark.parametrize("fields", [
    {"hire": 2**63}, {"hire": 10**400}, {"exec_visits": {"acme": {"ceo": 10**400}}},
    {"rep_days": {"acme": {"ceo": 10**400}}}, {"training": 1e308}, {"quality": float("inf")},
    {"solution": {"acme": float("nan")}}, {"service": {"bolt": -(2**63)}},
])
def test_huge_or_non_finite_numbers_are_refused_as_orders(market, fields):
    with pytest.raises(ValidationError):
        Orders(**fields)
    m = Match(market, 5)
    m.reset()
    before = m.state_hash()
    for orders in ({"us": fields}, Orders.model_construct(**fields)):
        with pytest.raises(OrderError):
            m.step(orders)
        assert m.state_hash() == before and m.turn == 0 and m.orders_log == []


def test_orders_changed_after_building_are_checked_again(market):
    m = Match(market, 5)
    m.reset()
    o = Orders()
    o.hire = 2**63
    with pytest.raises(OrderError, match="hire"):
        m.step(o)
    assert m.turn == 0


@pytest.mark.parametrize("side", [1, 2.5, ("us",), None, b"us", True])
def test_a_side_that_is_not_a_name_is_refused_not_a_type_error(market, side):
    """A bot or script keying orders by something other than a side's name (an index, a
    tuple, bytes) gets OrderError naming it, state unchanged, as an unknown name does."""
    m = Match(market, 5)
    m.reset()
    before = m.state_hash()
    with pytest.raises(OrderError, match="unknown side") as caught:
        m.step({side: {}})
    assert all(isinstance(p, str) and p for p in caught.value.problems)
    assert m.state_hash() == before and m.turn == 0 and m.orders_log == []


GOOD_NUMBERS = st.one_of(st.integers(min_value=0, max_value=20), st.floats(min_value=0.0, max_value=20.0))


def _valid_orders(w):
    """Orders naming only the world's own accounts and people (any amounts: to_arrays
    writes what it is given, the check decides elsewhere)."""
    accounts = st.sampled_from(w.account_ids)
    def per_person(numbers):
        return st.dictionaries(accounts, st.just(None), max_size=3).flatmap(
            lambda chosen: st.fixed_dictionaries({
                aid: st.dictionaries(st.sampled_from(w.stakeholder_ids[w.account(aid)]), numbers, max_size=3)
                for aid in chosen}))
    per_account = st.dictionaries(accounts, GOOD_NUMBERS, max_size=3)
    return st.builds(Orders, rep_days=per_person(GOOD_NUMBERS),
                     exec_visits=per_person(st.integers(min_value=0, max_value=3)), service=per_account,
                     price_cut=st.dictionaries(accounts, st.floats(min_value=0.0, max_value=0.1), max_size=3),
                     solution=per_account, teams=st.lists(accounts, max_size=3), drop=st.lists(accounts, max_size=2),
                     intelligence=st.lists(accounts, max_size=2), alliance=st.one_of(st.none(), accounts),
                     hire=st.integers(min_value=0, max_value=3), training=GOOD_NUMBERS, quality=GOOD_NUMBERS,
                     pay_plan=st.one_of(st.none(), st.sampled_from(["commission", "balanced", "salary"])))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_to_arrays_writes_each_order_into_its_own_cell_and_nothing_else(market, data):
    """to_arrays (which writes a lever's cells in one assignment) against a cell-by-cell
    reading of the orders: every named account and person holds what the orders say,
    every other cell of every side and every game holds the lever's empty value; given a
    game, only that game's cells are written."""
    import numpy as np

    from engine import Batch
    from engine.order_levers import LEVERS
    from engine.orders import OrderArrays, to_arrays

    b = Batch(market, 1, 3)
    b.reset()
    w, s = b.world, data.draw(st.integers(min_value=0, max_value=b.world.S - 1))
    o = data.draw(_valid_orders(w))
    g = data.draw(st.one_of(st.none(), st.integers(min_value=0, max_value=2)))
    arr = to_arrays(w, b.state, s, o, g=g)
    empty = OrderArrays.empty(3, w.S, w.A, w.K)
    for lv in LEVERS:
        want = getattr(empty, lv.array).copy()
        value = getattr(o, lv.name)
        games = slice(None) if g is None else g
        if lv.kind == "flag":
            for aid in value:
                want[games, s, w.account(aid)] = True
        elif lv.kind == "choice":
            want[games, s] = -1 if value is None else (lv.choices.index(value) if lv.choices else w.account(value))
        elif lv.per == "person":
            for aid, people in value.items():
                for kid, n in people.items():
                    want[games, s, w.account(aid), w.stakeholder(w.account(aid), kid)] = n
        elif lv.per == "account":
            for aid, n in value.items():
                want[games, s, w.account(aid)] = n
        else:
            want[games, s] = value
        got = getattr(arr, lv.array)
        assert got.dtype == want.dtype and np.array_equal(got, want), lv.name
