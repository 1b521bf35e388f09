"""Case fidelity: played by the engine, do the four battles of seed 000 end as the case says?

Each shipped case scenario has a small table of checks. A check plays reference
strategies (or a bot) in the trainee's seat over many games, batched, measures one
number over the final states (the share of games in which something happened, a mean,
or a comparison of two strategies) and compares it with the threshold the issue sets:
the historical choice tends to the historical outcome, the article's remedy does better,
and a random allocation rarely earns three stars. The checks only read outcomes; the
rules are the same for every scenario.

    rows = run("blitz", seeds=500)
    print(table_text(rows))

`kaw fidelity [SCENARIO] [--seeds N]` prints these tables; tests assert every row passes.
"""
from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from .batch import check_seed
from .metrics import Scores, score
from .rules.conditions import KEEP_FRACTION, a_accounts_kept, weighted_share
from .runner import run_games
from .scenario import load_scenario
from .state import State
from .world import World, compile_world

DEFAULT_SEEDS = 500
RANDOM = "random"

OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt,
}


# --------------------------------------------------------------------------- outcomes


@dataclass
class Outcome:
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
        self._cache: dict[str, Outcome] = {}

    def __getitem__(self, controller: str) -> Outcome:
        if controller not in self._cache:
            w = self.world
            state = run_games(w, self.seed, self.seeds, {w.side_ids[w.player]: controller})
            self._cache[controller] = Outcome(w, state, score(w, state))
        return self._cache[controller]


# --------------------------------------------------------------------------- per-game measures
# Each returns a function of an Outcome giving one value per game [G] (bool or float).

Measure = Callable[[Outcome], np.ndarray]


def tender_lost(account: str) -> Measure:
    """The player did not win the tender at `account` (or it never took place)."""
    return lambda o: o.state.tender_won[:, o.world.account(account)] != o.player


def tender_won(account: str) -> Measure:
    """The player won the account's tender."""
    return lambda o: o.state.tender_won[:, o.world.account(account)] == o.player


def account_kept(account: str, fraction: float | None = None) -> Measure:
    """The player still holds at least `fraction` (default half, as for A-tier) of its starting share of `account`."""
    def m(o: Outcome) -> np.ndarray:
        a = o.world.account(account)
        keep = KEEP_FRACTION if fraction is None else fraction
        return o.state.share[:, o.player, a] >= keep * o.world.shares[o.player, a] - 1e-12
    return m


def share_at(account: str, side: str | None = None) -> Measure:
    """Share of wallet at `account` of `side` (default: the player)."""
    def m(o: Outcome) -> np.ndarray:
        s = o.player if side is None else o.world.side(side)
        return o.state.share[:, s, o.world.account(account)]
    return m


def rivals_at(account: str) -> Measure:
    """Combined share of every rival side at `account` (not the unmodelled others)."""
    def m(o: Outcome) -> np.ndarray:
        share = o.state.share[:, :, o.world.account(account)]
        return share.sum(-1) - share[:, o.player]
    return m


def market_share(o: Outcome) -> np.ndarray:
    """The player's demand-weighted share over every account."""
    return weighted_share(o.state, o.player, np.ones(o.world.A, bool))


def a_tier_kept(o: Outcome) -> np.ndarray:
    return a_accounts_kept(o.world, o.state, o.player)


def a_tier_lost(o: Outcome) -> np.ndarray:
    """Fraction of the player's A-tier accounts no longer kept."""
    total = max(int((o.world.tier == 0).sum()), 1)
    return 1.0 - a_accounts_kept(o.world, o.state, o.player) / total


def revenue_lost(o: Outcome) -> np.ndarray:
    """How much of the starting quarterly revenue (start shares at list price) is gone."""
    w, p = o.world, o.player
    start = float((w.shares[p] * w.demand).sum() * w.side_price_index[p])
    return 1.0 - o.state.revenue[:, p] / max(start, 1e-9)


def stars(o: Outcome) -> np.ndarray:
    return o.scores.stars


def total_score(o: Outcome) -> np.ndarray:
    return o.scores.total


def at_least(measure: Measure, x: float) -> Measure:
    return lambda o: measure(o) >= x - 1e-12


def below(measure: Measure, x: float) -> Measure:
    return lambda o: measure(o) < x


def at_most(measure: Measure, x: float) -> Measure:
    return lambda o: measure(o) <= x + 1e-12


def both(*measures: Measure) -> Measure:
    return lambda o: np.logical_and.reduce([m(o) for m in measures])


# --------------------------------------------------------------------------- statistics


@dataclass(frozen=True)
class Share:
    """Fraction of games in which `holds` is true, with `strategy` in the trainee's seat."""

    strategy: str
    holds: Measure

    def value(self, runs: Runs) -> float:
        return float(np.mean(self.holds(runs[self.strategy])))


@dataclass(frozen=True)
class Mean:
    strategy: str
    measure: Measure

    def value(self, runs: Runs) -> float:
        return float(np.mean(self.measure(runs[self.strategy])))


@dataclass(frozen=True)
class Ratio:
    top: Mean
    bottom: Mean

    def value(self, runs: Runs) -> float:
        b = self.bottom.value(runs)
        t = self.top.value(runs)
        return float("inf") if b <= 0 and t > 0 else (t / b if b > 0 else 1.0)


