"""kaw balance on a dask cluster that goes away: losing every worker, losing the scheduler
or a --cluster that is no address ends the run in one line, in a bounded time, with the
games already played (as Ctrl-C does), never a hang or a traceback.

The cluster is a scheduler and a worker in their own processes on 127.0.0.1, so a test
can kill them as a crash would. The limits on waiting are generous and only keep a
broken run from hanging the suite.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine import load_scenario
from kaw.balance import balance
from kaw.balance_report import render
from kaw.trainer import app
from engine.runner import CHUNK

distributed = pytest.importorskip("distributed")

REPO = Path(__file__).resolve().parent.parent
TUT = load_scenario(REPO / "scenarios" / "tutorial.yaml")
PATIENCE = 120  # seconds: only against a hang


class Cluster:
    """A dask scheduler and one single-threaded worker, each its own process."""

    def __init__(self, tmp_path: Path):
        file = tmp_path / "scheduler.json"
        quiet = dict(cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.scheduler = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
             "--no-dashboard", "--scheduler-file", str(file)], **quiet)
        self.worker = None
        self.address = self._read_address(file)
        self.worker = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", self.address, "--no-nanny", "--nthreads", "1",
             "--host", "127.0.0.1", "--no-dashboard"], **quiet)
        with distributed.Client(self.address, timeout=PATIENCE) as client:
            client.wait_for_workers(1, timeout=PATIENCE)

    def _read_address(self, file: Path) -> str:
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            try:
                return json.loads(file.read_text(encoding="utf-8"))["address"]
            except (OSError, ValueError, KeyError):  # not written yet, or half written
                assert self.scheduler.poll() is None, "the dask scheduler did not start"
                time.sleep(0.05)
        raise AssertionError("the dask scheduler did not start")

    def kill(self, *procs: subprocess.Popen | None) -> None:
        for proc in procs:
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()

    def close(self) -> None:
        self.kill(self.worker, self.scheduler)


@pytest.fixture
def cluster(tmp_path):
    c = Cluster(tmp_path)
    try:
        yield c
    finally:
        c.close()


def run_guarded(**kwargs):
    """balance(...) in a thread that may not take longer than PATIENCE: a run that waits for
    ever fails the test instead of hanging it."""
    box = {}

    def run():
        try:
            box["result"] = balance(TUT, **kwargs)
        except BaseException as exc:  # noqa: BLE001  (shown by the test)
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(PATIENCE)
    assert not thread.is_alive(), "the run hangs"
    if "error" in box:
        raise box["error"]
    return box["result"]


def after_first_chunk(action):
    """A progress callback that does `action` once, when the first chunk is in."""
    done = []

    def progress(played, total):
        if played and not done:
            done.append(played)
            action()

    return progress


def test_losing_every_worker_stops_with_the_games_played(cluster):
    res = run_guarded(games=6 * CHUNK, seed=4, strategies=["depth"], cluster=cluster.address, cluster_wait=1.0,
                      progress=after_first_chunk(lambda: cluster.kill(cluster.worker)))
    assert res.partial and "no worker for 1 s" in res.failure and cluster.address in res.failure
    assert CHUNK <= res.played < 6 * CHUNK and res.played % CHUNK == 0
    assert res.failure in render(res)


def test_losing_the_scheduler_stops_with_the_games_played(cluster):
    res = run_guarded(games=6 * CHUNK, seed=4, strategies=["depth"], cluster=cluster.address,
                      progress=after_first_chunk(lambda: cluster.kill(cluster.scheduler)))
    assert res.partial and "scheduler" in res.failure and "\n" not in res.failure
    assert CHUNK <= res.played < 6 * CHUNK


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX process groups")
def test_the_command_says_in_one_line_that_the_cluster_is_lost(cluster, tmp_path):
    """No log lines or tracebacks from dask: the table of what was played, PARTIAL, and
    one error line (exit code 1)."""
    html = tmp_path / "lost.html"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kaw.trainer", "balance", "tutorial", "--games", "200000", "-s", "depth",
         "--cluster", cluster.address, "--html", str(html)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "COLUMNS": "120"})
    try:
        first = proc.stderr.readline()
        assert "Playing 200,000 games" in first, first
        time.sleep(1)
        cluster.kill(cluster.scheduler)
        out, err = proc.communicate(timeout=PATIENCE)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    assert proc.returncode == 1, (out, err)
    assert "PARTIAL" in out and "Traceback" not in out + err, (out, err)
    errors = [line for line in err.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith("error: lost the cluster at"), err
    assert "Partial run" in html.read_text(encoding="utf-8")


def test_a_cluster_that_is_no_address_is_a_usage_error():
    result = CliRunner().invoke(app, ["balance", "tutorial", "-n", "10", "--cluster", "not a url"],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 2, result.output
    assert "'not a url' is not a dask scheduler address" in result.output and "tcp://" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
