"""A whole tutorial game, title to debrief, played with mouse clicks on the real widgets.

Asserts on rendered frames (stance chip colours, account names drawn, charts not blank)
and on the match (orders applied, turns advanced, autosaves written).
"""
from __future__ import annotations

import json

import pygame
from game_helpers import close, pixel, region_colours, start_tutorial

from game import theme as th
from game.saves import list_saves


def test_whole_tutorial_by_mouse(app, drv, save_dir):
    # ---------------------------------------------------------------- title and select
    assert drv.scene.name == "title"
    assert region_colours(app, pygame.Rect(0, 0, 1280, 270)) > 3          # title drawn, not blank
    plan = start_tutorial(drv)
    s = app.session
    assert s.scenario.id == "tutorial" and s.match.turn == 0

    # ---------------------------------------------------------------- planning, frame checks
    drv.tick()
    names = [a.name for a in s.obs.accounts]
    assert names == ["Huaxin Steel", "Eastern Cement", "Lanting Glass"]
    for n in names:
        assert n in app.text.rendered                                       # the names were drawn ...
    for aid, r in plan.card_rects.items():
        assert region_colours(app, pygame.Rect(r.x + 40, r.y + 4, 140, 24)) > 3   # ... on their cards
    gm = s.obs.account("huaxin").stakeholders[0]
    chip = plan.chip_rects[("huaxin", "gm")]
    assert close(pixel(app, (chip.x + 4, chip.centery)), th.stance_colour(gm.stance))
    purchasing = plan.chip_rects[("huaxin", "purchasing")]
    assert close(pixel(app, (purchasing.x + 4, purchasing.centery)), th.stance_colour(2.0))
    assert pixel(app, (chip.x + 4, chip.centery)) != pixel(app, (purchasing.x + 4, purchasing.centery))

    # ---------------------------------------------------------------- levers by mouse, person by person
    assert [c.person.id for c in plan.cards()] == ["gm", "purchasing", "engineer"]
    assert "acct_visit_engineer_plus" not in plan.w                         # operational: no executive visits
    drv.click_slider(plan.w["acct_days_gm"], 4)                             # 4 x 5 days to the general manager
    drv.click_slider(plan.w["acct_days_purchasing"], 2)
    drv.click("acct_visit_gm_plus")
    drv.click("acct_team")
    assert plan.form.days["huaxin"] == {"gm": 20, "purchasing": 10, "engineer": 0}
    assert plan.form.visits["huaxin"] == {"gm": 1, "purchasing": 0}
    assert "huaxin" in plan.form.teams
    drv.tick()
    assert {"20 d", "10 d", "Rep days: 30", "Exec visits: 1"} <= app.text.rendered   # on the cards and above them
    drv.click(plan.card_rects["eastern"])
    assert plan.selected == "eastern"
    drv.click_slider(plan.w["acct_service"], 3)
    drv.click_slider(plan.w["acct_solution"], 4)                            # 4 x 0.05 M¥
    drv.click_slider(plan.w["acct_days_operator"], 2)
    drv.click("pay_salary")
    drv.click("pay_balanced")
    assert plan.form.service["eastern"] == 3
    assert abs(plan.form.solution["eastern"] - 0.2) < 1e-9
    # live remaining capacity follows the levers
    m = plan.form.meters()
    assert m["days"].used == 40 and m["visits"].used == 1 and m["service"].used == 3
    assert f"{m['days'].left:.0f} of {m['days'].capacity:.0f} left" in app.text.rendered
    assert not plan.problems and plan.w["end_turn"].is_enabled

    # ---------------------------------------------------------------- end quarter 1
    drv.click("end_turn")
    drv.wait_for("resolution")
    assert s.match.turn == 1
    mine = s.match.orders_log[0][s.match.player]
    assert mine["rep_days"] == {"huaxin": {"gm": 20, "purchasing": 10}, "eastern": {"operator": 10}}
    assert mine["exec_visits"] == {"huaxin": {"gm": 1}}
    assert mine["service"] == {"eastern": 3} and mine["teams"] == ["huaxin"]
    # the report explains the gm's move by our effort and the executive visit
    gm_move = next(c for c in s.report.stances if c.account == "huaxin" and c.stakeholder == "gm")
    assert gm_move.causes["rep_effort"] > 0 and gm_move.causes["exec_visits"] > 0
    drv.tick()
    assert "Huaxin Steel" in app.text.rendered
    assert region_colours(app, drv.scene.share_rects["huaxin"]) > 5
    # the share change is shown with its recorded cause, the stance change with its causes
    change = next(c for c in s.report.shares if c.account == "eastern")
    v, k = max(((v, k) for k, v in change.causes.items() if abs(v) >= 0.0005), key=lambda x: abs(x[0]))
    assert f"{app.t('cause_' + k)} {v * 100:+.1f}" in app.text.rendered
    assert "rep effort" in drv.scene.w["stances"].html_text and "Wang Jianguo" in drv.scene.w["stances"].html_text
    # autosaved after the turn, atomically (no temporary file left behind)
    saves = list_saves(save_dir)
    assert [x.turn for x in saves] == [1] and saves[0].ok
    assert not list(save_dir.glob("*.tmp"))

    # ---------------------------------------------------------------- quarters 2..6
    while not s.done:
        drv.click("continue")
        drv.wait_for("planning")
        plan = drv.scene
        assert plan.form.days["huaxin"]["gm"] == 20                          # last quarter's plan kept
        if plan.problems:                                                    # a rep left: fewer days
            drv.click("reset")
            plan = drv.scene
        turn = s.match.turn
        drv.click("end_turn")
        drv.wait_for("resolution")
        assert s.match.turn == turn + 1
    assert s.match.turn == 6
    assert json.loads(saves[0].path.read_text())["turn"] == 6

    # ---------------------------------------------------------------- debrief
    drv.click("continue")
    drv.wait_for("debrief")
    deb = drv.scene
    drv.tick()
    assert "Balanced scorecard" in app.text.rendered
    for tab in ("charts", "why", "lessons", "results"):
        drv.click(f"tab_{tab}")
        assert deb.tab == tab
        if tab == "charts":
            assert region_colours(app, pygame.Rect(20, 160, 600, 200)) > 6   # lines drawn
    assert len(deb.debrief.explanations) == 3
    drv.click("to_title")
    drv.wait_for("title")
    assert app.session is None
    assert drv.scene.w["continue"].is_enabled


