"""Every piece of text the game paints fits the box it was painted into, on the planning,
results and debrief screens, with 3, 4, 10 and 15 accounts, in English and Chinese, and
stays readable at the window sizes a classroom has (1024x640, 1366x768, 1920x1080).

The UI is laid out on one 1280x720 canvas that SDL scales to the window (keeping its
aspect ratio), so each combination is rendered once: whether a text fits its box does not
depend on the window; how many pixels high a letter ends up does (the smallest font times
the window's scale must stay readable).

What counts as not fitting (draw.RECORD keeps every text as it was painted):
- cut off: the text runs past the surface, its clip rectangle, the box it was given
  (max_w / a paragraph's rect) or the panel or card it sits in;
- cut short: a sentence (a reason, a hint, a problem) shortened with "…" or left with
  lines missing. Names and labels may be shortened with "…" (a tooltip-free list of 15
  accounts has to); sentences must wrap instead.
- on top of another: two texts whose glyphs overlap (each text's box less the blank above
  and below its letters), as when a fixed line pitch meets larger type;
- too small: fewer than MIN_PX pixels at the smallest window.

Presenter mode (large type for a projector) is held to the same rules with 4 and 10 accounts.
"""
from __future__ import annotations

import copy

import pygame
import pytest
import yaml
from game_helpers import debrief_after_empty_quarters

SIZES = ((1024, 640), (1366, 768), (1920, 1080))
CANVAS = (1280, 720)
MIN_PX = 11            # the smallest text, in window pixels
CASES = ("tutorial", "blitz", "internal_collapse", "fifteen")
PRESENTER_CASES = ("blitz", "internal_collapse")      # 4 and 10 accounts
PRESENTER_SIZES = ((1366, 768), (1920, 1080))
BODY_PX_PROJECTOR = 20     # body text in a 1920x1080 window, presenter mode
LANGS = ("en", "zh")


def scale(size) -> float:
    return min(size[0] / CANVAS[0], size[1] / CANVAS[1])


def fifteen_accounts():
    """internal_collapse (10 accounts) with five more, copied from its biggest ones under
    new names (longer than the shipped ones, as a trainer's own scenario may have)."""
    from engine import Scenario, scenarios_dir

    data = yaml.safe_load((scenarios_dir() / "internal_collapse.yaml").read_text(encoding="utf-8"))
    extra = []
    for i, acc in enumerate(data["accounts"][:5]):
        a = copy.deepcopy(acc)
        a["id"] = f"{acc['id']}_2"
        a["name"] = {"en": f"{acc['name']['en']} Phase II Extension", "zh": f"{acc['name']['zh']}二期扩建工程"}
        a.pop("owner", None)
        extra.append(a)
    data["accounts"] += extra
    data["id"] = "fifteen"
    sc = Scenario.model_validate(data)
    assert len(sc.accounts) == 15
    return sc


def load_tutorial_guide():
    from engine import load_scenario

    return load_scenario("tutorial").guide


def shortened(rec) -> bool:
    return rec.shown != rec.text


def is_sentence(rec, names=frozenset()) -> bool:
    """Reasons and explanations, not names: several words (or, in Chinese, a long run)."""
    t = rec.text
    if t in names:
        return False
    if rec.kind == "line":
        return True
    if any("\u4e00" <= ch <= "\u9fff" for ch in t):
        return len(t) > 14 and any(p in t for p in "，。：；、")
    return len(t.split()) >= 5


def problems_of(records, names=frozenset()) -> list[str]:
    out = []
    panels: dict[int, list[pygame.Rect]] = {}
    for r in records:
        if r.kind == "panel":
            panels.setdefault(r.surface, []).append(r.rect)
    for r in records:
        if r.kind == "panel":
            continue
        what = f"{r.kind} {r.text!r}"
        if not r.clip.colliderect(r.rect):
            continue                                 # scrolled out of view: not shown
        if not r.clip.contains(r.rect):
            out.append(f"cut off by the edge/clip {tuple(r.clip)}: {what} at {tuple(r.rect)}")
            continue
        if r.box is not None and r.rect.width > r.box.width:
            out.append(f"wider than its box ({r.rect.width} > {r.box.width}): {what}")
        holders = [p for p in panels.get(r.surface, ()) if p.collidepoint(r.rect.midleft)]
        if holders:
            p = min(holders, key=lambda p: p.width * p.height)
            if not p.contains(r.rect):
                out.append(f"runs out of its panel {tuple(p)}: {what} at {tuple(r.rect)}")
        if shortened(r) and is_sentence(r, names):
            out.append(f"cut short: {what} shown as {r.shown!r}")
        elif shortened(r) and r.text in names:
            # a name may lose its end, but must still tell which one it is
            head, _, tail = r.shown.partition("…")
            alike = [n for n in names if n.startswith(head.rstrip()) and n.endswith(tail.lstrip())]
            if len(alike) > 1:
                out.append(f"ambiguous: {what} shown as {r.shown!r} (could be any of {sorted(alike)})")
    return out


