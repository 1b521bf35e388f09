// The trainer's console: status of every team, round timer, pause, resolve, leaderboard,
// one team's view on demand, rollback of one team (market mode: the whole market back
// one quarter), exports. Labels in English or Chinese (#lang=zh, else the class's language). The key comes from the
// URL's fragment (#key=...), which the browser never sends to the server by itself.
"use strict";
const FRAG = new URLSearchParams(location.hash.slice(1));
// The language: the link's (#lang=zh), else the class's (on the page from the server; the
// class's status says it too, for a page served without it).
const C = {key: FRAG.get("key") || "", lang: langOfLink() || langOfClass(), status: null, deadlineAt: null};
const $ = (id) => document.getElementById(id);
const W = (k, vars) => CT(C.lang || "en", k, vars);
const market = () => C.status && C.status.mode === "market";

function label() {
  document.documentElement.lang = C.lang || "en";
  for (const e of document.querySelectorAll("[data-t]")) e.textContent = W(e.dataset.t);
  document.title = W("title");
  $("teamsel").setAttribute("aria-label", W("team"));
}
const hdr = () => ({"X-Trainer-Key": C.key});
const tr = (path) => `${path}?lang=${C.lang || ""}`;  // a trainer route, answering in the console's language

function say(text) { $("msg").textContent = text || ""; }

async function refresh() {
  const r = await api("GET", tr("/api/trainer/status"), undefined, hdr());
  if (!r.ok) { say(r.error); return; }
  if (!C.lang) { C.lang = r.lang === "zh" ? "zh" : "en"; label(); }
  took(r);
}

// A status from the server: its clock (frozen while paused) and everything drawn from it.
function took(r) {
  C.status = r; C.deadlineAt = r.seconds_left === null || r.paused ? null : Date.now() + 1000 * r.seconds_left;
  // the timer box starts at the class's own round length, until the trainer types another
  if (r.minutes && !C.minutesTyped) $("minutes").value = String(r.minutes);
  draw(); tick();
}

function draw() {
  const s = C.status;
  $("quarter").textContent = s.done ? W("game_over") : W("quarter_of", {t: s.quarter, n: s.quarters});
  $("mode").textContent = W(market() ? "mode_market" : "mode_parallel");
  for (const id of ["rbnothing", "rbdraft", "rbqlabel"]) $(id).classList.toggle("hidden", market());
  $("rbmarket").classList.toggle("hidden", !market());
  $("missing").textContent = s.missing === "repeat" || s.missing === "nothing" ? W("missing_" + s.missing) : W("missing_bot", {name: s.missing_name || s.missing});
  $("resolve").disabled = s.done || s.paused;
  $("pause").textContent = W(s.paused ? "resume_btn" : "pause_btn");
  $("pause").disabled = s.done;
  $("starttimer").disabled = $("minutes").disabled = s.done;  // no round to time once the game is over
  $("pausednote").classList.toggle("hidden", !s.paused);
  const tab = $("teams");
  tab.replaceChildren(el("tr", {}, el("th", {}, W("team")), market() ? el("th", {}, W("side")) : null,
    el("th", {}, W("code")), el("th", {}, W("joined")), el("th", {}, W("submitted"))));
  for (const t of s.teams) tab.append(el("tr", {}, el("td", {}, t.name), market() ? el("td", {}, t.side_name) : null,
    el("td", {class: "code"}, t.code),
    el("td", {class: t.joined ? "ok" : "muted"}, t.joined ? W("yes") : W("no")),
    el("td", {class: t.submitted ? "ok" : "muted"}, t.submitted ? W("done_sub") : (t.drafted ? W("drafting") : "–"))));
  const done = s.teams.filter((t) => t.submitted).length;
  $("resolve").textContent = W("resolve") + paren(C.lang, W("n_submitted", {n: done, of: s.teams.length}));
  const b = $("board");
  b.replaceChildren(el("tr", {}, el("th", {}, "#"), el("th", {}, W("team")), el("th", {class: "num"}, W("score")),
    ...["financial", "customer", "process", "learning"].map((p) => el("th", {class: "num"}, W(p)))));
  for (const r of s.leaderboard) b.append(el("tr", {}, el("td", {}, r.rank), el("td", {}, r.name, " ", "★".repeat(r.stars)),
    el("td", {class: "num"}, fmt(r.score, 1)), ...Object.values(r.parts).map((v) => el("td", {class: "num"}, pct(v)))));
  drawChart();
  $("debriefbox").classList.toggle("hidden", !s.done);
  if (s.done) loadDebrief();
  const sel = $("teamsel"), keep = sel.value;
  sel.replaceChildren(...s.teams.map((t) => el("option", {value: t.team}, t.name)));
  if (keep) sel.value = keep;
  $("rbq").max = String(Math.max(1, s.quarter - 1));
  if (!$("rbq").value) $("rbq").value = String(Math.max(1, s.quarter - 1));
}

