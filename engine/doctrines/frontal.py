"""Frontal attacker: goes straight at the market leader's biggest accounts with price.

It thinks like a challenger who believes a lower price beats any relationship: it finds
the market leader (the rival with the most business), ranks the leader's accounts by
the business the leader holds there, and attacks the best `focus` of them with a deep
`price_cut`, most of its rep time (levels by influence, so it courts whoever signs the
order) and executive visits at decision level. It keeps `hold` of its rep time on the
accounts it already supplies. Against a defended hill this is expensive: the leader's
ties and switching costs absorb the attack (Ries and Trout: a division for one hill).
"""
from __future__ import annotations

import numpy as np

from .base import (Decision, Doctrine, exec_to, fund, person_weights, market_leader, normalise, register,
                   service_to, spread, top_k, value_at_stake)


@register
class Frontal(Doctrine):
    name = "frontal"
    summary = "Attacks the market leader's largest accounts head-on with price."
    label = {"en": "frontal attacker (price and volume)", "zh": "正面进攻者（价格与规模）"}
    params = {
        "focus": (2.0, "How many of the leader's accounts it attacks at once."),
        "price_cut": (0.15, "Price concession on the accounts it attacks."),
        "hold": (0.2, "Share of rep time kept on accounts it already supplies."),
        "solution_budget": (0.05, "Share of its budget spent on solutions at its targets."),
    }

    def decide(self, d: Decision) -> None:
        p, v, s, w = d.params, d.view, d.s, d.world
        g = np.arange(d.G)
        leader = market_leader(d)  # [G]
        leader_value = v.demand * v.share[g, leader]  # [G,A]
        score = np.where(v.dropped, -np.inf, leader_value)
        target = top_k(score, p["focus"]) & (leader_value > 0)
        attack = normalise(np.where(target, leader_value, 0.0))
        own = normalise(np.where(v.share[:, s] > 0.02, value_at_stake(d), 0.0))
        has_own = own.sum(-1, keepdims=True) > 0
        hold = np.where(has_own, p["hold"], 0.0)
        weight = (1.0 - hold) * attack + hold * own
        spread(d, weight, person_weights(d, 0.3))
        service_to(d, weight)
        exec_to(d, np.where(target, leader_value, 0.0), "decision")
        cut = min(p["price_cut"], float(w.side_max_price_cut[s]))
        d.out.cut[:, s] = np.where(target, cut, 0.0)
        d.out.solution[:, s] = fund(d, p["solution_budget"] * v.budget[:, None] * attack)
