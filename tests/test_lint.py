"""Likely-mistake warnings (engine/lint.py): each warning from a small scenario that has
exactly that mistake, the scenarios that must stay quiet, and the positions a trainer sees."""
from __future__ import annotations

import copy

import pytest

from engine import load_scenario, shipped
from engine.lint import lint
from engine.scenario import Scenario
from engine.scenario.pydantic_errors import load_file

from support import SMALL, build_scenario


def warnings_of(data: dict) -> list:
    problems = lint(build_scenario(data))
    assert all(p.severity == "warning" for p in problems)
    return problems


def paths(problems) -> list[tuple]:
    return [p.path for p in problems]


def with_(**top) -> dict:
    d = copy.deepcopy(SMALL)
    d.update(copy.deepcopy(top))
    return d


EVENT = {"id": "e", "title": "E", "effects": [{"kind": "news"}]}


def event(when: dict, **extra) -> dict:
    return {**EVENT, **extra, "when": when}


# --------------------------------------------------------------------------- quiet


def test_the_small_scenario_is_clean():
    assert warnings_of(SMALL) == []


@pytest.mark.parametrize("sid", sorted(shipped()))
def test_shipped_scenarios_have_no_likely_mistakes(sid):
    assert [str(p) for p in lint(load_scenario(shipped()[sid]))] == []


def test_no_lint_on_a_scenario_with_reference_errors():
    d = with_(objectives=[{"id": "o", "text": "O", "require": [{"metric": "share", "account": "nowhere", "at_least": 0.5}]}])
    sc = Scenario.model_validate(d)  # loads as a model; the cross-reference check refuses it
    assert lint(sc) == []


# --------------------------------------------------------------------------- accounts


def test_account_closed_to_the_player():
    d = with_()
    acme = d["accounts"][0]
    acme["shares"] = {"them": 0.6}
    for k in acme["stakeholders"]:
        k["stance"] = {"us": -1, "them": 1}
    found = warnings_of(d)
    assert paths(found) == [("accounts", 0)]
    assert "closed to the player" in found[0].message and "'acme'" in found[0].message


def test_a_cold_account_with_one_neutral_person_is_reachable():
    d = with_()
    acme = d["accounts"][0]
    acme["shares"] = {"them": 0.6}
    for k in acme["stakeholders"]:
        k["stance"] = {"us": -1}
    acme["stakeholders"][2]["stance"] = {"us": 0}
    assert warnings_of(d) == []


def test_player_without_reps_or_executives():
    d = with_()
    d["sides"][0].update(reps=0, exec_visits=0, max_reps=1)
    for a in d["accounts"]:
        a.pop("owner", None)
    found = warnings_of(d)
    assert paths(found) == [("sides", 0, "reps")]
    assert "cannot work on any account" in found[0].message


# --------------------------------------------------------------------------- events


@pytest.mark.parametrize("when, path, words", [
    ({"chance": 0}, ("events", 0, "when", "chance"), "chance is 0"),
    ({"chance": 0.5, "from_turn": 4, "to_turn": 2}, ("events", 0, "when", "to_turn"), "before from_turn"),
    ({"turn": 2, "from_turn": 3}, ("events", 0, "when", "turn"), "outside the event's window"),
    ({"turn": 5, "to_turn": 4}, ("events", 0, "when", "turn"), "outside the event's window"),
    ({"chance": 0.5, "from_turn": 7}, ("events", 0, "when", "from_turn"), "after the last turn"),
    ({"conditions": [{"metric": "share", "account": "acme", "at_least": 1.5}]},
     ("events", 0, "when", "conditions", 0), "share is never above 1"),
    ({"conditions": [{"metric": "stance", "account": "acme", "stakeholder": "ceo", "at_most": -2}]},
     ("events", 0, "when", "conditions", 0), "stance is never below -1"),
    ({"conditions": [{"metric": "cash", "at_least": 5, "at_most": 2}]},
     ("events", 0, "when", "conditions", 0), "above at_most"),
    ({"conditions": [{"metric": "turn", "at_least": 5}], "to_turn": 3}, ("events", 0, "when"), "window ends at turn 3"),
])
def test_event_that_can_never_fire(when, path, words):
    found = warnings_of(with_(events=[event(when)]))
    assert paths(found) == [path], [str(p) for p in found]
    assert words in found[0].message and "never fires" in found[0].message


def test_events_that_can_fire_are_quiet():
    events = [
        event({"turn": 3}, id="a"),
        event({"chance": 0.2, "from_turn": 2, "to_turn": 5}, id="b"),
        event({"conditions": [{"metric": "event_fired", "event": "a"}]}, id="c"),
        event({"conditions": [{"metric": "event_fired", "event": "b", "at_most": 0}, {"metric": "turn", "at_least": 4}]}, id="d"),
        event({"conditions": [{"metric": "share", "account": "acme", "at_most": 0.2}], "repeat": True}, id="e"),
    ]
    assert warnings_of(with_(events=events)) == []


