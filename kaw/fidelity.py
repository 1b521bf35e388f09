"""Case fidelity: played by the engine, does a case end as its article says?

A scenario declares its `expectations:` as data (engine/scenario/models.Expectation):
a plan in the trainee's seat (a reference strategy, or a bot), a figure over many
batched games (the share of games where conditions hold at the end, or a mean, alone or
compared with a second plan) and a threshold. The shipped cases carry the numbers of
seed 000 (the historical choice tends to the historical outcome, the remedy does
better, a random allocation rarely earns three stars); a trainer's case is checked the
same way. The checks only read outcomes; the rules are the same for every scenario.

    rows = run("blitz", seeds=500)          # or run("my_case.yaml")
    print(table_text(rows))

`kaw fidelity [SCENARIO|FILE] [--seeds N]` prints these tables; tests assert every row
of every shipped case passes.
"""
from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.batch import check_seed
from engine.metrics import Scores, score
from engine.rules.conditions import value
from engine.runner import run_games
from engine.scenario import load_scenario, shipped
from engine.scenario.models import Expectation, Scenario, text_of
from engine.state import State
from engine.world import World, compile_world

DEFAULT_SEEDS = 500

OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt,
}


# --------------------------------------------------------------------------- outcomes


@dataclass
class Played:
    """The final state of every game one controller played in the trainee's seat."""

    world: World
    state: State
    scores: Scores

    @property
    def player(self) -> int:
        return self.world.player


class Runs:
    """Plays each controller once per scenario and keeps the outcome (checks share runs)."""

    def __init__(self, world: World, seeds: int, seed: int = 0):
        self.world, self.seeds, self.seed = world, seeds, seed
        self._cache: dict[str, Played] = {}

    def __getitem__(self, controller: str) -> Played:
        if controller not in self._cache:
            w = self.world
            state = run_games(w, self.seed, self.seeds, {w.side_ids[w.player]: controller})
            self._cache[controller] = Played(w, state, score(w, state))
        return self._cache[controller]


# --------------------------------------------------------------------------- expectations


def controller(w: World, plan: str) -> str:
    """The seat's controller for a plan name: a strategy id ('<id>:blind' for it played on
    the org chart alone, ignoring what a coach or contact shows), or a bot or doctrine."""
    ids = {st.id for st in w.scenario.strategies}
    return f"strategy:{plan}" if plan.removesuffix(":blind") in ids else plan


def per_game(o: Played, m) -> np.ndarray:
    """A measure's value in every game [G]: score and stars from the scorecard, anything
    else from the condition vocabulary (engine/rules/conditions.py)."""
    if m.metric == "score":
        return o.scores.total
    if m.metric == "stars":
        return o.scores.stars.astype(float)
    return value(o.world, o.state, m)


def figure(runs: Runs, ex: Expectation, plan: str) -> float:
    """One plan's figure: the share of games where `holds` all hold, or a `mean`."""
    o = runs[controller(runs.world, plan)]
    if ex.holds:
        ok = np.ones(o.state.G, bool)
        for c in ex.holds:
            v = per_game(o, c)
            if c.at_least is not None:
                ok &= v >= c.at_least - 1e-12
            if c.at_most is not None:
                ok &= v <= c.at_most + 1e-12
        return float(np.mean(ok))
    return float(np.mean(per_game(o, ex.mean)))


def measured(runs: Runs, ex: Expectation) -> float:
    first = figure(runs, ex, ex.plan)
    if ex.versus is None:
        return first
    second = figure(runs, ex, ex.versus)
    if ex.compare == "ratio":
        return float("inf") if second <= 0 < first else (first / second if second > 0 else 1.0)
    return first - second


def threshold(ex: Expectation) -> list[tuple[str, float]]:
    """The expectation's bounds as (operator, value) pairs."""
    pairs = (("at_least", ">="), ("at_most", "<="), ("above", ">"), ("below", "<"))
    return [(op, getattr(ex, key)) for key, op in pairs if getattr(ex, key) is not None]


@dataclass(frozen=True)
class Row:
    description: str
    measured: float
    threshold: float
    passed: bool
    op: str = ">="


def run(scenario: Scenario | str | Path, seeds: int = DEFAULT_SEEDS, seed: int = 0, lang: str = "en") -> list[Row]:
    """Check every expectation of a scenario (shipped id, file or model) over `seeds`
    games per plan, batched; plans shared by several expectations are played once."""
    if seeds < 1:
        raise ValueError(f"seeds must be at least 1 (got {seeds})")
    seed = check_seed(seed)  # run_games derives chunk seeds from it before any Batch sees it
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    if not sc.expectations:
        raise KeyError(f"no fidelity checks for '{sc.id}': the scenario declares no expectations "
                       "(see the authoring guide, 'Expectations')")
    runs = Runs(compile_world(sc), seeds, seed)
    rows = []
    for ex in sc.expectations:
        value_ = measured(runs, ex)
        for op, limit in threshold(ex):
            rows.append(Row(text_of(ex.text, lang), value_, limit, bool(OPS[op](value_, limit)), op))
    return rows


def shipped_cases() -> tuple[str, ...]:
    """Shipped scenarios that declare expectations."""
    return tuple(sid for sid in shipped() if load_scenario(sid).expectations)


def run_all(seeds: int = DEFAULT_SEEDS, seed: int = 0, scenarios: Iterable[str] | None = None) -> dict[str, list[Row]]:
    return {sid: run(sid, seeds, seed) for sid in (shipped_cases() if scenarios is None else scenarios)}


def table_text(rows: list[Row], title: str | None = None) -> str:
    """The rows as a plain-text table: check, measured value, threshold, PASS/FAIL."""
    head = ("check", "measured", "threshold", "result")
    body = [(r.description, f"{r.measured:.3f}", f"{r.op} {r.threshold:g}", "PASS" if r.passed else "FAIL") for r in rows]
    widths = [max(len(x[i]) for x in [head, *body]) for i in range(4)]
    line = lambda cells: "  ".join(  # noqa: E731
        c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells))
    out = [title] if title else []
    out += [line(head), "  ".join("-" * n for n in widths)]
    out += [line(b) for b in body]
    failed = sum(not r.passed for r in rows)
    out.append(f"{len(rows) - failed} of {len(rows)} checks pass" + (f"; {failed} FAIL" if failed else ""))
    return "\n".join(out)
