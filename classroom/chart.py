"""The market chart's data: shares of the market, quarter by quarter, as lines.

A share of the market is each account's share weighted by its demand (the engine's own
market_share in an Observation); past quarters are weighted by today's demand, so the
last point is exactly the share a team's page shows. Shares per account come from the
engine's turn reports (the public market report, every supplier's share), so nothing
here reaches past the fog of war:

- a team's chart is its own market: every supplier in its own game (parallel mode) or
  in the shared market (market mode), its own line marked;
- the console's chart in parallel mode is one line per team (each team's own share in
  its own copy of the world); in market mode it is every supplier of the one market,
  teams and doctrine rivals.

The browser draws the lines (static/chart.js); the HTML class report draws the same
data on the server (classroom/report.py), so both read this one module.
"""
from __future__ import annotations

from engine import text_of

from .cache import kept
from .session import Classroom


def _weights(room: Classroom, g: int) -> dict[str, float]:
    return {a.id: a.demand for a in room.match.observe(g, room.match.lang).accounts}


def _points(room: Classroom, g: int) -> list[dict[str, dict[str, float]]]:
    """Per point (the start, then after each quarter): account -> side -> share, in game g."""
    m = room.match
    if not m.orders_log:
        return [{a.id: dict(a.shares) for a in m.observe(g, m.lang).accounts}]
    reports = [m.report(g, q, m.lang) for q in range(1, len(m.orders_log) + 1)]
    return ([{s.account: dict(s.before) for s in reports[0].shares}]
            + [{s.account: dict(s.after) for s in r.shares} for r in reports])


def _weighted(point: dict[str, dict[str, float]], side: str, weights: dict[str, float]) -> float:
    total = sum(weights.values()) or 1.0
    return round(sum(w * (point.get(a, {}).get(side) or 0.0) for a, w in weights.items()) / total, 4)


def _side_names(room: Classroom, lang: str) -> dict[str, str]:
    return {s.id: text_of(s.name, lang) or s.id for s in room.scenario.sides}


def market_lines(room: Classroom, g: int, lang: str) -> dict:
    """Every supplier's share of team g's market: its own game (parallel) or the shared
    market (market mode); the team's own side is marked `own`."""
    points, weights = _points(room, g), _weights(room, g)
    names, own = _side_names(room, lang), room.teams[g].side or room.scenario.player_id
    teams_by_side = {t.side: t for t in room.teams} if room.mode == "market" else {}
    lines = []
    for side in names:
        values = [_weighted(p, side, weights) for p in points]
        if not any(values):
            continue  # a supplier that never entered this market
        team = teams_by_side.get(side)
        lines.append(dict(id=side, name=names[side], team=team.name if team else None, own=side == own,
                          values=values))
    return dict(points=len(points), lines=lines)


def _nobodys(chart: dict) -> dict:
    return dict(chart, lines=[dict(x, own=False) for x in chart["lines"]])


def team_lines(room: Classroom, lang: str) -> dict:
    """Parallel mode, for the console: each team's own share in its own copy of the world."""
    side = room.scenario.player_id
    lines = []
    for t in room.teams:
        points, weights = _points(room, t.idx), _weights(room, t.idx)
        lines.append(dict(id=f"team{t.idx}", name=t.name, team=t.name, own=False,
                          values=[_weighted(p, side, weights) for p in points]))
    return dict(points=len(lines[0]["values"]) if lines else 1, lines=lines)


def console_chart(room: Classroom, lang: str) -> dict:
    if room.mode == "market":  # the one market as every team sees it, no line marked as "you"
        return kept(room, "chart", ("market", lang), lambda: _nobodys(market_lines(room, 0, lang)))
    return kept(room, "chart", ("teams", lang), lambda: team_lines(room, lang))


def team_chart(room: Classroom, g: int, lang: str) -> dict:
    return kept(room, "chart", ("team", g, lang), lambda: market_lines(room, g, lang))
