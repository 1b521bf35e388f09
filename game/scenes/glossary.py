"""The glossary overlay: the plain words of key-account management (game/glossary.py),
opened from the help card (F1, then G), from the guide, or with G while planning."""
from __future__ import annotations

import pygame

from ..glossary import glossary_html
from .overlays import HelpScene


class GlossaryScene(HelpScene):
    name = "glossary"

    def enter(self) -> None:
        dlg = self.make_dialog()
        w, h = self.size
        self.label((24, 14, w - 48, 36), self.t("glossary_title"), container=dlg, object_id="#h1")
        self.textbox((20, 58, w - 40, h - 126), glossary_html(self.app.lang), container=dlg, name="text")
        self.button((w - 180, h - 58, 156, 42), f"{self.t('close')}  [Esc]", self.close, container=dlg,
                    name="close", object_id="@primary")
        self.label((24, h - 52, w - 230, 30), self.t("help_scroll"), container=dlg, name="scroll_hint")

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_g:
            self.close()
            return
        super().handle_event(event)
