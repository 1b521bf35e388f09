"""Scenario select: every shipped scenario with its title, difficulty, length and summary."""
from __future__ import annotations

from dataclasses import dataclass

import pygame

from engine import ScenarioError, load_scenario, shipped, text_of

from .. import theme as th
from ..widgets import draw as d
from .common import TOP_H, footer
from .stack import Scene

DIFF_COLOURS = {"easy": th.GOOD, "medium": th.WARN, "hard": th.BAD}


@dataclass
class Entry:
    id: str
    scenario: object | None
    error: str = ""


class SelectScene(Scene):
    name = "select"

    def __init__(self, app, preselect: str | None = None):
        super().__init__(app)
        self.entries: list[Entry] = []
        for sid in shipped():
            try:
                self.entries.append(Entry(sid, load_scenario(sid)))
            except ScenarioError as exc:
                self.entries.append(Entry(sid, None, str(exc)))
        # easiest first (the tutorial leads), broken files last
        order = {"easy": 0, "medium": 1, "hard": 2}
        self.entries.sort(key=lambda e: (e.scenario is None,
                                         order.get(getattr(e.scenario, "difficulty", ""), 3), e.id))
        ids = [e.id for e in self.entries]
        self.index = ids.index(preselect) if preselect in ids else 0
        self.card_rects: dict[str, pygame.Rect] = {}
        self.hover: str | None = None
        self._layout()

    def _layout(self) -> None:
        W, H = self.app.size
        n = max(1, len(self.entries))
        top, bottom = TOP_H + 20, H - 92
        h = max(64, min(112, (bottom - top) // n - 10))
        y = top
        self.card_h = h
        for e in self.entries:
            self.card_rects[e.id] = pygame.Rect(24, y, 700, h)
            y += h + 10

    def enter(self) -> None:
        self.make_root()
        W, H = self.app.size
        self.button((24, H - 78, 160, 46), f"{self.t('back')}  [Esc]", self.back, name="back")
        self.button((W - 324, H - 78, 300, 46), f"{self.t('start')}  [Enter]", self.start, name="start",
                    object_id="@primary")
        self._refresh_start()

    def _refresh_start(self) -> None:
        e = self.selected
        if e is None or e.scenario is None:
            self.w["start"].disable()
        else:
            self.w["start"].enable()

    @property
    def selected(self) -> Entry | None:
        return self.entries[self.index] if self.entries else None

    # actions -----------------------------------------------------------------
    def back(self) -> None:
        self.app.stack.pop()

    def start(self) -> None:
        e = self.selected
        if e is None or e.scenario is None:
            return
        self.app.new_game(e.id)

    def pick(self, i: int) -> None:
        if self.entries:
            self.index = i % len(self.entries)
            self._refresh_start()

    # loop ----------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        if self.dispatch_ui(event):
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and not self.app.consumed:
            for i, e in enumerate(self.entries):
                if self.card_rects[e.id].collidepoint(event.pos):
                    if i == self.index and getattr(event, "clicks", 1) >= 2:
                        self.start()
                    self.pick(i)
        elif event.type == pygame.MOUSEMOTION:
            self.hover = next((e.id for e in self.entries if self.card_rects[e.id].collidepoint(event.pos)), None)
        elif event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.back()
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.start()
            elif event.key == pygame.K_DOWN:
                self.pick(self.index + 1)
            elif event.key == pygame.K_UP:
                self.pick(self.index - 1)

    def draw(self, surface: pygame.Surface) -> None:
        W, H = self.app.size
        tc = self.text
        lang = self.app.lang
        pygame.draw.rect(surface, th.TOPBAR, (0, 0, W, TOP_H))
        d.text(surface, tc, self.t("choose_scenario"), (16, TOP_H // 2), th.S_H2, th.TOPBAR_INK, True, "midleft")
        d.text(surface, tc, "↑↓  Enter", (W - 16, TOP_H // 2), th.S_SMALL, (170, 182, 200), anchor="midright")
        for i, e in enumerate(self.entries):
            r = self.card_rects[e.id]
            sel = i == self.index
            fill = th.SELECT if sel else (th.PANEL_ALT if self.hover == e.id else th.PANEL)
            pygame.draw.rect(surface, fill, r, border_radius=8)
            pygame.draw.rect(surface, th.ACCENT if sel else th.BORDER, r, 3 if sel else 1, border_radius=8)
            if e.scenario is None:
                d.text(surface, tc, e.id, (r.x + 16, r.y + 10), th.S_H2, th.BAD, True)
                d.paragraph(surface, tc, self.t("broken_scenario") + " " + e.error.splitlines()[0],
                            pygame.Rect(r.x + 16, r.y + 40, r.width - 32, r.height - 46), th.S_SMALL, th.BAD)
                continue
            sc = e.scenario
            tr = d.text(surface, tc, text_of(sc.title, lang), (r.x + 16, r.y + 10), th.S_H2, th.INK, True,
                        max_w=r.width - 200)
            d.badge(surface, tc, self.t(f"diff_{sc.difficulty}"), (r.right - 14, r.y + 12),
                    DIFF_COLOURS.get(sc.difficulty, th.MUTED), anchor="topright", size=th.S_SMALL)
            rivals = len(sc.sides) - 1
            facts = "   ·   ".join([self.t("quarters", n=sc.turns), self.t("n_accounts", n=len(sc.accounts)),
                                    self.t("n_rival") if rivals == 1 else self.t("n_rivals", n=rivals)])
            d.text(surface, tc, facts, (r.x + 16, tr.bottom + 4), th.S_SMALL, th.MUTED)
            if r.height >= 90:
                d.paragraph(surface, tc, text_of(sc.summary, lang),
                            pygame.Rect(r.x + 16, tr.bottom + 26, r.width - 32, r.bottom - tr.bottom - 30),
                            th.S_BODY, th.INK)
        # the selected scenario, in full
        e = self.selected
        box = pygame.Rect(744, TOP_H + 20, W - 744 - 24, H - 92 - (TOP_H + 20) - 10)
        inner = d.panel(surface, box)
        if e is not None and e.scenario is not None:
            sc = e.scenario
            y = d.paragraph(surface, tc, text_of(sc.title, lang), pygame.Rect(inner.x, inner.y, inner.width, 60),
                            th.S_H2, th.INK, bold=True)
            y = d.paragraph(surface, tc, text_of(sc.summary, lang),
                            pygame.Rect(inner.x, y + 6, inner.width, 110), th.S_BODY, th.INK)
            me = next(s for s in sc.sides if s.id == sc.player_id)
            d.text(surface, tc, self.t("you_play"), (inner.x, y + 14), th.S_SMALL, th.MUTED, True)
            d.text(surface, tc, text_of(me.name, lang), (inner.x, y + 34), th.S_BODY, th.US, True,
                   max_w=inner.width)
            d.text(surface, tc, self.t("rivals"), (inner.x, y + 66), th.S_SMALL, th.MUTED, True)
            yy = y + 86
            for k, s in enumerate(x for x in sc.sides if x.id != sc.player_id):
                name = text_of(s.name, lang)
                if s.doctrine is not None:
                    name += f"  ({s.doctrine.name})"
                d.text(surface, tc, name, (inner.x, yy), th.S_BODY, th.side_colour(k + 1), True, max_w=inner.width)
                yy += 24
            yy += 12
            # every account the panel has room for; the rest counted on one last line
            for i, a in enumerate(sc.accounts):
                left = len(sc.accounts) - i
                if yy + 24 > inner.bottom - (24 if left > 1 else 0):
                    d.text(surface, tc, self.t("and_more", n=left), (inner.x + 30, yy), th.S_BODY, th.MUTED)
                    break
                d.badge(surface, tc, a.tier, (inner.x, yy + 1), th.TIER_COLOURS[a.tier])
                d.text(surface, tc, text_of(a.name, lang), (inner.x + 30, yy), th.S_BODY, th.INK,
                       max_w=inner.width - 30)
                yy += 24
        footer(self, surface, self.t("shortcuts_select"))
