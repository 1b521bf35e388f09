"""`kaw`: the Key Account Wars command line, for trainers and scenario authors.

    kaw list                            shipped scenarios
    kaw validate my_case.yaml           every problem as file:line:col: path: message
    kaw run tutorial --seed 1           a whole game headless, a bot in the trainee's seat
    kaw play [SCENARIO]                 the graphical game
    kaw replay save.json                show a saved game again
    kaw class tutorial --teams 6        a classroom workshop: teams play from browsers

Every mistake a person can make (a scenario that does not load, an unknown bot, a
damaged save, a missing file) is printed as a readable message with exit code 1 (the
input is wrong) or 2 (the command line is wrong), never as a traceback.
"""
from __future__ import annotations

import importlib
import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Callable, Optional

import typer
from rich.console import Console
from rich.markup import escape

from . import format as fmt
from .errors import CliError, fail, find_scenario, friendly

if TYPE_CHECKING:  # each command imports the engine when it runs: `kaw --help` never loads it
    from engine import Match, Scenario

app = typer.Typer(
    name="kaw",
    help="Key Account Wars: a sales-training simulation of key-account management.\n\n"
         "Check a scenario before class with [bold]kaw validate[/], see how it plays with "
         "[bold]kaw run[/], open the game with [bold]kaw play[/].",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_show_locals=False,
)
out = Console(highlight=False)

BOT_HELP = ("Who plays the trainee's side: a rival doctrine or yardstick bot, or strategy:<id> "
            "for one of the scenario's reference strategies (kaw list shows both).")


class Lang(str, Enum):
    en = "en"
    zh = "zh"


# ----------------------------------------------------------------------------- loading


def scenario_ref(name: str, path: Path) -> str:
    """How a save names its scenario: the shipped id, else the file's absolute path."""
    from engine import shipped

    return name if name in shipped() else str(path.resolve())


def check_bot(sc: Scenario, bot: str) -> None:
    from engine import DOCTRINES

    if bot.startswith("strategy:"):
        known = [s.id for s in sc.strategies]
        if bot.split(":", 1)[1] not in known:
            raise CliError(f"unknown strategy '{bot}' in scenario '{sc.id}' "
                           f"(it has: {', '.join('strategy:' + k for k in known) or 'no strategies'})", 2)
    elif bot == "human":
        raise CliError("kaw run plays without a person; use 'kaw play' to play yourself", 2)
    elif bot not in DOCTRINES:
        raise CliError(f"unknown bot '{bot}' (choose one of: {', '.join(sorted(DOCTRINES))}, "
                       "or strategy:<id>)", 2)


def play_headless(sc: Scenario, seed: int, bot: str, lang: str, turns: int | None) -> tuple[Match, list[dict]]:
    from engine import Match

    check_bot(sc, bot)
    m = Match(sc, seed, controllers={sc.player_id: bot}, lang=lang)
    rows = [fmt.start_row(m.reset())]
    limit = sc.turns if turns is None else min(turns, sc.turns)
    while not m.done and m.turn < limit:
        report = m.step()
        rows.append(fmt.turn_row(report, m.observe()))
    return m, rows


def rows_of(m: Match) -> list[dict]:
    """Per-turn rows of a finished match, by playing its logged orders again."""
    from engine import Match, Orders

    again = Match(m.scenario, m.seed, m.controllers, m.lang)
    rows = [fmt.start_row(again.reset())]
    for turn_orders in m.orders_log:
        report = again.step({sid: Orders.model_validate(o) for sid, o in turn_orders.items()})
        rows.append(fmt.turn_row(report, again.observe()))
    return rows


def print_json(doc: dict) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")


# ----------------------------------------------------------------------------- commands


