"""Modal overlays: the Esc game menu, the help card and a confirmation dialog.

Each is a full-window translucent panel (it dims and blocks what is below) holding a
white dialog. Esc closes them.
"""
from __future__ import annotations

from typing import Callable

import pygame
import pygame_gui

from ..i18n import help_html
from .common import ctrl
from .stack import Scene

LAYER = 60


class Overlay(Scene):
    overlay = True
    size = (460, 360)

    def make_dialog(self) -> pygame_gui.elements.UIPanel:
        W, H = self.app.size
        self.root = pygame_gui.elements.UIPanel(pygame.Rect(0, 0, W, H), starting_height=LAYER, manager=self.ui,
                                                object_id="#dim")
        w, h = self.size
        self.dialog = pygame_gui.elements.UIPanel(pygame.Rect((W - w) // 2, (H - h) // 2, w, h), starting_height=1,
                                                  manager=self.ui, container=self.root, object_id="#dialog")
        return self.dialog

    def close(self) -> None:
        self.app.stack.pop()

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.dispatch_ui(event):
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.close()


class MenuScene(Overlay):
    name = "menu"
    size = (440, 474)

    def enter(self) -> None:
        dlg = self.make_dialog()
        w = self.size[0]
        self.label((24, 14, w - 48, 42), self.t("paused"), container=dlg, object_id="#h1")
        in_game = self.app.session is not None
        y = 70
        rows = [("resume", f"{self.t('resume')}  [Esc]", self.close, True),
                ("save", f"{self.t('save_game')}  [S]", self.do_save, in_game),
                ("help", f"{self.t('help')}  [F1]", self.do_help, True),
                ("lang", f"{self.t('switch_language')}  [F2]", self.app.toggle_lang, True),
                ("to_title", f"{self.t('quit_to_title')}  [T]", self.do_title, True),
                ("quit", f"{self.t('quit_game')}  [Q]", self.do_quit, True)]
        for name, text, action, enabled in rows:
            self.button((40, y, w - 80, 44), text, action, name=name, container=dlg, enabled=enabled,
                        object_id="@primary" if name == "resume" else None)
            y += 54
        self.label((24, y + 4, w - 48, 24), self.t("autosave_note"), container=dlg, object_id="#muted")

    def do_save(self) -> None:
        self.app.save()

    def do_help(self) -> None:
        self.app.stack.replace(HelpScene(self.app))

    def do_title(self) -> None:
        if self.app.session is not None:
            self.app.session.save()
        self.app.session = None
        self.app.to_title()

    def do_quit(self) -> None:
        if self.app.session is not None:
            self.app.session.save()
        self.app.quit()

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.dispatch_ui(event):
            return
        if event.type != pygame.KEYDOWN:
            return
        k = event.key
        if k == pygame.K_ESCAPE:
            self.close()
        elif k == pygame.K_s and self.app.session is not None:
            self.do_save()
        elif k == pygame.K_F1:
            self.do_help()
        elif k == pygame.K_F2:
            self.app.toggle_lang()
        elif k == pygame.K_t:
            self.do_title()
        elif k == pygame.K_q and not ctrl(event):
            self.do_quit()


class HelpScene(Overlay):
    """A card of scrolling text (the keys and how the game works); the glossary is the
    same card with other words (game/scenes/glossary.py)."""
    name = "help"
    size = (860, 560)
    title_key = "help_title"

    def body_html(self) -> str:
        return help_html(self.app.lang)

    def enter(self) -> None:
        dlg = self.make_dialog()
        w, h = self.size
        self.label((24, 12, w - 48, 42), self.t(self.title_key), container=dlg, object_id="#h1")
        self.textbox((20, 58, w - 40, h - 126), self.body_html(), container=dlg, name="text")
        self.button((w - 180, h - 58, 156, 42), f"{self.t('close')}  [Esc]", self.close, container=dlg,
                    name="close", object_id="@primary")
        left = self.more_buttons(dlg)
        self.label((24, h - 52, left - 34, 30), self.t("help_scroll"), container=dlg, name="scroll_hint")

    def more_buttons(self, dlg) -> int:
        """Buttons left of Close; returns where the leftmost starts (the scroll hint ends before it)."""
        w, h = self.size
        self.button((w - 356, h - 58, 164, 42), f"{self.t('glossary')}  [G]", self.open_glossary, container=dlg,
                    name="glossary")
        return w - 356

    def open_glossary(self) -> None:
        """The plain glossary, in place of the help card (Esc returns to the game)."""
        from .glossary import GlossaryScene
        self.app.stack.replace(GlossaryScene(self.app))

    SCROLL_KEYS = {pygame.K_DOWN: 0.08, pygame.K_UP: -0.08, pygame.K_PAGEDOWN: 0.4, pygame.K_PAGEUP: -0.4,
                   pygame.K_END: 1.0, pygame.K_HOME: -1.0}

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.dispatch_ui(event):
            return
        if event.type != pygame.KEYDOWN:
            return
        if event.key in (pygame.K_ESCAPE, pygame.K_F1, pygame.K_RETURN):
            self.close()
        elif event.key == pygame.K_g:
            self.open_glossary()
        elif event.key in self.SCROLL_KEYS:
            self.scroll(self.SCROLL_KEYS[event.key])

    def scroll(self, by: float) -> None:
        """Move the help text by a share of its length (arrows, Page keys, Home/End)."""
        bar = getattr(self.w.get("text"), "scroll_bar", None)
        if bar is None:  # everything fits: nothing to scroll
            return
        room = max(1.0 - bar.visible_percentage, 0.0)
        bar.set_scroll_from_start_percentage(min(max(bar.start_percentage + by, 0.0), room))


class ConfirmScene(Overlay):
    name = "confirm"
    size = (560, 300)

    def __init__(self, app, title: str, body: str, yes: str, on_yes: Callable[[], None], danger: bool = True):
        super().__init__(app)
        self.title, self.body, self.yes, self.on_yes, self.danger = title, body, yes, on_yes, danger

    def enter(self) -> None:
        dlg = self.make_dialog()
        w, h = self.size
        self.label((24, 12, w - 48, 42), self.title, container=dlg, object_id="#h1")
        self.textbox((20, 58, w - 40, h - 130), self.body, container=dlg)
        self.button((24, h - 60, 200, 44), f"{self.t('cancel')}  [Esc]", self.close, container=dlg, name="no")
        self.button((w - 244, h - 60, 220, 44), f"{self.yes}  [Enter]", self.confirm, container=dlg, name="yes",
                    object_id="@danger" if self.danger else "@primary")

    def confirm(self) -> None:
        self.app.stack.pop()
        self.on_yes()

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.dispatch_ui(event):
            return
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.close()
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.confirm()