function chartWords() {
  return {title: W(market() ? "chart_market" : "chart_parallel"), y: W("chart_y"), x: W("chart_x"), start: W("chart_start"), q: W("chart_q")};
}

function drawChart() {
  const c = C.status.chart, key = JSON.stringify([c, C.lang]);
  if (key === C.chartKey) return;  // redraw only when the data changed (the console polls)
  C.chartKey = key;
  $("charttitle").textContent = chartWords().title;
  $("chart").replaceChildren(lineChart(c, chartWords(), $("chart").clientWidth), chartLegend(c, W("chart_own")));
}

// ------------------------------------------------------------------ the class debrief
async function loadDebrief() {
  const key = JSON.stringify([C.lang, C.status.leaderboard]);
  if (key === C.debriefKey) return;  // once per finished class (a rollback changes the board)
  C.debriefKey = key;
  $("debrief").replaceChildren(el("p", {class: "muted"}, W("preparing")));
  const r = await api("GET", tr("/api/trainer/debrief"), undefined, hdr());
  if (!r.ok) { C.debriefKey = null; $("debrief").replaceChildren(el("p", {class: "problems"}, r.error)); return; }
  C.debrief = r.debrief; C.compareWith = r.debrief.compare_with; drawDebrief();
}

function drawDebrief() {
  const d = C.debrief, out = $("debrief"), other = d.same_dice === false;
  const parts = ["financial", "customer", "process", "learning"];
  const refName = Object.fromEntries(d.references.map((x) => [x.id, x.name]));
  const beats = d.teams.some((t) => (t.better_than || []).length);  // the column only when some team did
  const head = el("tr", {}, el("th", {}, "#"), el("th", {}, W("team")), el("th", {class: "num"}, W("score")),
    other ? el("th", {class: "num", title: W("ref_dice_help")}, W("ref_dice")) : null, el("th", {}, "★"),
    ...parts.map((p) => el("th", {class: "num"}, W(p))), el("th", {class: "num"}, W("objectives")),
    ...d.accounts.map((a) => el("th", {class: "num", title: a.name}, a.name)),
    beats ? el("th", {}, W("better_than")) : null);
  const tab = el("table", {id: "debrieftable"}, head);
  d.teams.forEach((t, i) => tab.append(el("tr", {class: "teamrow"}, el("td", {}, i + 1), el("td", {}, t.name),
    el("td", {class: "num"}, fmt(t.score, 1)),
    other ? el("td", {class: "num"}, fmt(t.on_reference_dice.score, 1), t.on_reference_dice.notes.length ? el("sup", {title: t.on_reference_dice.notes.join(semicolon(C.lang))}, "*") : null) : null,
    el("td", {}, "★".repeat(t.stars) || "–"), ...parts.map((p) => el("td", {class: "num"}, pct(t.parts[p]))),
    el("td", {class: "num"}, `${t.objectives}/${t.of}`), ...d.accounts.map((a) => el("td", {class: "num"}, pct(t.shares[a.id]))),
    beats ? el("td", {}, t.better_than.map((x) => refName[x]).join(names(C.lang)) || "–") : null)));
  if (d.references.length) {
    tab.append(el("tr", {}, el("th", {colspan: 4 + (other ? 1 : 0) + parts.length + 1 + d.accounts.length + (beats ? 1 : 0), class: "refhead"}, W("references"))));
    for (const x of d.references) tab.append(el("tr", {class: "refrow"}, el("td", {}, ""), el("td", {}, x.name),
      el("td", {class: "num"}, fmt(x.score, 1)), other ? el("td", {class: "num"}, fmt(x.score, 1)) : null, el("td", {}, "★".repeat(x.stars) || "–"),
      ...parts.map(() => el("td", {class: "num muted"}, "–")), el("td", {class: "num muted"}, "–"),
      ...d.accounts.map((a) => el("td", {class: "num"}, pct(x.shares[a.id]))), beats ? el("td", {}, "") : null));
  }
  out.replaceChildren(el("p", {class: "muted"}, d.note), el("div", {class: "scroll"}, tab));
  const notes = d.teams.filter((t) => t.on_reference_dice && t.on_reference_dice.notes.length);
  if (other && notes.length) out.append(el("ul", {class: "muted"}, ...notes.map((t) => el("li", {}, `* ${t.name}${colon(C.lang)}${t.on_reference_dice.notes.join(semicolon(C.lang))}`))));
  if (!d.references.length) return;
  const sel = el("select", {id: "comparewith", "aria-label": W("compare_with"), onchange: (e) => { C.compareWith = e.target.value; drawDebrief(); }},
    ...d.references.map((x) => el("option", {value: x.id}, x.name)));
  sel.value = C.compareWith;
  out.append(el("h3", {class: "row"}, W("differences"), sel));
  const grid = el("div", {class: "diffs"});
  for (const t of d.teams) {
    const lines = t.differences[C.compareWith] || [];
    grid.append(el("div", {}, el("h3", {}, t.name), lines.length ? el("ul", {}, ...lines.map((x) => el("li", {}, x))) : el("p", {class: "muted"}, W("no_difference"))));
  }
  out.append(grid);
}

