"""Every shipped scenario validates and plays to the end with every bot in the player's
seat (and each reference strategy in its seat). Files are found when the tests run:
other developers keep adding scenarios.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from engine import Scenario, ScenarioError, load_with_warnings, score

from support import REPO, play_to_end, shipped_files

BOTS = ("defender", "flanker", "random", "balanced")
SEEDS = (1, 2, 3)  # one batch of three games per bot and scenario


def _load(path: Path) -> Scenario | None:
    try:
        return load_with_warnings(path)[0]
    except ScenarioError:
        return None


def plays() -> list:
    cases = []
    for path in shipped_files():
        sc = _load(path)
        if sc is None:
            continue  # test_shipped_scenario_validates reports it
        seats = [(bot, sc.player_id) for bot in BOTS]
        seats += [(f"strategy:{st.id}", st.side or sc.player_id) for st in sc.strategies]
        cases += [pytest.param(path, ctl, seat, id=f"{path.stem}-{ctl}") for ctl, seat in seats]
    return cases


def test_there_are_shipped_scenarios():
    names = [p.stem for p in shipped_files()]
    assert "tutorial" in names


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: p.stem)
def test_shipped_scenario_validates(path):
    rel = path.relative_to(REPO)
    try:
        sc, warnings = load_with_warnings(path)
    except ScenarioError as err:
        pytest.fail(f"{rel} does not validate:\n{err}")
    assert not [w for w in warnings if w.severity == "error"]
    assert not warnings, f"{rel} has warnings:\n" + "\n".join(w.format() for w in warnings)
    assert sc.id == path.stem, f"{rel}: the id must match the file name (got '{sc.id}')"
    assert sc.player_id in {s.id for s in sc.sides}


@pytest.mark.parametrize("path,controller,seat", plays())
def test_shipped_scenario_plays_to_the_end(path, controller, seat):
    sc = load_with_warnings(path)[0]
    b = play_to_end(sc, SEEDS, {seat: controller})
    st, w = b.state, b.world
    for s in range(w.S):
        sc_s = score(w, st, s)
        assert np.all(np.isfinite(sc_s.total)) and np.all((sc_s.total >= 0) & (sc_s.total <= 100))
        assert np.all((sc_s.stars >= 0) & (sc_s.stars <= 3))
        for part in sc_s.parts.values():
            assert np.all(np.isfinite(part)) and np.all((part >= -1e-9) & (part <= 1 + 1e-9))
    assert st.profit_hist[:, 1:].any(), "nothing was ever earned or spent"
