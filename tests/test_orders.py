"""Orders are values, checked before they apply: every problem is listed at once, the
state is left exactly as it was, and a valid order afterwards works normally.

Played on the small inline market of conftest (us: 2 named reps, 1 free slot, 2
executive visits, 10 service units, 20 cash; them: a bot), so scenario edits elsewhere
do not move these numbers. Effort goes to people: at acme the ceo (decision), head
(management) and user (operational); at bolt the boss (decision) and eng (operational).
"""
from __future__ import annotations

import pytest

from engine import Batch, Match, OrderError, Orders, money


@pytest.fixture(scope="module")
def market(make_scenario):
    return make_scenario()


@pytest.fixture
def match(market) -> Match:
    m = Match(market, 1)
    m.reset()
    return m


def test_the_market_is_what_these_tests_assume(match):
    obs = match.observe()
    assert [a.id for a in obs.accounts] == ["acme", "bolt"]
    assert (obs.exec_visits, obs.service_capacity, obs.free_rep_slots, obs.max_price_cut, obs.budget) == (2, 10, 1, 0.25, 20)
    assert obs.costs == {"exec_visit": 0.02, "service_unit": 0.02, "team": 0.05, "intelligence": 0.02,
                         "hire": 0.05, "rep_salary": 0.05}


def refused(m: Match, orders, *expected: str) -> list[str]:
    """Step with bad orders: OrderError with exactly these problems, nothing changed."""
    before = m.state_hash()
    turn, reports, log = m.turn, len(m.reports), len(m.orders_log)
    with pytest.raises(OrderError) as info:
        m.step(orders)
    problems = info.value.problems
    assert problems == list(expected)
    assert m.state_hash() == before, "a refused order must leave the state untouched"
    assert (m.turn, len(m.reports), len(m.orders_log)) == (turn, reports, log)
    # check() gives the same list without the side prefix, and raising is explicit
    text = str(info.value)
    assert text.startswith("orders refused:") and all(p in text for p in problems)
    return problems


def test_every_problem_is_listed_at_once(match):
    cap = match.observe().capacity_days
    refused(
        match,
        Orders(
            rep_days={"acme": {"ceo": 500}, "nowhere": {"head": 3}, "bolt": {"eng": -2}},
            exec_visits={"acme": {"user": 1}},
            service={"bolt": -1},
            price_cut={"acme": 0.5},
            training=-1,
            hire=5,
            solution={"bolt": 1e6},
        ),
        "us: rep_days: unknown account 'nowhere' (known: acme, bolt)",
        "us: rep_days.bolt.eng: must be zero or more (got -2)",
        "us: exec_visits.acme.user: executives visit management or decision level only",
        "us: service.bolt: must be zero or more (got -1)",
        "us: price_cut.acme: must be at most 0.25 (got 0.5)",
        "us: training: must be zero or more (got -1)",
        f"us: rep_days: 501 days allocated but only {cap:.4g} available",
        "us: hire: at most 1 more reps can be hired (got 5)",
        "us: budget: orders cost 999,999.25 M but only 20.00 M is available",  # money in the one form
    )


def test_capacity_limits_are_all_reported(match):
    cap = match.observe().capacity_days
    refused(
        match,
        Orders(rep_days={"acme": {"ceo": cap * 0.6}, "bolt": {"boss": cap * 0.5}},
               exec_visits={"acme": {"ceo": 2}, "bolt": {"boss": 1}},
               service={"acme": 6, "bolt": 5}, price_cut={"acme": 0.3}, hire=2),
        "us: price_cut.acme: must be at most 0.25 (got 0.3)",
        f"us: rep_days: {cap * 1.1:.4g} days allocated but only {cap:.4g} available",
        "us: exec_visits: 3 visits planned but only 2 available",
        "us: service: 11 units allocated but only 10 available",
        "us: hire: at most 1 more reps can be hired (got 2)",
    )


def test_limits_themselves_are_allowed(match):
    obs = match.observe()
    ok = Orders(rep_days={"acme": {"ceo": obs.capacity_days}}, exec_visits={"acme": {"ceo": 2}},
                service={"bolt": obs.service_capacity}, price_cut={"bolt": obs.max_price_cut},
                hire=obs.free_rep_slots)
    assert match.check(ok) == []
    match.step(ok)
    assert match.turn == 1
    assert match.observe().free_rep_slots == 0
    refused(match, Orders(hire=1), "us: hire: at most 0 more reps can be hired (got 1)")


