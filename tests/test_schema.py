"""The JSON Schema shipped for editors is generated from the models and kept current,
and every shipped scenario points its editor at it."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from engine.scenario import schema

from support import REPO, SCENARIOS, shipped_files

COMMITTED = SCENARIOS / "scenario.schema.json"
HEADER = "# yaml-language-server: $schema=scenario.schema.json"


def test_committed_schema_is_up_to_date():
    assert COMMITTED.is_file(), f"scenarios/scenario.schema.json is missing: run `{schema.REGENERATE}`"
    current = COMMITTED.read_text(encoding="utf-8")
    assert current == schema.render(), (
        "scenarios/scenario.schema.json is out of date with engine/scenario/models.py: "
        f"regenerate it with `{schema.REGENERATE}` and commit it")


def test_schema_shape():
    s = schema.json_schema()
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert s["title"] == "Key Account Wars scenario"
    assert s["type"] == "object" and s["additionalProperties"] is False
    props = s["properties"]
    assert "schema" in props and "schema_" not in props, "keys must be the aliases a trainer writes"
    assert props["schema"]["const"] == 1
    assert set(s["required"]) == {"id", "title", "sides", "accounts"}
    stance = s["$defs"]["Stakeholder"]["properties"]["stance"]["additionalProperties"]
    assert (stance["minimum"], stance["maximum"]) == (-1, 3)
    for model in ("Side", "Account", "Stakeholder", "Tuning", "Scorecard", "Trigger", "Condition"):
        d = s["$defs"][model]
        assert d["additionalProperties"] is False, model
        undocumented = [k for k, v in d["properties"].items() if not v.get("description")]
        assert not undocumented, f"{model} fields without an editor tooltip: {undocumented}"


def test_render_is_sorted_indented_and_ends_with_a_newline():
    text = schema.render()
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert text.startswith('{\n  "$defs": {')
    assert schema.render() == text, "generation must be deterministic"


def test_write_schema_writes_exactly_the_rendered_text(tmp_path):
    out = schema.write_schema(tmp_path / "deep" / "s.json")
    assert out.read_bytes() == schema.render().encode("utf-8")
    assert [p.name for p in out.parent.iterdir()] == ["s.json"]


def test_module_entry_point_regenerates(tmp_path):
    out = tmp_path / "scenario.schema.json"
    done = subprocess.run([sys.executable, "-m", "engine.scenario.schema", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == schema.render()
    assert str(out) in done.stdout


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: p.stem)
def test_shipped_scenario_points_at_the_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == HEADER, f"{path.name}: the first line must be `{HEADER}` (editor autocomplete)"


# --------------------------------------------------------------------------- schema vs content

def _resolve(node: dict, root: dict) -> dict:
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _branches(node: dict, root: dict) -> list[dict]:
    node = _resolve(node, root)
    for key in ("anyOf", "oneOf"):
        if key in node:
            return [b for sub in node[key] for b in _branches(sub, root)]
    return [node]


def unknown_keys(data, node: dict, root: dict, path: str = "") -> list[str]:
    """Keys in data that no branch of the schema allows (a shallow structural check)."""
    found = []
    if isinstance(data, dict):
        objects = [b for b in _branches(node, root) if b.get("type") == "object"]
        if not objects:
            return [f"{path}: the schema has no mapping here"]
        for key, value in data.items():
            homes = [b["properties"][key] for b in objects if key in b.get("properties", {})]
            homes += [b["additionalProperties"] for b in objects
                      if isinstance(b.get("additionalProperties"), dict)]
            if not homes:
                found.append(f"{path}.{key}")
            elif len(homes) == 1 or not isinstance(value, (dict, list)):
                found += unknown_keys(value, homes[0], root, f"{path}.{key}")
            else:
                tries = [unknown_keys(value, h, root, f"{path}.{key}") for h in homes]
                found += min(tries, key=len)
    elif isinstance(data, list):
        arrays = [b for b in _branches(node, root) if b.get("type") == "array"]
        for i, item in enumerate(data):
            if arrays:
                found += unknown_keys(item, arrays[0].get("items", {}), root, f"{path}[{i}]")
    return found


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: p.stem)
def test_schema_knows_every_key_of_the_shipped_scenarios(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    root = schema.json_schema()
    assert unknown_keys(data, root, root) == []


def test_the_structural_check_finds_unknown_keys():
    root = schema.json_schema()
    data = {"schema": 1, "sides": [{"id": "a", "nmae": "x"}],
            "events": [{"effects": [{"kind": "tender", "acount": "x"}]}]}
    assert unknown_keys(data, root, root) == [".sides[0].nmae", ".events[0].effects[0].acount"]


def _numbers(node, where: str = ""):
    """(where, subschema) for every number or whole number anywhere in a schema."""
    if isinstance(node, dict):
        if node.get("type") in ("number", "integer") and "const" not in node and "enum" not in node:
            yield where, node
        for key, value in node.items():
            yield from _numbers(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _numbers(value, f"{where}/{i}")


def test_every_number_in_the_schema_has_both_bounds():
    """An editor flags a number out of the game's range as the trainer types it."""
    found = list(_numbers(schema.json_schema()))
    assert len(found) > 90
    unbounded = [where for where, node in found
                 if not ({"minimum", "exclusiveMinimum"} & set(node) and {"maximum", "exclusiveMaximum"} & set(node))]
    assert not unbounded, f"numbers without a minimum and a maximum: {unbounded}"
    money = schema.json_schema()["$defs"]["Side"]["properties"]["rep_salary"]
    assert (money["minimum"], money["maximum"]) == (0, 1e9)


def test_the_default_pay_plans_are_valid_pay_plans():
    """default_pay_plans() builds its plans without validation; they must pass it."""
    from engine.scenario.models import DEFAULT_PAY_PLANS, PayPlan, default_pay_plans

    built = default_pay_plans()
    assert set(built) == set(DEFAULT_PAY_PLANS)
    for name, plan in built.items():
        validated = PayPlan.model_validate(DEFAULT_PAY_PLANS[name])
        assert plan == validated and plan.model_fields_set == validated.model_fields_set
