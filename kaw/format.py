"""How `kaw` shows a game: rich tables for a trainer, one JSON document for programs.

Everything here reads the engine's typed views (TurnReport, Observation, Debrief) and the
scenario, never the state arrays. Text that comes from a scenario file is escaped before
rich sees it, so a "[" in a trainer's title is printed, not read as markup.
"""
from __future__ import annotations

import math
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.markup import escape
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:  # the engine loads when a game is shown, not when `kaw --help` imports this
    from engine.match import Debrief, Match
    from engine.observation import Observation
    from engine.report import TurnReport
    from engine.scenario import Scenario

STAR, NO_STAR = "★", "☆"
EVENTS_MIN_WIDTH = 24
# A column of prose: rich breaks lines at spaces, and a Chinese sentence has none, so by
# default it was cut short with "…" (a trainer lost the debrief's explanations). Folded,
# it goes on to the next line.
PROSE = "fold"
VERDICT_STYLE = {"won": "green", "held": "yellow", "lost": "red", "dropped": "dim"}
PERSPECTIVE_NAMES = {
    "financial": "Financial (profit, cash)",
    "customer": "Customer (share, satisfaction, A accounts kept)",
    "process": "Internal process (relationship depth, company ties)",
    "learning": "Learning & growth (morale, skill, retention)",
}


# ----------------------------------------------------------------------------- data


def turn_row(report: TurnReport, obs: Observation) -> dict[str, Any]:
    """One line of the per-turn table (and of the JSON document), for the player's side."""
    side = report.side
    return {
        "turn": report.turn,
        "market_share": obs.market_share,
        "shares": {c.account: c.after[side] for c in report.shares},
        "revenue": report.money["revenue"],
        "cost_to_serve": report.money["serve"],
        "profit": report.money["profit"],
        "cash": report.money["cash"],
        "reps": report.people.reps,
        "events": [{"id": e.id, "title": e.title} for e in report.events],
        "score": report.score,
        "stars": report.stars,
        # why: each account's share change by cause, each stance move by cause, our coaches
        "share_causes": {c.account: {k: v for k, v in c.causes.items() if abs(v) >= 0.0005} for c in report.shares},
        "stances": [{"account": c.account, "stakeholder": c.stakeholder, "name": c.name, "before": c.before,
                     "after": c.after, "causes": {k: v for k, v in c.causes.items() if abs(v) >= 0.005}}
                    for c in report.stances],
        "coaches": {a.id: [p.name for p in a.stakeholders if p.coach] for a in obs.accounts
                    if any(p.coach for p in a.stakeholders)},
        "left": list(report.people.left),
    }


def start_row(obs: Observation) -> dict[str, Any]:
    """Where we stood before the first turn (no revenue or profit yet)."""
    return {
        "turn": 0,
        "market_share": obs.market_share,
        "shares": {a.id: a.shares.get(obs.side, 0.0) for a in obs.accounts},
        "revenue": None, "cost_to_serve": None, "profit": None, "cash": obs.cash, "reps": len(obs.reps),
        "events": [], "score": obs.score, "stars": obs.stars,
        "share_causes": {}, "stances": [],
        "coaches": {a.id: [p.name for p in a.stakeholders if p.coach] for a in obs.accounts
                    if any(p.coach for p in a.stakeholders)},
        "left": [],
    }


def debrief_dict(d: Debrief) -> dict[str, Any]:
    return {
        "score": d.score,
        "stars": d.stars,
        "scorecard": dict(d.scorecard),
        "objectives": [{"id": i, "text": t, "met": met} for i, t, met in d.objectives],
        "lessons": [{"id": i, "title": title, "text": t} for i, title, t in d.lessons],
        "explanations": [asdict(e) for e in d.explanations],
        "history": d.history,
    }


def game_document(m: Match, start: dict, rows: list[dict], bot: str | None, scenario_ref: str) -> dict[str, Any]:
    """The whole game as one JSON-ready document."""
    from engine import ENGINE_VERSION, text_of

    sc = m.scenario
    return clean({
        "engine_version": ENGINE_VERSION,
        "scenario": sc.id,
        "scenario_ref": scenario_ref,
        "title": text_of(sc.title, m.lang),
        "seed": m.seed,
        "bot": bot,
        "controllers": dict(m.controllers),
        "side": m.player,
        "lang": m.lang,
        "money_unit": sc.money_unit,
        "turns_played": m.turn,
        "turns_total": sc.turns,
        "start": start,
        "turns": rows,
        "debrief": debrief_dict(m.debrief()),
    })


