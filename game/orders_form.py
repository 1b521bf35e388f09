"""The planning form: what the player has set on the levers, turned into engine Orders.

Keeps every lever's value for every account (not only the one on screen), computes what
is left of each capacity live, and sorts the engine's problems (Match.check) by the lever
they belong to so the planning screen can show each one next to its control.

Effort reaches people, not levels: rep days are held per account and person
(`days[account][person]`), executive visits per account and management- or
decision-level person (`visits[account][person]`), exactly as `engine.Orders` takes them.
"""
from __future__ import annotations

import math

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


def visitable(person) -> bool:
    """Executives meet management- and decision-level people only."""
    return person.level in EXEC_LEVELS


def whole_shares(total: int, weights: list[float]) -> list[int]:
    """`total` whole units split in proportion to `weights` (largest remainders), so the
    parts add up to `total` exactly and nothing is lost to rounding down."""
    wsum = sum(w for w in weights if w > 0)
    if total <= 0 or wsum <= 0:
        return [0] * len(weights)
    raw = [total * max(w, 0.0) / wsum for w in weights]
    parts = [int(x) for x in raw]
    rest = total - sum(parts)
    for i in sorted(range(len(raw)), key=lambda i: (-(raw[i] - parts[i]), i))[:rest]:
        parts[i] += 1
    return parts


