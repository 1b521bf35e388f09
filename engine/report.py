"""Turn reports: what changed for one side in one game this turn, and why.

Built from a TurnResult's recorded causes, so every number here adds up: a share change
is the sum of its causes, a stance change the sum of its causes. Values are typed and
carry the scenario's ids; the UI and the CLI format them.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from .batch import TurnResult
from .rules.causes import SHARE_CAUSES, STANCE_CAUSES, UTILITY_PARTS
from .observation import rep_identity, seat_name
from .scenario.models import text_of
from .state import State
from .world import World

STANCE_NOISE = 0.02  # smaller stance moves are not worth a line in a report


@dataclass(frozen=True)
class ShareChange:
    account: str
    name: str
    before: dict[str, float]
    after: dict[str, float]
    causes: dict[str, float]        # our share change by cause (adds up to after - before)
    drivers: dict[str, float]       # our utility minus the strongest rival's, by part
    tender_winner: str | None


@dataclass(frozen=True)
class StanceChange:
    account: str
    stakeholder: str
    name: str
    level: str
    before: float
    after: float
    causes: dict[str, float]


@dataclass(frozen=True)
class EventNote:
    id: str
    title: str
    text: str
    accounts: tuple[str, ...]      # accounts its effects touch


@dataclass(frozen=True)
class PeopleNote:
    left: tuple[str, ...]
    hired: int
    spin_offs: tuple[str, ...]     # rivals that entered this turn
    morale: float
    reps: int


@dataclass(frozen=True)
class TurnReport:
    turn: int
    side: str
    events: tuple[EventNote, ...]
    shares: tuple[ShareChange, ...]
    stances: tuple[StanceChange, ...]
    money: dict[str, float]
    people: PeopleNote
    alliance: str | None           # account whose joint venture was accepted this turn
    alliance_declined: str | None  # account that declined our proposal
    score: float
    stars: int

    def to_dict(self) -> dict:
        return asdict(self)


def _round(d: dict[str, float]) -> dict[str, float]:
    return {k: float(v) for k, v in d.items()}


def build(w: World, before: State, after: State, res: TurnResult, s: int, g: int = 0,
          score: float = 0.0, stars: int = 0, lang: str = "en") -> TurnReport:
    sc = w.scenario
    events = tuple(EventNote(ev.id, text_of(ev.title, lang), text_of(ev.text, lang),
                             tuple(dict.fromkeys(x.account for x in ev.effects if getattr(x, "account", None))))
                   for e, ev in enumerate(sc.events) if res.fired[g, e])
    shares = []
    for a, acc in enumerate(sc.accounts):
        util = res.utility[g, :, a]  # [S,P]
        rivals = [t for t in range(w.S) if t != s and after.active[g, t]]
        best = max(rivals, key=lambda t: util[t].sum()) if rivals else None
        gap = util[s] - (util[best] if best is not None else 0.0)
        won = int(after.tender_won[g, a]) if res.tender_held[g, a] else -1
        shares.append(ShareChange(
            account=acc.id, name=text_of(acc.name, lang),
            before={w.side_ids[t]: float(before.share[g, t, a]) for t in range(w.S)},
            after={w.side_ids[t]: float(after.share[g, t, a]) for t in range(w.S)},
            causes=_round(dict(zip(SHARE_CAUSES, res.share_causes[g, s, a]))),
            drivers=_round(dict(zip(UTILITY_PARTS, gap))),
            tender_winner=w.side_ids[won] if won >= 0 else None,
        ))
    stances = []
    st0 = before.personal[g] + before.org[g]
    st1 = after.personal[g] + after.org[g]
    for a, acc in enumerate(sc.accounts):
        for k, person in enumerate(acc.stakeholders):
            d = st1[a, k, s] - st0[a, k, s]
            if abs(d) < STANCE_NOISE and not res.stance_causes[g, a, k, s, STANCE_CAUSES.index("events")]:
                continue
            stances.append(StanceChange(
                account=acc.id, stakeholder=person.id, name=seat_name(w, after, g, a, k, lang)[0] or person.id,
                level=person.level, before=float(st0[a, k, s]), after=float(st1[a, k, s]),
                causes=_round(dict(zip(STANCE_CAUSES, res.stance_causes[g, a, k, s]))),
            ))
    m = {k: float(v[g, s]) for k, v in res.money.items()}
    m["cash"] = float(after.cash[g, s])
    m["receivables"] = float(after.recv[g, s].sum())
    alive = after.rep_alive[g, s]
    left = tuple(rep_identity(w, after, g, s, int(r), lang)[1] for r in np.flatnonzero(res.leavers[g, s]))
    people = PeopleNote(
        left=left, hired=int(res.hired[g, s].sum()),
        spin_offs=tuple(w.side_ids[t] for t in np.flatnonzero(res.entered[g])),
        morale=float((after.rep_morale[g, s] * alive).sum() / max(alive.sum(), 1)), reps=int(alive.sum()),
    )
    proposed = int(res.orders.alliance[g, s])
    accepted = bool(res.alliance_accepted[g, s])
    return TurnReport(
        turn=after.turn, side=w.side_ids[s], events=events, shares=tuple(shares), stances=tuple(stances),
        money=m, people=people,
        alliance=w.account_ids[proposed] if proposed >= 0 and accepted else None,
        alliance_declined=w.account_ids[proposed] if proposed >= 0 and not accepted else None,
        score=score, stars=stars,
    )
