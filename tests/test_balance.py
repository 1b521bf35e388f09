"""kaw balance: the same figures whatever runs the games, the warnings a trainer relies on,
a clean stop with partial results, the HTML report and the command line."""
from __future__ import annotations

import json
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from engine import DOCTRINES, load_scenario, score
from kaw.balance import (BalanceResult, StrategyResult, StrategySpec, balance, default_strategies, judge,
                            resolve_strategies, win_chance)
from kaw.balance_report import render, write_report
from kaw.trainer import app
from engine.runner import CHUNK, can_fork, run_games
from engine.world import compile_world

REPO = Path(__file__).resolve().parent.parent
TUT = load_scenario(REPO / "scenarios" / "tutorial.yaml")
runner = CliRunner()


@pytest.fixture(scope="module")
def small_run() -> BalanceResult:
    return balance(TUT, games=200, seed=3)


# --------------------------------------------------------------------------- strategies


def test_every_plan_sits_in_the_trainees_seat():
    specs = default_strategies(TUT)
    keys = [s.key for s in specs]
    n = len(TUT.strategies)
    assert keys[:n] == [f"strategy:{s.id}" for s in TUT.strategies]
    assert keys[:3] == ["strategy:even", "strategy:depth", "strategy:price_war"]
    assert keys[n:n + 2] == ["random", "balanced"]
    assert keys[n + 2:n + 6] == ["teams_everywhere", "drop_idle", "price_everywhere", "decision_only"]
    assert set(keys[n + 6:]) == set(DOCTRINES) - {"random", "balanced"} - set(keys[n + 2:n + 6])
    assert {s.kind for s in specs} == {"reference", "yardstick", "mistake", "doctrine"}


def test_strategies_by_name():
    assert [s.key for s in resolve_strategies(TUT, ["depth", "strategy:even", "defender", "depth"])] == [
        "strategy:depth", "strategy:even", "defender"]
    with pytest.raises(KeyError, match="unknown strategy 'nope'.*depth"):
        resolve_strategies(TUT, ["nope"])


# --------------------------------------------------------------------------- the same games


def test_balance_plays_exactly_the_runners_games():
    res = balance(TUT, games=300, seed=5, strategies=["depth"])
    w = compile_world(TUT)
    st = run_games(w, 5, 300, {TUT.player_id: "strategy:depth"}, threads=1)
    expected = score(w, st)
    got = res.strategies[0]
    assert got.games == 300 and not res.partial
    np.testing.assert_allclose(got.totals, expected.total, rtol=1e-6)
    np.testing.assert_allclose(got.profit, st.total_profit[:, w.player], rtol=1e-6)
    np.testing.assert_allclose(got.cash, st.cash[:, w.player], rtol=1e-6)
    np.testing.assert_allclose(got.parts[:, 0], expected.parts["financial"], rtol=1e-6)
    assert got.mean_of("profit") == pytest.approx(float(st.total_profit[:, w.player].mean()), rel=1e-5)
    assert np.array_equal(got.stars, expected.stars)
    assert np.array_equal(got.objectives, expected.objectives)


def test_worker_processes_give_the_same_figures():
    games = CHUNK + 100  # two chunks per strategy
    one = balance(TUT, games=games, seed=11, strategies=["depth", "random"], workers=1)
    two = balance(TUT, games=games, seed=11, strategies=["depth", "random"], workers=2)
    for a, b in zip(one.strategies, two.strategies):
        assert a.games == b.games == games
        assert np.array_equal(a.totals, b.totals)
        assert np.array_equal(a.share, b.share)
        assert np.array_equal(a.objectives, b.objectives)
    assert [w.message for w in one.warnings] == [w.message for w in two.warnings]


def test_the_seed_matters(small_run):
    other = balance(TUT, games=200, seed=4, strategies=["random"])
    mine = next(s for s in small_run.strategies if s.spec.key == "random")
    assert not np.array_equal(other.strategies[0].totals, mine.totals)


