// The team page: join, read your own game, plan with the engine's levers, submit.
// Every check is the server's (the engine's own order checks); this page only shows them.
"use strict";
// A language chosen on this page (the dropdown, or a link that named one) is remembered
// with the class it was chosen in: another class on the same address (a shared classroom
// PC, the trainer's own try-out) opens in its own language, not in what was chosen there.
const CLASS = document.documentElement.dataset.class || "";
function chosenLang() {
  let c = null;
  try { c = JSON.parse(localStorage.getItem("kaw_lang")); } catch (e) { return null; }
  return c && c.class === CLASS && Object.hasOwn(WORDS, c.lang) ? c.lang : null;
}
function rememberLang(lang) { localStorage.setItem("kaw_lang", JSON.stringify({lang, class: CLASS})); }
// The language: the link's (#lang=zh), else the one chosen in this class before, else the
// class's own (kaw class --lang), else English.
const S = {token: localStorage.getItem("kaw_token"), lang: langOfLink() || chosenLang() || langOfClass() || "en",
  view: null, levers: [], draft: {}, account: null, quarter: null, timer: null, saveTimer: null, deadlineAt: null};
const $ = (id) => document.getElementById(id);
const auth = () => ({Authorization: "Bearer " + S.token});

function words() {
  document.documentElement.lang = S.lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-t]").forEach((n) => { n.textContent = T(S.lang, n.dataset.t); });
  document.title = T(S.lang, "page_title");
  if (!S.view) $("title").textContent = T(S.lang, "app");  // once in a game: the scenario's title
  $("lang").value = S.lang; $("lang").setAttribute("aria-label", T(S.lang, "language"));
}

// Show the page in `lang` (from the dropdown or the link), remembered for the next visit.
async function setLang(lang) {
  if (lang === S.lang) { $("lang").value = lang; return; }
  S.lang = lang; rememberLang(lang); words();
  if (S.token) { await loadLevers(); await refresh(true); }
}

// A link that names a language keeps naming the one on show, so a reload does not undo
// the dropdown (replaceState: no hashchange, no new history entry).
function langToLink() {
  const f = new URLSearchParams(location.hash.slice(1));
  if (!f.has("lang") || f.get("lang") === S.lang) return;
  f.set("lang", S.lang); history.replaceState(null, "", "#" + f.toString());
}

async function join() {
  $("joinmsg").textContent = "";
  const r = await api("POST", "/api/join?lang=" + S.lang, {code: $("code").value, name: $("name").value});
  if (!r.ok) { $("joinmsg").textContent = r.status === 403 ? T(S.lang, "bad_code") : r.error; return; }
  S.token = r.token; localStorage.setItem("kaw_token", r.token); start();
}

async function loadLevers() {
  const r = await api("GET", "/api/levers?lang=" + S.lang);
  S.levers = r.levers || [];
}

async function refresh(force) {
  const r = await api("GET", "/api/team?lang=" + S.lang, undefined, auth());
  if (r.status === 401) { localStorage.removeItem("kaw_token"); S.token = null; showJoin(); return; }
  if (!r.ok) return;
  const newQuarter = r.quarter !== S.quarter;
  S.view = r; S.quarter = r.quarter;
  S.deadlineAt = r.seconds_left === null || r.paused ? null : Date.now() + 1000 * r.seconds_left;
  if (force || newQuarter || !S.account) {
    S.draft = r.draft ? JSON.parse(JSON.stringify(r.draft)) : {};
    if (!S.account) S.account = r.observation.accounts[0].id;
    drawAll();
    check();
  } else { drawStatus(); drawBoard(); }
  tick();
}

function drawAll() {
  drawStatus(); drawPortfolio(); drawPeople(); drawPlan(); drawReport(); drawBoard(); drawNews(); drawDebrief(); drawChart();
}

function tick() {
  if (!S.view) return;
  const t = $("timer"), v = S.view;
  if (v.paused && !v.done) {
    t.classList.remove("hidden", "late"); t.classList.add("paused");
    t.textContent = (v.seconds_left === null ? T(S.lang, "paused") : `${mmss(v.seconds_left)} ${T(S.lang, "left")} · ${T(S.lang, "paused")}`);
    return;
  }
  t.classList.remove("paused");
  if (S.deadlineAt === null || v.done) { t.classList.add("hidden"); return; }
  const s = Math.max(0, Math.round((S.deadlineAt - Date.now()) / 1000));
  t.classList.remove("hidden"); t.classList.toggle("late", s === 0);
  t.textContent = s === 0 ? T(S.lang, "deadline_passed") : `${mmss(s)} ${T(S.lang, "left")}`;
}

