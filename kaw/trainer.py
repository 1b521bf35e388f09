"""The trainer's commands of `kaw`: start a scenario and check its balance before class.

    kaw new cement_tender                     a commented starting scenario that validates
    kaw new my_blitz --from blitz             a copy of a shipped scenario under a new id
    kaw balance my_case.yaml                  10,000 games per strategy: is it fair and hard enough?
    kaw balance tutorial --games 2000 --html report.html

`register(app)` adds the commands to the `kaw` application (kaw/cli.py calls it); run
``python -m kaw.trainer`` to use them alone. This layer owns everything the engine
may not touch: the terminal, the progress bar, Ctrl-C and files.
"""
from __future__ import annotations

import json
import logging
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .errors import INTERRUPTED, CliError, err, fail, find_scenario, friendly

out = Console(highlight=False)


# ----------------------------------------------------------------------------- kaw new


def new(
    scenario_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the new scenario: lower case, digits, underscores (e.g. cement_tender).")],
    from_: Annotated[Optional[str], typer.Option("--from", help="Start from a copy of this shipped scenario (see kaw list) instead of the scaffold.", show_default=False)] = None,
    out_file: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write (default: ID.yaml here; a folder: ID.yaml in it).", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the file if it exists.")] = False,
) -> None:
    """Write a new scenario file that validates, ready to edit.

    Without --from it is a small commented scaffold (two sides, two accounts, an event, an objective, a lesson and two reference strategies). The first line points editors at the scenario schema, so they autocomplete keys and flag mistakes while you type.
    """
    from engine import load_with_warnings, shipped

    from .authoring import new_scenario

    target = out_file if out_file is not None else Path(f"{scenario_id}.yaml")
    if target.is_dir():
        target = target / f"{scenario_id}.yaml"
    if target.exists() and not force:
        raise CliError(f"{target} already exists (use --force to overwrite it, or --out to choose another file)")
    if from_ is not None and from_ not in shipped():
        raise CliError(f"no shipped scenario '{from_}' to copy (shipped: {', '.join(shipped()) or 'none'})", 2)
    try:
        text = new_scenario(scenario_id, target, from_)
    except ValueError as exc:
        raise CliError(str(exc), 2) from None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")
    from engine.lint import lint

    sc, warnings = load_with_warnings(target)
    problems = {p.message for p in warnings} | {p.message for p in lint(sc)}
    what = f"a copy of '{from_}'" if from_ else "a new scenario"
    status = "validates" + (f" with {len(problems)} warning(s)" if problems else "")
    out.print(f"Wrote {escape(str(target))}: {what} with id '{scenario_id}' ({status}).", soft_wrap=True)
    out.print("Next:\n"
              f"  1. edit it (the guide: docs/authoring.md; hover a key in your editor for its meaning)\n"
              f"  2. kaw validate {escape(str(target))}\n"
              f"  3. kaw balance {escape(str(target))} --games 2000", soft_wrap=True)


# ----------------------------------------------------------------------------- kaw balance


class StopFlag:
    """Ctrl-C while a balance runs: the first stops after the chunks in hand (partial
    results are shown), the second aborts at once."""

    def __init__(self) -> None:
        self.stop = False
        self.previous = None

    def __call__(self) -> bool:
        return self.stop

    def handler(self, signum, frame) -> None:
        if self.stop:
            raise KeyboardInterrupt
        self.stop = True
        err.print("[yellow]Stopping after the games in hand... (Ctrl-C again to abort)[/]")

    def __enter__(self) -> "StopFlag":
        try:
            self.previous = signal.signal(signal.SIGINT, self.handler)
        except ValueError:  # not the main thread: Ctrl-C keeps its default behaviour
            self.previous = None
        return self

    def __exit__(self, *exc) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


@contextmanager
def quiet_libraries() -> Iterator[None]:
    """No log lines from libraries while a run lasts. dask logs every reconnection attempt,
    with its traceback, when a cluster goes away; the trainer needs one line saying what
    was lost, which the run's result gives."""
    logging.disable(logging.CRITICAL)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