def overlaps_of(records) -> list[str]:
    """Texts painted over one another on the same surface (what shows of each: its box
    less 15% above and below, where a line's box has no ink)."""
    shown = [r for r in records if r.kind != "panel" and r.clip.colliderect(r.rect)]
    out = []
    for i, a in enumerate(shown):
        ink_a = a.rect.inflate(-2, -round(a.rect.height * 0.3))
        for b in shown[i + 1:]:
            if b.surface == a.surface and ink_a.colliderect(b.rect.inflate(-2, -round(b.rect.height * 0.3))):
                out.append(f"on top of each other: {a.shown!r} at {tuple(a.rect)} and {b.shown!r} at {tuple(b.rect)}")
    return out


def small_text(records, widgets_min: int) -> int:
    sizes = [r.size for r in records if r.kind != "panel" and r.size]
    return min(sizes + [widgets_min])


def button_problems(scene) -> list[str]:
    """pygame_gui buttons: the label's width against the button's."""
    import pygame_gui

    out = []
    for name, w in scene.w.items():
        if isinstance(w, pygame_gui.elements.UIButton) and w.visible and w.text:
            tw = w.font.size(w.text)[0]
            if tw > w.rect.width - 6:
                out.append(f"button {name} {w.text!r}: {tw} px in {w.rect.width}")
    return out


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    """(case, lang) -> [(screen, records, button problems)], each screen rendered once."""
    return render_cases(tmp_path_factory, CASES, presenter=False)


@pytest.fixture(scope="module")
def presenter_shots(tmp_path_factory):
    """The same in presenter mode (large type), with 4 and 10 accounts."""
    return render_cases(tmp_path_factory, PRESENTER_CASES, presenter=True)


def render_cases(tmp_path_factory, cases, presenter: bool):
    import os

    os.environ["KAW_SAVE_DIR"] = str(tmp_path_factory.mktemp("saves"))
    from engine import Match, load_scenario
    from game.app import App
    from game.scenes.planning import PlanningScene
    from game.session import Session
    from game.widgets import draw as d

    app = App(seed=3)
    app.set_presenter(presenter)
    big = fifteen_accounts()

    def tips_of(scene):
        """Every hover tip of the screen, each drawn at its region as the mouse would show it
        (one at a time, as the mouse shows them: each is a screen of its own)."""
        shown = []
        for i, (rect, text) in enumerate(scene.tips.regions):
            d.RECORD = []
            scene.tips.draw(app.screen.copy(), app.text, rect.center, text)
            shown.append((f"hover tip {i}", d.RECORD, []))
        d.RECORD = None
        return shown
    out = {}

    def grab(name):
        d.RECORD = []
        scene = app.stack.top
        scene.dirty = True
        app.tick(dt=1 / 60)
        recs, d.RECORD = d.RECORD, None
        extra = []
        if scene.name == "resolution":
            for c in scene.report.shares:
                why = scene.reasons.get(c.account)
                lines = [r for r in recs if r.kind == "line" and r.rect.colliderect(scene.share_rects[c.account])]
                if not why or " ".join(r.shown for r in lines).replace(" ", "") != why.replace(" ", ""):
                    extra.append(f"the reason for {c.name} is not shown whole: {why!r}")
        return name, recs, button_problems(scene) + extra

    try:
        for case in cases:
            sc = big if case == "fifteen" else load_scenario(case)
            for lang in LANGS:
                app.lang = lang
                m = Match(sc, seed=3, lang=lang)
                m.reset()
                app.session = Session(m, case, tmp_path_factory.mktemp("s") / "g.kaw.json")
                app.session.save = lambda: True          # no autosave: the screens are what is tested
                app.stack.reset(PlanningScene(app))
                plan = app.stack.top
                plan.form.spread_evenly()                 # the one-click plan, without rebuilding every widget
                plan.build_account_levers()
                plan.changed()
                got = [grab("planning")]
                coach = plan.coach                        # the guided first quarter, step by step
                while coach is not None and coach.active:
                    got.append(grab(f"guide step {app.session.guide_step + 1}"))
                    coach.advance()
                crowded = max(plan.obs.accounts, key=lambda a: len(a.stakeholders))
                plan.select(crowded.id)
                got.append(grab("planning, most people"))
                got += tips_of(plan)
                plan.select(plan.obs.accounts[-1].id)
                got.append(grab("planning, last account"))
                plan.end_turn()
                got.append(grab("results"))
                deb = debrief_after_empty_quarters(app)
                for tab in ("results", "charts", "why"):     # (lessons: one text box, nothing painted)
                    deb.show(tab)
                    got.append(grab("debrief " + tab))
                obs = app.session.obs
                names = {a.name for a in obs.accounts} | {r.name for r in obs.rivals} | {obs.side_name}
                names |= {p.name for a in obs.accounts for p in a.stakeholders}
                out[case, lang] = [(n, recs, probs, frozenset(names)) for n, recs, probs in got]
    finally:
        d.RECORD = None
        app.ui.clear_and_reset()
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", CASES)
def test_every_text_fits_its_box(shots, case, lang):
    screens = [screen for screen, *_ in shots[case, lang]]
    if case == "tutorial":                  # the guide's every step was measured
        assert sum(s.startswith("guide step") for s in screens) == len(load_tutorial_guide())
    bad = []
    for screen, recs, more, names in shots[case, lang]:
        assert any(r.kind != "panel" for r in recs), screen
        bad += [f"[{screen}] {p}" for p in problems_of(recs, names) + overlaps_of(recs) + more]
    assert not bad, f"{len(bad)} texts do not fit ({case}, {lang}):\n" + "\n".join(bad[:40])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_text_is_readable_at_every_window_size(shots, size):
    smallest = min(small_text(recs, 14) for got in shots.values() for _, recs, _, _ in got)
    assert smallest * scale(size) >= MIN_PX, (
        f"the smallest text is {smallest} px on the canvas, {smallest * scale(size):.1f} px in a "
        f"{size[0]}x{size[1]} window")


