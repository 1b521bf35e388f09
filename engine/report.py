"""Turn reports: what changed for one side in one game this turn, and why.

Built from a TurnResult's recorded causes, so every number here adds up: a share change
is the sum of its causes, a stance change the sum of its causes. Values are typed and
carry the scenario's ids; the UI and the CLI format them.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from .batch import TurnResult
from .frozen import built
from .rules.causes import SHARE_CAUSES, STANCE_CAUSES, UTILITY_PARTS
from .observation import heard, rep_identity, seat_name_after
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
    chair_before: str = ""          # name of who chaired it before the turn (another when the seat changed hands)
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
    who: str = ""                  # the person it is about, by name (the rep who walked out)


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
        events.append(EventNote(f"rep_left:{rid}", words["title"].format(name=rname), text, owned, ("rep_left",),
                                rname))
    events = tuple(events)
    stance0 = before.personal[g, ..., s] + before.org[g, ..., s]  # [A,K] toward side s
    stance1 = after.personal[g, ..., s] + after.org[g, ..., s]
    shares = _share_changes(w, before, after, res, s, g, lang, stance0.tolist(), stance1.tolist())
    stances = _stance_changes(w, after, res, s, g, lang, stance0, stance1)
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


def _share_changes(w: World, before: State, after: State, res: TurnResult, s: int, g: int,
                   lang: str, stance0: list, stance1: list) -> tuple[ShareChange, ...]:
    """What moved each account's share this turn, for side s (rows read once as lists:
    a report is built every turn of an interactive game)."""
    sc = w.scenario
    share0, share1 = before.share[g].T.tolist(), after.share[g].T.tolist()  # [A][S]
    utility = res.utility[g].transpose(1, 0, 2)  # [A,S,P]
    totals = utility.sum(-1).tolist()  # [A][S]
    util_rows = utility.tolist()  # [A][S][P]
    causes = res.share_causes[g, s].tolist()  # [A][C]
    active = after.active[g].tolist()
    rivals = [t for t in range(w.S) if t != s and active[t]]
    won_all = after.tender_won[g].tolist()
    held = res.tender_held[g].tolist()
    chairs = after.chair[g].tolist()
    need_rows = w.need_w.tolist()
    seats = after.seat_event[g].tolist()
    chairs0, seats0 = before.chair[g].tolist(), before.seat_event[g].tolist()
    out = []
    for a, acc in enumerate(sc.accounts):
        util = util_rows[a]  # [S][P]
        best = max(rivals, key=lambda t: totals[a][t]) if rivals else None
        gap = [x - y for x, y in zip(util[s], util[best])] if best is not None else util[s]
        won = int(won_all[a]) if held[a] else -1
        need_w = need_rows[a]
        chair = int(chairs[a])
        out.append(built(
            ShareChange,
            account=acc.id, name=text_of(acc.name, lang),
            before=dict(zip(w.side_ids, share0[a])), after=dict(zip(w.side_ids, share1[a])),
            causes=dict(zip(SHARE_CAUSES, causes[a])),
            drivers=dict(zip(UTILITY_PARTS, gap)),
            tender_winner=w.side_ids[won] if won >= 0 else None,
            rival=w.side_ids[best] if best is not None else None,
            shortfall={n: need_w[i] - util[s][i] for i, n in enumerate(NEEDS[:len(need_w)]) if need_w[i] > 0},
            chair=seat_name_after(w, a, chair, seats[a][chair], lang)[0] if chair >= 0 else "",
            chair_before=(seat_name_after(w, a, int(chairs0[a]), seats0[a][int(chairs0[a])], lang)[0]
                          if chairs0[a] >= 0 else ""),
            chair_stance=(stance0[a][chair], stance1[a][chair]) if chair >= 0 else (0.0, 0.0),
            utility={w.side_ids[t]: dict(zip(UTILITY_PARTS, util[t])) for t in range(w.S) if active[t]},
        ))
    return tuple(out)


def _stance_changes(w: World, after: State, res: TurnResult, s: int, g: int, lang: str,
                    st0: np.ndarray, st1: np.ndarray) -> tuple[StanceChange, ...]:
    """Every stance toward side s that moved this turn (or that an event or a leaver hit),
    with its causes; st0, st1: the stances toward s before and after the turn [A,K]."""
    sc = w.scenario
    causes = res.stance_causes[g, :, :, s]  # [A,K,C]
    moved = (np.abs(st1 - st0) >= STANCE_NOISE) | (causes[..., EVENTS] != 0) | (causes[..., REP_LEFT_CAUSE] != 0)
    out = []
    at = np.nonzero(moved & w.sh_mask)
    if not at[0].size:
        return ()
    rows = causes[at].tolist()  # one conversion for every moved person
    seats = after.seat_event[g].tolist()
    for (a, k), c, x0, x1 in zip(zip(*(i.tolist() for i in at)), rows, st0[at].tolist(), st1[at].tolist()):
        person = sc.accounts[a].stakeholders[k]
        out.append(built(
            StanceChange,
            account=sc.accounts[a].id, stakeholder=person.id,
            name=seat_name_after(w, a, k, seats[a][k], lang)[0] or person.id,
            level=person.level, before=x0, after=x1, causes=dict(zip(STANCE_CAUSES, c)),
        ))
    return tuple(out)