class OrdersForm:
    def __init__(self, obs: Observation, previous: Orders | None = None):
        self.obs = obs
        ids = [a.id for a in obs.accounts]
        self.days: dict[str, dict[str, float]] = {
            a.id: {p.id: 0.0 for p in a.stakeholders} for a in obs.accounts}
        self.visits: dict[str, dict[str, int]] = {
            a.id: {p.id: 0 for p in a.stakeholders if visitable(p)} for a in obs.accounts}
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
        self._set_aside: dict[str, dict] = {}  # account -> its plan, while it is marked to drop
        if previous is not None:
            self.prefill(previous)

    # ------------------------------------------------------------------ state
    def active(self, aid: str) -> bool:
        return not self.obs.account(aid).dropped

    def people(self, aid: str) -> tuple:
        return self.obs.account(aid).stakeholders

    def _by_person(self, aid: str, plan: dict[str, float], eligible) -> dict[str, float]:
        """A previous plan for one account as amounts per person here now. A key that is a
        level (a plan written before effort went to people) is split over that level's
        people by the influence we know; anyone no longer at the account is left out."""
        people = [p for p in self.people(aid) if eligible(p)]
        ids = {p.id for p in people}
        out: dict[str, float] = {}
        for key, v in plan.items():
            if key in ids:
                out[key] = out.get(key, 0.0) + float(v)
            elif key in LEVELS:
                there = [p for p in people if p.level == key]
                for p, n in zip(there, whole_shares(int(v), [p.influence for p in there])):
                    out[p.id] = out.get(p.id, 0.0) + n
        return out

    def prefill(self, o: Orders) -> None:
        """Start from last turn's plan (one-off decisions excepted: drop, venture, hiring)."""
        for aid, plan in o.rep_days.items():
            if aid in self.days and self.active(aid):
                self.days[aid].update(self._by_person(aid, plan, lambda p: True))
        for aid, plan in o.exec_visits.items():
            if aid in self.visits and self.active(aid):
                got = self._by_person(aid, plan, visitable)
                self.visits[aid].update({k: int(v) for k, v in got.items()})
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
        cap = self.days_capacity
        if total > cap + 1e-6 and total > 0:
            k = cap / total
            for plan in self.days.values():
                for kid, v in plan.items():
                    plan[kid] = float(int(v * k))
            self.scaled = True

    def clear(self) -> None:
        self.__init__(self.obs)

    def spread_evenly(self) -> None:
        """A starting plan: rep days and service over the accounts by demand, and an
        account's days over its people by the influence we know of each (the org chart's
        figure until contact or a coach tells us better). Whole days, all of them used.
        Spreading evenly is the 'divided forces' baseline the cases warn about; it is a
        place to start changing, not a strategy. Executive visits are left as they are."""
        live = [a for a in self.obs.accounts if not a.dropped and a.id not in self.drop]
        if not live:
            return
        demand = [a.demand for a in live]
        days = whole_shares(self.days_capacity, demand)
        units = whole_shares(int(self.obs.service_capacity), demand)
        for acc, n, u in zip(live, days, units):
            people = acc.stakeholders
            weights = [max(p.influence, 0.0) for p in people]
            if sum(weights) <= 0:                     # nobody with any say known: evenly
                weights = [1.0] * len(people)
            for p, d in zip(people, whole_shares(n, weights)):
                self.days[acc.id][p.id] = float(d)
            self.service[acc.id] = float(u)

    @property
    def days_capacity(self) -> int:
        """Whole rep days the form may plan. The engine's capacity is fractional (morale,
        pay plan); the form plans whole days, so it counts only whole days: a plan it
        accepts is always within the engine's limit, and a problem it shows never reads
        "38 planned but only 38 available" (38 of 37.6)."""
        return int(math.floor(self.obs.capacity_days + 1e-6))

    def set_days(self, aid: str, person: str, v: float) -> None:
        if person not in self.days[aid]:
            raise KeyError(f"nobody called '{person}' at {aid}")
        self.days[aid][person] = max(0.0, round(float(v)))

    def set_visits(self, aid: str, person: str, n: int) -> None:
        if person not in self.visits[aid]:
            raise KeyError(f"no executive visits to '{person}' at {aid}: management or decision level only")
        self.visits[aid][person] = max(0, min(int(n), self.obs.exec_visits))

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

    _PER_ACCOUNT = ("days", "visits", "service", "price_cut", "solution")  # plan fields by account id
    _FLAGS = ("teams", "intel")  # sets of account ids

    def mark_drop(self, aid: str) -> None:
        """Drop `aid` this quarter. The rules drop it before the quarter's effort lands, so
        whatever was planned there would be wasted (the engine refuses such orders): the
        account's plan is set aside, and comes back if the drop is undone."""
        plan = {name: getattr(self, name)[aid] for name in self._PER_ACCOUNT}
        plan |= {name: aid in getattr(self, name) for name in self._FLAGS}
        self._set_aside[aid] = plan | {"alliance": self.alliance == aid}
        self.days[aid] = dict.fromkeys(self.days[aid], 0.0)
        self.visits[aid] = dict.fromkeys(self.visits[aid], 0)
        self.service[aid] = self.price_cut[aid] = self.solution[aid] = 0.0
        for name in self._FLAGS:
            getattr(self, name).discard(aid)
        if self.alliance == aid:
            self.alliance = None
        self.drop.add(aid)

    def unmark_drop(self, aid: str) -> None:
        """Keep `aid` after all, with the plan it had when it was marked to drop."""
        self.drop.discard(aid)
        plan = self._set_aside.pop(aid, None)
        if plan is None:
            return
        for name in self._PER_ACCOUNT:
            getattr(self, name)[aid] = plan[name]
        for name in self._FLAGS:
            if plan[name]:
                getattr(self, name).add(aid)
        if plan["alliance"] and self.alliance is None:
            self.alliance = aid

    def toggle_alliance(self, aid: str) -> None:
        self.alliance = None if self.alliance == aid else aid

    # ------------------------------------------------------------------ derived
    def account_days(self, aid: str) -> float:
        return sum(self.days[aid].values())

    def account_visits(self, aid: str) -> int:
        return sum(self.visits[aid].values())

    def level_days(self, aid: str) -> dict[str, float]:
        """This account's days summed by buying-center level (from the people's)."""
        out = {lv: 0.0 for lv in LEVELS}
        for p in self.people(aid):
            out[p.level] += self.days[aid].get(p.id, 0.0)
        return out

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
            "days": Meter("days", sum(self.account_days(a) for a in self.days), self.days_capacity),
            "visits": Meter("visits", sum(sum(v.values()) for v in self.visits.values()), o.exec_visits),
            "service": Meter("service", sum(self.service.values()), o.service_capacity),
            "money": Meter("money", self.spend(), o.budget),
        }

    def to_orders(self) -> Orders:
        keep = [a for a in self.days if self.active(a)]
        rep_days = {a: {k: d for k, d in self.days[a].items() if d > EPS} for a in keep}
        visits = {a: {k: n for k, n in self.visits[a].items() if n > 0} for a in keep}
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
            out.append(("warn_scaled", {"n": self.days_capacity}))
        m = self.meters()["days"]
        if m.left >= 1 and not m.over:
            out.append(("warn_days_idle", {"n": m.left}))
        return out


# --------------------------------------------------------------------------- problems

_CAPACITY_KEYS = {"rep_days": "days", "exec_visits": "visits", "service": "service", "budget": "money"}


@dataclass(frozen=True)
class Problem:
    key: str           # meter key (days/visits/service/money/hire) or "field.account[.person]"
    account: str | None
    text: str          # the engine's message
    person: str | None = None   # the person at `account` a rep-days or visits problem is about


def sort_problems(problems: list[str], account_ids: list[str], lang: str = "en") -> list[Problem]:
    """Attach each engine problem to the lever it is about, worded in `lang` (the engine's
    OrderProblem says itself in either language; a plain string is kept as it is)."""
    out = []
    for p in problems:
        words = p.text(lang) if callable(getattr(p, "text", None)) else str(p)
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
        person = None
        if field in ("rep_days", "exec_visits") and account is not None and len(parts) > 2:
            person = ".".join(parts[parts.index(account) + 1:]) or None
        out.append(Problem(key, account, words, person))
    return out
