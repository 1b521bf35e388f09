"""Run a class (title screen): choose scenario, teams, mode, minutes and port, start the
classroom server as a child process (game/class_server.py) in the game's language, then
show the room how to join — the address, a QR code of it, each team's code — and the
trainer's console link.

The server keeps running while the trainer goes back to the title (the entry then opens
this screen on the running class); "End the class" or quitting the game stops it.
"""
from __future__ import annotations

import webbrowser

import pygame

from engine import ScenarioError, load_scenario, shipped, text_of

from .. import theme as th
from ..class_server import ClassServer, ClassSetup, port_free
from ..widgets import draw as d
from .common import FOOT_Y, TOP_H, footer
from .stack import Scene

ROWS = ("scenario", "teams", "mode", "minutes", "port")
MINUTES = (0, 5, 8, 10, 12, 15, 20, 30)
FORM = pygame.Rect(24, TOP_H + 84, 720, 5 * 62)
NOTE = pygame.Rect(770, TOP_H + 20, 486, 520)


def qr_matrix(text: str) -> list[list[bool]] | None:
    """The QR code's modules, if segno (the classroom's own QR library) is installed."""
    try:
        import segno
    except ImportError:
        return None
    return [[bool(v) for v in row] for row in segno.make(text, error="m").matrix]


