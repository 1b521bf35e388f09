"""Saved games: resume one, see which are damaged or out of date and why (they are never touched)."""
from __future__ import annotations

import time

import pygame

from .. import saves
from .. import theme as th
from ..save_reasons import reason
from ..widgets import draw as d
from .common import FOOT_Y, TOP_H, footer
from .stack import Scene

LIST = pygame.Rect(24, TOP_H + 56, 1232, FOOT_Y - 90 - (TOP_H + 56))
ROW_H = 62


class LoadScene(Scene):
    name = "load"

    def __init__(self, app):
        super().__init__(app)
        self.entries = saves.list_saves(lang=app.lang)
        self.index = next((i for i, e in enumerate(self.entries) if e.ok), 0)
        self.scroll = 0
        self.error = ""
        self.row_rects: dict[int, pygame.Rect] = {}

    def enter(self) -> None:
        self.make_root()
        W, H = self.app.size
        self.button((24, FOOT_Y - 70, 160, 50), f"{self.t('back')}  [Esc]", self.back, name="back")
        self.button((W - 344, FOOT_Y - 70, 320, 50), f"{self.t('resume_selected')}  [Enter]", self.resume_selected,
                    name="resume", object_id="@primary")
        self._refresh()

    def _refresh(self) -> None:
        e = self.selected
        b = self.w.get("resume")
        if b is not None:
            b.enable() if (e is not None and e.ok) else b.disable()

    @property
    def selected(self):
        return self.entries[self.index] if self.entries else None

    def back(self) -> None:
        self.app.stack.pop()

    def resume_selected(self) -> None:
        e = self.selected
        if e is None or not e.ok:
            return
        why = self.app.resume_game(e.path)
        if why:
            self.error = self.t("cannot_resume", why=why)

    def pick(self, i: int) -> None:
        if self.entries:
            self.index = i % len(self.entries)
            self.error = ""
            view = LIST.height // ROW_H
            if self.index < self.scroll:
                self.scroll = self.index
            elif self.index >= self.scroll + view:
                self.scroll = self.index - view + 1
            self._refresh()

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.dispatch_ui(event):
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and not self.app.consumed:
            for i, r in self.row_rects.items():
                if r.collidepoint(event.pos):
                    if i == self.index and getattr(event, "clicks", 1) >= 2:
                        self.resume_selected()
                    else:
                        self.pick(i)
                    return
        elif event.type == pygame.MOUSEWHEEL:
            view = LIST.height // ROW_H
            self.scroll = max(0, min(max(0, len(self.entries) - view), self.scroll - event.y))
        elif event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.back()
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.resume_selected()
            elif event.key == pygame.K_DOWN:
                self.pick(self.index + 1)
            elif event.key == pygame.K_UP:
                self.pick(self.index - 1)

    def update(self, dt: float) -> None:
        view = LIST.height // ROW_H
        self.row_rects = {i: pygame.Rect(LIST.x, LIST.y + k * ROW_H, LIST.width, ROW_H - 8)
                          for k, i in enumerate(range(self.scroll, min(len(self.entries), self.scroll + view)))}

    def draw(self, surface: pygame.Surface) -> None:
        W, H = self.app.size
        tc, t = self.text, self.t
        pygame.draw.rect(surface, th.TOPBAR, (0, 0, W, TOP_H))
        d.text(surface, tc, t("saved_games"), (16, TOP_H // 2), th.S_H2, th.TOPBAR_INK, True, "midleft")
        d.text(surface, tc, t("save_folder", path=str(saves.save_dir())), (W - 16, TOP_H // 2), th.S_SMALL,
               (170, 182, 200), anchor="midright", max_w=700)
        if not self.entries:
            d.text(surface, tc, t("no_saves"), (LIST.x, LIST.y + 10), th.S_LEAD, th.MUTED)
        for i, r in self.row_rects.items():
            e = self.entries[i]
            sel = i == self.index
            pygame.draw.rect(surface, th.SELECT if sel else th.PANEL, r, border_radius=8)
            pygame.draw.rect(surface, (th.ACCENT if e.ok else th.BAD) if sel else th.BORDER, r, 3 if sel else 1,
                             border_radius=8)
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(e.saved_at)) if e.saved_at else ""
            if e.ok:
                d.text(surface, tc, t("save_row", title=e.title, turn=e.turn, turns=e.turns or "?"),
                       (r.x + 14, r.y + 6), th.S_LEAD, th.INK, True, max_w=r.width - 300)
                d.text(surface, tc, e.name, (r.x + 14, r.y + 31), th.S_SMALL, th.MUTED, max_w=r.width - 300)
            else:
                d.text(surface, tc, "✖ " + e.path.name, (r.x + 14, r.y + 6), th.S_LEAD, th.BAD, True,
                       max_w=r.width - 300)
                why = t("cannot_resume" if e.outdated else "corrupt", why=reason(e.error, t))
                d.text(surface, tc, why, (r.x + 14, r.y + 31), th.S_SMALL, th.BAD, max_w=r.width - 28)
            d.text(surface, tc, t("saved_at", when=when), (r.right - 14, r.y + 8), th.S_SMALL, th.MUTED,
                   anchor="topright")
        if self.error:
            d.paragraph(surface, tc, self.error, pygame.Rect(200, FOOT_Y - 72, W - 560, 56), th.S_SMALL, th.BAD, True)
        footer(self, surface, self.t("shortcuts_load"))
