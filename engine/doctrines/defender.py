"""Defender: guards the accounts it already has and counter-attacks with price.

It thinks in terms of what it stands to lose: rep time, service and executive visits go
to accounts in proportion to the business it holds there. It answers a flank only once
it hurts (seed 000: the giants were slow to see the bus makers go): effort moves to an
account only when the share it has lost there since the start exceeds `hurts`, and
then the more it lost, the more (`answer`). When share at an account drops by more than
`trigger` in one turn, it cuts price there, harder the more `aggression` it has. It
does not chase accounts it does not supply.
"""
from __future__ import annotations

import numpy as np

from .base import (Decision, Doctrine, exec_to, fund, person_weights, normalise, register, service_to, spread,
                   value_at_stake)


@register
class Defender(Doctrine):
    name = "defender"
    summary = "Guards its own accounts; answers share losses with price cuts."
    label = {"en": "defender (holds its accounts)", "zh": "防守者（固守现有客户）"}
    params = {
        "aggression": (1.0, "How hard it cuts price when it loses share (0 = never)."),
        "trigger": (0.02, "Share lost in one turn that counts as an attack (answered with price)."),
        "hurts": (0.05, "Share lost at an account since the start before it moves effort there."),
        "answer": (3.0, "How much more effort an account that hurts gets, per unit of share lost."),
        "depth": (0.5, "How much it leans rep time toward people who do not support it yet."),
        "solution_budget": (0.05, "Share of its budget spent on solutions each turn."),
    }

    def decide(self, d: Decision) -> None:
        p, v, s = d.params, d.view, d.s
        lost = np.maximum(v.share_prev[:, s] - v.share[:, s], 0.0)
        hurt = np.maximum(d.world.shares[s] - v.share[:, s], 0.0)  # [G,A] lost since the start
        weight = value_at_stake(d) * (1.0 + p["answer"] * hurt * (hurt > p["hurts"]))
        spread(d, weight, person_weights(d, p["depth"]))
        service_to(d, weight)
        exec_to(d, weight)
        attacked = lost > p["trigger"]
        cut = np.minimum(d.world.side_max_price_cut[s], p["aggression"] * 3.0 * lost)
        d.out.cut[:, s] = np.where(attacked, cut, 0.0)
        d.out.solution[:, s] = fund(d, p["solution_budget"] * v.budget[:, None] * normalise(weight))
