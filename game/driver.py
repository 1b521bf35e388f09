"""Drive the game with real input events, for tests and the screenshot tool.

Clicks are posted as pygame MOUSEMOTION / MOUSEBUTTONDOWN / MOUSEBUTTONUP events at the
centre of a real widget's rectangle and go through App.tick exactly as a player's do;
pygame_gui then reports the press as its own event on the next frame, so each click runs
a few frames.
"""
from __future__ import annotations

import pygame

from .app import App


class Driver:
    def __init__(self, app: App):
        self.app = app

    @property
    def scene(self):
        return self.app.stack.top

    def tick(self, n: int = 1) -> None:
        for _ in range(n):
            self.app.tick(dt=1 / 60)

    def click_at(self, pos, frames: int = 3, clicks: int = 1) -> None:
        pos = (int(pos[0]), int(pos[1]))
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, clicks=clicks))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.tick(frames)

    def click(self, target, frames: int = 3) -> None:
        """Click a pygame_gui element, a widget name of the current scene, or a Rect."""
        if isinstance(target, str):
            target = self.scene.w[target]
        rect = target if isinstance(target, pygame.Rect) else target.rect
        self.click_at(rect.center, frames)

    def click_slider(self, slider, times: int = 1, up: bool = True) -> None:
        button = slider.right_button if up else slider.left_button
        for _ in range(times):
            self.click(button)

    def key(self, key: int, mod: int = 0, frames: int = 2, unicode: str = "") -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0))
        self.tick(frames)

    def wait_for(self, name: str, limit: int = 10) -> None:
        for _ in range(limit):
            if self.scene is not None and self.scene.name == name:
                return
            self.tick()
        raise AssertionError(f"expected the {name} screen, got {self.scene.name if self.scene else None}")
