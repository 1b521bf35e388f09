"""One interactive game: a Batch of G = 1 with the typed views a person reads.

    m = Match("tutorial", seed=1)          # the player's side is played by a person
    obs = m.reset()
    report = m.step(Orders(rep_days={"huaxin": {"decision": 20}}))

Orders are checked before anything changes: an invalid order raises OrderError listing
every problem and the match is exactly as it was. Every accepted order is logged, so a
match can always be saved as a replay and rebuilt bit for bit.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .batch import HUMAN, Batch, PerGame, check_seed
from .explain import Explanation, explain
from .metrics import PERSPECTIVES, Scores, score
from .observation import Observation, observe
from .orders import OrderError, Orders
from .report import TurnReport, build
from .scenario import Scenario, load_scenario
from .scenario.models import text_of


@dataclass(frozen=True)
class Debrief:
    score: float
    stars: int
    scorecard: dict[str, float]
    objectives: tuple[tuple[str, str, bool], ...]     # (id, text, met)
    lessons: tuple[tuple[str, str, str], ...]         # (id, title, text)
    explanations: tuple[Explanation, ...]
    history: dict[str, list]                          # per-turn series for charts


class _OnABatch:
    """What a match of one game and a classroom of parallel games share: a Batch of the
    scenario (self.batch, self.scenario) and the views of it a person reads."""

    batch: Batch
    scenario: Scenario

    def _begin(self, scenario: Scenario | str | Path, seed: int, lang: str) -> Scenario:
        """Load the scenario (a model, a shipped id or a file) and check the seed: what
        every seat-holder does before it builds its batch."""
        self.scenario = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        self.seed = check_seed(seed)
        self.lang = lang
        return self.scenario

    @property
    def world(self):
        return self.batch.world

    @property
    def state(self):
        return self.batch.state

    @property
    def player(self) -> str:
        return self.scenario.player_id

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def done(self) -> bool:
        return self.batch.done


class Match(_OnABatch):
    def __init__(self, scenario: Scenario | str | Path, seed: int = 0,
                 controllers: dict[str, str] | None = None, lang: str = "en"):
        scenario = self._begin(scenario, seed, lang)
        chosen = {scenario.player_id: HUMAN, **(controllers or {})}
        self.controllers = chosen
        self.batch = Batch(scenario, self.seed, 1, chosen)
        self.reports: list[TurnReport] = []
        self.orders_log: list[dict[str, dict]] = []
        self._turns: list[tuple] = []          # (before, after, TurnResult) per turn
        self._side_reports: dict[tuple[str, int, str], TurnReport] = {}
        self._scored: tuple = (None, None, None, None)  # (state, turn, side, Scores): see _score

    # ------------------------------------------------------------------ state
    def state_hash(self) -> str:
        return self.state.hash()

    # ------------------------------------------------------------------ play
    def reset(self) -> Observation:
        self.batch.reset()
        self.reports, self.orders_log, self._turns, self._side_reports = [], [], [], {}
        return self.observe()

    def observe(self, side: str | None = None) -> Observation:
        s = self.world.side(side or self.player)
        return observe(self.world, self.state, s, 0, self.lang, scores=self._score(s))

    def _score(self, s: int):
        """Side s's score of the state as it stands (no lessons), computed once per state:
        a turn's report and the observation after it show the same score."""
        key = (self.state, self.state.turn, s)
        if self._scored[:3] != key:
            self._scored = (*key, score(self.world, self.state, s, lessons=False))
        return self._scored[3]

    def check(self, orders: Orders | Mapping[str, object], side: str | None = None) -> list[str]:
        """Every reason these orders would be refused (empty: they would apply). A mapping
        of order fields (what a browser sends) is read as Orders."""
        return self.batch.check({side or self.player: orders}).get(side or self.player, [])

    def _normalise(self, orders: object) -> dict[str, Orders]:
        """Every person's orders, read and checked; a person not named gives empty orders.

        Raises OrderError before anything changes: a value that is not orders must not
        resolve the turn, or the log would not replay it.
        """
        if orders is None:
            orders = {}
        elif isinstance(orders, Orders):
            orders = {self.player: orders}
        if isinstance(orders, Mapping):
            humans = [self.world.side_ids[s] for s in self.batch.human_sides]
            orders = {sid: orders.get(sid, Orders()) for sid in humans} | {
                k: v for k, v in orders.items() if k not in humans}
        return self.batch.accept(orders)

    def step(self, orders: Orders | Mapping[str, Orders | Mapping] | None = None) -> TurnReport:
        """Resolve one turn. Raises OrderError (state unchanged) if any order is invalid or
        is not orders at all; a side's orders may be Orders or a mapping of their fields."""
        orders = self._normalise(orders)
        before = self.state
        result = self.batch.step(orders)
        self.orders_log.append({sid: o.model_dump(mode="json", exclude_defaults=True) if isinstance(o, Orders)
                                else list(o) for sid, o in orders.items()})
        self._turns.append((before, self.state, result))
        s = self.world.side(self.player)
        sc = self._score(s)
        report = build(self.world, before, self.state, result, s, 0, float(sc.total[0]), int(sc.stars[0]), self.lang)
        self.reports.append(report)
        return report

    def report(self, side: str | None = None, turn: int | None = None, lang: str | None = None) -> TurnReport:
        """What changed for `side` (default: the player) in `turn` (default: the last one)
        and why: several people in one market each read their own side's report."""
        turn = len(self._turns) if turn is None else turn
        key = (side or self.player, turn, lang or self.lang)
        if key not in self._side_reports:
            before, after, result = self._turns[turn - 1]
            s = self.world.side(key[0])
            sc = score(self.world, after, s, lessons=False)
            self._side_reports[key] = build(self.world, before, after, result, s, 0,
                                            float(sc.total[0]), int(sc.stars[0]), key[2])
        return self._side_reports[key]

    def play_out(self) -> None:
        """Let every remaining turn resolve with empty orders for people (a quick finish)."""
        while not self.done:
            self.step()

    # ------------------------------------------------------------------ scoring
    def scores(self, side: str | None = None) -> Scores:
        return score(self.world, self.state, self.world.side(side or self.player))

    def debrief(self, side: str | None = None, lang: str | None = None) -> Debrief:
        if side is None and lang is None:
            return debrief_of(self.world, self.state, self.player, self.reports, 0, self.lang)
        side, lang = side or self.player, lang or self.lang
        reports = [self.report(side, t, lang) for t in range(1, len(self._turns) + 1)]
        return debrief_of(self.world, self.state, side, reports, 0, lang)


