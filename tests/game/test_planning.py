"""The planning screen: inline problems, the drop confirmation, joint venture, company
levers, language, and that drawing a frame changes nothing."""
from __future__ import annotations

import pygame
from game_helpers import close, pixel, start_tutorial

from engine import Orders
from game import theme as th
from game.orders_form import OrdersForm, sort_problems


def test_overallocation_is_shown_inline_and_blocks_end_turn(app, drv):
    plan = start_tutorial(drv)
    cap = plan.obs.capacity_days                                   # about 115 days
    n = int(cap // 5) + 1
    drv.click_slider(plan.w["acct_days_decision"], n)              # all the days at one level ...
    drv.click_slider(plan.w["acct_days_management"], 2)            # ... and then some
    assert plan.form.meters()["days"].over
    assert [p.key for p in plan.problems] == ["days"]
    assert not plan.w["end_turn"].is_enabled
    drv.tick()
    msg = f"Rep days: {plan.form.meters()['days'].used:.0f} planned but only {cap:.0f} available."
    assert "✖ " + msg in app.text.rendered                         # written under the meters
    assert "✖ Fix 1 problem(s) marked in red first." in app.text.rendered
    # the days meter is drawn red
    from game.scenes.planning import CAP
    assert close(pixel(app, (CAP.x + 130, CAP.y + 48)), th.BAD, 40)
    drv.click("end_turn")                                          # disabled: nothing happens
    drv.key(pygame.K_RETURN)                                       # Enter neither
    assert drv.scene.name == "planning" and app.session.match.turn == 0
    # fixing it clears the message
    drv.click_slider(plan.w["acct_days_management"], 2, up=False)
    drv.click_slider(plan.w["acct_days_decision"], 3, up=False)
    assert not plan.problems and plan.w["end_turn"].is_enabled


def test_drop_needs_confirmation(app, drv):
    plan = start_tutorial(drv)
    drv.click(plan.card_rects["lanting"])
    drv.click("acct_drop")
    drv.wait_for("confirm")
    drv.click("no")
    drv.wait_for("planning")
    assert plan.form.drop == set()
    drv.click("acct_drop")
    drv.wait_for("confirm")
    drv.click("yes")
    drv.wait_for("planning")
    assert plan.form.drop == {"lanting"}
    assert plan.w["acct_drop"].text == "Undo drop"
    drv.click("end_turn")
    drv.wait_for("resolution")
    assert app.session.obs.account("lanting").dropped
    drv.click("continue")
    drv.wait_for("planning")
    drv.click(drv.scene.card_rects["lanting"])
    assert "acct_days_decision" not in drv.scene.w                 # a dropped account has no levers
    drv.tick()
    assert "This account was dropped: it takes no more orders." in app.text.rendered


def test_company_levers_and_hiring(app, drv):
    plan = start_tutorial(drv)
    drv.click("pay_commission")
    drv.click_slider(plan.w["training"], 2)
    drv.click_slider(plan.w["quality"], 1)
    drv.click("hire_plus")
    drv.click("hire_plus")
    drv.click("hire_plus")                                          # only two slots free: disabled
    o = plan.form.to_orders()
    assert o.pay_plan == "commission" and o.hire == 2
    assert abs(o.training - 0.1) < 1e-9 and abs(o.quality - 0.05) < 1e-9
    assert not plan.w["hire_plus"].is_enabled
    drv.click("end_turn")
    drv.wait_for("resolution")
    assert app.session.match.orders_log[0]["hengtai"]["pay_plan"] == "commission"
    assert app.session.report.people.hired == 2


def test_joint_venture_offered_only_when_open(app, drv):
    plan = start_tutorial(drv)
    drv.click(plan.card_rects["lanting"])
    assert not plan.w["acct_jv"].is_enabled                        # not on offer at the start
    s = app.session
    while s.match.turn < 4:                                        # the owner opens it in quarter 4
        drv.key(pygame.K_RETURN)
        drv.wait_for("resolution")
        drv.key(pygame.K_RETURN)
        drv.wait_for("planning")
    plan = drv.scene
    assert s.obs.account("lanting").alliance_open
    drv.click(plan.card_rects["lanting"])
    assert plan.w["acct_jv"].is_enabled
    drv.click("acct_jv")
    assert plan.form.to_orders().alliance == "lanting"


def test_chinese_names_render(app, drv):
    drv.click("lang_zh")
    assert app.lang == "zh"
    plan = start_tutorial(drv)
    drv.tick()
    assert [a.name for a in app.session.obs.accounts] == ["华信钢铁", "东方水泥", "兰亭玻璃"]
    assert "华信钢铁" in app.text.rendered and "王建国" in app.text.rendered
    font = app.fonts.get(16)
    # the shipped font has real glyphs for Chinese (not the empty box every font has)
    assert font.metrics("华")[0] != font.metrics("\uffff")[0]


def test_draw_never_changes_state(app, drv):
    plan = start_tutorial(drv)
    drv.click_slider(plan.w["acct_days_decision"], 2)
    before = (app.session.match.state_hash(), plan.form.to_orders().model_dump(), plan.selected, plan.dirty)
    surf = pygame.Surface(app.size)
    app.render(surf)
    first = pygame.image.tobytes(surf, "RGB")
    app.render(surf)
    assert pygame.image.tobytes(surf, "RGB") == first
    assert before == (app.session.match.state_hash(), plan.form.to_orders().model_dump(), plan.selected, plan.dirty)


def test_window_resize_is_harmless(app, drv):
    start_tutorial(drv)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1600, 900), w=1600, h=900))
    drv.tick(2)
    assert app.screen.get_size() == (1280, 720) and drv.scene.name == "planning"


