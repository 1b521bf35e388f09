"""Baseline bots for the trainee's seat: random allocation and an even spread.

They are yardsticks: a scenario is badly balanced if either earns top marks. The random
bot draws from its side's own stream, so it is as reproducible as everything else.
"""
from __future__ import annotations

import numpy as np

from ..scenario.models import LEVELS
from .base import Decision, Doctrine, fund, level_split, normalise, register, service_to, spread


@register
class RandomBot(Doctrine):
    name = "random"
    summary = "Allocates everything at random (a yardstick, not a strategy)."
    label = {"en": "unpredictable (allocates at random)", "zh": "难以预测（随机分配）"}
    params = {"spend": (0.1, "Largest share of its budget it may spend on solutions.")}

    def decide(self, d: Decision) -> None:
        w, s, u = d.world, d.s, d.u
        A, L = w.A, len(LEVELS)
        i = 0

        def take(n):
            nonlocal i
            i += n
            return u[:, i - n:i]

        acct = take(A)
        lvl = take(A * L).reshape(d.G, A, L)
        people = normalise(level_split(w, d.view.influence, lvl / lvl.sum(-1, keepdims=True)))
        spread(d, acct ** 2, people, 0.6 + 0.4 * take(1)[:, 0])
        service_to(d, take(A))
        # Half the accounts (on average) get a cut uniform in [0, max): one uniform each,
        # so 6A + 1 draws fit DOCTRINE_UNIFORMS even at 15 accounts.
        c = take(A)
        d.out.cut[:, s] = np.where(c < 0.5, 2.0 * c * float(w.side_max_price_cut[s]), 0.0)
        d.out.solution[:, s] = fund(d, d.params["spend"] * d.view.budget[:, None] * acct / A)


@register
class Balanced(Doctrine):
    name = "balanced"
    summary = "Spreads every resource evenly over all accounts, levels and the people at each level."
    label = {"en": "balanced (spreads everything evenly)", "zh": "均衡型（平均分配所有资源）"}
    params = {}

    def decide(self, d: Decision) -> None:
        w = d.world
        A, L = w.A, len(LEVELS)
        even = np.ones((d.G, A))
        spread(d, even, normalise(level_split(w, d.view.influence, np.full((d.G, A, L), 1.0 / L))))
        service_to(d, even)