def test_budget_counts_every_kind_of_spending(match):
    c = match.observe().costs
    spend = dict(solution={"acme": 19.5}, training=0.2, quality=0.2, hire=1,
                 exec_visits={"acme": {"ceo": 1}}, service={"acme": 2},
                 teams=["acme"], intelligence=["bolt"])
    total = 19.5 + 0.2 + 0.2 + c["hire"] + c["exec_visit"] + 2 * c["service_unit"] + c["team"] + c["intelligence"]
    refused(match, Orders(**spend), f"us: budget: orders cost {money(total, 'M')} but only {money(20, 'M')} is available")
    spend["solution"] = {"acme": 19.5 - (total - 20.0) - 1e-6}
    assert match.check(Orders(**spend)) == []


def test_a_dropped_account_takes_no_more_orders(match):
    match.step(Orders(drop=["bolt"]))
    refused(
        match,
        Orders(rep_days={"bolt": {"boss": 5}}, service={"bolt": 1}, teams=["bolt"],
               price_cut={"bolt": 0.1}, alliance="bolt"),
        "us: rep_days.bolt: account was dropped; it takes no more orders",
        "us: service.bolt: account was dropped; it takes no more orders",
        "us: price_cut.bolt: account was dropped; it takes no more orders",
        "us: teams.bolt: account was dropped; it takes no more orders",
        "us: alliance.bolt: account was dropped; it takes no more orders",
    )
    # dropping it again is harmless, and the other account still takes orders
    assert match.check(Orders(drop=["bolt"], rep_days={"acme": {"ceo": 5}})) == []


def test_an_account_dropped_this_quarter_takes_no_orders_either(match):
    """The rules drop an account before they apply the quarter's effort, so days, money
    or a team sent where the same orders drop it would be wasted without a word: refused,
    with the reason, like orders for an account dropped before."""
    before = match.state_hash()
    refused(
        match,
        Orders(drop=["bolt"], rep_days={"bolt": {"boss": 5}}, service={"bolt": 1}, teams=["bolt"]),
        "us: rep_days.bolt: account is dropped this quarter (drop); orders for it would be wasted",
        "us: service.bolt: account is dropped this quarter (drop); orders for it would be wasted",
        "us: teams.bolt: account is dropped this quarter (drop); orders for it would be wasted",
    )
    assert match.state_hash() == before
    problem = match.batch.check({"us": Orders(drop=["bolt"], service={"bolt": 1})})["us"][0]
    assert problem.code == "dropping" and problem.account == "bolt"
    assert "放弃" in problem.text("zh")
    # dropping it alone, while working the other account, is fine
    assert match.check(Orders(drop=["bolt"], service={"acme": 1})) == []


def test_unknown_accounts_everywhere(match):
    refused(
        match,
        Orders(exec_visits={"x1": {"ceo": 1}}, price_cut={"x2": 0.1}, solution={"x3": 0.1},
               teams=["x4"], drop=["x5"], intelligence=["x6"], alliance="x7"),
        *[f"us: {field}: unknown account '{aid}' (known: acme, bolt)"
          for field, aid in (("exec_visits", "x1"), ("price_cut", "x2"), ("solution", "x3"), ("teams", "x4"),
                             ("drop", "x5"), ("intelligence", "x6"), ("alliance", "x7"))],
    )


def test_non_finite_and_huge_amounts_are_refused(match):
    """Orders hold only finite numbers of a size numpy handles (see MAX_AMOUNT)."""
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Orders(quality=float("inf"))
    refused(match, {"us": {"rep_days": {"acme": {"ceo": float("nan")}}, "quality": float("inf"),
                           "hire": 2**63, "exec_visits": {"acme": {"ceo": 10**400}}}},
            "us: rep_days.acme.ceo: Input should be a finite number",
            "us: exec_visits.acme.ceo: Input should be less than or equal to 1000000000000",
            "us: quality: Input should be a finite number",
            "us: hire: Input should be less than or equal to 1000000000000")


def test_effort_goes_to_people_not_levels(match):
    """A level name was the old key: it is refused with a hint, as is anyone not there."""
    refused(match, Orders(rep_days={"acme": {"decision": 5, "ceo": 5}, "bolt": {"head": 1}},
                          exec_visits={"acme": {"management": 1}}),
            "us: rep_days.acme: nobody called 'decision' at this account (effort goes to people now, not levels) "
            "(there: ceo, head, user)",
            "us: rep_days.bolt: nobody called 'head' at this account (there: boss, eng)",
            "us: exec_visits.acme: nobody called 'management' at this account (effort goes to people now, not levels) "
            "(there: ceo, head, user)")


