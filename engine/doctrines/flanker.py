"""Flanker: attacks where the incumbents are weak, not where they are strong.

It scores every account by how well its own strengths (service speed, customisation,
price) match what the account needs, discounted by how firmly the leader holds it, and
concentrates on the best `focus` accounts: an undefended niche can be taken by a squad.
Once it holds a good share it keeps serving there (it does not abandon won ground).
"""
from __future__ import annotations

import numpy as np

from .base import Decision, Doctrine, exec_to, fund, person_weights, normalise, register, service_to, spread, top_k


def fit(d: Decision) -> np.ndarray:
    """How much better this side's offer suits each account than the leader's [G,A]."""
    w, s = d.world, d.s
    strengths = np.array([
        1.0 / w.side_price_index, w.side_quality, w.side_service_speed,
        w.side_service_speed, np.full(w.S, 0.5),
    ]).T  # [S,N] public company profile
    need = d.view.need_known  # [G,A,N]
    mine = (need * strengths[s]).sum(-1)
    others = d.view.share.copy()
    others[:, s] = -1.0
    leader = others.argmax(1)  # [G,A]
    theirs = (need * strengths[leader]).sum(-1)
    return mine - theirs


@register
class Flanker(Doctrine):
    name = "flanker"
    summary = "Finds accounts where its fit beats the incumbent's and concentrates there."
    label = {"en": "flanker (takes the undefended niches)", "zh": "侧翼进攻者（抢占无人防守的细分市场）"}
    params = {
        "focus": (2.0, "How many accounts it attacks at once."),
        "defended_weight": (1.0, "How much a strong leader's share deters it."),
        "price_cut": (0.05, "Price concession it offers on its targets."),
        "solution_budget": (0.15, "Share of its budget spent on solutions at its targets."),
    }

    def decide(self, d: Decision) -> None:
        p, v, s = d.params, d.view, d.s
        others = v.share.copy()
        others[:, s] = 0.0
        held = v.share[:, s]
        score = (fit(d) + 0.2) * np.sqrt(v.demand) * (1.0 - p["defended_weight"] * others.max(1) + held)
        score = np.where(v.dropped, -np.inf, score)
        target = top_k(score, int(max(1, p["focus"]))) | (held > 0.2)
        weight = np.where(target, np.maximum(score, 0.0) + 0.1, 0.0) * np.sqrt(v.demand)
        spread(d, weight, person_weights(d, 1.0))
        service_to(d, weight)
        exec_to(d, weight, "management")
        d.out.cut[:, s] = np.where(target, min(p["price_cut"], float(d.world.side_max_price_cut[s])), 0.0)
        d.out.solution[:, s] = fund(d, p["solution_budget"] * v.budget[:, None] * normalise(weight))
