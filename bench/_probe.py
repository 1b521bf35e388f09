"""One figure for bench/compare.py, measured in this fresh process against the engine of
the tree given: `python bench/_probe.py TREE WHAT GAMES` prints {"value": ...} as JSON.

Only API that every landed version has is used, so an old commit can be measured too.
"""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

LARGEST_SHIPPED = "internal_collapse"


def legal_maximum(path: Path) -> Path:
    """The largest scenario the format allows: 15 accounts x 8 people x 5 sides."""
    import yaml

    sides = [{"id": "us", "name": "Us", "reps": 8}] + [
        {"id": f"r{i}", "name": f"Rival {i}", "reps": 6, "doctrine": d}
        for i, d in enumerate(("defender", "flanker", "blitzer", "frontal"), 1)]
    levels = ["operational", "operational", "operational", "management", "management",
              "management", "decision", "decision"]
    accounts = []
    for a in range(15):
        people = [{"id": f"p{k}", "name": f"P{k}", "level": levels[k], "influence": 1 + k % 3,
                   "stance": {"us": 1.0 if k % 2 else 0.5, "r1": 1.0, "r2": 0.5}} for k in range(8)]
        accounts.append({"id": f"a{a}", "name": f"Account {a}", "tier": "ABC"[a % 3], "demand": 1 + a % 5,
                         "shares": {"us": 0.3, "r1": 0.2, "r2": 0.1}, "stakeholders": people})
    doc = {"schema": 1, "id": "legal_maximum", "title": "Largest legal scenario", "turns": 12,
           "sides": sides, "accounts": accounts}
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def a_persons_orders(m, seen) -> dict:
    """What a trainee might send in a quarter: most rep days spread over every account's
    people, executive visits to the top person of the largest accounts, service, a price
    cut and a solution where the business is. Effort goes to people where the tree's
    orders name people, to buying-center levels where an older tree's name levels."""
    from engine.orders import Orders

    accounts = sorted(seen.accounts, key=lambda a: -a.demand)
    try:  # an older tree's Orders take levels as keys, and nothing else
        by_person = not m.check(Orders(rep_days={accounts[0].id: {accounts[0].stakeholders[0].id: 0.0}}))
    except ValueError:
        by_person = False
    per_account = 0.9 * seen.capacity_days / len(accounts)
    days, visits = {}, {}
    for a in accounts:
        keys = [p.id if by_person else p.level for p in a.stakeholders]
        days[a.id] = {}
        for key in keys:
            days[a.id][key] = days[a.id].get(key, 0.0) + per_account / len(keys)
    for a in accounts[:seen.exec_visits]:
        top = max(a.stakeholders, key=lambda p: p.influence)
        visits[a.id] = {top.id if by_person else top.level: 1}
    big = [a.id for a in accounts[:3]]
    return Orders(rep_days=days, exec_visits=visits, service={aid: 1.0 for aid in big},
                  price_cut={big[0]: 0.02}, solution={big[1]: 0.1})


def main() -> None:
    tree, what, games = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sys.path.insert(0, tree)
    t0 = time.perf_counter()
    import engine
    imported = time.perf_counter() - t0
    assert Path(engine.__file__).resolve().is_relative_to(Path(tree).resolve()), engine.__file__
    from engine import Batch, Match, load_scenario

    if what == "import":
        value = imported * 1e3
    elif what in ("batch_shipped", "batch_legal"):
        if what == "batch_shipped":
            sc = load_scenario(LARGEST_SHIPPED)
        else:
            sc = load_scenario(legal_maximum(Path(tempfile.mkdtemp()) / "legal_maximum.yaml"))
        b = Batch(sc, 1, games, {sc.sides[0].id if sc.player is None else sc.player: "defender"})
        # CPU time of this one-thread run: a busy machine stretches wall time far more.
        t0 = time.process_time()
        b.reset()
        b.run()
        value = time.process_time() - t0
    elif what in ("turn", "observe"):
        sc = load_scenario(LARGEST_SHIPPED)
        player = sc.player or sc.sides[0].id
        steps, looks = [], []
        for seed in range(3):
            m = Match(sc, seed, controllers={player: "defender"})
            m.reset()
            while not m.done:
                t0 = time.perf_counter()
                m.step()
                steps.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                m.observe()
                looks.append(time.perf_counter() - t0)
        value = statistics.median(steps if what == "turn" else looks) * 1e3
    elif what == "person_turn":
        # The turn a person waits for: Match.step with a person's orders, then the
        # observation the screen shows. Orders are made before the clock starts.
        sc = load_scenario(LARGEST_SHIPPED)
        turns = []
        for seed in range(3):
            m = Match(sc, seed)
            m.reset()
            seen = m.observe()
            while not m.done:
                orders = a_persons_orders(m, seen)
                t0 = time.perf_counter()
                m.step(orders)
                seen = m.observe()
                turns.append(time.perf_counter() - t0)
        value = statistics.median(turns) * 1e3
    elif what in ("turns_reset", "turns_step", "turns_observe"):
        # For bench/instructions.py: `games` interactive games reset (and, unless
        # turns_reset, played to the end with a bot in the player's seat), after one
        # unmeasured game so every code path has run once. The instructions of
        # turns_step minus those of turns_reset are the games' turns alone.
        sc = load_scenario(LARGEST_SHIPPED)
        ctl = {(sc.player or sc.sides[0].id): "defender"}
        m = Match(sc, 10_000, controllers=ctl)
        m.reset()
        while not m.done:
            m.step()
            m.observe()
        matches = [Match(sc, seed, controllers=ctl) for seed in range(games)]
        for m in matches:
            m.reset()
        turns = 0
        for m in matches if what != "turns_reset" else []:
            while not m.done:
                m.step()
                if what == "turns_observe":
                    m.observe()
                turns += 1
        value = turns
    elif what in ("turns_person", "turns_person_reset"):
        # For bench/instructions.py: as person_turn, counted (the orders' making included:
        # building Orders validates them, as a window or a browser's do), after one
        # unmeasured game; turns_person_reset is the same without the games' turns.
        sc = load_scenario(LARGEST_SHIPPED)
        turns = 0
        for i, seed in enumerate([10_000] + list(range(games))):
            m = Match(sc, seed)
            m.reset()
            seen = m.observe()
            while not m.done and (i == 0 or what == "turns_person"):
                m.step(a_persons_orders(m, seen))
                seen = m.observe()
                turns += i > 0
        value = turns
    elif what == "memory":
        import tracemalloc

        sc = load_scenario(LARGEST_SHIPPED)
        n = min(games, 2000)
        ctl = {(sc.player or sc.sides[0].id): "defender"}
        # A whole game of a smaller batch first, not counted: modules a run imports
        # lazily (numba's alone is ~28 MB) and compiled kernels are paid once per process,
        # not per game, and would otherwise be divided among these games.
        Batch(sc, 2, 256, ctl).run()
        b = Batch(sc, 1, n, ctl)
        tracemalloc.start()
        b.reset()
        b.run()
        _, peak = tracemalloc.get_traced_memory()
        value = peak / n / 1024
    else:
        raise SystemExit(f"unknown figure {what}")
    print(json.dumps({"value": value}))


if __name__ == "__main__":
    main()
