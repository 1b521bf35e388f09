"""The scenario list's side panel names every key account it has room for, and counts the
rest on a last line (it stopped at eight, so Internal Collapse's ten read as eight)."""
from __future__ import annotations

import pygame

from engine import load_scenario, text_of


def _panel_for(app, drv, case: str) -> set[str]:
    drv.click("new")
    drv.wait_for("select")
    drv.click(drv.scene.card_rects[case])
    drv.tick(2)
    return app.text.rendered


def test_every_account_of_the_largest_case_is_named(app, drv):
    shown = _panel_for(app, drv, "internal_collapse")
    names = [text_of(a.name, "en") for a in load_scenario("internal_collapse").accounts]
    assert len(names) == 10 and all(n in shown for n in names), [n for n in names if n not in shown]
    assert not any(x.startswith("…") for x in shown)


def test_accounts_beyond_the_panel_are_counted_not_dropped(app, drv, monkeypatch):
    """A panel with room for fewer rows (a trainer's case with many accounts, or a small
    window) ends with '… and N more' instead of leaving them out silently."""
    import game.widgets.draw as draw

    real = draw.panel
    monkeypatch.setattr(draw, "panel", lambda surface, box, *a, **k: real(surface, pygame.Rect(box.x, box.y, box.width, 380), *a, **k))
    shown = _panel_for(app, drv, "internal_collapse")
    more = [x for x in shown if x.startswith("… and ")]
    assert len(more) == 1, sorted(shown)
    n = int(more[0].split()[2])
    listed = [text_of(a.name, "en") for a in load_scenario("internal_collapse").accounts if text_of(a.name, "en") in shown]
    assert n >= 2 and len(listed) + n == 10
