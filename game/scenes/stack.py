"""Scenes on a stack (Tuxemon-style): the top scene gets input; draw goes from the last
full-screen scene upwards so that overlays (menus, confirmations) sit on what is below.

A scene's contract:
- enter(): build its pygame_gui widgets (inside `self.root`, killed on exit);
- handle_event(event): react to one pygame event (input or a pygame_gui event);
- update(dt): advance animations / rebuild caches that changed; may change state;
- draw(surface): paint the custom-drawn parts. Draw never changes game or UI state
  (pygame_gui paints its own widgets after all scenes have drawn).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from engine import MILLION_YUAN, money, money_tick

from .. import theme as th

if TYPE_CHECKING:
    from ..app import App


TIGHT_MARGIN = 8     # px a button keeps between its label and its edges


class Scene:
    overlay = False          # True: the scene below stays visible (dimmed)
    name = "scene"

    def __init__(self, app: "App"):
        self.app = app
        self.ui = app.ui
        self.text = app.text
        self.root: pygame_gui.core.UIContainer | None = None
        self.w: dict[str, object] = {}     # named widgets (tests and screenshots use them)
        self._actions: dict[object, object] = {}
        self._sliders: dict[object, object] = {}

    # helpers ------------------------------------------------------------------
    def t(self, key: str, **kw) -> str:
        return self.app.t(key, **kw)

    def money(self, x: float, signed: bool = False) -> str:
        """An amount in the one form of the player's language (engine/money.py)."""
        s = self.app.session
        return money(x, s.scenario.money_unit if s else MILLION_YUAN, self.app.lang, signed)

    def money_tick(self, x: float) -> str:
        s = self.app.session
        return money_tick(x, s.scenario.money_unit if s else MILLION_YUAN, self.app.lang)

    def make_root(self, height: int = 1) -> pygame_gui.core.UIContainer:
        size = self.app.size
        self.root = pygame_gui.core.UIContainer(pygame.Rect((0, 0), size), self.ui, starting_height=height)
        return self.root

    # widget factories: actions run when pygame_gui reports the press (next tick) ---------
    def button(self, rect, label: str, action=None, *, name: str | None = None, container=None,
               object_id=None, tooltip: str | None = None, enabled: bool = True) -> pygame_gui.elements.UIButton:
        b = pygame_gui.elements.UIButton(pygame.Rect(rect), label, self.ui, container=container or self.root,
                                         tool_tip_text=tooltip, object_id=object_id)
        if b.font.size(label)[0] > b.rect.width - TIGHT_MARGIN:
            # too long for its button (presenter mode, a long translation): a smaller type
            # in the same style, rather than a clipped label
            b.kill()
            tight = pygame_gui.core.ObjectID(object_id="#tight", class_id=object_id)
            b = pygame_gui.elements.UIButton(pygame.Rect(rect), label, self.ui, container=container or self.root,
                                             tool_tip_text=tooltip, object_id=tight)
        if action is not None:
            self._actions[b] = action
        if not enabled:
            b.disable()
        if name:
            self.w[name] = b
        return b

    def fits_button(self, label: str, width: int) -> bool:
        """Does the label fit a button this wide, in its type or the smaller one (#tight)?"""
        return self.text.size(label, th.S_SMALL)[0] <= width - TIGHT_MARGIN

    def fit_label(self, label: str, width: int) -> str:
        """The label, shortened with "…" only if even the smaller type cannot hold it."""
        return label if self.fits_button(label, width) else self.text.fit(label, width - TIGHT_MARGIN, th.S_SMALL)

    def priced(self, label: str, cost: float, width: int, tip: str) -> tuple[str, str]:
        """A lever's label with its price ("Buy intelligence ¥0.02M"), or, where that does not
        fit (large type), the label alone with the price in its tooltip."""
        full = f"{label} {self.money(cost)}"
        if self.fits_button(full, width):
            return full, tip
        return self.fit_label(label, width), f"{tip}<br>{full}"

    def slider(self, rect, value, lo, hi, on_change, *, step=1, name: str | None = None,
               container=None) -> pygame_gui.elements.UIHorizontalSlider:
        """A lever's slider from lo to hi. A lever with nothing to give (hi <= lo: no days
        left, no budget, no service capacity) is a disabled slider at lo: pygame_gui needs a
        range, and the 0..1 it was given let a trainee ask for a day they did not have."""
        empty = hi <= lo
        s = pygame_gui.elements.UIHorizontalSlider(pygame.Rect(rect), lo if empty else min(max(value, lo), hi),
                                                   (lo, lo + 1) if empty else (lo, hi), self.ui,
                                                   container=container or self.root, click_increment=step)
        if empty:
            s.disable()
        self._sliders[s] = on_change
        if name:
            self.w[name] = s
        return s

    def label(self, rect, s: str, *, container=None, object_id=None, name: str | None = None):
        if object_id != "#h1" and self.text.size(s, th.S_BODY)[0] > pygame.Rect(rect).width - TIGHT_MARGIN:
            # too long at the label's type (presenter mode): a smaller one, in the same colours
            object_id = pygame_gui.core.ObjectID(object_id="#tight", class_id=object_id)
        lab = pygame_gui.elements.UILabel(pygame.Rect(rect), s, self.ui, container=container or self.root,
                                          object_id=object_id)
        if name:
            self.w[name] = lab
        return lab

    def textbox(self, rect, html: str, *, container=None, name: str | None = None, object_id=None):
        # no "-" when a long run of Chinese characters has to break across lines
        tb = pygame_gui.elements.UITextBox(html, pygame.Rect(rect), self.ui, container=container or self.root,
                                           object_id=object_id, allow_split_dashes=False)
        if name:
            self.w[name] = tb
        return tb

    def dispatch_ui(self, event: pygame.event.Event) -> bool:
        """Run the action of a pressed button / moved slider of this scene."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            action = self._actions.get(event.ui_element)
            if action is not None and event.ui_element.alive():
                action()
                return True
        elif event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED:
            cb = self._sliders.get(event.ui_element)
            if cb is not None and event.ui_element.alive():
                cb(event.ui_element.get_current_value())
                return True
        return False

    def kill_widgets(self) -> None:
        if self.root is not None:
            self.root.kill()
            self.root = None
        self.w = {}
        self._actions, self._sliders = {}, {}

    def open_help(self) -> None:
        from .overlays import HelpScene
        self.app.stack.push(HelpScene(self.app))

    def open_menu(self) -> None:
        from .overlays import MenuScene
        self.app.stack.push(MenuScene(self.app))

    # lifecycle ------------------------------------------------------------------
    def enter(self) -> None:
        pass

    def exit(self) -> None:
        self.kill_widgets()

    def pause(self) -> None:
        pass

    def hide_widgets(self) -> None:
        """Another full-screen scene covers this one: its widgets must not show."""
        if self.root is not None:
            self.root.hide()

    def show_widgets(self) -> None:
        if self.root is not None:
            self.root.show()

    def resume(self) -> None:
        pass

    def rebuild(self) -> None:
        """Rebuild widgets (language changed)."""
        self.kill_widgets()
        self.enter()

    # loop -----------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        self.dispatch_ui(event)

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        pass

    def draw_over(self, surface: pygame.Surface) -> None:
        """Paint over the widgets (hover tips): called for the top scene only."""


class CanvasScene(Scene):
    """A scene painted onto one cached full-window canvas, re-rendered only when marked
    dirty: most frames just blit, which keeps a frame well under a millisecond."""

    def __init__(self, app: "App"):
        super().__init__(app)
        self.canvas = pygame.Surface(app.size)
        self.dirty = True

    def render_canvas(self) -> None:
        raise NotImplementedError

    def update(self, dt: float) -> None:
        if self.dirty:
            self.render_canvas()
            self.dirty = False

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self.canvas, (0, 0))


class SceneStack:
    def __init__(self):
        self.scenes: list[Scene] = []

    @property
    def top(self) -> Scene | None:
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: Scene) -> Scene:
        if self.top is not None:
            self.top.pause()
            if not scene.overlay:
                self.top.hide_widgets()
        self.scenes.append(scene)
        scene.enter()
        return scene

    def pop(self) -> Scene | None:
        if not self.scenes:
            return None
        scene = self.scenes.pop()
        scene.exit()
        if self.top is not None:
            if not scene.overlay:
                self.top.show_widgets()
            self.top.resume()
        return scene

    def replace(self, scene: Scene) -> Scene:
        if self.scenes:
            old = self.scenes.pop()
            old.exit()
            if self.top is not None and old.overlay and not scene.overlay:
                self.top.hide_widgets()
        self.scenes.append(scene)
        scene.enter()
        return scene

    def reset(self, *scenes: Scene) -> None:
        while self.scenes:
            self.scenes.pop().exit()
        for s in scenes:
            self.push(s)

    def find(self, kind: type) -> Scene | None:
        return next((s for s in reversed(self.scenes) if isinstance(s, kind)), None)

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.top is not None:
            self.top.handle_event(event)

    def update(self, dt: float) -> None:
        if self.top is not None:
            self.top.update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        start = 0
        for i, s in enumerate(self.scenes):
            if not s.overlay:
                start = i
        for s in self.scenes[start:]:
            s.draw(surface)
