"""What a side knows is coming (Observation.coming): an announced tender for everyone,
anything else only through a coach at its account, a quarter ahead; never a chance event."""
from __future__ import annotations


def _market(small: dict, coach: bool) -> dict:
    """Acme tenders in turn 3 (announced); Acme's head is replaced in turn 2 (public news,
    but not announced); a chance event may strike any time."""
    small["accounts"][0]["stakeholders"][2]["stance"] = {"us": 3 if coach else 1, "them": 1}
    small["events"] = [
        {"id": "acme_tender", "title": {"en": "Acme tenders", "zh": "Acme 招标"},
         "when": {"turn": 3}, "effects": [{"kind": "tender", "account": "acme"}]},
        {"id": "new_head", "title": {"en": "Acme has a new head", "zh": "Acme 换人"},
         "when": {"turn": 2}, "effects": [{"kind": "personnel_change", "account": "acme", "stakeholder": "head",
                                            "stance": {"us": 0, "them": 0}}]},
        {"id": "luck", "title": {"en": "A storm", "zh": "风暴"}, "when": {"chance": 0.5},
         "effects": [{"kind": "demand_change", "account": "acme", "factor": 1.1}]},
    ]
    return small


def test_an_announced_tender_is_known_to_all_and_a_personnel_change_only_through_a_coach(make_scenario, small):
    from engine import Match

    for coach in (False, True):
        m = Match(make_scenario(_market(small, coach)), 1)
        obs = m.reset()
        # before quarter 1: the tender (quarter 3) is announced; the change (quarter 2) is not yet due
        assert [(c.event, c.turn, c.source) for c in obs.coming] == [("acme_tender", 3, "public")]
        m.step()
        got = {c.event: c for c in m.observe().coming}
        assert "luck" not in got and got["acme_tender"].account == "acme"
        if coach:   # a quarter ahead, the coach tells of the change at the account
            assert got["new_head"].source == "coach" and got["new_head"].turn == 2 and got["new_head"].who
        else:       # without a coach, nobody does
            assert "new_head" not in got
        m.step()
        m.step()                                    # the tender has been held: no longer coming
        assert all(c.event != "acme_tender" for c in m.observe().coming)


def test_the_tutorial_tells_its_tender_from_the_first_quarter(tutorial):
    from engine import Match

    obs = Match(tutorial, 5, lang="zh").reset()
    tender = next(c for c in obs.coming if c.event == "huaxin_tender")
    assert tender.turn == 4 and tender.account == "huaxin" and tender.title == "华信钢铁对一半采购量招标"
    assert "new_purchasing_head" not in {c.event for c in obs.coming}   # no coach at Huaxin yet


def test_a_guide_step_naming_an_unknown_person_is_a_clear_error(make_scenario, small):
    """The guide is data a trainer writes: a misspelt account or person is refused by name."""
    import pytest

    from engine import ScenarioError

    ok = make_scenario(small, guide=[{"text": "Hi", "point": "person", "do": "days", "account": "acme",
                                      "person": "head"}])
    assert ok.guide[0].do == "days"
    with pytest.raises(ScenarioError, match="unknown stakeholder 'hed'.*did you mean 'head'"):
        make_scenario(small, guide=[{"text": "Hi", "do": "days", "account": "acme", "person": "hed"}])
    with pytest.raises(Exception, match="point"):
        make_scenario(small, guide=[{"text": "Hi", "point": "everywhere"}])
