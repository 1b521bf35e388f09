"""Reference strategies: a scenario's declarative plans played in a seat.

Plans are written in shares of capacity ("40% of rep time at K, decision level"), so the
same plan works whatever the head count; money is scaled down to what the side can
afford. This is how balance runs and fidelity tests play "the historical choice" and
"the article's remedy".
"""
from __future__ import annotations

import numpy as np

from ..scenario.models import LEVELS, PAY_PLANS, PlanOrders, Strategy
from .base import Decision, Doctrine, fund


class PlanPolicy(Doctrine):
    name = "plan"
    summary = "Follows a scenario's reference strategy."

    def __init__(self, strategy: Strategy):
        self.strategy = strategy

    def phase(self, turn: int) -> PlanOrders:
        current = self.strategy.phases[0].orders
        for ph in self.strategy.phases:
            if ph.from_turn <= turn:
                current = ph.orders
        return current

    def decide(self, d: Decision) -> None:
        w, s, v, out = d.world, d.s, d.view, d.out
        o = self.phase(v.turn + 1)  # the view shows turns completed; we decide the next one
        live = ~v.dropped
        for aid, levels in o.rep_time.items():
            a = w.account(aid)
            for lv, frac in levels.items():
                out.days[:, s, a, LEVELS.index(lv)] = v.capacity * frac * 0.999 * live[:, a]
        visits_left = int(w.side_exec_visits[s])
        for aid, levels in o.exec_visits.items():
            a = w.account(aid)
            for lv, n in levels.items():
                n = min(n, visits_left)
                visits_left -= n
                out.exec[:, s, a, LEVELS.index(lv)] = n * live[:, a]
        for aid, frac in o.service.items():
            a = w.account(aid)
            out.service[:, s, a] = w.side_service_capacity[s] * frac * 0.999 * live[:, a]
        for aid, cut in o.price_cut.items():
            out.cut[:, s, w.account(aid)] = min(cut, float(w.side_max_price_cut[s]))
        idx = [w.account(a) for a in o.teams]
        out.teams[:, s, idx] = live[:, idx]
        out.drop[:, s, [w.account(a) for a in o.drop]] = True
        out.intel[:, s, [w.account(a) for a in o.intelligence]] = True
        out.pay[:, s] = -1 if o.pay_plan is None else PAY_PLANS.index(o.pay_plan)
        out.hire[:, s] = o.hire  # hiring stops by itself at the side's free rep slots
        if o.alliance is not None:
            out.alliance[:, s] = np.where(v.allied.any(-1), -1, w.account(o.alliance))
        # Money last, scaled to what is left of the budget after the fixed-cost orders.
        wanted = np.zeros((d.G, w.A + 2))
        for aid, amount in o.solution.items():
            wanted[:, w.account(aid)] = amount * live[:, w.account(aid)]
        wanted[:, w.A] = o.training
        wanted[:, w.A + 1] = o.quality
        if o.alliance is not None:
            # keep the joint venture's stake in reserve while the proposal is open
            a = w.account(o.alliance)
            reserve = np.where(out.alliance[:, s] >= 0, w.alliance_cost[a], 0.0)
            wanted = wanted * np.clip((v.budget - reserve) / np.maximum(v.budget, 1e-9), 0, 1)[:, None]
        funded = fund(d, wanted)
        out.solution[:, s] = funded[:, : w.A]
        out.training[:, s] = funded[:, w.A]
        out.quality[:, s] = funded[:, w.A + 1]