def test_result_shapes_and_json(small_run):
    T, O, L = TUT.turns, len(TUT.objectives), len(TUT.lessons)
    for s in small_run.strategies:
        assert s.totals.shape == (200,) and s.share.shape == (200, T + 1)
        assert s.objectives.shape == (200, O) and s.lessons.shape == (200, L)
        assert s.star_shares.sum() == pytest.approx(1.0)
        assert 0 <= s.percentile(10) <= s.percentile(50) <= s.percentile(90) <= 100
    start = float((np.array([0.4, 0.3, 0.5]) * np.array([6.0, 3.0, 1.5])).sum() / 10.5)
    assert small_run.strategies[0].share_mean[0] == pytest.approx(start, abs=1e-6)
    doc = json.loads(json.dumps(small_run.to_dict()))
    assert doc["scenario"] == "tutorial" and len(doc["strategies"]) == len(small_run.strategies)
    assert set(doc["strategies"][0]["objectives"]) == {o.id for o in TUT.objectives}
    assert set(doc["strategies"][0]["scorecard"]) == {"financial", "customer", "process", "learning"}
    assert isinstance(doc["strategies"][0]["profit"], float) and isinstance(doc["strategies"][0]["cash"], float)


# --------------------------------------------------------------------------- progress and stopping


def test_progress_counts_every_game():
    seen = []
    balance(TUT, games=CHUNK + 10, strategies=["depth", "even"], progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 2 * (CHUNK + 10)) and seen[-1] == (2 * (CHUNK + 10),) * 2
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_should_stop_gives_partial_results_for_every_strategy():
    done = []
    res = balance(TUT, games=3 * CHUNK, strategies=["depth", "random"],
                  progress=lambda d, t: done.append(d), should_stop=lambda: len(done) >= 3)
    assert res.partial
    assert [s.games for s in res.strategies] == [CHUNK, CHUNK]  # chunk 0 of each, in order
    full = balance(TUT, games=CHUNK, strategies=["depth", "random"])
    for a, b in zip(res.strategies, full.strategies):
        assert np.array_equal(a.totals, b.totals)  # the games played are the run's first games


def test_stop_before_anything_ran():
    res = balance(TUT, games=100, strategies=["depth"], should_stop=lambda: True)
    assert res.partial and res.played == 0 and res.strategies[0].games == 0
    assert "0 of 100" in render(res) or "0 of" in render(res)


def test_worker_processes_stop_too():
    done = []
    res = balance(TUT, games=4 * CHUNK, strategies=["depth", "random"], workers=2,
                  progress=lambda d, t: done.append(d), should_stop=lambda: len(done) >= 2)
    assert res.partial and 0 < res.played < 8 * CHUNK


# --------------------------------------------------------------------------- warnings


def fake(key: str, kind: str, totals, objectives=None, stars=None) -> StrategyResult:
    totals = np.asarray(totals, dtype=np.float32)
    n = len(totals)
    objectives = np.zeros((n, len(TUT.objectives)), bool) if objectives is None else np.asarray(objectives, bool)
    stars = np.ones(n, np.int8) if stars is None else np.asarray(stars, np.int8)
    return StrategyResult(StrategySpec(key, key, kind), totals, stars, objectives,
                          np.zeros((n, len(TUT.lessons)), bool), np.zeros((n, TUT.turns + 1), np.float32),
                          np.zeros(n, np.float32), np.zeros(n, np.float32), np.zeros((n, 4), np.float32))


def kinds(*strategies) -> list[str]:
    return [w.kind for w in judge(BalanceResult(TUT, 1000, 0, list(strategies)))]


RNG = np.random.default_rng(0)


def around(mean: float, spread: float = 4.0, n: int = 1000) -> np.ndarray:
    """n scores with exactly this mean and standard deviation."""
    x = RNG.normal(0.0, 1.0, n)
    return (x - x.mean()) / x.std() * spread + mean


def met(*rates, n: int = 1000) -> np.ndarray:
    return np.stack([np.arange(n) < r * n for r in rates], axis=1)


GOOD = dict(objectives=met(0.5, 0.5, 0.5), stars=np.r_[np.full(900, 2), np.full(100, 3)])


