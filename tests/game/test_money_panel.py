"""The results screen's money panel books the cost to serve on a line of its own, in the
player's language, where the case charges it (the tutorial: Lanting Glass, a C account)."""
from __future__ import annotations

import pygame
from game_helpers import region_colours, start_tutorial

from engine.money import money


def test_the_results_screen_shows_the_cost_to_serve_line(drv, app):
    start_tutorial(drv)
    drv.click("end_turn")
    drv.wait_for("resolution")
    scene = drv.scene
    m = scene.report.money
    assert m["serve"] > 0, "the tutorial charges a cost to serve for Lanting Glass"
    drv.tick()
    assert "Cost to serve" in app.text.rendered
    assert money(-m["serve"], "M¥", "en", signed=True) in app.text.rendered
    # the panel's last line (receivables) still fits inside the panel
    from game.scenes.resolution import MONEY
    bottom = pygame.Rect(MONEY.x + 4, MONEY.bottom - 6, MONEY.width - 8, 4)
    assert region_colours(app, bottom) == 1, "nothing spills onto the panel's bottom edge"
    app.set_lang("zh")
    drv.tick(2)
    assert "客户服务成本" in app.text.rendered
    assert money(-m["serve"], "M¥", "zh", signed=True) in app.text.rendered
