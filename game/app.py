"""The game window: display checks, the steppable main loop, and scene wiring.

    kaw play [SCENARIO]          ->  game.app.main(scenario: str | None) -> int
    python -m game.app [SCENARIO]

`App.tick(events)` processes one batch of events, updates and draws one frame; `run()`
calls it until the window closes. Tests and the screenshot tool drive `tick` directly.
"""
from __future__ import annotations

import os
import sys
import time
import warnings
from pathlib import Path

_T0 = time.perf_counter()

NO_DISPLAY = (
    "kaw play needs a graphical display, but {reason}.\n"
    "To play without a window, use the terminal version:\n"
    "    kaw run SCENARIO        (for example: kaw run tutorial)\n"
    "If a display is available, set DISPLAY (X11) or WAYLAND_DISPLAY, or SDL_VIDEODRIVER."
)


def display_problem() -> str | None:
    """Why no window can open here (None: try). On Linux and BSD a window needs an X11 or
    Wayland display unless SDL_VIDEODRIVER names another video driver."""
    if os.environ.get("SDL_VIDEODRIVER"):
        return None
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            return "no display was found (neither DISPLAY nor WAYLAND_DISPLAY is set)"
    return None


os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from . import settings  # noqa: E402
from . import theme as th  # noqa: E402
from .i18n import tr  # noqa: E402
from .scenes.stack import SceneStack  # noqa: E402
from .session import Session  # noqa: E402


DESKTOP_MARGIN = 64  # a title bar and a taskbar take this much of a desktop's height


def fitted_window(canvas: tuple[int, int], desktop: tuple[int, int]) -> tuple[int, int] | None:
    """The window size that shows the whole canvas on a desktop smaller than it (same
    aspect ratio, room left for a title bar and a taskbar), or None when it fits as is."""
    scale = min(desktop[0] / canvas[0], (desktop[1] - DESKTOP_MARGIN) / canvas[1])
    if scale >= 1.0:
        return None
    return max(int(canvas[0] * scale), 320), max(int(canvas[1] * scale), 180)


def fit_to_desktop(canvas: tuple[int, int]) -> None:
    """A 1280x720 window on a 1024x640 or 1366x768 screen ran off its edge (the End
    quarter button out of sight): open it scaled down to fit. SDL scales the canvas."""
    try:
        desktop = pygame.display.get_desktop_sizes()[0]
        window = pygame.Window.from_display_module()
    except (pygame.error, AttributeError, IndexError):
        return
    fitted = fitted_window(canvas, desktop)
    if fitted is not None:
        window.minimum_size = (320, 180)  # SCALED sets the canvas size as the minimum
        window.size = fitted


