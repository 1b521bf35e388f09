"""The guided first quarter: a coach box on the planning screen that points at one panel at
a time, says what it is and what to try, and moves on when the trainee does it.

The steps are data (a scenario's `guide:` list, engine.scenario.models.GuideStep); what
counts as doing a step is here. The box never takes the keyboard: every key but Esc (skip
the guide), N (next step) and G (glossary) still reaches the planning screen, and the
levers it points at stay uncovered. Where the guide is, and whether it is done, lives on
the Session, so a language switch or the help card does not restart it.
"""
from __future__ import annotations

import copy

import pygame
import pygame_gui

from engine import text_of

from .. import theme as th
from ..widgets import draw as d

LAYER = 30                       # above the planning screen's widgets, below overlays (60)
# Where the box sits (1280x720 canvas): over the news and End quarter (the resources and
# company levers stay in reach; the quarter is not ended by a stray click mid-guide), or
# over the buying center when the step points at the right-hand column.
RIGHT_BOX = pygame.Rect(880, 474, 394, 216)
CENTRE_BOX = pygame.Rect(330, 150, 500, 206)
CENTRE_FOR = ("resources", "company", "news", "end")
BUTTON_H = 32


def guide_steps(session) -> tuple:
    """The steps the session's scenario gives, if its first planning screen is still to
    come (the guide is for the first quarter) and the trainee has not finished or skipped it."""
    steps = tuple(session.scenario.guide)
    if not steps or session.guide_done or session.match.turn > 0:
        return ()
    return steps


