"""Poacher (spin-off): a rival born from our leavers, living off their relationships.

It thinks like the star rep who walked out of W company with his customers: its only
capital is the people who trust him personally. It goes where its founders' ties are
(accounts where its influence-weighted stance is at least `min_tie`), keeps those
friends warm with all its rep time and its founder's executive visits, and undercuts
its former employer's price there by `undercut`. It has no brand, so where it has no
ties it has little to sell: with no such account it prospects the biggest accounts.
"""
from __future__ import annotations

import numpy as np

from .base import Decision, Doctrine, _kernel, exec_to, person_weights, register, service_to, spread
from .tactics_kernel import ties_cells


def ties(d: Decision) -> np.ndarray:
    """Influence-weighted supportive stance of each account's buying center, 0..3 [G,A]
    (in a large batch, one compiled pass: tactics_kernel.ties_cells)."""
    v = d.view
    fused = _kernel(ties_cells, d)
    if fused is not None and v.influence.dtype == v.stance.dtype == np.float32:
        out = np.empty(v.influence.shape[:2], np.float32)
        fused(v.influence, d.world.sh_mask, v.stance, out)
        return out
    infl = d.view.influence * d.world.sh_mask
    return (np.maximum(d.view.stance, 0.0) * infl).sum(-1) / np.maximum(infl.sum(-1), 1e-9)


@register
class Poacher(Doctrine):
    name = "poacher"
    summary = "Spin-off: works the accounts its founders know and undercuts on price."
    label = {"en": "poacher (a spin-off taking reps' accounts)", "zh": "挖角者（离职销售带走客户另起炉灶）"}
    params = {
        "undercut": (0.12, "Price concession on accounts where it has ties."),
        "min_tie": (0.5, "Influence-weighted stance (0-3) that makes an account a target."),
    }

    def decide(self, d: Decision) -> None:
        p, v, s = d.params, d.view, d.s
        tie = ties(d)
        target = (tie >= p["min_tie"]) & ~v.dropped
        weight = np.where(target, tie, 0.0) * np.sqrt(v.demand)
        prospect = ~target.any(-1, keepdims=True)
        weight = np.where(prospect, np.sqrt(v.demand), weight)
        spread(d, weight, person_weights(d, 0.0))
        service_to(d, weight)
        exec_to(d, weight, "decision")
        cut = min(p["undercut"], float(d.world.side_max_price_cut[s]))
        d.out.cut[:, s] = np.where(target, cut, 0.0)
