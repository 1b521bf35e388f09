"""Is a scenario fair and hard enough? Play it many times with different plans in the
trainee's seat and compare the outcomes.

`balance(scenario)` plays `games` games (default 10,000) per strategy through the batched
engine: every reference strategy of the scenario, the random and balanced yardstick bots
and each registered doctrine sitting in the trainee's seat (rivals keep their own
doctrines). For each strategy it keeps the player's scores, stars, objective and lesson
hit rates and market-share trajectory, then looks for the signs of a badly balanced
scenario (see the thresholds below).

Reproducible and independent of how the work is spread: games are played in the fixed
chunks of `engine.runner` and chunk i of a run always gets `chunk_seed(seed, i)`, so one
process, several processes (`workers`) or a dask.distributed cluster (`cluster`) give the
same numbers for the same seed. Progress is reported through `progress(done, total)` after
every chunk and a run stops early, keeping what it has played, when `should_stop()` says
so (the command line wires both to a progress bar and to Ctrl-C). A run also stops early,
keeping what it has played, when the processes playing it are lost (a worker process
killed, a cluster whose scheduler or every worker is gone): it never hangs or throws
away the games already played. A stopped run is marked `partial`, and `failure` says
what was lost. The games never depend on a clock; only the watch over a cluster left
without workers reads one.
"""
from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import resource_tracker

import numpy as np

from engine.batch import Batch
from engine.doctrines import REGISTRY
from engine.metrics import PERSPECTIVES, score
from engine.runner import chunk_seed, chunk_sizes, ctrl_c_held
from engine.scenario.models import Scenario, text_of
from engine.world import World, compile_world

DEFAULT_GAMES = 10_000

TRIVIAL = ("random", "balanced")
"""Yardstick bots: they follow no plan (random allocation, or everything spread evenly).
A scenario in which one of them does as well as the best reference plan teaches nothing."""

MISTAKES = ("teams_everywhere", "drop_idle", "price_everywhere", "decision_only")
"""Plans the articles call mistakes (engine/doctrines/mistakes.py). A scenario in which
one of them scores as well as the best reference plan rewards the mistake."""

DOMINANCE_MARGIN = 1.0
"""Score points (0-100 scale). A trivial strategy whose mean score comes within this of
the best reference strategy's mean (or beats it) is reported as dominant. One point is
well above the sampling error of a mean over 10,000 games (about 0.1 points) and below
the smallest gap a debrief could explain."""

SPREAD_LIMIT = 30.0
"""Score points. When the middle 80% of one strategy's games (10th to 90th percentile)
spread over more than this, the same plan can end with anything from one to three stars
(the default star thresholds are 20 points apart): luck, not the plan, decides."""

LUCK_LIMIT = 0.75
"""If one game of the best reference strategy beats one game of the random bot less
often than this (3 times out of 4), the seed matters about as much as the plan: a
trainee who plays well can easily lose to one who clicks at random."""

NOBODY = 0.01
"""An objective that no strategy reaches in at least 1% of its games is out of reach."""

EVERYBODY = 0.99
"""An objective that every strategy, the random bot included, reaches in at least 99% of
its games asks nothing of the trainee."""

CONNECT_TIMEOUT = "20s"
"""How long to wait for a dask scheduler given by address before giving up."""

CLUSTER_WAIT = 30.0
"""Seconds a dask cluster may have no worker at all before the run stops with the games
played. Long enough for workers that restart or join late, short enough that a trainer
whose workers are gone learns it instead of watching a bar that never moves."""

CLUSTER_POLL = 0.5
"""Seconds between looks at a cluster run (finished chunks, Ctrl-C, workers left)."""

CLUSTER_FETCH = 5.0
"""Seconds to fetch one finished chunk's outcomes (about 100 kB) from its worker. Longer
means the worker went away with them: dask plays the chunk again, and the run looks
again later instead of waiting for ever on a worker that may never come."""

THREE_STARS_RARE = 0.01
"""If no strategy earns three stars in at least 1% of its games, the top mark is out of
reach (star thresholds or objectives too hard)."""


# ----------------------------------------------------------------------------- strategies


