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
from typing import Any, Literal

from pydantic import Field

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
                           "shorthand: a level's share goes to its people by what a day pays as far as the side "
                           "knows (influence times room to move), split for the largest gain."),
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
          {"en": "Service / technical support units delivered on site: keep satisfaction up (especially after a quality incident) and count as technical exchanges.",
           "zh": "现场服务与技术支持单位：保持满意度（质量事故后尤其重要），也算技术交流。"},
          unit_cost="side_service_unit_cost", capacity="side_service_capacity",
          description="Service / technical support units per account.",
          plan_description="Share of service capacity per account."),
    Lever("price_cut", "cut", "account", "amount", "price_cut", "fraction",
          {"en": "Price cut", "zh": "降价"},
          {"en": "Price concession on this account: wins share on price, costs margin. Price alone does not win a tender.",
           "zh": "对该客户让价：靠价格赢份额，但侵蚀利润。单靠价格赢不了招标。"},
          bound="side_max_price_cut",
          description="Price concession per account (0.1 = 10% off).",
          plan_description="Price concession per account."),
    Lever("solution", "solution", "account", "amount", "solution", "money",
          {"en": "Solution work", "zh": "方案投入"},
          {"en": "Money invested in customised solutions: raises customisation value and uncovers hidden needs.",
           "zh": "定制化方案投入：提升定制价值，发现隐性需求。"},
          unit_cost="money",
          description="Solution / customisation investment per account (money).",
          plan_description="Solution / customisation investment per account (money per turn)."),
    Lever("pay_plan", "pay", "side", "choice", "pay_plan", "choice",
          {"en": "Pay plan", "zh": "薪酬方案"},
          {"en": "Commission: more effort, less loyalty. Balanced scorecard: teamwork and loyalty. Salary: stable, less effort.",
           "zh": "高提成：更卖力，但忠诚度低。平衡计分卡：协作与忠诚。固定薪资：稳定，但投入少。"},
          choices=("commission", "balanced", "salary"),
          description="New pay plan; None keeps the current one.",
          plan_description="Pay plan to switch to (commission, balanced or salary)."),
    Lever("training", "training", "side", "amount", "training", "money",
          {"en": "Training", "zh": "培训"},
          {"en": "Training budget: raises skill and morale.", "zh": "培训预算：提升技能和士气。"},
          unit_cost="money",
          description="Training budget this turn (money).", plan_description="Training budget per turn (money)."),
    Lever("quality", "quality", "side", "amount", "quality", "money",
          {"en": "Quality programme", "zh": "质量改进"},
          {"en": "Quality programme budget: fewer incidents, better quality score.",
           "zh": "质量改进预算：减少质量事故，提高质量得分。"},
          unit_cost="money",
          description="Quality programme budget this turn (money).",
          plan_description="Quality programme budget per turn (money)."),
    Lever("hire", "hire", "side", "count", "hire", "count",
          {"en": "Hire reps", "zh": "招聘销售"},
          {"en": "Hire new reps (more rep days from next quarter); each is a new person, with less skill at first.",
           "zh": "招聘新销售（下季度起增加销售人天）；每人都是新人，起初技能较低。"},
          unit_cost="side_hire_cost", capacity="free_slots",
          description="Reps to hire this turn.", plan_description="Reps hired each turn of the phase (up to the free slots)."),
    Lever("teams", "teams", "account", "flag", "teams", "flag",
          {"en": "Iron-triangle team", "zh": "铁三角团队"},
          {"en": "An iron-triangle account team turns personal ties (which leave with a rep) into company ties.",
           "zh": "铁三角客户团队把个人关系（销售离职就会带走）转为公司关系。"},
          unit_cost="side_team_cost",
          description="Accounts served by an iron-triangle team this turn.",
          plan_description="Accounts given an iron-triangle team."),
    Lever("drop", "drop", "account", "flag", "drop", "flag",
          {"en": "Drop account", "zh": "放弃客户"},
          {"en": "Drop the account for good to free resources; its leaders resent it (asks to confirm).",
           "zh": "永久放弃该客户以释放资源；对方高层会不满（需要确认）。"},
          description="Accounts to drop for good.", plan_description="Accounts dropped."),
    Lever("alliance", "alliance", "side", "choice", "alliance", "choice",
          {"en": "Propose joint venture", "zh": "提议合资"},
          {"en": "Propose a joint venture: the chair must be strongly for us. Costs money if accepted.",
           "zh": "提议合资：需要对方董事长坚定支持我们。对方接受则需投入资金。"},
          description="Account to propose a joint venture to.",
          plan_description="Account to propose a joint venture to."),
    Lever("intelligence", "intel", "account", "flag", "intelligence", "flag",
          {"en": "Market intelligence", "zh": "市场情报"},
          {"en": "Market intelligence: see rivals' stances and moves at this account for one quarter.",
           "zh": "市场情报：一个季度内看到对手在该客户处的立场和动向。"},
          unit_cost="side_intel_cost",
          description="Accounts to buy market intelligence on.",
          plan_description="Accounts to buy intelligence on."),
)

BY_NAME: dict[str, Lever] = {lv.name: lv for lv in LEVERS}
BY_ARRAY: dict[str, Lever] = {lv.array: lv for lv in LEVERS}


def model_field(lv: Lever, number: Any, description: str) -> tuple[Any, Any]:
    """A lever as a pydantic field (type, FieldInfo), with `number` the type of one amount:
    the same reach and kind give Orders its fields and a plan's PlanOrders its own."""
    if lv.kind == "flag":
        return list[str], Field(default_factory=list, description=description)
    if lv.kind == "choice":
        kind = Literal[lv.choices] if lv.choices else str  # type: ignore[valid-type]
        return kind | None, Field(None, description=description)
    if lv.per == "person":
        return dict[str, dict[str, number]], Field(default_factory=dict, description=description)
    if lv.per == "account":
        return dict[str, number], Field(default_factory=dict, description=description)
    return number, Field(0, description=description)
