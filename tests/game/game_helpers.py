"""Helpers shared by the game tests (imported as a plain module: tests/game is on sys.path)."""
from __future__ import annotations

import pygame


def start_tutorial(drv, skip_guide: bool = True):
    """Title -> select -> briefing -> planning, all by mouse clicks; then the guided first
    quarter is skipped (it sits over End quarter) unless the test is about it."""
    drv.click("new")
    drv.wait_for("select")
    drv.click(drv.scene.card_rects["tutorial"])
    drv.click("start")
    drv.wait_for("briefing")
    drv.click("start")
    drv.wait_for("planning")
    if skip_guide:
        drv.click("guide_skip")
        assert not drv.scene.coach.active
    return drv.scene


def debrief_after_empty_quarters(app):
    """Play the game's remaining quarters with empty orders and open the debrief (its scene)."""
    from engine import Orders
    from game.scenes.debrief import DebriefScene
    s = app.session
    while not s.done:
        s.end_turn(Orders())
    app.stack.reset(DebriefScene(app))
    return app.stack.top


def fresh_frame(app) -> list:
    """What one frame draws with every scene on the stack repainted (draw.RECORD's records)."""
    from game.widgets import draw as d
    d.RECORD = []
    try:
        for scene in app.stack.scenes:
            if hasattr(scene, "dirty"):
                scene.dirty = True
        app.tick(dt=1 / 60)
        return d.RECORD
    finally:
        d.RECORD = None


def pixel(app, pos) -> tuple[int, int, int]:
    return tuple(app.screen.get_at((int(pos[0]), int(pos[1]))))[:3]


def close(c1, c2, tol: int = 12) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(c1, c2))


def region_colours(app, rect: pygame.Rect) -> int:
    """How many distinct colours a screen region has (1 = blank)."""
    sub = app.screen.subsurface(rect.clip(app.screen.get_rect()))
    return len({tuple(sub.get_at((x, y)))[:3] for x in range(0, sub.get_width(), 2)
                for y in range(0, sub.get_height(), 2)})
