"""How validation and play grow with the number of events (issue: they must stay linear).

    .venv/bin/python bench/events.py

Writes copies of the tutorial with N repeating events (N = 500 .. 4,000; a 1 MB file
holds about 4,500), and prints for each N the time to validate the file and to play the
game with a bot, and the time per event, so a superlinear step shows as a growing column.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import Match, load_with_warnings, shipped  # noqa: E402


def many_events(n: int, folder: Path) -> Path:
    d = yaml.safe_load(shipped()["tutorial"].read_text(encoding="utf-8"))
    d["id"] = f"events_{n}"
    d["events"] = [{"id": f"e{i}", "title": "tick", "when": {"chance": 0.1, "repeat": True},
                    "effects": [{"kind": "demand_change", "account": "huaxin", "factor": 1.0}]} for i in range(n)]
    d["lessons"] = [lesson for lesson in d["lessons"]
                    if not any(c.get("metric") == "event_fired" for c in lesson["when"])]
    path = folder / f"events_{n}.yaml"
    path.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    print(f"{'events':>7} {'validate s':>11} {'per event ms':>13} {'play s':>8} {'per event ms':>13}")
    for n in (500, 1000, 2000, 4000):
        path = many_events(n, folder)
        t = time.perf_counter()
        sc, _ = load_with_warnings(path)
        v = time.perf_counter() - t
        t = time.perf_counter()
        m = Match(sc, 1, {sc.player_id: "defender"})
        m.reset()
        while not m.done:
            m.step()
        p = time.perf_counter() - t
        print(f"{n:7d} {v:11.2f} {v / n * 1e3:13.3f} {p:8.2f} {p / n * 1e3:13.3f}")


if __name__ == "__main__":
    main()
