"""The class report: one self-contained HTML file a trainer can e-mail.

Inline CSS, the market chart as inline SVG drawn here, the Chinese glyphs it uses as an
inline font (classroom/font.py), no script, no image, no link to anywhere: it opens the
same on a laptop with no network, and with no Chinese font. It holds the scenario, the
dates from the class's own record (when it was created and last resolved: the store's
timestamps, not the engine's), the teams, the leaderboard quarter by quarter, the market
chart, the class debrief (once the last quarter is resolved) and a summary of every
team's decisions. Words in the report's language (en/zh).
"""
from __future__ import annotations

import math
from datetime import datetime, timezone
from html import escape

from engine import LEVERS, PERSPECTIVES, text_of

from .chart import console_chart
from .font import embedded_rule
from .session import Classroom
from .views import choice_words

WORDS = {
    "en": {
        "title": "Class report", "scenario": "Scenario", "mode": "Mode", "parallel": "parallel (every team in its own "
        "copy of the market, on the same dice)", "market": "market (teams are rival suppliers in one shared market)",
        "seed": "Seed", "created": "Class started", "last": "Last quarter resolved", "played": "Quarters played",
        "teams": "Teams", "team": "Team", "supplier": "Supplier", "joined": "Joined", "yes": "yes", "no": "no",
        "board": "Leaderboard, quarter by quarter", "final": "Final", "stars": "Stars", "q": "Q",
        "chart_parallel": "Each team's share of its market, quarter by quarter",
        "chart_market": "Share of the market, quarter by quarter: every supplier",
        "chart_y": "share of the market (by demand)", "chart_x": "quarter", "start": "start",
        "debrief": "Class debrief", "not_done": "The class is not finished: the debrief comes after the last quarter.",
        "score": "Score", "ref_dice": "On the references' dice", "objectives": "Objectives", "better": "Better than",
        "references": "Reference strategies (the scenario's own, played by the engine on the class's seed)",
        "diffs": "Biggest differences in decisions, each team compared with {name} (the strongest reference on this seed)",
        "no_diff": "No difference bigger than a rep day.",
        "history": "Decisions, summed over the game", "plans": "Plans: submitted / repeated / bot / none / rolled back",
        "history_note": "Amounts and counts are totals over every quarter; a price cut is the largest one used; an "
                        "account lever that is on or off counts the quarters it was on; a choice lists what was chosen.",
        "none": "none",
        "financial": "financial", "customer": "customer", "process": "process", "learning": "learning",
        "names": ", ", "semicolon": "; ", "colon": ": ",
    },
    "zh": {
        "title": "课堂报告", "scenario": "剧本", "mode": "模式", "parallel": "平行（每个小组在各自的市场副本中，骰子相同）",
        "market": "同一市场（各小组是同一市场中相互竞争的供应商）", "seed": "种子", "created": "课堂开始",
        "last": "最后一次结算", "played": "已进行季度", "teams": "小组", "team": "小组", "supplier": "供应商",
        "joined": "已加入", "yes": "是", "no": "否", "board": "各季度排行榜", "final": "最终", "stars": "星级", "q": "Q",
        "chart_parallel": "各小组在其市场中的份额（按季度）", "chart_market": "市场份额（按季度）：所有供应商",
        "chart_y": "市场份额（按需求加权）", "chart_x": "季度", "start": "开局",
        "debrief": "课堂复盘", "not_done": "课堂尚未结束：最后一个季度结算后才有复盘。",
        "score": "得分", "ref_dice": "参考策略的骰子下", "objectives": "目标", "better": "优于",
        "references": "参考策略（本案例自带，由引擎以本课堂的种子执行）",
        "diffs": "决策上的最大差别：各小组与{name}相比（本种子下得分最高的参考策略）",
        "no_diff": "没有超过一个人天的差别。",
        "history": "决策汇总（全局合计）", "plans": "计划：提交 / 重复 / 机器人 / 无 / 回滚",
        "history_note": "数量为各季度合计；降价为用过的最大降价；开/关类客户杠杆为开启的季度数；选择类列出所选内容。",
        "none": "无",
        "financial": "财务", "customer": "客户", "process": "流程", "learning": "学习成长",
        "names": "、", "semicolon": "；", "colon": "：",
    },
}

