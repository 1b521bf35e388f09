"""The one registry of recorded causes of change, so every report, debrief and screen
says why something moved in the same words.

Every stance and share change is stored split by cause (arrays whose last axis is one
of the tuples below); the parts add up exactly to the change. `CAUSES` gives each cause
its trainee-facing label in English and Chinese and what it touches ("stance", "share"
or "utility"), so the UI, the CLI and the debrief never invent their own wording.
The tuple order is the array layout the rules index by name: add new causes at the end.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cause:
    id: str
    touches: str          # "stance", "share" or "utility" (a part of an account's choice)
    en: str               # short label for a trainee (a badge, a table cell)
    zh: str

    def label(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en


_STANCE = (
    Cause("rep_effort", "stance", "rep effort", "销售投入"),
    Cause("exec_visits", "stance", "executive visits", "高层拜访"),
    Cause("exchanges", "stance", "technical exchanges", "技术交流"),
    Cause("satisfaction", "stance", "satisfaction", "满意度"),
    Cause("decay", "stance", "ties fading", "关系淡化"),
    Cause("events", "stance", "event", "事件"),
    Cause("rivalry", "stance", "rivals' courting", "对手争取"),
    Cause("limit", "stance", "scale cap", "量表上限"),
    Cause("rep_left", "stance", "our rep left", "我方销售离职"),
)
_UTILITY = (
    Cause("price", "utility", "price", "价格"),
    Cause("quality", "utility", "quality and satisfaction", "质量与满意度"),
    Cause("service", "utility", "service", "服务"),
    Cause("customisation", "utility", "customised solutions", "定制方案"),
    Cause("relationship", "utility", "relationships in the buying center", "采购中心关系"),
    Cause("incumbency", "utility", "switching costs (incumbency)", "转换成本（在位优势）"),
    Cause("alliance", "utility", "the joint venture", "合资"),
    Cause("luck", "utility", "luck", "运气"),
)
_SHARE = (
    Cause("competition", "share", "day-to-day buying", "日常采购"),
    Cause("tender", "share", "tender", "招标"),
    Cause("rep_left", "share", "rep left", "销售离职"),
    Cause("capacity", "share", "we could not deliver", "我方供货不足"),
    Cause("shortfall_gain", "share", "a rival could not deliver", "对手供货不足"),
    Cause("followers", "share", "followers of the industry leader", "行业龙头带动"),
    Cause("dropped", "share", "dropped", "放弃"),
)

STANCE_CAUSES = tuple(c.id for c in _STANCE)
UTILITY_PARTS = tuple(c.id for c in _UTILITY)
SHARE_CAUSES = tuple(c.id for c in _SHARE)

# (touches, id) -> Cause: "rep_left" is both a stance and a share cause.
CAUSES: dict[tuple[str, str], Cause] = {(c.touches, c.id): c for c in _STANCE + _UTILITY + _SHARE}


def label(touches: str, cause: str, lang: str = "en") -> str:
    """A cause's words for a trainee; an unknown id is shown as itself (never a crash)."""
    c = CAUSES.get((touches, cause))
    return c.label(lang) if c else cause