function drawStatus() {
  const v = S.view, o = v.observation, L = (k) => T(S.lang, k);
  $("title").textContent = v.scenario.title;
  $("teamname").textContent = v.team.name;
  $("quarter").textContent = v.done ? L("over") : T(S.lang, "quarter_of", {t: v.quarter, n: v.quarters});
  const st = $("status"); st.replaceChildren();
  const item = (k, val) => el("div", {}, el("div", {class: "muted"}, L(k)), el("div", {class: "big"}, val));
  st.append(item("score", fmt(o.score, 1) + " " + "★".repeat(o.stars)), item("cash", v.money.cash),
    item("budget", v.money.budget), item("days", String(v.days_to_plan)), item("share", pct(o.market_share)));
  const b = $("banner");
  b.classList.remove("hidden", "warn");
  b.textContent = v.done ? L("over") : v.paused ? L("paused_banner") : (v.submitted ? L("submitted") : L("not_submitted"));
  b.classList.toggle("warn", v.paused && !v.done);
  $("submit").disabled = v.done || v.paused; $("withdraw").disabled = v.paused; $("submit").classList.toggle("hidden", v.submitted);
  $("withdraw").classList.toggle("hidden", !v.submitted || v.done);
  $("planbox").querySelectorAll("input, select").forEach((n) => { n.disabled = v.submitted || v.done; });
  $("planbox").classList.toggle("hidden", v.done);  // nothing left to plan: the debrief takes its place
  $("briefing").replaceChildren(...briefingBlocks(v.scenario.briefing_blocks));
}

// The briefing's paragraphs and bullets as the engine reads them (engine/scenario/prose.py,
// as the window game shows them), built as elements, never as HTML: a block's bullets
// in a row make one list.
function briefingBlocks(blocks) {
  const out = [];
  for (const block of blocks || []) {
    let list = null;
    for (const [bullet, text] of block) {
      if (!bullet) { out.push(el("p", {}, text)); list = null; continue; }
      if (!list) out.push(list = el("ul", {}));
      list.append(el("li", {}, text));
    }
  }
  return out;
}

function stanceCell(x) {
  return el("td", {class: "num " + (x > 0.05 ? "stance-pos" : x < -0.05 ? "stance-neg" : "")}, fmt(x, 2));
}

function drawPortfolio() {
  const o = S.view.observation, L = (k) => T(S.lang, k), tab = $("portfolio");
  tab.replaceChildren(el("tr", {}, el("th", {}, L("account")), el("th", {class: "num"}, L("demand")),
    el("th", {class: "num"}, L("share")), el("th", {class: "num"}, L("satisfaction"))));
  for (const a of o.accounts) {
    tab.append(el("tr", {}, el("td", {}, a.name, a.dropped ? el("span", {class: "tag"}, "✕") : null),
      el("td", {class: "num"}, fmt(a.demand, 1)), el("td", {class: "num"}, pct(a.shares[o.side])),
      el("td", {class: "num"}, fmt(a.satisfaction, 2))));
  }
  const sel = $("account"); sel.replaceChildren(...o.accounts.map((a) => el("option", {value: a.id}, a.name)));
  sel.value = S.account;
}

function drawPeople() {
  const o = S.view.observation, L = (k) => T(S.lang, k), a = o.accounts.find((x) => x.id === S.account);
  const tab = $("people");
  const rivals = o.rivals.filter((r) => r.active).map((r) => r);
  tab.replaceChildren(el("tr", {}, el("th", {}, L("person")), el("th", {}, L("level")),
    el("th", {class: "num"}, L("influence")), el("th", {class: "num"}, L("stance")),
    ...rivals.map((r) => el("th", {class: "num"}, r.name))));
  for (const p of a.stakeholders) {
    tab.append(el("tr", {},
      el("td", {}, p.name || p.id, el("div", {class: "muted"}, p.title), p.coach ? el("span", {class: "tag coach"}, L("coach")) : null,
        p.new_in_seat ? el("span", {class: "tag"}, L("new_seat")) : null, p.chair ? el("span", {class: "tag"}, "★") : null),
      el("td", {}, levelName(S.lang, p.level), el("div", {class: "muted"}, roleName(S.lang, p.role))),
      el("td", {class: "num"}, fmt(p.influence, 2) + (p.influence_known ? "" : "?")),
      stanceCell(p.stance),
      ...rivals.map((r) => (p.rivals[r.id] === null || p.rivals[r.id] === undefined)
        ? el("td", {class: "num muted"}, L("hidden")) : stanceCell(p.rivals[r.id]))));
  }
  $("fog").textContent = a.visible ? "" : L("fog");
}

