"""The planning screen from the keyboard: ←/→ move a visible focus along the levers (each
person's days and executive visits, then the account's, then the company's), ↑/↓ to the
lever above or below, Tab to the next person, +/- step the focused lever exactly as a click
on its slider arrow or +/- button does, Space flips an on/off lever; capacity problems show
as they do for the mouse; a whole quarter can be planned and ended without the mouse."""
from __future__ import annotations

import pygame
from game_helpers import close, pixel, start_tutorial

from game import theme as th
from game.scenes.planning import ACCT_LOWER, BC, CAP, COMPANY_FOCUS, LV
from game.widgets import draw as d


def focus_on(drv, key: str) -> None:
    """Walk the focus to a lever row with → only (as a player would)."""
    plan = drv.scene
    for _ in range(len(plan.focus_keys())):
        if plan.focus == key:
            return
        drv.key(pygame.K_RIGHT, frames=1)
    assert plan.focus == key


def press(drv, key: int, times: int = 1, mod: int = 0) -> None:
    for _ in range(times):
        drv.key(key, mod=mod, frames=1)


def test_focus_moves_and_plus_minus_step_the_lever(app, drv):
    plan = start_tutorial(drv)
    f, aid = plan.form, plan.selected
    assert aid == "huaxin" and plan.focus == "days:gm"               # the first person's days
    assert plan.focus_keys()[:5] == ("days:gm", "visit:gm", "days:purchasing", "visit:purchasing", "days:engineer")
    assert plan.focus_keys()[5:] == ACCT_LOWER + COMPANY_FOCUS       # the engineer is operational: no visits
    drv.key(pygame.K_RIGHT)
    assert plan.focus == "visit:gm"
    drv.key(pygame.K_RIGHT)
    assert plan.focus == "days:purchasing"
    slider = plan.w["acct_days_purchasing"]
    press(drv, pygame.K_PLUS)                                       # one slider-arrow step: 5 days
    assert f.days[aid]["purchasing"] == 5 and slider.get_current_value() == 5
    press(drv, pygame.K_KP_PLUS)
    press(drv, pygame.K_EQUALS, mod=pygame.KMOD_SHIFT)              # "+" on a US keyboard
    assert f.days[aid]["purchasing"] == 15 and slider.get_current_value() == 15
    press(drv, pygame.K_MINUS)
    press(drv, pygame.K_KP_MINUS)
    assert f.days[aid]["purchasing"] == 5 and slider.get_current_value() == 5
    press(drv, pygame.K_MINUS, 3)                                   # clamped at 0, as the ◀ arrow is
    assert f.days[aid]["purchasing"] == 0 and slider.get_current_value() == 0
    # the same step as a mouse click on the arrow
    drv.click_slider(slider, 1)
    assert f.days[aid]["purchasing"] == 5
    assert f.days[aid]["gm"] == 0 and f.days[aid]["engineer"] == 0   # nobody else's days moved
    # ↑/↓ go person to person on the same lever, then down into the account's other levers
    drv.key(pygame.K_UP)
    assert plan.focus == "days:gm"
    drv.key(pygame.K_UP)
    assert plan.focus == "days:gm"                                  # the top card: stays
    drv.key(pygame.K_RIGHT)
    drv.key(pygame.K_DOWN)
    assert plan.focus == "visit:purchasing"
    drv.key(pygame.K_DOWN)
    assert plan.focus == "days:engineer"                            # no visits to the engineer: days
    drv.key(pygame.K_DOWN)
    assert plan.focus == "service"
    drv.key(pygame.K_DOWN)
    assert plan.focus == "price"
    drv.key(pygame.K_UP)
    drv.key(pygame.K_UP)
    assert plan.focus == "days:engineer"
    # Tab / Shift+Tab: the next / previous person's days, round the buying center
    drv.key(pygame.K_TAB)
    assert plan.focus == "days:gm"
    drv.key(pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    assert plan.focus == "days:engineer"
    # ← goes back and wraps round to the last company lever
    drv.key(pygame.K_TAB)
    drv.key(pygame.K_LEFT)
    assert plan.focus == COMPANY_FOCUS[-1] == "hire"
    drv.key(pygame.K_RIGHT)
    assert plan.focus == "days:gm"
    # price cut steps 1 % and stops at the scenario's maximum, like the slider
    focus_on(drv, "price")
    press(drv, pygame.K_PLUS, 2)
    assert abs(f.price_cut[aid] - 0.02) < 1e-9 and plan.w["acct_price"].get_current_value() == 2
    press(drv, pygame.K_PLUS, 60)
    assert abs(f.price_cut[aid] - plan.obs.max_price_cut) < 1e-9
    # solution money steps 0.05
    focus_on(drv, "solution")
    press(drv, pygame.K_PLUS)
    assert abs(f.solution[aid] - 0.05) < 1e-9 and plan.w["acct_solution"].get_current_value() == 1
    # executive visits stop where the mouse's + button is disabled: none left to give
    focus_on(drv, "visit:gm")
    press(drv, pygame.K_PLUS, 4)
    assert f.visits[aid]["gm"] == plan.obs.exec_visits == 2
    assert not plan.w["acct_visit_gm_plus"].is_enabled
    assert not plan.w["acct_visit_purchasing_plus"].is_enabled      # both visits are spent
    press(drv, pygame.K_MINUS)
    assert f.visits[aid]["gm"] == 1 and plan.w["acct_visit_gm_plus"].is_enabled
    drv.key(pygame.K_DOWN)
    press(drv, pygame.K_PLUS)
    assert f.visits[aid] == {"gm": 1, "purchasing": 1}
    # on/off levers: + on, - off, Space flips
    focus_on(drv, "team")
    press(drv, pygame.K_PLUS, 2)
    assert aid in f.teams and plan.w["acct_team"].is_selected
    press(drv, pygame.K_SPACE)
    assert aid not in f.teams and not plan.w["acct_team"].is_selected
    focus_on(drv, "jv")                                             # not on offer: nothing happens
    press(drv, pygame.K_PLUS)
    assert f.alliance is None
    # company levers: pay plan, training, hiring
    focus_on(drv, "pay")
    press(drv, pygame.K_MINUS, 2)
    assert f.pay_plan == "commission" and plan.w["pay_commission"].is_selected
    press(drv, pygame.K_PLUS, 2)
    assert f.pay_plan == "salary"
    drv.key(pygame.K_DOWN)
    assert plan.focus == "training"
    press(drv, pygame.K_PLUS, 2)
    assert abs(f.training - 0.1) < 1e-9 and plan.w["training"].get_current_value() == 2
    focus_on(drv, "hire")
    press(drv, pygame.K_PLUS, 3)                                    # two slots free
    assert f.hire == 2 and not plan.w["hire_plus"].is_enabled
    # the focus stays on its lever when another account is chosen, and the account's own
    # slider shows the account's own value
    focus_on(drv, "service")
    drv.key(pygame.K_2)
    assert plan.selected == "eastern" and plan.focus == "service"
    press(drv, pygame.K_PLUS, 3)
    assert f.service["eastern"] == 3 and f.service["huaxin"] == 0
    assert plan.w["acct_service"].get_current_value() == 3
    # on a person it stays at the same place in the buying center: the second card's days
    focus_on(drv, "days:production")
    drv.key(pygame.K_PAGEUP)
    assert plan.selected == "huaxin" and plan.focus == "days:purchasing"
    drv.key(pygame.K_PAGEDOWN)
    drv.key(pygame.K_PAGEDOWN)                                      # PgDn / PgUp choose accounts
    assert plan.selected == "lanting" and plan.focus == "days:buyer"   # two people here: the last
    # a mouse use of a lever moves the focus to it
    drv.click_slider(plan.w["quality"], 1)
    assert plan.focus == "quality"
    drv.click("acct_intel")
    assert plan.focus == "intel" and "lanting" in f.intel
    drv.click_slider(plan.w["acct_days_owner"], 1)
    assert plan.focus == "days:owner" and f.days["lanting"]["owner"] == 5


def test_overallocation_by_keyboard_shows_the_same_problem_as_by_mouse(app, drv):
    plan = start_tutorial(drv)
    cap = plan.obs.capacity_days
    n = int(cap // 5) + 1
    # by keyboard: all the days to the general manager, and then some to purchasing
    press(drv, pygame.K_PLUS, n)                                    # focus starts on the first person's days
    drv.key(pygame.K_DOWN)
    assert plan.focus == "days:purchasing"
    press(drv, pygame.K_PLUS, 2)
    drv.tick()
    assert plan.form.meters()["days"].over
    assert [p.key for p in plan.problems] == ["days"]
    assert not plan.w["end_turn"].is_enabled
    msg = f"Rep days: {plan.form.meters()['days'].used:.0f} planned but only {plan.form.days_capacity} available."
    assert "✖ " + msg in app.text.rendered                         # written under the meters
    assert "✖ Fix 1 problem(s) marked in red first." in app.text.rendered
    assert close(pixel(app, (CAP.x + 130, CAP.y + 48)), th.BAD, 40)   # the days meter is red
    drv.key(pygame.K_RETURN)                                       # End quarter waits
    assert drv.scene.name == "planning" and app.session.match.turn == 0
    by_keys = (plan.problems, plan.form.to_orders())
    # the same plan by mouse gives the very same problem
    drv.click("reset")
    assert not plan.problems
    drv.click_slider(plan.w["acct_days_gm"], n)
    drv.click_slider(plan.w["acct_days_purchasing"], 2)
    assert (plan.problems, plan.form.to_orders()) == by_keys
    # and the keyboard fixes it again
    assert plan.focus == "days:purchasing"                         # the mouse moved the focus
    press(drv, pygame.K_MINUS, 2)
    # one person holds at most the whole days available (the slider stops there), so
    # taking the extra days back off purchasing fixes the plan
    assert plan.form.days["huaxin"]["gm"] == plan.form.days_capacity
    assert not plan.problems and plan.w["end_turn"].is_enabled


def test_focus_ring_is_drawn_round_the_focused_row(app, drv):
    plan = start_tutorial(drv)
    drv.tick()

    def edge(key):               # the middle of the left edge of a row's focus ring
        r = plan.focus_rect(key)
        return r.x, r.centery

    def inside(key):             # just inside the ring: the tint of the focused row
        r = plan.focus_rect(key)
        return r.x + 4, r.centery

    assert close(pixel(app, edge("days:gm")), d.FOCUS, 8)
    assert close(pixel(app, inside("days:gm")), d.FOCUS_FILL, 4)
    assert close(pixel(app, edge("days:purchasing")), th.PANEL_ALT, 4)  # not focused: the plain card
    drv.key(pygame.K_DOWN)
    assert close(pixel(app, edge("days:purchasing")), d.FOCUS, 8)
    assert close(pixel(app, edge("days:gm")), th.PANEL_ALT, 4)
    r = plan.focus_rect("days:purchasing")
    assert close(pixel(app, (r.right - 1, r.centery)), d.FOCUS, 8)      # right edge too
    assert plan.card_of("purchasing").rect.contains(r)                  # inside the person's card
    assert LV.contains(plan.focus_rect("service")) and BC.contains(r)
    # every row's ring stays inside its panel and clear of the neighbouring rows' widgets
    for key in plan.focus_keys():
        plan.focus = key
        plan.dirty = True
        drv.tick()
        assert close(pixel(app, edge(key)), d.FOCUS, 8), key
        ring = plan.focus_rect(key)
        for name, w in plan.w.items():
            if name.startswith(("acct_", "pay_", "hire_")) or name in ("training", "quality"):
                assert ring.contains(w.rect) or not ring.colliderect(w.rect), (key, name)


def test_a_whole_quarter_from_the_keyboard_only(app, drv):
    assert drv.scene.name == "title"
    drv.key(pygame.K_n)
    drv.wait_for("select")
    assert drv.scene.selected.id == "tutorial"
    drv.key(pygame.K_RETURN)
    drv.wait_for("briefing")
    drv.key(pygame.K_RETURN)
    drv.wait_for("planning")
    plan = drv.scene
    # Huaxin: days to the general manager and the head of purchasing, an executive visit to the
    # general manager, an account team
    press(drv, pygame.K_PLUS, 6)                                    # the general manager: 30 d
    drv.key(pygame.K_RIGHT)
    press(drv, pygame.K_PLUS)                                       # and an executive visit
    drv.key(pygame.K_TAB)
    assert plan.focus == "days:purchasing"
    press(drv, pygame.K_PLUS, 4)                                    # purchasing: 20 d
    focus_on(drv, "team")
    press(drv, pygame.K_SPACE)
    # Eastern: service and days to the operator
    drv.key(pygame.K_2)
    focus_on(drv, "service")
    press(drv, pygame.K_PLUS, 3)
    drv.key(pygame.K_LEFT)
    assert plan.focus == "days:operator"
    press(drv, pygame.K_PLUS, 3)
    # Lanting: dropped, through its confirmation
    drv.key(pygame.K_3)
    focus_on(drv, "drop")
    press(drv, pygame.K_PLUS)
    drv.wait_for("confirm")
    drv.key(pygame.K_RETURN)
    drv.wait_for("planning")
    # the company: commission, some training, one new rep
    focus_on(drv, "pay")
    press(drv, pygame.K_MINUS)
    drv.key(pygame.K_RIGHT)
    press(drv, pygame.K_PLUS)
    focus_on(drv, "hire")
    press(drv, pygame.K_PLUS)
    assert not plan.problems and plan.w["end_turn"].is_enabled
    drv.key(pygame.K_RETURN)
    drv.wait_for("resolution")
    s = app.session
    assert s.match.turn == 1
    o = s.match.orders_log[0][s.obs.side]
    assert o["rep_days"] == {"huaxin": {"gm": 30.0, "purchasing": 20.0}, "eastern": {"operator": 15.0}}
    assert o["exec_visits"] == {"huaxin": {"gm": 1}}
    assert o["service"] == {"eastern": 3.0}
    assert o["teams"] == ["huaxin"] and o["drop"] == ["lanting"]
    assert o["pay_plan"] == "commission" and o["hire"] == 1 and abs(o["training"] - 0.05) < 1e-9
    drv.key(pygame.K_RETURN)
    drv.wait_for("planning")
    plan = drv.scene                                                # next quarter: the lanting account
    drv.key(pygame.K_3)                                             # is gone, so only company levers
    assert plan.focus_keys() == COMPANY_FOCUS and plan.focus == "pay"
    drv.tick()
    assert close(pixel(app, (plan.focus_rect("pay").x, plan.focus_rect("pay").centery)), d.FOCUS, 8)


def test_help_scrolls_from_the_keyboard(app, drv):
    """The help card is longer than its box: arrows, Page and End keys reach its last line."""
    start_tutorial(drv)
    drv.key(pygame.K_F1)
    drv.wait_for("help")
    bar = drv.scene.w["text"].scroll_bar
    assert bar is not None and bar.start_percentage == 0
    drv.key(pygame.K_DOWN)
    assert bar.start_percentage > 0
    drv.key(pygame.K_END)
    assert abs(bar.start_percentage + bar.visible_percentage - 1.0) < 0.02
    drv.key(pygame.K_HOME)
    assert bar.start_percentage == 0
    drv.key(pygame.K_ESCAPE)
    drv.wait_for("planning")