@dataclass(frozen=True)
class StrategySpec:
    """One plan to put in the trainee's seat: a controller spec as `Batch` takes it."""

    key: str      # 'strategy:<id>' or a doctrine name
    label: str    # what a trainer reads
    kind: str     # 'reference', 'yardstick', 'mistake' or 'doctrine'


def default_strategies(sc: Scenario) -> list[StrategySpec]:
    """The scenario's reference strategies for the player, the yardsticks, every doctrine."""
    player = sc.player_id
    specs = [StrategySpec(f"strategy:{st.id}", f"{st.id}: {text_of(st.name)}", "reference")
             for st in sc.strategies if st.side in (None, player)]
    for name in TRIVIAL:
        if name in REGISTRY:
            specs.append(StrategySpec(name, f"{name} bot", "yardstick"))
    for name in MISTAKES:
        if name in REGISTRY:
            specs.append(StrategySpec(name, f"{name} (a mistake)", "mistake"))
    for name in sorted(REGISTRY):
        if name not in TRIVIAL and name not in MISTAKES:
            specs.append(StrategySpec(name, f"{name} doctrine", "doctrine"))
    return specs


def resolve_strategies(sc: Scenario, names: Iterable[str] | None) -> list[StrategySpec]:
    """Specs for the given names (a reference strategy id, 'strategy:<id>' or a doctrine
    name); None means all of `default_strategies`. Unknown names raise KeyError."""
    every = default_strategies(sc)
    if names is None:
        return every
    by_key = {s.key: s for s in every}
    found = []
    for name in names:
        key = name if name in by_key else f"strategy:{name}"
        if key not in by_key:
            known = [s.key.removeprefix("strategy:") for s in every]
            raise KeyError(f"unknown strategy '{name}' (known: {', '.join(known)})")
        if by_key[key] not in found:
            found.append(by_key[key])
    return found


# ----------------------------------------------------------------------------- one chunk


@dataclass
class ChunkResult:
    """The player's outcomes in one chunk of games (small: it crosses process boundaries)."""

    strategy: str
    index: int
    totals: np.ndarray      # [n] score 0..100
    stars: np.ndarray       # [n] 0..3
    objectives: np.ndarray  # [n,O] bool
    lessons: np.ndarray     # [n,L] bool
    share: np.ndarray       # [n,T+1] player's market share per turn (start-demand weights)
    profit: np.ndarray      # [n] player's total profit over the game
    cash: np.ndarray        # [n] player's cash at the end
    parts: np.ndarray       # [n,4] scorecard perspectives 0..1 (PERSPECTIVES order)


def market_share_path(w: World, share_hist: np.ndarray) -> np.ndarray:
    """The player's market share at every turn [G,T+1], weighting accounts by their
    demand at the start (the state keeps per-account shares, not past demand)."""
    weights = w.demand / max(float(w.demand.sum()), 1e-12)
    return (share_hist[:, :, w.player, :] * weights).sum(-1).astype(np.float32)


def play_chunk(scenario: Scenario | World, strategy: str, seed: int, index: int, size: int,
               should_stop: Callable[[], bool] | None = None) -> ChunkResult | None:
    """Play chunk `index` (of `size` games) of a run seeded `seed` with `strategy` in the
    player's seat; None when `should_stop` said so before the chunk was finished.

    A top-level function of plain arguments, so process pools and dask can run it.
    """
    world = scenario if isinstance(scenario, World) else compile_world(scenario)
    b = Batch(world, chunk_seed(seed, index), size, {world.side_ids[world.player]: strategy}, explain=False)
    b.reset()
    while not b.done:
        if should_stop is not None and should_stop():
            return None
        b.step()
    st = b.state
    sc = score(world, st)
    p = world.player
    parts = np.stack([sc.parts[name] for name in PERSPECTIVES], axis=1).astype(np.float32)
    return ChunkResult(strategy, index, sc.total.astype(np.float32), sc.stars.astype(np.int8),
                       sc.objectives, sc.lessons, market_share_path(world, st.share_hist),
                       st.total_profit[:, p].astype(np.float32), st.cash[:, p].astype(np.float32), parts)