// ------------------------------------------------------------------ the plan, from the lever table
// Rep days are planned in whole days, as in the window game: the server offers the whole
// days within the engine's fractional capacity (days_to_plan), which its check accepts.
const spendsDays = (l) => l.capacity === "rep_days";
const whole = (l) => l.kind === "count" || spendsDays(l);
function daysAssigned() {  // every rep day the draft asks for, as the engine's check adds them up
  let n = 0;
  for (const l of S.levers.filter(spendsDays))
    for (const byPerson of Object.values(S.draft[l.name] || {})) for (const d of Object.values(byPerson || {})) n += Number(d) || 0;
  return n;
}
function drawMeans() {
  const L = (k) => T(S.lang, k), c = colon(S.lang), cap = S.view.days_to_plan, used = daysAssigned(), left = cap - used;
  $("means").replaceChildren(`${L("days")}${c}${cap} · ${L("assigned")} ${used} · `,
    el("span", {class: left < 0 ? "problems" : ""}, `${L("unassigned")} ${left}`),
    ` · ${L("visits")}${c}${S.view.observation.exec_visits} · ${L("budget")}${c}${S.view.money.budget}`);
}
function numberInput(value, onchange, attrs) {
  return el("input", {type: "number", min: "0", step: "any", inputmode: "decimal", value: value || "", ...attrs,
    oninput: (e) => onchange(e.target.value === "" ? 0 : Number(e.target.value))});
}
function setIn(path, value) {
  let o = S.draft;
  for (let i = 0; i < path.length - 1; i++) { o[path[i]] = o[path[i]] || {}; o = o[path[i]]; }
  o[path[path.length - 1]] = value;
  changed();
}
// An account dropped this quarter takes no orders (the rules drop it before the quarter's
// effort lands, so the engine refuses what would be wasted there): dropping it sets aside
// what the draft planned for it, and undoing the drop brings that back.
function setAside(aid) {
  const kept = {};
  for (const l of S.levers) {
    const v = S.draft[l.name];
    if (l.name === "drop" || v === undefined || v === null) continue;
    if (Array.isArray(v)) { if (v.includes(aid)) { kept[l.name] = true; S.draft[l.name] = v.filter((x) => x !== aid); } }
    else if (typeof v === "object") { if (aid in v) { kept[l.name] = v[aid]; delete v[aid]; } }
    else if (l.kind === "choice" && !l.choices && v === aid) { kept[l.name] = v; S.draft[l.name] = null; }
  }
  S.setAside = S.setAside || {};
  S.setAside[aid] = kept;
}
function bringBack(aid) {
  const kept = (S.setAside || {})[aid];
  if (!kept) return;
  for (const [name, v] of Object.entries(kept)) {
    const cur = S.draft[name];
    if (v === true) S.draft[name] = [...new Set([...(cur || []), aid])];
    else if (typeof v === "string") { if (!cur) S.draft[name] = v; }
    else { S.draft[name] = cur || {}; S.draft[name][aid] = v; }
  }
  delete S.setAside[aid];
}
function get(path) { return path.reduce((o, k) => (o && o[k] !== undefined ? o[k] : undefined), S.draft); }

