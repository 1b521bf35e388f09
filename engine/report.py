"""Turn reports: what changed for one side in one game this turn, and why.

Built from a TurnResult's recorded causes, so every number here adds up: a share change
is the sum of its causes, a stance change the sum of its causes. Values are typed and
carry the scenario's ids; the UI and the CLI format them.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from .batch import TurnResult
from .rules.causes import SHARE_CAUSES, STANCE_CAUSES, UTILITY_PARTS
from .observation import heard, rep_identity, seat_name
from .scenario.models import NEEDS, text_of
from .state import State
from .world import World

STANCE_NOISE = 0.02  # smaller stance moves are not worth a line in a report
EVENTS, REP_LEFT_CAUSE = STANCE_CAUSES.index("events"), STANCE_CAUSES.index("rep_left")
REP_LEFT = {
    "en": {"title": "{name} left the company", "owned": "Their accounts pass to colleagues: {accounts}. "
           "Personal ties they held leave with them.", "none": "They owned no key account.", "sep": ", "},
    "zh": {"title": "{name}离职", "owned": "其负责的客户交给同事：{accounts}。其私人关系随之离开。",
           "none": "其未负责大客户。", "sep": "、"},
}


OTHERS = "others"  # the suppliers outside the game (the rest of each account's wallet)


@dataclass(frozen=True)
class ShareChange:
    account: str
    name: str
    before: dict[str, float]
    after: dict[str, float]
    causes: dict[str, float]        # our share change by cause (adds up to after - before)
    drivers: dict[str, float]       # our utility minus the strongest rival's, by part
    tender_winner: str | None
    rival: str | None = None        # the strongest rival the drivers compare us with
    shortfall: dict[str, float] = field(default_factory=dict)  # need -> how far our offer fell short of full marks
    chair: str = ""                 # name of who chairs the buying committee (decides tenders)
    chair_stance: tuple[float, float] = (0.0, 0.0)  # the chair's stance toward us, before -> after
    utility: dict[str, dict[str, float]] = field(default_factory=dict)  # each active side's offer, by part

    def moved(self) -> dict[str, float]:
        """How each rival's and the other suppliers' (OTHERS) share changed this turn:
        where ours went, or where it came from."""
        out = {k: self.after.get(k, 0.0) - self.before.get(k, 0.0) for k in self.after}
        out[OTHERS] = (1.0 - sum(self.after.values())) - (1.0 - sum(self.before.values()))
        return out


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
    kinds: tuple[str, ...] = ()    # its effects' kinds ("rep_left" for a rep who walked out)


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


def _named(names: tuple[str, ...], values: np.ndarray) -> dict[str, float]:
    """A row of numbers as plain floats keyed by name (one conversion, not one per item)."""
    return dict(zip(names, values.tolist()))


def build(w: World, before: State, after: State, res: TurnResult, s: int, g: int = 0,
          score: float = 0.0, stars: int = 0, lang: str = "en") -> TurnReport:
    sc = w.scenario
    # Only what this side may know: public events, private ones through a coach there.
    known_events = heard(w, before, g, s) | heard(w, after, g, s)
    events = [EventNote(ev.id, text_of(ev.title, lang), text_of(ev.text, lang),
                        tuple(dict.fromkeys(x.account for x in ev.effects if getattr(x, "account", None))),
                        tuple(dict.fromkeys(x.kind for x in ev.effects)))
              for e, ev in enumerate(sc.events) if res.fired[g, e] and known_events[e]]
    # Every rep of ours who walks out is news (random attrition has no scripted event).
    words = REP_LEFT.get(lang, REP_LEFT["en"])
    for r in np.flatnonzero(res.leavers[g, s]):
        rid, rname = rep_identity(w, after, g, s, int(r), lang)
        owned = tuple(w.account_ids[a] for a in range(w.A) if before.owner[g, s, a] == r)
        names = words["sep"].join(text_of(sc.accounts[w.account(a)].name, lang) for a in owned)
        text = words["owned"].format(accounts=names) if owned else words["none"]
        events.append(EventNote(f"rep_left:{rid}", words["title"].format(name=rname), text, owned, ("rep_left",)))
    events = tuple(events)
    shares = []
    for a, acc in enumerate(sc.accounts):
        util = res.utility[g, :, a]  # [S,P]
        rivals = [t for t in range(w.S) if t != s and after.active[g, t]]
        best = max(rivals, key=lambda t: util[t].sum()) if rivals else None
        gap = util[s] - (util[best] if best is not None else 0.0)
        won = int(after.tender_won[g, a]) if res.tender_held[g, a] else -1
        need_w = w.need_w[a]
        ours = res.utility[g, s, a, :len(need_w)]
        chair = int(after.chair[g, a])
        ch0 = float(before.personal[g, a, chair, s] + before.org[g, a, chair, s]) if chair >= 0 else 0.0
        ch1 = float(after.personal[g, a, chair, s] + after.org[g, a, chair, s]) if chair >= 0 else 0.0
        shares.append(ShareChange(
            account=acc.id, name=text_of(acc.name, lang),
            before={w.side_ids[t]: float(before.share[g, t, a]) for t in range(w.S)},
            after={w.side_ids[t]: float(after.share[g, t, a]) for t in range(w.S)},
            causes=_named(SHARE_CAUSES, res.share_causes[g, s, a]),
            drivers=_named(UTILITY_PARTS, np.asarray(gap, float)),
            tender_winner=w.side_ids[won] if won >= 0 else None,
            rival=w.side_ids[best] if best is not None else None,
            shortfall={n: float(need_w[i] - ours[i]) for i, n in enumerate(NEEDS) if need_w[i] > 0},
            chair=seat_name(w, after, g, a, chair, lang)[0] if chair >= 0 else "",
            chair_stance=(ch0, ch1),
            utility={w.side_ids[t]: _named(UTILITY_PARTS, util[t]) for t in range(w.S) if after.active[g, t]},
        ))
    stances = []
    st0 = before.personal[g] + before.org[g]
    st1 = after.personal[g] + after.org[g]
    for a, acc in enumerate(sc.accounts):
        for k, person in enumerate(acc.stakeholders):
            d = st1[a, k, s] - st0[a, k, s]
            shocked = res.stance_causes[g, a, k, s, [EVENTS, REP_LEFT_CAUSE]].any()
            if abs(d) < STANCE_NOISE and not shocked:
                continue
            stances.append(StanceChange(
                account=acc.id, stakeholder=person.id, name=seat_name(w, after, g, a, k, lang)[0] or person.id,
                level=person.level, before=float(st0[a, k, s]), after=float(st1[a, k, s]),
                causes=_named(STANCE_CAUSES, res.stance_causes[g, a, k, s]),
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