def test_order_problems_are_shown_in_the_players_language():
    """The engine's OrderProblem words itself in either language; the planning screen's
    problems use the player's (the lever they are about is found from its place)."""
    from engine import OrderProblem
    from game.orders_form import sort_problems

    p = OrderProblem("service.huayang", "too_high", lever="service", account="huayang", limit=6, got=9)
    en, = sort_problems([p], ["huayang"], "en")
    zh, = sort_problems([p], ["huayang"], "zh")
    assert en.text == str(p) and "at most 6" in en.text
    assert "最多 6" in zh.text and en.key == zh.key and zh.account == "huayang"
    assert sort_problems(["budget: too much"], [], "zh")[0].text == "budget: too much"   # a plain string stays


def test_results_say_where_the_share_went():
    """Lost to the suppliers outside the game: where our offer fell short (not a rival
    comparison); lost to a rival: what we were behind on against that rival."""
    from types import SimpleNamespace

    from engine import OTHERS, ShareChange
    from game.i18n import tr
    from game.scenes.resolution import ResolutionScene

    for lang in LANGS:
        me = SimpleNamespace(t=lambda k, **kw: tr(lang, k, **kw), obs=SimpleNamespace(side="us"),
                             app=SimpleNamespace(lang=lang), _side_name=lambda sid: {"r1": "Ruida Seals"}.get(sid, sid))
        util = {"us": {"price": 0.1, "service": 0.2}, "r1": {"price": 0.4, "service": 0.1}}
        to_others = ShareChange("a", "A", {"us": 0.6, "r1": 0.2}, {"us": 0.5, "r1": 0.2}, {"competition": -0.1},
                                {"price": -0.3, "service": 0.1}, None, rival="r1",
                                shortfall={"service": 0.4, "quality": 0.2, "price": 0.001}, utility=util)
        why = ResolutionScene.reason(me, to_others)
        assert tr(lang, "drv_service") in why and tr(lang, "drv_quality") in why
        assert "Ruida" not in why and tr(lang, "drv_price") not in why
        to_rival = ShareChange("a", "A", {"us": 0.6, "r1": 0.2}, {"us": 0.5, "r1": 0.3}, {"competition": -0.1},
                               {"price": -0.3, "service": 0.1}, None, rival="r1", shortfall={"service": 0.4},
                               utility=util)
        why = ResolutionScene.reason(me, to_rival)
        assert "Ruida" in why and tr(lang, "drv_price") in why and tr(lang, "drv_service") not in why
    assert OTHERS == "others"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", PRESENTER_CASES)
def test_every_text_fits_its_box_in_presenter_mode(presenter_shots, case, lang):
    bad = []
    for screen, recs, more, names in presenter_shots[case, lang]:
        bad += [f"[{screen}] {p}" for p in problems_of(recs, names) + overlaps_of(recs) + more]
    assert not bad, f"{len(bad)} texts do not fit in presenter mode ({case}, {lang}):\n" + "\n".join(bad[:40])


@pytest.mark.parametrize("size", PRESENTER_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_presenter_mode_is_large_type(presenter_shots, shots, size):
    """Most text (the body: the commonest size drawn) is larger than in the normal mode,
    at least BODY_PX_PROJECTOR px on a 1920x1080 projector, and nothing is small."""
    from collections import Counter

    def body(all_shots):
        sizes = Counter(r.size for got in all_shots.values() for _, recs, _, _ in got for r in recs
                        if r.kind != "panel" and r.size)
        return sizes.most_common(1)[0][0]

    big, normal = body(presenter_shots), body(shots)
    assert big > normal
    if size == (1920, 1080):
        assert big * scale(size) >= BODY_PX_PROJECTOR
    smallest = min(small_text(recs, 14) for got in presenter_shots.values() for _, recs, _, _ in got)
    assert smallest * scale(size) >= 14, f"the smallest text is {smallest * scale(size):.1f} px at {size}"