function tick() {
  const t = $("timer"), st = C.status;
  if (st && st.paused) {
    t.classList.remove("hidden", "late"); t.classList.add("paused");
    t.textContent = (st.seconds_left === null ? W("paused") : `${mmss(st.seconds_left)} ${W("left")} · ${W("paused")}`);
    return;
  }
  t.classList.remove("paused");
  if (C.deadlineAt === null) { t.classList.add("hidden"); return; }
  const s = Math.max(0, Math.round((C.deadlineAt - Date.now()) / 1000));
  t.classList.remove("hidden"); t.classList.toggle("late", s === 0);
  t.textContent = s === 0 ? W("time_up") : `${mmss(s)} ${W("left")}`;
}

async function pause() {
  const r = await api("POST", tr(C.status.paused ? "/api/trainer/resume" : "/api/trainer/pause"), {}, hdr());
  say(r.ok ? "" : r.error); if (r.ok) took(r);
}

async function resolve() {
  const s = C.status, missing = s.teams.filter((t) => !t.submitted).length;
  if (missing && !confirm(W("confirm_missing", {n: missing, m: $("missing").textContent}))) return;
  const r = await api("POST", tr("/api/trainer/resolve"), {}, hdr());
  say(r.ok ? "" : r.error); if (r.ok) { $("rbq").value = ""; took(r); }
}

async function timer() {
  const r = await api("POST", tr("/api/trainer/timer"), {minutes: Number($("minutes").value)}, hdr());
  say(r.ok ? "" : r.error); if (r.ok) refresh();
}

async function showTeam() {
  const r = await api("GET", tr(`/api/trainer/team/${$("teamsel").value}`), undefined, hdr());
  const out = $("teamview"); out.replaceChildren();
  if (!r.ok) { say(r.error); return; }
  const o = r.observation, side = (C.status.teams[r.team.idx] || {}).side_name || r.side;
  out.append(el("p", {}, el("b", {}, r.team.name), market() && side !== r.team.name ? paren(C.lang, side) : "", " – ",
    [`${W("score")} ${fmt(o.score, 1)}`, `${W("cash")} ${r.money.cash}`, `${W("share")} ${pct(o.market_share)}`,
     r.submitted ? W("submitted") : W("not_submitted")].join(comma(C.lang))));
  const t = el("table", {}, el("tr", {}, el("th", {}, W("account")), el("th", {class: "num"}, W("share")), el("th", {class: "num"}, W("satisfaction"))));
  for (const a of o.accounts) t.append(el("tr", {}, el("td", {}, a.name), el("td", {class: "num"}, pct(a.shares[o.side])), el("td", {class: "num"}, fmt(a.satisfaction, 2))));
  out.append(t, el("p", {class: "muted"}, W("draft") + colon(C.lang) + planWords(r.draft, await leversIn(C.lang), o)));
}

