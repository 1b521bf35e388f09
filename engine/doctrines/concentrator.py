"""Concentrator: the decisive battle at the decisive point (seed 000's L company).

It thinks like Clausewitz: without absolute superiority, create relative superiority
where it decides the war. It picks one account, the biggest prize (demand, weighted up
by the share it already holds and doubled when the account welcomes a joint venture),
and commits `commit` of its rep time, all of its executive visits (at the chair's level)
and most of its service and solution money there; the rest of the portfolio gets only
what is left. When the account's leaders welcome a joint venture and the chair supports
it strongly enough, it proposes one (if `alliance` > 0), holding back cash for the stake
meanwhile. It never drops accounts by itself (that is a trainee's decision).
"""
from __future__ import annotations

import numpy as np

from .base import (Decision, Doctrine, exec_focus, fund, person_weights, normalise, register, service_to,
                   spread, value_at_stake)


def chosen_account(d: Decision) -> np.ndarray:
    """The decisive account in each game [G]: allied first, then the biggest open prize."""
    v, s = d.view, d.s
    prize = v.demand * (0.3 + v.share[:, s]) * np.where(v.alliance_open, 2.0, 1.0)
    prize = prize + 1e6 * v.allied
    prize = np.where(v.dropped, -np.inf, prize)
    return prize.argmax(-1)


@register
class Concentrator(Doctrine):
    name = "concentrator"
    summary = "Commits almost everything to one decisive account; proposes a joint venture there."
    label = {"en": "concentrator (all in on the decisive account)", "zh": "集中者（决战于决定性客户）"}
    params = {
        "commit": (0.8, "Share of rep time and service put on the decisive account."),
        "alliance": (1.0, "Propose a joint venture when the account welcomes one (0 = never)."),
        "price_cut": (0.05, "Price concession on the decisive account."),
        "solution_budget": (0.2, "Share of its budget (after any stake held back) spent on solutions there."),
    }

    def decide(self, d: Decision) -> None:
        p, v, s, w = d.params, d.view, d.s, d.world
        g = np.arange(d.G)
        a = chosen_account(d)  # [G]
        onehot = np.zeros((d.G, w.A))
        onehot[g, a] = 1.0
        rest = normalise(value_at_stake(d) * (1.0 - onehot))
        weight = p["commit"] * onehot + (1.0 - p["commit"]) * rest
        spread(d, weight, person_weights(d, 1.0))
        service_to(d, weight)
        exec_focus(d, onehot, v.chair)  # the chair, or whoever an executive meets if the chair is on the shop floor
        cut = min(p["price_cut"], float(w.side_max_price_cut[s]))
        d.out.cut[:, s] = cut * onehot

        # The joint venture: propose once the chair supports us enough and we can pay.
        chair_stance = v.stance[g, a, v.chair[g, a]]
        cost = w.alliance_cost[a]
        wants = (p["alliance"] > 0) & v.alliance_open[g, a] & ~v.allied.any(-1)
        ready = wants & (chair_stance >= w.alliance_min[a]) & (v.budget >= cost)
        d.out.alliance[:, s] = np.where(ready, a, -1)
        reserve = np.where(wants, cost, 0.0)
        already = d.out.spending(w, s)
        room = np.maximum(v.budget - reserve - already, 0.0)
        wanted = np.minimum(p["solution_budget"] * np.maximum(v.budget - reserve, 0.0), room)
        d.out.solution[:, s] = fund(d, wanted[:, None] * onehot)
