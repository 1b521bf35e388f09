"""A scenario text's paragraphs and bullets (engine/scenario/prose.py), read once for the
window game's briefing and a class page's."""
from __future__ import annotations

from engine import text_blocks


def test_paragraphs_and_bullets_with_wrapped_lines():
    text = "Intro line\ngoes on.\n- first item\n  wraps here\n* second\n\nClosing."
    assert text_blocks(text) == [[(False, "Intro line goes on."), (True, "first item wraps here"), (True, "second")],
                                 [(False, "Closing.")]]


def test_chinese_lines_join_without_a_space():
    assert text_blocks("- 华信钢铁：采购由总经理拍板，\n  第4季度将有一次招标。") == [
        [(True, "华信钢铁：采购由总经理拍板，第4季度将有一次招标。")]]


def test_empty_text_has_no_blocks():
    assert text_blocks("  \n\n") == []