// A plan as the trainer reads it (before "Roll back: use its draft"): each lever by its
// label in the console's language, accounts and people by their names, pay plans by theirs.
async function leversIn(lang) {
  C.levers = C.levers || {};
  if (!C.levers[lang]) C.levers[lang] = (await api("GET", `/api/levers?lang=${lang}`)).levers || [];
  return C.levers[lang];
}
function planWords(plan, levers, o) {
  const acc = Object.fromEntries(o.accounts.map((a) => [a.id, a]));
  const account = (id) => (acc[id] || {}).name || id;
  const person = (a, id) => (((acc[a] || {}).stakeholders || []).find((x) => x.id === id) || {}).name || id;
  const parts = [];
  for (const l of levers) {
    const v = (plan || {})[l.name];
    if (v === undefined || v === null || v === 0 || v === "" || (Array.isArray(v) && !v.length)) continue;
    let what;
    if (l.per === "person") what = Object.entries(v).flatMap(([a, ps]) => Object.entries(ps).map(([p, n]) => `${account(a)} ${person(a, p)} ${n}`));
    else if (Array.isArray(v)) what = v.map(account);
    else if (typeof v === "object") what = Object.entries(v).map(([a, n]) => `${account(a)} ${l.name === "price_cut" ? pct(n) : n}`);
    else if (l.kind === "choice") what = [(l.choice_words || {})[v] || account(v)];
    else what = [String(v)];
    parts.push(l.label + colon(C.lang) + what.join(comma(C.lang)));
  }
  return parts.length ? parts.join(semicolon(C.lang)) : W("empty_plan");
}

async function rollback(useDraft) {
  const team = Number($("teamsel").value), quarter = Number($("rbq").value);
  const name = C.status.teams[team].name;
  if (!confirm(W("confirm_rb", {q: quarter, name, what: W(useDraft ? "its_draft" : "no_plan")}))) return;
  const r = await api("POST", tr("/api/trainer/rollback"), {team, quarter, use_draft: useDraft}, hdr());
  say(r.ok ? W("replayed", {name, q: quarter}) : r.error); if (r.ok) { C.status = r; draw(); }
}

async function rewind() {
  const q = C.status.quarter - 1;
  if (q < 1) return;
  if (!confirm(W("confirm_rewind", {q}))) return;
  const r = await api("POST", tr("/api/trainer/rollback"), {}, hdr());
  say(r.ok ? W("rewound", {q: r.quarter}) : r.error); if (r.ok) { C.status = r; draw(); }
}

document.addEventListener("DOMContentLoaded", () => {
  $("joinurl").textContent = location.origin + "/";
  $("csv1").href = "/api/trainer/export/scores.csv?key=" + encodeURIComponent(C.key);
  $("csv2").href = "/api/trainer/export/decisions.csv?key=" + encodeURIComponent(C.key);
  $("reportlink").addEventListener("click", (e) => {  // the console's language, read when clicked
    e.currentTarget.href = `/api/trainer/export/report.html?lang=${C.lang || ""}&key=${encodeURIComponent(C.key)}`;
  });
  $("resolve").addEventListener("click", resolve);
  $("starttimer").addEventListener("click", timer);
  $("minutes").addEventListener("input", () => { C.minutesTyped = true; });
  $("pause").addEventListener("click", pause);
  $("view").addEventListener("click", showTeam);
  $("rbnothing").addEventListener("click", () => rollback(false));
  $("rbdraft").addEventListener("click", () => rollback(true));
  $("rbmarket").addEventListener("click", rewind);
  if (C.lang) label();
  window.addEventListener("hashchange", () => {  // another #lang=... switches the console at once
    const lang = langOfLink();
    if (lang && lang !== C.lang) { C.lang = lang; label(); if (C.status) draw(); refresh(); }
  });
  window.addEventListener("resize", () => { C.chartKey = null; if (C.status) drawChart(); });
  refresh(); setInterval(refresh, 3000); setInterval(tick, 1000);
});