def debrief_of(w, st, player: str, reports: list[TurnReport], g: int, lang: str) -> Debrief:
    """The debrief of side `player` in game g of `st`, from its turn reports."""
    sc = w.scenario
    s = w.side(player)
    scores = score(w, st, s)
    objectives = tuple((o.id, text_of(o.text, lang), bool(scores.objectives[g, i]))
                       for i, o in enumerate(sc.objectives))
    lessons = tuple((lesson.id, text_of(lesson.title, lang), text_of(lesson.text, lang))
                    for i, lesson in enumerate(sc.lessons) if scores.lessons[g, i])
    names = {side.id: text_of(side.name, lang) for side in sc.sides}
    explanations = tuple(explain(reports, a, names, lang) for a in w.account_ids) if reports else ()
    t = st.turn + 1
    history = {
        "turns": list(range(t)),
        "share": {aid: {sid: st.share_hist[g, :t, j, a].tolist() for j, sid in enumerate(w.side_ids)}
                  for a, aid in enumerate(w.account_ids)},
        "revenue": st.revenue_hist[g, :t, s].tolist(),
        "profit": st.profit_hist[g, :t, s].tolist(),
        "cash": st.cash_hist[g, :t, s].tolist(),
        "depth": {lv: st.depth_hist[g, :t, s, i].tolist() for i, lv in enumerate(("operational", "management", "decision"))},
        "satisfaction": {aid: st.satisfaction_hist[g, :t, s, a].tolist() for a, aid in enumerate(w.account_ids)},
    }
    return Debrief(
        score=float(scores.total[g]), stars=int(scores.stars[g]),
        scorecard={p: float(scores.parts[p][g]) for p in PERSPECTIVES},
        objectives=objectives, lessons=lessons, explanations=explanations, history=history,
    )