class App:
    """The window, the UI manager, the scene stack and the game session."""

    def __init__(self, scenario: str | None = None, lang: str = "en", seed: int | None = None,
                 size: tuple[int, int] = th.WINDOW):
        pygame.display.init()
        pygame.font.init()
        self.size = size
        # The UI is laid out on a 1280x720 canvas; SCALED lets SDL stretch it to any window
        # size (keeping the aspect ratio). pygame's default integer scaling would leave a
        # 1920x1080 projector at 1x with black borders, so ask for smooth, fractional scaling.
        # Headless (SDL's dummy/offscreen drivers) there is nothing to scale to.
        headless = os.environ.get("SDL_VIDEODRIVER", "") in ("dummy", "offscreen")
        if headless:
            self.screen = pygame.display.set_mode(size)
        else:
            os.environ.setdefault("SDL_HINT_RENDER_SCALE_QUALITY", "1")
            os.environ.setdefault("SDL_RENDER_SCALE_QUALITY", "linear")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")      # "no fast renderer available" on software SDL
                try:
                    self.screen = pygame.display.set_mode(size, pygame.RESIZABLE | pygame.SCALED)
                    fit_to_desktop(size)
                except pygame.error:
                    self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        pygame.display.set_caption("Key Account Wars — 大客户争夺战")
        self.settings = settings.load()
        self.fonts = th.Fonts(self.font_scale)
        self.text = th.TextCache(self.fonts)
        self.ui = th.make_manager(size, self.font_scale)
        self.stack = SceneStack()
        self.lang = lang
        self.seed = seed
        self.session: Session | None = None
        self.class_server = None       # a classroom server run from the title screen (a child process)
        self.running = True
        self.exit_code = 0
        self.frames = 0
        self.consumed = False          # did pygame_gui consume the event being handled?
        self.toast_text, self.toast_time = "", 0.0
        self.clock = pygame.time.Clock()
        self.first_frame_at: float | None = None
        self.scenario_arg = scenario
        from .scenes.title import TitleScene
        self.stack.reset(TitleScene(self))
        if scenario:
            self.new_game(scenario)

    # ------------------------------------------------------------------ helpers
    def t(self, key: str, **kw) -> str:
        return tr(self.lang, key, **kw)

    def set_lang(self, lang: str) -> None:
        """Switch language on any screen, mid-game too: the session is rebuilt in the new
        language on the same dice, every open scene is pointed at it (a half-made plan is
        kept: the form only swaps its observation), and the widgets are rebuilt."""
        if lang == self.lang:
            return
        self.lang = lang
        if self.session is not None and self.session.lang != lang:
            self.session = self.session.relanguage(lang)
            s = self.session
            for scene in self.stack.scenes:
                for attr, value in (("session", s), ("obs", s.obs), ("report", s.report), ("prev", s.prev_obs)):
                    if attr in vars(scene):
                        setattr(scene, attr, value)
                form = vars(scene).get("form")
                if form is not None:
                    form.obs = s.obs
                if "debrief" in vars(scene):
                    scene.debrief = s.match.debrief()
                    scene.review = None
                    scene.charts = {}
        scenes = self.stack.scenes
        for scene in scenes:
            scene.rebuild()
        # scenes under a full screen stay hidden, as the stack keeps them
        shown_from = max((i for i, sc in enumerate(scenes) if not sc.overlay), default=0)
        for scene in scenes[:shown_from]:
            scene.hide_widgets()

    def toggle_lang(self) -> None:
        self.set_lang("zh" if self.lang == "en" else "en")

    @property
    def presenter(self) -> bool:
        return self.settings.presenter

    @property
    def font_scale(self) -> float:
        return th.PRESENTER_SCALE if self.settings.presenter else 1.0

    def set_presenter(self, on: bool) -> None:
        """Presenter mode on or off, on any screen (F3), remembered for the next run: every
        text is drawn larger and every screen rebuilt around it."""
        if on == self.presenter:
            return
        self.settings.presenter = on
        settings.store(self.settings)
        self.fonts.scale = self.font_scale
        self.text.clear()
        th.set_widget_scale(self.ui, self.font_scale)
        scenes = self.stack.scenes
        for scene in scenes:
            scene.rebuild()
            if hasattr(scene, "dirty"):
                scene.dirty = True
        shown_from = max((i for i, sc in enumerate(scenes) if not sc.overlay), default=0)
        for scene in scenes[:shown_from]:
            scene.hide_widgets()
        self.toast(self.t("presenter_on" if on else "presenter_off"))

    def toast(self, message: str, seconds: float = 3.0) -> None:
        self.toast_text, self.toast_time = message, seconds

    # ------------------------------------------------------------------ flow
    def new_game(self, scenario: str) -> None:
        from .scenes.briefing import BriefingScene
        self.session = Session.new(scenario, self.lang, self.seed)
        self.stack.push(BriefingScene(self))

    def resume_game(self, path: Path) -> str | None:
        """Open a saved game at the next planning screen (or its debrief). Returns the
        reason if it cannot be opened (the file is left as it is)."""
        from engine.replay import ReplayError

        from .save_reasons import reason
        from .scenes.debrief import DebriefScene
        from .scenes.planning import PlanningScene
        from .scenes.title import TitleScene
        try:
            self.session = Session.resume(Path(path), self.lang)
        except ReplayError as exc:
            return reason(exc, self.t)
        nxt = DebriefScene(self) if self.session.done else PlanningScene(self)
        self.stack.reset(TitleScene(self), nxt)
        return None

    def to_title(self) -> None:
        from .scenes.title import TitleScene
        self.stack.reset(TitleScene(self))

    def save(self) -> bool:
        if self.session is None:
            return False
        ok = self.session.save()
        self.toast(self.t("saved_to", path=self.session.save_message) if ok
                   else self.t("save_failed", why=self.session.save_message), 4.0)
        return ok

    def quit(self) -> None:
        self.stop_class()
        self.running = False

    def stop_class(self) -> None:
        """Stop the classroom server this game started, if any (never leave it orphaned)."""
        if self.class_server is not None:
            self.class_server.stop()

    # ------------------------------------------------------------------ loop
    def tick(self, events: list[pygame.event.Event] | None = None, dt: float | None = None) -> bool:
        """One frame: events (default: the pygame queue), update, draw, flip."""
        if events is None:
            events = pygame.event.get()
        if dt is None:
            dt = 1 / 60
        for event in events:
            if event.type == pygame.QUIT:         # window closed: keep what was played
                if self.session is not None:
                    self.session.save()
                self.quit()
                continue
            if event.type == pygame.KEYDOWN and event.key == pygame.K_F3:
                self.set_presenter(not self.presenter)
                continue
            if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
                try:
                    pygame.display.toggle_fullscreen()
                except pygame.error:
                    pass
                continue
            self.consumed = bool(self.ui.process_events(event))
            self.stack.handle_event(event)
            self.consumed = False
        self.stack.update(dt)
        self.ui.update(dt)
        if self.toast_time > 0:
            self.toast_time = max(0.0, self.toast_time - dt)
        self.render(self.screen)
        pygame.display.flip()
        self.frames += 1
        if self.first_frame_at is None:
            self.first_frame_at = time.perf_counter()
        return self.running

    def render(self, surface: pygame.Surface) -> None:
        """Paint a frame (no state changes)."""
        surface.fill(th.BG)
        self.stack.draw(surface)
        self.ui.draw_ui(surface)
        if self.stack.top is not None:
            self.stack.top.draw_over(surface)
        if self.toast_time > 0 and self.toast_text:
            self._draw_toast(surface)

    def _draw_toast(self, surface: pygame.Surface) -> None:
        msg = self.text.fit(self.toast_text, self.size[0] - 200, th.S_BODY)
        img = self.text.render(msg, th.S_BODY, (255, 255, 255))
        r = img.get_rect(midbottom=(self.size[0] // 2, self.size[1] - 40)).inflate(28, 14)
        pygame.draw.rect(surface, th.TOPBAR, r, border_radius=8)
        surface.blit(img, img.get_rect(center=r.center))

    def run(self) -> int:
        exit_after_first = os.environ.get("KAW_EXIT_AFTER_FIRST_FRAME") == "1"
        while self.running:
            dt = self.clock.tick(60) / 1000.0
            self.tick(dt=min(dt, 0.1))
            if exit_after_first:
                print(f"first frame after {self.first_frame_at - _T0:.3f} s (from import of game.app)")
                break
        return self.exit_code

    def screenshot(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.screen, str(path))
        return path


def main(scenario: str | None = None, lang: str = "en", seed: int | None = None) -> int:
    """Open the game window (optionally straight into SCENARIO's briefing).
    Returns a process exit code: 0 normal, 1 bad scenario, 2 no display."""
    reason = display_problem()
    if reason is not None:
        print(NO_DISPLAY.format(reason=reason), file=sys.stderr)
        return 2
    if scenario:
        from engine import ScenarioError, load_scenario
        try:
            load_scenario(scenario)
        except ScenarioError as exc:
            print(f"cannot play '{scenario}':\n{exc}", file=sys.stderr)
            return 1
    try:
        app = App(scenario, lang=lang, seed=seed)
    except pygame.error as exc:
        print(NO_DISPLAY.format(reason=f"the window could not open ({exc})"), file=sys.stderr)
        return 2
    try:
        return app.run()
    finally:
        app.stop_class()
        pygame.quit()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else None))