def _quiet_worker() -> None:
    """Worker processes leave Ctrl-C to the parent, which stops the run cleanly. They are
    born with Ctrl-C blocked (`ctrl_c_held`); ignoring it also drops one pressed while
    they started, and covers systems without signal masks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class LostWorkers(Exception):
    """The processes playing a run are gone (a worker process died, a cluster lost its
    scheduler or every worker): the run ends with the games already played."""


# ----------------------------------------------------------------------------- results


@dataclass
class StrategyResult:
    spec: StrategySpec
    totals: np.ndarray      # [n] score 0..100
    stars: np.ndarray       # [n]
    objectives: np.ndarray  # [n,O]
    lessons: np.ndarray     # [n,L]
    share: np.ndarray       # [n,T+1]
    profit: np.ndarray      # [n]
    cash: np.ndarray        # [n]
    parts: np.ndarray       # [n,4]

    def mean_of(self, name: str) -> float:
        """Mean of 'profit', 'cash' or a scorecard perspective (0..1) over the games."""
        if not self.games:
            return float("nan")
        if name in PERSPECTIVES:
            return float(self.parts[:, PERSPECTIVES.index(name)].mean())
        return float(getattr(self, name).mean())

    @property
    def games(self) -> int:
        return int(self.totals.shape[0])

    def percentile(self, q: float) -> float:
        return float(np.percentile(self.totals, q)) if self.games else float("nan")

    @property
    def mean(self) -> float:
        return float(self.totals.mean()) if self.games else float("nan")

    @property
    def spread(self) -> float:
        """10th to 90th percentile of the score, in points."""
        return self.percentile(90) - self.percentile(10)

    @property
    def star_shares(self) -> np.ndarray:
        """Share of games ending with 0, 1, 2 and 3 stars [4]."""
        counts = np.bincount(self.stars.astype(int), minlength=4)[:4]
        return counts / max(self.games, 1)

    @property
    def objective_rates(self) -> np.ndarray:
        return self.objectives.mean(0) if self.games else np.full(self.objectives.shape[1], np.nan)

    @property
    def lesson_rates(self) -> np.ndarray:
        return self.lessons.mean(0) if self.games else np.full(self.lessons.shape[1], np.nan)

    def share_band(self, q: float) -> np.ndarray:
        """A percentile of the player's market share at every turn [T+1]."""
        return np.percentile(self.share, q, axis=0) if self.games else np.full(self.share.shape[1], np.nan)

    @property
    def share_mean(self) -> np.ndarray:
        return self.share.mean(0) if self.games else np.full(self.share.shape[1], np.nan)


@dataclass
class BalanceWarning:
    kind: str        # dominant, mistake_wins, spread, luck, objective_unreached, objective_everybody, three_stars, no_reference
    message: str
    subject: str = ""  # the strategy or objective concerned


@dataclass
class BalanceResult:
    scenario: Scenario
    games: int                  # games asked for per strategy
    seed: int
    strategies: list[StrategyResult]
    partial: bool = False
    warnings: list[BalanceWarning] = field(default_factory=list)
    failure: str = ""  # why a run stopped early without being asked to (LostWorkers); "" otherwise

    @property
    def played(self) -> int:
        return sum(s.games for s in self.strategies)

    def to_dict(self) -> dict:
        """Plain numbers, for --json and for tests."""
        sc = self.scenario
        return {
            "scenario": sc.id, "games": self.games, "seed": self.seed, "partial": self.partial,
            "failure": self.failure,
            "objectives": [o.id for o in sc.objectives], "lessons": [lesson.id for lesson in sc.lessons],
            "strategies": [{
                "strategy": s.spec.key, "label": s.spec.label, "kind": s.spec.kind, "games": s.games,
                "mean": _num(s.mean), "p10": _num(s.percentile(10)), "p50": _num(s.percentile(50)),
                "p90": _num(s.percentile(90)),
                "stars": [_num(x) for x in s.star_shares],
                "objectives": {o.id: _num(r) for o, r in zip(sc.objectives, s.objective_rates)},
                "lessons": {lesson.id: _num(r) for lesson, r in zip(sc.lessons, s.lesson_rates)},
                "share": [_num(x) for x in s.share_mean],
                "profit": _num(s.mean_of("profit")), "cash": _num(s.mean_of("cash")),
                "scorecard": {name: _num(s.mean_of(name)) for name in PERSPECTIVES},
            } for s in self.strategies],
            "warnings": [{"kind": w.kind, "subject": w.subject, "message": w.message} for w in self.warnings],
        }


