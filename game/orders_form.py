"""The planning form: what the player has set on the levers, turned into engine Orders.

Keeps every lever's value for every account (not only the one on screen), computes what
is left of each capacity live, and sorts the engine's problems (Match.check) by the lever
they belong to so the planning screen can show each one next to its control.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from engine import LEVELS, Observation, Orders

EXEC_LEVELS = ("management", "decision")
EPS = 1e-9


@dataclass(frozen=True)
class Meter:
    key: str          # days / visits / service / money
    used: float
    capacity: float

    @property
    def left(self) -> float:
        return self.capacity - self.used

    @property
    def over(self) -> bool:
        return self.used > self.capacity + 1e-6


class OrdersForm:
    def __init__(self, obs: Observation, previous: Orders | None = None):
        self.obs = obs
        ids = [a.id for a in obs.accounts]
        self.days: dict[str, dict[str, float]] = {a: {lv: 0.0 for lv in LEVELS} for a in ids}
        self.visits: dict[str, dict[str, int]] = {a: {lv: 0 for lv in EXEC_LEVELS} for a in ids}
        self.service: dict[str, float] = {a: 0.0 for a in ids}
        self.price_cut: dict[str, float] = {a: 0.0 for a in ids}
        self.solution: dict[str, float] = {a: 0.0 for a in ids}
        self.teams: set[str] = set()
        self.intel: set[str] = set()
        self.drop: set[str] = set()
        self.alliance: str | None = None
        self.pay_plan: str = obs.pay_plan
        self.training = 0.0
        self.quality = 0.0
        self.hire = 0
        self.scaled = False          # last quarter's days were scaled down to fit
        if previous is not None:
            self.prefill(previous)

    # ------------------------------------------------------------------ state
    def active(self, aid: str) -> bool:
        return not self.obs.account(aid).dropped

    def prefill(self, o: Orders) -> None:
        """Start from last turn's plan (one-off decisions excepted: drop, venture, hiring)."""
        for aid, lv in o.rep_days.items():
            if aid in self.days and self.active(aid):
                self.days[aid].update({k: float(v) for k, v in lv.items()})
        for aid, lv in o.exec_visits.items():
            if aid in self.visits and self.active(aid):
                self.visits[aid].update({k: int(v) for k, v in lv.items() if k in EXEC_LEVELS})
        for field in ("service", "price_cut", "solution"):
            mine = getattr(self, field)
            for aid, v in getattr(o, field).items():
                if aid in mine and self.active(aid):
                    mine[aid] = float(v)
        self.teams = {a for a in o.teams if a in self.days and self.active(a)}
        self.intel = {a for a in o.intelligence if a in self.days and self.active(a)}
        self.training, self.quality = float(o.training), float(o.quality)
        # fewer rep days this quarter (a rep left, morale fell): scale the plan down to fit
        total = sum(self.account_days(a) for a in self.days)
        cap = self.obs.capacity_days
        if total > cap + 1e-6 and total > 0:
            k = cap / total
            for lv in self.days.values():
                for level, v in lv.items():
                    lv[level] = float(int(v * k))
            self.scaled = True

    def clear(self) -> None:
        self.__init__(self.obs)

    def spread_evenly(self) -> None:
        """A starting plan: rep days and service by each account's demand, days over the
        levels by how many people sit at each. Spreading evenly is the 'divided forces'
        baseline the cases warn about; it is a place to start changing, not a strategy."""
        live = [a for a in self.obs.accounts if not a.dropped]
        total = sum(a.demand for a in live) or 1.0
        days_left = int(self.obs.capacity_days)
        units_left = int(self.obs.service_capacity)
        for acc in live:
            share = acc.demand / total
            people = {lv: sum(p.level == lv for p in acc.stakeholders) for lv in LEVELS}
            heads = sum(people.values()) or 1
            for lv in LEVELS:
                self.days[acc.id][lv] = float(int(days_left * share * people[lv] / heads))
            self.service[acc.id] = float(int(units_left * share))

    def set_days(self, aid: str, level: str, v: float) -> None:
        self.days[aid][level] = max(0.0, round(float(v)))

    def set_visits(self, aid: str, level: str, n: int) -> None:
        self.visits[aid][level] = max(0, min(int(n), self.obs.exec_visits))

    def set_service(self, aid: str, v: float) -> None:
        self.service[aid] = max(0.0, round(float(v)))

    def set_price_cut(self, aid: str, v: float) -> None:
        self.price_cut[aid] = max(0.0, min(round(float(v), 2), self.obs.max_price_cut))

    def set_solution(self, aid: str, v: float) -> None:
        self.solution[aid] = max(0.0, round(float(v) / 0.05) * 0.05)

    def set_money(self, field: str, v: float) -> None:
        setattr(self, field, max(0.0, round(float(v) / 0.05) * 0.05))

    def set_hire(self, n: int) -> None:
        self.hire = max(0, min(int(n), self.obs.free_rep_slots))

    def toggle(self, field: str, aid: str) -> None:
        s: set[str] = getattr(self, field)
        s.symmetric_difference_update({aid})

    def toggle_alliance(self, aid: str) -> None:
        self.alliance = None if self.alliance == aid else aid

    # ------------------------------------------------------------------ derived
    def account_days(self, aid: str) -> float:
        return sum(self.days[aid].values())

    def spend(self) -> float:
        c = self.obs.costs
        visits = sum(sum(v.values()) for v in self.visits.values())
        return (sum(self.solution.values()) + self.training + self.quality
                + self.hire * c["hire"] + visits * c["exec_visit"]
                + sum(self.service.values()) * c["service_unit"]
                + len(self.teams) * c["team"] + len(self.intel) * c["intelligence"])

    def meters(self) -> dict[str, Meter]:
        o = self.obs
        return {
            "days": Meter("days", sum(self.account_days(a) for a in self.days), o.capacity_days),
            "visits": Meter("visits", sum(sum(v.values()) for v in self.visits.values()), o.exec_visits),
            "service": Meter("service", sum(self.service.values()), o.service_capacity),
            "money": Meter("money", self.spend(), o.budget),
        }

    def to_orders(self) -> Orders:
        keep = [a for a in self.days if self.active(a)]
        rep_days = {a: {lv: d for lv, d in self.days[a].items() if d > EPS} for a in keep}
        visits = {a: {lv: n for lv, n in self.visits[a].items() if n > 0} for a in keep}
        return Orders(
            rep_days={a: v for a, v in rep_days.items() if v},
            exec_visits={a: v for a, v in visits.items() if v},
            service={a: self.service[a] for a in keep if self.service[a] > EPS},
            price_cut={a: self.price_cut[a] for a in keep if self.price_cut[a] > EPS},
            solution={a: self.solution[a] for a in keep if self.solution[a] > EPS},
            pay_plan=self.pay_plan if self.pay_plan != self.obs.pay_plan else None,
            training=self.training, quality=self.quality, hire=self.hire,
            teams=sorted(a for a in self.teams if self.active(a)),
            drop=sorted(a for a in self.drop if self.active(a)),
            alliance=self.alliance,
            intelligence=sorted(a for a in self.intel if self.active(a)),
        )

    def warnings(self) -> list[tuple[str, dict]]:
        """Soft advice (never blocks End Turn): (message key, values)."""
        out = []
        if self.scaled:
            out.append(("warn_scaled", {"n": self.obs.capacity_days}))
        m = self.meters()["days"]
        if m.left >= 1 and not m.over:
            out.append(("warn_days_idle", {"n": m.left}))
        return out


# --------------------------------------------------------------------------- problems

_CAPACITY_KEYS = {"rep_days": "days", "exec_visits": "visits", "service": "service", "budget": "money"}


@dataclass(frozen=True)
class Problem:
    key: str           # meter key (days/visits/service/money/hire) or "field.account"
    account: str | None
    text: str          # the engine's message


def sort_problems(problems: list[str], account_ids: list[str]) -> list[Problem]:
    """Attach each engine problem to the lever it is about."""
    out = []
    for p in problems:
        head, _, _ = p.partition(":")
        parts = head.split(".")
        field = parts[0]
        account = next((x for x in parts[1:] if x in account_ids), None)
        if account is None:
            m = re.search(r"'([^']+)'", p)
            account = m.group(1) if m and m.group(1) in account_ids else None
        if len(parts) == 1 and field in _CAPACITY_KEYS:
            key = _CAPACITY_KEYS[field]
        elif field == "hire":
            key = "hire"
        else:
            key = head
        out.append(Problem(key, account, p))
    return out
