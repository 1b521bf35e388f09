"""Reference strategies: a scenario's declarative plans played in a seat.

Plans are written in shares of capacity ("40% of rep time at K, with the chairman"), so
the same plan works whatever the head count; rep time and visits go to named people, or
to a level as shorthand (split by what a day pays as far as the side knows: influence
times room to move, see `plan_people`); money is scaled down to what the side can afford.
This is how balance runs and fidelity tests play "the historical choice" and "the
article's remedy".
"""
from __future__ import annotations

import numpy as np

from ..scenario.models import LEVELS, PAY_PLANS, PlanOrders, Strategy
from ..stance_scale import HIGH, SUPPORTS
from ..world import World
from .base import Decision, Doctrine, fund, top_person

ROOM_FLOOR = 0.1  # a person already at coach still gets a little of the level's time (ties fade)


def room_to_move(resistance: np.ndarray, stance: np.ndarray, rivals: np.ndarray | None) -> np.ndarray:
    """How far each person at an account can still move toward the side per day of
    courting, 0..4 [G,K]: the way left to "coach" (3 minus the side's stance), times
    the person's openness (1 - resistance [K] x loyalty to a rival, as
    engine/rules/relationships.py scales gains). `rivals` [G,K,S]: rivals' stances as
    the side sees them (NaN where hidden); None: ignore them (a plan played blind reads
    no coach's report)."""
    room = np.clip(HIGH - stance, 0.0, None)
    if rivals is None:
        return room
    best = np.nanmax(np.where(np.isnan(rivals), -np.inf, rivals), axis=-1, initial=-np.inf)
    loyalty = np.clip((best - SUPPORTS) / (HIGH - SUPPORTS), 0.0, 1.0)
    return room * (1.0 - resistance * loyalty)


def best_split(value: np.ndarray, days: np.ndarray, half: float) -> np.ndarray:
    """Shares [G,K] of `days` [G] over people worth `value` [G,K] (0: not courted) that
    gain the most: a person's response to d days is d / (d + half) (relationships.py),
    so the best split gives each sqrt(value x half / price) - half days, and nobody whose
    value is too small to be worth a first day (water-filling, people dropped until every
    one left gets a positive share)."""
    root = np.sqrt(np.maximum(value, 0.0))
    active = root > 0
    for _ in range(value.shape[-1]):
        n = active.sum(-1, keepdims=True)
        level = (days[:, None] + n * half) / np.maximum((root * active).sum(-1, keepdims=True), 1e-12)
        d = np.where(active, root * level - half, 0.0)
        still = active & (d > 0)
        if (still == active).all():
            break
        active = still
    d = np.maximum(d, 0.0)
    return d / np.maximum(d.sum(-1, keepdims=True), 1e-12)


def plan_people(w: World, influence: np.ndarray, a: int, targets: dict[str, float],
                room: np.ndarray | None = None, days: np.ndarray | None = None) -> np.ndarray:
    """A plan's rep-time shares at account a as shares per person [G,K].

    A key is a person (stakeholder id) or, as shorthand, a level. A level's share goes
    to its people by what a day with each pays: the influence the side knows ([G,K])
    times their room to move toward it (`room` [G,K], see room_to_move), split the way
    that gains the most for the side's rep `days` [G] (best_split). Share follows stance
    weighted by influence and a day's gain in stance is in proportion to that room, so a
    plan written "by level" courts where the gain is largest as far as the side knows
    (seed 004: find who really holds power). Without room and days: in proportion to
    influence. A level with nobody at the account spends nothing (the validator warns).
    """
    share = np.zeros(influence.shape)
    people = w.stakeholder_ids[a]
    pays = influence if room is None else influence * (room + ROOM_FLOOR)
    for key, frac in targets.items():
        if key in people:  # a person's id wins over a level of the same name
            share[:, people.index(key)] += frac
            continue
        at = (w.sh_level[a] == LEVELS.index(key)) & w.sh_mask[a]
        weight = pays * at
        if days is None:
            share += frac * weight / np.maximum(weight.sum(-1, keepdims=True), 1e-12)
        else:
            share += frac * best_split(weight, frac * days, w.scenario.tuning.effort_half_days)
    return share


def plan_visit(w: World, influence: np.ndarray, a: int, key: str) -> np.ndarray:
    """Whom a plan's executive visit at account a goes to [G]: the named person, or the
    most influential person (as the side knows it, influence [G,A,K]) at the named level
    (-1: nobody)."""
    people = w.stakeholder_ids[a]
    if key in people:
        return np.full(influence.shape[0], people.index(key))
    return top_person(w, influence, (LEVELS.index(key),))[:, a]


class PlanPolicy(Doctrine):
    name = "plan"
    summary = "Follows a scenario's reference strategy."
    label = {"en": "reference strategy (follows the scenario's plan)", "zh": "参考策略（按剧本中的计划执行）"}

    def __init__(self, strategy: Strategy, blind: bool = False):
        self.strategy = strategy
        self.blind = blind  # play the org chart, ignoring what a coach or contact shows

    def influence(self, v) -> np.ndarray:
        """Whose influence the plan's level shorthand and visits go by [G,A,K]: what the
        side knows (the org chart until a coach or contact shows the real weights), or,
        played blind, the org chart alone. The same plan both ways is how fidelity shows
        that information pays (issue #10: a memorised plan must not beat one that uses
        what it learns)."""
        return v.org_chart if self.blind else v.influence

    def room(self, w: World, v, a: int) -> np.ndarray:
        """Each person's room to move toward the side at account a [G,K]: its own stance
        it always knows; rivals' hold on them only through a coach or intelligence, which
        a plan played blind ignores."""
        return room_to_move(w.sh_resistance[a], v.stance[:, a], None if self.blind else v.rival_stance[:, a])

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
        for aid, targets in o.rep_time.items():
            a = w.account(aid)
            days = v.capacity * 0.999 * live[:, a]
            share = plan_people(w, self.influence(v)[:, a], a, targets, self.room(w, v, a), days)  # [G,K]
            out.days[:, s, a] = days[:, None] * share
        visits_left = int(w.side_exec_visits[s])
        for aid, targets in o.exec_visits.items():
            a = w.account(aid)
            for key, n in targets.items():
                n = min(n, visits_left)
                visits_left -= n
                k = plan_visit(w, self.influence(v), a, key)  # [G]
                out.exec[np.arange(d.G), s, a, np.maximum(k, 0)] += n * live[:, a] * (k >= 0)
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
