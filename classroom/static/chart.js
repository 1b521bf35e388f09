// The market chart: a small hand-written SVG line chart (no library, nothing from the
// internet). Colour-blind friendly: the Okabe-Ito palette, and every line also has its
// own dash pattern and marker shape, so lines are told apart without colour; lines are
// named at their ends (when there are few) and in a legend. Data: {points, lines: [{id,
// name, team, own, values}]} from the server (classroom/chart.py), shares 0..1.
"use strict";
const CHART_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
const CHART_DASHES = ["", "7 4", "2 3", "9 3 2 3"];
const CHART_MARKS = ["circle", "square", "triangle", "diamond"];
const SVG_NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs, ...kids) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) e.setAttribute(k, v);
  for (const kid of kids) if (kid !== null && kid !== undefined) e.append(kid instanceof Node ? kid : String(kid));
  return e;
}

// How line i looks: colour, dash and marker, all three cycling at different rates.
function lineStyle(i) {
  return {colour: CHART_COLOURS[i % CHART_COLOURS.length], dash: CHART_DASHES[Math.floor(i / CHART_COLOURS.length) % CHART_DASHES.length],
    mark: CHART_MARKS[i % CHART_MARKS.length]};
}

function marker(shape, x, y, colour, r) {
  const a = {fill: colour, stroke: "#fff", "stroke-width": 1, class: "mark"};
  if (shape === "square") return svg("rect", {...a, x: x - r, y: y - r, width: 2 * r, height: 2 * r});
  if (shape === "triangle") return svg("polygon", {...a, points: `${x},${y - r - 1} ${x - r - 1},${y + r} ${x + r + 1},${y + r}`});
  if (shape === "diamond") return svg("polygon", {...a, points: `${x},${y - r - 1} ${x + r + 1},${y} ${x},${y + r + 1} ${x - r - 1},${y}`});
  return svg("circle", {...a, cx: x, cy: y, r});
}

// A name short enough for the end of a line (the legend has it in full).
function shortName(name) {
  const s = name.split(" (")[0].split("（")[0];
  return s.length > 22 ? s.slice(0, 21) + "…" : s;
}

// Line labels at the right end, pushed apart so none overlaps another.
function endLabels(ends, minGap, top, bottom) {
  ends.sort((a, b) => a.y - b.y);
  ends.forEach((e, i) => { e.ly = Math.max(e.y, i ? ends[i - 1].ly + minGap : top); });
  for (let i = ends.length - 1; i >= 0; i--) ends[i].ly = Math.min(ends[i].ly, i < ends.length - 1 ? ends[i + 1].ly - minGap : bottom);
  return ends;
}

// The share axis: whole 5% steps around the lines, with room above and below, so small
// differences between teams show; the tick labels say where the axis starts.
function chartRange(values) {
  const lo = values.length ? Math.min(...values) : 0, hi = values.length ? Math.max(...values) : 0.1;
  return [Math.max(0, Math.floor((lo - 0.03) * 20) / 20), Math.min(1, Math.ceil((hi + 0.03) * 20) / 20)];
}

// words: {title, y, x, start, q} in the page's language; width: the box it goes in (px),
// so text keeps its size on a phone and a projector alike.
function lineChart(data, words, width) {
  const lines = data.lines, n = Math.max(1, data.points);
  const W = Math.max(300, Math.min(1200, Math.round(width || 640))), labelled = lines.length <= 10 && W >= 560;
  const H = W < 560 ? 240 : 300, L = 46, R = labelled ? 190 : 16, T = 14, B = 40;
  const all = lines.flatMap((l) => l.values);
  const [ymin, ymax] = chartRange(all);
  const X = (i) => L + (n === 1 ? (W - L - R) / 2 : i * (W - L - R) / (n - 1));
  const Y = (v) => T + (H - T - B) * (1 - (v - ymin) / (ymax - ymin));
  const root = svg("svg", {viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": words.title},
    svg("title", {}, words.title));
  const grid = svg("g", {class: "grid"});
  const step = ymax - ymin > 0.5 ? 0.2 : ymax - ymin > 0.2 ? 0.1 : 0.05;
  for (let v = ymin; v <= ymax + 1e-9; v += step) {
    grid.append(svg("line", {x1: L, x2: W - R, y1: Y(v), y2: Y(v), stroke: "#d9dde3"}),
      svg("text", {x: L - 6, y: Y(v) + 4, "text-anchor": "end", class: "tick"}, `${Math.round(100 * v)}%`));
  }
  for (let i = 0; i < n; i++) {
    grid.append(svg("text", {x: X(i), y: H - B + 16, "text-anchor": "middle", class: "tick"}, i === 0 ? words.start : `${words.q}${i}`));
  }
  grid.append(svg("text", {x: (L + W - R) / 2, y: H - 6, "text-anchor": "middle", class: "axis"}, words.x),
    svg("text", {x: 12, y: (T + H - B) / 2, "text-anchor": "middle", class: "axis", transform: `rotate(-90 12 ${(T + H - B) / 2})`}, words.y));
  root.append(grid);
  const ends = [];
  lines.forEach((l, i) => {
    const st = lineStyle(i), g = svg("g", {class: "line" + (l.own ? " own" : ""), "data-id": l.id});
    const pts = l.values.map((v, j) => `${X(j).toFixed(1)},${Y(v).toFixed(1)}`).join(" ");
    g.append(svg("polyline", {points: pts, fill: "none", stroke: st.colour, "stroke-width": l.own ? 4 : 2.2,
      "stroke-dasharray": st.dash || null, "stroke-linejoin": "round"}));
    l.values.forEach((v, j) => g.append(marker(st.mark, X(j), Y(v), st.colour, l.own ? 4.5 : 3.5)));
    g.append(svg("title", {}, `${l.name}: ${l.values.map((v) => (100 * v).toFixed(1) + "%").join(" → ")}`));
    root.append(g);
    ends.push({y: Y(l.values[l.values.length - 1]), l, st});
  });
  if (labelled) {
    for (const e of endLabels(ends, 13, T + 4, H - B)) {
      const last = e.l.values[e.l.values.length - 1];
      root.append(svg("text", {x: X(n - 1) + 8, y: e.ly + 4, class: "endlabel" + (e.l.own ? " own" : ""), fill: e.st.colour},
        `${shortName(e.l.name)} ${(100 * last).toFixed(0)}%`));
    }
  }
  return root;
}

// The legend under a chart: each line's sample (colour, dash, marker) and its name.
function chartLegend(data, ownWord) {
  const ul = document.createElement("ul");
  ul.className = "legend";
  data.lines.forEach((l, i) => {
    const st = lineStyle(i);
    const sample = svg("svg", {viewBox: "0 0 34 12", width: 34, height: 12, "aria-hidden": "true"},
      svg("line", {x1: 1, x2: 33, y1: 6, y2: 6, stroke: st.colour, "stroke-width": l.own ? 4 : 2.2, "stroke-dasharray": st.dash || null}),
      marker(st.mark, 17, 6, st.colour, 3.5));
    const li = document.createElement("li");
    const last = l.values[l.values.length - 1];
    li.append(sample, ` ${l.name}${l.team && l.team !== l.name ? " (" + l.team + ")" : ""}${l.own ? " – " + ownWord : ""} ${(100 * last).toFixed(1)}%`);
    ul.append(li);
  });
  return ul;
}