def test_orders_land_on_the_person_they_name(market):
    """Batched orders hold one cell per person [G,S,A,K]: days to the head reach the head only."""
    from engine.orders import to_arrays

    b = Batch(market, 1, 2)
    b.reset()
    w = b.world
    arr = to_arrays(w, b.state, 0, Orders(rep_days={"acme": {"head": 7}}, exec_visits={"bolt": {"boss": 1}}))
    assert arr.days.shape == (2, w.S, w.A, w.K) and arr.exec.shape == (2, w.S, w.A, w.K)
    a, k = w.account("acme"), w.stakeholder(w.account("acme"), "head")
    assert arr.days[:, 0, a, k].tolist() == [7, 7] and arr.days.sum() == 14
    b_, boss = w.account("bolt"), w.stakeholder(w.account("bolt"), "boss")
    assert arr.exec[:, 0, b_, boss].tolist() == [1, 1] and arr.exec.sum() == 2


def test_orders_for_sides_no_person_plays(match):
    refused(match, {"them": Orders(), "ghost": Orders()},
            "them: side 'them' is played by balanced, not by a person",
            "ghost: unknown side 'ghost'")


def test_two_people_each_get_their_problems(market):
    m = Match(market, 2, {"them": "human"})
    m.reset()
    refused(m, {"us": Orders(price_cut={"acme": 0.9}), "them": Orders(hire=9)},
            "us: price_cut.acme: must be at most 0.25 (got 0.9)",
            "them: hire: at most 1 more reps can be hired (got 9)")


def test_malformed_orders_fail_as_values():
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Orders(rep_days={"acme": {"ceo": "lots"}})
    with pytest.raises(ValidationError):
        Orders(pay_plan="bonus")
    with pytest.raises(ValidationError):
        Orders(overtime=3)


def test_a_valid_order_after_a_refused_one_works(market, match):
    good = Orders(rep_days={"acme": {"ceo": 20, "head": 10}}, exec_visits={"acme": {"ceo": 1}},
                  service={"bolt": 3}, price_cut={"bolt": 0.05}, training=0.1)
    refused(match, Orders(rep_days={"acme": {"ceo": 10_000}}),
            f"us: rep_days: 1e+04 days allocated but only {match.observe().capacity_days:.4g} available")
    report = match.step(good)
    assert match.turn == 1 and report is match.reports[-1]
    # ... and it is exactly the turn a match that was never refused plays
    fresh = Match(market, 1)
    fresh.reset()
    fresh.step(good)
    assert fresh.state_hash() == match.state_hash()
    assert match.orders_log == fresh.orders_log and len(match.orders_log) == 1


def test_a_refused_turn_mid_game_changes_nothing(market):
    m = Match(market, 3)
    m.reset()
    m.step(Orders(rep_days={"acme": {"ceo": 10}}, teams=["acme"]))
    refused(m, Orders(rep_days={"acme": {"ceo": 10}}, price_cut={"acme": 0.26}),
            "us: price_cut.acme: must be at most 0.25 (got 0.26)")
    m.play_out()
    assert m.done and m.turn == market.turns
    with pytest.raises(Exception, match="over"):
        m.step(Orders())


# ----------------------------------------------------------------- anything else is refused


@pytest.mark.parametrize("junk", ["hire 1", 5, 1.5, ["acme"], b"{}"])
def test_a_value_that_is_not_orders_is_refused(match, junk):
    refused(match, junk, f"orders must be Orders, or a mapping of each side to its orders (got {type(junk).__name__})")


@pytest.mark.parametrize("junk", ["hire 1", 5, None, ["acme"]])
def test_a_side_given_something_that_is_not_orders_is_refused(match, junk):
    refused(match, {"us": junk}, f"us: orders must be Orders or a mapping of order fields (got {type(junk).__name__})")


def test_refused_junk_leaves_a_save_that_replays(market, match):
    """The old failure: junk resolved the turn without logging it, so saves broke."""
    with pytest.raises(OrderError):
        match.step({"us": "junk"})
    match.step(Orders(training=0.1))
    again = Match(market, 1)
    again.reset()
    for turn in match.orders_log:
        again.step({sid: Orders.model_validate(o) for sid, o in turn.items()})
    assert again.state_hash() == match.state_hash()


