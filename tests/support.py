"""Shared test support: the repository root, the tutorial scenario (loaded once), small
inline scenarios for focused rule tests, and the hypothesis profile.

Engine tests never depend on the clock or on test order: every game is seeded.
"""
from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from engine import DOCTRINES, Scenario, ScenarioError, load_scenario
from engine.scenario.refs import check_references

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = REPO / "scenarios"

# Property tests run a few whole games per example: keep them modest and never timed.
settings.register_profile(
    "kaw", deadline=None, max_examples=30, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("kaw-ci", parent=settings.get_profile("kaw"), derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "kaw"))


def bench_module(name: str):
    """A script of bench/ loaded as a module, so a test runs the same measurement at a
    smaller size (bench/ is not a package)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


HEAVY = ("engine", "numpy", "pydantic", "yaml")  # what a quick kaw command should not need


def fresh_kaw(*args: str, cache: Path | None = None) -> tuple[str, set[str]]:
    """The output of a fresh `kaw ARGS` process (started as its console script starts it,
    its cache folder CACHE) and the heavy packages it had loaded when it ended."""
    code = ("import sys\nsys.argv = ['kaw'] + sys.argv[1:]\nfrom kaw import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print('LOADED', sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))")
    env = {**os.environ, "COLUMNS": "120", **({"KAW_CACHE_DIR": str(cache)} if cache else {})}
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, env=env, capture_output=True,
                         text=True, timeout=120)
    printed, _, last = out.stdout.rstrip("\n").rpartition("\n")
    assert last.startswith("LOADED"), out.stdout + out.stderr
    return printed, set(json.loads(last.split(" ", 1)[1].replace("'", '"')))


def shipped_files() -> list[Path]:
    """Scenario files found now (other developers keep adding them)."""
    return sorted(SCENARIOS.glob("*.yaml"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture
def in_repo_root(monkeypatch) -> Path:
    """Run the test from the repository root, so relative paths in messages are stable."""
    monkeypatch.chdir(REPO)
    return REPO


@pytest.fixture(scope="session")
def tutorial() -> Scenario:
    return load_scenario(SCENARIOS / "tutorial.yaml")


# --------------------------------------------------------------------------- inline scenarios

# A minimal two-sided market, written as a trainer would (YAML keys as dict keys), with
# no random events: rule tests change one thing at a time and compare.
SMALL: dict = {
    "schema": 1,
    "id": "small",
    "title": "Small test market",
    "turns": 6,
    "sides": [
        {"id": "us", "name": "Us", "cash": 20.0, "reps": [{"id": "ann"}, {"id": "bob"}], "max_reps": 3, "rep_days": 40,
         "service_capacity": 10},
        {"id": "them", "name": "Them", "cash": 20.0, "reps": 2, "rep_days": 40,
         "doctrine": {"name": "balanced"}},
    ],
    "accounts": [
        {
            "id": "acme", "name": "Acme", "tier": "A", "demand": 4.0, "switching_cost": 0.3,
            "shares": {"us": 0.4, "them": 0.4}, "owner": {"us": "ann"},
            "stakeholders": [
                {"id": "ceo", "level": "decision", "role": "economic_buyer", "influence": 3,
                 "stance": {"us": 1, "them": 1}},
                {"id": "head", "level": "management", "influence": 2, "stance": {"us": 1, "them": 1}},
                {"id": "user", "level": "operational", "influence": 1, "stance": {"us": 1, "them": 1}},
            ],
        },
        {
            "id": "bolt", "name": "Bolt", "tier": "B", "demand": 2.0, "switching_cost": 0.3,
            "shares": {"us": 0.3, "them": 0.3}, "owner": {"us": "bob"},
            "stakeholders": [
                {"id": "boss", "level": "decision", "role": "economic_buyer", "stance": {"us": 1, "them": 1}},
                {"id": "eng", "level": "operational", "stance": {"us": 1, "them": 1}},
            ],
        },
    ],
}


def build_scenario(data: dict | None = None, **top) -> Scenario:
    """Validate a scenario dict (default: SMALL) with top-level keys replaced."""
    d = copy.deepcopy(SMALL if data is None else data)
    d.update(copy.deepcopy(top))
    sc = Scenario.model_validate(d)
    errors = [p for p in check_references(sc, DOCTRINES) if p.severity == "error"]
    if errors:
        raise ScenarioError(errors)
    return sc


@pytest.fixture(scope="session")
def make_scenario():
    """build_scenario as a fixture: make_scenario(data=None, **top_level_keys)."""
    return build_scenario


@pytest.fixture
def small() -> dict:
    """A fresh, mutable copy of the small scenario's data."""
    return copy.deepcopy(SMALL)