@app.command("list")
@friendly
def list_scenarios(
    lang: Annotated[Lang, typer.Option(help="Language of the titles.")] = Lang.en,
) -> None:
    """List the scenarios shipped with the game, and the bots that can play a side."""
    from .listing import shipped_summaries

    summaries, bots = shipped_summaries([lang.value for lang in Lang])
    rows = []
    for sid, entry in summaries:
        if "problems" in entry:
            rows.append({"id": sid, "error": f"cannot be loaded: {fmt.plural(entry['problems'], 'problem')} "
                                             f"(see: kaw validate {sid})"})
        else:
            rows.append({**entry, "id": sid, "title": entry["title"][lang.value]})
    if not rows:
        raise CliError("no shipped scenarios found (is the scenarios/ folder missing?)", 1)
    out.print(fmt.scenarios_table(rows))
    out.print()
    out.print(fmt.bots_table(bots))


@app.command()
@friendly
def validate(
    files: Annotated[Optional[list[str]], typer.Argument(
        help="Scenario files (or shipped ids) to check. None: every shipped scenario.", show_default=False)] = None,
) -> None:
    """Check scenario files and print every problem at once, as file:line:col: path: message.

    FILES are scenario files or shipped ids; with none, every shipped scenario is checked.

    Warnings are printed too but do not make a file fail. Exit code 0 when every file loads, 1 otherwise.
    """
    from engine import shipped

    names = files or list(shipped())
    if not names:
        raise CliError("nothing to check: give scenario files (no shipped scenarios found)", 2)
    bad = sum(not validate_one(name) for name in names)
    if len(names) > 1:
        style = "red" if bad else "green"
        out.print(f"[{style}]{len(names)} files checked: {len(names) - bad} ok, {bad} with errors[/]")
    if bad:
        raise typer.Exit(1)


def shown_name(name: str) -> str:
    """A shipped id with its file, so a trainer knows what was checked."""
    from engine import shipped

    path = shipped().get(name)
    if path is None:
        return name
    try:
        return f"{name} ({path.relative_to(Path.cwd())})"
    except ValueError:
        return f"{name} ({path})"


def validate_one(name: str) -> bool:
    """Print one file's problems and summary line; True if it loads."""
    from engine import ScenarioError, load_with_warnings

    try:
        _, problems = load_with_warnings(name)
    except ScenarioError as exc:
        problems = exc.problems
    for p in problems:
        out.print(p.format(), markup=False, soft_wrap=True, style="yellow" if p.severity == "warning" else None)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    summary = "ok" if not errors else fmt.plural(errors, "error")
    if warnings:
        summary += f", {fmt.plural(warnings, 'warning')}"
    out.print(f"{escape(shown_name(name))}: [{'red' if errors else 'green'}]{summary}[/]", soft_wrap=True)
    return not errors