def mistakes_legend(result: BalanceResult) -> str:
    """The legend's words for the mistake rows played (none: ""), before "the rest: rival
    doctrines": they are no rival of the trainer's case, and a trainer must know them apart.
    A mistake this case never gave the chance to make is said to be one."""
    names = [s.spec.key for s in result.strategies if s.spec.kind == "mistake"]
    if not names:
        return ""
    what = "a plan the articles call a mistake" if len(names) == 1 else "plans the articles call mistakes"
    unmade = unmade_mistakes(result)
    note = "".join(f" ({key} played exactly as {base}: this case gave it no chance to make its mistake)"
                   for key, base in sorted(unmade.items()))
    return f"{', '.join(names)}: {what}{note}; "


def _plays_as(name: str) -> str | None:
    """The doctrine a mistake plays before making its mistake: its nearest registered parent."""
    doc = REGISTRY.get(name)
    parents = type(doc).__mro__[1:] if doc is not None else ()
    return next((c.name for c in parents if getattr(c, "name", None) in REGISTRY), None)


def unmade_mistakes(result: BalanceResult) -> dict[str, str]:
    """The mistake rows whose games are exactly those of the doctrine they build on (mistake
    -> that doctrine): the case never let them make their mistake (drop_idle where the
    trainee has business at every account), so the row says nothing of the mistake and
    must not warn that it pays."""
    rows = {s.spec.key: s for s in result.strategies if s.games}
    out = {}
    for s in rows.values():
        base = rows.get(_plays_as(s.spec.key) or "") if s.spec.kind == "mistake" else None
        if base is not None and s.games == base.games and np.array_equal(s.totals, base.totals) \
                and np.array_equal(s.share, base.share):
            out[s.spec.key] = base.spec.key
    return out


def _num(x: float) -> float | None:
    return None if x != x else round(float(x), 4)


# ----------------------------------------------------------------------------- the run


def balance(scenario: Scenario, games: int = DEFAULT_GAMES, seed: int = 0, workers: int = 1,
            strategies: Iterable[str] | None = None,
            progress: Callable[[int, int], None] | None = None,
            should_stop: Callable[[], bool] | None = None,
            cluster=None, cluster_wait: float = CLUSTER_WAIT) -> BalanceResult:
    """Play `games` games per strategy and judge the balance of the scenario.

    strategies: names as `resolve_strategies` takes them (default: all).
    workers: processes to spread the chunks over (1 = this process only).
    cluster: a dask.distributed scheduler address ('tcp://host:8786') or Client; the
      chunks then run on that cluster (needs the optional 'cluster' extra) and `workers`
      is ignored. A cluster with no worker for `cluster_wait` seconds counts as lost.
    progress(done, total): games played so far, after every chunk.
    should_stop(): polled between chunks (and turns, in this process); True stops the
      run, which returns what it has played with `partial` set.
    Losing the worker processes or the cluster also returns what was played, with
    `partial` set and `failure` saying what was lost.
    """
    if int(games) < 1:
        raise ValueError(f"games must be at least 1 (got {games})")
    specs = resolve_strategies(scenario, strategies)
    sizes = chunk_sizes(int(games))
    units = [(spec.key, i) for i in range(len(sizes)) for spec in specs]  # chunk-major: a stopped
    total = int(games) * len(specs)                                        # run covers every strategy
    done: dict[tuple[str, int], ChunkResult] = {}
    state = {"games": 0}

    def finished(res: ChunkResult) -> None:
        done[(res.strategy, res.index)] = res
        state["games"] += res.totals.shape[0]
        if progress is not None:
            progress(state["games"], total)

    if progress is not None:
        progress(0, total)
    failure = ""
    try:
        if cluster is not None:
            stopped = _run_dask(cluster, scenario, units, sizes, seed, finished, should_stop, cluster_wait)
        elif workers > 1 and len(units) > 1:
            stopped = _run_processes(scenario, units, sizes, seed, min(int(workers), len(units)), finished,
                                     should_stop)
        else:
            stopped = _run_here(scenario, units, sizes, seed, finished, should_stop)
    except LostWorkers as exc:
        stopped, failure = True, str(exc)

    world = compile_world(scenario)
    results = [_merge(spec, [done[(spec.key, i)] for i in range(len(sizes)) if (spec.key, i) in done], world)
               for spec in specs]
    out = BalanceResult(scenario, int(games), int(seed), results, partial=stopped or len(done) < len(units),
                        failure=failure)
    out.warnings = judge(out)
    return out


