"""The briefing's "who is who" list has no empty line inside an account's people.

pygame_gui starts two rows for a line break that follows text ending within the break's
4 pixels of the box's edge (game/gui_fixes.py); Internal Collapse's briefing showed an
empty line after two purchasing managers, in English. Checked on the laid-out rows of
every shipped case's briefing in both languages.
"""
from __future__ import annotations

import pytest


def _rows(box) -> list[str]:
    return ["".join(getattr(ch, "text", "") or "" for ch in row.items) for row in box.text_box_layout.layout_rows]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_people_rows_follow_each_other_without_an_empty_line(app, drv, lang):
    app.set_lang(lang)
    checked = 0
    drv.click("new")
    drv.wait_for("select")
    for case in [e.id for e in drv.scene.entries]:
        drv.wait_for("select")
        drv.click(drv.scene.card_rects[case])
        drv.click("start")
        drv.wait_for("briefing")
        rows = _rows(drv.scene.w["who"])
        for before, empty, after in zip(rows, rows[1:], rows[2:]):
            if not empty.strip():
                # an empty line only between accounts: never right before one of the people
                assert not after.startswith("  "), (case, lang, before, after)
        checked += sum(row.startswith("  ") for row in rows)
        drv.click("back")
    assert checked > 40


def test_the_chinese_briefing_uses_chinese_punctuation(app, drv):
    """Who is who, and an optional objective, read the Chinese way in Chinese (，and （）),
    the English way in English: the separators come from the language's words."""
    seen = {}
    drv.click("new")
    for lang in ("zh", "en"):
        app.set_lang(lang)
        drv.wait_for("select")
        drv.click(drv.scene.card_rects["tutorial"])
        drv.click("start")
        drv.wait_for("briefing")
        seen[lang] = ("".join(_rows(drv.scene.w["who"])), "".join(_rows(drv.scene.w["case"])))
        drv.click("back")
    who, case = seen["zh"]
    assert "王建国，总经理（经济决策者，主席）" in who and "A类，每季度" in who, who
    assert not any(mark in who for mark in ",()"), who
    assert "（可选）" in case and "(可选)" not in case
    who, case = seen["en"]
    assert "Wang Jianguo, General manager (economic buyer, chair)" in who and "(optional)" in case