CSS = """
body{font:15px/1.45 "KAW CJK",system-ui,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;color:#1d2330;max-width:1100px;
margin:1.5rem auto;padding:0 1rem}h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .4rem;
border-bottom:2px solid #1f3b5a;padding-bottom:.15rem}h3{font-size:1rem;margin:.8rem 0 .2rem}
table{border-collapse:collapse;font-size:.88rem;margin:.3rem 0}th,td{padding:.2rem .45rem;border-bottom:1px solid #e3e6ea;
text-align:left;vertical-align:top}th{color:#4a5568}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tr.ref td{font-style:italic;background:#f4f6f9}td:nth-child(2){white-space:nowrap}.muted{color:#67707d;font-size:.85rem}.wrap{overflow-x:auto}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.4rem 0}dt{color:#4a5568}dd{margin:0}
svg{max-width:100%;height:auto}.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;font-size:.85rem}
.diffs{display:grid;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr));gap:.2rem 1rem;font-size:.88rem}
@media print{h2{break-after:avoid}table,svg{break-inside:avoid}}
"""

COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]  # Okabe-Ito
DASHES = ["", "7 4", "2 3", "9 3 2 3"]
MARKS = ["circle", "square", "triangle", "diamond"]


def _e(x: object) -> str:
    return escape(str(x), quote=True)


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def _when(ts: float | None) -> str:
    return "–" if ts is None else datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _style(i: int) -> tuple[str, str, str]:
    return COLOURS[i % len(COLOURS)], DASHES[(i // len(COLOURS)) % len(DASHES)], MARKS[i % len(MARKS)]


def _mark(shape: str, x: float, y: float, colour: str, r: float = 3.5) -> str:
    a = f'fill="{colour}" stroke="#fff" stroke-width="1"'
    if shape == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}" {a}/>'
    if shape == "triangle":
        return f'<polygon points="{x:.1f},{y - r - 1:.1f} {x - r - 1:.1f},{y + r:.1f} {x + r + 1:.1f},{y + r:.1f}" {a}/>'
    if shape == "diamond":
        return (f'<polygon points="{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y:.1f} {x:.1f},{y + r + 1:.1f} '
                f'{x - r - 1:.1f},{y:.1f}" {a}/>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" {a}/>'


def short_name(name: str) -> str:
    """A name short enough for the end of a line (the legend has it in full)."""
    s = name.split(" (")[0].split("（")[0]
    return s if len(s) <= 22 else s[:21] + "…"


def svg_chart(data: dict, words: dict, title: str) -> str:
    """The market chart as inline SVG: the same look as the pages' chart (static/chart.js):
    Okabe-Ito colours, a dash and a marker per line, names at the line ends and a legend."""
    lines, n = data["lines"], max(1, data["points"])
    labelled = len(lines) <= 10
    W, H, L, R, T, B = 900, 320, 50, (200 if labelled else 16), 14, 42
    values = [v for x in lines for v in x["values"]] or [0.0]
    lo = max(0.0, math.floor((min(values) - 0.03) * 20) / 20)
    hi = min(1.0, math.ceil((max(values) + 0.03) * 20) / 20)
    X = (lambda i: L + (W - L - R) / 2) if n == 1 else (lambda i: L + i * (W - L - R) / (n - 1))
    Y = lambda v: T + (H - T - B) * (1 - (v - lo) / ((hi - lo) or 1))  # noqa: E731
    out = [f'<svg viewBox="0 0 {W} {H}" role="img" aria-label="{_e(title)}"><title>{_e(title)}</title>']
    step = 0.2 if hi - lo > 0.5 else 0.1 if hi - lo > 0.2 else 0.05
    k = 0
    while lo + k * step <= hi + 1e-9:
        v = lo + k * step
        out.append(f'<line x1="{L}" x2="{W - R}" y1="{Y(v):.1f}" y2="{Y(v):.1f}" stroke="#d9dde3"/>'
                   f'<text x="{L - 6}" y="{Y(v) + 4:.1f}" text-anchor="end" font-size="11" fill="#4a5568">'
                   f'{round(100 * v)}%</text>')
        k += 1
    for i in range(n):
        label = words["start"] if i == 0 else f'{words["q"]}{i}'
        out.append(f'<text x="{X(i):.1f}" y="{H - B + 16}" text-anchor="middle" font-size="11" fill="#4a5568">'
                   f'{_e(label)}</text>')
    mid = (T + H - B) / 2
    out.append(f'<text x="{(L + W - R) / 2:.0f}" y="{H - 6}" text-anchor="middle" font-size="12" fill="#4a5568">'
               f'{_e(words["chart_x"])}</text><text x="12" y="{mid:.0f}" text-anchor="middle" font-size="12" '
               f'fill="#4a5568" transform="rotate(-90 12 {mid:.0f})">{_e(words["chart_y"])}</text>')
    ends = []
    for i, line in enumerate(lines):
        colour, dash, mark = _style(i)
        pts = " ".join(f"{X(j):.1f},{Y(v):.1f}" for j, v in enumerate(line["values"]))
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2.2"{dashes}/>')
        out.extend(_mark(mark, X(j), Y(v), colour) for j, v in enumerate(line["values"]))
        ends.append([Y(line["values"][-1]), line, colour])
    if labelled:
        ends.sort(key=lambda e: e[0])
        at: list[float] = []
        for y, _, _ in ends:
            at.append(max(y, at[-1] + 13 if at else T + 4))
        for i in range(len(at) - 1, -1, -1):
            at[i] = min(at[i], at[i + 1] - 13 if i < len(at) - 1 else H - B)
        for (_, line, colour), y in zip(ends, at):
            out.append(f'<text x="{X(n - 1) + 8:.1f}" y="{y + 4:.1f}" font-size="12" font-weight="600" '
                       f'fill="{colour}">{_e(short_name(line["name"]))} {100 * line["values"][-1]:.0f}%</text>')
    out.append("</svg>")
    legend = []
    for i, line in enumerate(lines):
        colour, dash, mark = _style(i)
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        team = f' ({_e(line["team"])})' if line.get("team") and line["team"] != line["name"] else ""
        legend.append(f'<li><svg viewBox="0 0 34 12" width="34" height="12" aria-hidden="true"><line x1="1" x2="33" '
                      f'y1="6" y2="6" stroke="{colour}" stroke-width="2.2"{dashes}/>{_mark(mark, 17, 6, colour)}</svg> '
                      f'{_e(line["name"])}{team} {_pct(line["values"][-1])}</li>')
    return "".join(out) + f'<ul class="legend">{"".join(legend)}</ul>'


def _table(head: list[str], rows: list[list[str]], numeric_from: int = 1, row_class: list[str] | None = None) -> str:
    th = "".join(f'<th class="n">{h}</th>' if i >= numeric_from else f"<th>{h}</th>" for i, h in enumerate(head))
    body = []
    for r, row in enumerate(rows):
        cls = f' class="{row_class[r]}"' if row_class and row_class[r] else ""
        body.append(f"<tr{cls}>" + "".join(f'<td class="n">{c}</td>' if i >= numeric_from else f"<td>{c}</td>"
                                           for i, c in enumerate(row)) + "</tr>")
    return f'<div class="wrap"><table><tr>{th}</tr>{"".join(body)}</table></div>'


def _summary(room: Classroom, lang: str, w: dict) -> list[str]:
    events = room.store.events()
    resolved = [e.ts for e in events if e.kind == "resolve"]
    sc = room.scenario
    mode = w["market"] if room.mode == "market" else w["parallel"]
    return [f'<h1>{_e(w["title"])}{w["colon"]}{_e(text_of(sc.title, lang))}</h1><dl>',
            f'<dt>{w["scenario"]}</dt><dd>{_e(sc.id)}</dd><dt>{w["mode"]}</dt><dd>{_e(mode)}</dd>',
            f'<dt>{w["seed"]}</dt><dd>{room.match.seed}</dd>',
            f'<dt>{w["created"]}</dt><dd>{_when(room.meta.get("created"))}</dd>',
            f'<dt>{w["last"]}</dt><dd>{_when(resolved[-1] if resolved else None)}</dd>',
            f'<dt>{w["played"]}</dt><dd>{len(room.match.orders_log)} / {sc.turns}</dd></dl>']


def _teams(room: Classroom, lang: str, w: dict) -> list[str]:
    market = room.mode == "market"
    sides = {x.id: text_of(x.name, lang) or x.id for x in room.scenario.sides}
    head = [w["team"]] + ([w["supplier"]] if market else []) + [w["joined"]]
    rows = [[_e(t.name)] + ([_e(sides.get(t.side, t.side))] if market else []) + [w["yes"] if t.joins else w["no"]]
            for t in room.teams]
    return [f'<h2>{w["teams"]}</h2>', _table(head, rows, numeric_from=99)]


def _board(room: Classroom, w: dict) -> list[str]:
    m = room.match
    n = len(m.orders_log)
    per_quarter = [m.scores(q) for q in range(1, n + 1)]
    now = m.scores()
    order = sorted(room.teams, key=lambda t: (-float(now.total[t.idx]), t.idx))
    head = ["#", w["team"]] + [f'{w["q"]}{q}' for q in range(1, n + 1)] + [w["final"], w["stars"]]
    rows = [[str(rank), _e(t.name)] + [f"{float(s.total[t.idx]):.1f}" for s in per_quarter]
            + [f"<b>{float(now.total[t.idx]):.1f}</b>", "★" * int(now.stars[t.idx]) or "–"]
            for rank, t in enumerate(order, 1)]
    return [f'<h2>{w["board"]}</h2>', _table(head, rows, numeric_from=2)]


def _debrief(d: dict | None, w: dict) -> list[str]:
    out = [f'<h2>{w["debrief"]}</h2>']
    if d is None:
        return out + [f'<p>{w["not_done"]}</p>']
    other = d["same_dice"] is False
    names = {r["id"]: r["name"] for r in d["references"]}
    beats = any(t.get("better_than") for t in d["teams"])  # the column only when some team did
    head = (["#", w["team"], w["score"]] + ([w["ref_dice"]] if other else []) + [w["stars"]]
            + [w[p] for p in PERSPECTIVES] + [w["objectives"]] + [_e(a["name"]) for a in d["accounts"]]
            + ([w["better"]] if beats else []))
    rows, classes = [], []
    for i, t in enumerate(d["teams"], 1):
        rows.append([str(i), _e(t["name"]), f'{t["score"]:.1f}']
                    + ([f'{t["on_reference_dice"]["score"]:.1f}'] if other else []) + ["★" * t["stars"] or "–"]
                    + [_pct(t["parts"][p]) for p in PERSPECTIVES] + [f'{t["objectives"]}/{t["of"]}']
                    + [_pct(t["shares"][a["id"]]) for a in d["accounts"]]
                    + ([_e(w["names"].join(names[x] for x in t["better_than"])) or "–"] if beats else []))
        classes.append("")
    for r in d["references"]:
        rows.append(["", _e(r["name"]), f'{r["score"]:.1f}'] + ([f'{r["score"]:.1f}'] if other else [])
                    + ["★" * r["stars"] or "–"] + ["–"] * (len(PERSPECTIVES) + 1)
                    + [_pct(r["shares"][a["id"]]) for a in d["accounts"]] + ([""] if beats else []))
        classes.append("ref")
    out += [f'<p class="muted">{_e(d["note"])}</p>', _table(head, rows, numeric_from=2, row_class=classes)]
    if names:
        out.append(f'<p class="muted"><i>{w["references"]}</i></p>')
        notes = [f'<li>{_e(t["name"])}{w["colon"]}{_e(w["semicolon"].join(t["on_reference_dice"]["notes"]))}</li>'
                 for t in d["teams"] if t.get("on_reference_dice", {}).get("notes")]
        if other and notes:
            out.append(f'<ul class="muted">{"".join(notes)}</ul>')
        ref = d["compare_with"]
        out.append(f'<h3>{_e(w["diffs"].format(name=names[ref]))}</h3><div class="diffs">')
        for t in d["teams"]:
            items = "".join(f"<li>{_e(x)}</li>" for x in t["differences"].get(ref, []))
            out.append(f'<div><b>{_e(t["name"])}</b>' + (f"<ul>{items}</ul>" if items else f'<p class="muted">{w["no_diff"]}</p>')
                       + "</div>")
        out.append("</div>")
    return out


def _lever_total(lever, entries: list, names: dict[str, str], sep: str = ", ") -> str:
    """One lever over a team's plans of every quarter, as one short cell (a choice by its
    name in `names`: a pay plan's, an account's; several listed with `sep`)."""
    vals = []
    for o in entries:
        v = o.get(lever.name) if isinstance(o, dict) else None
        if v is None:
            continue
        if lever.per == "person":
            vals += [x for plan in v.values() for x in plan.values()]
        elif lever.kind == "flag":
            vals.append(len(v))
        elif lever.per == "account":
            vals += list(v.values())
        else:
            vals.append(v)
    if not vals:
        return ""
    if lever.kind == "choice":
        return _e(sep.join(dict.fromkeys(names.get(str(x), str(x)) for x in vals)))
    if lever.name == "price_cut":
        return _pct(max(vals))
    total = sum(float(x) for x in vals)
    return f"{total:.0f}" if lever.kind in ("count", "flag") else f"{total:.1f}"


def _history(room: Classroom, lang: str, w: dict) -> list[str]:
    m = room.match
    per_team = {t.idx: [turn[t.idx] for turn in m.orders_log] for t in room.teams}
    accounts = {a.id: text_of(a.name, lang) or a.id for a in room.scenario.accounts}
    cells = {lv.name: {g: _lever_total(lv, entries, {**accounts, **choice_words(lv.name, lang)}, w["names"])
                       for g, entries in per_team.items()} for lv in LEVERS}
    used = [lv for lv in LEVERS if any(cells[lv.name].values())]
    head = [w["team"], w["plans"]] + [_e(lv.label.get(lang, lv.label["en"])) for lv in used]
    rows = []
    for t in room.teams:
        src = [s[t.idx] for s in room.sources]
        bots = sum(1 for x in src if x not in ("submitted", "repeat", "nothing") and not x.startswith("rollback"))
        plans = (f'{src.count("submitted")} / {src.count("repeat")} / {bots} / {src.count("nothing")} / '
                 f'{sum(1 for x in src if x.startswith("rollback"))}')
        rows.append([_e(t.name), plans] + [cells[lv.name][t.idx] or "–" for lv in used])
    return [f'<h2>{w["history"]}</h2>', _table(head, rows, numeric_from=2), f'<p class="muted">{w["history_note"]}</p>']


def class_report(room: Classroom, lang: str, debrief: dict | None) -> str:
    """The whole report as one HTML document (debrief: the class debrief, None before the end)."""
    w = WORDS.get(lang, WORDS["en"])
    title = w["chart_market"] if room.mode == "market" else w["chart_parallel"]
    parts = (_summary(room, lang, w) + _teams(room, lang, w) + _board(room, w)
             + [f"<h2>{title}</h2>", svg_chart(console_chart(room, lang), w, title)]
             + _debrief(debrief, w) + _history(room, lang, w))
    sc = room.scenario
    body = "\n".join(parts)
    return (f'<!doctype html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{_e(w["title"])}{w["colon"]}{_e(text_of(sc.title, lang))}</title>'
            f'<style>{embedded_rule(body)}{CSS}</style></head><body>'
            + body + "</body></html>\n")
