"""The guided first quarter, the glossary, warnings of what is coming and the hover tips,
on real frames: the guide's words are drawn, it moves on when the trainee does the step
(mouse or keys) or presses Next, Esc skips it for good, and it never takes the keys the
plan needs."""
from __future__ import annotations

import pygame

from game.glossary import TERMS
from game_helpers import start_tutorial
from game.widgets import draw as d


def frame(drv) -> set[str]:
    """The texts painted in one fresh frame (the canvas and the guide box repainted)."""
    d.RECORD = []
    try:
        drv.scene.dirty = True
        drv.tick()
        return {r.text for r in d.RECORD}
    finally:
        d.RECORD = None


def test_the_guide_points_at_each_panel_and_moves_on_when_the_step_is_done(app, drv):
    plan = start_tutorial(drv, skip_guide=False)
    steps = app.session.scenario.guide
    assert plan.coach.active and "★ Your portfolio" in frame(drv)
    assert any(t.startswith("Three key accounts.") for t in frame(drv))
    drv.click("guide_next")                                     # Next (mouse)
    assert "★ The buying center" in frame(drv) and plan.selected == "huaxin"
    from game.scenes.planning import BC
    assert plan.coach.target() == BC                            # the ring is on the buying center
    drv.key(pygame.K_n)                                         # Next (key)
    assert steps[app.session.guide_step].do == "days" and "★ Rep days to the decider" in frame(drv)
    assert plan.coach.target() == plan.card_of("gm").rect      # the ring is on Wang Jianguo's card
    drv.click_slider(plan.w["acct_days_purchasing"], 1)        # days to someone else: still waiting
    assert app.session.guide_step == 2
    drv.click_slider(plan.w["acct_days_gm"], 1)                # days to the GM: on to the visit
    assert app.session.guide_step == 3 and "★ Executive to executive" in frame(drv)
    assert plan.focus != "visit:gm"                            # moved on by the action: the keyboard stays,
    days = plan.form.days["huaxin"]["gm"]                      # so a second press still means what it meant
    drv.key(pygame.K_PLUS, unicode="+")
    assert plan.form.visits["huaxin"]["gm"] == 0 and app.session.guide_step == 3
    assert plan.form.days["huaxin"]["gm"] >= days
    drv.click("acct_visit_gm_plus")                            # the visit, by mouse: on to the next step
    assert plan.form.visits["huaxin"]["gm"] == 1 and app.session.guide_step == 4
    drv.key(pygame.K_n)                                         # Next (key) puts the keyboard on the step's lever
    step = app.session.scenario.guide[app.session.guide_step]
    if step.person and step.do in ("days", "visit"):
        assert plan.focus == f"{step.do}:{step.person}"
    drv.key(pygame.K_ESCAPE)                                    # Esc skips the guide
    assert not plan.coach.active and "guide_next" not in plan.w and drv.scene.name == "planning"
    assert not any(t.startswith("★ ") for t in frame(drv))
    drv.key(pygame.K_F2)                                        # remembered: not back after a language switch
    assert not drv.scene.coach.active and app.session.guide_done
    drv.key(pygame.K_ESCAPE)
    drv.wait_for("menu")


def test_the_guide_leaves_the_plan_keys_alone_and_ends_with_the_quarter(app, drv):
    plan = start_tutorial(drv, skip_guide=False)
    drv.key(pygame.K_2)
    assert plan.selected == "eastern" and plan.coach.active
    drv.key(pygame.K_TAB)
    drv.key(pygame.K_PLUS, unicode="+")
    assert sum(plan.form.days["eastern"].values()) == 5
    drv.key(pygame.K_g)                                         # the glossary, from the plan
    drv.wait_for("glossary")
    drv.key(pygame.K_ESCAPE)
    drv.wait_for("planning")
    drv.key(pygame.K_RETURN)                                    # Enter ends the quarter, guide or not
    drv.wait_for("resolution")
    assert app.session.guide_done
    drv.key(pygame.K_RETURN)
    drv.wait_for("planning")
    assert not drv.scene.coach.active                           # the first quarter only