def test_an_event_waiting_for_one_that_never_fires_never_fires_either():
    events = [
        event({"chance": 0}, id="never"),
        event({"conditions": [{"metric": "event_fired", "event": "never"}]}, id="after_never"),
        event({"conditions": [{"metric": "event_fired", "event": "after_never", "at_least": 1}]}, id="after_that"),
    ]
    found = warnings_of(with_(events=events))
    assert paths(found) == [("events", 0, "when", "chance"),
                            ("events", 1, "when", "conditions", 0, "event"),
                            ("events", 2, "when", "conditions", 0, "event")]
    assert "'never'" in found[1].message and "'after_never'" in found[2].message


def test_an_event_waiting_for_a_later_one_beyond_its_window():
    events = [
        event({"turn": 5}, id="late"),
        event({"conditions": [{"metric": "event_fired", "event": "late"}], "to_turn": 4}, id="early"),
    ]
    found = warnings_of(with_(events=events))
    assert paths(found) == [("events", 1, "when")]
    assert "only from turn 6" not in found[0].message and "from turn 5" in found[0].message


def test_an_event_listed_before_the_one_it_waits_for_fires_a_turn_later():
    events = [
        event({"conditions": [{"metric": "event_fired", "event": "b"}], "to_turn": 3}, id="a"),
        event({"turn": 3}, id="b"),
    ]
    found = warnings_of(with_(events=events))
    assert paths(found) == [("events", 0, "when")] and "from turn 4" in found[0].message
    events[0]["when"]["to_turn"] = 4
    assert warnings_of(with_(events=events)) == []


def test_an_event_waiting_for_itself():
    found = warnings_of(with_(events=[event({"conditions": [{"metric": "event_fired", "event": "e"}]})]))
    assert paths(found) == [("events", 0, "when", "conditions", 0, "event")]


# --------------------------------------------------------------------------- objectives & lessons


def objective(*conditions, **extra) -> dict:
    return {"id": "o", "text": "O", "require": list(conditions), **extra}


def test_objective_already_met_at_turn_zero():
    found = warnings_of(with_(objectives=[objective({"metric": "total_profit", "at_most": 5})]))
    assert paths(found) == [("objectives", 0)]
    assert "already met at turn 0" in found[0].message


def test_a_keep_objective_met_at_the_start_is_not_flagged():
    keep = objective({"metric": "share", "account": "acme", "at_least": 0.4},
                     {"metric": "event_fired", "event": "e", "at_most": 0})
    assert warnings_of(with_(objectives=[keep], events=[event({"turn": 3})])) == []


def test_a_keep_objective_with_a_flow_that_is_trivially_met_is_flagged():
    both = objective({"metric": "share", "account": "acme", "at_least": 0.4}, {"metric": "total_revenue", "at_least": 0})
    found = warnings_of(with_(objectives=[both]))
    assert ("objectives", 0) in paths(found)
    assert ("objectives", 0, "require", 1) in paths(found)  # and: the condition asks nothing
    assert any("always holds" in p.message for p in found)


def test_objective_that_can_never_be_met():
    found = warnings_of(with_(objectives=[objective({"metric": "market_share", "at_least": 1.2})]))
    assert paths(found) == [("objectives", 0, "require", 0)]
    assert "never above 1" in found[0].message and "objective is never met" in found[0].message


def test_objective_and_lesson_needing_an_event_that_never_fires():
    needs = {"metric": "event_fired", "event": "e"}
    lesson = {"id": "l", "title": "L", "text": "T", "when": [needs]}
    found = warnings_of(with_(events=[event({"chance": 0})], objectives=[objective(needs)], lessons=[lesson]))
    assert paths(found) == [("events", 0, "when", "chance"), ("objectives", 0, "require", 0), ("lessons", 0, "when", 0)]
    assert "lesson is never met" in found[2].message


def test_objective_not_met_at_the_start_is_quiet():
    assert warnings_of(with_(objectives=[objective({"metric": "total_profit", "at_least": 2})])) == []


# --------------------------------------------------------------------------- coaches


def test_no_coach_possible_with_no_relationship_gains():
    tuning = {"personal_gain": 0, "exec_gain": 0, "exchange_gain": 0}
    found = warnings_of(with_(tuning=tuning, objectives=[objective({"metric": "coach", "account": "acme", "at_least": 1})]))
    assert paths(found) == [("tuning",), ("objectives", 0, "require", 0)]
    assert "no stakeholder anywhere can become the player's coach" in found[0].message
    assert "2.5" in found[0].message
    assert "can become the player's coach" in found[1].message


def test_coach_threshold_out_of_reach_for_cold_stances_in_a_short_game():
    d = with_(turns=1, tuning={"personal_gain": 0.2, "exec_gain": 0.1, "exchange_gain": 0.0})
    found = warnings_of(d)
    assert paths(found) == [("tuning",)]
    # ... while someone who starts just short of coach (2.5) can still get there
    for a in d["accounts"]:
        a["stakeholders"][0]["stance"] = {"us": 2.4}
    assert warnings_of(d) == []


