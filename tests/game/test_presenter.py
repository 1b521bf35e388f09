"""Presenter mode: F3 on any screen (or the title's toggle) draws every text larger,
keeps what is on the screen (a half-made plan too), and is remembered for the next run."""
from __future__ import annotations

import pygame
from game_helpers import fresh_frame, start_tutorial


def drawn_sizes(app) -> dict[str, int]:
    return {r.text: r.size for r in fresh_frame(app) if r.kind != "panel"}


def test_f3_makes_the_type_larger_keeps_the_plan_and_is_remembered(drv, app, save_dir):
    from game.app import App
    from game.theme import PRESENTER_SCALE

    plan = start_tutorial(drv)
    plan.form.spread_evenly()
    plan.changed()
    days = dict(plan.form.days["huaxin"])
    before = drawn_sizes(app)
    drv.key(pygame.K_F3)
    assert app.presenter and app.stack.top is plan
    after = drawn_sizes(app)
    common = [t for t in before if t in after]
    assert common and all(after[t] >= before[t] for t in common)
    assert sum(after[t] > before[t] for t in common) > len(common) // 2, "most text is larger"
    assert plan.form.days["huaxin"] == days, "the plan survives the switch"
    assert app.ui.get_theme().get_font_dictionary().check_font_preloaded(
        f"kaw_regular_aa_{round(16 * PRESENTER_SCALE)}")
    assert (save_dir / "settings.json").is_file()

    again = App(seed=1)                           # the next run starts in presenter mode
    try:
        assert again.presenter and again.fonts.scale == PRESENTER_SCALE
        assert again.stack.top.w["presenter"].is_selected
    finally:
        again.ui.clear_and_reset()
    drv.key(pygame.K_F3)
    assert not app.presenter and drawn_sizes(app) == before


def test_the_title_toggle_switches_presenter_mode(drv, app):
    drv.click("presenter")
    assert app.presenter and app.stack.top.w["presenter"].is_selected
    drv.click("presenter")
    assert not app.presenter


def test_a_broken_settings_file_means_the_defaults(save_dir):
    from game import settings

    save_dir.mkdir(parents=True, exist_ok=True)
    (save_dir / "settings.json").write_text("{not json", encoding="utf-8")
    assert settings.load() == settings.Settings()
    (save_dir / "settings.json").write_text('{"presenter": "yes"}', encoding="utf-8")
    assert settings.load().presenter is False