function drawPlan() {
  const o = S.view.observation, L = (k) => T(S.lang, k), a = o.accounts.find((x) => x.id === S.account);
  $("plan_account").textContent = a.name;
  drawMeans();
  const people = $("plan_people"); people.replaceChildren();
  const personLevers = S.levers.filter((l) => l.per === "person");
  const tab = el("table", {}, el("tr", {}, el("th", {}, L("person")), ...personLevers.map((l) => el("th", {title: l.help}, l.label))));
  for (const p of a.stakeholders) {
    tab.append(el("tr", {}, el("td", {}, p.name || p.id, el("div", {class: "muted"}, levelName(S.lang, p.level))),
      ...personLevers.map((l) => el("td", {}, (l.levels.length && !l.levels.includes(p.level)) ? "–"
        : numberInput(get([l.name, a.id, p.id]), (v) => setIn([l.name, a.id, p.id], whole(l) ? Math.round(v) : v),
          {"aria-label": `${l.label} ${p.name || p.id}`, "data-lever": l.name, "data-account": a.id, "data-person": p.id,
           step: whole(l) ? "1" : "any"})))));
  }
  people.append(el("div", {class: "scroll"}, tab));
  const acc = $("plan_account_levers"); acc.replaceChildren();
  for (const l of S.levers.filter((x) => x.per === "account")) {
    const lab = el("label", {title: l.help}, l.label, el("div", {class: "help"}, l.help));
    if (l.kind === "flag") {
      const on = (S.draft[l.name] || []).includes(a.id);
      acc.append(lab, el("input", {type: "checkbox", checked: on, "aria-label": l.label, "data-lever": l.name, "data-account": a.id,
        onchange: (e) => {
          if (l.name === "drop" && e.target.checked && !confirm(T(S.lang, "confirm_drop"))) { e.target.checked = false; return; }
          const list = new Set(S.draft[l.name] || []); e.target.checked ? list.add(a.id) : list.delete(a.id);
          S.draft[l.name] = [...list];
          if (l.name === "drop") { e.target.checked ? setAside(a.id) : bringBack(a.id); drawPlan(); }
          changed();
        }}));
    } else {
      const attrs = {"aria-label": l.label, "data-lever": l.name, "data-account": a.id};
      if (l.name === "price_cut") {
        // a trainee thinks of a price cut in percent (the window game shows "%"); orders hold a fraction
        attrs.max = String(Math.round(o.max_price_cut * 100)); attrs.step = "1";
        const pct = get([l.name, a.id]);
        acc.append(el("label", {title: l.help}, l.label + paren(S.lang, "%"), el("div", {class: "help"}, l.help)),
          numberInput(pct ? Math.round(pct * 1000) / 10 : "", (v) => setIn([l.name, a.id], v / 100), attrs));
        continue;
      }
      acc.append(lab, numberInput(get([l.name, a.id]), (v) => setIn([l.name, a.id], v), attrs));
    }
  }
  const side = $("plan_side"); side.replaceChildren();
  for (const l of S.levers.filter((x) => x.per === "side")) {
    const lab = el("label", {title: l.help}, l.label, el("div", {class: "help"}, l.help));
    if (l.kind === "choice") {
      // choices by their names (pay plans, as the window game calls them), else accounts by theirs
      const name = (c) => (l.choice_words || {})[c] || c;
      const opts = l.choices ? l.choices.map((c) => [c, name(c)]) : o.accounts.map((x) => [x.id, x.name]);
      const sel = el("select", {"aria-label": l.label, "data-lever": l.name,
        onchange: (e) => { S.draft[l.name] = e.target.value || null; changed(); }},
        // no choice: the pay plan stays as it is, no joint venture is proposed
        el("option", {value: ""}, l.name === "pay_plan" ? `${name(o.pay_plan)}${paren(S.lang, L("current"))}` : L("none")),
        ...opts.map(([v, t]) => el("option", {value: v}, t)));
      sel.value = S.draft[l.name] || "";
      side.append(lab, sel);
    } else {
      side.append(lab, numberInput(S.draft[l.name], (v) => { S.draft[l.name] = l.kind === "count" ? Math.round(v) : v; changed(); },
        {"aria-label": l.label, "data-lever": l.name, step: l.kind === "count" ? "1" : "any"}));
    }
  }
  drawStatus();
}

// Orders without the zeros and empties a form leaves behind.
function cleanOrders(d) {
  const out = {};
  for (const [k, v] of Object.entries(d)) {
    if (v === null || v === 0 || v === "") continue;
    if (Array.isArray(v)) { if (v.length) out[k] = v; continue; }
    if (typeof v === "object") {
      const inner = {};
      for (const [a, x] of Object.entries(v)) {
        if (x && typeof x === "object") {
          const p = Object.fromEntries(Object.entries(x).filter(([, n]) => n));
          if (Object.keys(p).length) inner[a] = p;
        } else if (x) inner[a] = x;
      }
      if (Object.keys(inner).length) out[k] = inner;
      continue;
    }
    out[k] = v;
  }
  return out;
}

function changed() {
  drawMeans();
  clearTimeout(S.saveTimer);
  S.saveTimer = setTimeout(saveDraft, 350);
}