def test_the_glossary_step_and_the_help_card_open_the_glossary_in_both_languages(app, drv):
    plan = start_tutorial(drv, skip_guide=False)
    while plan.coach.step.do != "glossary":
        drv.key(pygame.K_n)
    drv.click("guide_glossary")
    drv.wait_for("glossary")
    html_en = drv.scene.w["text"].html_text
    assert "Chicken rib" in html_en or "chicken rib" in html_en
    drv.key(pygame.K_ESCAPE)
    drv.wait_for("planning")
    assert plan.coach.step.do == "end_turn"                     # opening it was the step
    drv.key(pygame.K_F1)
    drv.wait_for("help")
    drv.key(pygame.K_g)
    drv.wait_for("glossary")
    drv.key(pygame.K_F2)
    assert "鸡肋" in drv.scene.w["text"].html_text and "教练" in drv.scene.w["text"].html_text


def test_every_glossary_term_is_in_both_languages():
    wanted = ("platinum", "D / M / O", "Stance scale", "Coach", "Iron-triangle", "Share", "Tender", "doctrines",
              "Process score")
    terms = " ".join(e["en"][0] for e in TERMS)
    assert all(w in terms for w in wanted), terms
    texts = " ".join(e["en"][1] for e in TERMS)
    assert all(w in texts for w in ("Flank", "Blitz", "Poaching", "Concentration"))
    for e in TERMS:
        assert set(e) == {"en", "zh"} and all(e["zh"]) and all(e["en"])
        assert any("\u4e00" <= ch <= "\u9fff" for ch in e["zh"][1])


def test_the_tender_to_come_is_shown_on_the_plan(app, drv):
    plan = start_tutorial(drv, skip_guide=False)
    assert "▲ coming Q4" in frame(drv)                          # on Huaxin's card
    assert "▲ Coming in quarter 4: Huaxin Steel tenders half its volume (announced)" in plan.news_html()
    r = plan.coming_rects[app.session.obs.coming[0]]
    assert r.colliderect(plan.card_rects["huaxin"])


def tip_lines(drv) -> list[str]:
    """The lines of a hover tip on the next frame (the canvas is not repainted: only the tip
    is drawn as text)."""
    d.RECORD = []
    try:
        drv.tick()
        return [r.text for r in d.RECORD if r.kind == "line"]
    finally:
        d.RECORD = None


def hover(drv, pos) -> str:
    """Rest the mouse on pos: no tip at once, then the tip of what is there, drawn whole."""
    from game.scenes.planning import TIP_DELAY

    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    drv.tick()
    assert tip_lines(drv) == []                                  # not while the mouse passes by
    drv.tick(int(TIP_DELAY * 60))
    tip, lines = drv.scene.tips.at(pos), tip_lines(drv)
    assert tip and " ".join(lines).replace(" ", "") == tip.replace(" ", ""), (tip, lines)
    return tip


def test_chips_and_numbers_say_what_they_mean_and_what_moved_them(app, drv):
    plan = start_tutorial(drv, skip_guide=False)
    drv.key(pygame.K_ESCAPE)                                    # without the guide
    tip = hover(drv, plan.chip_rects[("huaxin", "gm")].center)
    assert tip.startswith("Wang Jianguo: 1.50 toward us, \"prefers us\"") and "coach from 2.5" in tip
    assert "1.00 more to become a coach" in tip and "This is where the case starts." in tip
    share_at = (plan.card_rects["huaxin"].x + 60, plan.card_rects["huaxin"].y + 40)
    tip = hover(drv, share_at)
    assert tip.startswith("Our share of Huaxin Steel's purchases: 40%") and "Kessler Industrial 40%" in tip
    tip = hover(drv, plan.coming_rects[app.session.obs.coming[0]].center)
    assert "▲ coming Q4" not in tip and tip.startswith("Huaxin Steel tenders half its volume: in quarter 4")
    drv.click_slider(plan.w["acct_days_gm"], 4)
    drv.key(pygame.K_RETURN)
    drv.wait_for("resolution")
    drv.key(pygame.K_RETURN)
    drv.wait_for("planning")
    plan = drv.scene
    report = app.session.report
    gm = next(c for c in report.stances if c.account == "huaxin" and c.stakeholder == "gm")
    tip = hover(drv, plan.chip_rects[("huaxin", "gm")].center)
    assert f"Last quarter {gm.after - gm.before:+.2f}: {app.t('sc_rep_effort')} +" in tip
    share = next(c for c in report.shares if c.account == "huaxin")
    tip = hover(drv, share_at)
    assert f"Last quarter it was {share.before['hengtai']:.0%}" in tip
    assert f"{app.t('cause_competition')} {share.causes['competition'] * 100:+.1f}" in tip