def _run_here(scenario, units, sizes, seed, finished, should_stop) -> bool:
    world = compile_world(scenario)
    for key, i in units:
        if should_stop is not None and should_stop():
            return True
        res = play_chunk(world, key, seed, i, sizes[i], should_stop)
        if res is None:
            return True
        finished(res)
    return False


def _run_processes(scenario, units, sizes, seed, workers, finished, should_stop) -> bool:
    # 'spawn' everywhere: the same behaviour on Linux, macOS and Windows, and no fork of a
    # parent that may be running a progress-bar thread.
    ctx = multiprocessing.get_context("spawn")
    if hasattr(signal, "pthread_sigmask"):
        # multiprocessing starts a helper process with the first pool, and starting it
        # unblocks Ctrl-C in this thread: start it before ctrl_c_held blocks Ctrl-C.
        resource_tracker.ensure_running()
    pool = None
    try:
        with ctrl_c_held():  # the pool starts its processes in here (when made or at the first submits)
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_quiet_worker)
            pending: set[Future] = {pool.submit(play_chunk, scenario, key, seed, i, sizes[i]) for key, i in units}
        return _drain(pool, pending, finished, should_stop)
    finally:
        if pool is not None:  # all done, or a second Ctrl-C: start no more chunks
            pool.shutdown(wait=True, cancel_futures=True)


def _drain(pool: ProcessPoolExecutor, pending: set[Future], finished, should_stop) -> bool:
    """Collect futures as they finish. On should_stop, drop the chunks not started, keep
    the ones already running (their games are played anyway) and say the run stopped. A
    worker process that dies (killed, out of memory) breaks the pool, which then finishes
    nothing more: every chunk finished is kept and LostWorkers says what happened."""
    stopped = False
    while pending:
        if not stopped and should_stop is not None and should_stop():
            # The pool's own thread drops them: cancelling futures from here races with it
            # when a worker dies at the same moment, and a future can then never finish.
            pool.shutdown(wait=False, cancel_futures=True)
            stopped = True
        pending = {f for f in pending if not f.cancelled()}  # wait() does not count those the pool dropped
        ready, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
        if _collect(ready, finished):
            _collect(pending, finished)  # chunks that finished just before the pool broke
            raise LostWorkers("a worker process ended abruptly (killed, or out of memory)")
    return stopped


def _collect(futures: Iterable[Future], finished) -> bool:
    """Pass on the results of the finished futures; True if one says the pool broke."""
    broken = False
    for f in futures:
        if not f.done() or f.cancelled():
            continue
        if isinstance(f.exception(), BrokenProcessPool):
            broken = True
        else:
            finished(f.result())  # any other error is a bug in the engine: let it show
    return broken


