"""The authoring guide and `kaw new`: the field reference cannot drift from the models,
every example in the guide is valid, and a new scenario validates from the first minute."""
from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
import yaml
from pydantic import TypeAdapter
from typer.testing import CliRunner

from engine import DOCTRINES, load_with_warnings, shipped
from kaw.authoring import (EFFECTS, METRICS, REFERENCE_END, REFERENCE_START, REGENERATE, SCHEMA_LINE,
                              copy_from, embed, embedded_reference, guide_path, models_in_order,
                              new_scenario, reference_markdown, scaffold, schema_ref, update_guide)
from kaw.trainer import app
from engine.lint import lint
from engine.scenario import models as m

REPO = Path(__file__).resolve().parent.parent
GUIDE = guide_path()
EXAMPLES = sorted((REPO / "docs" / "examples").glob("*.yaml"))
runner = CliRunner()


def guide_text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, re.S)


def loads_clean(path: Path) -> list[str]:
    sc, warnings = load_with_warnings(path)
    return [p.format() for p in warnings] + [p.format() for p in lint(sc)]


# --------------------------------------------------------------------------- the reference


def test_the_guides_reference_is_up_to_date():
    embedded = embedded_reference(guide_text())
    assert embedded is not None, f"{GUIDE} lost its markers {REFERENCE_START!r} ... {REFERENCE_END!r}"
    assert embedded == reference_markdown(), (
        f"the field reference in {GUIDE.relative_to(REPO)} is out of date with the models or doctrines; "
        f"regenerate it with: {REGENERATE}")


def test_every_model_and_effect_has_a_section():
    ref = reference_markdown()
    order, effects = models_in_order()
    assert {m.Scenario, m.Side, m.Account, m.Stakeholder, m.Event, m.Trigger, m.Condition, m.Objective,
            m.Lesson, m.Strategy, m.PlanPhase, m.PlanOrders, m.Scorecard, m.PayPlan, m.Tuning, m.Text} <= set(order)
    for model in order:
        assert f"#### {model.__name__}\n" in ref
    kinds = [get_args(e.model_fields["kind"].annotation)[0] for e in effects]
    assert set(kinds) == set(EFFECTS), "describe every effect kind in engine/authoring.EFFECTS"
    for kind in kinds:
        assert f"#### {kind}\n" in ref


def test_every_models_note_is_a_whole_sentence():
    """A model without a note of its own is introduced by its docstring's first paragraph:
    its first line alone cut Stage's and GuideStep's sentences in the middle ("...revenue
    and")."""
    ref = reference_markdown()
    order, _ = models_in_order()
    for model in order:
        note = ref.split(f"#### {model.__name__}\n\n", 1)[1].split("\n", 1)[0]
        if not note.startswith("|"):
            assert note.rstrip().endswith((".", ".)", ":")), (model.__name__, note)


def test_every_field_has_type_default_and_meaning():
    ref = reference_markdown()
    rows = [line for line in ref.splitlines() if line.startswith("| `")]
    assert len(rows) > 150
    undescribed = [r for r in rows if r.rstrip().endswith("|  |") or r.rstrip().endswith("| |")]
    assert not undescribed, ("fields without a meaning: give them a Field(description=...) in "
                             "engine/scenario/models.py, or an entry in engine/authoring.FALLBACK:\n" + "\n".join(undescribed))
    tuning = next(r for r in rows if r.startswith("| `rivalry`"))
    assert "| number | `0.3` | 0 to 1 |" in tuning
    stance = next(r for r in rows if r.startswith("| `stance` | mapping id → number (-1 to 3)"))
    assert "Stance toward each side" in stance
    demand = next(r for r in rows if r.startswith("| `demand`"))
    assert "**required**" in demand and "0.001 to 1000000000" in demand


def test_every_metric_is_described():
    assert set(METRICS) == set(get_args(m.Metric)), (
        "describe each condition metric in engine/authoring.METRICS (and give an example in docs/authoring.md)")
    for name, (_, values, meaning) in METRICS.items():
        assert values and meaning, name


def test_every_doctrine_is_in_the_reference():
    ref = reference_markdown()
    for name, doc in DOCTRINES.items():
        assert f"#### {name}\n\n{doc.summary}" in ref
        for param in doc.params:
            assert f"| `{param}` |" in ref


def test_regenerating_rewrites_only_the_block(tmp_path):
    copy = tmp_path / "guide.md"
    copy.write_text(f"# Title\n\nintro\n\n{REFERENCE_START}\nstale\n{REFERENCE_END}\n\noutro\n", encoding="utf-8")
    assert update_guide(copy) is True
    text = copy.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\nintro\n\n") and text.endswith(f"{REFERENCE_END}\n\noutro\n")
    assert "stale" not in text and "#### Scenario" in text
    assert update_guide(copy) is False  # stable
    with pytest.raises(ValueError, match="markers"):
        embed("no markers here", "x")


# --------------------------------------------------------------------------- the guide's examples


