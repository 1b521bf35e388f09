"""Focused behavioural checks that tie the mechanics to the domain (DOMAIN.md).

Each test builds a small market inline, changes one thing, and compares with the same
game without that change (same seed, so the dice are the same). Both sides are played
by "people" giving explicit orders, so no doctrine muddies the comparison, and luck and
base attrition are switched off. The claims are directional (more, less, zero), not
calibrated numbers, so retuning the model does not break them; breaking a mechanic does.
"""
from __future__ import annotations

import copy

import numpy as np
import pytest

from engine import Match, Orders

US, THEM = 0, 1
ACME, BOLT = 0, 1
CEO, HEAD, USER = 0, 1, 2          # acme's stakeholders
BOSS, ENG = 0, 1                   # bolt's stakeholders
QUIET = {"luck": 0.0, "attrition": 0.0}


def market(small: dict, *, events=(), tuning=None, acme=None, bolt=None, us=None, them=None) -> dict:
    d = copy.deepcopy(small)
    d["tuning"] = {**QUIET, **(tuning or {})}
    d["events"] = list(events)
    for part, key, idx in ((acme, "accounts", 0), (bolt, "accounts", 1), (us, "sides", 0), (them, "sides", 1)):
        if part:
            d[key][idx].update(copy.deepcopy(part))
    return d


def play(make_scenario, data: dict, turns: list[tuple[Orders, Orders]], seed: int = 0) -> list:
    """States after each turn (copies), both sides played with the given orders."""
    m = Match(make_scenario(data), seed, {"them": "human"})
    m.reset()
    states = [m.state.copy()]
    for ours, theirs in turns:
        m.step({"us": ours, "them": theirs})
        states.append(m.state.copy())
    return states


def stance(st, a, k, s=US):
    return float(st.personal[0, a, k, s] + st.org[0, a, k, s])


NONE = Orders()


# --------------------------------------------------------------------------- relationships


def test_rep_effort_raises_personal_stance_with_diminishing_returns(make_scenario, small):
    data = market(small)
    after = {}
    for days in (0, 5, 10, 20, 40):
        o = Orders(rep_days={"acme": {"ceo": days}})
        st = play(make_scenario, data, [(o, NONE)])[-1]
        after[days] = (float(st.personal[0, ACME, CEO, US]), float(st.org[0, ACME, CEO, US]))
    gain = {d: after[d][0] - after[0][0] for d in after}
    assert 0 < gain[5] < gain[10] < gain[20] < gain[40]
    assert gain[10] < 2 * gain[5] and gain[20] < 2 * gain[10] and gain[40] < 2 * gain[20], gain
    # rep time builds the rep's own ties, not the company's
    assert all(abs(after[d][1] - after[0][1]) < 1e-6 for d in after)
    # ... and only with the person it is spent on
    st0 = play(make_scenario, data, [(NONE, NONE)])[-1]
    st40 = play(make_scenario, data, [(Orders(rep_days={"acme": {"ceo": 40}}), NONE)])[-1]
    for k in (HEAD, USER):
        assert stance(st40, ACME, k) == pytest.approx(stance(st0, ACME, k), abs=1e-6)


def test_gains_shrink_as_a_stance_nears_the_top(make_scenario, small):
    o = Orders(rep_days={"acme": {"ceo": 10}})
    gains = []
    for start in (0.0, 1.0, 2.0):
        data = market(small, acme={"shares": {"us": 0.6, "them": 0.2}})
        data["accounts"][0]["stakeholders"][CEO]["stance"]["us"] = start
        base = play(make_scenario, data, [(NONE, NONE)])[-1]
        worked = play(make_scenario, data, [(o, NONE)])[-1]
        gains.append(stance(worked, ACME, CEO) - stance(base, ACME, CEO))
    assert gains[0] > gains[1] > gains[2] > 0, gains