def _run_dask(cluster, scenario, units, sizes, seed, finished, should_stop, cluster_wait: float) -> bool:
    """Run the chunks on a dask cluster, looking every CLUSTER_POLL seconds for finished
    chunks, for should_stop and for a lost cluster; no wait here is without a limit.

    Left alone, dask waits for ever for a worker when every one is gone, and cancels
    every chunk, with a traceback per attempt to reconnect, when the scheduler goes. Both
    end the run here (LostWorkers) with the chunks already finished."""
    client, own = dask_client(cluster)
    try:
        from dask.distributed import KilledWorker

        where = f"the cluster at {client.scheduler.address}"
        pending = {client.submit(play_chunk, scenario, key, seed, i, sizes[i], pure=False) for key, i in units}
        alone_since = None  # when the cluster was first seen without a worker
        while pending:
            if should_stop is not None and should_stop():
                _cancel(client, pending)
                return True
            got, lost = False, None
            for f in [f for f in pending if f.done()]:
                try:
                    res = f.result(timeout=CLUSTER_FETCH)
                except TimeoutError:  # its worker went away with the games: dask plays them again
                    continue
                except (CancelledError, KilledWorker, OSError) as exc:  # scheduler gone, workers dying
                    pending.discard(f)
                    lost = lost or exc
                    continue
                pending.discard(f)
                finished(res)
                got = True
            if lost is not None:
                _cancel(client, pending)
                raise LostWorkers(_lost(where, lost))
            if got:
                alone_since = None
                continue
            if _worker_count(client) > 0:
                alone_since = None
            elif alone_since is None:
                alone_since = time.monotonic()
            elif time.monotonic() - alone_since >= cluster_wait:
                _cancel(client, pending)
                raise LostWorkers(f"lost {where}: it has had no worker for {cluster_wait:g} s")
            time.sleep(CLUSTER_POLL)
        return False
    finally:
        if own:
            client.close()


def _cancel(client, futures) -> None:
    """Ask the scheduler to drop these chunks (a client cut off from it has nobody to ask)."""
    from distributed.client import ClosedClientError

    try:
        client.cancel(list(futures))
    except ClosedClientError:
        pass


def _worker_count(client) -> int:
    """Workers the scheduler knows now (one small request; the last count known if the
    scheduler cannot be asked)."""
    info = client.scheduler_info(n_workers=0)
    return int(info.get("n_workers", len(info.get("workers", ()))))


def _lost(where: str, exc: BaseException) -> str:
    """One line for a chunk dask could not finish (its own message spans many lines)."""
    from dask.distributed import KilledWorker

    reason = getattr(exc, "reason", "")
    if reason == "scheduler-connection-lost":
        return f"lost {where}: the connection to its scheduler broke"
    if isinstance(exc, CancelledError):
        return f"lost {where}: it cancelled the run ({reason or 'no reason given'})"
    if isinstance(exc, KilledWorker):
        return f"lost {where}: the workers playing a chunk kept dying"
    return f"lost {where}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"


