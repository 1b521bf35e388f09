"""One game being played: the Match, where it is saved, and what the screens read.

The scenes never call the engine directly except through this object (which only uses
Match, Observation and TurnReport). It autosaves after every turn.
"""
from __future__ import annotations

import random
from pathlib import Path

from engine import Match, Observation, Orders, TurnReport, load_scenario, text_of
from engine.replay import ReplayError

from . import saves


class Session:
    def __init__(self, match: Match, ref: str, save_path: Path):
        self.match = match
        self.ref = ref
        self.save_path = save_path
        self.obs: Observation = match.observe()
        self.prev_obs: Observation | None = None
        self.report: TurnReport | None = match.reports[-1] if match.reports else None
        self.save_message = ""       # last save result, for people
        self.save_failed = False
        self.guide_step, self.guide_done = 0, False   # the guided first quarter (game/scenes/guide.py)

    # ------------------------------------------------------------------ creation
    @classmethod
    def new(cls, scenario: str, lang: str = "en", seed: int | None = None,
            directory: Path | None = None) -> "Session":
        ref = saves.scenario_ref(scenario)
        sc = load_scenario(ref)
        if seed is None:
            seed = random.SystemRandom().randrange(1, 2**31)
        m = Match(sc, seed=seed, lang=lang)
        m.reset()
        return cls(m, ref, saves.new_path(sc.id, directory))

    @classmethod
    def resume(cls, path: Path, lang: str = "en") -> "Session":
        """Raises ReplayError with the reason if the save cannot be used."""
        match = saves.load(path, lang)
        ref = saves.ref_of(path)
        return cls(match, ref, path)

    def relanguage(self, lang: str) -> "Session":
        """The same game in another language, at any quarter: the engine's words (names,
        reports, news) are made when a turn resolves, so the accepted orders are replayed
        on the same seed in the new language (deterministic: the same state, bit for bit)."""
        old = self.match
        m = Match(old.scenario, seed=old.seed, lang=lang, controllers={
            sid: c for sid, c in old.controllers.items() if sid != old.player})
        m.reset()
        prev = None
        for entry in old.orders_log:
            prev = m.observe()
            m.step(entry)
        new = Session(m, self.ref, self.save_path)
        new.prev_obs = prev
        new.save_message, new.save_failed = self.save_message, self.save_failed
        new.guide_step, new.guide_done = self.guide_step, self.guide_done
        return new

    # ------------------------------------------------------------------ reading
    @property
    def scenario(self):
        return self.match.scenario

    @property
    def scenario_title(self) -> str:
        return text_of(self.match.scenario.title, self.match.lang)

    @property
    def lang(self) -> str:
        return self.match.lang

    @property
    def done(self) -> bool:
        return self.match.done

    def last_orders(self) -> Orders | None:
        log = self.match.orders_log
        if not log:
            return None
        mine = log[-1].get(self.match.player)
        return Orders.model_validate(mine) if mine is not None else None

    def check(self, orders: Orders) -> list[str]:
        return self.match.check(orders)

    # ------------------------------------------------------------------ playing
    def end_turn(self, orders: Orders) -> TurnReport:
        """Resolve the turn (OrderError if refused: nothing changes), then autosave."""
        report = self.match.step(orders)
        self.prev_obs, self.obs, self.report = self.obs, self.match.observe(), report
        self.save()
        return report

    def save(self) -> bool:
        try:
            self.save_path = saves.write(self.match, self.ref, self.save_path)
        except (OSError, ReplayError) as exc:
            self.save_failed, self.save_message = True, f"{exc}"
            return False
        self.save_failed, self.save_message = False, str(self.save_path)
        return True