function showProblems(problems, error) {
  const ul = $("problems"); ul.replaceChildren();
  document.querySelectorAll("#planbox input.bad").forEach((n) => n.classList.remove("bad"));
  if (error && !problems.length) ul.append(el("li", {}, error));
  for (const p of problems) {
    ul.append(el("li", {}, p.text));
    let sel = p.lever ? `[data-lever="${p.lever}"]` : null;
    if (sel && p.account) sel += `[data-account="${p.account}"]`;
    if (sel && p.person) sel += `[data-person="${p.person}"]`;
    if (sel) document.querySelectorAll("#planbox " + sel).forEach((n) => n.classList.add("bad"));
  }
  if (!problems.length && !error) ul.append(el("li", {class: "ok"}, T(S.lang, "plan_ok")));
  return problems.length === 0 && !error;
}

async function saveDraft() {
  const r = await api("PUT", "/api/team/draft", {orders: cleanOrders(S.draft), lang: S.lang}, auth());
  $("saved").textContent = r.ok ? T(S.lang, "saved") : "";
  return showProblems(r.problems || [], r.ok ? null : r.error);
}
async function check() {
  if (S.view.done) { $("problems").replaceChildren(); return; }
  const r = await api("POST", "/api/team/check", {orders: cleanOrders(S.draft), lang: S.lang}, auth());
  showProblems(r.problems || [], r.ok ? null : r.error);
}

async function submit() {
  const r = await api("POST", "/api/team/submit", {orders: cleanOrders(S.draft), lang: S.lang}, auth());
  if (!showProblems(r.problems || [], r.ok ? null : r.error)) return;
  await refresh(false);
}
async function withdraw() {
  const r = await api("POST", "/api/team/withdraw", {lang: S.lang}, auth());
  if (!r.ok) { showProblems([], r.error); return; }
  await refresh(false);
}

// ------------------------------------------------------------------ after a quarter
// Causes in the page's words (the engine's cause registry, sent with the view) and in the
// unit of what they move: share causes and drivers in points, stance causes on the -1..3 scale.
function causesText(c, touches) {
  const names = (S.view.causes || {})[touches] || {}, points = touches !== "stance";
  return Object.entries(c).filter(([, v]) => Math.abs(v) >= 0.005).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .map(([k, v]) => `${names[k] || k} ${v > 0 ? "+" : ""}${points ? (100 * v).toFixed(1) : v.toFixed(2)}`).join(comma(S.lang));
}
function drawReport() {
  const r = S.view.report, box = $("reportbox"), L = (k) => T(S.lang, k);
  box.classList.toggle("hidden", !r);
  if (!r) return;
  const side = S.view.observation.side, out = $("report"); out.replaceChildren();
  $("reporttitle").textContent = T(S.lang, "results_of", {t: r.turn});
  if (r.events.length) out.append(el("h3", {}, L("events")), el("ul", {}, ...r.events.map((e) => el("li", {}, el("b", {}, e.title), " – ", e.text))));
  out.append(el("h3", {}, L("shares")));
  const t = el("table", {}, el("tr", {}, el("th", {}, L("account")), el("th", {class: "num"}, L("share")), el("th", {}, L("why"))));
  for (const s of r.shares) {
    const d = (s.after[side] || 0) - (s.before[side] || 0);
    t.append(el("tr", {}, el("td", {}, s.name), el("td", {class: "num"}, `${pct(s.after[side])} (${d >= 0 ? "+" : ""}${(100 * d).toFixed(1)})`),
      el("td", {class: "muted"}, causesText(s.causes, "share") || "–", el("div", {}, `${L("drivers")}${colon(S.lang)}${causesText(s.drivers, "utility") || "–"}`))));
  }
  out.append(el("div", {class: "scroll"}, t));
  if (r.stances.length) {
    out.append(el("h3", {}, L("stances")));
    const ts = el("table", {}, el("tr", {}, el("th", {}, L("person")), el("th", {class: "num"}, L("stance")), el("th", {}, L("why"))));
    const accName = Object.fromEntries(S.view.observation.accounts.map((a) => [a.id, a.name]));
    for (const s of r.stances) ts.append(el("tr", {}, el("td", {}, s.name + paren(S.lang, accName[s.account] || s.account)),
      el("td", {class: "num"}, `${fmt(s.before, 2)} → ${fmt(s.after, 2)}`), el("td", {class: "muted"}, causesText(s.causes, "stance"))));
    out.append(el("div", {class: "scroll"}, ts));
  }
  out.append(el("h3", {}, L("money")), el("p", {}, `${L("revenue")} ${S.view.money.report_revenue} · ${S.view.money.report_serve ? `${L("serve")} ${S.view.money.report_serve} · ` : ""}${L("profit")} ${S.view.money.report_profit} · ${L("cash")} ${S.view.money.report_cash}`));
}

