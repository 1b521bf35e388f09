"""The tutorial's teaching claim, measured (bench/teaching_claim.py; 1,000 games per plan
by hand, 40 here): following the guide's advice keeps Huaxin; cutting price and courting
one friend loses it, and the debrief names the real cause of the loss first."""
from __future__ import annotations

from support import bench_module

from engine import load_scenario


def test_the_guide_advises_the_plan_that_is_measured():
    """Every lever a guide step asks for is one the `depth` plan uses, at the account (and
    level) the step names; the plan never cuts price, and the price-war plan courts one
    person at Huaxin."""
    sc = load_scenario("tutorial")
    bench = bench_module("teaching_claim")
    plans = {st.id: st for st in sc.strategies}
    depth = plans[bench.ADVICE].phases[0].orders
    levels = {p.id: p.level for a in sc.accounts for p in a.stakeholders}
    asked = [st for st in sc.guide if st.do in ("days", "visit", "service", "team")]
    assert len(asked) >= 4
    for st in asked:
        if st.do == "days":
            assert depth.rep_time[st.account][levels[st.person]] > 0, st
        elif st.do == "visit":
            assert depth.exec_visits[st.account][levels[st.person]] > 0, st
        elif st.do == "service":
            assert depth.service[st.account] >= 0.5, st
        elif st.do == "team":
            assert st.account in depth.teams, st
    assert not depth.price_cut
    cut = plans[bench.PRICE_ONE_FRIEND].phases[0].orders
    assert min(cut.price_cut.values()) >= 0.1 and len(cut.rep_time["huaxin"]) == 1


def test_advice_keeps_huaxin_and_a_price_cut_with_one_friend_loses_it_and_is_told_why():
    bench = bench_module("teaching_claim")
    advice = bench.play(bench.ADVICE, 40, 11)
    assert advice["kept"] / advice["games"] >= 0.8                 # 97.5% here; 1,000 games: see the bench
    cut = bench.play(bench.PRICE_ONE_FRIEND, 40, 11)
    assert cut["kept"] / cut["games"] < 0.3 and cut["lost"] >= 20
    assert cut["told"] == cut["lost"], cut["misses"][:2]             # the largest real cause, named first
    assert all("won by Kessler Industrial" in why and "Wang Jianguo" in why for why in cut["whys"]
               if "tender" in why.split(";")[0])