@dataclass(frozen=True)
class Difference:
    first: Mean
    second: Mean

    def value(self, runs: Runs) -> float:
        return self.first.value(runs) - self.second.value(runs)


Stat = Share | Mean | Ratio | Difference


@dataclass(frozen=True)
class Check:
    description: str
    stat: Stat
    op: str
    threshold: float


@dataclass(frozen=True)
class Row:
    description: str
    measured: float
    threshold: float
    passed: bool
    op: str = ">="


# --------------------------------------------------------------------------- the case table


def strategy(sid: str) -> str:
    return f"strategy:{sid}"


REMEDY = {
    "tutorial": "depth",
    "blitz": "depth",
    "flank_attack": "flank",
    "internal_collapse": "remedy",
    "decisive_battle": "alliance",
}
"""The article's remedy in each case (the plan that must usually earn two stars)."""

CASES: dict[str, list[Check]] = {
    "blitz": [
        Check("historical plan (tie with Liu only, lowest price) loses the tender",
              Share(strategy("historical"), tender_lost("b_co")), ">=", 0.70),
        Check("a tie with Liu alone and both executive visits for him, at list price, loses the tender",
              Share(strategy("friend_full_price"), tender_lost("b_co")), ">=", 0.70),
        Check("the lowest price saves the single tie no more than 5 points of tender losses",
              Difference(Share(strategy("friend_full_price"), tender_lost("b_co")),
                         Share(strategy("historical"), tender_lost("b_co"))), "<=", 0.05),
        Check("defence in depth (all three levels, matched executives) wins the tender",
              Share(strategy("depth"), tender_won("b_co")), ">=", 0.70),
        Check("defence in depth keeps B Company (>= half its starting share)",
              Share(strategy("depth"), account_kept("b_co")), ">=", 0.60),
    ],
    "tutorial": [
        Check("defence in depth ends with at least its starting share of Huaxin",
              Share(strategy("depth"), account_kept("huaxin", 1.0)), ">=", 0.80),
        Check("price war with one friend (purchasing) ends with its starting share of Huaxin",
              Share(strategy("price_war"), account_kept("huaxin", 1.0)), "<", 0.30),
    ],
    "flank_attack": [
        Check("frontal attack on the car makers ends below 10% market share",
              Share(strategy("frontal"), below(market_share, 0.10)), ">=", 0.80),
        Check("flank plan (bus and coach makers) ends at 20% market share or more",
              Share(strategy("flank"), at_least(market_share, 0.20)), ">=", 0.60),
    ],
    "internal_collapse": [
        Check("historical plan loses >= 70% of A-tier accounts and >= 50% of revenue",
              Share(strategy("historical"), both(at_least(a_tier_lost, 0.70), at_least(revenue_lost, 0.50))),
              ">=", 0.70),
        Check("remedy keeps at least twice as many A-tier accounts (ratio of means)",
              Ratio(Mean(strategy("remedy"), a_tier_kept), Mean(strategy("historical"), a_tier_kept)), ">=", 2.0),
    ],
    "decisive_battle": [
        Check("alliance plan ends with >= 75% of K and rivals <= 25%",
              Share(strategy("alliance"), both(at_least(share_at("k_group"), 0.75), at_most(rivals_at("k_group"), 0.25))),
              ">=", 0.60),
        Check("alliance plan beats spreading evenly on the scorecard (mean score points)",
              Difference(Mean(strategy("alliance"), total_score), Mean(strategy("even"), total_score)), ">", 0.0),
        Check("spreading evenly leaves the trainee below 40% of K",
              Share(strategy("even"), below(share_at("k_group"), 0.40)), ">=", 0.60),
    ],
}


def checks(scenario_id: str) -> list[Check]:
    """Every check of a case scenario: its own table plus the two every case shares."""
    if scenario_id not in CASES:
        raise KeyError(f"no fidelity checks for '{scenario_id}' (cases: {', '.join(CASES)})")
    remedy = strategy(REMEDY[scenario_id])
    return CASES[scenario_id] + [
        Check("random allocation earns 3 stars", Share(RANDOM, at_least(stars, 3)), "<", 0.05),
        Check(f"the remedy ({REMEDY[scenario_id]}) earns 2 stars or more", Share(remedy, at_least(stars, 2)), ">=", 0.60),
    ]


SCENARIOS: tuple[str, ...] = tuple(CASES)


def run(scenario_id: str, seeds: int = DEFAULT_SEEDS, seed: int = 0) -> list[Row]:
    """Play the checks of one case scenario over `seeds` games per strategy (batched)."""
    if seeds < 1:
        raise ValueError(f"seeds must be at least 1 (got {seeds})")
    seed = check_seed(seed)  # run_games derives chunk seeds from it before any Batch sees it
    table = checks(scenario_id)
    runs = Runs(compile_world(load_scenario(scenario_id)), seeds, seed)
    rows = []
    for c in table:
        measured = c.stat.value(runs)
        rows.append(Row(c.description, measured, c.threshold, bool(OPS[c.op](measured, c.threshold)), c.op))
    return rows


def run_all(seeds: int = DEFAULT_SEEDS, seed: int = 0, scenarios: Iterable[str] = SCENARIOS) -> dict[str, list[Row]]:
    return {sid: run(sid, seeds, seed) for sid in scenarios}


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