function drawBoard() {
  const L = (k) => T(S.lang, k), tab = $("board");
  tab.replaceChildren(el("tr", {}, el("th", {}, L("rank")), el("th", {}, L("team")), el("th", {class: "num"}, L("score")), el("th", {}, L("stars"))));
  for (const r of S.view.leaderboard) {
    tab.append(el("tr", {class: r.team === S.view.team.idx ? "ok" : ""}, el("td", {}, r.rank), el("td", {}, r.name),
      el("td", {class: "num"}, fmt(r.score, 1)), el("td", {}, "★".repeat(r.stars))));
  }
}

function drawChart() {
  const L = (k) => T(S.lang, k), c = S.view.chart;
  const words = {title: L("chart_team"), y: L("chart_y"), x: L("chart_x"), start: L("chart_start"), q: L("chart_q")};
  $("chart").replaceChildren(lineChart(c, words, $("chart").clientWidth), chartLegend(c, L("chart_own")));
}

function drawNews() {
  const n = S.view.observation.news, w = S.view.observation.warnings;
  if (!n.length && !w.length) return $("news").replaceChildren(el("li", {class: "muted"}, T(S.lang, "no_news")));
  $("news").replaceChildren(...w.map((x) => el("li", {class: "problems"}, x)),
    ...n.map((x) => el("li", {}, `${T(S.lang, "chart_q")}${x.turn}${colon(S.lang)}`, el("b", {}, x.title), " – ", x.text)));
}

function drawDebrief() {
  const d = S.view.debrief, L = (k) => T(S.lang, k);
  $("debriefbox").classList.toggle("hidden", !d);
  if (!d) return;
  const out = $("debrief"); out.replaceChildren(el("p", {class: "big"}, `${fmt(d.score, 1)} ${"★".repeat(d.stars)}`));
  out.append(el("p", {}, Object.entries(d.scorecard).map(([k, v]) => `${L(k)} ${pct(v)}`).join(" · ")));
  out.append(el("h3", {}, L("objectives")), el("ul", {}, ...d.objectives.map(([, text, met]) => el("li", {class: met ? "ok" : "problems"}, `${text}${colon(S.lang)}${met ? L("met") : L("not_met")}`))));
  if (d.lessons.length) out.append(el("h3", {}, L("lessons")), el("ul", {}, ...d.lessons.map(([, t, x]) => el("li", {}, el("b", {}, t), " – ", x))));
  if (d.explanations.length) out.append(el("h3", {}, L("why_won")), el("ul", {}, ...d.explanations.map((e) =>
    el("li", {}, el("b", {}, e.name), ` ${L(e.verdict)}${colon(S.lang)}` +
      [`${pct(e.start)} → ${pct(e.end)}`, causesText(e.causes, "share")].filter(Boolean).join(" · ")))));
}

function showJoin() { $("join").classList.remove("hidden"); $("game").classList.add("hidden"); words(); }

async function start() {
  $("join").classList.add("hidden"); $("game").classList.remove("hidden");
  words(); await loadLevers(); await refresh(true);
}

document.addEventListener("DOMContentLoaded", () => {
  $("joinbtn").addEventListener("click", join);
  $("code").addEventListener("keydown", (e) => { if (e.key === "Enter") join(); });
  $("submit").addEventListener("click", submit);
  $("withdraw").addEventListener("click", withdraw);
  $("account").addEventListener("change", (e) => { S.account = e.target.value; drawPeople(); drawPlan(); });
  $("lang").addEventListener("change", (e) => { setLang(e.target.value); langToLink(); });
  window.addEventListener("hashchange", () => { const l = langOfLink(); if (l) setLang(l); });
  if (langOfLink()) rememberLang(S.lang);
  const code = new URLSearchParams(location.search).get("code");
  if (code) $("code").value = code;
  words();
  if (S.token) start(); else showJoin();
  setInterval(() => { if (S.token) refresh(false); }, 4000);
  setInterval(tick, 1000);
  window.addEventListener("resize", () => { if (S.view) drawChart(); });
});