def clean(value: Any) -> Any:
    """Plain JSON values: tuples become lists, numpy scalars floats, NaN/inf null."""
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (str, int)):
        return value
    if hasattr(value, "item"):  # numpy scalar
        return clean(value.item())
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return str(value)


# ----------------------------------------------------------------------------- small helpers


def stars(n: int, of: int = 3) -> str:
    return STAR * n + NO_STAR * (of - n)


def pct(x: float) -> str:
    return f"{x:.1%}"


def money(x: float | None) -> str:
    return "-" if x is None else f"{x:,.2f}"


def money_cell(x: float | None) -> Text:
    return Text(money(x), style="red" if x is not None and x < 0 else "")


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


# ----------------------------------------------------------------------------- tables


def scenarios_table(rows: list[dict]) -> Table:
    """`kaw list`: one row per shipped scenario; a broken file is a row with a note.

    Two columns, the second holding the title, the facts and the reference strategies on
    lines of their own: in six columns an 80-column terminal (a laptop's default) left
    the title ten characters, so it stood a word per line and every strategy was cut
    ("strategie…", "historica…")."""
    t = Table(title="Shipped scenarios", title_justify="left", header_style="bold",
              caption="To see one played by a reference strategy: kaw run <id> --bot strategy:<strategy>",
              caption_justify="left")
    t.add_column("Id", style="cyan", no_wrap=True)
    t.add_column("Scenario", overflow="fold")
    for r in rows:
        if "error" in r:
            t.add_row(escape(r["id"]), Text(r["error"], style="red"))
            continue
        count, _, doctrines = r["sides"].partition(": ")  # "4: poacher": sides, rivals' doctrines
        rivals = int(count) - 1 if count.isdigit() else count
        cell = Text(r["title"], style="bold")
        cell.append(f"\n{r['difficulty']} · {r['turns']} quarters · {r['accounts']} accounts · "
                    f"{rivals} {'rival' if rivals == 1 else 'rivals'}: {doctrines}", style="dim")
        if r["strategies"]:
            cell.append("\nstrategies: " + ", ".join(r["strategies"]), style="dim")
        t.add_row(escape(r["id"]), cell)
    return t


def bots_table(bots: list[list[str]]) -> Table:
    """`kaw list`: the bots that can take a seat (kaw run --bot, kaw class --missing), as
    the engine's registry names and describes them."""
    t = Table(title="Bots", title_justify="left", header_style="bold",
              caption="Seat one with: kaw run <id> --bot <bot>", caption_justify="left")
    t.add_column("Bot", style="cyan", no_wrap=True)
    t.add_column("What it does")
    for name, summary in bots:
        t.add_row(escape(name), escape(summary))
    return t


def turns_table(sc: Scenario, rows: list[dict], lang: str = "en", events: bool = True,
                short: bool = False, compact: bool = False, accounts: list | None = None,
                with_money: bool = True) -> Table:
    """`kaw run`: what happened to us each quarter (events in a column, if asked; accounts
    headed by their ids when `short`; without cell borders when `compact`). `accounts`: the
    accounts whose shares are shown (default: all); without `with_money`, the shares alone.

    Number columns get a fixed width (their widest value or header word; CJK headers
    may break anywhere), so only the events column stretches and wraps.
    """
    from engine import text_of

    shown = sc.accounts if accounts is None else accounts
    columns: list[tuple[str, list]] = [
        ("Quarter", [str(r["turn"]) if r["turn"] else "start" for r in rows]),
        *([("Market share", [pct(r["market_share"]) for r in rows])] if with_money else []),
        *((a.id if short else f"{text_of(a.name, lang)} ({a.tier})", [pct(r["shares"][a.id]) for r in rows])
          for a in shown),
        *([("Revenue", [money(r["revenue"]) for r in rows]),
           # a case that charges a cost to serve shows it beside the profit it eats into
           *([("Cost to serve", [money(r["cost_to_serve"]) for r in rows])]
             if any(sc.tuning.cost_to_serve.values()) else []),
           ("Profit", [money_cell(r["profit"]) for r in rows]),
           ("Cash", [money_cell(r["cash"]) for r in rows]),
           ("Reps", [str(r["reps"]) for r in rows])] if with_money else []),
    ]
    style = dict(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True) if compact else {}
    if with_money:
        title = "Quarter by quarter (our side)"
        caption = (f"Shares and cash at the end of each quarter; revenue and profit of the quarter; "
                   f"money in {escape(sc.money_unit)}.")
    else:
        # the accounts' shares on their own (too many accounts for one table): a continued
        # table has no title, so that a narrow one does not wrap it
        title = "Our share of each account" if shown and shown[0] is sc.accounts[0] else None
        caption = None
    t = Table(title=title, title_justify="left", header_style="bold", caption=caption,
              caption_justify="left", **style)
    for header, cells in columns:
        widest = max([cell_len(str(c)) for c in cells] + [len(w) for w in header.split() if w.isascii()])
        t.add_column(escape(header), justify="right", width=widest, overflow="fold")
    if events:
        t.add_column("Events", min_width=EVENTS_MIN_WIDTH)
    for i, r in enumerate(rows):
        cells = [col[1][i] for col in columns]
        if events:
            cells.append("\n".join(escape(e["title"] or e["id"]) for e in r["events"]) or ("" if not r["turn"] else "-"))
        t.add_row(*cells)
    return t


