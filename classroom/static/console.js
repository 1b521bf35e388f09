// The trainer's console: status of every team, round timer, resolve, leaderboard,
// one team's view on demand, rollback of one team, exports. The key comes from the
// URL's fragment (#key=...), which the browser never sends to the server by itself.
"use strict";
const C = {key: new URLSearchParams(location.hash.slice(1)).get("key") || "", status: null, deadlineAt: null};
const $ = (id) => document.getElementById(id);
const hdr = () => ({"X-Trainer-Key": C.key});

function say(text) { $("msg").textContent = text || ""; }

async function refresh() {
  const r = await api("GET", "/api/trainer/status", undefined, hdr());
  if (!r.ok) { say(r.error); return; }
  C.status = r; C.deadlineAt = r.seconds_left === null ? null : Date.now() + 1000 * r.seconds_left;
  draw();
}

function draw() {
  const s = C.status;
  $("quarter").textContent = s.done ? "Game over" : `Quarter ${s.quarter} of ${s.quarters}`;
  $("missing").textContent = s.missing;
  $("resolve").disabled = s.done;
  const tab = $("teams");
  tab.replaceChildren(el("tr", {}, el("th", {}, "Team"), el("th", {}, "Code"), el("th", {}, "Joined"), el("th", {}, "Submitted")));
  for (const t of s.teams) tab.append(el("tr", {}, el("td", {}, t.name), el("td", {class: "code"}, t.code),
    el("td", {class: t.joined ? "ok" : "muted"}, t.joined ? "yes" : "no"),
    el("td", {class: t.submitted ? "ok" : "muted"}, t.submitted ? "✔ submitted" : (t.drafted ? "drafting" : "–"))));
  const done = s.teams.filter((t) => t.submitted).length;
  $("resolve").textContent = `Resolve quarter (${done}/${s.teams.length} submitted)`;
  const b = $("board");
  b.replaceChildren(el("tr", {}, el("th", {}, "#"), el("th", {}, "Team"), el("th", {class: "num"}, "Score"),
    ...["financial", "customer", "process", "learning"].map((p) => el("th", {class: "num"}, p))));
  for (const r of s.leaderboard) b.append(el("tr", {}, el("td", {}, r.rank), el("td", {}, r.name, " ", "★".repeat(r.stars)),
    el("td", {class: "num"}, fmt(r.score, 1)), ...Object.values(r.parts).map((v) => el("td", {class: "num"}, pct(v)))));
  const sel = $("teamsel"), keep = sel.value;
  sel.replaceChildren(...s.teams.map((t) => el("option", {value: t.team}, t.name)));
  if (keep) sel.value = keep;
  $("rbq").max = String(Math.max(1, s.quarter - 1));
  if (!$("rbq").value) $("rbq").value = String(Math.max(1, s.quarter - 1));
}

function tick() {
  const t = $("timer");
  if (C.deadlineAt === null) { t.classList.add("hidden"); return; }
  const s = Math.max(0, Math.round((C.deadlineAt - Date.now()) / 1000));
  t.classList.remove("hidden"); t.classList.toggle("late", s === 0);
  t.textContent = s === 0 ? "time is up" : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")} left`;
}

async function resolve() {
  const s = C.status, missing = s.teams.filter((t) => !t.submitted).length;
  if (missing && !confirm(`${missing} team(s) have not submitted; their plan will be: ${s.missing}. Resolve now?`)) return;
  const r = await api("POST", "/api/trainer/resolve", {}, hdr());
  say(r.ok ? "" : r.error); if (r.ok) { C.status = r; C.deadlineAt = r.seconds_left === null ? null : Date.now() + 1000 * r.seconds_left; $("rbq").value = ""; draw(); }
}

async function timer() {
  const r = await api("POST", "/api/trainer/timer", {minutes: Number($("minutes").value)}, hdr());
  say(r.ok ? "" : r.error); if (r.ok) refresh();
}

async function showTeam() {
  const r = await api("GET", `/api/trainer/team/${$("teamsel").value}`, undefined, hdr());
  const out = $("teamview"); out.replaceChildren();
  if (!r.ok) { say(r.error); return; }
  const o = r.observation;
  out.append(el("p", {}, el("b", {}, r.team.name), ` – score ${fmt(o.score, 1)}, cash ${fmt(o.cash, 2)} ${o.money_unit}, share ${pct(o.market_share)}, ${r.submitted ? "submitted" : "not submitted"}`));
  const t = el("table", {}, el("tr", {}, el("th", {}, "Account"), el("th", {class: "num"}, "Share"), el("th", {class: "num"}, "Satisfaction")));
  for (const a of o.accounts) t.append(el("tr", {}, el("td", {}, a.name), el("td", {class: "num"}, pct(a.shares[o.side])), el("td", {class: "num"}, fmt(a.satisfaction, 2))));
  out.append(t, el("p", {class: "muted"}, "Draft: " + JSON.stringify(r.draft)));
}

async function rollback(useDraft) {
  const team = Number($("teamsel").value), quarter = Number($("rbq").value);
  const name = C.status.teams[team].name;
  if (!confirm(`Replay quarter ${quarter} for ${name} with ${useDraft ? "its current draft" : "no plan"}? Other teams are not affected.`)) return;
  const r = await api("POST", "/api/trainer/rollback", {team, quarter, use_draft: useDraft}, hdr());
  say(r.ok ? `${name}: quarter ${quarter} replayed.` : r.error); if (r.ok) { C.status = r; draw(); }
}

document.addEventListener("DOMContentLoaded", () => {
  $("joinurl").textContent = location.origin + "/";
  $("csv1").href = "/api/trainer/export/scores.csv?key=" + encodeURIComponent(C.key);
  $("csv2").href = "/api/trainer/export/decisions.csv?key=" + encodeURIComponent(C.key);
  $("resolve").addEventListener("click", resolve);
  $("starttimer").addEventListener("click", timer);
  $("view").addEventListener("click", showTeam);
  $("rbnothing").addEventListener("click", () => rollback(false));
  $("rbdraft").addEventListener("click", () => rollback(true));
  refresh(); setInterval(refresh, 3000); setInterval(tick, 1000);
});
