"""Many games at once through the one implementation of the rules.

`Batch` holds G games of one scenario, all driven by one seed (see rng.py). Every side is controlled
either by a person (orders passed to `step`) or by a policy (a registered doctrine or
a scenario's reference strategy) that decides from its own `SideView`. All sides move
simultaneously against the same snapshot; then the turn resolves in a fixed order.
A `Match` is a Batch with G = 1 plus the typed reports a person reads.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from pydantic import ValidationError

from .doctrines import REGISTRY, Decision, Doctrine, resolve_params
from .doctrines.base import DOCTRINE_UNIFORMS
from .doctrines.plan import PlanPolicy
from .observe import shared_facts, side_view
from .order_problems import OrderProblem
from .order_levers import BY_ARRAY
from .orders import (OrderArrays, OrderError, Orders, check_and_place, check_orders, fit_to_means, rep_capacity,
                     to_arrays)
from . import variants
from .rng import Streams
from .rules import events, finance, levers, market, needs, people, relationships, satisfaction, share
from .rules.causes import SHARE_CAUSES, STANCE_CAUSES
from .scenario.models import Scenario
from .state import State, initial_state, record_history
from .world import World, compile_world

HUMAN = "human"
# A turn resolves block by block of games (Batch.blocks). With the compiled kernels
# (engine/jit.py) a block of up to 2^18 stance cells ([A,K,S] per game) ran faster than
# smaller ones (quiet 2-core machine, 10,000 games: internal_collapse 7.5 s at 1,638 games
# a block against 8.5 s at 409; the largest legal scenario 16.7 s at 873 against 18.5 s
# at 128); a block is also at most a fifth of the batch, because its temporaries are a
# batch's peak memory above the state (issue #13: a 2,000-game batch then uses 400-game
# blocks, as small as before), and at least BLOCK_MIN games.
BLOCK_CELLS = 1 << 18
BLOCK_MIN = 128
BLOCKS_AT_LEAST = 5


class GameOver(RuntimeError):
    """step() after the last turn."""


def check_seed(seed: object) -> int:
    """The seed as a plain int, or a ValueError a person can read.

    numpy's SeedSequence takes only whole numbers >= 0 and fails deep inside with its own
    message; a batch takes one seed for all its games (games=G), never a list of them.
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        shown = int(seed) if isinstance(seed, (int, np.integer)) else repr(seed)
        raise ValueError(f"seed must be a whole number ≥ 0 (got {shown})")
    return int(seed)


class PerGame(tuple):
    """A person's side's orders game by game: `{side: PerGame([orders of game 0, ...])}`.

    An explicit type, so a list that arrives where orders belong (JSON from a browser)
    is still refused as not orders rather than read as one entry per game."""


class Accepted(dict):
    """Orders `Batch.accept` read and checked against one state. `step` given them for that
    same state takes them as they are: checking them again would give the same answer (a
    Match accepts a person's orders before it resolves the turn, so the refusal can name
    them; a turn's checks are the largest part of a person's turn after the rules)."""

    def __init__(self, read: Mapping, state: State, placed: Mapping[str, OrderArrays] | None = None):
        super().__init__(read)
        self.state, self.turn = state, state.turn  # (a bots-only batch keeps one State object)
        self.placed = dict(placed or {})  # side -> its Orders as the check wrote them in arrays

    def for_rules(self) -> dict[str, Orders | OrderArrays | PerGame]:
        """Each side's orders as the turn takes them: the arrays its check wrote where
        there are some (the same values `to_arrays` would write again), else as read."""
        return {sid: self.placed.get(sid, o) for sid, o in self.items()}

    def hold_for(self, state: State) -> bool:
        """Whether these orders were accepted against `state` as it is now."""
        return self.state is state and self.turn == state.turn


@dataclass
class Controller:
    """Who decides for a side: a person (policy None) or a policy with its weights."""

    label: str
    policy: Doctrine | None
    params: dict[str, float]


