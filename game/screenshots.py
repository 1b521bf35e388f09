"""Write a PNG of every screen for one scenario, played headless through the real scenes.

    kaw screenshots SCENARIO --out DIR   ->  game.screenshots.main(scenario: str, out_dir: str | Path) -> int
    python -m game.screenshots SCENARIO --out DIR

Uses SDL's offscreen ("dummy") video driver and a temporary save folder, so it needs no
display and leaves the player's saves alone.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

SEED = 7


def balanced_plan(scene) -> None:
    """A reasonable plan for any scenario (used after the first, hand-played quarter): the
    one-click starting plan, and every executive visit to the most influential person we
    may visit at the biggest account."""
    obs, f = scene.obs, scene.form
    live = [a for a in obs.accounts if not a.dropped]
    if not live:
        return
    f.spread_evenly()
    for a in live:
        for kid in f.visits[a.id]:
            f.set_visits(a.id, kid, 0)
    top = max(live, key=lambda a: a.demand)
    if f.visits[top.id]:
        who = max((p for p in top.stakeholders if p.id in f.visits[top.id]), key=lambda p: p.influence)
        f.set_visits(top.id, who.id, obs.exec_visits)
    scene.build_account_levers()
    scene.changed()
    if scene.problems:
        f.clear()
        scene.changed()


def do_step(drv, step) -> None:
    """Do what a guide step asks, with the mouse or the keys a trainee would use."""
    import pygame

    plan = drv.scene
    if step.do == "days" and step.person and f"acct_days_{step.person}" in plan.w:
        drv.click_slider(plan.w[f"acct_days_{step.person}"], 3)
    elif step.do == "visit" and step.person and f"acct_visit_{step.person}_plus" in plan.w:
        drv.click(f"acct_visit_{step.person}_plus")
    elif step.do == "select" and step.account in plan.card_rects:
        drv.click(plan.card_rects[step.account])
    elif step.do == "service" and "acct_service" in plan.w:
        drv.click_slider(plan.w["acct_service"], 5)
    elif step.do == "team" and "acct_team" in plan.w:
        drv.click("acct_team")
    elif step.do == "spread":
        drv.click("spread")
    else:
        drv.key(pygame.K_n)


def follow_guide(drv, shot) -> None:
    """Play the guided first quarter as a trainee following it: a picture of each step (and
    of the glossary and a hover tip on the way), each step done as asked; the last step
    (end the quarter) is skipped with Esc so that the screens after it can be shown."""
    import pygame

    plan = drv.scene
    coach = plan.coach
    if coach is None or not coach.active:
        return
    while coach.active:
        i = plan.session.guide_step
        step = coach.step
        drv.tick(2)
        shot(f"04g_guide_{i + 1:02d}_{step.point}")
        if step.do == "glossary":
            drv.key(pygame.K_g)
            drv.wait_for("glossary")
            drv.tick()
            shot("04h_glossary")
            drv.key(pygame.K_ESCAPE)
            drv.wait_for("planning")
        elif step.do == "end_turn":
            drv.key(pygame.K_ESCAPE)
        else:
            do_step(drv, step)
            if plan.session.guide_step == i and coach.active:
                drv.key(pygame.K_n)            # the step's action did not apply here: Next
    first = plan.obs.accounts[0]
    plan.select(first.id)
    drv.tick(2)
    for name, rect in (("04t_tip_stance", plan.chip_rects.get((first.id, plan.cards()[0].person.id))),
                       ("04u_tip_share", plan.card_rects.get(first.id))):
        if rect is not None:
            pos = rect.center if name.endswith("stance") else (rect.x + 60, rect.y + 40)
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
            drv.tick(40)                       # the mouse rests there: the tip shows (planning.TIP_DELAY)
            shot(name)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 5), rel=(0, 0), buttons=(0, 0, 0)))
    drv.tick()


def main(scenario: str = "tutorial", out_dir: str | Path = "screenshots", lang: str = "en",
         window: tuple[int, int] | None = None) -> int:
    """Play SCENARIO and save one PNG per screen into out_dir. Returns an exit code.
    `lang` is the language played in; `window` (width, height) saves each screen as a
    window of that size shows it (the 1280x720 canvas scaled to fit, as the game's window
    scales it), to judge how large the text ends up."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    saved_env = {k: os.environ.get(k) for k in ("SDL_VIDEODRIVER", "KAW_SAVE_DIR", "SDL_AUDIODRIVER")}
    tmp = tempfile.TemporaryDirectory(prefix="kaw-shots-")
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ["KAW_SAVE_DIR"] = tmp.name
    try:
        return _run(scenario, out, lang, window)
    finally:
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        tmp.cleanup()