def test_every_yaml_example_in_the_guide_is_valid():
    effect = TypeAdapter(m.Effect)
    checked = {"effects": set(), "metrics": set()}

    def walk(node):
        if isinstance(node, dict):
            if "plan" in node and ("holds" in node or "mean" in node):
                ex = m.Expectation.model_validate(node)
                checked["metrics"].update(c.metric for c in [*ex.holds, *([ex.mean] if ex.mean else [])]
                                          if c.metric not in ("score", "stars"))
                return
            if "kind" in node and node.get("kind") in EFFECTS:
                effect.validate_python(node)
                checked["effects"].add(node["kind"])
            elif "metric" in node:
                m.Condition.model_validate(node)
                checked["metrics"].add(node["metric"])
            elif "phases" in node:
                m.Strategy.model_validate(node)
            elif "require" in node:
                m.Objective.model_validate(node)
            elif "when" in node and "title" in node and "text" in node and "effects" not in node:
                m.Lesson.model_validate(node)
            elif "when" in node and "effects" in node:
                m.Event.model_validate(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    blocks = yaml_blocks(guide_text())
    assert len(blocks) > 15
    for block in blocks:
        walk(yaml.safe_load(block))
    assert checked["effects"] == set(EFFECTS), "the guide needs an example of every effect kind"
    assert checked["metrics"] == set(METRICS), "the guide needs an example of every condition metric"


def test_the_walkthrough_shows_the_example_file():
    """Each section the walkthrough writes is exactly what docs/examples/pump_tender.yaml holds."""
    walkthrough = guide_text().split("## 1. Walkthrough", 1)[1].split("## 2.", 1)[0]
    final = yaml.safe_load((REPO / "docs" / "examples" / "pump_tender.yaml").read_text(encoding="utf-8"))
    shown: dict = {}
    for block in yaml_blocks(walkthrough):
        data = yaml.safe_load(block)
        assert isinstance(data, dict)
        shown.update(data)
    assert shown == final


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_scenarios_validate_cleanly(path):
    assert loads_clean(path) == []


def test_the_guide_mentions_every_command_it_promises():
    text = guide_text()
    for words in ("kaw new", "--from", "kaw validate", "kaw balance", "--html", "--workers", "--cluster",
                  "Ctrl-C", "yaml-language-server", "python -m kaw.authoring"):
        assert words in text


# --------------------------------------------------------------------------- kaw new


def test_scaffold_validates_without_warnings(tmp_path):
    text = scaffold("cement_tender")
    assert text.splitlines()[0] == SCHEMA_LINE + "scenario.schema.json"
    path = tmp_path / "cement_tender.yaml"
    path.write_text(text, encoding="utf-8")
    assert loads_clean(path) == []
    sc, _ = load_with_warnings(path)
    assert sc.id == "cement_tender" and len(sc.sides) == 2 and len(sc.accounts) == 2
    assert all(2 <= len(a.stakeholders) for a in sc.accounts)
    assert (len(sc.events), len(sc.objectives), len(sc.lessons), len(sc.strategies)) == (1, 1, 1, 2)
    assert text.count("#") > 20  # commented for a first-time author


@pytest.mark.parametrize("sid", sorted(shipped()))
def test_copies_of_shipped_scenarios_validate(sid, tmp_path):
    text = copy_from(sid, "my_copy")
    original = shipped()[sid].read_text(encoding="utf-8")
    path = tmp_path / "my_copy.yaml"
    path.write_text(text, encoding="utf-8")
    sc, _ = load_with_warnings(path)
    assert sc.id == "my_copy"
    assert text.splitlines()[0].startswith(SCHEMA_LINE)
    kept = [line for line in original.splitlines() if line.lstrip().startswith("#") and "$schema" not in line]
    assert all(line in text for line in kept)  # the author's comments survive


@pytest.mark.parametrize("bad", ["Cement", "1case", "my-case", "", "case!"])
def test_bad_ids_are_refused(bad):
    with pytest.raises(ValueError, match="lower case"):
        scaffold(bad)


def test_schema_comment_points_at_the_shipped_schema(tmp_path):
    assert schema_ref(REPO / "scenarios" / "x.yaml") == "scenario.schema.json"
    for folder in (tmp_path, tmp_path / "deep" / "er", REPO / "docs" / "examples"):
        ref = schema_ref(folder / "x.yaml")
        assert (folder / ref).resolve() == (REPO / "scenarios" / "scenario.schema.json").resolve()
    assert schema_ref(REPO / "docs" / "examples" / "x.yaml") == "../../scenarios/scenario.schema.json"
    text = new_scenario("abc", tmp_path / "abc.yaml", "tutorial")
    assert text.splitlines()[0] == SCHEMA_LINE + schema_ref(tmp_path / "abc.yaml")


def kaw(*args: str, cwd: Path | None = None):
    return runner.invoke(app, list(args), env={"COLUMNS": "120"})


def test_kaw_new_writes_a_file_that_validates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = kaw("new", "cement_tender")
    assert result.exit_code == 0, result.output
    path = tmp_path / "cement_tender.yaml"
    assert "Wrote cement_tender.yaml" in result.output and "(validates)" in result.output
    assert "kaw validate cement_tender.yaml" in result.output
    assert loads_clean(path) == []
    again = kaw("new", "cement_tender")
    assert again.exit_code == 1 and "already exists" in again.output and "--force" in again.output
    assert kaw("new", "cement_tender", "--force").exit_code == 0


def test_kaw_new_from_a_shipped_scenario_into_a_folder(tmp_path):
    result = kaw("new", "my_blitz", "--from", "blitz", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    path = tmp_path / "my_blitz.yaml"
    sc, _ = load_with_warnings(path)
    assert sc.id == "my_blitz" and "a copy of 'blitz'" in result.output
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert (tmp_path / first.removeprefix(SCHEMA_LINE)).resolve() == (REPO / "scenarios" / "scenario.schema.json").resolve()


@pytest.mark.parametrize("args, words", [
    (("new", "Bad-Id"), "lower case"),
    (("new", "ok_id", "--from", "nope"), "no shipped scenario 'nope'"),
])
def test_kaw_new_mistakes(args, words, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = kaw(*args)
    assert result.exit_code == 2 and words in result.output and "Traceback" not in result.output
    assert not list(tmp_path.iterdir())
