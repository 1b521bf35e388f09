"""The briefing's case text reads as its author wrote it, in both languages.

Scenario briefings are a little markdown: paragraphs and '- ' bullets, wrapped in the
YAML at ~90 characters. In Chinese the wrap joined two lines with a space
("跨国公司， 守住"), a bullet whose text has no space was left alone on its row ("•",
then the item on the next row), and the paragraph after a list stuck to the last bullet
with no empty line (in English too). Checked on the laid-out rows of the tutorial's
briefing, then on md_html's output for every shipped case.
"""
from __future__ import annotations

import re

import pytest

from engine import load_scenario, shipped, text_of


def _rows(box) -> list[str]:
    return ["".join(getattr(ch, "text", "") or "" for ch in row.items) for row in box.text_box_layout.layout_rows]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tutorial_briefing_rows(app, drv, lang):
    app.set_lang(lang)
    app.new_game("tutorial")
    drv.wait_for("briefing")
    rows = [r.rstrip() for r in _rows(drv.scene.w["case"])]
    # no bullet alone on its row
    assert not any(r.strip() == "•" for r in rows), rows
    # no space after a Chinese full stop or comma where the YAML line was wrapped
    assert not any(re.search(r"[，。；：] ", r) for r in rows), rows
    # the paragraph after the list ("Each quarter ..." / "每个季度 ...") follows an empty row
    start = "Each quarter" if lang == "en" else "每个季度"
    i = next(k for k, r in enumerate(rows) if r.strip().startswith(start))
    assert not rows[i - 1].strip(), rows[i - 2:i + 1]


@pytest.mark.parametrize("case", sorted(shipped()))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_briefing_keeps_paragraphs_and_cjk_joins(case, lang):
    from game.scenes.briefing import md_html

    out = md_html(text_of(load_scenario(case).briefing, lang))
    assert not re.search(r"[\u3000-\u9fff\uff00-\uffef] [\u3000-\u9fff\uff00-\uffef]", out), out
    assert "• " not in out, "a bullet is tied to its text (no break after it)"
    paragraphs = [p for p in text_of(load_scenario(case).briefing, lang).strip().split("\n\n") if p.strip()]
    assert out.count("<br><br>") == len(paragraphs) - 1, out