def test_a_well_balanced_run_has_no_warnings():
    assert kinds(fake("strategy:depth", "reference", around(80), **GOOD),
                 fake("random", "yardstick", around(60), objectives=met(0.1, 0.2, 0.1))) == []


def test_dominant_trivial_strategy():
    found = judge(BalanceResult(TUT, 1000, 0, [fake("strategy:depth", "reference", around(70), **GOOD),
                                               fake("balanced", "yardstick", around(72), **GOOD)]))
    assert [w.kind for w in found] == ["dominant"]
    assert "'balanced'" in found[0].message and "depth" in found[0].message


def test_a_mistake_that_scores_like_the_remedy_is_reported():
    found = judge(BalanceResult(TUT, 1000, 0, [fake("strategy:depth", "reference", around(70), **GOOD),
                                               fake("teams_everywhere", "mistake", around(70.5), **GOOD),
                                               fake("price_everywhere", "mistake", around(55), **GOOD)]))
    assert [w.kind for w in found] == ["mistake_wins"]
    assert "'teams_everywhere'" in found[0].message and "depth" in found[0].message


def test_the_mistake_yardsticks_are_played_by_default():
    specs = {s.key: s.kind for s in default_strategies(TUT)}
    assert all(specs.get(m) == "mistake" for m in ("teams_everywhere", "drop_idle", "price_everywhere", "decision_only"))


def test_a_trivial_strategy_just_below_the_best_plan_still_dominates():
    assert "dominant" in kinds(fake("strategy:depth", "reference", around(70), **GOOD),
                               fake("random", "yardstick", around(69.5), objectives=met(0.1, 0.1, 0.1)))


def test_luck_decides_when_random_often_beats_the_plan():
    found = kinds(fake("strategy:depth", "reference", around(70, 12), **GOOD),
                  fake("random", "yardstick", around(64, 12), objectives=met(0.1, 0.1, 0.1)))
    assert "luck" in found and "dominant" not in found


def test_wide_spread():
    assert kinds(fake("strategy:depth", "reference", np.linspace(40, 95, 1000), **GOOD),
                 fake("random", "yardstick", around(30), objectives=met(0.1, 0.1, 0.1))) == ["spread"]


def test_objectives_nobody_and_everybody_reach():
    found = judge(BalanceResult(TUT, 1000, 0, [
        fake("strategy:depth", "reference", around(80), objectives=met(0.0, 1.0, 0.5), stars=GOOD["stars"]),
        fake("random", "yardstick", around(50), objectives=met(0.005, 0.995, 0.1))]))
    assert [(w.kind, w.subject) for w in found] == [("objective_unreached", "keep_huaxin"), ("objective_everybody", "profit")]


def test_three_stars_out_of_reach():
    assert kinds(fake("strategy:depth", "reference", around(80), objectives=met(0.5, 0.5, 0.5)),
                 fake("random", "yardstick", around(50), objectives=met(0.1, 0.1, 0.1))) == ["three_stars"]


def test_no_reference_strategies():
    bare = TUT.model_copy(update={"strategies": []})
    found = judge(BalanceResult(bare, 1000, 0, [fake("random", "yardstick", around(50), **GOOD)]))
    assert [w.kind for w in found] == ["no_reference"]


def test_win_chance():
    assert win_chance(np.array([2.0, 3.0]), np.array([1.0])) == 1.0
    assert win_chance(np.array([1.0]), np.array([1.0])) == 0.5
    assert win_chance(np.array([0.0, 2.0]), np.array([1.0, 3.0])) == 0.25


# --------------------------------------------------------------------------- dask


def test_a_dask_cluster_plays_the_same_games():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        remote = balance(TUT, games=CHUNK + 50, seed=2, strategies=["depth", "random"],
                         cluster=cluster.scheduler_address)
        with distributed.Client(cluster) as client:
            stopped = balance(TUT, games=3 * CHUNK, seed=2, strategies=["depth"], cluster=client,
                              should_stop=lambda: True)
    here = balance(TUT, games=CHUNK + 50, seed=2, strategies=["depth", "random"])
    for a, b in zip(remote.strategies, here.strategies):
        assert np.array_equal(a.totals, b.totals) and np.array_equal(a.share, b.share)
    assert stopped.partial and stopped.played < 3 * CHUNK


