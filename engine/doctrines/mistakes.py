"""Plans the articles call mistakes, as yardsticks for the trainee's seat.

Each is the defender's sensible baseline (rep time, service and executives where the
business is) with one mistake added, so `kaw balance` can show that no such plan beats
the article's remedy: the score must follow the business, not the levers pulled.

- teams_everywhere: an iron-triangle team on every account, C tier included (seed 002:
  a "chicken rib" account does not deserve a team);
- drop_idle: dropping every account where it has no business (it costs nothing, and
  must earn nothing);
- price_everywhere: the largest price cut at every account (seed 000: price alone does
  not win);
- decision_only: every rep day and visit at the decision level (seed 000: a blitz comes
  through the level you neglected).
"""
from __future__ import annotations

import numpy as np

from .base import Decision, affordable, exec_to, normalise, register, spread, value_at_stake
from .defender import Defender


class Mistake(Defender):
    """The defender's plan, then the mistake."""

    params = {}

    def decide(self, d: Decision) -> None:
        d.params = {k: default for k, (default, _) in Defender.params.items()}
        super().decide(d)
        self.mistake(d)

    def mistake(self, d: Decision) -> None:
        raise NotImplementedError


@register
class TeamsEverywhere(Mistake):
    name = "teams_everywhere"
    summary = "Mistake yardstick: an iron-triangle team on every account, C tier included."
    label = {"en": "teams everywhere (an iron-triangle team on every account)", "zh": "处处铁三角（每个客户都组建铁三角团队）"}

    def mistake(self, d: Decision) -> None:
        cost = float(d.world.side_team_cost[d.s])
        order = np.argsort(-value_at_stake(d), axis=-1, kind="stable")
        g = np.arange(d.G)
        for i in range(d.world.A):
            a = order[:, i]
            can = (affordable(d, cost) >= 1.0) & ~d.view.dropped[g, a]
            d.out.teams[g, d.s, a] |= can


@register
class DropIdle(Mistake):
    name = "drop_idle"
    summary = "Mistake yardstick: drops every account where it has no business yet."
    label = {"en": "drops idle accounts (every one with no business yet)", "zh": "放弃空白客户（凡尚无生意的客户一律放弃）"}

    def mistake(self, d: Decision) -> None:
        idle = (d.view.share[:, d.s] < 0.05) & ~d.view.dropped
        d.out.drop[:, d.s] |= idle
        for arr in (d.out.days, d.out.exec):
            arr[:, d.s] *= ~idle.reshape(idle.shape + (1,) * (arr.ndim - 3))
        for arr in (d.out.service, d.out.cut, d.out.solution):
            arr[:, d.s] *= ~idle


@register
class PriceEverywhere(Mistake):
    name = "price_everywhere"
    summary = "Mistake yardstick: the largest price cut at every account."
    label = {"en": "price cuts everywhere (the largest at every account)", "zh": "处处降价（每个客户都用最大降价）"}

    def mistake(self, d: Decision) -> None:
        d.out.cut[:, d.s] = float(d.world.side_max_price_cut[d.s]) * ~d.view.dropped


@register
class DecisionOnly(Mistake):
    name = "decision_only"
    summary = "Mistake yardstick: every rep day and executive visit at the decision level."
    label = {"en": "decision level only (every rep day and visit at the top)",
             "zh": "只攻决策层（销售人天和高层拜访全部投向决策层）"}

    def mistake(self, d: Decision) -> None:
        w = d.world
        top = (w.sh_level == 2) & w.sh_mask  # [A,K]
        people = normalise(d.view.influence * top[None])
        d.out.days[:, d.s] = 0.0
        d.out.exec[:, d.s] = 0.0
        weight = value_at_stake(d)
        spread(d, weight, people)
        exec_to(d, weight, "decision")
