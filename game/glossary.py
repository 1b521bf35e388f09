"""The plain glossary: the words of key-account management the game uses, each said once
in English and Chinese (the help overlay and the guide open it; the numbers it quotes
come from the engine's stance scale, not copies).
"""
from __future__ import annotations

import html

from engine.stance_scale import COACH, PREFERS, SUPPORTS


def _n(v: float) -> str:
    return f"{v:g}"


# (term, explanation) per language, in the order a trainee meets them.
TERMS: tuple[dict[str, tuple[str, str]], ...] = (
    {"en": ("Tiers: platinum (A), plum (B), chicken rib (C)",
            "How much an account is worth defending. A, platinum: core profit, defend it hard. B, plum: "
            "strategic value (brand, growth) but little profit yet. C, chicken rib (鸡肋): costs resources for "
            "little return; serve it lightly, or drop it."),
     "zh": ("客户分级：白金（A）、梅花（B）、鸡肋（C）",
            "客户值得投入多少。A类白金：核心利润，全力防守。B类梅花：有战略价值（品牌、增长），暂时利润不多。"
            "C类鸡肋：耗资源、回报少，少量服务或干脆放弃。")},
    {"en": ("Buying center; D / M / O levels",
            "Everyone with a say in an account's purchase, on three levels: D decision (general manager, "
            "chairman), M management (department heads, purchasing), O operational (users, engineers). "
            "\"D/M/O 28/20/9 d\" means rep days spent at each level. Influence is how much one person weighs."),
     "zh": ("采购中心；决策/管理/操作层（D/M/O）",
            "对采购有发言权的所有人，分三层：D决策层（总经理、董事长），M管理层（部门负责人、采购），"
            "O操作层（使用者、工程师）。“D/M/O为28/20/9天”表示在各层投入的销售人天。影响力表示一个人在决策中的分量。")},
    {"en": ("Stance scale (-1 .. 3)",
            "What a person thinks of a supplier: -1 opposes, 0 neutral, 1 supports, 2 prefers us over the "
            f"others, 3 coach. A stance counts as the step it rounds to: supports from {_n(SUPPORTS)}, prefers "
            f"from {_n(PREFERS)}, coach from {_n(COACH)}. Rep days and executive visits raise it; neglect lets "
            "it drift back. A person prefers one supplier at most."),
     "zh": ("态度量表（-1 到 3）",
            f"一个人对某供应商的看法：-1反对，0中立，1支持，2偏好我方，3教练。按四舍五入算档：{_n(SUPPORTS)}起算支持，"
            f"{_n(PREFERS)}起算偏好，{_n(COACH)}起算教练。销售人天和高层拜访能提升态度，疏于维护会回落。一个人最多偏好一家供应商。")},
    {"en": ("Coach (教练)",
            f"A person at stance {_n(COACH)} or more who not only supports us but tells us what goes on inside: "
            "rivals' stances and moves at that account, and warnings of what is coming (a personnel change, a "
            "tender) a quarter ahead."),
     "zh": ("教练",
            f"态度达到{_n(COACH)}及以上的人：不仅支持我们，还告诉我们内部情况——对手在该客户的态度和动作，"
            "并提前一个季度预警将要发生的事（人事变动、招标）。")},
    {"en": ("Personal and company ties",
            "A stance has two parts: the personal tie our account's rep holds (it leaves when the rep leaves) "
            "and the company-to-company tie (executive visits, teams) that stays."),
     "zh": ("个人关系与组织关系",
            "态度分两部分：负责销售的个人关系（销售离职就带走）和公司之间的组织关系（高层拜访、团队），后者留得住。")},
    {"en": ("Iron-triangle team (铁三角)",
            "An account manager, a solution manager and a delivery manager working one account together "
            "instead of a lone salesperson: personal ties become company ties and the account's needs are met."),
     "zh": ("铁三角团队",
            "客户经理、方案经理、交付经理共同经营一个客户，而不是一个销售单打独斗：个人关系变成组织关系，客户需求得到满足。")},
    {"en": ("Share (of wallet)",
            "The part of an account's purchases it buys from us. It moves each quarter with how our offer "
            "(price, quality, service, customisation, relationships) compares with the rivals'; a tender moves "
            "a block of it at once, decided by the buying committee's stances."),
     "zh": ("份额（钱包份额）",
            "客户采购中向我们购买的比例。每个季度随我方方案（价格、质量、服务、定制、关系）与对手的比较而变；"
            "招标会一次性转移一大块，由采购委员会的态度决定。")},
    {"en": ("Tender",
            "The account puts part of its volume out to bid. The committee votes by stance, weighted by "
            "influence; the chair (often the general manager) counts most. Build support before it, not during."),
     "zh": ("招标",
            "客户把部分采购量拿出来招标。委员会按态度投票，按影响力加权；主持人（通常是总经理）分量最重。要在招标之前建立支持，而不是临时抱佛脚。")},
    {"en": ("Rivals' doctrines",
            "How a rival plays. Defender: holds its accounts, answers losses with price cuts. Flank: takes "
            "undefended niches where the leaders are slow. Blitz: a sudden attack on one key account, often "
            "after a personnel change. Poaching: a rep leaves and takes accounts to a spin-off. Concentration: "
            "all in on the decisive account, shrinking the rest."),
     "zh": ("对手打法",
            "对手怎么打。防守：守住现有客户，丢份额就降价。侧翼：抢占大厂反应慢、无人防守的细分市场。"
            "闪击：突袭一个关键客户，常在人事变动之后。挖角：销售离职带走客户另起炉灶。集中：全力投入决定性客户，收缩其他业务。")},
    {"en": ("Process score and the scorecard",
            "The score (0-100) is a balanced scorecard of four parts. Financial: profit against the target, "
            "cash never negative. Customer: share grown, satisfaction, platinum accounts kept. Internal process: "
            "where the business is, supporters (stance 1+) at every level of the buying center and how much of "
            "the support is company ties. Learning & growth: reps' morale, skill and how many stayed."),
     "zh": ("流程得分与平衡计分卡",
            "得分（0-100）是四部分的平衡计分卡。财务：利润对比目标，现金不为负。客户：份额增长、满意度、守住的A类客户。"
            "流程：在有生意的客户里，采购中心每一层都有支持者（态度1以上），以及支持中组织关系所占比例。"
            "学习成长：销售的士气、技能和留任。")},
    {"en": ("Hidden needs (the iceberg)",
            "About a tenth of an account's needs are stated; the rest are hidden. Working with its engineers, "
            "solution work or a coach reveals them, and meeting them wins what a price cut cannot."),
     "zh": ("隐性需求（冰山）",
            "客户说出来的需求只占一成左右，其余是隐性的。与工程师深入合作、方案投入或教练能发现它们，满足它们能赢得降价赢不来的生意。")},
)


def glossary_html(lang: str) -> str:
    """The glossary as the help text box shows it."""
    rows = []
    for entry in TERMS:
        term, text = entry.get(lang, entry["en"])
        rows.append(f"<b>{html.escape(term, quote=False)}</b><br>{html.escape(text, quote=False)}")
    return "<br><br>".join(rows)