def test_a_plain_mapping_is_read_as_orders(market, match):
    """What a browser sends: JSON objects, validated into Orders and logged as such."""
    as_dict = {"rep_days": {"acme": {"ceo": 20}}, "pay_plan": "salary", "teams": ["bolt"]}
    assert match.check(as_dict) == []
    match.step({"us": as_dict})
    typed = Match(market, 1)
    typed.reset()
    typed.step(Orders(rep_days={"acme": {"ceo": 20}}, pay_plan="salary", teams=["bolt"]))
    assert match.state_hash() == typed.state_hash()
    assert match.orders_log == typed.orders_log


def test_a_malformed_mapping_lists_every_field_problem(match):
    refused(match, {"us": {"rep_days": {"acme": {"ceo": "lots"}}, "pay_plan": "bonus", "overtime": 3, "hire": "many"}},
            "us: rep_days.acme.ceo: Input should be a valid number, unable to parse string as a number",
            "us: pay_plan: Input should be 'commission', 'balanced' or 'salary'",
            "us: hire: Input should be a valid integer, unable to parse string as an integer",
            "us: overtime: Extra inputs are not permitted")


def test_check_reports_what_step_would_refuse(match):
    assert match.check("hire 1") == ["orders must be Orders or a mapping of order fields (got str)"]
    assert match.check({"hire": -1, "drop": "acme"}) == ["drop: Input should be a valid list"]
    assert match.check({"hire": -1}) == ["hire: must be zero or more (got -1)"]


def test_a_batch_refuses_junk_before_anything_changes(market):
    b = Batch(market, 4, 3)
    b.reset()
    before = b.state.hash()
    for junk in ("junk", {"us": "junk"}, {"us": {"hire": "x"}}):
        with pytest.raises(OrderError):
            b.step(junk)
        assert b.state.hash() == before and b.state.turn == 0
    b.step({"us": {"hire": 1}})
    assert b.state.turn == 1


def test_a_match_checks_a_persons_orders_once_a_turn_and_a_batch_never_trusts_stale_ones(market, monkeypatch):
    """Match.step accepts the orders (so a refusal names them) and the batch takes them as
    accepted; orders accepted against another state are checked again, so nothing that
    was valid once slips into a later turn unchecked."""
    import engine.batch as batch_module

    calls = []
    real = batch_module.check_and_place
    monkeypatch.setattr(batch_module, "check_and_place", lambda *a, **k: calls.append(1) or real(*a, **k))
    m = Match(market, 2)
    m.reset()
    m.step(Orders(hire=1))
    assert len(calls) == 1
    b = Batch(market, 4, 2)
    b.reset()
    stale = b.accept({"us": Orders(service={"acme": 10.0})})
    b.step({"us": Orders(service={"acme": 10.0})})
    calls.clear()
    b.step(stale)  # accepted against turn 0's state: checked again now
    assert len(calls) == 1


def test_orders_checked_as_written_are_not_checked_again_when_sent(market, monkeypatch):
    """A person's orders are checked as they are written (the window's form, a class
    page's draft) and again when sent: the same orders against the same state are
    checked once. Other orders, or the next quarter's state, are checked afresh, and an
    answer handed out cannot be changed by whoever received it."""
    import engine.batch as batch_module

    calls = []
    real = batch_module.check_and_place
    monkeypatch.setattr(batch_module, "check_and_place", lambda *a, **k: calls.append(1) or real(*a, **k))
    m = Match(market, 2)
    m.reset()
    plan = Orders(service={"acme": 1.0})
    assert m.check(plan) == [] and m.check(plan.model_dump()) == []
    m.step(plan)
    assert len(calls) == 1  # the check, then the step: the same orders on the same state
    over = Orders(hire=99)
    first = m.check(over)
    assert first and len(calls) == 2
    first.append("changed by the caller")
    assert m.check(over) == first[:-1] and len(calls) == 2
    m.step(plan)  # other orders than the last checked: checked
    assert len(calls) == 3
    with pytest.raises(OrderError):
        m.step(over)  # the same orders as checked before, but the state is the next quarter's
    assert len(calls) == 4


def test_the_arrays_a_check_writes_are_the_orders_a_turn_applies(market):
    """Accepted orders carry the arrays their check costed (every game of the batch),
    equal to what to_arrays writes; refused or absent sides carry none."""
    from engine.orders import to_arrays

    b = Batch(market, 4, 3)
    b.reset()
    given = Orders(service={"acme": 10.0}, rep_days={"acme": {p: 3.0 for p in b.world.stakeholder_ids[0][:2]}},
                   hire=1)
    accepted = b.accept({"us": given})
    placed = accepted.placed["us"]
    expected = to_arrays(b.world, b.state, b.world.side("us"), given)
    assert set(vars(placed)) == set(vars(expected))
    for name, arr in vars(expected).items():
        assert getattr(placed, name).tobytes() == arr.tobytes(), name
    assert accepted.for_rules()["us"] is placed
    with pytest.raises(OrderError):
        b.accept({"us": Orders(service={"nowhere": 1.0})})


