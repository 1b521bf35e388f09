"""The state of G games at one point of play: named numpy arrays whose first axis is the game.

One layout serves an interactive match (G = 1) and a balance run (G = 10,000), so there
is one implementation of the rules. The state is plain data: copying it is how a turn
stays transactional, and hashing its bytes is how determinism is checked.
"""
from __future__ import annotations

import hashlib

import numpy as np

from .scenario.models import LEVELS, NEEDS
from .world import World


class State:
    """Named arrays plus the turn number. Attribute access reads and writes the arrays.

    The arrays dict is also the instance's __dict__, so reading `state.share` is a plain
    attribute lookup (a rule reads a few hundred arrays a turn; through __getattr__ each
    read cost a failed lookup first, a tenth of a G = 1 turn)."""

    __slots__ = ("turn", "arrays", "__dict__")

    def __init__(self, turn: int, arrays: dict[str, np.ndarray]):
        object.__setattr__(self, "turn", turn)
        object.__setattr__(self, "arrays", arrays)
        object.__setattr__(self, "__dict__", arrays)

    def __setattr__(self, name: str, value) -> None:
        if name == "turn":
            object.__setattr__(self, name, value)
        elif name in self.arrays:
            old = self.arrays[name]
            if getattr(value, "dtype", None) != old.dtype:
                # Keep each array's dtype fixed (e.g. float32 stances), whatever a rule
                # computed it with: a silent upcast would double a balance run's memory.
                value = np.asarray(value).astype(old.dtype)
            self.arrays[name] = value
        else:
            raise AttributeError(f"State has no array '{name}'")

    def __reduce__(self):
        """Pickle as (turn, arrays): __getattr__ would otherwise recurse on a bare instance."""
        return (State, (self.turn, self.arrays))

    @property
    def G(self) -> int:
        return self.arrays["cash"].shape[0]

    def copy(self) -> "State":
        return State(self.turn, {k: v.copy() for k, v in self.arrays.items()})

    def block(self, games: slice) -> "State":
        """Games `games` as views that every write goes through to (see `Block`)."""
        return Block(self.turn, {k: v[games] for k, v in self.arrays.items()})

    def game(self, g: int) -> "State":
        """Game g alone (G = 1), e.g. to compare a batch with a match."""
        return State(self.turn, {k: v[g : g + 1].copy() for k, v in self.arrays.items()})

    def hash(self, g: int | None = None) -> str:
        """SHA-256 of every array's bytes, in name order (one game or the whole batch).

        Whole numbers are hashed as int64 whatever type stores them (WHOLE), so the hash
        is that of the values: a game hashes as it did when they were stored as int64."""
        h = hashlib.sha256(str(self.turn).encode())
        for name in sorted(self.arrays):
            a = self.arrays[name] if g is None else self.arrays[name][g]
            if a.dtype.kind == "i":
                a = a.astype(np.int64)
            h.update(name.encode())
            h.update(str(a.dtype).encode() + str(a.shape).encode())
            h.update(np.ascontiguousarray(a).tobytes())
        return h.hexdigest()


class Block(State):
    """Some games of a state as views (State.block), for a turn that resolves block by block.

    A rule that assigns an array (`state.share = new`) writes the values into the view, so
    into the whole state, at once: a replaced array held beside the one it replaces until
    the block ended was a third of a large batch's temporaries. Writing through is the
    same as replacing as long as no rule keeps the old array to read after assigning a
    new one (Batch.step copies what it compares: `alive_before`, `share_before`);
    tests/test_determinism checks that any blocking gives the same games."""

    __slots__ = ()

    def __setattr__(self, name: str, value) -> None:
        if name == "turn" or name not in self.arrays:
            State.__setattr__(self, name, value)
            return
        old = self.arrays[name]
        if getattr(value, "dtype", None) != old.dtype:
            value = np.asarray(value).astype(old.dtype)  # the cast State.__setattr__ makes
        old[...] = value


def _tile(a: np.ndarray, G: int) -> np.ndarray:
    """G copies of a world array, whole numbers as WHOLE."""
    return np.broadcast_to(a.astype(WHOLE) if a.dtype.kind == "i" else a, (G,) + a.shape).copy()


# The type of every whole-number array: indexes of people, rep slots, sides and events,
# turns (at most MAX_TURNS), serial numbers and counts all fit, and int16 takes a quarter
# of numpy's default int64. The hash reads them as int64 (State.hash).
WHOLE = np.int16

# Per-turn figures that only a debrief's charts read (match.debrief_of). A balance run
# reads none of them, so a large batch leaves them out (Batch `charts`): they were a
# quarter of its state. The share history stays in every state: the rules and the
# score read it.
CHARTS = ("revenue_hist", "profit_hist", "cash_hist", "depth_hist", "satisfaction_hist")


