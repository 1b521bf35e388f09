"""bench/ui.py still drives the planning screen it times: it moved days by buying-center
level ("decision") after days went to people, and crashed before printing a figure.
Run here at a few frames (the timing itself is the benchmark's, not a test's)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from support import bench_module  # noqa: E402


def test_the_ui_benchmark_drives_the_planning_screen(save_dir):
    times = bench_module("ui").frame_times("blitz", 3)
    assert {k: len(v) for k, v in times.items()} == {"render": 3, "tick": 3, "change": 3}
    assert all(t > 0 for v in times.values() for t in v)