def events_list(rows: list[dict]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow=PROSE)
    for r in rows:
        for e in r["events"]:
            grid.add_row(f"Quarter {r['turn']}", escape(e["title"] or e["id"]))
    return grid


def why_list(sc: Scenario, rows: list[dict], lang: str = "en") -> Table:
    """`kaw run`: why each quarter moved: every account's share change by cause (the
    engine's registry labels), stance moves with their biggest causes, coaches, leavers."""
    from engine import cause_label, text_of

    names = {a.id: text_of(a.name, lang) for a in sc.accounts}
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow=PROSE)
    for r in rows:
        if not r["turn"]:
            continue
        parts = []
        for aid, causes in r.get("share_causes", {}).items():
            if not causes:
                continue
            total = sum(causes.values())
            top = sorted(causes.items(), key=lambda kv: -abs(kv[1]))[:3]
            why = ", ".join(f"{cause_label('share', k, lang)} {v * 100:+.1f}" for k, v in top)
            parts.append(f"{names.get(aid, aid)} {total * 100:+.1f} pts ({why})")
        moves = []
        for c in sorted(r.get("stances", []), key=lambda c: -abs(c["after"] - c["before"]))[:4]:
            top = sorted(c["causes"].items(), key=lambda kv: -abs(kv[1]))[:2]
            why = ", ".join(cause_label("stance", k, lang) for k, _ in top)
            moves.append(f"{c['name']} {c['before']:.1f}→{c['after']:.1f}" + (f" ({why})" if why else ""))
        if moves:
            parts.append("stances: " + "; ".join(moves))
        coaches = [f"{', '.join(v)} ({names.get(a, a)})" for a, v in r.get("coaches", {}).items()]
        parts.append("coaches: " + ("; ".join(coaches) if coaches else "none"))
        if r.get("left"):
            parts.append("left: " + ", ".join(r["left"]))
        grid.add_row(f"Quarter {r['turn']}", escape("\n".join(parts)))
    return grid


def show_turns(console: Console, sc: Scenario, rows: list[dict], lang: str) -> None:
    """The per-turn table, fitted to the terminal: account names in the headers and events
    in a column if there is room; else account ids (with a key) and events listed below."""
    def fits(table: Table) -> bool:
        return Measurement.get(console, console.options.update(max_width=10_000), table).minimum <= console.width

    layouts = [  # (events, short, compact), the most readable first
        (True, False, False), (False, False, False), (False, False, True), (False, True, True)]
    events, short, compact = next((lay for lay in layouts if fits(turns_table(sc, rows, lang, *lay))), (None,) * 3)
    if events is not None:
        console.print(turns_table(sc, rows, lang, events, short, compact))
    else:  # too many accounts for one table: the money first, then the accounts' shares in tables that fit
        events, short, compact = False, True, True
        console.print(turns_table(sc, rows, lang, events, short, compact, accounts=[]))
        chunk: list = []
        for a in sc.accounts:
            if chunk and not fits(turns_table(sc, rows, lang, events, short, compact, chunk + [a], with_money=False)):
                console.print(turns_table(sc, rows, lang, events, short, compact, chunk, with_money=False))
                chunk = []
            chunk.append(a)
        console.print(turns_table(sc, rows, lang, events, short, compact, chunk, with_money=False))
    if short:
        from engine import text_of

        key = "; ".join(f"{a.id} = {text_of(a.name, lang)} ({a.tier})" for a in sc.accounts)
        console.print(Text(f"Accounts: {key}.", style="dim"))
    if not events and any(r["events"] for r in rows):
        console.print()
        console.print(Text("Events", style="bold"))
        console.print(events_list(rows))
    console.print()
    console.print(section("Why, quarter by quarter", why_list(sc, rows, lang)))