def test_without_contact_personal_ties_fade_faster_than_company_ties(make_scenario, small):
    states = play(make_scenario, market(small), [(NONE, NONE)] * 4)
    personal = [float(s.personal[0, ACME, HEAD, US]) for s in states]
    org = [float(s.org[0, ACME, HEAD, US]) for s in states]
    assert all(b < a for a, b in zip(personal, personal[1:])), personal
    assert personal[-1] / personal[0] < org[-1] / org[0], (personal, org)
    # contact stops the fade
    visits = [(Orders(rep_days={"acme": {"head": 15}}), NONE)] * 4
    kept = play(make_scenario, market(small), visits)
    assert float(kept[-1].personal[0, ACME, HEAD, US]) > personal[0]


def test_executive_visits_build_company_ties_at_the_top(make_scenario, small):
    data = market(small)
    base = play(make_scenario, data, [(NONE, NONE)])[-1]
    visit = play(make_scenario, data, [(Orders(exec_visits={"acme": {"ceo": 2}}), NONE)])[-1]
    assert float(visit.org[0, ACME, CEO, US]) > float(base.org[0, ACME, CEO, US]) + 0.05
    for k in (HEAD, USER):  # the visit reaches the person visited, not the level or the account
        assert float(visit.org[0, ACME, k, US]) == pytest.approx(float(base.org[0, ACME, k, US]), abs=1e-6)


def test_an_iron_triangle_team_turns_personal_ties_into_company_ties(make_scenario, small):
    data = market(small)
    o = Orders(rep_days={"acme": {"head": 10}})
    solo = play(make_scenario, data, [(o, NONE)])[-1]
    team = play(make_scenario, data, [(o.model_copy(update={"teams": ["acme"]}), NONE)])[-1]
    for k in (CEO, HEAD, USER):
        assert float(team.org[0, ACME, k, US]) > float(solo.org[0, ACME, k, US])
        assert float(team.personal[0, ACME, k, US]) < float(solo.personal[0, ACME, k, US])
        # conversion moves stance between the parts; it does not create any this turn
        assert stance(team, ACME, k) == pytest.approx(stance(solo, ACME, k), abs=1e-5)
    # the other account is untouched
    assert float(team.org[0, BOLT, BOSS, US]) == pytest.approx(float(solo.org[0, BOLT, BOSS, US]), abs=1e-6)


def test_a_resigning_rep_takes_personal_ties_but_not_company_ties(make_scenario, small):
    quit_ = {"id": "quit", "title": "Rep quits", "when": {"turn": 1},
             "effects": [{"kind": "rep_resignation", "side": "us", "rep": "ann"}]}
    o = Orders(rep_days={"acme": {"ceo": 5}, "bolt": {"boss": 5}})
    stay = play(make_scenario, market(small), [(o, NONE)])[-1]
    gone = play(make_scenario, market(small, events=[quit_]), [(o, NONE)])[-1]
    assert not gone.rep_alive[0, US, 0] and gone.rep_alive[0, US, 1]
    assert gone.owner[0, US, ACME] == 1, "the orphaned account gets the remaining rep"
    assert float(stay.personal[0, ACME, CEO, US]) > 0.3
    assert np.all(gone.personal[0, ACME, :3, US] == 0), "the leaver's personal ties go with him"
    assert np.allclose(gone.org[0, ACME, :, US], stay.org[0, ACME, :, US], atol=1e-6), "company ties stay"
    # the other rep's account keeps its personal ties, and rivals' ties are untouched
    assert np.allclose(gone.personal[0, BOLT, :, US], stay.personal[0, BOLT, :, US], atol=1e-6)
    assert np.allclose(gone.personal[..., THEM], stay.personal[..., THEM], atol=1e-6)


def test_a_team_protects_ties_from_a_resignation(make_scenario, small):
    quit_ = {"id": "quit", "title": "Rep quits", "when": {"turn": 3},
             "effects": [{"kind": "rep_resignation", "side": "us", "rep": "ann"}]}
    data = market(small, events=[quit_])
    o = Orders(rep_days={"acme": {"ceo": 8, "head": 8}})
    solo = play(make_scenario, data, [(o, NONE)] * 3)[-1]
    team = play(make_scenario, data, [(o.model_copy(update={"teams": ["acme"]}), NONE)] * 3)[-1]
    kept_solo = sum(stance(solo, ACME, k) for k in (CEO, HEAD, USER))
    kept_team = sum(stance(team, ACME, k) for k in (CEO, HEAD, USER))
    assert kept_team > kept_solo + 0.3, (kept_solo, kept_team)