class ParallelMatch(_OnABatch):
    """Seats: every team plays the trainee's side in its own copy of the world.

    One Batch with G = teams on one seed and shared dice (every game draws what the Match
    on that seed draws), so every team faces exactly the same dice and the same rivals'
    doctrines: a team's game is the Match it would have played alone; each game takes its own team's orders, checked against
    its own state. Changing one team's orders never changes another game (the rules are
    per game and the dice are drawn for all games whatever the orders).

    `orders_log[t][g]` is what game g did in turn t+1: its orders as JSON fields, None
    (nothing), or a doctrine's name. Rebuilding from the log is deterministic, which is
    how one team's quarter is rolled back and how a classroom resumes after a crash.
    """

    def __init__(self, scenario: Scenario | str | Path, seed: int = 0, teams: int = 1,
                 controllers: dict[str, str] | None = None, lang: str = "en"):
        scenario = self._begin(scenario, seed, lang)
        self.controllers = {**(controllers or {}), scenario.player_id: HUMAN}
        # Every team reads its reports and debrief, however many teams (up to 200): the
        # explanations and the charts are kept even where a batch that large would not.
        self.batch = Batch(scenario, self.seed, teams, self.controllers, same_dice=True, explain=True, charts=True)
        self.orders_log: list[list[dict | str | None]] = []
        self._turns: list[tuple] = []          # (before, after, TurnResult) per turn
        self._reports: dict[tuple[int, int, str], TurnReport] = {}

    @property
    def teams(self) -> int:
        return self.batch.G

    def state_hash(self, g: int) -> str:
        return self.state.hash(g)

    def reset(self) -> None:
        self.batch.reset()
        self.orders_log, self._turns, self._reports = [], [], {}

    def observe(self, g: int, lang: str | None = None) -> Observation:
        """What team g sees: its own game, through its own fog of war."""
        return observe(self.world, self.state, self.world.side(self.player), g, lang or self.lang)

    def check(self, g: int, orders: Orders | Mapping[str, object]) -> list:
        """Every reason team g's orders would be refused now (OrderProblem values)."""
        return self.batch.check_game(self.player, orders, g)

    def step(self, orders: list[Orders | Mapping | str | None]) -> None:
        """Resolve one turn for every team: one entry per game (Orders or their fields,
        None for nothing, or a doctrine's name). Raises OrderError, state unchanged."""
        accepted = self.batch.accept({self.player: PerGame(orders)})
        read = accepted[self.player]
        before = self.state
        result = self.batch.step(accepted)
        self.orders_log.append([o.model_dump(mode="json", exclude_defaults=True) if isinstance(o, Orders) else o
                                for o in read])
        self._turns.append((before, self.state, result))

    def report(self, g: int, turn: int | None = None, lang: str | None = None) -> TurnReport:
        """What changed for team g in `turn` (default: the last one) and why."""
        turn = len(self._turns) if turn is None else turn
        key = (g, turn, lang or self.lang)
        if key not in self._reports:
            before, after, result = self._turns[turn - 1]
            s = self.world.side(self.player)
            sc = score(self.world, after, s, lessons=False)
            self._reports[key] = build(self.world, before, after, result, s, g,
                                       float(sc.total[g]), int(sc.stars[g]), key[2])
        return self._reports[key]

    def scores(self, turn: int | None = None) -> Scores:
        """Every team's scores ([G] arrays, index = team), now or after `turn`."""
        st = self.state if turn is None or turn == len(self._turns) else self._turns[turn - 1][1]
        return score(self.world, st, self.world.side(self.player))

    def debrief(self, g: int, lang: str | None = None) -> Debrief:
        lang = lang or self.lang
        reports = [self.report(g, t, lang) for t in range(1, len(self._turns) + 1)]
        return debrief_of(self.world, self.state, self.player, reports, g, lang)

    def replayed(self, log: list[list[dict | str | None]]) -> "ParallelMatch":
        """A new ParallelMatch that played `log` from the start (same scenario and seed)."""
        again = ParallelMatch(self.scenario, self.seed, self.teams, self.controllers, self.lang)
        again.reset()
        for turn_orders in log:
            again.step(turn_orders)
        return again

    def rollback(self, g: int, turn: int, orders: Orders | Mapping | str | None = None) -> "ParallelMatch":
        """Team g's orders of `turn` replaced (None: nothing), every turn since replayed.

        Returns the rebuilt match; every other team's game is bit-identical, which the
        caller can verify with state_hash."""
        if not 1 <= turn <= len(self.orders_log):
            raise ValueError(f"turn must be between 1 and {len(self.orders_log)} (got {turn})")
        log = [list(x) for x in self.orders_log]
        log[turn - 1][g] = orders.model_dump(mode="json", exclude_defaults=True) if isinstance(orders, Orders) else orders
        return self.replayed(log)


__all__ = ["Debrief", "Match", "OrderError", "Orders", "ParallelMatch"]
