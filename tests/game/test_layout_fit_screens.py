"""The screens around a game fit too: title, scenario select, briefing (star rules and
objectives), the debrief's lessons and same-dice review, the help and menu overlays and
"Run a class" — in English and Chinese, normal and presenter mode. The rules are those of
test_layout_fit (every drawn text inside its box, panel and clip, no sentence cut short,
nothing painted over other text), plus pygame_gui's own widgets: a button's or a label's
text within its width. The canvas is scaled to the window, so one rendering per case
stands for 1024x640, 1366x768 and 1920x1080 (test_layout_fit checks the pixel sizes).

Money appears in one form per language on every one of these screens and on the game's
own (planning, results, debrief): never "M¥", never the other language's form.
"""
from __future__ import annotations

import pytest
from game_helpers import debrief_after_empty_quarters, fresh_frame
from test_layout_fit import LANGS, overlaps_of, problems_of

from engine.money import other_forms as other_forms_of_money

MODES = ("normal", "presenter")


def widget_texts(scene) -> list[tuple[str, object]]:
    """(text, widget) of every pygame_gui element the scene holds."""
    out = []
    for w in scene.w.values():
        for attr in ("text", "html_text"):
            s = getattr(w, attr, None)
            if isinstance(s, str) and s:
                out.append((s, w))
    return out


def widget_problems(ui) -> list[str]:
    """Every button and label on show (named or not): its text within its width, and its
    line within its height (a few pixels of the line's spacing may go)."""
    import pygame_gui

    out = []
    for w in ui.get_sprite_group().sprites():
        if not getattr(w, "visible", True) or not w.alive():
            continue
        if isinstance(w, (pygame_gui.elements.UIButton, pygame_gui.elements.UILabel)) and w.text:
            tw, th_ = w.font.size(w.text)
            if tw > w.rect.width - 6:
                out.append(f"{type(w).__name__} {w.text!r}: {tw} px in {w.rect.width}")
            if th_ > w.rect.height + 4:
                out.append(f"{type(w).__name__} {w.text!r}: {th_} px high in {w.rect.height}")
    return out


@pytest.fixture(scope="module")
def screens(tmp_path_factory):
    """(mode, lang) -> [(screen, records, problems, texts, names)]."""
    import os

    os.environ["KAW_SAVE_DIR"] = str(tmp_path_factory.mktemp("saves"))

    from game.app import App
    from game.scenes.overlays import HelpScene, MenuScene
    from game.scenes.planning import PlanningScene
    from game.scenes.run_class import ClassScene
    from game.scenes.select import SelectScene
    from game.widgets import draw as d

    app = App(seed=3)
    out = {}

    def grab(name):
        recs = fresh_frame(app)
        texts = [r.shown for r in recs if r.kind != "panel"]
        probs = widget_problems(app.ui)
        for sc in app.stack.scenes[-1:]:
            texts += [s for s, _ in widget_texts(sc)]
        return name, recs, probs, texts

    def names_now() -> set[str]:
        """Names, which may lose their middle: scenarios, companies, people, strategies."""
        from engine import load_scenario, shipped, text_of

        out = {text_of(load_scenario(sid).title, app.lang) for sid in shipped()}
        s = app.session
        if s is not None:
            obs = s.obs
            out |= {a.name for a in obs.accounts} | {r.name for r in obs.rivals} | {obs.side_name}
            out |= {p.name for a in obs.accounts for p in a.stakeholders}
            review = getattr(app.stack.top, "review", None)
            out |= {line.name for line in getattr(review, "references", ())}
        return out

    try:
        for mode in MODES:
            app.set_presenter(mode == "presenter")
            for lang in LANGS:
                app.set_lang(lang)
                app.session = None
                app.to_title()
                got = [grab("title")]
                app.stack.push(MenuScene(app))
                got.append(grab("menu"))
                app.stack.pop()
                app.stack.push(HelpScene(app))
                got.append(grab("help"))
                app.stack.pop()
                app.stack.push(ClassScene(app))
                got.append(grab("run a class"))
                app.stack.pop()
                app.stack.push(SelectScene(app))
                got.append(grab("select"))
                app.new_game("tutorial")
                got.append(grab("briefing"))
                app.stack.reset(PlanningScene(app))
                plan = app.stack.top
                plan.form.spread_evenly()
                plan.build_account_levers()
                plan.changed()
                got.append(grab("planning"))
                plan.end_turn()
                got.append(grab("results"))
                deb = debrief_after_empty_quarters(app)
                for tab in ("results", "lessons", "review"):
                    deb.show(tab)
                    got.append(grab("debrief " + tab))
                names = frozenset(names_now())
                out[mode, lang] = [g + (names,) for g in got]
    finally:
        d.RECORD = None
        app.session = None
        app.ui.clear_and_reset()
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("mode", MODES)
def test_every_text_fits_on_the_screens_around_a_game(screens, mode, lang):
    bad = []
    for screen, recs, probs, _, names in screens[mode, lang]:
        bad += [f"[{screen}] {p}" for p in problems_of(recs, names) + overlaps_of(recs) + probs]
    assert not bad, f"{len(bad)} texts do not fit ({mode}, {lang}):\n" + "\n".join(bad[:60])


@pytest.mark.parametrize("lang", LANGS)
def test_money_is_written_one_way_per_language(screens, lang):
    forms = other_forms_of_money(lang)
    seen = []
    for mode in MODES:
        for screen, _, _, texts, _ in screens[mode, lang]:
            seen += [(screen, t) for t in texts if any(f in t for f in forms)]
    assert not seen, f"money written in another form ({lang}): {seen[:10]}"
    want = "¥" if lang == "en" else "万元"
    assert any(want in t for mode in MODES for _, _, _, texts, _ in screens[mode, lang] for t in texts)


def test_the_window_opens_within_a_smaller_desktop():
    """On a screen smaller than the 1280x720 canvas the window opens scaled down (the
    canvas keeps its layout; SDL scales it): nothing runs off the screen's edge."""
    from game.app import fitted_window
    assert fitted_window((1280, 720), (1920, 1080)) is None
    w, h = fitted_window((1280, 720), (1024, 640))
    assert w <= 1024 and h <= 640 - 64 and abs(w / h - 1280 / 720) < 0.01
    w, h = fitted_window((1280, 720), (1366, 768))
    assert h <= 768 - 64 and w <= 1366
