"""Chinese wraps by its own rule: no line opens with closing punctuation or ends with an
opening one, and a number stays whole (game/line_breaks.py). Checked on both wraps the
window makes, over widths from a few characters to the whole text: the theme's (text
drawn on the canvas) and pygame_gui's text boxes (the debrief, the briefing).

Before the fix the debrief's "why" tab of Flank Attack showed rows opening with "”。"
and Decisive Battle's briefing a row opening with "，每个季度…".
"""
from __future__ import annotations

import pygame
import pygame_gui
import pytest

from game.line_breaks import NO_LINE_END, NO_LINE_START, break_at_or_before, breakable

TEXT = ("对手供货不足：+0.6个百分点。决策人阎斌对我方的态度从“中立”变为“支持”。第5季度质量事故："
        "某轿车厂因漆面缺陷召回（价格+0.06、质量与满意度+0.03胜过我方）；华电开关和中兴电气在K企业内部"
        "都有深厚的政治背景，每个季度都在蚕食你的份额。")


def rule_broken(lines: list[str]) -> list[str]:
    """Each place where two consecutive lines break against the rule."""
    bad = []
    for before, after in zip(lines, lines[1:]):
        if after[:1] in NO_LINE_START or before[-1:] in NO_LINE_END or (
                before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii() and after[:1].isalnum()):
            bad.append(f"{before[-6:]} | {after[:6]}")
    return bad


def test_the_rule_itself():
    assert not breakable("支持”。", 2) and not breakable("支持”。", 3)  # before ” and 。
    assert not breakable("从“中立", 2)  # after “
    assert not breakable("+0.06", 3)  # inside a number
    assert breakable("。第", 1) and breakable("方的", 1)
    assert break_at_or_before("变为“支持”。第", 6) == 4  # not before 。 or ”: before 持
    assert break_at_or_before("变为“支持”。第", 3) == 2  # not after “: before it
    assert break_at_or_before("。。。", 2) == 2  # nothing breakable: split where asked


def test_canvas_wrap_keeps_the_rule(app):
    from game import theme as th
    for width in range(60, 900, 7):
        lines = app.text.wrap(TEXT, width, th.S_BODY)
        assert "".join(lines) == TEXT, width
        assert not rule_broken(lines), (width, rule_broken(lines))


@pytest.mark.parametrize("width", range(160, 700, 23))  # a box a few characters wide and up
def test_text_box_rows_keep_the_rule(app, width):
    box = pygame_gui.elements.UITextBox(TEXT, pygame.Rect(0, 0, width, 900), app.ui, allow_split_dashes=False)
    rows = ["".join(getattr(chunk, "text", "") or "" for chunk in row.items) for row in box.text_box_layout.layout_rows]
    box.kill()
    assert "".join(rows) == TEXT
    assert not rule_broken(rows), rule_broken(rows)


@pytest.mark.parametrize("width", range(300, 700, 17))
def test_a_bullet_stays_with_its_chinese_sentence(app, width):
    """To pygame_gui a Chinese sentence was one long word: after "• " it moved the whole
    sentence to the next row when it fit there, leaving the bullet alone (the debrief's
    review tab showed three such bullets)."""
    sentence = "构筑内部防线（文章的药方）在华阳电厂的于海身上投入205人天；你投入70人天。"
    box = pygame_gui.elements.UITextBox(f"• {sentence}<br>• {sentence}", pygame.Rect(0, 0, width, 900), app.ui,
                                        allow_split_dashes=False)
    rows = ["".join(getattr(chunk, "text", "") or "" for chunk in row.items) for row in box.text_box_layout.layout_rows]
    box.kill()
    assert not [r for r in rows if r.strip() in ("•", "")], rows
    assert not rule_broken([r for r in rows if r]), rule_broken(rows)