def big_market_scenario() -> Scenario:
    """The largest shape a scenario may have (5 sides, 15 accounts, 8 stakeholders), with
    a spin-off side, random events of every kind and uneven buying centers: reductions
    over every padded axis are exercised."""
    levels = ("operational", "management", "decision")
    sides = [{"id": "us", "name": "Us", "reps": 6, "cash": 8.0},
             {"id": "def", "name": "Def", "reps": 5, "doctrine": {"name": "defender"}},
             {"id": "fla", "name": "Fla", "reps": 4, "doctrine": {"name": "flanker"}},
             {"id": "rnd", "name": "Rnd", "reps": 3, "doctrine": {"name": "random"}},
             {"id": "spin", "name": "Spin", "reps": 0, "max_reps": 4, "active": False,
              "doctrine": {"name": "poacher"}}]
    accounts = []
    for a in range(15):
        k_n = 1 + (a * 5) % 8
        accounts.append({
            "id": f"a{a}", "name": f"Account {a}", "tier": "ABC"[a % 3], "demand": 1.0 + (a * 7) % 5,
            "growth": 0.01 * (a % 4), "payment_days": 30 * (a % 7), "industry": "xyz"[a % 3],
            "hidden_needs": ["customisation"] if a % 2 else [],
            "shares": {"us": 0.1 + 0.02 * (a % 5), "def": 0.2, "fla": 0.05 * (a % 3), "rnd": 0.1},
            "stakeholders": [{"id": f"k{k}", "level": levels[(k + a) % 3], "influence": 1 + (k * 3 + a) % 4,
                              "stance": {"us": ((k + a) % 5) - 1, "def": (k % 4) - 0.5, "fla": 0.5, "rnd": 0}}
                             for k in range(k_n)],
        })
    events = [
        {"id": "tender", "title": "Tender", "when": {"chance": 0.3, "repeat": True},
         "effects": [{"kind": "tender", "account": "a0", "portion": 0.5}]},
        {"id": "incident", "title": "Incident", "when": {"chance": 0.4},
         "effects": [{"kind": "quality_incident", "side": "us"}]},
        {"id": "quit", "title": "Quit", "when": {"chance": 0.5, "from_turn": 2},
         "effects": [{"kind": "rep_resignation", "side": "us", "spin_off": "spin"}]},
        {"id": "fire", "title": "Fire", "when": {"chance": 0.3},
         "effects": [{"kind": "capacity_shortfall", "side": "def", "cap": 0.4}]},
        {"id": "gm", "title": "New GM", "when": {"chance": 0.3},
         "effects": [{"kind": "personnel_change", "account": "a3", "stakeholder": "k0",
                      "stance": {"fla": 2}},
                     {"kind": "power_shift", "account": "a3", "stakeholder": "k1", "influence": 0, "chair": True}]},
        {"id": "boom", "title": "Boom", "when": {"chance": 0.3},
         "effects": [{"kind": "demand_change", "account": "a5", "factor": 1.3},
                     {"kind": "open_alliance", "account": "a5"}]},
    ]
    return build_scenario({"schema": 1, "id": "big", "title": "Big", "turns": 8, "sides": sides,
                          "accounts": accounts, "events": events,
                          "tuning": {"attrition": 0.3, "spin_off_chance": 0.8}})


@pytest.fixture(scope="session")
def big_market() -> Scenario:
    return big_market_scenario()


# --------------------------------------------------------------------------- batches

def new_batch(sc, seeds, controllers=None, **kw):
    """A Batch of len(seeds) games driven by seeds[0] (a batch has one seed: engine/rng.py)."""
    from engine import Batch

    seeds = list(seeds)
    return Batch(sc, int(seeds[0]), len(seeds), controllers=controllers, **kw)


def play_to_end(sc, seeds, controllers=None):
    """Play a batch to its last turn and check every float array stayed finite."""
    import numpy as np

    b = new_batch(sc, seeds, controllers)
    b.reset()
    while not b.done:
        b.step({})
    assert b.state.turn == sc.turns
    for name, arr in b.state.arrays.items():
        if arr.dtype.kind == "f":
            assert np.all(np.isfinite(arr)), f"{name} is not finite"
    return b
