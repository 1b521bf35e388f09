"""The levers of a side's orders, declared once.

Every representation of an order is derived from this table: the `Orders` a person (or a
browser) sends, the batched `OrderArrays` the rules read, the money the orders cost, the
limits they are checked against, a reference strategy's `PlanOrders` in a scenario file,
and the labels the window and the CLI show. A new lever is one row here plus the rule
that reads it; tests check every row has what it needs (labels in both languages, a
field in each derived form, a control on the planning screen).

A lever reaches a *person* (an account's stakeholder), an *account*, or the whole *side*:

- kind "amount"/"count": a number per target (rep days, visits, units, money, a cut);
- kind "flag": a list of accounts it is switched on for (teams, drop, intelligence);
- kind "choice": one value or none (a pay plan, the account to propose a venture to).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Per = Literal["person", "account", "side"]
Kind = Literal["amount", "count", "flag", "choice"]
PlanKind = Literal["share", "fraction", "money", "count", "flag", "choice"]


@dataclass(frozen=True)
class Lever:
    name: str                 # field of Orders
    array: str                # attribute of OrderArrays (what the rules read)
    per: Per
    kind: Kind
    plan: str                 # key in a reference strategy's orders (PlanOrders)
    plan_kind: PlanKind       # how a plan gives it: a share of capacity, money, a fraction...
    label: dict[str, str]
    help: dict[str, str]
    unit_cost: str | None = None   # World array of money per unit, "money" (the amount is money)
    capacity: str | None = None    # World array limiting the side's total, or "rep_days" / "free_slots"
    bound: str | None = None       # World array bounding each value (e.g. the largest price cut)
    levels: tuple[str, ...] = ()   # people it may reach (empty: anyone)
    choices: tuple[str, ...] | None = None  # kind "choice": allowed values (None: an account id)
    description: str = ""          # field description (schema, authoring guide)
    plan_description: str = ""

    @property
    def dtype(self) -> str:
        return {"amount": "float64", "count": "int64" if self.per == "side" else "float64",
                "flag": "bool", "choice": "int64"}[self.kind]

    @property
    def empty_value(self):
        return -1 if self.kind == "choice" else 0


LEVERS: tuple[Lever, ...] = (
    Lever("rep_days", "days", "person", "amount", "rep_time", "share",
          {"en": "Rep days", "zh": "销售人天"},
          {"en": "Days your reps spend with this person: personal ties grow with diminishing returns.",
           "zh": "销售人员花在此人身上的天数：私人关系随投入增长，边际递减。"},
          capacity="rep_days",
          description="Rep days per account and person in its buying center (stakeholder id).",
          plan_description="Share of rep capacity per account and person (stakeholder id), or per level as "
                           "shorthand: a level's share is split over its people by the influence the side knows."),
    Lever("exec_visits", "exec", "person", "count", "exec_visits", "count",
          {"en": "Executive visits", "zh": "高层拜访"},
          {"en": "Your executives call on this person: company-to-company ties (management and decision level only).",
           "zh": "公司高层拜访此人：建立公司对公司的关系（仅限管理层和决策层）。"},
          unit_cost="side_exec_visit_cost", capacity="side_exec_visits", levels=("management", "decision"),
          description="Executive visits per account and person (management or decision level only).",
          plan_description="Executive visits per account and person (management or decision level), or per level "
                           "as shorthand: the level's most influential person as the side knows it."),
    Lever("service", "service", "account", "amount", "service", "share",
          {"en": "Service units", "zh": "服务单位"},
          {"en": "Service and technical support delivered on site: satisfaction and technical exchanges.",
           "zh": "现场服务与技术支持：提升满意度，也是技术交流。"},
          unit_cost="side_service_unit_cost", capacity="side_service_capacity",
          description="Service / technical support units per account.",
          plan_description="Share of service capacity per account."),
    Lever("price_cut", "cut", "account", "amount", "price_cut", "fraction",
          {"en": "Price cut", "zh": "降价"},
          {"en": "Concession off your list price at this account: cheaper, and straight off your margin.",
           "zh": "对该客户的让价：更便宜，但直接侵蚀利润。"},
          bound="side_max_price_cut",
          description="Price concession per account (0.1 = 10% off).",
          plan_description="Price concession per account."),
    Lever("solution", "solution", "account", "amount", "solution", "money",
          {"en": "Solution work", "zh": "方案投入"},
          {"en": "Money for customised solutions: meets the customisation need and uncovers hidden needs.",
           "zh": "定制化方案投入：满足定制需求，发现隐性需求。"},
          unit_cost="money",
          description="Solution / customisation investment per account (money).",
          plan_description="Solution / customisation investment per account (money per turn)."),
    Lever("pay_plan", "pay", "side", "choice", "pay_plan", "choice",
          {"en": "Pay plan", "zh": "薪酬方案"},
          {"en": "Commission-heavy, balanced scorecard or salary: morale, effort, loyalty and teamwork.",
           "zh": "高提成、平衡计分卡或固定薪资：影响士气、投入、忠诚与协作。"},
          choices=("commission", "balanced", "salary"),
          description="New pay plan; None keeps the current one.",
          plan_description="Pay plan to switch to (commission, balanced or salary)."),
    Lever("training", "training", "side", "amount", "training", "money",
          {"en": "Training", "zh": "培训"},
          {"en": "Money for training: skill and morale.", "zh": "培训投入：提升技能和士气。"},
          unit_cost="money",
          description="Training budget this turn (money).", plan_description="Training budget per turn (money)."),
    Lever("quality", "quality", "side", "amount", "quality", "money",
          {"en": "Quality programme", "zh": "质量改进"},
          {"en": "Money for the quality programme: fewer incidents, a better product.",
           "zh": "质量改进投入：减少质量事故，提升产品。"},
          unit_cost="money",
          description="Quality programme budget this turn (money).",
          plan_description="Quality programme budget per turn (money)."),
    Lever("hire", "hire", "side", "count", "hire", "count",
          {"en": "Hire reps", "zh": "招聘销售"},
          {"en": "New reps join next turn's capacity; each is a new person, with less skill.",
           "zh": "新招销售人员计入产能；每人都是新人，技能较低。"},
          unit_cost="side_hire_cost", capacity="free_slots",
          description="Reps to hire this turn.", plan_description="Reps hired each turn of the phase (up to the free slots)."),
    Lever("teams", "teams", "account", "flag", "teams", "flag",
          {"en": "Iron-triangle team", "zh": "铁三角团队"},
          {"en": "Account, solution and delivery managers together: personal ties become company ties.",
           "zh": "客户经理、方案经理、交付经理协同：把个人关系转为组织关系。"},
          unit_cost="side_team_cost",
          description="Accounts served by an iron-triangle team this turn.",
          plan_description="Accounts given an iron-triangle team."),
    Lever("drop", "drop", "account", "flag", "drop", "flag",
          {"en": "Drop account", "zh": "放弃客户"},
          {"en": "Stop serving the account for good: frees resources, and its leaders resent it.",
           "zh": "永久停止服务该客户：释放资源，但对方高层会不满。"},
          description="Accounts to drop for good.", plan_description="Accounts dropped."),
    Lever("alliance", "alliance", "side", "choice", "alliance", "choice",
          {"en": "Propose joint venture", "zh": "提议合资"},
          {"en": "Propose a joint venture to this account (needs its chair's support and the stake in cash).",
           "zh": "向该客户提议合资（需要其董事长的支持和足够现金）。"},
          description="Account to propose a joint venture to.",
          plan_description="Account to propose a joint venture to."),
    Lever("intelligence", "intel", "account", "flag", "intelligence", "flag",
          {"en": "Market intelligence", "zh": "市场情报"},
          {"en": "Buy a look at rivals' moves and stances at this account for one turn.",
           "zh": "购买该客户处竞争对手动向和立场的情报（一个季度）。"},
          unit_cost="side_intel_cost",
          description="Accounts to buy market intelligence on.",
          plan_description="Accounts to buy intelligence on."),
)

BY_NAME: dict[str, Lever] = {lv.name: lv for lv in LEVERS}
BY_ARRAY: dict[str, Lever] = {lv.array: lv for lv in LEVERS}