# --------------------------------------------------------------------------- tenders


def tender_market(small, chair: dict, others: dict) -> dict:
    """A tender for all of acme at turn 1. The chair has less influence than the two
    people below together, so only the chair's extra voice can carry the committee."""
    tender = {"id": "tender", "title": "Tender", "when": {"turn": 1},
              "effects": [{"kind": "tender", "account": "acme", "portion": 1.0}]}
    data = market(small, events=[tender])
    people = data["accounts"][0]["stakeholders"]
    people[CEO].update(influence=2, stance=chair)
    people[HEAD].update(influence=2, stance=others)
    people[USER].update(influence=1, stance=others)
    return data


CHEAP = Orders(price_cut={"acme": 0.25})


@pytest.mark.parametrize("seed", range(6))
def test_the_chairs_support_wins_a_tender_against_a_lower_price(make_scenario, small, seed):
    # Blitz case: the committee below leans to the rival, who also bids 25% lower.
    data = tender_market(small, chair={"us": 3, "them": 0}, others={"us": 0, "them": 2})
    st = play(make_scenario, data, [(NONE, CHEAP)], seed)[-1]
    assert st.tender_won[0, ACME] == US
    assert float(st.share[0, US, ACME]) > 0.95
    assert float(st.share[0, THEM, ACME]) < 0.05


@pytest.mark.parametrize("seed", range(6))
def test_when_the_committee_is_indifferent_the_lower_price_wins(make_scenario, small, seed):
    data = tender_market(small, chair={"us": 1, "them": 1}, others={"us": 1, "them": 1})
    st = play(make_scenario, data, [(NONE, CHEAP)], seed)[-1]
    assert st.tender_won[0, ACME] == THEM
    assert float(st.share[0, THEM, ACME]) > 0.95


# --------------------------------------------------------------------------- needs


def test_hidden_needs_are_found_by_working_with_users_and_managers(make_scenario, small):
    data = market(small, bolt={"hidden_needs": ["customisation"]})
    need = 3  # customisation in engine NEEDS order
    near = Orders(rep_days={"bolt": {"eng": 30}})  # bolt's user; it has no managers
    top = Orders(rep_days={"bolt": {"boss": 30}})
    found_near = play(make_scenario, data, [(near, NONE)] * 4)
    found_top = play(make_scenario, data, [(top, NONE)] * 4)
    assert float(found_near[0].discovered[0, US, BOLT, need]) == 0
    progress = [float(s.discovered[0, US, BOLT, need]) for s in found_near]
    assert all(b > a for a, b in zip(progress, progress[1:]) if a < 1)
    assert progress[-1] == 1.0, progress
    assert float(found_top[-1].discovered[0, US, BOLT, need]) < 0.5 * progress[-2], "the top does not know"
    # needs that were never hidden are known from the start; the rival, who did nothing, knows nothing more
    assert np.all(found_near[0].discovered[0, :, ACME] == 1)
    assert float(found_near[-1].discovered[0, THEM, BOLT, need]) == 0


def test_solution_work_reveals_hidden_needs_too(make_scenario, small):
    data = market(small, bolt={"hidden_needs": ["customisation"]})
    st = play(make_scenario, data, [(Orders(solution={"bolt": 1.0}), NONE)] * 2)[-1]
    assert float(st.discovered[0, US, BOLT, 3]) > 0


# --------------------------------------------------------------------------- satisfaction