def make_controller(w: World, s: int, spec: str | None) -> Controller:
    """Resolve 'human', a doctrine name, 'strategy:<id>' or None (the scenario's default)."""
    side = w.scenario.sides[s]
    if spec is None:
        if side.doctrine is None:
            return Controller(HUMAN, None, {})
        doc = REGISTRY[side.doctrine.name]
        return Controller(doc.name, doc, resolve_params(doc, side.doctrine.params))
    if spec == HUMAN:
        return Controller(HUMAN, None, {})
    if spec.startswith("strategy:"):
        sid, _, how = spec.split(":", 1)[1].partition(":")  # strategy:<id>[:blind]
        for st in w.scenario.strategies:
            if st.id == sid and how in ("", "blind"):
                return Controller(spec, PlanPolicy(st, blind=how == "blind"), {})
        raise KeyError(f"unknown strategy '{sid}' (known: {', '.join(x.id for x in w.scenario.strategies) or 'none'})")
    if spec in REGISTRY:
        doc = REGISTRY[spec]
        given = side.doctrine.params if side.doctrine and side.doctrine.name == spec else {}
        return Controller(spec, doc, resolve_params(doc, given))
    raise KeyError(f"unknown controller '{spec}' (use human, strategy:<id> or one of: {', '.join(sorted(REGISTRY))})")


@dataclass
class TurnResult:
    """What one turn did in every game: the raw material of reports and debriefs."""

    turn: int
    orders: OrderArrays
    fired: np.ndarray           # [G,E] bool
    stance_causes: np.ndarray   # [G,A,K,S,C]
    share_causes: np.ndarray    # [G,S,A,J]
    utility: np.ndarray         # [G,S,A,P]
    money: dict[str, np.ndarray]
    leavers: np.ndarray         # [G,S,R]
    hired: np.ndarray           # [G,S,R]
    alliance_accepted: np.ndarray  # [G,S]
    entered: np.ndarray         # [G,S] sides that became active this turn
    tender_held: np.ndarray     # [G,A] bool

    @classmethod
    def joined(cls, parts: list["TurnResult"]) -> "TurnResult":
        """One result from the results of consecutive blocks of games. Each field is
        joined when first read: a balance run reads none of them, so it pays for none."""
        return _JoinedResult(parts)


class _JoinedResult(TurnResult):
    """A TurnResult whose fields are the blocks' fields joined game by game, on first read."""

    def __init__(self, parts: list[TurnResult]):  # noqa: D107 (fields come from the parts)
        self.__dict__["_parts"] = parts

    def __getattr__(self, name: str):
        parts = self.__dict__.get("_parts")
        if parts is None or name not in TurnResult.__dataclass_fields__:
            raise AttributeError(name)
        value = _join_field(name, [getattr(p, name) for p in parts])
        self.__dict__[name] = value
        return value


def _join_field(name: str, xs: list):
    if name == "turn":
        return xs[0]
    if name == "orders":
        return OrderArrays(**{k: np.concatenate([vars(x)[k] for x in xs]) for k in vars(xs[0])})
    if name == "money":
        return {k: np.concatenate([x[k] for x in xs]) for k in xs[0]}
    return None if xs[0] is None else np.concatenate(xs)


