// Page words in both languages. Game texts (names, events, reports, order problems)
// come from the engine in the chosen language; only the page's own labels live here.
"use strict";
const WORDS = {
  en: {join_title: "Join your team", join_code: "Join code", team_name: "Team name (optional)", join: "Join",
    portfolio: "Portfolio", account: "Account", buying_center: "Buying center", plan: "Your plan for this quarter",
    company: "Company-wide", submit: "Submit plan", withdraw: "Withdraw", leaderboard: "Leaderboard",
    briefing: "Briefing", news: "News", debrief: "Debrief", report: "What changed last quarter, and why",
    quarter: "Quarter", of: "of", left: "left", deadline_passed: "time is up", cash: "Cash", budget: "Budget",
    days: "Rep days", score: "Score", share: "Our share", demand: "Demand", satisfaction: "Satisfaction",
    person: "Person", level: "Level", role: "Role", influence: "Influence", stance: "Stance toward us",
    rivals: "Rivals", hidden: "hidden", coach: "coach", new_seat: "new", submitted: "Plan submitted: you can still withdraw it until the quarter is resolved.",
    not_submitted: "Not submitted yet. Your draft is saved as you type.", plan_ok: "The plan can be carried out.",
    saved: "draft saved", over: "The game is over.", rank: "#", team: "Team", stars: "Stars",
    fog: "Rivals' stances show only where you have a coach or bought intelligence.",
    events: "Events", shares: "Shares", stances: "People", money: "Money", revenue: "Revenue", profit: "Profit",
    none: "none", confirm_drop: "Drop this account for good? Its leaders will resent it.",
    objectives: "Objectives", lessons: "Lessons", why: "Why", met: "met", not_met: "not met",
    bad_code: "That code did not work.", waiting: "Waiting for the trainer to resolve the quarter…",
    used: "used", available: "available", rep_days_sum: "rep days", visits: "exec visits", drivers: "vs. strongest rival",
    cause: "cause"},
  zh: {join_title: "加入你的团队", join_code: "加入码", team_name: "团队名称（可选）", join: "加入",
    portfolio: "客户组合", account: "客户", buying_center: "采购决策团", plan: "本季度计划",
    company: "公司层面", submit: "提交计划", withdraw: "撤回", leaderboard: "排行榜",
    briefing: "案例简介", news: "新闻", debrief: "复盘", report: "上季度的变化及原因",
    quarter: "季度", of: "/", left: "剩余", deadline_passed: "时间到", cash: "现金", budget: "预算",
    days: "销售人天", score: "得分", share: "我方份额", demand: "需求", satisfaction: "满意度",
    person: "人员", level: "层级", role: "角色", influence: "影响力", stance: "对我方态度",
    rivals: "对手", hidden: "未知", coach: "内线", new_seat: "新任", submitted: "计划已提交：在本季度结算前仍可撤回。",
    not_submitted: "尚未提交。草稿会在输入时自动保存。", plan_ok: "计划可以执行。",
    saved: "草稿已保存", over: "游戏结束。", rank: "名次", team: "团队", stars: "星级",
    fog: "只有在有内线或购买了情报的客户处，才能看到对手的态度。",
    events: "事件", shares: "份额", stances: "人员", money: "资金", revenue: "收入", profit: "利润",
    none: "无", confirm_drop: "确定永久放弃该客户？对方高层会不满。",
    objectives: "目标", lessons: "经验", why: "原因", met: "达成", not_met: "未达成",
    bad_code: "加入码无效。", waiting: "等待培训师结算本季度…",
    used: "已用", available: "可用", rep_days_sum: "销售人天", visits: "高层拜访", drivers: "与最强对手相比",
    cause: "原因"},
};
function T(lang, key) { return (WORDS[lang] || WORDS.en)[key] || WORDS.en[key] || key; }
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  for (const kid of kids.flat()) if (kid !== null && kid !== undefined) e.append(kid instanceof Node ? kid : String(kid));
  return e;
}
function fmt(x, d) { return (x === null || x === undefined) ? "–" : Number(x).toFixed(d === undefined ? 1 : d); }
function pct(x) { return (x === null || x === undefined) ? "–" : (100 * x).toFixed(1) + "%"; }
async function api(method, path, body, headers) {
  const r = await fetch(path, {method, headers: {"Content-Type": "application/json", ...(headers || {})},
    body: body === undefined ? undefined : JSON.stringify(body)});
  let doc; try { doc = await r.json(); } catch (e) { doc = {ok: false, error: r.statusText}; }
  doc.status = r.status; return doc;
}