def test_without_dask_the_cluster_option_explains_the_extra(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.startswith("dask"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    with pytest.raises(RuntimeError, match=r"key-account-wars\[cluster\]"):
        balance(TUT, games=10, strategies=["depth"], cluster="tcp://127.0.0.1:1")


# --------------------------------------------------------------------------- the HTML report


def test_report_is_self_contained_with_charts(small_run, tmp_path):
    path = write_report(small_run, tmp_path / "out" / "report.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert not re.findall(r"(?:src|href)=", page)
    assert not [u for u in re.findall(r"https?://[^\s'\"]+", page) if u != "http://www.w3.org/2000/svg"]
    charts = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(charts) == 3
    for svg in charts:
        ET.fromstring(svg)  # well-formed
    for s in small_run.strategies:
        assert s.spec.key.removeprefix("strategy:") in page
    for o in TUT.objectives:
        assert o.id in page
    assert "Partial run" not in page


def test_report_marks_a_partial_run():
    res = balance(TUT, games=CHUNK + 1, strategies=["depth"], should_stop=lambda: False)
    res.partial = True
    assert "Partial run" in render(res)


# --------------------------------------------------------------------------- the command line


def kaw(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "120"})


def test_cli_prints_the_table_and_warnings(tmp_path):
    html = tmp_path / "r.html"
    result = kaw("balance", "tutorial", "--games", "150", "--workers", "1", "--html", str(html))
    assert result.exit_code == 0, result.output
    out = result.output
    for word in ("mean", "p10/p50/p90", "profit", "0/1/2/3", "depth", "price_war", "random", "defender", "O1 keep_huaxin"):
        assert word in out
    assert "warning" in out.lower()
    assert html.exists() and "Report written to" in out


def test_cli_html_never_replaces_a_file_that_is_not_a_report_and_says_so_before_playing(tmp_path, monkeypatch):
    """`kaw balance my_case.yaml --html my_case.yaml` (a slip of the keyboard) used to
    play every game and then write the report over the trainer's scenario. A target that
    exists and is not an earlier balance report (or is a folder) is refused at once, with
    exit code 2, before a game is played; an earlier report is replaced as before."""
    import kaw.balance as engine_of_balance
    monkeypatch.setattr(engine_of_balance, "balance", lambda *a, **k: pytest.fail("played before refusing --html"))
    case = tmp_path / "my_case.yaml"
    case.write_bytes((REPO / "scenarios" / "tutorial.yaml").read_bytes())
    notes = tmp_path / "notes.html"
    notes.write_text("<!DOCTYPE html><title>My notes</title>", encoding="utf-8")
    for target in (case, notes, tmp_path):
        before = target.read_bytes() if target.is_file() else None
        result = kaw("balance", str(case), "--games", "1", "-w", "1", "--html", str(target))
        assert result.exit_code == 2 and "--html" in result.output and "Traceback" not in result.output, result.output
        assert (target.read_bytes() if target.is_file() else None) == before
    monkeypatch.undo()
    report = tmp_path / "report.html"
    for _ in range(2):  # a new file, then an earlier report of the same kind
        result = kaw("balance", "tutorial", "--games", "1", "-w", "1", "--strategy", "depth", "--html", str(report))
        assert result.exit_code == 0, result.output


def test_cli_json_is_clean():
    result = kaw("balance", "tutorial", "--games", "100", "-w", "1", "--strategy", "depth", "--strategy", "random", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [s["strategy"] for s in doc["strategies"]] == ["strategy:depth", "random"]
    assert doc["partial"] is False and doc["games"] == 100


@pytest.mark.parametrize("args, code, words", [
    (("balance", "tutorial", "--strategy", "nope"), 2, "unknown strategy 'nope'"),
    (("balance", "no_such_scenario"), 2, "no scenario"),
    (("balance", "tutorial", "--games", "0"), 2, "0"),
    (("balance", "tutorial", "--seed", "-1"), 2, "-1"),
])
def test_cli_mistakes(args, code, words):
    result = kaw(*args)
    assert result.exit_code == code
    assert words in result.output
    assert "Traceback" not in result.output


def test_cli_broken_scenario(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text((REPO / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8").replace("turns: 6", "turns: six"),
                   encoding="utf-8")
    result = kaw("balance", str(bad), "--games", "10")
    assert result.exit_code == 1 and "turns" in result.output and "Traceback" not in result.output


def children(pid: int) -> list[int]:
    """The processes `pid` started (Linux: /proc/PID/task/PID/children)."""
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def wait_for_children(pid: int, count: int, word: str = "") -> list[int]:
    """Poll until `pid` has `count` children whose command line holds `word`; a generous
    limit only keeps a broken run from hanging the suite."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        found = [c for c in children(pid) if word in command_line(c)]
        if len(found) >= count:
            return found
        time.sleep(0.005)
    raise AssertionError(f"process {pid} never started {count} worker(s)")


LINUX_PROC = pytest.mark.skipif(not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
                                reason="needs Linux /proc to see worker processes")


@LINUX_PROC
def test_worker_processes_are_born_with_ctrl_c_blocked():
    """Blocked from the moment they exist, not from when they first run our code: a
    Ctrl-C pressed while a worker is still starting must not kill it."""
    masks = []

    def look(done, total):
        for child in multiprocessing.active_children():
            status = Path(f"/proc/{child.pid}/status").read_text()
            masks.append(int(status.split("SigBlk:")[1].split()[0], 16))

    balance(TUT, games=50, strategies=["depth", "random"], workers=2, progress=look)
    assert masks and all(m & (1 << (signal.SIGINT - 1)) for m in masks), [hex(m) for m in masks]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("workers, moment", [
    ("1", "at once"),
    ("1", "later"),
    ("2", "at once"),
    pytest.param("2", "while workers start", marks=LINUX_PROC),
    ("2", "later"),
])
def test_ctrl_c_stops_cleanly_with_partial_results(workers, moment, tmp_path):
    """Ctrl-C at any moment of a run stops it with what was played: right after the first
    line, while the worker processes are still starting (they are in the terminal's
    process group too), or once the games are under way."""
    html = tmp_path / "partial.html"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kaw.trainer", "balance", "tutorial", "--games", "200000",
         "--workers", workers, "--html", str(html)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "COLUMNS": "120"})
    try:
        first = proc.stderr.readline()
        assert "Playing 200,000 games" in first, first
        if moment == "while workers start":
            wait_for_children(proc.pid, 1, "spawn_main")  # a worker exists: it is still importing
        elif moment == "later":
            time.sleep(3)
        os.killpg(proc.pid, signal.SIGINT)  # to the whole process group, as a terminal does
        out, err = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    assert proc.returncode == 130, (out, err)
    assert "PARTIAL" in out and "Traceback" not in out + err, (out, err)
    assert "Stopping after the games in hand" in err
    assert html.exists() and "Partial run" in html.read_text(encoding="utf-8")


@pytest.mark.skipif(not can_fork(), reason="needs os.fork")
@LINUX_PROC
def test_ctrl_c_while_forked_workers_play_leaves_none_behind():
    """run_games' forked workers never see Ctrl-C (no traceback from each of them); the
    parent gets it and ends them instead of leaving them playing."""
    # The script starts with Ctrl-C as a terminal gives it (unblocked, raising
    # KeyboardInterrupt) whatever the test runner's process holds, and the test waits for
    # two forks of it (their command line is the script's): not for any helper process
    # a cold first import may start.
    script = ("import signal, sys\n"
              "signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})\n"
              "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
              "from engine import load_scenario\n"
              "from engine.runner import CHUNK, run_games\n"
              "sc = load_scenario(sys.argv[1])\n"
              "try:\n"
              "    run_games(sc, 1, 10 * CHUNK, processes=2)\n"
              "    print('finished')\n"
              "except KeyboardInterrupt:\n"
              "    print('interrupted')\n")
    # The largest case, whose 10 chunks take the workers seconds: on a busy machine the
    # tutorial's were sometimes all played before the Ctrl-C arrived ('finished').
    proc = subprocess.Popen([sys.executable, "-c", script, str(REPO / "scenarios" / "internal_collapse.yaml")],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        workers = wait_for_children(proc.pid, 2, "run_games")
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    assert out.strip() == "interrupted" and "Traceback" not in err, (out, err)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]


@LINUX_PROC
def test_a_worker_process_that_dies_keeps_the_games_played():
    """A worker killed mid-run (out of memory, a signal) stops the run with the chunks
    already finished, and says so, instead of throwing them away with a traceback."""
    killed = []

    def kill_one(done, total):
        if done and not killed:
            victim = multiprocessing.active_children()[0]
            os.kill(victim.pid, signal.SIGKILL)
            killed.append(victim.pid)

    res = balance(TUT, games=6 * CHUNK, strategies=["depth"], workers=2, progress=kill_one)
    assert killed and res.partial and "worker process" in res.failure
    assert CHUNK <= res.played < 6 * CHUNK
    assert res.to_dict()["failure"] == res.failure and res.failure in render(res)


def test_the_reports_reproduce_line_is_the_command_that_was_run(tmp_path):
    """A trainer's own case is a file, not a shipped id: the report said `kaw balance
    my_case --games ...`, which answers "no scenario 'my_case'". The line now gives the
    file as typed, and the strategies when only some were played."""
    import html as html_lib
    case = tmp_path / "my_case.yaml"
    case.write_bytes((REPO / "scenarios" / "tutorial.yaml").read_bytes().replace(b"id: tutorial", b"id: my_case", 1))
    report = tmp_path / "r.html"
    result = kaw("balance", str(case), "--games", "3", "-w", "1", "--seed", "4", "--strategy", "depth",
                 "--html", str(report))
    assert result.exit_code == 0, result.output
    page = html_lib.unescape(report.read_text(encoding="utf-8"))
    assert f"kaw balance {case} --games 3 --seed 4 --strategy depth" in page, page[:1500]
    result = kaw("balance", "tutorial", "--games", "2", "-w", "1", "--strategy", "depth", "--html", str(report))
    assert "kaw balance tutorial --games 2 --seed 0 --strategy depth" in html_lib.unescape(report.read_text("utf-8"))


def test_the_legend_says_what_the_mistake_rows_are(tmp_path):
    """teams_everywhere, drop_idle... are no rival of the trainer's case: the legend said
    "the rest: rival doctrines in the trainee's seat". It names them as mistake plans."""
    import html as html_lib
    report = tmp_path / "r.html"
    result = kaw("balance", "tutorial", "--games", "2", "-w", "1", "--strategy", "depth",
                 "--strategy", "teams_everywhere", "--strategy", "defender", "--html", str(report))
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "teams_everywhere: a plan the articles call a mistake" in text, text
    page = " ".join(html_lib.unescape(report.read_text("utf-8")).split())
    assert "teams_everywhere: a plan the articles call a mistake" in page


def test_a_mistake_the_case_never_lets_a_trainee_make_warns_of_nothing(small_run):
    """In the tutorial the trainee has business at every account, so drop_idle drops
    nothing and plays exactly as the defender it builds on: its row is said to be that,
    and it never warns 'a mistake pays' (a mistake that was made still does)."""
    import dataclasses

    from kaw.balance import mistakes_legend, unmade_mistakes

    assert unmade_mistakes(small_run) == {"drop_idle": "defender"}
    assert "drop_idle played exactly as defender" in mistakes_legend(small_run)
    best = max((s for s in small_run.strategies if s.spec.kind == "reference"), key=lambda s: s.mean)
    lifted = [dataclasses.replace(s, totals=best.totals + 5.0)
              if s.spec.key in ("drop_idle", "defender", "teams_everywhere") else s for s in small_run.strategies]
    kinds = {(w.kind, w.subject) for w in judge(dataclasses.replace(small_run, strategies=lifted))}
    assert ("mistake_wins", "teams_everywhere") in kinds
    assert ("mistake_wins", "drop_idle") not in kinds
