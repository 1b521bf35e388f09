"""Why orders are refused, as values a front end can word in the player's language.

An `OrderProblem` is a string (its English wording, so logs, tests and the CLI read it as
before) that also carries what it is about: the lever, the account and person, a code,
and the numbers. The window and the classroom word it with `text(lang)`.
"""
from __future__ import annotations

from .money import MILLION_YUAN, money

MESSAGES: dict[str, dict[str, str]] = {
    "unknown_account": {"en": "unknown account '{got}' (known: {known})",
                        "zh": "未知客户“{got}”（可选：{known}）"},
    "dropped": {"en": "account was dropped; it takes no more orders",
                "zh": "该客户已放弃，不再接受指令"},
    "dropping": {"en": "account is dropped this quarter (drop); orders for it would be wasted",
                 "zh": "该客户本季度放弃（drop），对其下达的指令会白白浪费"},
    "unknown_person": {"en": "nobody called '{got}' at this account{hint} (there: {known})",
                       "zh": "该客户处没有“{got}”{hint}（现有：{known}）"},
    "wrong_level": {"en": "executives visit management or decision level only",
                    "zh": "高层只拜访管理层或决策层"},
    "not_a_number": {"en": "must be a number (got {got})", "zh": "必须是数字（收到 {got}）"},
    "negative": {"en": "must be zero or more (got {got})", "zh": "不能为负（收到 {got}）"},
    "too_high": {"en": "must be at most {limit} (got {got})", "zh": "最多 {limit}（收到 {got}）"},
    "not_entered": {"en": "has not entered the market yet; it gives orders once it has",
                    "zh": "尚未进入市场；进入后才能下达指令"},
    "over_capacity": {"en": "{used} {unit} allocated but only {limit} available",
                      "zh": "已分配 {used} {unit}，但只有 {limit} 可用"},
    "over_visits": {"en": "{used} visits planned but only {limit} available",
                    "zh": "计划 {used} 次拜访，但只有 {limit} 次可用"},
    "hire_slots": {"en": "at most {limit} more reps can be hired (got {got})",
                   "zh": "最多还能招聘 {limit} 人（收到 {got}）"},
    "over_budget": {"en": "orders cost {used} but only {limit} is available",
                    "zh": "指令花费 {used}，但只有 {limit} 可用"},
    "venture_own": {"en": "this side already has a joint venture with {account}",
                    "zh": "已与{account}成立合资企业"},
    "venture_taken": {"en": "{account} already has a joint venture with {partners}; it takes one partner only",
                      "zh": "{account}已与{partners}合资；只接受一个合作方"},
    "venture_closed": {"en": "{account} does not consider a joint venture, and no event of this scenario opens one",
                       "zh": "{account}不考虑合资，本情景也没有事件会促成"},
    "not_orders": {"en": "orders must be Orders or a mapping of order fields (got {got})",
                   "zh": "指令格式不对：需要 Orders 或指令字段的映射（收到 {got}）"},
    "invalid": {"en": "{got}", "zh": "{got}"},  # pydantic's own wording of a malformed field
    "unknown_side": {"en": "unknown side '{got}'", "zh": "未知的一方“{got}”"},
    "not_a_person": {"en": "side '{got}' is played by {by}, not by a person", "zh": "“{got}”由{by}控制，不由玩家操作"},
}
HINTS = {"levels": {"en": " (effort goes to people now, not levels)", "zh": "（投入要落到具体的人，而不是层级）"}}
MONEY = {"over_budget": ("used", "limit")}  # amounts worded in the language's one money form
UNITS = {"days": {"en": "days", "zh": "人天"}, "visits": {"en": "visits", "zh": "次拜访"},
         "units": {"en": "units", "zh": "单位"}}


class OrderProblem(str):
    """One reason orders are refused: the English text, plus what it is about."""

    side: str | None
    where: str
    code: str
    lever: str | None
    account: str | None
    person: str | None
    numbers: dict

    def __new__(cls, where: str, code: str, *, side: str | None = None, lever: str | None = None,
                account: str | None = None, person: str | None = None, **numbers) -> "OrderProblem":
        self = super().__new__(cls, _join(side, where, _word(code, "en", {"account": account, "person": person, **numbers})))
        self.side, self.where, self.code = side, where, code
        self.lever, self.account, self.person, self.numbers = lever, account, person, numbers
        return self

    def text(self, lang: str = "en") -> str:
        """The problem worded in `lang` (English where a wording is missing)."""
        return _join(self.side, self.where,
                     _word(self.code, lang, {"account": self.account, "person": self.person, **self.numbers}))

    def for_side(self, side: str) -> "OrderProblem":
        """The same problem, said of one side (as a batch reports every side's)."""
        return OrderProblem(self.where, self.code, side=side, lever=self.lever, account=self.account,
                            person=self.person, **self.numbers)


def _word(code: str, lang: str, numbers: dict) -> str:
    template = MESSAGES[code].get(lang) or MESSAGES[code]["en"]
    values = dict(numbers)
    if "hint" in values:
        values["hint"] = HINTS[values["hint"]][lang if lang in HINTS[values["hint"]] else "en"] if values["hint"] else ""
    for key in MONEY.get(code, ()):
        values[key] = money(float(values[key]), values.get("unit", MILLION_YUAN), lang)
    if "unit" in values and values["unit"] in UNITS:
        values["unit"] = UNITS[values["unit"]].get(lang, UNITS[values["unit"]]["en"])
    return template.format(**values)


def _join(side: str | None, where: str, text: str) -> str:
    head = ": ".join(x for x in (side, where) if x)
    return f"{head}: {text}" if head else text