def test_coach_at_is_retired_and_says_so():
    """A coach is step 3 of the scale (2.5) in every scenario: an old file's coach_at
    still loads, and the linter says it does nothing."""
    found = warnings_of(with_(tuning={"coach_at": 2.0}))
    assert paths(found) == [("tuning", "coach_at")]
    assert "no longer used" in found[0].message


def test_a_person_who_prefers_two_suppliers_is_flagged():
    d = with_()
    d["accounts"][0]["stakeholders"][1]["stance"] = {"us": 2, "them": 1.5}
    found = warnings_of(d)
    assert paths(found) == [("accounts", 0, "stakeholders", 1, "stance")]
    assert "prefers us and them" in found[0].message and "keeps us" in found[0].message
    d["accounts"][0]["stakeholders"][1]["stance"] = {"us": 2, "them": 1.4}
    assert warnings_of(d) == []


def test_a_stakeholder_who_starts_as_coach_keeps_coaches_possible():
    d = with_(tuning={"personal_gain": 0, "exec_gain": 0, "exchange_gain": 0})
    d["accounts"][0]["stakeholders"][0]["stance"] = {"us": 3}
    d["accounts"][1]["stakeholders"][0]["stance"] = {"us": 3}
    assert warnings_of(d) == []


def test_default_tuning_makes_coaches_possible_even_from_opposition():
    d = with_()
    for a in d["accounts"]:
        for k in a["stakeholders"]:
            k["stance"] = {"us": -1, "them": 1}
    d["accounts"][0]["shares"] = {"us": 0.1, "them": 0.5}
    d["accounts"][1]["shares"] = {"us": 0.1, "them": 0.5}
    assert warnings_of(d) == []


# --------------------------------------------------------------------------- in the loader


def test_revenue_against_a_start_of_nothing_is_flagged():
    """A side that sold nothing before the game has no baseline: 'at least 1.2x its
    starting revenue' would hold with its first sale (it divided by 1e-9)."""
    d = with_(objectives=[objective({"metric": "revenue_vs_start", "side": "them", "at_least": 1.2})])
    for acc in d["accounts"]:
        acc["shares"].pop("them")
    found = warnings_of(d)
    assert paths(found) == [("objectives", 0, "require", 0, "metric")]
    assert "'them'" in found[0].message and "sold nothing" in found[0].message


def test_revenue_outside_the_only_account_sold_to_is_flagged_in_every_place_a_condition_sits():
    d = with_(lessons=[{"id": "l", "title": "L", "text": "T",
                        "when": [{"metric": "revenue_outside", "account": "acme", "at_least": 1.0}]}],
              events=[event({"conditions": [{"metric": "revenue_outside", "account": "acme", "at_least": 1.0}]})])
    d["accounts"][1]["shares"].pop("us")
    found = warnings_of(d)
    assert ("lessons", 0, "when", 0, "metric") in paths(found)
    assert ("events", 0, "when", "conditions", 0, "metric") in paths(found)
    assert all("outside 'acme'" in p.message for p in found if p.path[-1] == "metric")


def test_revenue_against_a_real_start_is_quiet():
    d = with_(objectives=[objective({"metric": "revenue_vs_start", "at_least": 1.2}),
                          objective({"metric": "revenue_outside", "account": "acme", "at_least": 1.0}, id="o2")])
    assert [p for p in warnings_of(d) if p.path[-1] == "metric"] == []


def test_warnings_come_back_positioned_from_a_file(tmp_path):
    text = """\
schema: 1
id: positions
title: Positions
turns: 6
sides:
  - {id: us, name: Us}
  - {id: them, name: Them, doctrine: {name: defender}}
accounts:
  - id: acme
    name: Acme
    demand: 2
    shares: {us: 0.3}
    stakeholders:
      - {id: boss, level: decision, stance: {us: 1}}
events:
  - id: never
    title: Never
    when: {chance: 0}
    effects: [{kind: news}]
"""
    f = tmp_path / "positions.yaml"
    f.write_text(text, encoding="utf-8")
    _, problems = load_file(str(f), Scenario, extra_checks=(lint,))
    assert [p.format() for p in problems] == [
        f"{f}:18:20: events[0].when.chance: warning: chance is 0: the event never fires"]


def test_latin_punctuation_in_chinese_text_is_flagged():
    """Internal Collapse's briefing read 各自"掌握"几家: Latin quotes beside Chinese, which a
    Chinese reader sees as a typo (the game's own words use “ ” ，：). One warning per text,
    at its zh line, naming the mark meant; Latin marks inside English words or numbers
    within the Chinese are left alone."""
    data = with_(briefing={"en": "Each \"owns\" a plant.", "zh": "各自\"掌握\"几家最大的电厂。"},
                 summary={"en": "Price, quality", "zh": "价格,质量与满意度"},
                 title={"en": "T", "zh": "第一季度：Q1 (2.5, 3) 与 K企业"})
    found = {p.path: p.message for p in warnings_of(data)}
    assert set(found) == {("briefing", "zh"), ("summary", "zh")}, found
    assert "'\"'" in found[("briefing", "zh")] and "“ ”" in found[("briefing", "zh")]
    assert "'，'" not in found[("summary", "zh")] and "Chinese uses ，" in found[("summary", "zh")]
