"""The glossary overlay: the plain words of key-account management (game/glossary.py),
opened from the help card (F1, then G), from the guide, or with G while planning."""
from __future__ import annotations

import pygame

from ..glossary import glossary_html
from .overlays import HelpScene


class GlossaryScene(HelpScene):
    name = "glossary"
    title_key = "glossary_title"

    def body_html(self) -> str:
        return glossary_html(self.app.lang)

    def more_buttons(self, dlg) -> int:
        return self.size[0] - 180  # Close alone

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_g:
            self.close()
            return
        super().handle_event(event)