# ------------------------------------------------------------------------ form unit tests


def test_form_to_orders_and_meters():
    from engine import Match

    m = Match("tutorial", seed=1)
    obs = m.reset()
    f = OrdersForm(obs)
    assert f.to_orders() == Orders(pay_plan=None)
    f.set_days("huaxin", "decision", 12.4)
    f.set_visits("huaxin", "decision", 5)                          # clamped to 2 available
    f.set_service("eastern", 4)
    f.set_price_cut("lanting", 0.9)                                # clamped to the maximum cut
    f.toggle("teams", "huaxin")
    f.toggle("intel", "eastern")
    o = f.to_orders()
    assert o.rep_days == {"huaxin": {"decision": 12.0}}
    assert o.exec_visits == {"huaxin": {"decision": 2}}
    assert o.price_cut == {"lanting": obs.max_price_cut}
    assert o.teams == ["huaxin"] and o.intelligence == ["eastern"]
    meters = f.meters()
    c = obs.costs
    assert abs(meters["money"].used - (2 * c["exec_visit"] + 4 * c["service_unit"] + c["team"] + c["intelligence"])) < 1e-9
    assert m.check(o) == []
    again = OrdersForm(obs, previous=o)                             # prefill from last quarter
    assert again.to_orders().rep_days == o.rep_days


def test_problems_are_sorted_by_lever():
    ids = ["huaxin", "eastern"]
    ps = sort_problems(["rep_days: 130 days allocated but only 115 available",
                        "budget: orders cost 7 M¥ but only 6 is available",
                        "exec_visits: 3 visits planned but only 2 available",
                        "price_cut.huaxin: must be at most 0.25 (got 0.3)",
                        "service: unknown account 'x' (known: huaxin, eastern)"], ids)
    assert [p.key for p in ps] == ["days", "money", "visits", "price_cut.huaxin", "service"]
    assert ps[3].account == "huaxin"


def test_last_plan_is_scaled_down_when_fewer_days_are_left():
    import dataclasses

    from engine import Match

    m = Match("tutorial", seed=1)
    obs = m.reset()
    last = Orders(rep_days={"huaxin": {"decision": 60, "management": 40}, "eastern": {"operational": 20}})
    small = dataclasses.replace(obs, capacity_days=60.0)            # a rep has left since
    f = OrdersForm(small, previous=last)
    assert f.scaled and f.meters()["days"].used <= 60
    assert f.days["huaxin"]["decision"] == 30 and f.days["eastern"]["operational"] == 10
    assert f.warnings()[0][0] == "warn_scaled"


def test_spread_button_fills_a_valid_starting_plan(app, drv):
    """One click gives a plan in proportion to demand that can be played as it is."""
    plan = start_tutorial(drv)
    drv.click("spread")
    plan = drv.scene
    days = {a: plan.form.account_days(a) for a in plan.form.days}
    assert days["huaxin"] > days["eastern"] > days["lanting"] > 0      # demand 6 / 3 / 1.5
    assert 0.9 * plan.obs.capacity_days <= sum(days.values()) <= plan.obs.capacity_days
    assert not plan.problems and plan.w["end_turn"].is_enabled
    assert plan.w["spread"].text == "Spread days by demand"
    drv.click("end_turn")
    drv.wait_for("resolution")
    assert app.session.match.turn == 1