class Coach:
    """The guide on one planning screen (built by PlanningScene.enter, killed with its widgets)."""

    def __init__(self, scene):
        self.scene = scene
        self.app = scene.app
        self.session = scene.session
        self.steps = guide_steps(self.session)
        self.panel = None
        self.image = None
        self.baseline: dict = {}
        self.started = -1            # the step whose baseline is taken

    # ------------------------------------------------------------------ state
    @property
    def active(self) -> bool:
        return bool(self.steps) and not self.session.guide_done and self.session.guide_step < len(self.steps)

    @property
    def step(self):
        return self.steps[self.session.guide_step] if self.active else None

    def t(self, key: str, **kw) -> str:
        return self.scene.t(key, **kw)

    def begin_step(self, focus: bool = True) -> None:
        """Bring the step's account (and person) into view and remember the form as it is,
        so that the step moves on when the trainee changes what it asks for.

        `focus` puts the keyboard highlight on the step's lever; not when the step began
        because the trainee did the last one, mid key presses: a second "+" meant for Wang
        must not land on the next step's lever."""
        st = self.step
        if st is None:
            return
        self.started = self.session.guide_step
        sc = self.scene
        if st.account and st.do != "select" and st.account != sc.selected:
            sc.select(st.account)
        if focus and st.person and st.do in ("days", "visit"):
            key = f"{'days' if st.do == 'days' else 'visit'}:{st.person}"
            if key in sc.focus_keys():
                sc.focus = key
        f = sc.form
        self.baseline = dict(days=copy.deepcopy(f.days), visits=copy.deepcopy(f.visits),
                             service=dict(f.service), selected=sc.selected)
        sc.dirty = True

    def done_now(self) -> bool:
        """Whether the trainee has done what the current step asks."""
        st, f, b = self.step, self.scene.form, self.baseline
        if st is None or not b:
            return False
        accounts = [st.account] if st.account else list(f.days)
        if st.do == "select":
            return self.scene.selected == st.account if st.account else self.scene.selected != b["selected"]
        if st.do in ("days", "visit"):
            now, then = (f.days, b["days"]) if st.do == "days" else (f.visits, b["visits"])
            for aid in accounts:
                people = [st.person] if st.person else list(now.get(aid, {}))
                if any(now[aid].get(k, 0) > then[aid].get(k, 0) for k in people):
                    return True
            return False
        if st.do == "service":
            return any(f.service[aid] > b["service"][aid] for aid in accounts)
        if st.do == "team":
            return any(aid in f.teams for aid in accounts)
        return False

    def notice(self, what: str) -> None:
        """Something happened that a step may be waiting for ("spread", "glossary", "end_turn")."""
        if what == "end_turn":
            self.finish()
        elif self.active and self.step.do == what:
            self.advance()

    def advance(self, by_action: bool = False) -> None:
        self.session.guide_step += 1
        if self.session.guide_step >= len(self.steps):
            self.finish()
            return
        self.begin_step(focus=not by_action)
        self.refresh()

    def finish(self) -> None:
        """Skipped or done: not shown again in this game."""
        self.session.guide_done = True
        self.kill()
        self.scene.dirty = True

    def update(self) -> None:
        if not self.active:
            return
        if self.started != self.session.guide_step:
            self.begin_step()
        elif self.done_now():
            self.advance(by_action=True)

    # ------------------------------------------------------------------ keys
    def handle_key(self, event: pygame.event.Event) -> bool:
        """Esc skips the guide, N moves to the next step. True if the key was used."""
        if not self.active or event.type != pygame.KEYDOWN or event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META):
            return False
        if event.key == pygame.K_ESCAPE:
            self.finish()
            return True
        if event.key == pygame.K_n:
            self.advance()
            return True
        return False

    # ------------------------------------------------------------------ drawing
    def box(self) -> pygame.Rect:
        st = self.step
        return CENTRE_BOX if st is not None and st.point in CENTRE_FOR else RIGHT_BOX

    def target(self) -> pygame.Rect | None:
        """The panel (or card) the step points at, on the canvas."""
        from . import planning as pl
        st, sc = self.step, self.scene
        if st is None:
            return None
        if st.point == "person" and st.person:
            card = sc.card_of(st.person) if sc.selected == st.account else None
            return card.rect if card is not None else pl.BC
        if st.point == "portfolio" and st.account and st.account in sc.card_rects:
            r = sc.card_rects[st.account]
            return r if pl.LEFT.contains(r) else pl.LEFT
        return {"portfolio": pl.LEFT, "buying_center": pl.BC, "levers": pl.LV, "resources": pl.CAP,
                "company": pl.CO, "news": pl.NEWS, "end": pl.END}.get(st.point)

    def build(self) -> None:
        """The box's widgets: the painted text, then Glossary, Skip and Next."""
        self.kill()
        if not self.active:
            return
        sc, box = self.scene, self.box()
        self.panel = pygame_gui.elements.UIPanel(box.copy(), starting_height=LAYER, manager=sc.ui,
                                                 container=sc.root, object_id="#dialog")
        w, h = box.size
        text_h = h - BUTTON_H - 20
        self.image = pygame_gui.elements.UIImage(pygame.Rect(6, 4, w - 16, text_h), pygame.Surface((w - 16, text_h)),
                                                 sc.ui, container=self.panel)
        y = h - BUTTON_H - 12
        # "Skip guide [Esc]" is the longest label: in presenter type it overflows an even third
        room = w - 32
        gw, sw = room * 31 // 100, room * 39 // 100
        nw = room - gw - sw

        def keyed(key: str, hint: str, width: int) -> str:
            """The label with its key, or alone where large type leaves no room for both."""
            full = f"{self.t(key)} [{hint}]"
            return full if sc.fits_button(full, width) else self.t(key)

        sc.button((6, y, gw, BUTTON_H), keyed("glossary", "G", gw), sc.open_glossary, name="guide_glossary",
                  container=self.panel, object_id="@small")
        sc.button((12 + gw, y, sw, BUTTON_H), keyed("guide_skip", "Esc", sw), self.finish, name="guide_skip",
                  container=self.panel, object_id="@small")
        sc.button((18 + gw + sw, y, nw, BUTTON_H), keyed("guide_next", "N", nw), self.advance,
                  name="guide_next", container=self.panel, object_id="@primary")
        self.paint()

    def refresh(self) -> None:
        """A new step: the box may move (it keeps clear of what the step points at)."""
        if self.panel is None or pygame.Rect(self.panel.relative_rect) != self.box():
            self.build()
        else:
            self.paint()

    def paint(self) -> None:
        """The step's heading and text, painted (and recorded, for the layout-fit test)."""
        st = self.step
        if st is None or self.image is None:
            return
        lang = self.app.lang
        surf = pygame.Surface(self.image.rect.size)
        surf.fill(th.PANEL)
        tc = self.scene.text
        n = self.t("guide_step", i=self.session.guide_step + 1, n=len(self.steps))
        nr = d.text(surf, tc, n, (surf.get_width() - 4, 8), th.S_SMALL, th.MUTED, anchor="topright")
        title = text_of(st.title, lang) or self.t("guide_title")
        d.text(surf, tc, "★ " + title, (6, 6), th.S_LEAD, th.ACCENT_DARK, True, max_w=nr.x - 16)
        body = pygame.Rect(6, 34, surf.get_width() - 12, surf.get_height() - 38)
        d.fit_text(surf, tc, text_of(st.text, lang), body, th.S_BODY, th.INK)
        self.image.set_image(surf)

    def draw_target(self, surface: pygame.Surface) -> None:
        """A ring round what the step points at (painted over the canvas each frame)."""
        r = self.target() if self.active else None
        if r is not None:
            pygame.draw.rect(surface, th.GOLD, r.inflate(6, 6), 3, border_radius=10)

    def kill(self) -> None:
        for name in ("guide_glossary", "guide_skip", "guide_next"):
            self.scene.w.pop(name, None)
        if self.panel is not None:
            self.panel.kill()
        self.panel = self.image = None
