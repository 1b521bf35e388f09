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

from .batch import HUMAN, Batch, check_seed
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


class Match:
    def __init__(self, scenario: Scenario | str | Path, seed: int = 0,
                 controllers: dict[str, str] | None = None, lang: str = "en"):
        if not isinstance(scenario, Scenario):
            scenario = load_scenario(scenario)
        self.scenario = scenario
        self.seed = check_seed(seed)
        self.lang = lang
        chosen = {scenario.player_id: HUMAN, **(controllers or {})}
        self.controllers = chosen
        self.batch = Batch(scenario, self.seed, 1, chosen)
        self.reports: list[TurnReport] = []
        self.orders_log: list[dict[str, dict]] = []

    # ------------------------------------------------------------------ state
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

    def state_hash(self) -> str:
        return self.state.hash()

    # ------------------------------------------------------------------ play
    def reset(self) -> Observation:
        self.batch.reset()
        self.reports, self.orders_log = [], []
        return self.observe()

    def observe(self, side: str | None = None) -> Observation:
        s = self.world.side(side or self.player)
        return observe(self.world, self.state, s, 0, self.lang)

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
        self.orders_log.append({sid: o.model_dump(mode="json", exclude_defaults=True) for sid, o in orders.items()})
        s = self.world.side(self.player)
        sc = score(self.world, self.state, s, lessons=False)
        report = build(self.world, before, self.state, result, s, 0, float(sc.total[0]), int(sc.stars[0]), self.lang)
        self.reports.append(report)
        return report

    def play_out(self) -> None:
        """Let every remaining turn resolve with empty orders for people (a quick finish)."""
        while not self.done:
            self.step()

    # ------------------------------------------------------------------ scoring
    def scores(self, side: str | None = None) -> Scores:
        return score(self.world, self.state, self.world.side(side or self.player))

    def debrief(self) -> Debrief:
        w, st, sc = self.world, self.state, self.scenario
        s = w.side(self.player)
        scores = self.scores()
        objectives = tuple((o.id, text_of(o.text, self.lang), bool(scores.objectives[0, i]))
                           for i, o in enumerate(sc.objectives))
        lessons = tuple((lesson.id, text_of(lesson.title, self.lang), text_of(lesson.text, self.lang))
                        for i, lesson in enumerate(sc.lessons) if scores.lessons[0, i])
        names = {side.id: text_of(side.name, self.lang) for side in sc.sides}
        explanations = tuple(explain(self.reports, a, names, self.lang) for a in w.account_ids) if self.reports else ()
        t = st.turn + 1
        history = {
            "turns": list(range(t)),
            "share": {aid: {sid: st.share_hist[0, :t, j, a].tolist() for j, sid in enumerate(w.side_ids)}
                      for a, aid in enumerate(w.account_ids)},
            "revenue": st.revenue_hist[0, :t, s].tolist(),
            "profit": st.profit_hist[0, :t, s].tolist(),
            "cash": st.cash_hist[0, :t, s].tolist(),
            "depth": {lv: st.depth_hist[0, :t, s, i].tolist() for i, lv in enumerate(("operational", "management", "decision"))},
            "satisfaction": {aid: st.satisfaction_hist[0, :t, s, a].tolist() for a, aid in enumerate(w.account_ids)},
        }
        return Debrief(
            score=float(scores.total[0]), stars=int(scores.stars[0]),
            scorecard={p: float(scores.parts[p][0]) for p in PERSPECTIVES},
            objectives=objectives, lessons=lessons, explanations=explanations, history=history,
        )


__all__ = ["Debrief", "Match", "OrderError", "Orders"]