def _pct(x: float) -> str:
    return "-" if x != x else f"{100 * x:.0f}%"


def results_table(result) -> Table:
    sc = result.scenario
    t = Table(title=f"{sc.id}: {result.games:,} games per strategy, seed {result.seed}"
                    + (" (PARTIAL)" if result.partial else ""), title_justify="left", box=box.SIMPLE_HEAD,
              pad_edge=False)
    t.add_column("strategy", no_wrap=True)
    uneven = result.partial  # games per strategy differ only in a stopped run
    for col in (("games",) if uneven else ()) + ("mean", "p10/p50/p90", "profit"):
        t.add_column(col, justify="right", no_wrap=True)
    t.add_column("% stars\n0/1/2/3", justify="right", no_wrap=True)
    for j, o in enumerate(sc.objectives, 1):
        t.add_column(f"O{j}" + ("" if o.primary else "*"), justify="right", no_wrap=True)
    for s in result.strategies:
        name = s.spec.key.removeprefix("strategy:")
        label = {"reference": f"[bold]{escape(name)}[/]", "yardstick": f"[dim]{escape(name)}[/]"}.get(s.spec.kind, escape(name))
        games = [f"{s.games:,}"] if uneven else []
        if not s.games:
            t.add_row(label, *games, *["-"] * (4 + len(sc.objectives)))
            continue
        stars = "/".join(f"{100 * x:.0f}" for x in s.star_shares)
        spread = "/".join(f"{s.percentile(q):.0f}" for q in (10, 50, 90))
        t.add_row(label, *games, f"{s.mean:.1f}", spread, f"{s.mean_of('profit'):.1f}", stars,
                  *[_pct(r) for r in s.objective_rates])
    return t


def show_result(result) -> None:
    from engine import text_of

    from . import balance as bal

    out.print(results_table(result))
    out.print(f"Score 0-100 (balanced scorecard): mean and 10th/50th/90th percentile; profit: mean total profit "
              f"({escape(result.scenario.money_unit)}); stars: % of games with 0/1/2/3 stars; O1, O2...: % of games "
              "meeting each objective (* secondary). Bold: the scenario's reference strategies; dim: yardstick "
              f"bots; {escape(bal.mistakes_legend(result))}the rest: rival doctrines in the trainee's seat.",
              soft_wrap=True, style="dim")
    for j, o in enumerate(result.scenario.objectives, 1):
        out.print(f"  O{j}{'' if o.primary else '*'} {escape(o.id)}: {escape(text_of(o.text))}", soft_wrap=True)
    if result.partial:
        out.print("[yellow]The run was stopped: the warnings below judge only the games played.[/]")
    if result.warnings:
        out.print(f"[yellow]{len(result.warnings)} warning(s):[/]")
        for w in result.warnings:
            out.print(f"[yellow]warning:[/] {escape(w.message)}", soft_wrap=True)
    else:
        out.print("[green]No balance warnings.[/]")
    if result.partial:
        out.print(f"[yellow]PARTIAL: stopped early, {result.played:,} of {result.games * len(result.strategies):,} "
                  "games played; the figures above cover only those.[/]", soft_wrap=True)