def test_service_softens_a_quality_incident(make_scenario, small):
    incident = {"id": "defect", "title": "Defect", "when": {"turn": 1},
                "effects": [{"kind": "quality_incident", "side": "us", "account": "acme", "severity": 0.3}]}
    hit = {}
    for units in (0, 6):
        o = Orders(service={"acme": units})
        calm = play(make_scenario, market(small), [(o, NONE)])[-1]
        hurt = play(make_scenario, market(small, events=[incident]), [(o, NONE)])[-1]
        hit[units] = float(calm.satisfaction[0, US, ACME] - hurt.satisfaction[0, US, ACME])
        # the complaint is at acme; elsewhere only the (slightly) lower product quality shows
        elsewhere = float(calm.satisfaction[0, US, BOLT] - hurt.satisfaction[0, US, BOLT])
        assert 0 <= elsewhere < hit[units] / 5
    assert hit[0] > hit[6] > 0, hit


# --------------------------------------------------------------------------- share of wallet


def test_dropping_an_account_zeroes_our_share_for_good(make_scenario, small):
    states = play(make_scenario, market(small), [(Orders(drop=["bolt"]), NONE), (NONE, NONE), (NONE, NONE)])
    assert float(states[0].share[0, US, BOLT]) > 0
    for st in states[1:]:
        assert float(st.share[0, US, BOLT]) == 0
        assert st.dropped[0, US, BOLT] and not st.dropped[0, THEM, BOLT]
        assert float(st.share[0, US, ACME]) > 0
    assert float(states[-1].share[0, THEM, BOLT]) >= float(states[0].share[0, THEM, BOLT])


def test_a_rivals_capacity_shortfall_caps_its_share_and_opens_the_door(make_scenario, small):
    fire = {"id": "fire", "title": "Plant fire", "when": {"turn": 1},
            "effects": [{"kind": "capacity_shortfall", "side": "them", "turns": 2, "cap": 0.5}]}
    push = Orders(rep_days={"acme": {"ceo": 10, "head": 10}}, service={"acme": 4})
    turns = [(push, NONE)] * 3
    normal = play(make_scenario, market(small), turns)
    short = play(make_scenario, market(small, events=[fire]), turns)
    start = float(short[0].share[0, THEM, ACME])
    for t in (1, 2):
        assert float(short[t].share[0, THEM, ACME]) <= 0.5 * start + 1e-9
        assert float(short[t].share[0, THEM, ACME]) < float(normal[t].share[0, THEM, ACME])
    assert float(short[2].share[0, US, ACME]) > float(normal[2].share[0, US, ACME])


def test_a_price_cut_buys_share_but_costs_margin(make_scenario, small):
    data = market(small)
    full = play(make_scenario, data, [(NONE, NONE)] * 2)[-1]
    cut = play(make_scenario, data, [(Orders(price_cut={"acme": 0.2}), NONE)] * 2)[-1]
    assert float(cut.share[0, US, ACME]) > float(full.share[0, US, ACME])
    # revenue per unit of volume falls by the cut
    vol_full = float(full.share[0, US, ACME] * full.demand[0, ACME])
    vol_cut = float(cut.share[0, US, ACME] * cut.demand[0, ACME])
    assert vol_cut > vol_full


def test_receivables_follow_payment_terms(make_scenario, small):
    slow = market(small, acme={"payment_days": 180}, bolt={"payment_days": 180})
    fast = market(small, acme={"payment_days": 0}, bolt={"payment_days": 0})
    st_slow = play(make_scenario, slow, [(NONE, NONE)])[-1]
    st_fast = play(make_scenario, fast, [(NONE, NONE)])[-1]
    assert float(st_fast.recv[0, US].sum()) == 0
    assert float(st_slow.recv[0, US].sum()) > 0
    # the same business earns the same profit: terms move cash, not margin
    assert float(st_slow.total_profit[0, US]) == pytest.approx(float(st_fast.total_profit[0, US]))


# --------------------------------------------------------------------------- people


