// Page words in both languages. Game texts (names, events, reports, order problems)
// come from the engine in the chosen language; only the page's own labels live here.
// Where the window game shows the same thing, the words are its words (game/i18n.py: the
// quarter "第2季度 / 共6季度", 教练, 任务简报, a class's 小组 and 讲师), and the engine's where it
// has its own (the scorecard's parts): tests/classroom/test_page_words.py holds them equal.
"use strict";
const WORDS = {
  en: {app: "Key Account Wars", page_title: "Key Account Wars – team", language: "language", join_title: "Join your team", join_code: "Join code", team_name: "Team name (optional)", join: "Join",
    portfolio: "Portfolio", account: "Account", buying_center: "Buying center", plan: "Your plan for this quarter",
    company: "Company-wide", submit: "Submit plan", withdraw: "Withdraw", leaderboard: "Leaderboard",
    briefing: "Briefing", news: "News and warnings", debrief: "Debrief", results_of: "Results of quarter {t}",
    no_news: "Nothing yet: the market's news, and what a coach warns you of, show here.",
    quarter_of: "Quarter {t} of {n}", left: "left", deadline_passed: "time is up", cash: "Cash", budget: "Budget",
    days: "Rep days", score: "Score", share: "Our share", demand: "Demand", satisfaction: "Satisfaction",
    person: "Person", level: "Level", role: "Role", influence: "Influence", stance: "Stance toward us",
    rivals: "Rivals", hidden: "hidden", coach: "coach", new_seat: "new", submitted: "Plan submitted: you can still withdraw it until the quarter is resolved.",
    not_submitted: "Not submitted yet. Your draft is saved as you type.", plan_ok: "The plan can be carried out.",
    saved: "draft saved", over: "The game is over.", rank: "#", team: "Team", stars: "Stars",
    fog: "Rivals' stances show only where you have a coach or bought intelligence.",
    events: "What happened", shares: "Share of wallet: what changed and why", stances: "Relationships: who moved and why", money: "Money", revenue: "Revenue", serve: "Cost to serve", profit: "Profit",
    none: "none", confirm_drop: "Drop this account for good? It takes no orders from this quarter on (what you planned for it is set aside), and its leaders will resent it.",
    objectives: "Objectives", lessons: "Lessons", why: "Why", why_won: "Why we won or lost", met: "met", not_met: "not met",
    bad_code: "That code did not work.", waiting: "Waiting for the trainer to resolve the quarter…",
    used: "used", available: "available", rep_days_sum: "rep days", assigned: "assigned", unassigned: "unassigned", visits: "exec visits", drivers: "Against the strongest rival",
    won: "won", held: "held", lost: "lost", dropped: "dropped", financial: "financial", customer: "customer", process: "process", learning: "learning",
    current: "current", cause: "cause", paused: "paused", chart_team: "Share of your market, quarter by quarter",
    chart_y: "share of the market (by demand)", chart_x: "quarter", chart_start: "start", chart_q: "Q", chart_own: "you", paused_banner: "The trainer has paused the class: the timer is stopped. You may keep editing your draft; submitting waits until the class resumes."},
  zh: {app: "大客户争夺战", page_title: "大客户争夺战 – 小组", language: "语言", join_title: "加入你的小组", join_code: "小组代码", team_name: "小组名称（可选）", join: "加入",
    portfolio: "客户组合", account: "客户", buying_center: "采购中心", plan: "本季度计划",
    company: "公司层面", submit: "提交计划", withdraw: "撤回", leaderboard: "排行榜",
    briefing: "任务简报", news: "新闻与预警", debrief: "复盘", results_of: "第{t}季度结果",
    no_news: "暂无：市场新闻和教练的预警会显示在这里。",
    quarter_of: "第{t}季度 / 共{n}季度", left: "剩余", deadline_passed: "时间到", cash: "现金", budget: "预算",
    days: "销售人天", score: "得分", share: "我方份额", demand: "需求", satisfaction: "满意度",
    person: "人物", level: "层级", role: "角色", influence: "影响力", stance: "对我方态度",
    rivals: "对手", hidden: "未知", coach: "教练", new_seat: "新任", submitted: "计划已提交：在本季度结算前仍可撤回。",
    not_submitted: "尚未提交。草稿会在输入时自动保存。", plan_ok: "计划可以执行。",
    saved: "草稿已保存", over: "游戏结束。", rank: "名次", team: "小组", stars: "星级",
    fog: "只有在有教练或购买了情报的客户处，才能看到对手的态度。",
    events: "发生了什么", shares: "钱包份额：变化及原因", stances: "关系：谁的态度变了，为什么", money: "财务", revenue: "收入", serve: "客户服务成本", profit: "利润",
    none: "无", confirm_drop: "确定永久放弃该客户？本季度起不再接受指令（已为其安排的投入会撤下），对方高层会不满。",
    objectives: "目标", lessons: "经验教训", why: "原因", why_won: "输赢原因", met: "达成", not_met: "未达成",
    bad_code: "小组代码无效。", waiting: "等待讲师结算本季度…",
    used: "已用", available: "可用", rep_days_sum: "销售人天", assigned: "已分配", unassigned: "未分配", visits: "高层拜访", drivers: "对比最强对手",
    won: "赢得", held: "守住", lost: "失去", dropped: "放弃", financial: "财务", customer: "客户", process: "流程", learning: "学习成长",
    current: "当前", cause: "原因", paused: "已暂停", chart_team: "你所在市场的份额（按季度）",
    chart_y: "市场份额（按需求加权）", chart_x: "季度", chart_start: "开局", chart_q: "Q", chart_own: "你方", paused_banner: "讲师已暂停课堂：计时停止。你可以继续修改草稿，恢复后才能提交。"},
};
// Buying-center levels and roles as the engine names them, in the page's language.
const LEVEL_WORDS = {
  en: {operational: "operational", management: "management", decision: "decision"},
  zh: {operational: "操作层", management: "管理层", decision: "决策层"},
};
const ROLE_WORDS = {
  en: {economic_buyer: "economic buyer", user: "user", technical: "technical buyer", none: "no formal role"},
  zh: {economic_buyer: "经济决策者", user: "使用者", technical: "技术把关者", none: "无正式角色"},
};
function levelName(lang, v) { return ((LEVEL_WORDS[lang] || LEVEL_WORDS.en)[v]) || v; }
function roleName(lang, v) { return ((ROLE_WORDS[lang] || ROLE_WORDS.en)[v]) || v; }
// The trainer console's own labels (the console's language: #lang=zh in its URL, else the class's).
const CONSOLE_WORDS = {
  en: {title: "Key Account Wars – trainer console", join_at: "Join at", resolve: "Resolve quarter", timer: "Timer",
    min: "min", start: "Start", teams: "Teams", missing: "Missing plans at resolution:", leaderboard: "Leaderboard",
    team_view: "Team view and rollback", show: "Show team", quarter: "Quarter", quarter_of: "Quarter {t} of {n}", rb_nothing: "Roll back: no plan",
    rb_draft: "Roll back: use its draft", rb_market: "Rewind the market one quarter", team: "Team", code: "Code",
    joined: "Joined", submitted: "Submitted", n_submitted: "{n}/{of} submitted", side: "Supplier", yes: "yes", no: "no", done_sub: "✔ submitted",
    drafting: "drafting", score: "Score", game_over: "Game over", time_up: "time is up", left: "left",
    financial: "financial", customer: "customer", process: "process", learning: "learning",
    account: "Account", share: "Share", satisfaction: "Satisfaction", draft: "Draft", not_submitted: "not submitted",
    cash: "cash", mode_parallel: "Parallel mode: every team plays the same side in its own copy of the market.",
    mode_market: "Market mode: the teams are rival suppliers in one shared market. A rollback rewinds the whole market by one quarter (every team's last plan is undone).",
    confirm_missing: "{n} team(s) have not submitted; their plan will be: {m}. Resolve now?",
    confirm_rb: "Replay quarter {q} for {name} with {what}? Other teams are not affected.",
    its_draft: "its current draft", no_plan: "no plan", replayed: "{name}: quarter {q} replayed.",
    confirm_rewind: "Rewind the whole market to the start of quarter {q}? Every team's plan of that quarter is undone; teams plan it again.",
    rewound: "The market is back at quarter {q}.",
    pause_btn: "Pause", resume_btn: "Resume", paused: "paused",
    chart_parallel: "Each team's share of its market, quarter by quarter", chart_market: "Share of the market, quarter by quarter: every supplier",
    chart_y: "share of the market (by demand)", chart_x: "quarter", chart_start: "start", chart_q: "Q", chart_own: "you",
    paused_note: "Paused: the timer is stopped; teams may edit their drafts but not submit. Resume to go on.",
    class_debrief: "Class debrief", preparing: "Preparing the class debrief (replaying every team's plans and the reference strategies)…",
    ref_dice: "On the references' dice", ref_dice_help: "The team's own plans replayed on exactly the dice the reference strategies played",
    objectives: "Objectives", better_than: "Better than", references: "Reference strategies (the scenario's own, played by the engine on the class's seed)",
    differences: "Biggest differences in decisions, each team compared with", compare_with: "compare with",
    no_difference: "No difference bigger than a rep day.", report_btn: "Class report (HTML)", downloads: "Downloads:",
    empty_plan: "nothing planned", missing_repeat: "its last plan again", missing_nothing: "no plan", missing_bot: "the bot '{name}' plays for it"},
  zh: {title: "大客户争夺战 – 讲师控制台", join_at: "加入地址", resolve: "结算本季度", timer: "计时",
    min: "分钟", start: "开始", teams: "小组", missing: "未提交计划的小组在结算时：", leaderboard: "排行榜",
    team_view: "查看小组与回滚", show: "查看小组", quarter: "季度", quarter_of: "第{t}季度 / 共{n}季度", rb_nothing: "回滚：不执行计划",
    rb_draft: "回滚：使用其草稿", rb_market: "整个市场回退一个季度", team: "小组", code: "小组代码",
    joined: "已加入", submitted: "已提交", n_submitted: "已提交 {n}/{of}", side: "供应商", yes: "是", no: "否", done_sub: "✔ 已提交",
    drafting: "草拟中", score: "得分", game_over: "游戏结束", time_up: "时间到", left: "剩余",
    financial: "财务", customer: "客户", process: "流程", learning: "学习成长",
    account: "客户", share: "份额", satisfaction: "满意度", draft: "草稿", not_submitted: "未提交",
    cash: "现金", mode_parallel: "平行模式：每个小组在各自的市场副本中扮演同一家供应商。",
    mode_market: "同一市场模式：各小组是同一市场中相互竞争的供应商。回滚会让整个市场回退一个季度（所有小组上季度的计划都被撤销）。",
    confirm_missing: "有{n}个小组尚未提交；其计划将为：{m}。现在结算吗？",
    confirm_rb: "用{what}重新执行{name}的第{q}季度？其他小组不受影响。",
    its_draft: "其当前草稿", no_plan: "空计划", replayed: "{name}：第{q}季度已重新执行。",
    confirm_rewind: "让整个市场回到第{q}季度开始时？所有小组该季度的计划都会撤销，需要重新制定。",
    rewound: "市场已回到第{q}季度。",
    pause_btn: "暂停", resume_btn: "继续", paused: "已暂停",
    chart_parallel: "各小组在其市场中的份额（按季度）", chart_market: "市场份额（按季度）：所有供应商",
    chart_y: "市场份额（按需求加权）", chart_x: "季度", chart_start: "开局", chart_q: "Q", chart_own: "你方",
    paused_note: "已暂停：计时停止；各小组可以修改草稿，但不能提交。点击“继续”恢复。",
    class_debrief: "课堂复盘", preparing: "正在准备课堂复盘（重演每个小组的计划和参考策略）…",
    ref_dice: "参考策略的骰子下", ref_dice_help: "用参考策略所用的完全相同的骰子重演该小组自己的计划",
    objectives: "目标", better_than: "优于", references: "参考策略（本案例自带，由引擎以本课堂的种子执行）",
    differences: "决策上的最大差别：各小组与以下策略相比", compare_with: "比较对象",
    no_difference: "没有超过一个人天的差别。", report_btn: "课堂报告（HTML）", downloads: "下载：",
    empty_plan: "尚无安排", missing_repeat: "重复其上一份计划", missing_nothing: "不执行计划", missing_bot: "由机器人“{name}”代为决策"},
};
function CT(lang, key, vars) {
  let s = (CONSOLE_WORDS[lang] || CONSOLE_WORDS.en)[key] || CONSOLE_WORDS.en[key] || key;
  for (const [k, v] of Object.entries(vars || {})) s = s.split(`{${k}}`).join(String(v));
  return s;
}
// The language a link asks for (#lang=zh in the URL's fragment; zh-CN reads as zh), or null
// when it names none that the pages speak.
function langOfLink() {
  const v = (new URLSearchParams(location.hash.slice(1)).get("lang") || "").toLowerCase().split("-")[0];
  return Object.hasOwn(WORDS, v) ? v : null;
}
// The class's language (kaw class --lang), which the server writes on the page's <html>
// (data-class-lang), or null on a page served without it.
function langOfClass() {
  const v = document.documentElement.dataset.classLang || "";
  return Object.hasOwn(WORDS, v) ? v : null;
}
// Punctuation as each language writes it: a label's colon ("Rep days: 114", "销售人天：114"),
// a list's comma (names are listed with 、), a semicolon, and a remark in brackets
// (" (Huaxin Steel)", "（华信钢铁）").
function colon(lang) { return lang === "zh" ? "：" : ": "; }
function comma(lang) { return lang === "zh" ? "，" : ", "; }
function names(lang) { return lang === "zh" ? "、" : ", "; }      // a list of names: "平均分配、价格战"
function semicolon(lang) { return lang === "zh" ? "；" : "; "; }
function paren(lang, x) { return lang === "zh" ? `（${x}）` : ` (${x})`; }
function T(lang, key, vars) {
  let s = (WORDS[lang] || WORDS.en)[key] || WORDS.en[key] || key;
  for (const [k, v] of Object.entries(vars || {})) s = s.split(`{${k}}`).join(String(v));
  return s;
}
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  for (const kid of kids.flat()) if (kid !== null && kid !== undefined) e.append(kid instanceof Node ? kid : String(kid));
  return e;
}
function mmss(s) { s = Math.max(0, Math.round(s)); return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`; }
function fmt(x, d) { return (x === null || x === undefined) ? "–" : Number(x).toFixed(d === undefined ? 1 : d); }
function pct(x) { return (x === null || x === undefined) ? "–" : (100 * x).toFixed(1) + "%"; }
async function api(method, path, body, headers) {
  const r = await fetch(path, {method, headers: {"Content-Type": "application/json", ...(headers || {})},
    body: body === undefined ? undefined : JSON.stringify(body)});
  let doc; try { doc = await r.json(); } catch (e) { doc = {ok: false, error: r.statusText}; }
  doc.status = r.status; return doc;
}