def balance(
    scenario: Annotated[str, typer.Argument(help="Shipped scenario id (see kaw list) or a path to a YAML file.")],
    games: Annotated[int, typer.Option("--games", "-n", min=1, help="Games per strategy.")] = 10_000,
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", min=1, help="Processes to spread the games over (default: one per CPU core).", show_default=False)] = None,
    seed: Annotated[int, typer.Option(min=0, help="Seed of the run (0 or more): the same seed gives the same figures, whatever --workers.")] = 0,
    strategy: Annotated[Optional[list[str]], typer.Option("--strategy", "-s", help="Play only this strategy (a reference strategy id or a doctrine name); repeat for several.", show_default=False)] = None,
    html: Annotated[Optional[Path], typer.Option(help="Also write a self-contained HTML report with charts to this file.", show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document and nothing else.")] = False,
    cluster: Annotated[Optional[str], typer.Option(help="Run on a dask.distributed cluster at this scheduler address (e.g. tcp://10.0.0.5:8786); needs: pip install 'key-account-wars[cluster]'.", show_default=False)] = None,
    cluster_wait: Annotated[float, typer.Option(min=0.5, help="With --cluster: seconds the cluster may have no worker before the run stops with the games played.")] = 30.0,
) -> None:
    """Play many games per strategy and warn when the scenario is unfair or too easy.

    Strategies in the trainee's seat: the scenario's reference strategies, the random and balanced yardstick bots, four plans the articles call mistakes (teams_everywhere, drop_idle, price_everywhere, decision_only), and every rival doctrine. For each: mean and 10th/50th/90th percentile score, stars, objectives met. Warnings: a trivial strategy or a mistake as good as the reference ones, a spread so wide that luck decides, objectives nobody or everybody meets.

    Ctrl-C stops early and shows the games played so far, marked PARTIAL (exit code 130). So does losing the workers or the cluster, with one line saying what was lost (exit code 1).
    """
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn)

    from engine import load_with_warnings

    from . import balance as bal

    path = find_scenario(scenario)
    if html is not None:  # said now, not after every game has been played
        from .balance_report import unusable_target

        reason = unusable_target(html)
        if reason:
            raise CliError(f"--html: {reason}", 2)
    sc, _ = load_with_warnings(path)
    try:
        specs = bal.resolve_strategies(sc, strategy)
    except KeyError as exc:
        raise CliError(str(exc.args[0]), 2) from None
    if workers is None:
        workers = os.cpu_count() or 1
    total = games * len(specs)
    where = f"the cluster at {cluster}" if cluster else f"{workers} process{'es' if workers > 1 else ''}"
    show_bar = not as_json and err.is_terminal
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("games"), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn())
    # Ctrl-C is ours from before the first word about the run until its results are in.
    with StopFlag() as stop, quiet_libraries(), \
            Progress(*columns, console=err, transient=True, disable=not show_bar) as bar:
        if not as_json:
            err.print(f"Playing {games:,} games x {len(specs)} strategies of '{escape(sc.id)}' on {escape(where)} "
                      "(Ctrl-C stops early and shows what was played).", soft_wrap=True)
        task = bar.add_task(f"balance {sc.id}", total=total)
        try:
            result = bal.balance(sc, games=games, seed=seed, workers=workers, strategies=[s.key for s in specs],
                                 progress=lambda done, _total: bar.update(task, completed=done),
                                 should_stop=stop, cluster=cluster, cluster_wait=cluster_wait)
        except RuntimeError as exc:  # dask missing
            raise CliError(str(exc)) from None
        except ValueError as exc:  # --cluster is not a scheduler address
            if cluster is None:
                raise
            raise CliError(str(exc), 2) from None
        except OSError as exc:
            if cluster is None:
                raise
            raise CliError(f"cannot reach the cluster at {cluster}: {exc}") from None
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n")
    else:
        show_result(result)
    if html is not None:
        from .balance_report import write_report

        import shlex

        again = ["kaw", "balance", scenario, "--games", str(games), "--seed", str(seed)]
        again += [x for s in strategy or () for x in ("--strategy", s)]
        write_report(result, html, shlex.join(again))
        if not as_json:
            out.print(f"Report written to {escape(str(html))}")
    if result.failure:
        raise fail(f"{result.failure}; the figures cover only the {result.played:,} games played before", 1)
    if result.partial:
        raise typer.Exit(INTERRUPTED)


# ----------------------------------------------------------------------------- wiring


def register(app: typer.Typer) -> None:
    """Add `new` and `balance` to the kaw application."""
    app.command("new")(friendly(new))
    app.command("balance")(friendly(balance))


app = typer.Typer(name="kaw", help="Key Account Wars: trainer tools (kaw new, kaw balance).",
                  no_args_is_help=True, add_completion=False, rich_markup_mode="rich",
                  pretty_exceptions_show_locals=False)
register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