def _run(scenario: str, out: Path, lang: str = "en", window: tuple[int, int] | None = None) -> int:
    import pygame

    from engine import ScenarioError, load_scenario

    from .app import App
    from .driver import Driver
    from .saves import save_dir

    try:
        sc = load_scenario(scenario)
    except ScenarioError as exc:
        print(f"cannot load '{scenario}':\n{exc}", file=sys.stderr)
        return 1
    written: list[Path] = []

    def shot(app: App, name: str) -> None:
        path = app.screenshot(out / f"{name}.png")
        if window is not None:
            img = pygame.image.load(str(path))
            k = min(window[0] / img.get_width(), window[1] / img.get_height())
            small = pygame.transform.smoothscale(img, (round(img.get_width() * k), round(img.get_height() * k)))
            framed = pygame.Surface(window)
            framed.blit(small, small.get_rect(center=framed.get_rect().center))
            pygame.image.save(framed, str(path))
        written.append(path)

    app = App(seed=SEED, lang=lang)
    drv = Driver(app)
    drv.tick(2)
    shot(app, "01_title")
    drv.click("new")
    drv.wait_for("select")
    sel = drv.scene
    ids = [e.id for e in sel.entries]
    if scenario in ids:                     # a shipped id (a file is played as given, whatever its id)
        drv.click(sel.card_rects[scenario])
        drv.tick()
        shot(app, "02_select")
        drv.click("start")
    else:                                   # a scenario file that is not shipped
        shot(app, "02_select")
        app.new_game(scenario)
    drv.wait_for("briefing")
    drv.tick(2)
    shot(app, "03_briefing")
    drv.click("start")
    drv.wait_for("planning")
    plan = drv.scene
    drv.tick(2)
    shot(app, "04_planning_start")
    follow_guide(drv, lambda name: shot(app, name))
    drv.click("spread")
    drv.tick(2)
    shot(app, "04b_planning_spread")
    drv.click("reset")
    plan = drv.scene
    # a first quarter planned with the mouse: days to the first two people of the first
    # account, an executive visit to its top person, service and days to the last person at
    # the second account; the keyboard focus on the second person's days
    first = plan.obs.accounts[0].id
    people = [c.person for c in plan.cards()]
    drv.click_slider(plan.w[f"acct_days_{people[0].id}"], 4)
    if len(people) > 1:
        drv.click_slider(plan.w[f"acct_days_{people[1].id}"], 3)
    if f"acct_visit_{people[0].id}_plus" in plan.w:
        drv.click(f"acct_visit_{people[0].id}_plus")
    if len(plan.obs.accounts) > 1:
        drv.click(plan.card_rects[plan.obs.accounts[1].id])
        drv.click_slider(plan.w["acct_service"], 3)
        drv.click_slider(plan.w[f"acct_days_{plan.cards()[-1].person.id}"], 3)
        drv.click(plan.card_rects[first])
    if len(people) > 1:
        plan.focus = f"days:{people[1].id}"
        plan.dirty = True
    drv.tick(2)
    shot(app, "05_planning")
    # an over-allocated plan shows its problems inline
    last = people[-1].id
    keep = plan.form.days[first][last]
    plan.form.set_days(first, last, plan.obs.capacity_days)
    plan.build_account_levers()
    plan.changed()
    drv.tick(2)
    shot(app, "06_planning_problems")
    plan.form.set_days(first, last, keep)
    plan.build_account_levers()
    plan.changed()
    drv.tick()
    # the second account's buying center
    if len(plan.obs.accounts) > 1:
        drv.key(pygame.K_2)
        shot(app, "07_planning_account2")
        drv.key(pygame.K_1)
    # drop confirmation, help, menu
    drv.click("acct_drop")
    drv.wait_for("confirm")
    shot(app, "08_confirm_drop")
    drv.click("no")
    drv.key(pygame.K_F1)
    drv.wait_for("help")
    shot(app, "09_help")
    drv.key(pygame.K_ESCAPE)
    drv.key(pygame.K_ESCAPE)
    drv.wait_for("menu")
    shot(app, "10_menu")
    drv.key(pygame.K_ESCAPE)
    drv.wait_for("planning")
    if plan.problems:  # the hand-played quarter does not fit this side (few rep days): a plan that does
        balanced_plan(plan)
        drv.tick()
    drv.click("end_turn")
    drv.wait_for("resolution")
    drv.tick(2)
    shot(app, "11_resolution")
    # the rest of the game with a balanced plan
    resolutions = 1
    while not app.session.done:
        drv.click("continue")
        drv.wait_for("planning")
        balanced_plan(drv.scene)
        drv.tick()
        if app.session.obs.turn == app.session.obs.turns // 2:
            shot(app, "12_planning_midgame")
        drv.click("end_turn")
        drv.wait_for("resolution")
        resolutions += 1
        if resolutions == 4:
            shot(app, "13_resolution_later")
    drv.tick()
    shot(app, "14_resolution_last")
    drv.click("continue")
    drv.wait_for("debrief")
    drv.tick(2)
    shot(app, "15_debrief_results")
    for i, tab in enumerate(("charts", "why", "lessons")):
        drv.click(f"tab_{tab}")
        drv.tick()
        shot(app, f"{16 + i}_debrief_{tab}")
    # the review (复盘): the reference strategies on the same dice beside this game
    drv.click("tab_review")
    drv.tick(2)
    shot(app, "18b_debrief_review")
    # saved games, with a damaged file beside them
    drv.click("to_title")
    drv.wait_for("title")
    bad = save_dir() / "damaged-example.kaw.json"
    bad.write_text('{"format": "key-account-wars-replay", "engine_vers', encoding="utf-8")
    drv.click("load")
    drv.wait_for("load")
    drv.tick()
    shot(app, "19_saved_games")
    drv.key(pygame.K_ESCAPE)
    drv.wait_for("title")
    # the same screens in Chinese
    drv.click("lang_zh")
    drv.tick()
    shot(app, "20_title_zh")
    app.new_game(scenario)
    drv.wait_for("briefing")
    drv.tick(2)
    shot(app, "21_briefing_zh")
    drv.click("start")
    drv.wait_for("planning")
    drv.tick(2)
    shot(app, "22_planning_zh")
    pygame.quit()
    for p in written:
        print(p)
    return 0


def _cli(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m game.screenshots", description=__doc__.splitlines()[0])
    ap.add_argument("scenario", nargs="?", default="tutorial")
    ap.add_argument("--out", default="screenshots")
    ap.add_argument("--lang", default="en", choices=("en", "zh"), help="the language played in (default en)")
    ap.add_argument("--window", default=None, metavar="WxH",
                    help="save the screens as a window of this size shows them, e.g. 1024x640")
    args = ap.parse_args(argv)
    window = tuple(int(v) for v in args.window.lower().split("x")) if args.window else None
    return main(args.scenario, args.out, args.lang, window)


if __name__ == "__main__":
    sys.exit(_cli())
