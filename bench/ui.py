"""Front-end benchmark: planning-screen frame time at 1280x720 and time to first frame.

    .venv/bin/python bench/ui.py [--frames 300] [--scenario tutorial]

Frame time is measured in-process on the planning screen of each scenario, three ways:
  render  - painting one frame into the window surface (scenes + pygame_gui), the
            part the "<= 8 ms median" target is about;
  tick    - a whole idle loop iteration: events, update, render and display flip;
  change  - a tick right after a lever moved (the cached canvas is repainted).
Time to first frame is measured from outside: a fresh `python -m game.app` process,
from spawn until the first frame is on screen (the process exits right after it).
Uses the real display if one is set, else SDL's offscreen driver.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _stats(xs: list[float]) -> str:
    xs = sorted(xs)
    p95 = xs[min(len(xs) - 1, int(0.95 * len(xs)))]
    return f"median {statistics.median(xs):6.2f} ms   p95 {p95:6.2f} ms   max {xs[-1]:6.2f} ms"


def first_frame(scenario: str | None, runs: int = 3) -> list[float]:
    env = dict(os.environ, KAW_EXIT_AFTER_FIRST_FRAME="1", PYGAME_HIDE_SUPPORT_PROMPT="1",
               KAW_SAVE_DIR=str(Path(os.environ.get("TMPDIR", "/tmp")) / "kaw-bench-saves"))
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("SDL_VIDEODRIVER", "dummy")
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    out = []
    for _ in range(runs):
        cmd = [sys.executable, "-m", "game.app"] + ([scenario] if scenario else [])
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
        out.append(time.perf_counter() - t0)
    return out


def frame_times(scenario: str, frames: int) -> dict[str, list[float]]:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("KAW_SAVE_DIR", str(Path(os.environ.get("TMPDIR", "/tmp")) / "kaw-bench-saves"))
    from game.app import App
    from game.driver import Driver

    app = App(seed=1)
    drv = Driver(app)
    app.new_game(scenario)
    drv.wait_for("briefing")
    drv.click("start")
    drv.wait_for("planning")
    plan = drv.scene
    drv.tick(30)                                   # warm caches
    render, tick, change = [], [], []
    for _ in range(frames):
        t = time.perf_counter()
        app.render(app.screen)
        render.append((time.perf_counter() - t) * 1000)
    for _ in range(frames):
        t = time.perf_counter()
        app.tick(events=[], dt=1 / 60)
        tick.append((time.perf_counter() - t) * 1000)
    aid = plan.selected
    person = plan.obs.account(aid).stakeholders[0].id
    for i in range(min(frames, 100)):
        plan.set_days(person, (i % 10) * 2)            # what a move of a person's days slider does
        t = time.perf_counter()
        app.tick(events=[], dt=1 / 60)
        change.append((time.perf_counter() - t) * 1000)
    assert plan.selected == aid
    app.ui.clear_and_reset()
    return {"render": render, "tick": tick, "change": change}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=300)
    ap.add_argument("--scenario", action="append", help="scenario(s) to time (default: every shipped one)")
    ap.add_argument("--skip-first-frame", action="store_true")
    args = ap.parse_args()
    from engine import shipped

    scenarios = args.scenario or list(shipped())
    driver = "offscreen (dummy)" if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) else "real display"
    print(f"Key Account Wars UI benchmark — 1280x720, {driver}, {args.frames} frames\n")
    worst = 0.0
    for sc in scenarios:
        res = frame_times(sc, args.frames)
        worst = max(worst, statistics.median(res["render"]))
        print(f"planning screen: {sc}")
        for k in ("render", "tick", "change"):
            print(f"  {k:<7} {_stats(res[k])}")
    print(f"\nplanning render, worst scenario median: {worst:.2f} ms (target <= 8 ms): "
          f"{'OK' if worst <= 8 else 'OVER'}")
    if not args.skip_first_frame:
        for label, sc in (("title screen", None), ("tutorial briefing", "tutorial")):
            ts = first_frame(sc)
            print(f"time to first frame ({label}, fresh process): median {statistics.median(ts):.2f} s "
                  f"(runs: {', '.join(f'{t:.2f}' for t in ts)}; target <= 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
