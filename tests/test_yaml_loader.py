"""Tests for the scenario YAML pipeline: positions, refusals and error messages.

The toy models below stand in for the real scenario schema so these tests
exercise the generic machinery only (extra="forbid", nested lists of models,
a bounded dict[str, float], Literal, a discriminated union, a model_validator).
"""

from __future__ import annotations

import time
from textwrap import dedent
from typing import Annotated, Literal, Union

from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from engine.scenario import yaml_positions
from engine.scenario.problems import Problem, ScenarioError, format_path
from engine.scenario.pydantic_errors import load_file, validate
from engine.scenario.yaml_positions import load_yaml

FILE = "scenarios/x.yaml"


# --------------------------------------------------------------------------
# Toy models


class Stakeholder(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(description="Display name")
    role: Literal["buyer", "user", "champion"] = Field(description="Part in the deal")
    influence: int = Field(ge=1, le=5, description="Weight of their vote")
    stance: dict[str, Annotated[float, Field(ge=-1, le=3)]] = Field(
        default_factory=dict, description="Attitude towards each vendor")
    vip: bool = Field(default=False, description="Needs executive attention")


class EmailAction(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["email"]
    subject: str


class CallAction(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["call"]
    minutes: int = Field(ge=1, le=120, description="Call length")

    @model_validator(mode="after")
    def not_thirteen(self) -> "CallAction":
        if self.minutes == 13:
            raise ValueError("Thirteen-minute calls are unlucky")
        return self


Action = Annotated[Union[EmailAction, CallAction], Field(discriminator="kind")]


class Account(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    budget: float = Field(ge=0, description="Money available")
    stakeholders: list[Stakeholder]
    actions: list[Action] = Field(default_factory=list)
    champion: str | None = None

    @model_validator(mode="after")
    def champion_is_a_stakeholder(self) -> "Account":
        if self.champion is not None and self.champion not in {s.name for s in self.stakeholders}:
            raise ValueError(f"Champion {self.champion!r} is not one of the stakeholders")
        return self


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    weeks: int = Field(ge=1, le=52, description="Length of the game")
    max_discount: float = Field(default=0.2, le=0.5, description="Largest discount")
    answer: str = "no"
    accounts: list[Account]


VALID = dedent("""\
    title: Quarter close
    weeks: 12
    answer: no
    accounts:
      - id: acme
        budget: 1000
        champion: Ann
        stakeholders:
          - name: Ann
            role: champion
            influence: 4
            stance: {us: 1.5, rival: -0.5}
        actions:
          - kind: email
            subject: Hello
          - kind: call
            minutes: 30
    """)


def errors(text: str | bytes, model=Scenario, checks=()) -> list[str]:
    """Formatted problems for ``text``; fails the test if the file loads."""
    with pytest.raises(ScenarioError) as info:
        data, positions = load_yaml(text, FILE)
        validate(model, data, positions, FILE, checks)
    return str(info.value).splitlines()


def base(**account_overrides: str) -> str:
    """VALID with lines replaced, keeps line numbers easy to reason about."""
    text = VALID
    for old, new in account_overrides.items():
        assert old in text
        text = text.replace(old, new)
    return text


# --------------------------------------------------------------------------
# problems.py


def test_format_path():
    assert format_path(("accounts", 2, "stakeholders", 0, "stance", "rival")) == \
        "accounts[2].stakeholders[0].stance.rival"
    assert format_path(()) == ""
    assert format_path((0, "a")) == "[0].a"
    assert format_path(("stance", "Jane Doe")) == "stance['Jane Doe']"


def test_problem_format_variants():
    p = Problem(("accounts", 2, "stance", "rival"), "must be between -1 and 3 (got 5)", 42, 7, FILE)
    assert p.format() == "scenarios/x.yaml:42:7: accounts[2].stance.rival: must be between -1 and 3 (got 5)"
    assert Problem((), "file not found", file=FILE).format() == "scenarios/x.yaml: (top): file not found"
    assert Problem(("a",), "odd", 3, 1, FILE, "warning").format() == "scenarios/x.yaml:3:1: a: warning: odd"
    assert Problem(("a",), "odd").format() == "a: odd"
    with pytest.raises(ValueError):
        Problem((), "x", severity="fatal")


def test_scenario_error_str_joins_lines():
    err = ScenarioError([Problem(("a",), "one", 1, 1, "f"), Problem(("b",), "two", 2, 1, "f")])
    assert str(err) == "f:1:1: a: one\nf:2:1: b: two"
    assert len(err.problems) == 2


# --------------------------------------------------------------------------
# Loading valid YAML


def test_valid_file_loads_with_positions():
    data, positions = load_yaml(VALID, FILE)
    model, warnings = validate(Scenario, data, positions, FILE)
    assert warnings == []
    assert model.accounts[0].stakeholders[0].stance == {"us": 1.5, "rival": -0.5}
    assert positions.value(("weeks",)) == (2, 8)
    assert positions.key(("weeks",)) == (2, 1)
    assert positions.value(("accounts", 0)) == (5, 5)
    assert positions.value(("accounts", 0, "stakeholders", 0, "stance", "rival")) == (12, 34)
    assert positions.key(("accounts", 0, "stakeholders", 0, "stance", "rival")) == (12, 27)
    # Missing things fall back to the closest enclosing value.
    assert positions.nearest(("accounts", 0, "stakeholders", 0, "nope")) == (9, 9)
    assert positions.nearest(("nope",)) == (1, 1)


def test_yes_no_on_off_stay_text_only_true_false_are_booleans():
    data, _ = load_yaml("a: yes\nb: no\nc: on\nd: off\ne: true\nf: False\ng: y\n", FILE)
    assert data == {"a": "yes", "b": "no", "c": "on", "d": "off", "e": True, "f": False, "g": "y"}
    # The override is local to our loader, PyYAML's SafeLoader is untouched.
    assert yaml.safe_load("a: yes") == {"a": True}


def test_core_schema_numbers_and_text():
    data, _ = load_yaml("a: 010\nb: 0x1F\nc: 1:30\nd: 1e3\ne: 2024-01-01\nf: ~\ng:\nh: -.5\ni: '5'\n", FILE)
    assert data == {"a": 10, "b": "0x1F", "c": "1:30", "d": 1000.0, "e": "2024-01-01",
                    "f": None, "g": None, "h": -0.5, "i": "5"}


def test_answer_no_stays_the_string_no():
    data, positions = load_yaml(VALID, FILE)
    model, _ = validate(Scenario, data, positions, FILE)
    assert model.answer == "no"


def test_utf8_bom_is_accepted():
    data, positions = load_yaml(b"\xef\xbb\xbf" + VALID.encode(), FILE)
    assert data["title"] == "Quarter close"
    assert positions.value(("title",)) == (1, 8)


def test_non_ascii_text_is_fine():
    data, _ = load_yaml("title: Café Müller ☕\n".encode(), FILE)
    assert data == {"title": "Café Müller ☕"}


# --------------------------------------------------------------------------
# Refusals at the YAML level


def test_file_larger_than_1mb_is_refused():
    big = b"a: " + b"x" * (1024 * 1024)
    assert errors(big) == [f"scenarios/x.yaml: (top): file is larger than 1 MB (got {len(big)} bytes)"]


def test_not_utf8_reports_position():
    assert errors(b"title: ok\nname: caf\xe9\n") == [
        "scenarios/x.yaml:2:10: (top): file is not UTF-8 text (bad byte 0xe9 at line 2 col 10)"]


def test_utf16_gets_a_hint():
    assert errors("title: x\n".encode("utf-16")) == [
        "scenarios/x.yaml: (top): file is not UTF-8 text (it looks like UTF-16; save it as UTF-8)"]


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n# and another\n", "---\n"])
def test_empty_file(text):
    assert errors(text) == ["scenarios/x.yaml: (top): file is empty: expected a scenario mapping"]


@pytest.mark.parametrize("text, got", [("- a\n- b\n", "a list"), ("just words\n", "'just words'"),
                                       ("42\n", "42")])
def test_top_level_must_be_a_mapping(text, got):
    assert errors(text) == [
        f"scenarios/x.yaml:1:1: (top): the top level must be a mapping of 'key: value' lines (got {got})"]


def test_syntax_error_position_and_readable_text():
    text = "title: x\naccounts:\n  - id: a\n    budget: 1: 2\n"
    assert errors(text) == [
        "scenarios/x.yaml:4:14: (top): YAML syntax error: unexpected ':' (check the indentation, "
        "or put text that contains ': ' in quotes)"]


def test_syntax_error_bad_indentation():
    text = "title: x\naccounts:\n  - id: a\n  budget: 3\n"
    assert errors(text) == [
        "scenarios/x.yaml:4:3: (top): YAML syntax error: found a new key where the list that starts "
        "at line 3 should have ended; check the indentation"]


def test_syntax_error_unclosed_quote_and_tab():
    assert errors("title: 'x\nweeks: 3\n") == [
        "scenarios/x.yaml:3:1: (top): YAML syntax error: the file ended too early inside the quoted "
        "text that starts at line 1"]
    assert errors("accounts:\n\t- id: a\n") == [
        "scenarios/x.yaml:2:1: (top): YAML syntax error: tab character found; indent with spaces"]


def test_control_characters_are_refused_with_position():
    assert errors("title: a\x07b\n") == [
        "scenarios/x.yaml:1:9: (top): file contains a control character (#x07) that is not allowed"]


def test_every_duplicate_key_is_reported():
    text = dedent("""\
        title: A
        weeks: 3
        accounts:
          - id: a
            budget: 1
            id: b
        title: B
        title: C
        """)
    assert errors(text) == [
        "scenarios/x.yaml:6:5: accounts[0].id: duplicate key 'id' (first defined at line 4)",
        "scenarios/x.yaml:7:1: title: duplicate key 'title' (first defined at line 1)",
        "scenarios/x.yaml:8:1: title: duplicate key 'title' (first defined at line 1)",
    ]


def test_anchors_and_aliases_are_refused():
    text = "base: &b {x: 1}\nother: *b\n"
    assert errors(text) == [
        "scenarios/x.yaml:1:7: (top): anchors and aliases (&/*) are not allowed in scenario files"]


def test_billion_laughs_is_refused_quickly():
    lines = ['lol0: &l0 "lol"']
    for i in range(1, 10):
        lines.append(f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    start = time.perf_counter()
    assert errors("\n".join(lines)) == [
        "scenarios/x.yaml:1:7: (top): anchors and aliases (&/*) are not allowed in scenario files"]
    assert time.perf_counter() - start < 0.5


def test_merge_key_is_just_an_unknown_key():
    # '<<' only merges via aliases in practice; it stays a plain key here.
    data, _ = load_yaml("<<: {a: 1}\n", FILE)
    assert data == {"<<": {"a": 1}}


def test_non_text_keys_are_refused():
    text = "title: x\n1: one\ntrue: yes\n[a, b]: c\n"
    assert errors(text) == [
        "scenarios/x.yaml:2:1: (top): keys must be text (got 1); put the key in quotes",
        "scenarios/x.yaml:3:1: (top): keys must be text (got true); put the key in quotes",
        "scenarios/x.yaml:4:1: (top): keys must be text (got a list); put the key in quotes",
    ]


def test_python_and_custom_tags_are_refused():
    text = "title: !!python/object/apply:os.system ['echo hi']\nweeks: !include other.yaml\n"
    assert errors(text) == [
        "scenarios/x.yaml:1:8: title: YAML tags like '!!python/object/apply:os.system' are not "
        "allowed in scenario files",
        "scenarios/x.yaml:2:8: weeks: YAML tags like '!include' are not allowed in scenario files",
    ]


def test_nesting_depth_is_capped():
    text = "title: " + "[" * 100 + "]" * 100 + "\n"
    assert errors(text) == ["scenarios/x.yaml:1:71: (top): nesting is too deep (more than 64 levels)"]


def test_node_count_is_capped(monkeypatch):
    monkeypatch.setattr(yaml_positions, "MAX_NODES", 10)
    text = "items: [" + ", ".join(str(i) for i in range(20)) + "]\n"
    # Nodes: the root mapping, the key, the list, then items 0..7 -> the 11th is item 7.
    assert errors(text) == ["scenarios/x.yaml:1:30: (top): file has too many values (more than 10)"]


LONG = "k" * 5000


@pytest.mark.parametrize("text, where", [
    (f"{LONG}: 1\n", "1:1"),                           # the first key
    (f"title: a\n{LONG}: 1\n", "2:1"),                # a later key
    (f"accounts:\n  - {LONG}: 1\n", "2:5"),           # in a list item
    (f"title: a\n'{LONG}': 1\n", "2:1"),              # quoted
    (f"tags: {{a: 1, {LONG}: 2}}\n", "1:14"),          # in a {...} mapping
], ids=["first key", "later key", "in a list item", "quoted", "in a flow mapping"])
def test_an_overlong_key_is_reported_as_too_long_at_the_key(text, where):
    """YAML forgets a possible key after 1024 characters, and PyYAML then words the ':'
    after it as an indentation problem; the real cause is the key's length."""
    assert errors(text) == [f"scenarios/x.yaml:{where}: (top): key too long (5000 characters; at most 1024)"]


def test_keys_up_to_the_limit_load_and_long_values_are_fine():
    data, _ = load_yaml(f"{'k' * 1024}: 1\ntitle: {LONG}\n", FILE)
    assert data == {"k" * 1024: 1, "title": LONG}
    assert errors(f"title: a\n{'k' * 1025}: 1\n") == [
        "scenarios/x.yaml:2:1: (top): key too long (1025 characters; at most 1024)"]
    # a long line with no ':' at all is still "no ':'", not a long key
    assert errors(f"title: a\n{LONG}\n") == [
        "scenarios/x.yaml:2:1: (top): YAML syntax error: expected 'key: value' but found no ':'"]


def test_multiple_documents_are_refused():
    assert errors("title: a\n---\ntitle: b\n") == [
        "scenarios/x.yaml:2:1: (top): YAML syntax error: a scenario file must hold a single YAML "
        "document (found a second '---')"]


# --------------------------------------------------------------------------
# Schema errors


def test_dict_value_out_of_range_in_third_account():
    account = "\n".join([
        "  - id: {id}",
        "    budget: 10",
        "    stakeholders:",
        "      - name: Bo",
        "        role: buyer",
        "        influence: 2",
        "        stance:",
        "          us: 1",
        "          rival: {rival}",
    ])
    text = "title: t\nweeks: 4\naccounts:\n" + "\n".join(
        account.format(id=i, rival=r) for i, r in (("a", 0), ("b", 1), ("c", 5))) + "\n"
    assert errors(text) == [
        "scenarios/x.yaml:30:18: accounts[2].stakeholders[0].stance.rival: "
        "must be between -1 and 3 (got 5)"]


@pytest.mark.parametrize("old, new, expected", [
    ("weeks: 12", "weeks: 99", "2:8: weeks: must be between 1 and 52 (got 99)"),
    ("weeks: 12", "weeks: twelve", "2:8: weeks: must be a whole number (got 'twelve')"),
    ("weeks: 12", "weeks: 2.5", "2:8: weeks: must be a whole number (got 2.5)"),
    ("weeks: 12", "weeks:", "2:7: weeks: must be a whole number (got nothing)"),
    ("budget: 1000", "budget: -5", "6:13: accounts[0].budget: must be at least 0 (got -5)"),
    ("budget: 1000", "budget: lots", "6:13: accounts[0].budget: must be a number (got 'lots')"),
    ("answer: no", "max_discount: 0.9", "3:15: max_discount: must be at most 0.5 (got 0.9)"),
    ("role: champion", "role: boss",
     "10:15: accounts[0].stakeholders[0].role: must be one of 'buyer', 'user', 'champion' (got 'boss')"),
    ("title: Quarter close", "title: 2024", "1:8: title: must be text (got 2024)"),
    ("influence: 4", "influence: 4\n        vip: maybe",
     "12:14: accounts[0].stakeholders[0].vip: must be true or false (got 'maybe')"),
    ("stance: {us: 1.5, rival: -0.5}", "stance: [1, 2]",
     "12:17: accounts[0].stakeholders[0].stance: must be a mapping (got a list)"),
    ("  - id: acme", "  - just a name\n  - id: acme",
     "5:5: accounts[0]: must be a mapping (got 'just a name')"),
])
def test_single_schema_error(old, new, expected):
    assert errors(base(**{old: new})) == [f"{FILE}:{expected}"]


def test_missing_key_is_reported_at_the_parent_mapping():
    assert errors(base(**{"        role: champion\n": ""})) == [
        "scenarios/x.yaml:9:9: accounts[0].stakeholders[0].role: is required"]
    assert errors(VALID.replace("title: Quarter close\n", "")) == [
        "scenarios/x.yaml:1:1: title: is required"]


def test_unknown_key_suggests_the_closest_field():
    assert errors(base(**{"stakeholders:": "stakholders:"})) == [
        "scenarios/x.yaml:5:5: accounts[0].stakeholders: is required",
        "scenarios/x.yaml:8:5: accounts[0].stakholders: unknown key 'stakholders'; did you mean 'stakeholders'?",
    ]


def test_unknown_key_without_close_match_lists_allowed_keys():
    assert errors(base(**{"champion: Ann": "champion: Ann\n    colour: red"})) == [
        "scenarios/x.yaml:8:5: accounts[0].colour: unknown key 'colour'; allowed keys are "
        "'id', 'budget', 'stakeholders', 'actions', 'champion'"]


def test_discriminated_union_errors_use_yaml_paths():
    text = base(**{
        "subject: Hello": "subject: Hello\n        minutes: 5",
        "minutes: 30": "minutes: 0\n      - kind: fax\n      - subject: no kind",
    })
    assert errors(text) == [
        "scenarios/x.yaml:16:9: accounts[0].actions[0].minutes: unknown key 'minutes'; "
        "allowed keys are 'kind', 'subject'",
        "scenarios/x.yaml:18:18: accounts[0].actions[1].minutes: must be between 1 and 120 (got 0)",
        "scenarios/x.yaml:19:15: accounts[0].actions[2].kind: must be one of 'email', 'call' (got 'fax')",
        "scenarios/x.yaml:20:9: accounts[0].actions[3].kind: is required",
    ]


def test_must_be_a_list():
    assert errors("title: t\nweeks: 3\naccounts: acme\n") == [
        "scenarios/x.yaml:3:11: accounts: must be a list (got 'acme')"]


def test_model_validator_error_is_positioned_at_the_model():
    assert errors(base(**{"champion: Ann": "champion: Zed"})) == [
        "scenarios/x.yaml:5:5: accounts[0]: champion 'Zed' is not one of the stakeholders"]


def test_model_validator_inside_a_union_member_has_no_tag_in_the_path():
    assert errors(base(**{"minutes: 30": "minutes: 13"})) == [
        "scenarios/x.yaml:16:9: accounts[0].actions[1]: thirteen-minute calls are unlucky"]


class Aliased(BaseModel):
    model_config = ConfigDict(extra="forbid")
    full_name: str = Field(alias="fullName", description="Shown in the UI")


def test_unknown_key_suggests_the_alias_written_in_yaml():
    assert errors("fullname: Ann\n", model=Aliased) == [
        "scenarios/x.yaml:1:1: fullName: is required",
        "scenarios/x.yaml:1:1: fullname: unknown key 'fullname'; did you mean 'fullName'?",
    ]


def test_many_errors_are_all_reported_in_file_order():
    text = dedent("""\
        title: [not, text]
        weeks: 0
        accounts:
          - id: a
            budget: -1
            stakeholders:
              - name: Ann
                role: ceo
                influence: 9
                stance: {us: 4, rival: x}
                hobby: golf
        """)
    assert errors(text) == [
        "scenarios/x.yaml:1:8: title: must be text (got a list)",
        "scenarios/x.yaml:2:8: weeks: must be between 1 and 52 (got 0)",
        "scenarios/x.yaml:5:13: accounts[0].budget: must be at least 0 (got -1)",
        "scenarios/x.yaml:8:15: accounts[0].stakeholders[0].role: must be one of 'buyer', 'user', "
        "'champion' (got 'ceo')",
        "scenarios/x.yaml:9:20: accounts[0].stakeholders[0].influence: must be between 1 and 5 (got 9)",
        "scenarios/x.yaml:10:22: accounts[0].stakeholders[0].stance.us: must be between -1 and 3 (got 4)",
        "scenarios/x.yaml:10:32: accounts[0].stakeholders[0].stance.rival: must be a number (got 'x')",
        "scenarios/x.yaml:11:9: accounts[0].stakeholders[0].hobby: unknown key 'hobby'; allowed keys "
        "are 'name', 'role', 'influence', 'stance', 'vip'",
    ]


def test_long_values_are_truncated():
    [line] = errors(base(**{"weeks: 12": "weeks: " + "x" * 100}))
    assert line == "scenarios/x.yaml:2:8: weeks: must be a whole number (got 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...')"


class WithUnion(BaseModel):
    model_config = ConfigDict(extra="forbid")
    size: Union[int, list[int]]
    tags: dict[Literal["a", "b"], int] = Field(default_factory=dict)


def test_plain_union_errors_are_merged_and_dict_keys_are_positioned_at_the_key():
    assert errors("size: big\ntags: {a: 1, c: 2}\n", model=WithUnion) == [
        "scenarios/x.yaml:1:7: size: must be a whole number or a list (got 'big')",
        "scenarios/x.yaml:2:14: tags.c: must be one of 'a', 'b' (got 'c')",
    ]


class Bounded(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    reps: Union[Annotated[int, Field(ge=0, le=64)], Annotated[list[str], Field(max_length=3)]] = 0
    cash: float = Field(default=0.0, ge=-10, le=10)


@pytest.mark.parametrize("text, message", [
    ("reps: 100\n", "reps: must be between 0 and 64 (got 100)"),
    ("reps: [a, b, c, d]\n", "reps: must have at most 3 items (got 4)"),
    ("cash: 1e400\n", "cash: must be between -10 and 10 (got inf)"),
    ("cash: nan\n", "cash: must be between -10 and 10 (got 'nan')"),
    (f"cash: {10 ** 400}\n", "cash: must be between -10 and 10 (got 1000000000000000000000000000000000000...)"),
], ids=["above the range", "too many items", "overflows to inf", "nan", "too large for a float"])
def test_a_number_out_of_range_says_the_range_only(text, message):
    """The union member a value fits says what is wrong; the others' "must be a list"
    would send the trainer the wrong way. inf, nan and numbers too large for a float are
    out of range like any other."""
    assert errors(text, model=Bounded) == [f"scenarios/x.yaml:1:7: {message}"]


# --------------------------------------------------------------------------
# Extra checks and warnings


def unique_ids(model: Scenario) -> list[Problem]:
    seen: set[str] = set()
    out = []
    for i, account in enumerate(model.accounts):
        if account.id in seen:
            out.append(Problem(("accounts", i, "id"), f"account id {account.id!r} is used twice"))
        seen.add(account.id)
    return out


def short_game(model: Scenario) -> list[Problem]:
    return [Problem(("weeks",), "fewer than 6 weeks is very short", severity="warning")] if model.weeks < 6 else []


def vague(model: Scenario) -> list[Problem]:
    return [Problem(("accounts", 0, "notes"), "add some notes", severity="warning")]


def test_extra_check_warnings_are_returned_and_positioned():
    data, positions = load_yaml(base(**{"weeks: 12": "weeks: 4"}), FILE)
    model, warnings = validate(Scenario, data, positions, FILE, [unique_ids, short_game, vague])
    assert model.weeks == 4
    assert [w.format() for w in warnings] == [
        "scenarios/x.yaml:2:8: weeks: warning: fewer than 6 weeks is very short",
        # 'notes' is not in the file: positioned at the enclosing account.
        "scenarios/x.yaml:5:5: accounts[0].notes: warning: add some notes",
    ]


def test_extra_check_errors_raise_together_with_warnings():
    text = base(**{"weeks: 12": "weeks: 4"}) + "  - id: acme\n    budget: 1\n    stakeholders: []\n"
    assert errors(text, checks=[unique_ids, short_game]) == [
        "scenarios/x.yaml:2:8: weeks: warning: fewer than 6 weeks is very short",
        "scenarios/x.yaml:18:9: accounts[1].id: account id 'acme' is used twice",
    ]


def test_extra_checks_do_not_run_when_schema_fails():
    def boom(model):
        raise AssertionError("must not be called")

    assert errors(base(**{"weeks: 12": "weeks: 0"}), checks=[boom]) == [
        "scenarios/x.yaml:2:8: weeks: must be between 1 and 52 (got 0)"]


def test_refused_checks_run_on_the_data_when_schema_fails():
    """Rules beyond the schema still report, on the raw data, beside the schema errors."""
    seen = []

    def on_data(data):
        seen.append(data["weeks"])
        return [Problem(("accounts", 0, "id"), "account 'acme' is not on the list")]

    data, positions = load_yaml(base(**{"weeks: 12": "weeks: 0"}), FILE)
    with pytest.raises(ScenarioError) as info:
        validate(Scenario, data, positions, FILE, refused_checks=[on_data])
    assert str(info.value).splitlines() == [
        "scenarios/x.yaml:2:8: weeks: must be between 1 and 52 (got 0)",
        "scenarios/x.yaml:5:9: accounts[0].id: account 'acme' is not on the list",
    ]
    assert seen == [0]
    model, _ = validate(Scenario, *load_yaml(VALID, FILE), FILE,
                        refused_checks=[lambda d: pytest.fail("only for refused data")])
    assert model.weeks == 12


# --------------------------------------------------------------------------
# load_file


def test_load_file_runs_the_whole_pipeline(tmp_path):
    path = tmp_path / "good.yaml"
    path.write_text(VALID, encoding="utf-8")
    model, warnings = load_file(path, Scenario)
    assert model.title == "Quarter close" and warnings == []


def test_load_file_uses_the_path_as_given(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(VALID.replace("weeks: 12", "weeks: 0"), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_file(str(path), Scenario)
    assert str(info.value) == f"{path}:2:8: weeks: must be between 1 and 52 (got 0)"


def test_load_file_missing_file_and_directory(tmp_path):
    missing = tmp_path / "nope.yaml"
    with pytest.raises(ScenarioError) as info:
        load_file(missing, Scenario)
    assert str(info.value) == f"{missing}: (top): file not found"
    with pytest.raises(ScenarioError) as info:
        load_file(tmp_path, Scenario)
    assert str(info.value) == f"{tmp_path}: (top): is a directory, not a scenario file"


def test_load_file_refuses_big_files_without_parsing(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (2 * 1024 * 1024))
    with pytest.raises(ScenarioError) as info:
        load_file(path, Scenario)
    assert str(info.value) == f"{path}: (top): file is larger than 1 MB (got 2097152 bytes)"


@pytest.mark.parametrize("path", sorted((Path(__file__).resolve().parent.parent / "scenarios").glob("*.yaml")),
                         ids=lambda p: p.stem)
def test_fast_and_careful_paths_agree_on_shipped_scenarios(path, monkeypatch) -> None:
    """libyaml's event path must give exactly the data and positions of the pure-Python one."""
    from engine.scenario import yaml_positions as yp

    text = path.read_text(encoding="utf-8")
    assert yp._compose_fast(text) is not None, "shipped scenarios should take the fast path"
    fast = yp.load_yaml(text, path.name)
    monkeypatch.setattr(yp, "_FAST", False)
    careful = yp.load_yaml(text, path.name)
    assert fast[0] == careful[0]
    assert fast[1].values == careful[1].values and fast[1].keys == careful[1].keys
