"""Hover tips for custom-drawn chips and numbers (pygame_gui's tool tips serve only its own
widgets): a screen registers (rect, text) regions while it paints, and draws the tip of
the region under the mouse, wrapped in a box kept inside the window.
"""
from __future__ import annotations

import pygame

from .. import theme as th
from ..theme import TextCache
from . import draw as d

TIP_W = 340          # the box's width; its height follows the text
PAD = 8


class HoverTips:
    def __init__(self):
        self.regions: list[tuple[pygame.Rect, str]] = []

    def clear(self) -> None:
        self.regions = []

    def add(self, rect: pygame.Rect, text: str) -> None:
        if text:
            self.regions.append((pygame.Rect(rect), text))

    def at(self, pos) -> str | None:
        """The tip of the last region painted under `pos` (the topmost), if any."""
        for rect, text in reversed(self.regions):
            if rect.collidepoint(pos):
                return text
        return None

    def draw(self, surf: pygame.Surface, tc: TextCache, pos, text: str | None = None) -> pygame.Rect | None:
        """The tip for `pos` (or `text`) in a box below-right of the pointer, moved inside the
        surface when it would leave it. Returns the box (None: nothing under the pointer)."""
        text = text if text is not None else self.at(pos)
        if not text:
            return None
        inner = pygame.Rect(0, 0, TIP_W - 2 * PAD, 600)
        lines = tc.wrap(text, inner.width, th.S_SMALL)
        line_h = tc.size("Ag", th.S_SMALL)[1] + 2
        box = pygame.Rect(pos[0] + 14, pos[1] + 18, TIP_W, len(lines) * line_h + 2 * PAD)
        area = surf.get_rect()
        if box.right > area.right - 4:
            box.right = pos[0] - 10
        if box.bottom > area.bottom - 4:
            box.bottom = pos[1] - 10
        box.clamp_ip(area)
        pygame.draw.rect(surf, (255, 255, 240), box, border_radius=6)
        pygame.draw.rect(surf, th.BORDER, box, 1, border_radius=6)
        d.fit_text(surf, tc, text, box.inflate(-2 * PAD, -2 * PAD), th.S_SMALL, th.INK)
        return box
