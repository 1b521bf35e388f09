"""Market effects of seed 001 (engine/rules/market.py), each as "same seed, change one
thing, see the direction": a rival's shortfall goes to the suppliers able to serve, a
leader's switch pulls its industry's followers, solution work raises switching costs."""
from __future__ import annotations

import copy

import numpy as np

from engine import Match, Orders
from engine.orders import OrderArrays
from engine.rules.causes import UTILITY_PARTS
from engine.rules.share import utility_parts
from engine.world import compile_world
from tests.support import SMALL, build_scenario

US, THEM = 0, 1
ACME, BOLT = 0, 1


def play(data: dict, turns: int, ours: Orders = Orders(), theirs: Orders = Orders(), seed: int = 0) -> Match:
    m = Match(build_scenario(data), seed, {"them": "human"})
    m.reset()
    for _ in range(turns):
        m.step({"us": ours, "them": theirs})
    return m


def shortfall(data: dict, turns: int = 2) -> dict:
    d = copy.deepcopy(data)
    d["events"] = [{"id": "short", "title": "Them cannot deliver", "when": {"turn": 1},
                    "effects": [{"kind": "capacity_shortfall", "side": "them", "turns": turns, "cap": 0.3}]}]
    return d


def test_a_rivals_shortfall_goes_to_the_supplier_able_to_serve_not_to_the_rest_of_the_market():
    base, short = play(SMALL, 2), play(shortfall(SMALL), 2)
    ours = short.state.share[0, US, ACME] - base.state.share[0, US, ACME]
    others = (1 - short.state.share[0, :, ACME].sum()) - (1 - base.state.share[0, :, ACME].sum())
    assert ours > 0.05, ours          # we take most of what they could not deliver
    assert others < ours              # the unmodelled rest of the market takes less than we do
    gained = short.reports[0].shares
    row = next(r for r in gained if r.account == "acme")
    assert row.causes["shortfall_gain"] > 0.05


def test_a_supplier_that_walked_away_takes_none_of_it():
    m = play(shortfall(SMALL), 2, ours=Orders(drop=["acme"]))
    assert m.state.share[0, US, ACME] == 0.0


def industry(data: dict, pull: float) -> dict:
    d = copy.deepcopy(data)
    for acc in d["accounts"]:
        acc["industry"] = "steel"
    d["accounts"][0]["leader"] = True  # acme leads, bolt follows
    d["tuning"] = {"demonstration": pull}
    d["events"] = [{"id": "tender", "title": "Acme tenders", "when": {"turn": 2},
                    "effects": [{"kind": "tender", "account": "acme", "portion": 0.8}]}]
    return d


def test_followers_follow_the_leaders_switch():
    # The rival courts Acme's chief hard, so Acme's tender goes to them.
    theirs = Orders(rep_days={"acme": {"ceo": 30}}, exec_visits={"acme": {"ceo": 2}}, price_cut={"acme": 0.2})
    still = play(industry(SMALL, 0.0), 3, theirs=theirs)
    pulled = play(industry(SMALL, 0.5), 3, theirs=theirs)
    assert still.state.tender_won[0, ACME] == THEM == pulled.state.tender_won[0, ACME]
    assert pulled.state.share[0, US, BOLT] < still.state.share[0, US, BOLT] - 0.02
    assert pulled.state.share[0, THEM, BOLT] > still.state.share[0, THEM, BOLT] + 0.02
    # The leader itself moves alike either way.
    assert np.isclose(pulled.state.share[0, US, ACME], still.state.share[0, US, ACME], atol=0.02)


def test_an_industry_of_one_has_no_followers():
    d = industry(SMALL, 0.5)
    d["accounts"][1]["industry"] = "glass"
    assert (compile_world(build_scenario(d)).follower_of == -1).all()


def test_solution_work_raises_the_switching_cost_for_the_supplier_who_did_it():
    """Structural bonds: the incumbency part of our offer grows with our solution stock,
    and only through tuning.structural_bond."""
    def incumbency(data: dict, ours: Orders) -> float:
        m = play(data, 3, ours=ours)
        w, st = m.world, m.state
        parts = utility_parts(w, st, OrderArrays.empty(1, w.S, w.A, w.K), np.zeros((1, w.S, w.A)))
        return float(parts[0, US, ACME, UTILITY_PARTS.index("incumbency")] / max(st.share[0, US, ACME], 1e-9))

    work = Orders(solution={"acme": 1.0})
    unbonded = copy.deepcopy(SMALL)
    unbonded["tuning"] = {"structural_bond": 0.0}
    assert incumbency(SMALL, work) > incumbency(SMALL, Orders()) + 0.01
    assert np.isclose(incumbency(unbonded, work), incumbency(unbonded, Orders()))


def test_followers_of_an_account_nobody_supplies_any_more_warn_of_nothing():
    """Dropping Internal Collapse's first account leaves a follower's shares at zero for
    every side: the followers' rescaling divided 0 by 0 there (masked, but numpy printed
    "invalid value encountered in divide" on the trainee's terminal)."""
    import warnings

    from engine import load_scenario

    sc = load_scenario("internal_collapse")
    m = Match(sc, 1)
    m.reset()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m.step(Orders(drop=[sc.accounts[0].id]))
        m.step()
    assert np.isfinite(m.state.share).all()