def scorecard_table(sc: Scenario, d: Debrief) -> Table:
    from engine import PERSPECTIVES

    card = sc.scorecard
    t = Table(title="Balanced scorecard", title_justify="left", header_style="bold")
    t.add_column("Perspective")
    t.add_column("Weight", justify="right")
    t.add_column("Score (0-100)", justify="right")
    total_w = sum(getattr(card, p) for p in PERSPECTIVES) or 1.0
    for p in PERSPECTIVES:
        t.add_row(PERSPECTIVE_NAMES[p], f"{getattr(card, p) / total_w:.0%}", f"{100 * d.scorecard[p]:.0f}")
    t.add_section()
    t.add_row(Text("Total", style="bold"), "", Text(f"{d.score:.1f}", style="bold"))
    return t


# ----------------------------------------------------------------------------- the debrief


def star_line(sc: Scenario, d: Debrief) -> Text:
    s1, s2, s3 = sc.scorecard.stars
    line = Text.assemble(("Final score ", "bold"), (f"{d.score:.1f}", "bold"), " / 100   ",
                         (stars(d.stars), "bold yellow"), f"  ({plural(d.stars, 'star')} of 3)")
    line.append(f"\nStars: 1 at {s1:g}; 2 at {s2:g} with every primary objective met; "
                f"3 at {s3:g} with all objectives met.", style="dim")
    hint = next_star_hint(sc, d)
    if hint:
        line.append(f"\n{hint}", style="italic")
    return line


def next_star_hint(sc: Scenario, d: Debrief) -> str:
    """What stood between this game and one more star, in a trainer's words."""
    if d.stars >= 3:
        return ""
    nxt = d.stars + 1
    need = sc.scorecard.stars[d.stars]
    primary = {o.id: o.primary for o in sc.objectives}
    missed = [text for oid, text, met in d.objectives if not met and (nxt >= 3 or primary.get(oid, True))]
    needs = []
    if d.score < need:
        needs.append(f"a score of {need:g} (this game: {d.score:.1f})")
    if nxt >= 2 and missed:
        needs.append(("this objective: " if len(missed) == 1 else "these objectives: ") + "; ".join(missed))
    return f"For {plural(nxt, 'star')} it needed " + ", and ".join(needs) + "." if needs else ""


def _grid() -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow=PROSE)
    return grid


def section(title: str, body: Table | Text) -> Group:
    return Group(Text(title, style="bold"), Padding(body, (0, 0, 1, 2)))


def objectives_view(sc: Scenario, d: Debrief) -> Group:
    primary = {o.id: o.primary for o in sc.objectives}
    grid = _grid()
    for oid, text, met in d.objectives:
        body = Text(text)
        if not primary.get(oid, True):
            body.append("  (secondary)", style="dim")
        grid.add_row(Text("✓ met" if met else "✗ missed", style="green" if met else "red"), body)
    return section("Objectives", grid if d.objectives else Text("(this scenario sets none)"))


def lessons_view(d: Debrief) -> Group:
    grid = _grid()
    for _, title, text in d.lessons:
        grid.add_row("•", Text.assemble((title, "bold"), "\n", text))
    return section("Lessons from this game", grid if d.lessons else Text("(none triggered)"))


def why_view(d: Debrief) -> Group:
    grid = _grid()
    for e in d.explanations:
        body = Text(e.text)
        for turn, title in e.events:
            body.append(f"\nQuarter {turn}: {title}", style="dim")
        grid.add_row(Text(e.verdict.upper(), style="bold " + VERDICT_STYLE.get(e.verdict, "")), body)
    return section("Why, account by account", grid if d.explanations else Text("(no turn played)"))


def show_debrief(console: Console, sc: Scenario, d: Debrief) -> None:
    console.print()
    console.print(scorecard_table(sc, d))
    console.print(star_line(sc, d))
    console.print()
    console.print(objectives_view(sc, d), lessons_view(d), why_view(d))


def show_header(console: Console, m: Match, who: str, note: str = "") -> None:
    from engine import text_of

    sc = m.scenario
    title = text_of(sc.title, m.lang)
    side = next(s for s in sc.sides if s.id == m.player)
    rivals = ", ".join(f"{text_of(s.name, m.lang)} ({m.controllers.get(s.id) or s.doctrine.name})"
                       for s in sc.sides if s.id != m.player and s.doctrine)
    head = Text.assemble((title, "bold"), f"  [{sc.id}]\n",
                         f"You: {text_of(side.name, m.lang)}, played by {who}.\n",
                         f"Rivals: {rivals or 'none'}.\n",
                         f"Seed {m.seed}; turn {m.turn} of {sc.turns}.")
    if note:
        head.append(f"\n{note}", style="dim")
    console.print(head)
    console.print()


def show_game(console: Console, m: Match, rows: list[dict], who: str, note: str = "") -> None:
    show_header(console, m, who, note)
    show_turns(console, m.scenario, rows, m.lang)
    show_debrief(console, m.scenario, m.debrief())
