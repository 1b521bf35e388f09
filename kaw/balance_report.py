"""A balance run as one self-contained HTML page: tables and inline SVG charts drawn
from the numbers here (no scripts, no style sheets or fonts from the network), so a
trainer can mail it, open it offline or print it.

Charts: the score distribution of every strategy (small multiples on one 0-100 scale,
with the star thresholds and the 10th/50th/90th percentiles), the star distribution
(stacked bars), the player's market share turn by turn (mean per strategy, with the
10th-90th percentile band of the reference strategies), and objective and lesson rates.
"""
from __future__ import annotations

import html
import os
from pathlib import Path

import numpy as np

from .balance import BalanceResult, StrategyResult, mistakes_legend
from engine.metrics import PERSPECTIVES
from engine.scenario.models import text_of

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
           "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#843c39", "#7b4173", "#3182bd")
STAR_COLOURS = ("#d9d9d9", "#fdd49e", "#fc8d59", "#d7301f")
BINS = 50  # score histogram: 2 points per bin

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK SC',sans-serif;
margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em} h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:.9em;margin:.5em 0} th,td{padding:.25em .6em;border-bottom:1px solid #eee;text-align:right}
th:first-child,td:first-child{text-align:left} .warn{background:#fff4e5;border-left:4px solid #f0a020;padding:.5em 1em}
.ok{background:#eef8ee;border-left:4px solid #3a3;padding:.5em 1em} .partial{background:#fdecea;border-left:4px solid #d33;padding:.5em 1em}
.muted{color:#777} .ref{font-weight:600} svg text{font-family:inherit}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _name(s: StrategyResult) -> str:
    return s.spec.key.removeprefix("strategy:")


def _colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _pale(colour: str, white: float = 0.8) -> str:
    """The colour mixed with white (bands stay light even where opacity is ignored)."""
    rgb = [int(colour[k:k + 2], 16) for k in (1, 3, 5)]
    return "#" + "".join(f"{int(c + (255 - c) * white):02x}" for c in rgb)


# ----------------------------------------------------------------------------- charts


def score_histograms(result: BalanceResult) -> str:
    """One row per strategy: a histogram of its scores on a shared 0-100 axis."""
    played = [(i, s) for i, s in enumerate(result.strategies) if s.games]
    if not played:
        return "<p class='muted'>No games played.</p>"
    left, width, row, gap = 150, 820, 46, 8
    height = len(played) * (row + gap) + 40
    edges = np.linspace(0.0, 100.0, BINS + 1)
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{left + width + 20}' height='{height}' "
             f"role='img' aria-label='score distribution per strategy'>"]
    stars = result.scenario.scorecard.stars
    for r, (i, s) in enumerate(played):
        y0 = r * (row + gap) + 10
        counts, _ = np.histogram(np.clip(s.totals, 0, 100), bins=edges)
        peak = max(int(counts.max()), 1)
        weight = " font-weight='600'" if s.spec.kind == "reference" else ""
        parts.append(f"<text x='{left - 8}' y='{y0 + row / 2 + 4}' text-anchor='end' font-size='12'{weight}>"
                     f"{_e(_name(s))}</text>")
        parts.append(f"<rect x='{left}' y='{y0}' width='{width}' height='{row}' fill='#fafafa' stroke='#eee'/>")
        bw = width / BINS
        for b, c in enumerate(counts):
            if c:
                h = row * c / peak
                parts.append(f"<rect x='{left + b * bw:.1f}' y='{y0 + row - h:.1f}' width='{bw - 0.5:.1f}' "
                             f"height='{h:.1f}' fill='{_colour(i)}' fill-opacity='0.8'/>")
        for q, dash in ((10, "2,2"), (50, ""), (90, "2,2")):
            x = left + width * s.percentile(q) / 100
            dashes = f" stroke-dasharray='{dash}'" if dash else ""
            parts.append(f"<line x1='{x:.1f}' x2='{x:.1f}' y1='{y0}' y2='{y0 + row}' stroke='#000' "
                         f"stroke-width='1'{dashes}><title>{q}th percentile: {s.percentile(q):.1f}</title></line>")
    axis_y = len(played) * (row + gap) + 10
    for v in range(0, 101, 10):
        x = left + width * v / 100
        parts.append(f"<text x='{x:.1f}' y='{axis_y + 14}' text-anchor='middle' font-size='11'>{v}</text>")
    for k, v in enumerate(stars):
        x = left + width * v / 100
        parts.append(f"<line x1='{x:.1f}' x2='{x:.1f}' y1='6' y2='{axis_y}' stroke='#d7301f' stroke-width='1' "
                     f"stroke-dasharray='4,3' opacity='0.6'><title>{k + 1} star{'s' if k else ''} from {v:g}</title></line>")
        parts.append(f"<text x='{x + 3:.1f}' y='{axis_y + 28}' font-size='10' fill='#d7301f'>{'★' * (k + 1)} {v:g}</text>")
    parts.append("</svg>")
    return "".join(parts)


def star_bars(result: BalanceResult) -> str:
    played = [s for s in result.strategies if s.games]
    if not played:
        return ""
    left, width, row = 150, 600, 22
    height = len(played) * (row + 6) + 40
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{left + width + 220}' height='{height}' "
             "role='img' aria-label='stars per strategy'>"]
    for r, s in enumerate(played):
        y = r * (row + 6) + 6
        parts.append(f"<text x='{left - 8}' y='{y + row / 2 + 4}' text-anchor='end' font-size='12'>{_e(_name(s))}</text>")
        x = float(left)
        for k, share in enumerate(s.star_shares):
            w = width * float(share)
            if w > 0:
                parts.append(f"<rect x='{x:.1f}' y='{y}' width='{w:.1f}' height='{row}' fill='{STAR_COLOURS[k]}'>"
                             f"<title>{k} star{'s' if k != 1 else ''}: {100 * share:.1f}%</title></rect>")
                if w > 28:
                    parts.append(f"<text x='{x + w / 2:.1f}' y='{y + row / 2 + 4}' text-anchor='middle' "
                                 f"font-size='11'>{100 * share:.0f}%</text>")
            x += w
    ly = len(played) * (row + 6) + 16
    for k in range(4):
        parts.append(f"<rect x='{left + k * 90}' y='{ly}' width='12' height='12' fill='{STAR_COLOURS[k]}'/>"
                     f"<text x='{left + k * 90 + 16}' y='{ly + 11}' font-size='11'>{k} star{'s' if k != 1 else ''}</text>")
    parts.append("</svg>")
    return "".join(parts)


def share_chart(result: BalanceResult) -> str:
    played = [(i, s) for i, s in enumerate(result.strategies) if s.games]
    if not played:
        return ""
    T = result.scenario.turns
    left, top, width, height = 60, 10, 700, 320
    top_value = max(0.05, max(float(np.nanmax(s.share_band(90) if s.spec.kind == "reference" else s.share_mean))
                              for _, s in played))
    step = 0.05 if top_value <= 0.3 else 0.1
    top_value = min(1.0, (np.floor(top_value / step) + 1) * step)
    ticks = int(round(top_value / step))
    sx = lambda t: left + width * t / max(T, 1)  # noqa: E731
    sy = lambda v: top + height - height * v / top_value  # noqa: E731
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{left + width + 230}' height='{top + height + 50}' "
             "role='img' aria-label='player market share per turn'>",
             f"<rect x='{left}' y='{top}' width='{width}' height='{height}' fill='#fafafa' stroke='#ddd'/>"]
    for k in range(ticks + 1):
        v = step * k
        parts.append(f"<line x1='{left}' x2='{left + width}' y1='{sy(v):.1f}' y2='{sy(v):.1f}' stroke='#eee'/>"
                     f"<text x='{left - 6}' y='{sy(v) + 4:.1f}' text-anchor='end' font-size='11'>{100 * v:.0f}%</text>")
    for t in range(T + 1):
        parts.append(f"<text x='{sx(t):.1f}' y='{top + height + 16}' text-anchor='middle' font-size='11'>{t}</text>")
    parts.append(f"<text x='{left + width / 2}' y='{top + height + 36}' text-anchor='middle' font-size='12'>turn</text>")
    turns = range(T + 1)
    for i, s in played:
        if s.spec.kind == "reference":
            lo, hi = s.share_band(10), s.share_band(90)
            pts = [f"{sx(t):.1f},{sy(hi[t]):.1f}" for t in turns] + [f"{sx(t):.1f},{sy(lo[t]):.1f}" for t in reversed(turns)]
            parts.append(f"<polygon points='{' '.join(pts)}' fill='{_pale(_colour(i))}' fill-opacity='0.5' stroke='none'>"
                         f"<title>{_e(_name(s))}: 10th-90th percentile</title></polygon>")
    for r, (i, s) in enumerate(played):
        mean = s.share_mean
        d = "M" + " L".join(f"{sx(t):.1f},{sy(mean[t]):.1f}" for t in turns)
        style = {"reference": "stroke-width='2.5'", "yardstick": "stroke-width='1.5' stroke-dasharray='6,4'"}.get(
            s.spec.kind, "stroke-width='1.2' stroke-opacity='0.8'")
        parts.append(f"<path d='{d}' fill='none' stroke='{_colour(i)}' {style}>"
                     f"<title>{_e(_name(s))}: {100 * mean[0]:.0f}% → {100 * mean[-1]:.0f}%</title></path>")
        ly = top + 8 + r * 18
        parts.append(f"<line x1='{left + width + 15}' x2='{left + width + 40}' y1='{ly}' y2='{ly}' stroke='{_colour(i)}' {style}/>"
                     f"<text x='{left + width + 46}' y='{ly + 4}' font-size='11'>{_e(_name(s))} "
                     f"({100 * mean[-1]:.0f}%)</text>")
    parts.append("</svg>")
    return "".join(parts)


# ----------------------------------------------------------------------------- page


def _rate_cell(x: float) -> str:
    if x != x:
        return "<td>-</td>"
    shade = int(255 - 120 * x)
    return f"<td style='background:rgb({shade},{255 - int(40 * x)},{shade})'>{100 * x:.0f}%</td>"


def summary_table(result: BalanceResult) -> str:
    sc = result.scenario
    head = "".join(f"<th title='{_e(text_of(o.text))}'>{_e(o.id)}</th>" for o in sc.objectives)
    rows = []
    for s in result.strategies:
        cls = " class='ref'" if s.spec.kind == "reference" else (" class='muted'" if s.spec.kind == "yardstick" else "")
        if not s.games:
            rows.append(f"<tr{cls}><td>{_e(_name(s))}</td><td>0</td>" + "<td>-</td>" * (8 + len(sc.objectives)) + "</tr>")
            continue
        stars = "".join(f"<td>{100 * x:.0f}%</td>" for x in s.star_shares)
        rows.append(f"<tr{cls}><td>{_e(_name(s))}</td><td>{s.games:,}</td><td>{s.mean:.1f}</td>"
                    f"<td>{s.percentile(10):.1f}</td><td>{s.percentile(50):.1f}</td><td>{s.percentile(90):.1f}</td>"
                    f"{stars}{''.join(_rate_cell(r) for r in s.objective_rates)}</tr>")
    return ("<table><tr><th>strategy</th><th>games</th><th>mean</th><th>p10</th><th>p50</th><th>p90</th>"
            "<th>0★</th><th>1★</th><th>2★</th><th>3★</th>" + head + "</tr>" + "".join(rows) + "</table>")


def money_table(result: BalanceResult) -> str:
    """The scorecard's four perspectives (0-100% of each part) and the money behind them."""
    unit = _e(result.scenario.money_unit)
    head = "".join(f"<th>{p}</th>" for p in PERSPECTIVES)
    rows = []
    for s in result.strategies:
        if not s.games:
            continue
        parts = "".join(f"<td>{100 * s.mean_of(p):.0f}%</td>" for p in PERSPECTIVES)
        short = float((s.cash < 0).mean())
        rows.append(f"<tr><td>{_e(_name(s))}</td>{parts}<td>{s.mean_of('profit'):.2f}</td>"
                    f"<td>{s.mean_of('cash'):.2f}</td><td>{100 * short:.0f}%</td></tr>")
    return (f"<table><tr><th>strategy</th>{head}<th>profit ({unit})</th><th>cash at the end ({unit})</th>"
            "<th>games ending with cash &lt; 0</th></tr>" + "".join(rows) + "</table>")


def lesson_table(result: BalanceResult) -> str:
    sc = result.scenario
    if not sc.lessons:
        return "<p class='muted'>The scenario has no lessons.</p>"
    head = "".join(f"<th>{_e(_name(s))}</th>" for s in result.strategies)
    rows = [f"<tr><td title='{_e(text_of(lesson.text))}'>{_e(lesson.id)}: {_e(text_of(lesson.title))}</td>"
            + "".join(_rate_cell(s.lesson_rates[j]) for s in result.strategies) + "</tr>"
            for j, lesson in enumerate(sc.lessons)]
    return "<table><tr><th>lesson</th>" + head + "</tr>" + "".join(rows) + "</table>"


def render(result: BalanceResult, command: str | None = None) -> str:
    """The report's page. `command`: the kaw balance command that reproduces the run, as the
    trainer typed the scenario (a file path for their own case); default: by the scenario's id."""
    sc = result.scenario
    command = command or f"kaw balance {sc.id} --games {result.games} --seed {result.seed}"
    total = result.games * len(result.strategies)
    if result.warnings:
        verdict = "<div class='warn'><b>Warnings</b><ul>" + "".join(
            f"<li>{_e(w.message)}</li>" for w in result.warnings) + "</ul></div>"
    else:
        verdict = "<div class='ok'>No balance warnings.</div>"
    why = f" ({_e(result.failure)})" if result.failure else ""
    partial = (f"<div class='partial'><b>Partial run</b>: stopped early{why} after {result.played:,} of {total:,} "
               "games; the figures cover only those.</div>") if result.partial else ""
    objectives = "".join(f"<li><b>{_e(o.id)}</b>{'' if o.primary else ' (secondary)'}: {_e(text_of(o.text))}</li>"
                         for o in sc.objectives)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{MARK}{_e(text_of(sc.title))}</title><style>{CSS}</style></head>
<body>
<h1>Balance report: {_e(text_of(sc.title))}</h1>
<p class="muted">Scenario <code>{_e(sc.id)}</code>, {sc.turns} turns; {result.games:,} games per strategy
({result.played:,} played), seed {result.seed}. Every strategy sits in the trainee's seat against the scenario's rivals.
Reproduce with <code>{_e(command)}</code>.</p>
{partial}{verdict}
<h2>Scores, stars and objectives</h2>
<p>Score 0-100 (balanced scorecard); stars and objectives in % of games. <b>Bold</b>: the scenario's reference
strategies; <span class="muted">grey</span>: yardstick bots; {_e(mistakes_legend(result))}the rest: rival doctrines in the trainee's seat.</p>
{summary_table(result)}
<ul>{objectives}</ul>
<h2>Money and the scorecard</h2>
<p>Mean over games. Each perspective of the balanced scorecard is shown as the share of its full marks
(weights: {" ".join(f"{p} {getattr(sc.scorecard, p):g}" for p in PERSPECTIVES)}); full financial marks need a total
profit of {sc.scorecard.target_profit:g} {_e(sc.money_unit)}. A perspective full for every strategy does not separate
good play from bad.</p>
{money_table(result)}
<h2>Score distribution per strategy</h2>
<p>Histograms on one 0-100 scale; black lines: 10th, 50th (solid) and 90th percentile; red dashes: star thresholds.</p>
{score_histograms(result)}
<h2>Stars</h2>
{star_bars(result)}
<h2>The player's market share, turn by turn</h2>
<p>Mean over games, accounts weighted by their starting demand; shaded: 10th-90th percentile of the reference strategies.</p>
{share_chart(result)}
<h2>Lessons shown in the debrief</h2>
{lesson_table(result)}
</body></html>
"""


MARK = "<title>Balance report: "  # in the head of every report render() writes


def unusable_target(path: str | os.PathLike[str]) -> str | None:
    """Why a report must not be written to `path` (None: it may). A report replaces only
    a file that is an earlier balance report: never a scenario, a save or any other file
    a trainer would lose (`--html my_case.yaml` is a slip of the keyboard, not a wish)."""
    target = Path(path)
    if target.is_dir():
        return f"{target} is a folder; give a file name, e.g. {target / 'report.html'}"
    if not target.exists():
        return None
    try:
        with open(target, "rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        return f"{target} cannot be read ({exc.strerror or exc})"
    if MARK.encode() not in head:
        return f"{target} exists and is not a balance report; it was left as it is (choose another file)"
    return None


def write_report(result: BalanceResult, path: str | os.PathLike[str], command: str | None = None) -> Path:
    target = Path(path)
    reason = unusable_target(target)
    if reason:
        raise FileExistsError(reason)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(result, command), encoding="utf-8")
    return target