def initial_state(w: World, G: int, charts: bool = True) -> State:
    """Turn 0 of G identical games (randomness enters only through the streams), with the
    charts' history or without it."""
    S, A, K, R, T = w.S, w.A, w.K, w.R, w.T
    L, N = len(LEVELS), len(NEEDS)
    Q = int(w.lag.max()) + 1
    t = lambda a, dtype=None: _tile(np.asarray(a, dtype), G)  # noqa: E731
    z = lambda *shape, dtype=float: np.zeros((G,) + shape, dtype)  # noqa: E731
    recv = z(S, Q)
    # Receivables already in the pipe: one turn of revenue per lag step, so cash flows
    # from turn 1 as it would in a running business.
    revenue0 = w.shares * w.demand[None, :] * w.side_price_index[:, None]
    for a in range(A):
        for q in range(int(w.lag[a])):
            recv[:, :, q] += revenue0[:, a]
    arrays = dict(
        active=t(w.side_active),
        demand=t(w.demand),
        influence=t(w.sh_influence, np.float32),
        # What the org chart shows of each person's influence; a side sees the real one
        # only through a coach or recent contact (observe.known_influence).
        apparent=t(w.sh_apparent, np.float32),
        contact=z(S, A, K, dtype=np.float32),
        chair=t(w.chair),
        seat_turn=np.full((G, A, K), -99, WHOLE),
        seat_event=np.full((G, A, K), -1, WHOLE),
        # Stances are the largest arrays ([G,A,K,S]); float32 halves the memory traffic
        # of every relationship rule and is far finer than the -1..3 scale needs.
        personal=t(w.personal, np.float32),
        org=t(w.org, np.float32),
        discovered=np.broadcast_to(~w.hidden, (G, S, A, N)).astype(float),
        solution=z(S, A),
        satisfaction=t(w.satisfaction),
        share=t(w.shares),
        quality=t(w.side_quality),
        incident=z(S, A),
        cap_turns=z(S, dtype=WHOLE),
        cap_share=np.ones((G, S, A)),
        teams=z(S, A, dtype=bool),
        dropped=z(S, A, dtype=bool),
        alliance=z(S, A, dtype=bool),
        alliance_open=t(w.alliance_open),
        pay=t(w.side_pay),
        rep_alive=t(w.rep_alive),
        # Who sits in a rep slot: the n-th person the side ever employed there (1..start
        # for the scenario's reps, then each hire a new number), so a hire is a new person
        # with a name of their own and no one else's scripted fate.
        rep_serial=t(np.where(w.rep_alive, np.cumsum(w.rep_alive, axis=-1), 0)),
        hires=t(w.rep_alive.sum(-1)),
        rep_morale=t(w.rep_morale),
        rep_skill=t(w.rep_skill),
        rep_book=z(S, R),
        owner=t(w.owner),
        cash=t(w.side_cash),
        recv=recv,
        tender=z(A),
        fired=z(len(w.scenario.events), dtype=WHOLE),
        fired_turn=np.full((G, len(w.scenario.events)), -1, WHOLE),
        # The turn each event with a turn_range fires at in each game (drawn at reset).
        event_turn=np.tile(np.array([ev.when.turn or -1 for ev in w.scenario.events], WHOLE), (G, 1)),
        last_days=z(S, A, K),
        last_exec=z(S, A, K),
        last_service=z(S, A),
        last_cut=z(S, A),
        last_solution=z(S, A),
        intel=z(S, A, dtype=bool),
        revenue=z(S),
        profit=z(S),
        total_revenue=z(S),
        total_profit=z(S),
        invested=z(S),
        leavers=z(S, dtype=WHOLE),
        left_total=z(S, dtype=WHOLE),
        tender_won=np.full((G, A), -1, WHOLE),
        share_hist=z(T + 1, S, A),
        credit=z(S, A),  # relationship quality the scorecard credits (metrics.credit_relationships)
    )
    if charts:
        arrays.update(revenue_hist=z(T + 1, S), profit_hist=z(T + 1, S), cash_hist=z(T + 1, S),
                      depth_hist=z(T + 1, S, L), satisfaction_hist=z(T + 1, S, A))
    state = State(0, arrays)
    record_history(w, state)
    return state


def stance(state: State) -> np.ndarray:
    """Total stance [G,A,K,S]: personal plus organisational, always within -1..3."""
    return state.personal + state.org


def depth_by_level(w: World, state: State) -> np.ndarray:
    """Mean stance toward each side per buying-center level over all accounts [G,S,L]."""
    st = stance(state)  # [G,A,K,S]
    onehot = w.level_onehot  # [A,K,L]
    num = np.stack([st[:, onehot[:, :, lv]].sum(1) for lv in range(onehot.shape[-1])], -1)  # [G,S,L]
    return num / _people_per_level(w)


def _people_per_level(w: World) -> np.ndarray:
    """How many people sit at each level over all accounts [L] (at least 1), once per world."""
    if "people_per_level" not in w.memo:
        w.memo["people_per_level"] = w.level_onehot.sum(axis=(0, 1)).clip(1)
    return w.memo["people_per_level"]


def record_history(w: World, state: State) -> None:
    """This turn's row of the history (the charts' rows only where the state keeps them)."""
    t = state.turn
    state.share_hist[:, t] = state.share
    if CHARTS[0] in state.arrays:
        state.revenue_hist[:, t] = state.revenue
        state.profit_hist[:, t] = state.profit
        state.cash_hist[:, t] = state.cash
        state.depth_hist[:, t] = depth_by_level(w, state)
        state.satisfaction_hist[:, t] = state.satisfaction
    from .metrics import credit_relationships  # late: the scorecard reads this module
    credit_relationships(w, state)
