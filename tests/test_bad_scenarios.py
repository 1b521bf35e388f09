"""Broken scenario files get every problem back at once, as `file:line:col: path: message`.

Each tests/data/bad_scenarios/<name>.yaml has a sibling <name>.expected holding the exact
lines a trainer sees (what `kaw validate` prints). The files are loaded by a path
relative to the repository root, so the messages carry that relative path.
To add a case: write the YAML, then write the .expected by hand, reading every line as
a trainer would (do not paste the engine's output without reading it).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from engine import ScenarioError, load_with_warnings

FOLDER = Path("tests") / "data" / "bad_scenarios"
ROOT = Path(__file__).resolve().parent.parent
CASES = sorted(p.name for p in (ROOT / FOLDER).glob("*.yaml"))

# What the folder must cover (DESIGN.md: scenario files), so a deleted case is noticed.
REQUIRED = {
    "out-of-range stance": "stance_out_of_range.yaml",
    "misspelt key with did-you-mean": "misspelt_key.yaml",
    "missing required field": "missing_required.yaml",
    "wrong type": "wrong_type.yaml",
    "unknown side/account/stakeholder/event": "unknown_references.yaml",
    "duplicate ids": "duplicate_ids.yaml",
    "duplicate YAML key": "duplicate_key.yaml",
    "YAML syntax error": "yaml_syntax.yaml",
    "empty file": "empty.yaml",
    "non-UTF-8 bytes": "non_utf8.yaml",
    "alias/anchor": "alias_anchor.yaml",
    "shares summing over 1": "shares_over_one.yaml",
    "unknown doctrine": "unknown_doctrine.yaml",
    "unknown effect kind": "unknown_effect_kind.yaml",
    "several errors at once": "many_errors.yaml",
    "warnings beside errors": "warning_and_error.yaml",
    "rep ids on a head-count side (crashed compile_world)": "rep_references.yaml",
    "schema errors beside broken references, numbers too large": "schema_and_references.yaml",
    "true/false where a number belongs (read as 1 and 0)": "booleans_for_numbers.yaml",
    "control characters written as escapes (crashed the window game)": "escaped_control_characters.yaml",
}


def problems_text(name: str) -> tuple[str, ScenarioError]:
    with pytest.raises(ScenarioError) as info:
        load_with_warnings(str(FOLDER / name))
    err = info.value
    return "\n".join(p.format() for p in err.problems), err


def test_the_folder_covers_every_kind_of_mistake():
    assert len(CASES) >= 12
    missing = {kind: f for kind, f in REQUIRED.items() if f not in CASES}
    assert not missing, f"bad-scenario cases missing: {missing}"
    without = [c for c in CASES if not (ROOT / FOLDER / c).with_suffix(".expected").is_file()]
    assert not without, f"cases without a .expected file: {without}"


@pytest.mark.parametrize("name", CASES)
def test_bad_scenario_reports_exactly_the_expected_problems(name, in_repo_root):
    expected = (FOLDER / name).with_suffix(".expected").read_text(encoding="utf-8").rstrip("\n")
    text, err = problems_text(name)
    assert text == expected
    assert str(err) == text
    assert any(p.severity == "error" for p in err.problems)
    for p in err.problems:
        assert p.file == str(FOLDER / name), "messages name the file as it was given"
        assert "Traceback" not in p.message and "pydantic" not in p.message.lower()
        assert "Input should" not in p.message and "validation error" not in p.message


@pytest.mark.parametrize("name", [c for c in CASES if c != "empty.yaml"])
def test_every_problem_has_a_position(name, in_repo_root):
    _, err = problems_text(name)
    for p in err.problems:
        assert p.line is not None and p.col is not None, p.format()
    lines = [(p.line, p.col) for p in err.problems]
    assert lines == sorted(lines), "problems come in file order"


def test_several_mistakes_are_all_reported(in_repo_root):
    _, err = problems_text("many_errors.yaml")
    fields = {p.path[-1] for p in err.problems}
    assert {"schema", "id", "turns", "pay_plan", "quality", "aggression", "demand", "tier", "speed",
            "stakeholders", "choice_sharpnes"} <= fields
    _, err = problems_text("unknown_references.yaml")
    assert len(err.problems) == 6


def test_references_are_checked_beside_schema_errors(in_repo_root):
    """A refused file still gets its broken references in the same run; a refused part
    (the cement account) still exists for the references that name it."""
    _, err = problems_text("schema_and_references.yaml")
    messages = [p.message for p in err.problems]
    assert any(m.startswith("must be between 0 and 1 ") for m in messages), "a schema error"
    assert any(m.startswith("unknown account 'glass'") for m in messages), "a reference error"
    assert any(m.startswith("must be between 0 and 64 ") for m in messages), "reps is a schema range now"
    assert not any("'cement'" in m and m.startswith("unknown") for m in messages)


def test_the_broken_bytes_are_really_broken():
    raw = (ROOT / FOLDER / "non_utf8.yaml").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert (ROOT / FOLDER / "empty.yaml").read_bytes() == b""


def test_absolute_paths_are_kept_as_given(tmp_path):
    bad = tmp_path / "mine.yaml"
    bad.write_bytes((ROOT / FOLDER / "stance_out_of_range.yaml").read_bytes())
    with pytest.raises(ScenarioError) as info:
        load_with_warnings(bad)
    assert info.value.problems[0].format().startswith(f"{bad}:18:33: accounts[0].stakeholders[0].stance.rival: ")


def test_a_missing_file_is_one_clear_problem(in_repo_root):
    with pytest.raises(ScenarioError) as info:
        load_with_warnings("tests/data/bad_scenarios/nope.yaml")
    assert str(info.value) == "tests/data/bad_scenarios/nope.yaml: (top): file not found"


def test_a_refused_list_hides_no_reference_and_invents_none(tmp_path):
    """With `sides` not a list, nothing can be said to be missing from it: no made-up
    'unknown side' errors; the other parts are still checked."""
    bad = tmp_path / "x.yaml"
    bad.write_text(
        "schema: 1\nid: x\ntitle: X\nsides: 5\naccounts:\n"
        "  - {id: steel, name: Steel, demand: 5, shares: {us: 0.5}, stakeholders: [{id: gm, level: decision}]}\n"
        "events:\n  - {id: e, title: E, when: {turn: 1}, effects: [{kind: tender, account: stel}]}\n",
        encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_with_warnings(bad)
    assert [p.format().split(": ", 1)[1] for p in info.value.problems] == [
        "sides: must be a list (got 5)",
        "events[0].effects[0].account: unknown account 'stel'; did you mean 'steel'?",
    ]


def refused_problems(tmp_path, text: str) -> list[str]:
    """Every problem of a scenario file holding `text`, as 'key path: message' lines."""
    bad = tmp_path / "x.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_with_warnings(bad)
    return [p.format().split(": ", 1)[1] for p in info.value.problems]


def test_a_wrong_value_in_one_persons_row_hides_no_reference_to_that_accounts_people(tmp_path):
    """An account the schema refuses (one person's influence is not a number) still lists
    its people for the reference checks, so an event or a plan naming someone who is not
    there is reported in the same run, not after the first error is fixed."""
    got = refused_problems(
        tmp_path,
        "schema: 1\nid: x\ntitle: X\nsides: [{id: us, name: Us}, {id: them, name: Them}]\naccounts:\n"
        "  - {id: steel, name: Steel, demand: 5, shares: {us: 0.5},\n"
        "     stakeholders: [{id: gm, level: decision, influence: three}, {id: buyer, level: operational}]}\n"
        "events:\n  - {id: e, title: E, when: {turn: 1},\n"
        "     effects: [{kind: personnel_change, account: steel, stakeholder: byer, stance: {us: 0}}]}\n"
        "strategies:\n  - {id: s, name: S, phases: [{from_turn: 1, orders: {rep_time: {steel: {gmm: 0.5, buyer: 0.5}}}}]}\n")
    assert any(m.startswith("accounts[0].stakeholders[0].influence: must be a number") for m in got), got
    assert "events[0].effects[0].stakeholder: unknown stakeholder 'byer' at account 'steel'; did you mean 'buyer'?" in got
    assert any(m.startswith("strategies[0].phases[0].orders.rep_time.steel.gmm: unknown person or level 'gmm'")
               for m in got), got
    assert not any("buyer'" in m and "unknown" in m and "byer'" not in m for m in got)


def test_a_refused_account_hides_no_misspelt_segment(tmp_path):
    """An account refused for one wrong value (payment_days 1800) still tells its industry,
    so an objective's misspelt segment is reported in the same run, not after the first fix
    (a trainer's 'quarries' for the industry 'quarry' showed up only on the second run)."""
    got = refused_problems(
        tmp_path,
        "schema: 1\nid: x\ntitle: X\nsides: [{id: us, name: Us}, {id: them, name: Them, doctrine: defender}]\naccounts:\n"
        "  - {id: steel, name: Steel, industry: quarry, demand: 5, payment_days: 1800,\n"
        "     stakeholders: [{id: gm, level: decision}]}\n"
        "  - {id: glass, name: Glass, demand: 2, stakeholders: [{id: gm, level: decision}]}\n"
        "objectives:\n  - {id: o, text: O, require: [{metric: segment_share, segment: quarries, at_least: 0.3}]}\n")
    assert any(m.startswith("accounts[0].payment_days: must be between") for m in got), got
    assert "objectives[0].require[0].segment: unknown segment 'quarries'; did you mean 'quarry'?" in got, got


def test_the_known_names_of_an_unknown_reference_come_in_file_order_once_each(tmp_path):
    """'known: ...' after a name nothing is close to lists the names in the order the file
    gives them, each once. Events were listed in the order of a Python set, which changes
    from run to run (the same file printed e4, e0, e7, ... then e2, e5, e0, ...); a
    duplicated person (already an error of its own) was listed twice."""
    events = "".join(f"  - {{id: step_{i}, title: S, when: {{turn: 1}}, effects: [{{kind: news}}]}}\n" for i in range(8))
    got = refused_problems(
        tmp_path,
        "schema: 1\nid: x\ntitle: X\nsides: [{id: us, name: Us}, {id: them, name: Them, doctrine: defender}]\n"
        "accounts:\n  - {id: steel, name: Steel, demand: 5,\n"
        "     stakeholders: [{id: gm, level: decision}, {id: gm, level: management}]}\n"
        f"events:\n{events}"
        "objectives:\n  - {id: o, text: O, require: [{metric: event_fired, event: zzz}]}\n"
        "strategies:\n  - {id: s, name: S, phases: [{from_turn: 1, orders: {rep_time: {steel: {qqq: 0.5}}}}]}\n")
    known = ", ".join(f"step_{i}" for i in range(8))
    assert f"objectives[0].require[0].event: unknown event 'zzz'; known: {known}" in got, got
    assert ("strategies[0].phases[0].orders.rep_time.steel.qqq: unknown person or level 'qqq' at account 'steel'; "
            "known: gm, operational, management, decision") in got, got


def test_star_scores_that_go_down_are_refused(tmp_path):
    """stars: [80, 60, 40] validated; the star rules then read '1 star: a score of at least
    80' beside a game that earned two stars with 65."""
    got = refused_problems(
        tmp_path,
        "schema: 1\nid: x\ntitle: X\nsides: [{id: us, name: Us}, {id: them, name: Them, doctrine: defender}]\n"
        "accounts:\n  - {id: steel, name: Steel, demand: 5, stakeholders: [{id: gm, level: decision}]}\n"
        "scorecard:\n  stars: [80, 60, 40]\n")
    assert got == ["scorecard.stars: the scores for 1, 2 and 3 stars must not go down (got 80, 60, 40)"]


def test_a_scorecard_that_weighs_nothing_is_refused(tmp_path):
    """Weights of 0 for all four perspectives (or in a stage) validated; every game then
    scored 0 whatever was played, with no star to earn, and the rules read 'Score (0-100): .'
    (like an account's needs, at least one weight must be positive)."""
    got = refused_problems(
        tmp_path,
        "schema: 1\nid: x\ntitle: X\nsides: [{id: us, name: Us}, {id: them, name: Them, doctrine: defender}]\n"
        "accounts:\n  - {id: steel, name: Steel, demand: 5, stakeholders: [{id: gm, level: decision}]}\n"
        "scorecard:\n  financial: 0\n  customer: 0\n  process: 0\n  learning: 0\n"
        "  stages:\n    - {from_turn: 2, financial: 1, customer: 0, process: 0, learning: 0}\n"
        "    - {from_turn: 4, financial: 0, customer: 0, process: 0, learning: 0}\n")
    said = "at least one perspective (financial, customer, process, learning) must have a positive weight"
    assert got == [f"scorecard: {said}", f"scorecard.stages[1]: {said}"]


def test_an_id_that_only_looks_right_says_which_character_differs(tmp_path):
    """'huaxin' typed with a Cyrillic 'х', or in full-width letters from a Chinese input
    method, was reported as "unknown account 'huaxin'; did you mean 'huaxin'?" (or with
    no suggestion at all): the screen shows both alike. The message names the character."""
    got = refused_problems(
        tmp_path,
        "schema: 1\nid: x\ntitle: X\nsides: [{id: us, name: Us}, {id: them, name: Them, doctrine: defender}]\n"
        "accounts:\n  - {id: huaxin, name: Huaxin, demand: 5, stakeholders: [{id: gm, level: decision}]}\n"
        "events:\n  - {id: e1, title: E, when: {turn: 1}, effects: [{kind: demand_change, account: hua\u0445in, factor: 1.1}]}\n"
        "  - {id: e2, title: E, when: {turn: 1}, effects: [{kind: demand_change, account: \uff48\uff55\uff41\uff58\uff49\uff4e, factor: 1.1}]}\n")
    assert ("events[0].effects[0].account: unknown account 'hua\u0445in'; did you mean 'huaxin'? "
            "(character 4 is '\u0445', CYRILLIC SMALL LETTER HA, not 'x')") in got, got
    assert ("events[1].effects[0].account: unknown account '\uff48\uff55\uff41\uff58\uff49\uff4e'; did you mean 'huaxin'? "
            "(character 1 is '\uff48', FULLWIDTH LATIN SMALL LETTER H, not 'h'; 5 more like it)") in got, got