def test_hiring_is_paid_for_only_when_a_rep_is_hired(make_scenario, small):
    """A plan's `hire: 1` stands for every turn of its phase; once the slots are full,
    nobody is hired and nothing is paid (the hire cost is one-off)."""
    from support import new_batch

    def profit(hire: int, max_reps: int) -> tuple[float, int]:
        data = market(small, us={"max_reps": max_reps})
        data["strategies"] = [{"id": "p", "name": "p", "phases": [{"from_turn": 1, "orders": {"hire": hire}}]}]
        b = new_batch(make_scenario(data), [1], {"us": "strategy:p"})
        b.run()
        return float(b.state.total_profit[0, US]), int(b.state.rep_alive[0, US].sum())

    none, reps = profit(0, 2)
    full, reps_full = profit(1, 2)      # no free slot: the standing order hires nobody
    assert reps == reps_full == 2
    assert full == pytest.approx(none, abs=1e-9)
    one, reps_one = profit(1, 3)        # one free slot: one hire, paid once
    assert reps_one == 3
    assert one < none


def test_reports_name_the_newcomer_after_a_personnel_change(tutorial) -> None:
    """After Huaxin's purchasing manager is replaced (turn 3), reports and views name Qian Tao."""
    from engine import Match

    m = Match(tutorial, 1)
    m.reset()
    for _ in range(3):
        report = m.step()
    names = {c.stakeholder: c.name for c in report.stances if c.account == "huaxin"}
    assert names["purchasing"] == "Qian Tao"
    seat = next(p for p in m.observe().account("huaxin").stakeholders if p.id == "purchasing")
    assert seat.name == "Qian Tao" and seat.new_in_seat


def _coach_market(small: dict) -> dict:
    """Acme's user is our coach (stance 3); a tender at Acme is scripted for turn 2."""
    small["accounts"][0]["stakeholders"][2]["stance"] = {"us": 3, "them": 1}
    small["events"] = [{"id": "acme_tender", "title": {"en": "Acme tenders", "zh": "Acme 招标"},
                        "when": {"turn": 2}, "effects": [{"kind": "tender", "account": "acme"}]}]
    return small


def test_a_coach_reveals_rivals_and_warns_of_what_is_coming(make_scenario, small) -> None:
    from engine import Match, Orders

    m = Match(make_scenario(_coach_market(small)), 1)
    obs = m.reset()
    acme, bolt = obs.account("acme"), obs.account("bolt")
    assert acme.visible and acme.stakeholders[2].coach
    assert acme.stakeholders[0].rivals["them"] is not None          # seen through the coach
    assert not bolt.visible and bolt.stakeholders[0].rivals["them"] is None   # fog elsewhere
    assert obs.warnings == ()                                        # the tender is two turns away
    obs_next = (m.step(Orders(rep_days={"acme": {"user": 30}})), m.observe())[1]
    assert any("Acme tenders" in w for w in obs_next.warnings)      # ... now it is next turn
    activity = obs_next.account("acme").rival_activity["them"]
    assert activity["days_decision"] >= 0
    assert set(activity["days"]) == {"ceo", "head", "user"}     # ... and whom the rival's reps saw


def test_intelligence_lifts_the_fog_for_one_turn(make_scenario, small) -> None:
    from engine import Match, Orders

    m = Match(make_scenario(small), 1)
    m.reset()
    m.step(Orders(intelligence=["bolt"]))
    seen = m.observe().account("bolt")
    assert seen.visible and seen.stakeholders[0].rivals["them"] is not None
    m.step(Orders())
    assert not m.observe().account("bolt").visible


def test_without_a_coach_no_warning_comes(make_scenario, small) -> None:
    from engine import Match

    data = _coach_market(small)
    data["accounts"][0]["stakeholders"][2]["stance"] = {"us": 1, "them": 1}
    m = Match(make_scenario(data), 1)
    m.reset()
    m.step()
    assert m.observe().warnings == ()


def test_the_why_is_worded_in_the_match_language(tutorial) -> None:
    from engine import Match

    for lang, phrase in (("en", "our share went from"), ("zh", "我方份额从")):
        m = Match(tutorial, 2, {tutorial.player_id: "defender"}, lang=lang)
        m.reset()
        m.play_out()
        why = {e.account: e for e in m.debrief().explanations}
        assert phrase in why["huaxin"].text
        assert all(isinstance(turn, int) for turn, _ in why["huaxin"].events)