class ClassScene(Scene):
    name = "class"

    def __init__(self, app):
        super().__init__(app)
        self.setup = ClassSetup()
        self.scenarios = []
        for sid in shipped():
            try:
                self.scenarios.append((sid, load_scenario(sid)))
            except ScenarioError:
                continue
        ids = [sid for sid, _ in self.scenarios]
        if self.setup.scenario not in ids and ids:
            self.setup.scenario = ids[0]
        self.row = 0
        self.error = ""
        self.browser = True          # tests turn it off: the console is not opened
        self._qr: tuple[str, list] | None = None
        self._was_running = self.running
        if self.server is not None:
            self.setup = self.server.setup

    @property
    def server(self) -> ClassServer | None:
        return self.app.class_server

    @property
    def running(self) -> bool:
        return self.server is not None and self.server.running

    # widgets -----------------------------------------------------------------
    def enter(self) -> None:
        self.make_root()
        W, H = self.app.size
        self.button((24, FOOT_Y - 62, 180, 46), f"{self.t('back')}  [Esc]", self.back, name="back")
        if self.running:
            self.button((W - 560, FOOT_Y - 62, 250, 46), f"{self.t('class_open_console')}  [O]", self.open_console,
                        name="console")
            self.button((W - 294, FOOT_Y - 62, 270, 46), f"{self.t('class_end')}  [E]", self.end_class,
                        name="end", object_id="@danger")
            return
        for i, row in enumerate(ROWS):
            y = FORM.y + i * 62 + 8
            self.button((FORM.x + 250, y, 44, 40), "<", lambda r=row: self.change(r, -1), name=f"{row}_prev")
            self.button((FORM.right - 44, y, 44, 40), ">", lambda r=row: self.change(r, +1), name=f"{row}_next")
        self.button((W - 344, FOOT_Y - 62, 320, 46), f"{self.t('class_start')}  [Enter]", self.start, name="start",
                    object_id="@primary")

    # actions -----------------------------------------------------------------
    def back(self) -> None:
        self.app.stack.pop()

    def change(self, row: str, step: int) -> None:
        s = self.setup
        self.row = ROWS.index(row)
        if row == "scenario" and self.scenarios:
            ids = [sid for sid, _ in self.scenarios]
            s.scenario = ids[(ids.index(s.scenario) + step) % len(ids)]
        elif row == "teams":
            s.teams = min(max(s.teams + step, 1), self.most_teams())
        elif row == "mode":
            s.mode = "market" if s.mode == "parallel" else "parallel"
        if row in ("scenario", "mode"):
            s.teams = min(s.teams, self.most_teams())
        elif row == "minutes":
            i = MINUTES.index(s.minutes) if s.minutes in MINUTES else 0
            s.minutes = MINUTES[min(max(i + step, 0), len(MINUTES) - 1)]
        elif row == "port":
            s.port = min(max(s.port + step, 1024), 65535)

    def most_teams(self) -> int:
        """How many teams the class can have: in one market, one team per supplier of the
        scenario (the server refuses more, in English: said here in the game's words)."""
        sc = dict(self.scenarios).get(self.setup.scenario)
        return len(sc.sides) if self.setup.mode == "market" and sc is not None else 60

    def start(self) -> None:
        """Start the server in the game's language, unless the port is taken or the market
        has too few suppliers for the teams (said in words, nothing started)."""
        if self.running:
            return
        s = self.setup
        s.lang = self.app.lang
        self.error = ""
        if s.teams > self.most_teams():
            self.error = self.t("class_market_teams", n=self.most_teams())
            return
        if not port_free(s.host, s.port):
            self.error = self.t("class_port_busy", port=s.port)
            return
        try:
            self.app.class_server = ClassServer.start(s, browser=self.browser)
        except OSError as exc:
            self.error = self.t("class_cannot_start", why=exc.strerror or str(exc))
            return
        self._was_running = True
        self.rebuild()

    def open_console(self) -> None:
        if self.server is not None and self.server.console:
            webbrowser.open(self.server.console)

    def end_class(self) -> None:
        self.app.stop_class()
        self.error = ""
        self._was_running = False
        self.app.toast(self.t("class_ended"))
        self.rebuild()

    # loop ----------------------------------------------------------------------
    def update(self, dt: float) -> None:
        if self._was_running and not self.running:
            # the server stopped by itself: say why, in words, and offer the form again
            srv = self.server
            code = srv.exit_code() if srv else None
            why = srv.last_words() if srv else ""
            self.error = self.t("class_failed", why=why) if why else self.t("class_failed_unknown", code=code)
            self._was_running = False
            self.rebuild()

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.dispatch_ui(event) or event.type != pygame.KEYDOWN:
            return
        k = event.key
        if k == pygame.K_ESCAPE:
            self.back()
        elif k == pygame.K_F2:
            self.app.toggle_lang()
        elif self.running:
            if k == pygame.K_o:
                self.open_console()
            elif k == pygame.K_e:
                self.end_class()
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.start()
        elif k in (pygame.K_UP, pygame.K_DOWN):
            self.row = (self.row + (1 if k == pygame.K_DOWN else -1)) % len(ROWS)
        elif k in (pygame.K_LEFT, pygame.K_RIGHT):
            self.change(ROWS[self.row], 1 if k == pygame.K_RIGHT else -1)

    # painting --------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        W, H = self.app.size
        tc = self.text
        pygame.draw.rect(surface, th.TOPBAR, (0, 0, W, TOP_H))
        head = self.t("class_running") if self.running else self.t("class_title")
        d.text(surface, tc, head, (16, TOP_H // 2), th.S_H2, th.TOPBAR_INK, True, "midleft", max_w=W - 32)
        if self.running:
            self.draw_running(surface)
            footer(self, surface, self.t("class_keys_running"))
        else:
            self.draw_form(surface)
            footer(self, surface, self.t("class_keys"))

    def value_of(self, row: str) -> str:
        s = self.setup
        if row == "scenario":
            sc = dict(self.scenarios).get(s.scenario)
            return text_of(sc.title, self.app.lang) if sc else s.scenario
        if row == "teams":
            return str(s.teams)
        if row == "mode":
            return self.t(f"class_mode_{s.mode}")
        if row == "minutes":
            return str(s.minutes) if s.minutes else self.t("class_no_timer")
        return str(s.port)

    def draw_form(self, surface: pygame.Surface) -> None:
        tc = self.text
        d.paragraph(surface, tc, self.t("class_intro"), pygame.Rect(FORM.x, TOP_H + 16, FORM.width, 64), th.S_BODY,
                    th.MUTED)
        for i, row in enumerate(ROWS):
            r = pygame.Rect(FORM.x, FORM.y + i * 62, FORM.width, 56)
            sel = i == self.row
            pygame.draw.rect(surface, th.SELECT if sel else th.PANEL, r, border_radius=8)
            pygame.draw.rect(surface, th.ACCENT if sel else th.BORDER, r, 2 if sel else 1, border_radius=8)
            d.text(surface, tc, self.t(f"class_{row}"), (r.x + 14, r.centery), th.S_LEAD, th.INK, True, "midleft",
                   max_w=230)
            box = pygame.Rect(r.x + 302, r.y + 4, r.width - 302 - 56, r.height - 8)
            need = d.fit_text(surface, tc, self.value_of(row), box, th.S_LEAD, draw=False, bold=True)
            if need is not None:              # one line: centred in the row
                box.y = r.centery - need.height // 2
            d.fit_text(surface, tc, self.value_of(row), box, th.S_LEAD, th.INK, True)
        note = self.t(f"class_mode_{self.setup.mode}_note") + "\n\n" + self.t("class_quit_note")
        y = d.paragraph(surface, tc, note, pygame.Rect(NOTE.x, FORM.y, NOTE.width, 200), th.S_BODY, th.MUTED)
        if self.error:
            d.paragraph(surface, tc, self.error, pygame.Rect(NOTE.x, y + 16, NOTE.width, 200), th.S_BODY, th.BAD,
                        True)

    def draw_running(self, surface: pygame.Surface) -> None:
        tc, srv = self.text, self.server
        x, w = 24, 720
        y = TOP_H + 20
        if not srv.ready:
            d.text(surface, tc, self.t("class_starting"), (x, y), th.S_H2, th.MUTED, True, max_w=w)
            return
        d.text(surface, tc, self.t("class_join_at"), (x, y), th.S_LEAD, th.INK, True, max_w=w)
        y += tc.size("Ag", th.S_LEAD)[1] + 6
        y = d.text(surface, tc, srv.join, (x, y), th.S_H1, th.ACCENT, True, max_w=w).bottom + 18
        d.text(surface, tc, self.t("class_codes"), (x, y), th.S_LEAD, th.INK, True, max_w=w)
        y += tc.size("Ag", th.S_LEAD)[1] + 8
        col_w = w // 2
        pitch = tc.size("Ag", th.S_H2)[1] + 6
        rows = max(1, (FOOT_Y - 160 - y) // pitch)
        for i, (team, code) in enumerate(srv.codes):
            cx, cy = x + (i // rows) * col_w, y + (i % rows) * pitch
            if i // rows >= 2:
                break
            d.text(surface, tc, f"{team}   {code}", (cx, cy), th.S_H2, th.INK, True, max_w=col_w - 12)
        y = FOOT_Y - 164
        d.text(surface, tc, self.t("class_console"), (x, y), th.S_BODY, th.MUTED, True, max_w=w)
        y += tc.size("Ag", th.S_BODY)[1] + 4
        y = d.text(surface, tc, srv.console, (x, y), th.S_SMALL, th.MUTED, max_w=w, name=True).bottom + 4
        d.text(surface, tc, self.t("class_store", path=srv.store), (x, y), th.S_SMALL, th.FAINT, max_w=w,
               name=True)
        self.draw_qr(surface, srv.join)

    def draw_qr(self, surface: pygame.Surface, url: str) -> None:
        if self._qr is None or self._qr[0] != url:
            self._qr = (url, qr_matrix(url) or [])
        matrix = self._qr[1]
        if not matrix:
            return
        n = len(matrix) + 8                        # four modules of quiet zone each side
        cell = max(1, min(NOTE.width, FOOT_Y - 90 - NOTE.y) // n)
        side = cell * n
        r = pygame.Rect(NOTE.x + (NOTE.width - side) // 2, NOTE.y, side, side)
        pygame.draw.rect(surface, (255, 255, 255), r)
        for j, row in enumerate(matrix):
            for i, dark in enumerate(row):
                if dark:
                    pygame.draw.rect(surface, (0, 0, 0), (r.x + (i + 4) * cell, r.y + (j + 4) * cell, cell, cell))
