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
    """A reasonable plan for any scenario (used after the first, hand-played quarter)."""
    obs, f = scene.obs, scene.form
    live = [a for a in obs.accounts if not a.dropped]
    if not live:
        return
    weight = {"A": 3.0, "B": 2.0, "C": 1.0}
    total = sum(weight[a.tier] for a in live)
    days = obs.capacity_days * 0.95
    for a in live:
        share = weight[a.tier] / total
        per = days * share
        for lv, k in (("decision", 0.4), ("management", 0.35), ("operational", 0.25)):
            f.set_days(a.id, lv, int(per * k))
        f.set_service(a.id, int(obs.service_capacity * 0.9 * share))
    top = max(live, key=lambda a: a.demand)
    for a in live:
        for lv in ("decision", "management"):
            f.set_visits(a.id, lv, 0)
    f.set_visits(top.id, "decision", obs.exec_visits)
    scene.build_account_levers()
    scene.changed()
    if scene.problems:
        f.clear()
        scene.changed()


def main(scenario: str = "tutorial", out_dir: str | Path = "screenshots") -> int:
    """Play SCENARIO and save one PNG per screen into out_dir. Returns an exit code."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    saved_env = {k: os.environ.get(k) for k in ("SDL_VIDEODRIVER", "KAW_SAVE_DIR", "SDL_AUDIODRIVER")}
    tmp = tempfile.TemporaryDirectory(prefix="kaw-shots-")
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ["KAW_SAVE_DIR"] = tmp.name
    try:
        return _run(scenario, out)
    finally:
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        tmp.cleanup()


def _run(scenario: str, out: Path) -> int:
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
        written.append(app.screenshot(out / f"{name}.png"))

    app = App(seed=SEED)
    drv = Driver(app)
    drv.tick(2)
    shot(app, "01_title")
    drv.click("new")
    drv.wait_for("select")
    sel = drv.scene
    ids = [e.id for e in sel.entries]
    if sc.id in ids:
        drv.click(sel.card_rects[sc.id])
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
    # a first quarter planned with the mouse: days at the top levels of the first account,
    # an executive visit, service at the second account
    first = plan.obs.accounts[0].id
    drv.click_slider(plan.w["acct_days_decision"], 4)
    drv.click_slider(plan.w["acct_days_management"], 3)
    drv.click("acct_visit_decision_plus")
    if len(plan.obs.accounts) > 1:
        drv.click(plan.card_rects[plan.obs.accounts[1].id])
        drv.click_slider(plan.w["acct_service"], 3)
        drv.click_slider(plan.w["acct_days_operational"], 3)
        drv.click(plan.card_rects[first])
    drv.tick(2)
    shot(app, "05_planning")
    # an over-allocated plan shows its problems inline
    keep = {lv: plan.form.days[first][lv] for lv in ("decision", "management", "operational")}
    plan.form.set_days(first, "operational", plan.obs.capacity_days)
    plan.build_account_levers()
    plan.changed()
    drv.tick(2)
    shot(app, "06_planning_problems")
    plan.form.set_days(first, "operational", keep["operational"])
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
    args = ap.parse_args(argv)
    return main(args.scenario, args.out)


if __name__ == "__main__":
    sys.exit(_cli())
