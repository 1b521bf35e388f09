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
