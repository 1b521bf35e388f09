"""What one side sees in one game, as typed values with the scenario's ids and names.

This is the only view of the game the UI and the CLI read (they never touch arrays).
Fog of war is applied here exactly as for doctrines: rivals' stances and activity at an
account appear only through a coach there or bought intelligence.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .frozen import built
from .hire_names import hire_name
from .metrics import PERSPECTIVES, score
from .observe import shared_facts, side_view
from .stance_scale import COACH
from .rules.needs import coach_present
from .scenario.models import LEVELS, NEEDS, PAY_PLANS, text_of
from .state import State
from .world import World


@dataclass(frozen=True)
class StakeholderView:
    id: str
    name: str
    title: str
    level: str
    role: str
    influence: float           # as this side knows it: the org chart's, or the real one
    influence_known: bool      # the real influence (a coach, or recent contact with this person)
    chair: bool
    stance: float              # toward the observing side, -1..3 (engine.stance_scale)
    personal: float            # part held by our account owner
    org: float                 # company-to-company part
    coach: bool
    rivals: dict[str, float | None]  # None: hidden (no coach, no intelligence)
    new_in_seat: bool          # seat changed hands within the last two turns


@dataclass(frozen=True)
class AccountView:
    id: str
    name: str
    industry: str
    tier: str
    demand: float
    growth: float
    payment_days: int
    shares: dict[str, float]   # public market report, every side
    others_share: float
    satisfaction: float
    needs: dict[str, float]    # weights of the needs we know
    undiscovered_needs: int    # hidden needs we have not found yet
    dropped: bool
    team: bool
    allied: bool
    alliance_open: bool
    alliance_cost: float
    owner: str | None          # our rep id
    visible: bool              # coach or intelligence: rivals' moves show
    rival_activity: dict[str, dict[str, float | dict[str, float]]] | None  # side -> lever -> amount; "days" -> person -> days
    stakeholders: tuple[StakeholderView, ...]


@dataclass(frozen=True)
class RepView:
    id: str
    name: str
    skill: float
    morale: float
    accounts: tuple[str, ...]


@dataclass(frozen=True)
class RivalView:
    id: str
    name: str
    active: bool
    market_share: float
    quality: float
    service_speed: float
    price_index: float


@dataclass(frozen=True)
class NewsItem:
    turn: int
    event: str
    title: str
    text: str


@dataclass(frozen=True)
class ComingEvent:
    """A scripted event this side knows is coming (engine.observation.coming)."""
    turn: int                  # the quarter it comes in (it fires when that quarter resolves)
    event: str
    title: str
    account: str | None        # the account its effects touch first
    source: str                # "public": announced to every side; "coach": told by a coach there
    who: str = ""              # the coach who told it


@dataclass(frozen=True)
class Observation:
    side: str
    side_name: str
    turn: int                  # turns completed
    turns: int
    money_unit: str
    cash: float
    receivables: float
    budget: float
    capacity_days: float
    exec_visits: int
    service_capacity: float
    max_price_cut: float
    pay_plan: str
    free_rep_slots: int
    costs: dict[str, float]
    market_share: float
    reps: tuple[RepView, ...]
    accounts: tuple[AccountView, ...]
    rivals: tuple[RivalView, ...]
    news: tuple[NewsItem, ...]
    warnings: tuple[str, ...]
    scorecard: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    stars: int = 0
    coming: tuple[ComingEvent, ...] = ()

    def account(self, aid: str) -> AccountView:
        return next(a for a in self.accounts if a.id == aid)


REP = {"en": "Rep {n}", "zh": "销售{n}"}     # a side whose scenario gives only a head count


def rep_identity(w: World, state: State, g: int, s: int, r: int, lang: str = "en") -> tuple[str, str]:
    """(id, name) of whoever sits in rep slot r now: one of the scenario's reps (named in
    `lang` where the scenario gives it), or the n-th hire, a new person with a new name
    (never a departed rep's)."""
    return identity_of_serial(w, s, int(state.rep_serial[g, s, r]), lang)


def identity_of_serial(w: World, s: int, serial: int, lang: str = "en") -> tuple[str, str]:
    """rep_identity by the slot's serial number (the scenario's reps 1.., then hires),
    made once per world: an observation names every rep after every turn."""
    key = ("rep", s, serial, lang)
    if key not in w.memo:
        w.memo[key] = _identity_of_serial(w, s, serial, lang)
    return w.memo[key]


def _identity_of_serial(w: World, s: int, serial: int, lang: str) -> tuple[str, str]:
    start = len(w.rep_ids[s])
    reps = w.scenario.sides[s].reps
    if 1 <= serial <= start:
        rid = w.rep_ids[s][serial - 1]
        if isinstance(reps, list):
            return rid, text_of(reps[serial - 1].name, lang) or rid
        return rid, REP.get(lang, REP["en"]).format(n=serial)
    n = serial - start
    return f"{w.side_ids[s]}_hire{n}", hire_name(w.side_ids[s], n, lang, _scenario_rep_names(w))


def _scenario_rep_names(w: World) -> frozenset[str]:
    """Every name the scenario gives a rep, in either language (a hire never takes one),
    gathered once per world: an observation names every rep after every turn."""
    if "rep_names" not in w.memo:
        names = set()
        for side in w.scenario.sides:
            if isinstance(side.reps, list):
                for rep in side.reps:
                    names |= {text_of(rep.name, "en"), text_of(rep.name, "zh")}
        w.memo["rep_names"] = frozenset(names)
    return w.memo["rep_names"]


def seat_name(w: World, state: State, g: int, a: int, k: int, lang: str) -> tuple[str, str]:
    """Name and title of whoever holds seat k of account a now (after personnel changes)."""
    return seat_name_after(w, a, k, int(state.seat_event[g, a, k]), lang)


def seat_name_after(w: World, a: int, k: int, e: int, lang: str) -> tuple[str, str]:
    """seat_name by the last event that changed the seat's holder (-1: none), made once."""
    key = ("seat", a, k, e, lang)
    if key not in w.memo:
        w.memo[key] = _seat_name(w, a, k, e, lang)
    return w.memo[key]


def _seat_name(w: World, a: int, k: int, e: int, lang: str) -> tuple[str, str]:
    person = w.scenario.accounts[a].stakeholders[k]
    name, title = text_of(person.name, lang), text_of(person.title, lang)
    if e >= 0:
        for eff in w.scenario.events[e].effects:
            if eff.kind == "personnel_change" and eff.account == w.account_ids[a] and eff.stakeholder == person.id:
                name = text_of(eff.name, lang) or name
                title = text_of(eff.title, lang) if eff.title is not None else title
    return name, title


def heard(w: World, state: State, g: int, s: int) -> np.ndarray:
    """Which of the scenario's events side s may know of [E]: public ones, and private
    ones at an account where s has a coach. The one rule of fog for events: news, turn
    reports and debriefs all use it, so a private event never leaks onto a screen."""
    st = state.personal[g, ..., s] + state.org[g, ..., s]  # [A,K], this game only
    coach = ((st >= COACH) & w.sh_mask).any(-1).tolist()
    return np.array([public or any(coach[a] for a in accounts) for public, accounts in _event_reach(w)], bool)


def _event_reach(w: World) -> list[tuple[bool, tuple[int, ...]]]:
    """(public, accounts its effects touch) per scenario event, read once per world."""
    if "event_reach" not in w.memo:
        w.memo["event_reach"] = [
            (bool(ev.public), tuple(sorted({w.account(a) for a in
                                            {getattr(eff, "account", None) for eff in ev.effects} - {None}})))
            for ev in w.scenario.events]
    return w.memo["event_reach"]


def news(w: World, state: State, g: int, s: int, lang: str = "en") -> tuple[NewsItem, ...]:
    """Events fired so far that side s heard of (public ones, private ones via a coach)."""
    known_events = heard(w, state, g, s)
    items = []
    for e, ev in enumerate(w.scenario.events):
        t = int(state.fired_turn[g, e])
        if t >= 0 and known_events[e]:
            items.append(NewsItem(t, ev.id, text_of(ev.title, lang), text_of(ev.text, lang)))
    return tuple(sorted(items, key=lambda n: (-n.turn, n.event)))


WARNING_TEXT = {
    "en": "{who} ({account}) warns: {event} next turn.",
    "zh": "{who}（{account}）提醒：下季度将发生“{event}”。",
}


def warnings(w: World, state: State, g: int, s: int, lang: str = "en",
             coach: np.ndarray | None = None) -> tuple[str, ...]:
    """A coach warns of scripted events coming at their account next turn. `coach`: where
    side s has a coach in game g [A], when the caller has it (coach_present otherwise)."""
    coach = coach_present(w, state)[g, s] if coach is None else coach
    out = []
    for e, ev in enumerate(w.scenario.events):
        due = ev.when.turn if ev.when.turn_range is None else int(state.event_turn[g, e])
        if due != state.turn + 1 or (state.fired[g, e] and not ev.when.repeat):
            continue
        for eff in ev.effects:
            aid = getattr(eff, "account", None)
            if aid is None or not coach[w.account(aid)]:
                continue
            a = w.account(aid)
            who = _coach_name(w, state, g, a, s, lang)
            template = WARNING_TEXT.get(lang, WARNING_TEXT["en"])
            out.append(template.format(who=who, account=text_of(w.scenario.accounts[a].name, lang),
                                       event=text_of(ev.title, lang)))
            break
    return tuple(out)


ANNOUNCED = ("tender",)  # effects an account announces to every supplier ahead (a call for bids)


def coming(w: World, state: State, g: int, s: int, lang: str = "en",
           coach: np.ndarray | None = None) -> tuple[ComingEvent, ...]:
    """Scripted events side s knows are coming, soonest first. The fog of war for the
    future: a public event whose effects include an announced kind (a tender) is known
    from the start when its quarter is fixed, and a quarter ahead when it is drawn; any
    other event only a quarter ahead, and only through a coach at its account (as the
    coach's warnings). Chance and condition events are never known ahead. `coach`: as
    for `warnings`."""
    coach = coach_present(w, state)[g, s] if coach is None else coach
    out = []
    for e, ev in enumerate(w.scenario.events):
        fixed = ev.when.turn_range is None
        due = ev.when.turn if fixed else int(state.event_turn[g, e])
        if due is None or due <= state.turn or (state.fired[g, e] and not ev.when.repeat):
            continue
        accounts = [eff.account for eff in ev.effects if getattr(eff, "account", None)]
        aid = accounts[0] if accounts else None
        announced = ev.public and any(eff.kind in ANNOUNCED for eff in ev.effects)
        if announced and (fixed or due == state.turn + 1):
            out.append(ComingEvent(due, ev.id, text_of(ev.title, lang), aid, "public"))
            continue
        told = next((x for x in accounts if coach[w.account(x)]), None)
        if due == state.turn + 1 and told is not None:
            a = w.account(told)
            out.append(ComingEvent(due, ev.id, text_of(ev.title, lang), told, "coach",
                                   _coach_name(w, state, g, a, s, lang)))
    return tuple(sorted(out, key=lambda c: (c.turn, c.event)))


def _coach_name(w: World, state: State, g: int, a: int, s: int, lang: str) -> str:
    """Who tells side s what is coming at account a: the person there who favours s most
    (the first listed of equals), by name, or by id where the scenario names nobody."""
    st = state.personal[g, a, :, s] + state.org[g, a, :, s]  # [K], this account only
    k = int(np.argmax(np.where(w.sh_mask[a], st, -9)))
    return seat_name(w, state, g, a, k, lang)[0] or w.stakeholder_ids[a][k]


def _last_moves(w: World, state: State, g: int) -> dict[str, list]:
    """Every side's moves of last turn in game g, as lists [S][A](...): what a coach or
    intelligence shows of rivals. Each figure is summed as its own row would be (the
    rows are contiguous), in one pass for every side and account: element by element,
    the dozens of small sums cost more than the rest of an observation."""
    at_level = w.level_onehot.transpose(0, 2, 1)  # [A,L,K]: who sits at each level (empty seats hold no days)
    return dict(
        by_level=(state.last_days[g][:, :, None, :] * at_level).sum(-1).tolist(),  # [S][A][L]
        days=state.last_days[g].tolist(), exec=state.last_exec[g].sum(-1).tolist(),
        service=state.last_service[g].tolist(), cut=state.last_cut[g].tolist(),
        solution=state.last_solution[g].tolist())


def observe(w: World, state: State, s: int, g: int = 0, lang: str = "en", scores=None) -> Observation:
    """What side s sees in game g. `scores`: side s's Scores of this state (no lessons)
    when the caller has them already (a Match scores each state once)."""
    # The facts the side's view derives from, computed once: the coaches, the days and
    # money at hand and the known needs are read from them below too.
    facts = shared_facts(w, state)
    view = side_view(w, state, s, facts)
    coach = facts["coach"][g, s]
    # Game g's arrays as Python lists, read once: an observation is built after every
    # turn of an interactive game, and indexing numpy element by element cost more than
    # the turn itself. Values are the same floats (float32 widens exactly).
    kn, hidden = facts["known"][g, s].tolist(), w.hidden.tolist()  # [A][N]
    st = (state.personal[g] + state.org[g]).tolist()  # [A][K][S]
    personal, org = state.personal[g, ..., s].tolist(), state.org[g, ..., s].tolist()
    influence, revealed = view.influence[g].tolist(), view.influence_known[g].tolist()
    visible_at, chairs = view.visible[g].tolist(), state.chair[g].tolist()
    new_seat = (state.turn - state.seat_turn[g] <= 2).tolist()
    seat_events = state.seat_event[g].tolist()
    active = state.active[g].tolist()
    rival_sides = [t for t in range(w.S) if t != s and active[t]]
    rival_ids = [w.side_ids[t] for t in rival_sides]
    share = state.share[g].tolist()  # [S][A]
    serials = state.rep_serial[g, s].tolist()
    demand_at, satisfaction = state.demand[g].tolist(), state.satisfaction[g, s].tolist()
    dropped, teams, allied = state.dropped[g, s].tolist(), state.teams[g, s].tolist(), state.alliance[g, s].tolist()
    alliance_open, owners = state.alliance_open[g].tolist(), state.owner[g, s].tolist()
    last = _last_moves(w, state, g) if any(visible_at) and rival_sides else {}
    accounts = []
    for a, acc in enumerate(w.scenario.accounts):
        visible = bool(visible_at[a])
        people = []
        for k, person in enumerate(acc.stakeholders):
            name, title = seat_name_after(w, a, k, seat_events[a][k], lang)
            rivals = dict(zip(rival_ids, [st[a][k][t] for t in rival_sides])) if visible else dict.fromkeys(rival_ids)
            people.append(built(
                StakeholderView,
                id=person.id, name=name, title=title, level=person.level, role=person.role,
                influence=influence[a][k], influence_known=revealed[a][k],
                chair=chairs[a] == k,
                stance=st[a][k][s], personal=personal[a][k],
                org=org[a][k], coach=st[a][k][s] >= COACH,
                rivals=rivals, new_in_seat=new_seat[a][k],
            ))
        activity = None
        if visible:
            activity = {w.side_ids[t]: {
                **{f"days_{lv}": last["by_level"][t][a][i] for i, lv in enumerate(LEVELS)},
                "days": dict(zip(w.stakeholder_ids[a], last["days"][t][a])),
                "exec_visits": last["exec"][t][a], "service": last["service"][t][a],
                "price_cut": last["cut"][t][a], "solution": last["solution"][t][a],
            } for t in rival_sides}
        owner = owners[a]
        need_w = w.need_w[a].tolist()
        accounts.append(built(
            AccountView,
            id=acc.id, name=text_of(acc.name, lang), industry=acc.industry, tier=acc.tier,
            demand=demand_at[a], growth=acc.growth, payment_days=acc.payment_days,
            shares={w.side_ids[t]: share[t][a] for t in range(w.S) if active[t] or share[t][a] > 0},
            others_share=1.0 - sum(share[t][a] for t in range(w.S)),  # numpy's order: from 0, one by one
            satisfaction=satisfaction[a],
            needs={n: need_w[i] for i, n in enumerate(NEEDS) if kn[a][i] and need_w[i] > 0},
            undiscovered_needs=sum(h and not k for h, k in zip(hidden[a], kn[a])),
            dropped=dropped[a], team=teams[a], allied=allied[a], alliance_open=alliance_open[a],
            alliance_cost=float(w.alliance_cost[a]),
            owner=identity_of_serial(w, s, serials[owner], lang)[0] if owner >= 0 else None,
            visible=visible, rival_activity=activity, stakeholders=tuple(people),
        ))
    reps = []
    owned: dict[int, list[str]] = {}  # rep slot -> the accounts it owns, in account order
    for a, o in enumerate(owners):
        owned.setdefault(o, []).append(w.account_ids[a])
    skill, morale = state.rep_skill[g, s].tolist(), state.rep_morale[g, s].tolist()
    for r in np.flatnonzero(state.rep_alive[g, s]).tolist():
        rid, name = identity_of_serial(w, s, serials[r], lang)
        reps.append(built(RepView, id=rid, name=name, skill=skill[r], morale=morale[r],
                          accounts=tuple(owned.get(r, ()))))
    demand = state.demand[g]
    # Each side's demand-weighted share, its row summed as a row alone would be (contiguous).
    market_share = ((state.share[g] * demand).sum(-1) / demand.sum()).tolist()
    quality = state.quality[g].tolist()
    rivals = tuple(built(
        RivalView, id=w.side_ids[t], name=text_of(w.scenario.sides[t].name, lang), active=active[t],
        market_share=market_share[t], quality=quality[t], service_speed=float(w.side_service_speed[t]),
        price_index=float(w.side_price_index[t]),
    ) for t in range(w.S) if t != s)
    sc = scores if scores is not None else score(w, state.game(g) if state.G > 1 else state, s, lessons=False)  # no lessons shown here
    side = w.scenario.sides[s]
    return Observation(
        side=w.side_ids[s], side_name=text_of(side.name, lang), turn=state.turn, turns=w.T,
        money_unit=w.scenario.money_unit, cash=float(state.cash[g, s]),
        receivables=float(state.recv[g, s].sum()), budget=float(facts["budget"][g, s]),
        capacity_days=float(facts["capacity"][g, s]), exec_visits=int(w.side_exec_visits[s]),
        service_capacity=float(w.side_service_capacity[s]), max_price_cut=float(w.side_max_price_cut[s]),
        pay_plan=PAY_PLANS[int(state.pay[g, s])],
        free_rep_slots=int((w.rep_slot[s] & ~state.rep_alive[g, s]).sum()),
        costs=dict(exec_visit=float(side.exec_visit_cost), service_unit=float(side.service_unit_cost),
                   team=float(side.team_cost), intelligence=float(side.intel_cost), hire=float(side.hire_cost),
                   rep_salary=float(side.rep_salary)),
        market_share=float((state.share[g, s] * demand).sum() / demand.sum()),
        reps=tuple(reps), accounts=tuple(accounts), rivals=rivals,
        news=news(w, state, g, s, lang), warnings=warnings(w, state, g, s, lang, coach),
        scorecard={p: float(sc.parts[p][0]) for p in PERSPECTIVES},
        score=float(sc.total[0]), stars=int(sc.stars[0]), coming=coming(w, state, g, s, lang, coach),
    )
