"""Poacher (spin-off): a rival born from our leavers, living off their relationships.

It goes where its founders' personal ties are (accounts where it already has supporters)
and undercuts our price there, spending everything on those few accounts; it has no
brand, so without the ties it has nothing to sell.
"""
from __future__ import annotations

import numpy as np

from .base import Decision, Doctrine, level_weights, register, service_to, spread


@register
class Poacher(Doctrine):
    name = "poacher"
    summary = "Spin-off: works the accounts its founders know and undercuts on price."
    params = {
        "undercut": (0.12, "Price concession on accounts where it has ties."),
        "min_tie": (0.5, "Stance (influence-weighted) that makes an account a target."),
    }

    def decide(self, d: Decision) -> None:
        p, v, s = d.params, d.view, d.s
        infl = v.influence * d.world.sh_mask
        tie = (np.maximum(v.stance, 0) * infl).sum(-1) / np.maximum(infl.sum(-1), 1e-9)  # [G,A]
        target = tie >= p["min_tie"] * 0.5
        weight = np.where(target, tie + 0.05, 0.0) * np.sqrt(v.demand)
        weight = np.where(weight.sum(-1, keepdims=True) > 0, weight, np.sqrt(v.demand))
        spread(d, weight, level_weights(d, 0.3))
        service_to(d, weight)
        cut = min(p["undercut"], float(d.world.side_max_price_cut[s]))
        d.out.cut[:, s] = np.where(target, cut, 0.0)
