"""The class as CSV for the debrief and the trainer's records.

scores.csv: one row per team and quarter (score, scorecard parts, objectives met, our
share per account, revenue, cash); decisions.csv: every plan each game played, with
where it came from (submitted, repeated, a bot, nothing, a rollback).
"""
from __future__ import annotations

import csv
import io
import json

from engine import PERSPECTIVES

from .session import Classroom


def _csv(rows: list[list]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
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
