"""A seed is a whole number >= 0 (numpy's SeedSequence takes nothing else): the engine says
so in one sentence, and the command line refuses a bad --seed as a usage error."""
from __future__ import annotations

import numpy as np
import pytest
from typer.testing import CliRunner

from engine import Batch, Match
from kaw.cli import app


@pytest.fixture(scope="module")
def market(make_scenario):
    return make_scenario()


@pytest.mark.parametrize("seed", [-1, -(2**70), 1.5, "1", None, [1, 2], True, np.int64(-3)])
def test_constructors_refuse_a_seed_that_is_not_a_whole_number_from_zero(market, seed):
    for build in (lambda: Match(market, seed), lambda: Batch(market, seed)):
        with pytest.raises(ValueError, match="seed must be a whole number ≥ 0"):
            build()


@pytest.mark.parametrize("seed", [0, 2**70, np.int64(7)])
def test_any_whole_number_from_zero_is_a_seed(market, seed):
    m = Match(market, seed)
    m.reset()
    m.step()
    assert m.seed == int(seed) and type(m.seed) is int


def test_a_negative_seed_names_itself(market):
    with pytest.raises(ValueError, match=r"\(got -1\)"):
        Match(market, -1)


@pytest.mark.parametrize("args", [["run", "tutorial", "--seed", "-1"],
                                  ["fidelity", "blitz", "--seeds", "2", "--seed", "-1"]])
def test_the_command_line_refuses_a_negative_seed_as_a_usage_error(args):
    result = CliRunner().invoke(app, args, env={"COLUMNS": "160"})
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "--seed" in result.output


def test_a_value_error_from_the_engine_is_one_line_not_a_traceback(monkeypatch):
    import kaw.cli as cli

    def broken(*args, **kwargs):
        raise ValueError("seed must be a whole number ≥ 0 (got -1)")

    monkeypatch.setattr(cli, "play_headless", broken)
    result = CliRunner().invoke(app, ["run", "tutorial"], env={"COLUMNS": "160"})
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "error: seed must be a whole number ≥ 0 (got -1)" in result.output


def test_fidelity_refuses_a_negative_seed_before_playing():
    from kaw import fidelity

    with pytest.raises(ValueError, match=r"seed must be a whole number ≥ 0 \(got -1\)"):
        fidelity.run("blitz", seeds=1, seed=-1)