@app.command()
@friendly
def run(
    scenario: Annotated[str, typer.Argument(help="Shipped scenario id (see kaw list) or a path to a YAML file.")],
    seed: Annotated[int, typer.Option(min=0, help="Random seed: the same scenario, seed and bot always give the same game.")] = 1,
    bot: Annotated[str, typer.Option(help=BOT_HELP)] = "defender",
    turns: Annotated[Optional[int], typer.Option(min=1, help="Stop after this many turns (default: play to the end).",
                                                 show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document (turns and debrief) and nothing else.")] = False,
    lang: Annotated[Lang, typer.Option(help="Language of names, events and lessons.")] = Lang.en,
    save: Annotated[Optional[Path], typer.Option(help="Also save the game to this file, for kaw replay.",
                                                 show_default=False)] = None,
) -> None:
    """Play a whole game headless with a bot in the trainee's seat, then show the debrief.

    SCENARIO is a shipped id (see kaw list) or a path to a YAML file.

    Use it to see how a scenario plays before class: try several seeds and bots (e.g. --bot random as a yardstick, --bot strategy:<id> for a reference plan).
    """
    from . import scenario_cache  # validated once per file and engine, not on every run

    path = find_scenario(scenario)
    sc = scenario_cache.load(path)
    m, rows = play_headless(sc, seed, bot, lang.value, turns)
    if save is not None:
        from engine import replay as replays  # only a save needs the replay format

        try:
            replays.save(m, scenario_ref(scenario, path), save)
        except OSError as exc:
            raise CliError(f"cannot save the game to {save}: {exc.strerror or exc}") from None
    if as_json:
        print_json(fmt.game_document(m, rows[0], rows[1:], bot, scenario))
        return
    note = f"Stopped early after {m.turn} turns (--turns)." if m.turn < sc.turns else ""
    fmt.show_game(out, m, rows, f"the '{bot}' bot", note)
    if save is not None:
        out.print(f"Saved to {escape(str(save))}  (show it again with: kaw replay {escape(str(save))})")


@app.command()
@friendly
def replay(
    file: Annotated[Path, typer.Argument(help="A saved game (from the game or kaw run --save).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document and nothing else.")] = False,
    lang: Annotated[Lang, typer.Option(help="Language of names, events and lessons.")] = Lang.en,
) -> None:
    """Rebuild a saved game exactly and show its turns and debrief.

    FILE is a save written by the game or by kaw run --save. A damaged save, or one whose scenario has changed since, is reported and left untouched.
    """
    from engine import replay as replays

    m = replays.load(file, lang=lang.value)
    rows = rows_of(m)
    seat = m.controllers.get(m.player, "human")
    if as_json:
        print_json(fmt.game_document(m, rows[0], rows[1:], None if seat == "human" else seat, str(file)))
        return
    who = "a person" if seat == "human" else f"the '{seat}' bot"
    fmt.show_game(out, m, rows, who, f"Replayed from {file}; the saved final state was reproduced exactly.")


@app.command()
@friendly
def fidelity(
    scenario: Annotated[Optional[str], typer.Argument(
        help="Scenario to check: a shipped id or a YAML file with expectations. None: every shipped case.",
        show_default=False)] = None,
    seeds: Annotated[int, typer.Option("--seeds", min=1, help="Games per plan.")] = 500,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Seed of the batched runs.")] = 0,
) -> None:
    """Check that a case ends as its article says, from the scenario's expectations.

    Each expectation (a plan, a figure over many games, a threshold) is played and measured.

    Prints, per scenario, each expectation's measured value, its threshold and PASS/FAIL;
    exit code 1 when any fails. Works for a trainer's own case as for the shipped ones.
    """
    from engine import load_scenario

    from . import fidelity as fid  # local: only this command plays thousands of games

    targets = [scenario] if scenario else list(fid.shipped_cases())
    failed = 0
    for name in targets:
        sc = load_scenario(find_scenario(name))
        if not sc.expectations:
            raise CliError(f"no fidelity checks for '{sc.id}': the scenario declares no expectations "
                           f"(shipped cases: {', '.join(fid.shipped_cases())}; see the authoring guide, 'Expectations')", 2)
        rows = fid.run(sc, seeds=seeds, seed=seed)
        failed += sum(not r.passed for r in rows)
        out.print(fid.table_text(rows, title=f"{sc.id} ({seeds} games per plan, seed {seed})"),
                  markup=False, highlight=False, soft_wrap=True)
        out.print()
    if failed:
        raise fail(f"{fmt.plural(failed, 'check')} failed", 1)


@app.command()
@friendly
def play(
    scenario: Annotated[Optional[str], typer.Argument(
        help="Scenario to open directly (shipped id or file). None: start at the title screen.",
        show_default=False)] = None,
    seed: Annotated[Optional[int], typer.Option(min=0, help="Seed of the game (the same seed, the same dice). Default: a new one.",
                                                show_default=False)] = None,
    lang: Annotated[str, typer.Option(help="Language of the game: en or zh (F2 switches in the game).")] = "en",
) -> None:
    """Open the graphical game (needs a display; use kaw run for a headless game).

    SCENARIO (optional) is a shipped id or a YAML file to open directly; without it the game starts at its title screen.
    """
    if scenario is not None:
        find_scenario(scenario)
    if lang not in ("en", "zh"):
        raise CliError(f"--lang must be en or zh (got {lang})", 2)
    launch = load_front_end()
    code = launch(scenario, lang=lang, seed=seed)
    raise typer.Exit(code if isinstance(code, int) else 0)


@app.command()
@friendly
def screenshots(
    scenario: Annotated[str, typer.Argument(help="Scenario whose scenes are captured (shipped id or file).")] = "tutorial",
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the PNG files.")] = Path("screenshots"),
) -> None:
    """Write a PNG of every scene of the game for a scenario (no display needed)."""
    find_scenario(scenario)
    capture = load_front_end("game.screenshots")
    raise typer.Exit(capture(scenario, out_dir) or 0)


class Mode(str, Enum):
    parallel = "parallel"
    market = "market"


@app.command("class")
@friendly
def class_(
    scenario: Annotated[str, typer.Argument(help="Scenario the class plays (shipped id or file).")],
    teams: Annotated[int, typer.Option("--teams", min=1, max=200, help="Number of teams.")] = 4,
    mode: Annotated[Mode, typer.Option(help="parallel: every team in its own copy of the world, on the same dice; "
                                                "market: teams are rival suppliers in one shared market "
                                                "(team i plays the scenario's i-th side, player first).")] = Mode.parallel,
    minutes: Annotated[Optional[float], typer.Option(help="Round timer started at each quarter (minutes).")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0: the room's network).")] = "0.0.0.0",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8765,
    seed: Annotated[int, typer.Option(min=0, help="Seed of the class's dice.")] = 0,
    missing: Annotated[str, typer.Option(help="Plan of a team that did not submit: repeat (its last plan), "
                                              "nothing, or a bot (kaw list shows them).")] = "repeat",
    lang: Annotated[Lang, typer.Option(help="Default language of the class.")] = Lang.en,
    store: Annotated[Optional[Path], typer.Option(help="SQLite file of the class (default: class-SCENARIO.db here).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Resume the class stored in the file, checking its hashes.")] = False,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open the console in a browser.")] = False,
    export: Annotated[Optional[Path], typer.Option("--export", help="Folder to write scores.csv, decisions.csv and "
                                                   "class-report.html into after every quarter.")] = None,
) -> None:
    """Run a classroom workshop: teams play from their browsers, you run the room.

    Prints the address teams open, each team's join code and your console's link.
    """
    try:
        from classroom.server import class_file, open_room, serve
        from classroom.session import OutOfDate, ResumeError
        from classroom.store import StoreError
    except ImportError as exc:
        raise CliError(f"the classroom needs the Python package '{exc.name}'; install the project with its "
                       "'classroom' extra (pip install -e '.[classroom]')") from None
    if not resume:
        find_scenario(scenario)
    if export is not None:
        try:
            export.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CliError(f"--export {export}: cannot use that folder ({exc.strerror})", 2) from None
    db = store or class_file(scenario)
    try:
        room = open_room(db, scenario, teams, seed, missing, minutes, lang.value, mode.value, resume)
    except ValueError as exc:
        raise CliError(str(exc), 2) from None
    except OutOfDate as exc:
        raise CliError(f"{exc}; the file was left as it is") from None
    except ResumeError as exc:
        raise CliError(f"{db}: the stored class does not replay as recorded ({exc}); the file was left as it is") from None
    except StoreError as exc:
        raise CliError(f"{exc}; the file was left as it is (choose another --store)") from None
    try:
        serve(room, host, port, browser=not no_browser, export_dir=export)
    except OSError as exc:
        raise CliError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); is another class using that port? "
                       "Choose another with --port") from None


def load_front_end(module_name: str = "game.app") -> Callable:
    """The front end's main(), imported only now: pygame loads only for `kaw play` and
    `kaw screenshots`, never for the other commands (and never by the engine)."""
    hint = "To play a game without the window, use: kaw run <scenario>"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name in ("game", module_name):
            raise CliError(f"the graphical game is not part of this installation (no game/app.py). {hint}") from None
        raise CliError(f"the graphical game needs the Python package '{exc.name}', which is not installed. {hint}") from None
    except ImportError as exc:
        raise CliError(f"the graphical game cannot start ({exc}). {hint}") from None
    launch = getattr(module, "main", None)
    if not callable(launch):
        raise CliError(f"{module_name} has no main() to start the game. {hint}")
    return launch


from .trainer import register  # noqa: E402  (trainer commands: new, balance)

register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
