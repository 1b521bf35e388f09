"""One class in play: the teams, their drafts and submissions, and the shared game.

Parallel mode: every team plays the scenario's trainee side in its own copy of the
world, all in one engine batch on one seed (engine.ParallelMatch): the same world, rivals
and seed for every team (each game of a batch still draws dice of its own today: see
classroom/debrief.py). Market mode: every team is a rival supplier in one
shared market (classroom.market.MarketMatch on engine.Match, G = 1): team i plays the
scenario's i-th side (the player's first), sees only that side and submits only for it;
sides no team took keep their doctrines. Every change goes through `_apply`, both live and when
`--resume` replays the store, so a resumed class is the class that was running; each
resolution and rollback is checked against the state hashes stored with it. A class file
records the engine version and the scenario hash it was made with: another engine plays
the same orders differently, so `--resume` refuses such a file before replaying anything.

Nothing here trusts a browser: orders are read by the engine's own model and checks,
and every refusal is a ClassError with a message (never a traceback).
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from engine import (DOCTRINES, ENGINE_VERSION, LEVERS, GameOver, OrderError, OrderProblem, Orders, ParallelMatch,
                    Scenario, load_scenario, scenario_hash, text_of)

from . import codes
from .market import MarketMatch, market_sides
from .store import Event, Store, StoreError, TeamRow

MODES = ("parallel", "market")
EVENT_KINDS = ("join", "draft", "submit", "withdraw", "timer", "pause", "resume", "resolve", "rollback")
MISSING_CHOICES = ("repeat", "nothing")  # or the name of a bot (engine.DOCTRINES)
NAME_LIMIT = 40
PAUSED = "the class is paused: the trainer will resume it (your draft is still saved as you type)"
# What a page is told when the class refuses what was asked, in the page's language: a
# team's refusals, then the trainer's (the console sends its language; scripts that send
# none get the English).
REFUSED = {
    "over": {"en": "the game is over", "zh": "游戏已结束"},
    "paused": {"en": PAUSED, "zh": "课堂已暂停：讲师恢复后才能提交（草稿仍会在输入时自动保存）"},
    "late": {"en": "the deadline for this quarter has passed; ask the trainer", "zh": "本季度的提交时间已到，请联系讲师"},
    "nothing": {"en": "nothing submitted to withdraw", "zh": "没有可撤回的已提交计划"},
    "unfit": {"en": "the plan cannot be carried out as it stands", "zh": "计划目前无法执行"},
    "too_many": {"en": "too many tries; wait a minute and type the code again", "zh": "尝试次数过多：请等一分钟再输入小组代码"},
    # the trainer's
    "paused_timer": {"en": "the class is paused: resume it first", "zh": "课堂已暂停：请先点击“继续”"},
    "minutes": {"en": "minutes must be a number between 0 and {most}", "zh": "分钟数必须是大于0、不超过{most}的数"},
    "already_paused": {"en": "the class is already paused", "zh": "课堂已经暂停"},
    "not_paused": {"en": "the class is not paused", "zh": "课堂没有暂停"},
    "paused_resolve": {"en": "the class is paused: resume it before resolving the quarter",
                       "zh": "课堂已暂停：请先点击“继续”，再结算本季度"},
    "unresolved": {"en": "the quarter could not be resolved", "zh": "本季度无法结算"},
    "none_resolved": {"en": "no quarter has been resolved yet", "zh": "还没有结算过任何季度"},
    "market_quarter": {"en": "market mode rewinds the whole market by one quarter: only quarter {done}",
                       "zh": "同一市场模式下只能让整个市场回退一个季度：只能回退第{done}季度"},
    "quarter_range": {"en": "quarter must be between 1 and {done}", "zh": "季度必须在第1至第{done}季度之间"},
    "others_changed": {"en": "rollback would change other teams' games; refused", "zh": "回滚会改变其他小组的对局，已拒绝"},
    "no_team": {"en": "no such team", "zh": "没有这个小组"},
    "debrief_early": {"en": "the class debrief comes after the last quarter (quarter {quarter} of {quarters} is "
                            "being planned)",
                      "zh": "最后一个季度结算后才有课堂复盘（正在规划第{quarter}季度，共{quarters}季度）"},
    "trainer_only": {"en": "trainer only (the console's key is missing or wrong)",
                     "zh": "仅限讲师（控制台链接中的密钥缺失或有误）"},
}


def refused(what: str, lang: str = "en", **numbers: object) -> str:
    return REFUSED[what].get(lang, REFUSED[what]["en"]).format(**numbers)


class ClassError(Exception):
    """A request the class refuses: an HTTP status, a message and optional problems."""

    def __init__(self, status: int, message: str, problems: list[dict] | None = None):
        super().__init__(message)
        self.status, self.message, self.problems = status, message, problems or []


class ResumeError(RuntimeError):
    """The stored class does not replay to the hashes it recorded."""


class OutOfDate(ResumeError):
    """An intact class file this installation cannot resume: another engine version made
    it, or its scenario has changed since. Said before anything is replayed, with both
    versions, rather than as a hash that differs; the file is left as it is."""


@dataclass
class Team:
    idx: int
    name: str
    code: str
    token: str
    joins: int = 0
    draft: dict = field(default_factory=dict)
    submitted: dict | None = None
    side: str = ""


# A team's name until a trainer or the team names it: in the class's language ("小组" is
# what the window game calls a class's teams in Chinese).
TEAM_NAMES = {"en": "Team {n}", "zh": "第{n}组"}


def default_team_name(idx: int, lang: str) -> str:
    return TEAM_NAMES.get(lang, TEAM_NAMES["en"]).format(n=idx + 1)


def check_missing(choice: str) -> str:
    if choice in MISSING_CHOICES or choice in DOCTRINES:
        return choice
    raise ValueError(f"missing-plan choice must be repeat, nothing or a bot ({', '.join(sorted(DOCTRINES))}); "
                     f"got '{choice}'")


def bot_name(choice: str, lang: str) -> str:
    """A bot by what players call it (its doctrine's label in the engine), in `lang`."""
    doctrine = DOCTRINES.get(choice)
    return doctrine.label.get(lang, doctrine.label["en"]) if doctrine is not None else choice


MAX_MINUTES = 240


def timer_minutes_fit(minutes: object) -> bool:
    """A round timer's length a class accepts: a number of minutes in (0, MAX_MINUTES]."""
    return (not isinstance(minutes, bool) and isinstance(minutes, (int, float))
            and 0 < minutes <= MAX_MINUTES)


# The latest moment a class can record: the end of year 9999, the last a date can show.
LAST_MOMENT = 253402300799.0


def _seconds_within(v: object, most: float) -> bool:
    """Whether a stored value is a number of seconds from 0 to `most` (not true/false)."""
    return not isinstance(v, bool) and isinstance(v, (int, float)) and 0 <= v <= most


def a_moment(v: object) -> bool:
    """Whether a stored value is a moment a class records (seconds since 1970, as
    time.time() gives): the time of an event, a deadline, the class's creation."""
    return _seconds_within(v, LAST_MOMENT)


def _time_left(v: object) -> bool:
    """Whether a stored value is what a paused timer keeps: the seconds it had left."""
    return _seconds_within(v, 60 * MAX_MINUTES)


def _check_payload(ev: Event) -> None:
    """ValueError if a stored event's payload is not what the class records for its kind
    (a damaged file: it would replay, then break the console or the report later)."""
    p = ev.payload
    if ev.kind == "join":
        fine = p is None or (isinstance(p, dict) and isinstance(p.get("name"), (str, type(None))))
    elif ev.kind in ("timer", "resume"):
        fine = p is None or a_moment(p)
    elif ev.kind == "pause":
        fine = p is None or (isinstance(p, dict) and (p.get("left") is None or _time_left(p.get("left"))))
    else:
        return
    if not fine:
        raise ValueError("its payload is not what a class stores for it")


def _check_stored(path: str | Path, meta: dict, teams: list[TeamRow]) -> None:
    """StoreError unless a stored class's settings and teams are what create() writes."""
    def whole(v: object) -> bool:
        return isinstance(v, int) and not isinstance(v, bool)

    wrong = [what for what, fine in (
        ("scenario", isinstance(meta.get("scenario"), str)),
        ("seed", whole(meta.get("seed")) and meta.get("seed") >= 0),
        ("mode", meta.get("mode", "parallel") in MODES),
        ("missing", isinstance(meta.get("missing", "repeat"), str)),
        ("minutes", meta.get("minutes") is None or timer_minutes_fit(meta.get("minutes"))),
        ("lang", isinstance(meta.get("lang", "en"), str)),
        ("engine_version", isinstance(meta.get("engine_version", ""), str)),   # absent: made before it was stored
        ("scenario_hash", isinstance(meta.get("scenario_hash", ""), str)),
        ("trainer_key", isinstance(meta.get("trainer_key"), str) and bool(meta.get("trainer_key"))),
        ("created", "created" not in meta or a_moment(meta.get("created"))),
        ("teams", bool(teams) and [t.idx for t in teams] == list(range(len(teams)))),
    ) if not fine]
    if wrong:
        raise StoreError(f"{path}: the class file is damaged (its {', '.join(wrong)} "
                         f"{'is' if len(wrong) == 1 else 'are'} not what a class stores)")


def read_orders(payload: object) -> dict:
    """A browser's orders as the engine's Orders model reads them, as plain JSON fields;
    ClassError 422 with pydantic's reasons when they are not orders at all."""
    if not isinstance(payload, dict):
        raise ClassError(422, "orders must be a JSON object of order fields")
    try:
        return Orders.model_validate(payload).model_dump(mode="json", exclude_defaults=True)
    except ValidationError as exc:
        problems = [{"where": ".".join(str(x) for x in e["loc"]), "text": e["msg"]} for e in exc.errors()]
        raise ClassError(422, "these are not valid orders", problems) from None


# The levers that spend rep days (the engine's lever table says which).
DAY_LEVERS = frozenset(lv.name for lv in LEVERS if lv.capacity == "rep_days")


def plannable_days(capacity: float) -> int:
    """The rep days a team can plan: the whole days within the engine's capacity.

    Capacity is fractional (reps x days x morale x pay-plan effort: 114.75 in the
    tutorial's first quarter) and the order check refuses only more than it (engine/orders.py:
    used > limit + 1e-6). The page plans whole days, as the window game does
    (game/orders_form.py days_capacity), so it offers the whole days the check accepts:
    never a day it would refuse, and no whole day less than it allows."""
    return max(0, math.floor(capacity + 1e-6))


def in_whole_days(p, days: int):
    """A rep-days over-capacity problem said with the whole days the page offers ("115
    days allocated but only 114 available", not "... only 114.7"); any other as it is."""
    if p.code != "over_capacity" or p.lever not in DAY_LEVERS:
        return p
    return OrderProblem(p.where, p.code, side=p.side, lever=p.lever, account=p.account, person=p.person,
                        **{**p.numbers, "limit": str(days)})


def problem_json(p, lang: str) -> dict:
    return {"where": p.where, "code": p.code, "lever": p.lever, "account": p.account, "person": p.person,
            "text": p.text(lang)}


class Classroom:
    def __init__(self, store: Store, meta: dict, teams: list[TeamRow], clock=time.time):
        self.store, self.meta, self.clock = store, meta, clock
        ref = meta["scenario"]
        self.scenario: Scenario = load_scenario(ref if not Path(ref).is_file() else Path(ref))
        self.mode = meta.get("mode", "parallel")
        self.missing = check_missing(meta.get("missing", "repeat"))
        self.minutes = meta.get("minutes")
        if self.mode == "market":
            self.match = MarketMatch(self.scenario, int(meta["seed"]), len(teams), lang=meta.get("lang", "en"))
            sides = self.match.sides
        else:
            self.match = ParallelMatch(self.scenario, int(meta["seed"]), len(teams), lang=meta.get("lang", "en"))
            sides = [self.scenario.player_id] * len(teams)
        self.teams = [Team(t.idx, t.name, t.code, t.token, side=sides[t.idx]) for t in teams]
        self.match.reset()
        self.deadline: float | None = None
        self.paused = False
        self.paused_left: float | None = None   # seconds left on the timer when paused (None: no timer ran)
        self.sources: list[list[str]] = []      # per quarter, per team: submitted/repeat/<bot>/nothing
        self._by_token = {t.token: t.idx for t in self.teams}
        self._by_code = {t.code: t.idx for t in self.teams}

    # ------------------------------------------------------------------ creation
    @classmethod
    def create(cls, path: str | Path, scenario: str, teams: int, seed: int = 0, missing: str = "repeat",
               minutes: float | None = None, lang: str = "en", mode: str = "parallel", clock=time.time) -> "Classroom":
        if mode not in MODES:
            raise ValueError(f"mode must be parallel or market (got '{mode}')")
        if not 1 <= int(teams) <= 200:
            raise ValueError(f"teams must be between 1 and 200 (got {teams})")
        check_missing(missing)
        if minutes is not None and not timer_minutes_fit(minutes):
            # checked before the class file is written: a refused class leaves no file behind
            raise ValueError(f"--minutes must be more than 0 and at most {MAX_MINUTES} (got {minutes})")
        sc = load_scenario(scenario if not Path(scenario).is_file() else Path(scenario))  # fail early, readable
        if mode == "market" and int(teams) > len(market_sides(sc)):
            raise ValueError(f"market mode: {sc.id} has {len(sc.sides)} suppliers, so at most {len(sc.sides)} teams "
                             f"(got {teams})")
        store = Store(path)
        if store.meta():
            store.close()
            raise ValueError(f"{path} already holds a class; use --resume, or another file")
        meta = dict(scenario=scenario, seed=int(seed), teams=int(teams), missing=missing, minutes=minutes,
                    lang=lang, mode=mode, trainer_key=codes.token(), created=clock(),
                    engine_version=ENGINE_VERSION, scenario_hash=scenario_hash(sc))
        used: set[str] = set()
        rows = []
        for i in range(int(teams)):
            code = codes.join_code()
            while code in used:
                code = codes.join_code()
            used.add(code)
            name = default_team_name(i, lang)
            if mode == "market":
                side = next(x for x in sc.sides if x.id == market_sides(sc)[i])
                name = (text_of(side.name, lang) or side.id)[:NAME_LIMIT]
            rows.append(TeamRow(i, name, code, codes.token()))
        store.set_meta(meta)
        store.add_teams(rows)
        room = cls(store, meta, rows, clock)
        room.start_timer()
        return room

    @classmethod
    def resume(cls, path: str | Path, clock=time.time) -> "Classroom":
        """The stored class, replayed event by event; OutOfDate if another engine version
        made it or its scenario changed since, ResumeError if a hash differs. Nothing is
        written to a file that is refused."""
        if not Path(path).is_file():
            raise ValueError(f"no class stored at {path}")
        store = Store(path, create=False)
        try:
            meta = store.meta()
            if not meta:
                raise ValueError(f"{path} holds no class")
            teams = store.teams()
            _check_stored(path, meta, teams)
            made_with = meta.get("engine_version")
            if made_with is not None and made_with != ENGINE_VERSION:
                raise OutOfDate(f"{path}: this class was made with engine {made_with}, this is {ENGINE_VERSION}: "
                                "another engine version plays the same orders differently, so this one cannot "
                                "resume it. "
                                f"Resume it where engine {made_with} is installed, or start a new class "
                                f"(another --store)")
            room = cls(store, meta, teams, clock)
            made_on, playing_on = meta.get("scenario_hash"), scenario_hash(room.scenario)
            if made_on is not None and made_on != playing_on:
                raise OutOfDate(f"{path}: the scenario '{meta['scenario']}' has changed since this class was made, "
                                "so the class cannot be resumed on it. Put the scenario back as it was, "
                                "or start a new class (another --store)")
            # A file made before the version was stored may be another engine's: say so if it does not replay.
            maybe_other = "" if made_with is not None else (
                f". This class file predates version tracking (it does not say which engine made it), "
                f"so it may be from another engine version (this is {ENGINE_VERSION})")
            for ev in store.events():
                if ev.kind not in EVENT_KINDS:
                    raise StoreError(f"{path}: the class file is damaged (event {ev.id} is of an unknown kind, "
                                     f"'{ev.kind}')")
                if not a_moment(ev.ts):
                    raise StoreError(f"{path}: the class file is damaged (event {ev.id}, {ev.kind} of quarter "
                                     f"{ev.quarter}, has no time it could have happened at)")
                try:
                    room._apply(ev)
                except ResumeError as exc:
                    if maybe_other:
                        raise ResumeError(f"{exc}{maybe_other}") from None
                    raise
                except StoreError:
                    raise
                except (LookupError, TypeError, AttributeError, ValueError, GameOver) as exc:
                    # A stored event that does not fit the class (a team that is not there,
                    # orders the game refuses, a payload of the wrong shape): the file was
                    # changed or damaged after it was written (or, for a file that does not
                    # say, by another engine version).
                    raise StoreError(f"{path}: the class file is damaged (event {ev.id}, {ev.kind} of quarter "
                                     f"{ev.quarter}, cannot be replayed: {exc}){maybe_other}") from None
            if made_with is None:
                # It replayed hash for hash on this engine, which writes its events from now on.
                stamp = {"engine_version": ENGINE_VERSION, "scenario_hash": playing_on}
                store.set_meta(stamp)
                room.meta.update(stamp)
        except BaseException:
            store.close()
            raise
        return room

    # ------------------------------------------------------------------ who is who
    @property
    def trainer_key(self) -> str:
        return self.meta["trainer_key"]

    @property
    def quarter(self) -> int:
        """The quarter being planned (1-based); turns + 1 once the game is over."""
        return self.match.turn + 1

    def team_of(self, token: str | None) -> Team | None:
        idx = self._by_token.get(token or "")
        return self.teams[idx] if idx is not None else None

    def is_trainer(self, key: str | None) -> bool:
        return bool(key) and codes.same(key, self.trainer_key)

    def team(self, idx: object, lang: str = "en") -> Team:
        if isinstance(idx, bool) or not isinstance(idx, int) or not 0 <= idx < len(self.teams):
            raise ClassError(404, refused("no_team", lang))
        return self.teams[idx]

    # ------------------------------------------------------------------ events
    def _record(self, kind: str, team: int | None = None, payload: object = None, hashes=None) -> None:
        ev = Event(0, self.clock(), kind, team, self.quarter, payload, hashes)
        self.store.log(kind, self.quarter, team, payload, hashes)
        self._apply(ev)

    def _apply(self, ev: Event) -> None:
        _check_payload(ev)
        if ev.kind == "join":
            t = self.teams[ev.team]
            t.joins += 1
            if ev.payload and ev.payload.get("name"):
                t.name = ev.payload["name"]
        elif ev.kind == "draft":
            self.teams[ev.team].draft = ev.payload
        elif ev.kind == "submit":
            self.teams[ev.team].draft = ev.payload
            self.teams[ev.team].submitted = ev.payload
        elif ev.kind == "withdraw":
            self.teams[ev.team].submitted = None
        elif ev.kind == "timer":
            self.deadline = ev.payload
        elif ev.kind == "pause":
            self.paused, self.paused_left, self.deadline = True, (ev.payload or {}).get("left"), None
        elif ev.kind == "resume":
            self.paused, self.paused_left, self.deadline = False, None, ev.payload
        elif ev.kind == "resolve":
            self.match.step(ev.payload["orders"])
            self._resolved(ev.payload["sources"])
            self._verify(ev)
        elif ev.kind == "rollback" and (ev.payload or {}).get("rewind"):
            self.match = self.match.rewind()
            self._rewound()
            self._verify(ev)
        elif ev.kind == "rollback":
            p = ev.payload
            self.match = self.match.rollback(ev.team, p["quarter"], p["orders"])
            self.sources[p["quarter"] - 1][ev.team] = p["source"]
            self._verify(ev)

    def _verify(self, ev: Event) -> None:
        if ev.hashes is None:
            return
        if isinstance(ev.hashes, dict):
            if self._batch_hash() != ev.hashes:
                raise ResumeError(f"event {ev.id} ({ev.kind}, quarter {ev.quarter}) does not replay: "
                                  "the teams' games differ from the recorded ones")
            return
        now = [self.match.state_hash(g) for g in range(len(self.teams))]
        if now != ev.hashes:
            bad = [self.teams[g].name for g, (a, b) in enumerate(zip(now, ev.hashes)) if a != b]
            raise ResumeError(f"event {ev.id} ({ev.kind}, quarter {ev.quarter}) does not replay: "
                              f"state differs for {', '.join(bad)}")

    # ------------------------------------------------------------------ a team's actions
    def join(self, code: object, name: object = None) -> Team:
        idx = self._by_code.get(codes.normalise_code(code))
        if idx is None:
            raise ClassError(403, "unknown join code")
        name = " ".join(str(name).split())[:NAME_LIMIT] if isinstance(name, str) and name.strip() else None
        self._record("join", idx, {"name": name} if name else None)
        return self.teams[idx]

    def _open(self, t: Team, lang: str = "en") -> None:
        if self.match.done:
            raise ClassError(409, refused("over", lang))
        if self.paused:
            raise ClassError(409, refused("paused", lang))
        if self.deadline is not None and self.clock() > self.deadline:
            raise ClassError(409, refused("late", lang))

    def days_to_plan(self, t: Team) -> int:
        """The whole rep days team `t` can plan this quarter (plannable_days)."""
        return plannable_days(self.match.observe(t.idx).capacity_days)

    def _problems(self, t: Team, orders: dict, lang: str) -> list[dict]:
        """The engine's order check of `t`'s orders, as the page shows it."""
        found = self.match.check(t.idx, orders)
        if any(p.code == "over_capacity" and p.lever in DAY_LEVERS for p in found):
            days = self.days_to_plan(t)
            found = [in_whole_days(p, days) for p in found]
        return [problem_json(p, lang) for p in found]

    def check(self, t: Team, payload: object, lang: str = "en") -> list[dict]:
        orders = read_orders(payload)
        if self.match.done:
            return []
        return self._problems(t, orders, lang)

    def save_draft(self, t: Team, payload: object, lang: str = "en") -> list[dict]:
        orders = read_orders(payload)
        if self.match.done:
            raise ClassError(409, refused("over", lang))
        self._record("draft", t.idx, orders)
        return self._problems(t, orders, lang)

    def submit(self, t: Team, payload: object, lang: str = "en") -> None:
        orders = read_orders(payload)
        self._open(t, lang)
        problems = self._problems(t, orders, lang)
        if problems:
            raise ClassError(422, refused("unfit", lang), problems)
        self._record("submit", t.idx, orders)

    def withdraw(self, t: Team, lang: str = "en") -> None:
        self._open(t, lang)
        if t.submitted is None:
            raise ClassError(409, refused("nothing", lang))
        self._record("withdraw", t.idx)

    # ------------------------------------------------------------------ the trainer's actions
    # Each takes the language of the console that asked (`lang`): it refuses in its words.
    def start_timer(self, minutes: float | None = None, lang: str = "en") -> None:
        minutes = self.minutes if minutes is None else minutes
        if minutes is None:
            return
        if self.match.done:  # no round left to time
            raise ClassError(409, refused("over", lang))
        if self.paused:
            raise ClassError(409, refused("paused_timer", lang))
        if not timer_minutes_fit(minutes):
            raise ClassError(422, refused("minutes", lang, most=MAX_MINUTES))
        self._record("timer", None, self.clock() + 60.0 * float(minutes))

    def pause(self, lang: str = "en") -> None:
        """Stop the round: the timer's time left is frozen (stored, so a resumed server comes
        back paused with the same time left); submissions, withdrawals and resolving wait."""
        if self.match.done:
            raise ClassError(409, refused("over", lang))
        if self.paused:
            raise ClassError(409, refused("already_paused", lang))
        left = None if self.deadline is None else max(0.0, self.deadline - self.clock())
        self._record("pause", None, {"left": left})

    def unpause(self, lang: str = "en") -> None:
        """Go on: the timer restarts from the time left when the class was paused."""
        if not self.paused:
            raise ClassError(409, refused("not_paused", lang))
        self._record("resume", None, None if self.paused_left is None else self.clock() + self.paused_left)

    def _missing_plan(self, g: int) -> tuple[dict | str | None, str]:
        if self.missing == "nothing":
            return None, "nothing"
        if self.missing == "repeat":
            last = self.match.orders_log[-1][g] if self.match.orders_log else None
            if isinstance(last, dict) and not self.match.check(g, last):
                return last, "repeat"
            return None, "nothing"
        return self.missing, self.missing

    def resolve(self, lang: str = "en") -> None:
        if self.match.done:
            raise ClassError(409, refused("over", lang))
        if self.paused:
            raise ClassError(409, refused("paused_resolve", lang))
        orders, sources = self._plans(checked=False)
        quarter = self.quarter
        try:
            self.match.step(orders)
        except OrderError:
            # A submitted plan no longer fits its game (a rollback changed it since): every
            # plan checked one by one, a refused one replaced by the missing-plan choice.
            orders, sources = self._plans(checked=True)
            try:
                self.match.step(orders)
            except OrderError as exc:  # cannot happen: every plan was checked just now
                raise ClassError(500, refused("unresolved", lang),
                                 [{"text": p} for p in exc.problems]) from None
        self._resolved(sources)
        self.store.log("resolve", quarter, None, {"orders": orders, "sources": sources}, self._batch_hash())
        if not self.match.done:  # the next round's timer (the last resolution ends the game)
            self.start_timer()

    def _plans(self, checked: bool) -> tuple[list, list[str]]:
        """Each team's plan for the quarter and where it came from. Submitted plans were
        checked when submitted; the engine's step checks them all again before anything
        changes, so they are checked here one by one only when that step refused one."""
        orders, sources = [], []
        for t in self.teams:
            if t.submitted is not None and not (checked and self.match.check(t.idx, t.submitted)):
                orders.append(t.submitted)
                sources.append("submitted")
            else:
                o, src = self._missing_plan(t.idx)
                orders.append(o)
                sources.append(src)
        return orders, sources

    def _batch_hash(self) -> dict:
        """One hash of every team's game at once (a resolution changes them all); a
        rollback stores one per team instead, to show the others' games did not move."""
        return {"all": self.match.state.hash()}

    def _resolved(self, sources: list[str]) -> None:
        """After a quarter resolved (live or replayed): submissions are spent, the timer stops."""
        self.sources.append(sources)
        for t in self.teams:
            t.submitted = None
        self.deadline = None

    def rewind(self, lang: str = "en") -> None:
        """Market mode: the whole market back by one quarter (every team's plan of the last
        resolved quarter undone); teams plan that quarter again and the trainer resolves it."""
        if not self.match.orders_log:
            raise ClassError(409, refused("none_resolved", lang))
        trial = self.match.rewind()
        self.store.log("rollback", self.quarter, None, {"rewind": True, "quarter": len(self.match.orders_log)},
                       [trial.state_hash(g) for g in range(len(self.teams))])
        self.match = trial
        self._rewound()

    def _rewound(self) -> None:
        self.sources.pop()
        for t in self.teams:
            t.submitted = None
        self.deadline = None

    def rollback(self, idx: object, quarter: object = None, use_draft: bool = False, lang: str = "en") -> None:
        """Replace one team's plan of a resolved quarter (default: the last) with its
        current draft or with nothing; every other team's game stays bit-identical.

        Market mode: the teams share one market, so no team's quarter can be changed
        alone; the whole market is rewound by one quarter (only the last can be)."""
        if self.mode == "market":
            done = len(self.match.orders_log)
            if quarter is not None and quarter != done:
                raise ClassError(422, refused("market_quarter", lang, done=done))
            self.rewind(lang)
            return
        t = self.team(idx, lang)
        done = len(self.match.orders_log)
        quarter = done if quarter is None else quarter
        if not done:
            raise ClassError(409, refused("none_resolved", lang))
        if isinstance(quarter, bool) or not isinstance(quarter, int) or not 1 <= quarter <= done:
            raise ClassError(422, refused("quarter_range", lang, done=done))
        orders, source = (t.draft, "rollback:draft") if use_draft else (None, "rollback:nothing")
        others = [self.match.state_hash(g) for g in range(len(self.teams))]
        trial = self.match.rollback(t.idx, quarter, orders)
        hashes = [trial.state_hash(g) for g in range(len(self.teams))]
        if any(a != b for g, (a, b) in enumerate(zip(others, hashes)) if g != t.idx):
            raise ClassError(500, refused("others_changed", lang))
        self.store.log("rollback", self.quarter, t.idx, {"quarter": quarter, "orders": orders, "source": source}, hashes)
        self.match = trial
        self.sources[quarter - 1][t.idx] = source
