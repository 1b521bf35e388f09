"""Money as each language writes it: the one declaration every screen and report uses.

Amounts in the engine are in the scenario's `money_unit`. For the usual unit, millions of
yuan ("M¥"), each language gets the form its readers use in business:

- English: "¥12.34M" (the currency sign before, the millions after, as in an annual report);
- Chinese: "1234万元". Chinese counts large sums in 万 (ten thousand) and 亿 (a hundred
  million), not in millions: a trainee reads "1234万元" at a glance but has to convert
  "12.34 M¥" (百万 is an accountant's unit), and the shipped scenarios' Chinese texts already
  say "1000万元". From 1亿 on: "1.23亿元".

Both keep the same precision (0.01 M = 1万). A scenario with another unit keeps its own
label after the number ("12.34 M€") in both languages.
"""
from __future__ import annotations

MILLION_YUAN = "M¥"


def money(x: float, unit: str = MILLION_YUAN, lang: str = "en", signed: bool = False) -> str:
    """One amount, with its currency, in the language's form."""
    sign = "-" if x < 0 and round(abs(x), 2) > 0 else ("+" if signed else "")
    v = abs(float(x))
    if unit != MILLION_YUAN:
        return f"{sign}{v:,.2f} {unit}".strip()
    if lang == "zh":
        wan = int(v * 100 + 0.5)
        if wan >= 10000:
            return f"{sign}{wan / 10000:.2f}亿元"
        return f"{sign}{wan}万元"
    return f"{sign}¥{v:,.2f}M"


def money_tick(x: float, unit: str = MILLION_YUAN, lang: str = "en") -> str:
    """A chart axis label: the same form, as short as the value allows ("¥2M", "200万")."""
    if unit != MILLION_YUAN:
        return f"{x:g}"
    sign, v = ("-" if x < 0 else ""), abs(x)
    if lang == "zh":
        return f"{sign}{v / 100:g}亿" if v >= 100 else f"{sign}{v * 100:.0f}万"
    return f"{sign}¥{v:g}M"


def other_forms(lang: str) -> tuple[str, ...]:
    """Pieces of text that show money is written in another language's form (tests look
    for them on every screen)."""
    return ("M¥", "万元", "亿元") if lang == "en" else ("M¥", "¥")
