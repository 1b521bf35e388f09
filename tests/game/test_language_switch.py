"""中文 everywhere: F2 (or the menu) switches language on any screen, mid-game too, on the
same dice; industries, doctrines and hires are translated."""
from __future__ import annotations

import pygame

from game.i18n import EN, ZH, industry
from tests.game.game_helpers import start_tutorial


def test_f2_mid_game_switches_to_chinese_and_keeps_the_game(app, drv):
    plan = start_tutorial(drv)
    drv.click("end_turn")
    drv.wait_for("resolution")
    before = app.session.match.state_hash()
    drv.key(pygame.K_F2)
    drv.tick()
    assert app.lang == "zh" and app.session.lang == "zh"
    assert app.session.match.state_hash() == before          # same game, same dice
    assert drv.scene.report is app.session.report             # the open screen reads the new words
    assert not drv.scene.report.shares[0].name.isascii()
    assert any("华鑫" in s or "季度" in s for s in app.text.rendered)
    drv.key(pygame.K_RETURN)
    drv.wait_for("planning")
    drv.key(pygame.K_F2)
    drv.tick()
    assert app.lang == "en" and app.session.match.turn == 1


def test_industries_and_doctrines_have_chinese_words():
    for name in ("steel", "refractories", "power", "glass"):
        assert industry("zh", name) != name
    assert industry("zh", "an industry nobody wrote down") == "an industry nobody wrote down"
    docs = [k for k in EN if k.startswith("doc_")]
    assert docs and all(ZH[k] != EN[k] for k in docs)


def test_a_quarters_relationships_read_with_chinese_punctuation(app, drv):
    """Who moved and why, in Chinese: （）, ：and ，, not the English marks."""
    start_tutorial(drv)
    first = drv.scene.cards()[0].person.id
    drv.click_slider(drv.scene.w[f"acct_days_{first}"], 2)
    drv.click("end_turn")
    drv.wait_for("resolution")
    drv.key(pygame.K_F2)
    drv.tick()
    html = drv.scene.stances_html()
    text = "".join(part.split(">")[-1] for part in html.split("<"))  # the words, without the markup
    assert "（决策层）" in text and "）：" in text and "，" in text, text
    assert not any(mark in text for mark in "(),:"), text


def test_the_planning_screen_labels_the_pay_plan_with_a_chinese_colon(app, drv):
    start_tutorial(drv)
    drv.key(pygame.K_F2)
    drv.tick()
    assert any(s.startswith(ZH["pay_plan"] + "：") for s in app.text.rendered), sorted(app.text.rendered)[:20]
    assert not any(s.startswith(ZH["pay_plan"] + ":") for s in app.text.rendered)
