"""Title screen: new game, continue the latest save, load a save, run a class, language,
presenter mode, quit."""
from __future__ import annotations

import pygame

from engine import ENGINE_VERSION

from .. import saves
from .. import theme as th
from ..widgets import draw as d
from .common import ctrl
from .stack import Scene


class TitleScene(Scene):
    name = "title"

    def enter(self) -> None:
        self.make_root()
        W, H = self.app.size
        self.latest = saves.latest(lang=self.app.lang)
        bw, bh, gap = 480, 46, 10
        x, y = (W - bw) // 2, 290
        self.button((x, y, bw, bh), f"{self.t('new_game')}  [N]", self.new_game, name="new", object_id="@primary")
        y += bh + gap
        if self.latest:
            suffix = "  " + self.t("continue_turn", turn=self.latest.turn, turns=self.latest.turns or "?") + "  [C]"
            head = self.t("continue") + self.t("colon")
            room = bw - 28 - self.text.size(head + suffix, th.S_BODY)[0]
            cont = head + self.text.fit(self.latest.title, max(60, room), th.S_BODY) + suffix
        else:
            cont = self.t("continue") + "  [C]"
        self.button((x, y, bw, bh), cont, self.continue_game, name="continue", enabled=self.latest is not None,
                    object_id="@big" if not self.latest else None)
        y += bh + gap
        self.button((x, y, bw, bh), f"{self.t('load_game')}  [L]", self.load_game, name="load", object_id="@big")
        y += bh + gap
        server = self.app.class_server
        running = server is not None and server.running
        self.button((x, y, bw, bh), f"{self.t('class_running' if running else 'run_class')}  [R]", self.run_class,
                    name="run_class", object_id="@big")
        y += bh + gap
        lang_w = (bw - 2 * gap) * 3 // 11
        pres_w = bw - 2 * (lang_w + gap)
        self.button((x, y, lang_w, bh), "English  [E]", lambda: self.set_lang("en"), name="lang_en",
                    object_id="@toggle")
        self.button((x + lang_w + gap, y, lang_w, bh), "中文  [Z]", lambda: self.set_lang("zh"), name="lang_zh",
                    object_id="@toggle")
        self.button((x + bw - pres_w, y, pres_w, bh), f"{self.t('presenter')}  [F3]", self.toggle_presenter,
                    name="presenter", object_id="@toggle")
        self.w["lang_en" if self.app.lang == "en" else "lang_zh"].select()
        if self.app.presenter:
            self.w["presenter"].select()
        y += bh + gap
        self.button((x, y, bw, bh), f"{self.t('quit')}  [Q]", self.app.quit, name="quit", object_id="@big")

    # actions -----------------------------------------------------------------
    def new_game(self) -> None:
        from .select import SelectScene
        self.app.stack.push(SelectScene(self.app))

    def continue_game(self) -> None:
        if self.latest is None:
            return
        why = self.app.resume_game(self.latest.path)
        if why:
            self.load_game()

    def load_game(self) -> None:
        from .load import LoadScene
        self.app.stack.push(LoadScene(self.app))

    def run_class(self) -> None:
        from .run_class import ClassScene
        self.app.stack.push(ClassScene(self.app))

    def toggle_presenter(self) -> None:
        self.app.set_presenter(not self.app.presenter)

    def set_lang(self, lang: str) -> None:
        self.app.set_lang(lang)

    # loop ----------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        if self.dispatch_ui(event):
            return
        if event.type != pygame.KEYDOWN or ctrl(event):
            return
        keys = {pygame.K_n: self.new_game, pygame.K_c: self.continue_game, pygame.K_l: self.load_game,
                pygame.K_e: lambda: self.set_lang("en"), pygame.K_z: lambda: self.set_lang("zh"),
                pygame.K_r: self.run_class, pygame.K_q: self.app.quit, pygame.K_RETURN: self.new_game}
        fn = keys.get(event.key)
        if fn:
            fn()

    def draw(self, surface: pygame.Surface) -> None:
        W, H = self.app.size
        tc = self.text
        pygame.draw.rect(surface, th.TOPBAR, (0, 0, W, 270))
        # a row of "accounts" as a quiet motif: stance chips from opposes to coach
        for i, v in enumerate((-1, 0, 1, 2, 3)):
            r = pygame.Rect(W // 2 - 5 * 70 // 2 + i * 70, 222, 60, 14)
            pygame.draw.rect(surface, th.stance_colour(v), r, border_radius=7)
        d.text(surface, tc, self.t("app_title"), (W // 2, 92), th.S_TITLE, (255, 255, 255), True, "center")
        d.text(surface, tc, self.t("app_subtitle"), (W // 2, 150), th.S_H1, (176, 196, 222), False, "center")
        d.text(surface, tc, self.t("tagline"), (W // 2, 192), th.S_LEAD, (214, 222, 234), False, "center")
        d.text(surface, tc, self.t("title_footer"), (W // 2, H - 40), th.S_SMALL, th.MUTED, anchor="center")
        d.text(surface, tc, f"engine {ENGINE_VERSION}", (W - 12, H - 12), 12, th.FAINT, anchor="bottomright")
