"""Classroom speed figures (a benchmark script, not a timed test), loopback only.

    python bench/classroom.py

1. resolving one quarter for 30 parallel teams (engine step + store write), target <= 50 ms;
2. a team page's response (GET /api/team) median over a real uvicorn on 127.0.0.1, <= 100 ms;
3. a small load run: 30 teams x 3 clients polling their page and submitting, bounded in
   requests and seconds, with the p95 latency.
"""
from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

# This file is named like the package it measures: take its own folder off the path
# (Python put it first) so `classroom` is the package, and reach the tests' helpers.
HERE, REPO = Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path[:0] = [str(REPO)]
sys.path.append(str(REPO / "tests" / "classroom"))

import httpx2  # noqa: E402

from class_helpers import free_port, start_server  # noqa: E402
from classroom.session import Classroom  # noqa: E402

TEAMS = 30
PLAN = {"rep_days": {"huaxin": {"gm": 10}}, "service": {"huaxin": 2}}


def resolve_figure(folder: Path, classes: int = 3) -> float:
    """Median time to resolve a quarter for TEAMS teams that all submitted, over every
    quarter of a few classes (the machine is shared: one class's six quarters are noisy)."""
    times = []
    for c in range(classes):
        room = Classroom.create(folder / f"bench{c}.db", "tutorial", TEAMS, seed=1)
        for t in room.teams:
            room.submit(t, PLAN)
        for _ in range(room.scenario.turns):
            for t in room.teams:
                room.teams[t.idx].submitted = PLAN  # as submitted (checked once already)
            t0 = time.perf_counter()
            room.resolve()
            times.append(time.perf_counter() - t0)
        room.store.close()
    return statistics.median(times) * 1000


async def load_run(base: str, tokens: list[str], seconds: float = 15.0, max_requests: int = 3000) -> list[float]:
    lat: list[float] = []
    stop = time.perf_counter() + seconds
    async with httpx2.AsyncClient(base_url=base, timeout=10, limits=httpx2.Limits(max_connections=90)) as client:
        async def one(token: str, k: int) -> None:
            h = {"Authorization": f"Bearer {token}"}
            i = 0
            await asyncio.sleep(random.uniform(0, 2.0))  # people do not all click at the same instant
            while time.perf_counter() < stop and len(lat) < max_requests:
                t0 = time.perf_counter()
                if k == 0 and i % 4 == 3:
                    await client.post("/api/team/submit", headers=h, json={"orders": PLAN})
                    await client.post("/api/team/withdraw", headers=h)
                else:
                    await client.get("/api/team", headers=h)
                lat.append(time.perf_counter() - t0)
                i += 1
                await asyncio.sleep(2.0)  # the page polls every 4 s: this is twice as busy
        await asyncio.gather(*(one(t, k) for t in tokens for k in range(3)))
    return lat


def main() -> None:
    random.seed(1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"resolve a quarter, {TEAMS} parallel teams: {resolve_figure(folder):.1f} ms (median; target <= 50 ms)")
        port = free_port()
        proc, key = start_server(folder / "serve.db", port, "--teams", str(TEAMS))
        try:
            base = f"http://127.0.0.1:{port}"
            # Joins are rate-limited per address, so the 30 teams' tokens are read from
            # the class's store (the trainer's own file) instead of 30 joins from one address.
            from classroom.store import Store
            store = Store(folder / "serve.db")
            tokens = [t.token for t in store.teams()]
            store.close()
            httpx2.post(f"{base}/api/join", json={"code": "NOTACODE"})
            with httpx2.Client(base_url=base) as c:
                h = {"Authorization": f"Bearer {tokens[0]}"}
                c.get("/api/team", headers=h)
                one = []
                for _ in range(50):
                    t0 = time.perf_counter()
                    c.get("/api/team", headers=h)
                    one.append(time.perf_counter() - t0)
            print(f"team page (GET /api/team) on loopback: median {statistics.median(one) * 1000:.1f} ms (target <= 100 ms)")
            lat = asyncio.run(load_run(base, tokens))
            lat.sort()
            print(f"load: {TEAMS} teams x 3 clients, {len(lat)} requests: median {statistics.median(lat) * 1000:.1f} ms, "
                  f"p95 {lat[int(0.95 * (len(lat) - 1))] * 1000:.1f} ms")
        finally:
            proc.kill()
            proc.wait(10)


if __name__ == "__main__":
    main()
