"""Market mode: every team is a rival supplier in ONE shared market (one game, G = 1).

Team i controls the i-th side of the scenario (the player's side first, then the others
in the scenario's order); every side no team took keeps its doctrine. Built on
engine.Match with one human seat per team, and offering the same interface as
engine.ParallelMatch where the classroom reads it (index = team), so the session, the
views and the exports serve both modes:

- observe(g) is team g's own side's Observation (fog of war by the engine's observe);
- check(g, orders) checks orders for team g's side only;
- step([per team]) resolves the one market with every team's orders for its side;
- report/debrief(g) are team g's side's; scores(turn) are per team (its side's score);
- state_hash(g) is the market's hash (the same for every team: one world);
- rollback rewinds the whole market by one quarter (every team's last plan is undone).
"""
from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace

import numpy as np

from engine import PERSPECTIVES, Match, Orders, PerGame, Scenario, score


def market_sides(scenario: Scenario) -> list[str]:
    """The sides teams take, in order: the player's side first, then the others."""
    ids = [s.id for s in scenario.sides]
    return [scenario.player_id] + [s for s in ids if s != scenario.player_id]


def _entry(o: Orders | Mapping | str | None):
    """A team's orders for the engine: fields, nothing (empty orders) or a doctrine."""
    if o is None:
        return Orders()
    if isinstance(o, str):
        return PerGame([o])
    return o


class MarketMatch:
    def __init__(self, scenario: Scenario, seed: int, teams: int, lang: str = "en"):
        sides = market_sides(scenario)
        if not 1 <= teams <= len(sides):
            raise ValueError(f"market mode: {scenario.id} has {len(sides)} sides, so 1 to {len(sides)} teams "
                             f"(got {teams})")
        self.scenario, self.seed, self.lang, self.teams = scenario, seed, lang, teams
        self.sides = sides[:teams]
        self.match = Match(scenario, seed, controllers={s: "human" for s in self.sides}, lang=lang)
        self.orders_log: list[list[dict | str | None]] = []
        self._after: list = []                   # the state after each turn

    # ------------------------------------------------------------------ views
    @property
    def world(self):
        return self.match.world

    @property
    def state(self):
        return self.match.state

    @property
    def turn(self) -> int:
        return self.match.turn

    @property
    def done(self) -> bool:
        return self.match.done

    @property
    def player(self) -> str:
        return self.scenario.player_id

    def side_of(self, g: int) -> str:
        return self.sides[g]

    def state_hash(self, g: int = 0) -> str:
        return self.match.state_hash()

    def reset(self) -> None:
        self.match.reset()
        self.orders_log, self._after = [], []

    def observe(self, g: int, lang: str | None = None):
        m = self.match
        old, m.lang = m.lang, lang or self.lang
        try:
            return m.observe(self.sides[g])
        finally:
            m.lang = old

    def check(self, g: int, orders: Orders | Mapping | None) -> list:
        """Every reason team g's orders for its own side would be refused (OrderProblems)."""
        return self.match.batch.check_game(self.sides[g], orders if orders is not None else Orders(), 0)

    # ------------------------------------------------------------------ play
    def step(self, orders: list[Orders | Mapping | str | None]) -> None:
        if len(orders) != self.teams:
            raise ValueError(f"one entry per team expected: {self.teams} (got {len(orders)})")
        self.match.step({side: _entry(o) for side, o in zip(self.sides, orders)})
        self.orders_log.append([o.model_dump(mode="json", exclude_defaults=True) if isinstance(o, Orders) else o
                                for o in orders])
        self._after.append(self.state)

    def report(self, g: int, turn: int | None = None, lang: str | None = None):
        return self.match.report(self.sides[g], turn, lang or self.lang)

    def debrief(self, g: int, lang: str | None = None):
        return self.match.debrief(self.sides[g], lang or self.lang)

    def scores(self, turn: int | None = None):
        """Every team's scores ([teams] arrays, index = team: its side's score)."""
        st = self.state if turn is None or turn == len(self._after) else self._after[turn - 1]
        per = [score(self.world, st, self.world.side(s)) for s in self.sides]
        return SimpleNamespace(
            total=np.array([float(x.total[0]) for x in per]), stars=np.array([int(x.stars[0]) for x in per]),
            parts={p: np.array([float(x.parts[p][0]) for x in per]) for p in PERSPECTIVES},
            objectives=np.array([x.objectives[0] for x in per]))

    # ------------------------------------------------------------------ replay
    def replayed(self, log: list[list[dict | str | None]]) -> "MarketMatch":
        again = MarketMatch(self.scenario, self.seed, self.teams, self.lang)
        again.reset()
        for turn_orders in log:
            again.step(turn_orders)
        return again

    def rewind(self) -> "MarketMatch":
        """The market one quarter back: every team's plan of the last quarter undone."""
        if not self.orders_log:
            raise ValueError("no quarter has been resolved yet")
        return self.replayed(self.orders_log[:-1])