def dask_client(cluster):
    """A dask.distributed Client for an address (owned: closed after the run) or the
    Client given. Raises RuntimeError with the install hint if dask is missing,
    ValueError for something that is not a scheduler address and OSError when the
    scheduler cannot be reached."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise RuntimeError("running on a cluster needs dask.distributed: "
                           "pip install 'key-account-wars[cluster]'") from None
    if isinstance(cluster, Client):
        return cluster, False
    try:
        return Client(cluster, timeout=CONNECT_TIMEOUT), True
    except ValueError as exc:  # dask's words for it: "missing port number in address 'x'"
        raise ValueError(f"'{cluster}' is not a dask scheduler address ({exc}); "
                         "give one like tcp://10.0.0.5:8786") from None


def _merge(spec: StrategySpec, chunks: Sequence[ChunkResult], world: World) -> StrategyResult:
    O, L, T = len(world.scenario.objectives), len(world.scenario.lessons), world.T
    if not chunks:
        return StrategyResult(spec, np.zeros(0, np.float32), np.zeros(0, np.int8), np.zeros((0, O), bool),
                              np.zeros((0, L), bool), np.zeros((0, T + 1), np.float32), np.zeros(0, np.float32),
                              np.zeros(0, np.float32), np.zeros((0, len(PERSPECTIVES)), np.float32))
    cat = lambda name: np.concatenate([getattr(c, name) for c in chunks])  # noqa: E731
    return StrategyResult(spec, *(cat(name) for name in ("totals", "stars", "objectives", "lessons", "share",
                                                           "profit", "cash", "parts")))


# ----------------------------------------------------------------------------- judging


def win_chance(a: np.ndarray, b: np.ndarray) -> float:
    """Chance that one game drawn from a scores higher than one drawn from b (ties half)."""
    if not len(a) or not len(b):
        return float("nan")
    sb = np.sort(b)
    below = np.searchsorted(sb, a, side="left")
    equal = np.searchsorted(sb, a, side="right") - below
    return float((below + 0.5 * equal).sum() / (len(a) * len(b)))


def judge(result: BalanceResult) -> list[BalanceWarning]:
    """The signs of a badly balanced scenario, worst first."""
    out: list[BalanceWarning] = []
    played = [s for s in result.strategies if s.games]
    refs = [s for s in played if s.spec.kind == "reference"]
    trivial = [s for s in played if s.spec.key in TRIVIAL]
    sc = result.scenario
    if not any(st.side in (None, sc.player_id) for st in sc.strategies):
        out.append(BalanceWarning("no_reference", "the scenario has no reference strategies for the player: "
                                  "add the historical choice and the remedy under 'strategies' so the balance "
                                  "check can compare them with the yardstick bots"))
    if refs:
        best = max(refs, key=lambda s: s.mean)
        for t in trivial:
            if t.mean >= best.mean - DOMINANCE_MARGIN:
                out.append(BalanceWarning(
                    "dominant", f"dominant strategy: the trivial '{t.spec.key}' bot scores {t.mean:.1f} on average, "
                    f"{'more than' if t.mean > best.mean else 'as much as'} the best reference strategy "
                    f"'{best.spec.key.removeprefix('strategy:')}' ({best.mean:.1f}): a plan is not rewarded",
                    t.spec.key))
        unmade = unmade_mistakes(result)
        for m in (s for s in played if s.spec.kind == "mistake" and s.spec.key not in unmade):
            if m.mean >= best.mean - DOMINANCE_MARGIN:
                out.append(BalanceWarning(
                    "mistake_wins", f"a mistake pays: '{m.spec.key}' scores {m.mean:.1f} on average, "
                    f"{'more than' if m.mean > best.mean else 'as much as'} the best reference strategy "
                    f"'{best.spec.key.removeprefix('strategy:')}' ({best.mean:.1f})", m.spec.key))
        rnd = next((s for s in trivial if s.spec.key == "random"), None)
        if rnd is not None:
            p = win_chance(best.totals, rnd.totals)
            if p < LUCK_LIMIT:
                out.append(BalanceWarning(
                    "luck", f"luck decides: a game of the best reference strategy "
                    f"'{best.spec.key.removeprefix('strategy:')}' beats a game of the random bot only "
                    f"{p:.0%} of the time (want at least {LUCK_LIMIT:.0%})", best.spec.key))
    for s in played:
        if s.spread > SPREAD_LIMIT:
            out.append(BalanceWarning(
                "spread", f"wide spread: '{s.spec.key.removeprefix('strategy:')}' scores from {s.percentile(10):.0f} "
                f"to {s.percentile(90):.0f} (10th to 90th percentile, {s.spread:.0f} points; limit {SPREAD_LIMIT:.0f}): "
                "luck decides more than the plan", s.spec.key))
    # With only some strategies played (--strategy), "no strategy" means none of those.
    if played:
        rates = np.stack([s.objective_rates for s in played])  # [strategies, O]
        for j, o in enumerate(result.scenario.objectives):
            best_rate, worst_rate = rates[:, j].max(), rates[:, j].min()
            if best_rate < NOBODY:
                out.append(BalanceWarning(
                    "objective_unreached", f"objective '{o.id}' is out of reach: no strategy meets it in "
                    f"{NOBODY:.0%} of its games (best {best_rate:.1%})", o.id))
            elif worst_rate >= EVERYBODY and any(s.spec.key == "random" for s in played):
                out.append(BalanceWarning(
                    "objective_everybody", f"objective '{o.id}' asks nothing: every strategy, the random bot included, "
                    f"meets it in at least {worst_rate:.0%} of its games", o.id))
        three = max(s.star_shares[3] for s in played)
        if three < THREE_STARS_RARE:
            out.append(BalanceWarning(
                "three_stars", f"three stars are out of reach: no strategy earns them in {THREE_STARS_RARE:.0%} of its "
                f"games (best {three:.1%}); lower scorecard.stars or ease the objectives"))
    return out
