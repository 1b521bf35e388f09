"""The `kaw` command line: what a trainer sees, and that mistakes never show a traceback."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine import load_scenario, shipped
from kaw.cli import app

runner = CliRunner()
TUTORIAL = shipped()["tutorial"]
TUT = load_scenario(TUTORIAL)
KAW = Path(sys.executable).with_name("kaw")
REPO = Path(__file__).resolve().parent.parent


def kaw(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "160"})


def no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    text = TUTORIAL.read_text(encoding="utf-8").replace("difficulty: easy", "difficulty: eazy", 1)
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("saves") / "game.json"
    result = kaw("run", "tutorial", "--seed", "2", "--bot", "balanced", "--save", str(path))
    assert result.exit_code == 0, result.output
    return path


def test_list_shows_the_tutorial():
    result = kaw("list")
    assert result.exit_code == 0, result.output
    assert "tutorial" in result.output
    assert "First Quarter" in result.output


def test_validate_tutorial_is_ok():
    result = kaw("validate", str(TUTORIAL))
    assert result.exit_code == 0, result.output
    assert "ok" in result.output


def test_validate_accepts_shipped_ids():
    result = kaw("validate", "tutorial")
    assert result.exit_code == 0, result.output


def test_validate_broken_file_fails_with_positions(broken: Path):
    result = kaw("validate", str(TUTORIAL), str(broken))
    assert result.exit_code == 1
    no_traceback(result)
    line = next(ln for ln in result.output.splitlines() if ln.startswith(str(broken) + ":"))
    assert re.match(re.escape(str(broken)) + r":\d+:\d+: difficulty: ", line), line
    assert "1 error" in result.output


def test_run_prints_every_turn_and_a_scorecard():
    result = kaw("run", "tutorial", "--seed", "1")
    assert result.exit_code == 0, result.output
    rows = [ln for ln in result.output.splitlines() if re.match(r"│\s+\d+ │", ln)]
    assert [int(r.split("│")[1]) for r in rows] == list(range(1, TUT.turns + 1))
    for word in ("Balanced scorecard", "Financial", "Final score", "★", "Objectives", "Why"):
        assert word in result.output


def test_run_json_is_one_document():
    result = kaw("run", "tutorial", "--seed", "1", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["scenario"] == "tutorial" and doc["seed"] == 1 and doc["bot"] == "defender"
    assert [r["turn"] for r in doc["turns"]] == list(range(1, TUT.turns + 1))
    debrief = doc["debrief"]
    assert set(debrief["scorecard"]) == {"financial", "customer", "process", "learning"}
    assert 0 <= debrief["stars"] <= 3
    assert [o["id"] for o in debrief["objectives"]] == [o.id for o in TUT.objectives]
    assert [e["account"] for e in debrief["explanations"]] == [a.id for a in TUT.accounts]


def test_run_is_deterministic_and_stops_early():
    a = json.loads(kaw("run", "tutorial", "--seed", "5", "--turns", "2", "--json").stdout)
    b = json.loads(kaw("run", "tutorial", "--seed", "5", "--turns", "2", "--json").stdout)
    assert a == b
    assert len(a["turns"]) == 2


@pytest.mark.parametrize("bot", ["nosuchbot", "strategy:nosuch"])
def test_unknown_bot_is_a_clear_error(bot: str):
    result = kaw("run", "tutorial", "--bot", bot)
    assert result.exit_code == 2
    no_traceback(result)
    assert "unknown" in result.stderr and "nosuch" in result.stderr
    assert result.stdout == ""


def test_unknown_scenario_is_a_clear_error():
    result = kaw("run", "no_such_scenario")
    assert result.exit_code == 2
    no_traceback(result)
    assert "no scenario" in result.stderr


def test_run_of_a_broken_file_lists_its_problems(broken: Path):
    result = kaw("run", str(broken))
    assert result.exit_code == 1
    no_traceback(result)
    assert f"{broken}:" in result.stderr and "difficulty" in result.stderr


def test_reference_strategy_can_take_the_seat():
    bot = f"strategy:{TUT.strategies[0].id}"
    result = kaw("run", "tutorial", "--bot", bot, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["bot"] == bot


def test_replay_of_a_save_shows_the_same_game(saved: Path):
    played = json.loads(kaw("run", "tutorial", "--seed", "2", "--bot", "balanced", "--json").stdout)
    result = kaw("replay", str(saved), "--json")
    assert result.exit_code == 0, result.output
    replayed = json.loads(result.stdout)
    assert replayed["turns"] == played["turns"]
    assert replayed["debrief"]["score"] == played["debrief"]["score"]
    text = kaw("replay", str(saved))
    assert text.exit_code == 0 and "Final score" in text.output


def test_replay_of_a_damaged_save_fails_cleanly(saved: Path, tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text(saved.read_text()[:120], encoding="utf-8")
    for path in (bad, tmp_path / "missing.json"):
        result = kaw("replay", str(path))
        assert result.exit_code == 1
        no_traceback(result)
        assert "save file" in result.stderr


def test_play_without_front_end_points_to_run(monkeypatch):
    monkeypatch.setitem(sys.modules, "game.app", types.ModuleType("game.app"))  # no main()
    result = kaw("play")
    assert result.exit_code == 1
    no_traceback(result)
    assert "kaw run" in result.stderr


def test_play_calls_the_front_end(monkeypatch):
    seen = []
    fake = types.ModuleType("game.app")
    fake.main = lambda scenario=None, lang="en", seed=None: seen.append((scenario, lang, seed)) or 0
    monkeypatch.setitem(sys.modules, "game.app", fake)
    result = kaw("play", "tutorial")
    assert result.exit_code == 0, result.output
    assert seen == [("tutorial", "en", None)]
    result = kaw("play", "blitz", "--seed", "5", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert seen[-1] == ("blitz", "zh", 5)
    assert kaw("play", "blitz", "--lang", "fr").exit_code == 2


@pytest.mark.skipif(not KAW.exists(), reason="the kaw entry point is not installed")
def test_installed_entry_point_smoke(tmp_path: Path):
    broken = tmp_path / "x.yaml"
    broken.write_text("schema: 1\nid: Bad Id\n", encoding="utf-8")
    proc = subprocess.run([str(KAW), "validate", str(broken)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert f"{broken}:2:5: id:" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_fidelity_prints_the_table_and_exit_code() -> None:
    result = runner.invoke(app, ["fidelity", "blitz", "--seeds", "60"])
    assert result.exit_code == 0, result.output
    assert "historical plan" in result.output and "PASS" in result.output and "FAIL" not in result.output
    # a scenario file without expectations is refused before any game is played
    unchecked = runner.invoke(app, ["fidelity", str(REPO / "docs" / "examples" / "payment_trap.yaml")])
    assert unchecked.exit_code == 2
    assert "no fidelity checks for 'payment_trap'" in unchecked.output


def test_class_market_mode_refuses_more_teams_than_the_scenario_has_suppliers(tmp_path):
    from kaw.cli import app
    result = CliRunner().invoke(app, ["class", "tutorial", "--mode", "market", "--teams", "3", "--no-browser",
                                      "--store", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "at most 2 teams" in result.output
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("resume", [False, True])
def test_class_with_a_store_that_is_not_a_class_file_is_one_line_and_leaves_it(tmp_path, monkeypatch, resume):
    """--store naming a scenario file, a folder or a cut-short class file: a readable
    error with exit code 1, no sqlite traceback, and the file left as it was."""
    import classroom.server
    monkeypatch.setattr(classroom.server, "serve", lambda *a, **k: pytest.fail("served a class from a bad file"))
    scenario = tmp_path / "my_case.yaml"
    scenario.write_bytes(TUTORIAL.read_bytes())
    cut = tmp_path / "cut.db"
    cut.write_bytes(b"SQLite format 3\x00" + bytes(200))
    for store in (scenario, tmp_path, cut):
        before = store.read_bytes() if store.is_file() else None
        args = ["class", "tutorial", "--no-browser", "--store", str(store)] + (["--resume"] if resume else [])
        result = kaw(*args)
        no_traceback(result)
        assert result.exit_code in (1, 2) and str(store) in result.output, result.output
        assert (store.read_bytes() if store.is_file() else None) == before


@pytest.mark.parametrize("minutes", ["0", "-5", "nan", "inf", "241"])
def test_class_with_a_timer_out_of_range_is_refused_before_any_class_file_is_written(tmp_path, monkeypatch, minutes):
    """`kaw class tutorial --minutes 0` printed a ClassError traceback after writing the
    class file, so running it again with a good timer said 'already holds a class'."""
    import classroom.server
    monkeypatch.setattr(classroom.server, "serve", lambda *a, **k: pytest.fail("served a class with a bad timer"))
    store = tmp_path / "x.db"
    result = kaw("class", "tutorial", "--no-browser", "--store", str(store), "--minutes", minutes)
    no_traceback(result)
    assert result.exit_code == 2 and "minutes" in result.output, result.output
    assert not store.exists()


@pytest.mark.parametrize("case", ["market_share", "tutorial"])
def test_the_quarter_table_fits_an_80_column_terminal_without_breaking_words(case):
    """In an 80-column terminal (a laptop's default) market_share's eight accounts did not
    fit even by id, and rich squeezed the last layout: 'Marke / t', 'shuangfen / g',
    '33.8' over '%'. When no layout fits, the accounts' shares go into tables of their own,
    each as wide as the terminal allows."""
    from rich.console import Console

    from kaw import format as fmt
    from kaw.cli import play_headless
    from engine import load_scenario, text_of

    sc = load_scenario(case)
    _, rows = play_headless(sc, 1, "balanced", "en", 3)
    console = Console(width=80, record=True, color_system=None)
    fmt.show_turns(console, sc, rows, "en")
    text = console.export_text()
    table = text.split("Why, quarter by quarter")[0]
    assert max(len(line) for line in table.splitlines()) <= 80
    heads = table.split("Accounts:")[0]  # the tables, without the key of account ids
    for word in ["Quarter", "Market", "share", "Revenue", "Profit", "Cash", "Reps"]:
        assert re.search(rf"(?<!\w){word}(?!\w)", heads), (word, table)
    for a in sc.accounts:  # headed by its id, or by its name (the name's words may stack)
        assert any(re.search(rf"(?<!\w){w}(?!\w)", heads) for w in (a.id, text_of(a.name).split()[0])), (a.id, table)
    for r in rows[1:]:  # every quarter's market share, whole
        assert f"{100 * r['market_share']:.1f}%" in table, table
    for a in sc.accounts:  # every account's share at the end, whole
        assert f"{100 * rows[-1]['shares'][a.id]:.1f}%" in table, (a.id, table)


def test_python_dash_m_kaw_is_the_same_command_line():
    """`python -m kaw` works where the venv's scripts are not on the PATH (or from a
    checkout), with the same commands and exit codes as `kaw`."""
    ok = subprocess.run([sys.executable, "-m", "kaw", "list"], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert ok.returncode == 0 and "tutorial" in ok.stdout, ok.stderr
    bad = subprocess.run([sys.executable, "-m", "kaw", "validate", "no/such.yaml"], capture_output=True, text=True,
                         cwd=REPO, timeout=60)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr + bad.stdout


def test_list_fits_an_80_column_terminal_with_nothing_cut(monkeypatch):
    """In six columns an 80-column terminal left each title ten characters: a word per
    line, and every strategy cut ("strategie…", "historica…"). Every title, difficulty and
    strategy now reads whole, within 80 columns."""
    from rich.console import Console

    from engine import text_of
    from kaw import cli

    console = Console(width=80, record=True, color_system=None)  # (the session's is 200 wide)
    monkeypatch.setattr(cli, "out", console)
    result = kaw("list")
    assert result.exit_code == 0, result.output
    table = console.export_text().split("Bots")[0]
    assert max(len(line) for line in table.splitlines()) <= 80
    assert "…" not in table
    flat = " ".join(ln.strip("│ ").strip() for ln in table.splitlines())  # wrapped lines joined
    for sid in shipped():
        sc = load_scenario(sid)
        assert text_of(sc.title, "en") in flat, (sid, table)
        for st in sc.strategies:
            assert re.search(rf"(?<![\w]){re.escape(st.id)}(?![\w])", flat), (st.id, table)
        assert f"{sc.turns} quarters · {len(sc.accounts)} accounts" in flat, (sid, table)


@pytest.mark.parametrize("unit", ["[k€]", "[/M]"])
def test_a_money_unit_in_square_brackets_is_printed_as_written(tmp_path, unit):
    """`kaw run` names the money unit under its table. A unit in square brackets read as
    markup there: '[k€]' vanished ('money in .') and '[/M]' stopped the run with a
    MarkupError traceback."""
    text = TUTORIAL.read_text(encoding="utf-8")
    assert 'money_unit: "M¥"' in text
    case = tmp_path / "unit.yaml"
    case.write_text(text.replace('money_unit: "M¥"', f'money_unit: "{unit}"', 1), encoding="utf-8")
    result = kaw("run", str(case), "--turns", "1")
    no_traceback(result)
    assert result.exit_code == 0, result.output
    assert f"money in {unit}." in result.output


def test_a_chinese_debrief_is_shown_in_full_on_a_narrow_terminal():
    """rich breaks lines at spaces; a Chinese explanation has none, so on a terminal of
    100 columns each one was cut short with "…" and the rest was lost."""
    from engine import Match

    result = runner.invoke(app, ["run", "internal_collapse", "--seed", "3", "--lang", "zh"], env={"COLUMNS": "100"})
    no_traceback(result)
    shown = re.sub(r"\s+", "", result.output)
    m = Match("internal_collapse", seed=3, lang="zh", controllers={load_scenario("internal_collapse").player: "defender"})
    m.reset()
    m.play_out()
    d = m.debrief()
    assert d.explanations and d.lessons
    for text in [e.text for e in d.explanations] + [text for _, _, text in d.lessons]:
        assert re.sub(r"\s+", "", text) in shown, text