# ----------------------------------------------------------------- never silently ignored


@pytest.fixture(scope="module")
def late_market(make_scenario, market):
    """The market plus a side that enters at turn 3, and acme open to a venture."""
    data = market.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data["sides"].append({"id": "late", "name": "Late", "cash": 10.0, "reps": 1, "rep_days": 40, "active": False,
                          "doctrine": {"name": "balanced"}})
    data["accounts"][0]["alliance"] = {"open": True, "cost": 1.0, "min_chair_stance": 0.0}
    data["events"] = [{"id": "entry", "title": "Late enters", "when": {"turn": 3},
                       "effects": [{"kind": "rival_entry", "side": "late"}]}]
    return make_scenario(data)


def test_a_side_that_has_not_entered_gives_no_orders(late_market):
    m = Match(late_market, 1, {"late": "human"})
    m.reset()
    refused(m, {"late": Orders(training=0.1, rep_days={"acme": {"ceo": 5}})},
            "late: has not entered the market yet; it gives orders once it has")
    m.step({"late": Orders()})  # empty orders are fine: nothing is asked
    m.step()
    refused(m, {"late": Orders(training=0.1)},  # it enters during this turn: too late to act in it
            "late: has not entered the market yet; it gives orders once it has")
    m.step()
    assert m.state.active[0, m.world.side("late")]
    m.step({"late": Orders(training=0.1)})
    assert m.orders_log[-1]["late"] == {"training": 0.1}


def test_a_joint_venture_already_in_place_cannot_be_proposed_again(late_market):
    m = Match(late_market, 1, {"them": "human"})
    m.reset()
    m.step({"them": Orders(alliance="acme")})
    assert m.reports[-1] is not None and m.state.alliance[0, m.world.side("them"), 0]
    refused(m, {"us": Orders(alliance="acme"), "them": Orders(alliance="acme")},
            "us: alliance.acme: acme already has a joint venture with them; it takes one partner only",
            "them: alliance.acme: this side already has a joint venture with acme")


def test_a_venture_no_event_can_open_is_refused(late_market, make_scenario):
    refused_m = Match(late_market, 1)
    refused_m.reset()
    refused(refused_m, Orders(alliance="bolt"),
            "us: alliance.bolt: bolt does not consider a joint venture, and no event of this scenario opens one")
    # ... but one an event may open this very turn is left to the rules (events fire first)
    data = late_market.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data["events"].append({"id": "open", "title": "Bolt opens", "when": {"turn": 1},
                           "effects": [{"kind": "open_alliance", "account": "bolt"}]})
    m = Match(make_scenario(data), 1)
    m.reset()
    assert m.check(Orders(alliance="bolt")) == []


def test_an_over_budget_order_says_the_amounts_in_the_players_money_form():
    """The window, the classroom and the CLI word order problems with text(lang): money
    in the one form of each language (engine/money.py), never "M¥"."""
    from engine import load_scenario
    m = Match(load_scenario("tutorial"), 1)
    m.reset()
    o = Orders(solution={"huaxin": 7.0})
    (p,) = m.check(o)
    assert p.text("en") == "budget: orders cost ¥7.00M but only ¥6.00M is available"
    assert p.text("zh") == "budget: 指令花费 700万元，但只有 600万元 可用"


@pytest.mark.parametrize("given, where", [({"hire": True}, "hire"), ({"training": False}, "training"),
                                          ({"rep_days": {"acme": {"head": True}}}, "rep_days.acme.head"),
                                          ({"exec_visits": {"acme": {"ceo": True}}}, "exec_visits.acme.ceo")])
def test_true_or_false_where_a_number_belongs_is_refused_not_read_as_one_or_zero(market, given, where):
    """JSON from a browser saying {"hire": true} hired a rep: pydantic reads a boolean as
    1 or 0 where a number belongs. It is refused, named, and the turn does not resolve."""
    m = Match(market, 2)
    m.reset()
    assert m.check(given) == [f"{where}: must be a number (got {str(given_value(given)).lower()})"]
    with pytest.raises(OrderError):
        m.step(given)
    assert m.turn == 0


def given_value(given: dict):
    value = next(iter(given.values()))
    while isinstance(value, dict):
        value = next(iter(value.values()))
    return value