def test_keyboard_only_quarter(app, drv):
    drv.key(pygame.K_n)
    drv.wait_for("select")
    ids = [e.id for e in drv.scene.entries]
    for _ in range(ids.index("tutorial")):
        drv.key(pygame.K_DOWN)
    drv.key(pygame.K_RETURN)
    drv.wait_for("briefing")
    drv.key(pygame.K_RETURN)
    drv.wait_for("planning")
    plan = drv.scene
    assert plan.coach.active                                               # the guide is on: keys still reach the plan
    drv.key(pygame.K_3)
    assert plan.selected == "lanting"
    drv.key(pygame.K_PAGEUP)
    assert plan.selected == "eastern"
    drv.key(pygame.K_PAGEDOWN)
    drv.key(pygame.K_PAGEDOWN)
    assert plan.selected == "huaxin"                                       # round the portfolio
    drv.key(pygame.K_F1)
    drv.wait_for("help")
    drv.key(pygame.K_ESCAPE)
    drv.wait_for("planning")
    drv.key(pygame.K_ESCAPE)                                               # the first Esc skips the guide ...
    assert not plan.coach.active and drv.scene.name == "planning"
    drv.key(pygame.K_ESCAPE)                                               # ... then Esc is the menu again
    drv.wait_for("menu")
    drv.key(pygame.K_ESCAPE)
    drv.wait_for("planning")
    drv.key(pygame.K_RETURN)
    drv.wait_for("resolution")
    assert app.session.match.turn == 1
    drv.key(pygame.K_RETURN)
    drv.wait_for("planning")