class Batch:
    def __init__(self, scenario: Scenario | World, seed: int = 0, games: int = 1,
                 controllers: dict[str, str] | None = None, explain: bool | None = None,
                 same_dice: bool = False, charts: bool | None = None):
        self.world = scenario if isinstance(scenario, World) else compile_world(scenario)
        w = self.world
        self.seed = check_seed(seed)
        if int(games) < 1:
            raise ValueError(f"games must be at least 1 (got {games})")
        self.games = int(games)
        self.same_dice = bool(same_dice)  # every game draws one game's dice (rng.Streams)
        # Per-stakeholder causes cost as much memory as the stances themselves; a large
        # balance run reads only outcomes, so it skips them unless asked.
        self.explain = self.games <= 64 if explain is None else bool(explain)
        # The history only a debrief's charts read (state.CHARTS): kept by the same rule.
        self.charts = self.games <= 64 if charts is None else bool(charts)
        controllers = dict(controllers or {})
        unknown = set(controllers) - set(w.side_ids)
        if unknown:
            raise KeyError(f"unknown side(s): {', '.join(sorted(unknown))}")
        self.controllers = [make_controller(w, s, controllers.get(sid)) for s, sid in enumerate(w.side_ids)]
        poachers = [s for s, side in enumerate(w.scenario.sides)
                    if not side.active and side.doctrine is not None and side.doctrine.name == "poacher"]
        self._spin_candidates = np.array(poachers, dtype=int)
        self.state: State | None = None
        self.streams: Streams | None = None
        self.block_games: int | None = None  # games per block of a turn (None: by size)
        self._last_check: tuple | None = None  # see _check_and_place

    @property
    def G(self) -> int:
        return self.games

    @property
    def human_sides(self) -> list[int]:
        return [s for s, c in enumerate(self.controllers) if c.policy is None]

    @property
    def done(self) -> bool:
        return self.state is not None and self.state.turn >= self.world.T

    def reset(self) -> State:
        self.state = initial_state(self.world, self.G, self.charts)
        self.streams = Streams(self.seed, self.games, self.world.S, self.same_dice)
        variants.draw(self.world, self.state, self.streams)
        return self.state

    # ----------------------------------------------------------------- decisions

    def check(self, orders: Mapping[str, object]) -> dict[str, list[str]]:
        """Every problem with the people's orders, per side (empty dict = all valid)."""
        return self._read(orders)[1]

    def accept(self, orders: Mapping[str, object] | None) -> Accepted:
        """The people's orders read and checked, or OrderError listing every problem.

        step() calls this before it touches the state or the random streams, so a refused
        turn leaves the batch exactly as it was.
        """
        read, problems, placed = self._read(orders)
        if problems:
            raise OrderError([p.for_side(sid) for sid, ps in problems.items() for p in ps])
        return Accepted(read, self.state, placed)

    def _read(self, orders: object) -> tuple[dict[str, Orders | OrderArrays], dict[str, list[str]],
                                             dict[str, OrderArrays]]:
        """Each side's orders as Orders (or OrderArrays), every problem per side, and the
        arrays the checks wrote each side's valid Orders into (orders.check_and_place).

        Anyone may call step (a person, a bot, a browser sending JSON), so nothing is
        trusted: a value that is not orders is a problem, never skipped, or the turn
        would resolve without it and the log would no longer replay the game.
        """
        if orders is None:
            orders = {}
        if not isinstance(orders, Mapping):
            raise OrderError([f"orders must be Orders, or a mapping of each side to its orders "
                              f"(got {type(orders).__name__})"])
        w, read, problems, placed = self.world, {}, {}, {}
        for sid, given in orders.items():
            if not isinstance(sid, str) or sid not in w.side_ids:
                # A side is named by its id: anything else (an index, a tuple, bytes) is an
                # unknown side too, said by its repr so that the problem stays text.
                name = sid if isinstance(sid, str) else repr(sid)
                problems[name] = [OrderProblem("", "unknown_side", got=name)]
                continue
            s = w.side(sid)
            if self.controllers[s].policy is not None:
                problems[sid] = [OrderProblem("", "not_a_person", got=sid, by=self.controllers[s].label)]
                continue
            if isinstance(given, PerGame):
                read[sid], found = self._read_per_game(s, given)
            else:
                o, found = read_orders(given)
                if isinstance(o, Orders):
                    found, arrays = self._check_and_place(s, o)
                    if arrays is not None:
                        placed[sid] = arrays
                read[sid] = o
            if found:
                problems[sid] = found
        return read, problems, placed

    def _check_and_place(self, s: int, o: Orders) -> tuple[list[OrderProblem], OrderArrays | None]:
        """orders.check_and_place for side s against the state as it stands, remembered for
        the last orders checked: a person's orders are checked as they are written (the
        window's form, a class page's draft) and again when they are sent, and the same
        orders against the same state get the same answer. Like Accepted, the answer holds
        for this State object at this turn (a turn replaces the state or moves its turn)."""
        last = self._last_check
        if last is not None and last[0] is self.state and last[1] == self.state.turn and last[2] == s and last[3] == o:
            return list(last[4]), last[5]
        found, arrays = check_and_place(self.world, self.state, s, o)
        self._last_check = (self.state, self.state.turn, s, o, list(found), arrays)
        return found, arrays

    def _read_per_game(self, s: int, given: PerGame) -> tuple[PerGame, list[OrderProblem]]:
        """A person's side with its own orders in each game (a classroom's teams, each in
        its own copy of the world): one entry per game, each checked against its own game.

        An entry is Orders (or a mapping of their fields), None (no orders: nothing spent),
        or the name of a doctrine that decides for that game this turn (a team that did
        not submit, when the trainer chose a bot for latecomers)."""
        if len(given) != self.G:
            return PerGame(), [OrderProblem("", "invalid", got=f"one entry per game expected: {self.G} (got {len(given)})")]
        read, problems = [], []
        for g, item in enumerate(given):
            if item is None or (isinstance(item, str) and item in REGISTRY):
                read.append(item)
                continue
            o, found = read_orders(item)
            if isinstance(o, Orders):
                found = check_orders(self.world, self.state, s, o, g)
            problems += [_in_game(p, g) for p in found]
            read.append(o)
        return PerGame(read), problems

    def check_game(self, side: str, orders: object, g: int) -> list[OrderProblem]:
        """Every problem with one side's orders in game g alone (empty: they would apply)."""
        s = self.world.side(side)
        o, found = read_orders(orders)
        return check_orders(self.world, self.state, s, o, g) if isinstance(o, Orders) else found

    def _decide(self, st: State, orders: dict[str, Orders | OrderArrays | PerGame],
                u_side: list[np.ndarray]) -> tuple[OrderArrays, np.ndarray, dict | None]:
        """Every side's orders in the games of `st`, where a policy's had to be cut [G,S],
        and the shared facts the policies decided from (None when no policy decided)."""
        w = self.world
        arrays = OrderArrays.empty(st.G, w.S, w.A, w.K)
        facts = shared_facts(w, st) if any(c.policy is not None for c in self.controllers) or any(
            isinstance(v, PerGame) and any(isinstance(x, str) for x in v) for v in orders.values()) else None
        for s, ctl in enumerate(self.controllers):
            if ctl.policy is None:
                given = orders.get(w.side_ids[s])
                if isinstance(given, Orders):
                    to_arrays(w, st, s, given, into=arrays)
                elif isinstance(given, OrderArrays):
                    _copy_side(given, arrays, s)
                elif isinstance(given, PerGame):
                    self._per_game_orders(st, s, given, arrays, u_side[s][:, -DOCTRINE_UNIFORMS:], facts)
                continue
            active = st.active[:, s]
            if not active.any():
                continue
            view, u = side_view(w, st, s, facts), u_side[s][:, -DOCTRINE_UNIFORMS:]
            if active.mean() >= DECIDE_ALL_AT:  # (in every game, or in most: see DECIDE_ALL_AT)
                ctl.policy.decide(Decision(w, view, ctl.params, u, arrays))
                _clear_side(arrays, s, ~active)
            else:  # a side in few games yet (a spin-off): decide where it is only
                _decide_where(ctl.policy, Decision(w, view, ctl.params, u, arrays), np.flatnonzero(active))
        _mask_inactive(arrays, st.active, [s for s, c in enumerate(self.controllers) if c.policy is None])
        # Policies pass the same limits as people: what a plan's fractions or a doctrine's
        # weights ask beyond a side's means (a plan's "hire: 2" holds for every turn of
        # its phase) is cut to fit; `fitted` says where, for tests of the doctrines.
        return arrays, fit_to_means(w, st, arrays, [s for s, c in enumerate(self.controllers) if c.policy is not None],
                                    facts), facts

    def _per_game_orders(self, st: State, s: int, given: PerGame, arrays: OrderArrays, u: np.ndarray, facts) -> None:
        """Write a person's per-game orders into game g's rows only. A game whose entry
        names a doctrine is decided by it, from this side's own view and dice, and cut
        to the side's means like any policy's orders."""
        w = self.world
        for g, o in enumerate(given):
            if isinstance(o, Orders):
                to_arrays(w, st, s, o, into=arrays, g=g)
        for name in sorted({o for o in given if isinstance(o, str)}):
            doc = REGISTRY[name]
            own = w.scenario.sides[s].doctrine
            params = resolve_params(doc, own.params if own is not None and own.name == name else {})
            scratch = OrderArrays.empty(st.G, w.S, w.A, w.K)
            doc.decide(Decision(w, side_view(w, st, s, facts), params, u, scratch))
            fit_to_means(w, st, scratch, [s])
            games = np.array([g for g, o in enumerate(given) if o == name])
            for attr in vars(arrays):
                getattr(arrays, attr)[games, s] = getattr(scratch, attr)[games, s]

    # ----------------------------------------------------------------- the turn

    def step(self, orders: dict[str, Orders | OrderArrays] | None = None, *, results: bool = True) -> TurnResult | None:
        """Resolve one turn. `results=False` keeps no TurnResult and returns None: a run
        that reads only the state then holds no finished block's results while the next
        block resolves (they were an eighth of a balance run's peak memory)."""
        if self.state is None:
            raise RuntimeError("call reset() before step()")
        if self.done:
            raise GameOver(f"the game is over (turn {self.state.turn} of {self.world.T})")
        if not (isinstance(orders, Accepted) and orders.hold_for(self.state)):
            orders = self.accept(orders)
        w = self.world
        E, A, S, R = len(w.scenario.events), w.A, w.S, w.R
        # A person's match keeps the old state intact until the turn has resolved (reports
        # compare before and after); a bots-only batch updates in place to save copying.
        st = self.state.copy() if (self.human_sides or self.explain) else self.state
        for_rules = orders.for_rules()
        parts, fitted = [], []
        blocks = self.blocks()
        for games in blocks:
            # The block's dice: in order, block after block, as one draw for all games.
            u_world = self.streams.world(E + 2 * A * S, games)
            u_side = [self.streams.side(s, 2 * R + DOCTRINE_UNIFORMS, games) for s in range(S)]
            part = st.block(games) if len(blocks) > 1 else st
            arrays, cut, facts = self._decide(part, _orders_of(for_rules, games), u_side)
            u_side = [u[:, :2 * R].copy() for u in u_side]  # the leavers' dice; the doctrines' are spent
            fitted.append(cut)
            # The days each side had this turn, before anyone hires or leaves: the
            # decisions' facts hold them when a policy decided (the same state).
            capacity = facts["capacity"] if facts is not None else rep_capacity(w, part)
            del facts
            part.turn += 1
            result = self._resolve(part, arrays, capacity, u_world, u_side)
            if results:
                parts.append(result)
            del arrays, result
        st.turn = part.turn
        self.fitted = np.concatenate(fitted)
        self.state = st
        if not results:
            return None
        return parts[0] if len(parts) == 1 else TurnResult.joined(parts)

    def blocks(self) -> list[slice]:
        """The games a turn resolves together, block by block.

        Every rule works game by game, so the blocks give the same results as one pass.
        A block is what a turn's temporaries are sized by: at most a fifth of the batch
        (so they add at most a fifth of a turn's per-game temporaries to each game's
        memory) and at most BLOCK_CELLS stance cells (past that, a larger block is no
        faster); at least BLOCK_MIN games, or numpy's per-call cost dominates."""
        w = self.world
        most = min(BLOCK_CELLS // max(w.A * w.K * w.S, 1), -(-self.G // BLOCKS_AT_LEAST))
        size = self.block_games or max(BLOCK_MIN, most)
        return [slice(g, min(g + size, self.G)) for g in range(0, self.G, size)]

    def _resolve(self, st: State, o: OrderArrays, capacity, u_world, u_side) -> TurnResult:
        w = self.world
        G, E, A, K, S, R = st.G, len(w.scenario.events), w.A, w.K, w.S, w.R
        stance_causes = np.zeros((G, A, K, S, len(STANCE_CAUSES))) if self.explain else None
        active_before = st.active.copy()
        fired, pending = events.fire_events(w, st, u_world[:, :E], stance_causes)
        alive_before = st.rep_alive.copy()
        people.apply_pay_and_hiring(w, st, o)
        hired = st.rep_alive & ~alive_before
        satisfaction.improve_quality(w, st, o)
        levers.apply(w, st, o, stance_causes)
        resp = relationships.update(w, st, o, stance_causes)
        needs.discover(w, st, o, resp)
        satisfaction.update(w, st, o)
        accepted, jv_cost = levers.alliances(w, st, o, stance_causes)
        noise = u_world[:, E:E + A * S].reshape(G, A, S)
        luck = w.scenario.tuning.luck * (u_world[:, E + A * S:].reshape(G, S, A) - 0.5)
        tender_held = st.tender > 0
        share_before = st.share.copy()
        # Made here, the first rule that writes it, not beside stance_causes: so it is not
        # held through relationships.update, where a large batch's turn peaks.
        share_causes = np.zeros((G, S, A, len(SHARE_CAUSES)))
        utility = share.update(w, st, o, luck, share_causes)
        share.tender(w, st, o, noise, share_causes)
        market.follow_the_leader(w, st, share_before, share_causes)
        # Copies: settle hands back state.profit itself, which a Block (State.block) writes
        # the next turns' profit into, and a turn's result must keep this turn's.
        money = {k: v.copy() for k, v in finance.settle(w, st, o, jv_cost).items()}
        people.update_morale(w, st, o, capacity)
        u_leave = np.stack([u[:, :R] for u in u_side], axis=1)
        u_spin = np.stack([u[:, R:2 * R] for u in u_side], axis=1)
        leavers = people.attrition(w, st, u_leave, u_spin, self._spin_slots(st, pending.forced_slot),
                                   stance_causes, share_causes, pending.forced_leave)
        st.demand = st.demand * (1.0 + w.growth)
        record_history(w, st)
        return TurnResult(
            turn=st.turn, orders=o, fired=fired, stance_causes=stance_causes, share_causes=share_causes,
            utility=utility, money=money, leavers=leavers, hired=hired, alliance_accepted=accepted,
            entered=st.active & ~active_before, tender_held=tender_held,
        )

    def _spin_slots(self, st: State, forced: np.ndarray) -> np.ndarray:
        """The side a leaver of each side may found this turn [G,S] (-1 = none)."""
        G, S = st.active.shape
        slot = np.full((G, S), -1)
        cands = self._spin_candidates
        if len(cands):
            free = ~st.active[:, cands]  # [G,C]
            first = np.where(free.any(-1), cands[free.argmax(-1)], -1)
            slot[:] = first[:, None]
            slot[:, cands] = -1
        return np.where(forced >= 0, forced, slot)

    def run(self) -> State:
        """Play every remaining turn with the configured policies (people's seats, if any,
        give empty orders)."""
        if self.state is None:
            self.reset()
        while not self.done:
            self.step({}, results=False)
        return self.state


def read_orders(given: object) -> tuple[Orders | OrderArrays | None, list[str]]:
    """One side's orders as validated Orders (or the batch's own OrderArrays), or why not.

    A mapping of order fields (JSON from a browser, a replay file) is validated into
    Orders; an Orders instance is validated again, since its fields may have been
    changed after it was built. Pydantic's errors become problems like check_orders'.
    """
    if isinstance(given, OrderArrays):
        return given, []
    if not isinstance(given, (Orders, Mapping)):
        return None, [OrderProblem("", "not_orders", got=type(given).__name__)]
    try:
        return Orders.model_validate(given if isinstance(given, Orders) else dict(given)), []
    except ValidationError as exc:
        return None, [OrderProblem(".".join(str(x) for x in e["loc"] if x != "[key]"), "invalid", got=e["msg"],
                                   lever=str(e["loc"][0]) if e["loc"] else None) for e in exc.errors()]


def _in_game(p: OrderProblem, g: int) -> OrderProblem:
    """The same problem, said of game g (where becomes 'game g.<where>')."""
    return OrderProblem(f"game {g}" + (f".{p.where}" if p.where else ""), p.code, side=p.side, lever=p.lever,
                        account=p.account, person=p.person, **p.numbers)


def _orders_of(orders: dict[str, Orders | OrderArrays | PerGame], games: slice) -> dict:
    """The orders that concern a block of games: Orders hold for every game; OrderArrays and
    PerGame are cut to the block."""
    def cut(o):
        if isinstance(o, OrderArrays):
            return OrderArrays(**{k: v[games] for k, v in vars(o).items()})
        if isinstance(o, PerGame):
            return PerGame(o[games])
        return o
    return {sid: cut(o) for sid, o in orders.items()}


DECIDE_ALL_AT = 0.5
"""A policy whose side is active in at least this share of a block's games decides in
all of them and its orders are cleared where the side is not active; below it, it
decides in the active games alone (_decide_where). The orders are the same either way
(a doctrine decides each game from that game's view and dice); the two costs cross
near one half: deciding in inactive games wastes their share of the work, cutting the
active games out copies every field of the view and every order array."""


def _decide_where(policy, d: Decision, games: np.ndarray) -> None:
    """A policy's orders for side d.s in the games listed alone, written into d.out.

    A doctrine decides each game from that game's view and dice only (the block-by-block
    test holds every shipped case to it), so deciding on the listed rows gives those games
    the same orders bit for bit, and an inactive side's games cost nothing and keep
    their empty orders."""
    s, out = d.s, d.out
    part = OrderArrays.empty(len(games), *out.days.shape[1:])  # side s has no orders yet
    policy.decide(Decision(d.world, d.view.take(games), d.params, d.u[games], part))
    for name, arr in vars(out).items():
        arr[games, s] = getattr(part, name)[:, s]


def _copy_side(src: OrderArrays, dst: OrderArrays, s: int) -> None:
    for name in vars(dst):
        getattr(dst, name)[:, s] = getattr(src, name)[:, s]


def _mask_inactive(o: OrderArrays, active: np.ndarray, given: list[int]) -> None:
    """A side that has not entered the market gives no orders. Only the sides whose
    orders are given (`given`: a person's, or arrays) need it: a policy's rows where its
    side is inactive are empty already (_decide)."""
    for s in given:
        _clear_side(o, s, ~active[:, s])


def _clear_side(o: OrderArrays, s: int, off: np.ndarray) -> None:
    """Side s gives no orders in the games `off` [G] marks."""
    if not np.count_nonzero(off):
        return
    for name, arr in vars(o).items():
        arr[off, s] = BY_ARRAY[name].empty_value
