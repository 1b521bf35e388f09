"""The class as files for the debrief and the trainer's records.

scores.csv: one row per team and quarter (score, scorecard parts, objectives met, our
share per account, revenue, cash); decisions.csv: every plan each game played, with
where it came from (submitted, repeated, a bot, nothing, a rollback). With an export
folder (`kaw class --export DIR`), both and the HTML class report are written there
after every resolution and rollback, so the latest are on disk whatever happens.

Both CSV files are UTF-8 with a byte-order mark (CSV_ENCODING): Excel opens a CSV file
without one in the machine's code page, so on Chinese Windows a double-click showed a
--lang zh class's team names (第1组) garbled. Python's csv module reads them with
encoding="utf-8-sig", pandas and spreadsheet programs as they are.
"""
from __future__ import annotations

import csv
import io
import json
import logging
from pathlib import Path

from engine import PERSPECTIVES

from .session import Classroom

log = logging.getLogger("classroom")
CSV_ENCODING = "utf-8-sig"  # UTF-8 with its byte-order mark, which Excel needs to read it as UTF-8


# A text cell starting with one of these is a formula to a spreadsheet: a team's name
# ('+1 team', '=HYPERLINK(...)', typed in a browser) would be run in the trainer's file.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A cell as written: text a spreadsheet would read as a formula gets a leading
    apostrophe (how spreadsheets themselves mark text); numbers stay numbers."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def _csv(rows: list[list]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([[_cell(v) for v in row] for row in rows])
    return buf.getvalue()


def scores_csv(room: Classroom) -> str:
    m, sc = room.match, room.scenario
    accounts = [a.id for a in sc.accounts]
    head = (["team", "name", "side", "quarter", "score", "stars"] + list(PERSPECTIVES)
            + [f"objective:{o.id}" for o in sc.objectives] + [f"share:{a}" for a in accounts] + ["revenue", "cash"])
    rows = [head]
    for q in range(1, len(m.orders_log) + 1):
        scores = m.scores(q)
        for t in room.teams:
            r = m.report(t.idx, q, "en")
            share = {x.account: x.after.get(t.side or m.player, 0.0) for x in r.shares}
            rows.append([t.idx + 1, t.name, t.side, q, round(float(scores.total[t.idx]), 3), int(scores.stars[t.idx])]
                        + [round(float(scores.parts[p][t.idx]), 4) for p in PERSPECTIVES]
                        + [int(bool(x)) for x in scores.objectives[t.idx]]
                        + [round(share[a], 4) for a in accounts]
                        + [round(r.money["revenue"], 2), round(r.money["cash"], 2)])
    return _csv(rows)


def decisions_csv(room: Classroom) -> str:
    rows = [["team", "name", "quarter", "source", "orders"]]
    for q, (turn, sources) in enumerate(zip(room.match.orders_log, room.sources), 1):
        for t in room.teams:
            o = turn[t.idx]
            rows.append([t.idx + 1, t.name, q, sources[t.idx],
                         json.dumps(o, ensure_ascii=False, sort_keys=True) if isinstance(o, dict) else (o or "")])
    return _csv(rows)


def write_folder(room: Classroom, folder: Path, lang: str) -> None:
    """scores.csv, decisions.csv and class-report.html (with the debrief once the game is
    over) written into `folder`; a failure is logged, never raised to a request."""
    from .debrief import cached_debrief
    from .report import class_report
    try:
        folder.mkdir(parents=True, exist_ok=True)
        files = {"scores.csv": scores_csv(room), "decisions.csv": decisions_csv(room),
                 "class-report.html": class_report(room, lang, cached_debrief(room, lang) if room.match.done else None)}
        for name, text in files.items():
            tmp = folder / f".{name}.tmp"
            tmp.write_text(text, encoding=CSV_ENCODING if name.endswith(".csv") else "utf-8")
            tmp.replace(folder / name)  # a reader never sees half a file
    except OSError as exc:
        log.error("could not write the class's files into %s: %s", folder, exc)
