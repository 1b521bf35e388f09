"""Planning: the portfolio, the buying center of the selected account person by person
(each person's card carries the rep days and executive visits planned for them), the
account's other levers, live remaining capacity, inline problems, news, and End quarter.

Everything custom-drawn is painted into one cached canvas when something changed (a new
observation, another account selected, a lever moved); a frame only blits it and lets
pygame_gui paint the widgets. Widgets are rebuilt only when the selected account changes.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass

import pygame
import pygame_gui

from engine import OrderError
from engine.stance_scale import step as stance_step

from .. import theme as th
from ..i18n import industry as industry_name
from ..orders_form import OrdersForm, sort_problems, visitable
from ..widgets import draw as d
from ..widgets.hover import HoverTips
from . import planning_tips as tips
from .common import FOOT_Y, TOP_H, footer, game_keys, step_key, topbar, topbar_buttons
from .stack import CanvasScene

# layout at 1280x720 ------------------------------------------------------------------
LEFT = pygame.Rect(10, TOP_H + 8, 280, FOOT_Y - TOP_H - 16)
BC = pygame.Rect(298, TOP_H + 8, 580, 452)                       # the buying center, one card per person
LV = pygame.Rect(298, BC.bottom + 6, 580, FOOT_Y - 8 - BC.bottom - 6)   # the account's other levers
ACCT = pygame.Rect(BC.x, BC.y, BC.width, LV.bottom - BC.y)       # holds the selected account's widgets
CAP = pygame.Rect(886, TOP_H + 8, 384, 212)   # meters, the spread button, then problems
CO = pygame.Rect(886, CAP.bottom + 6, 384, 172)
NEWS = pygame.Rect(886, CO.bottom + 6, 384, 140)
END = pygame.Rect(886, NEWS.bottom + 6, 384, FOOT_Y - 8 - NEWS.bottom - 6)

LEVEL_ORDER = ("decision", "management", "operational")
# a person's card (x inside the card): the text, the stance column, the days slider with its
# value, the executive-visit stepper
CARD_X, CARD_W = BC.x + 8, BC.width - 16
COL_B, COL_B_W = 178, 154
SL_X, SL_W, VAL_X = 340, 100, 444
ST_X = 496                   # visit stepper: − at ST_X, the count, + at ST_X + 40
CTRL_H = 24
CARD_MAX, CARD_FULL, CARD_MIN = 72, 62, 42   # card pitch: at most, at least for three lines of text, at least
# the account's other levers (y inside the lever panel)
ROW0, ROWH = 38, 34          # first slider row and row pitch
TOG_PITCH = 33               # on/off levers in the right column
COLB = 372                   # x of the second lever column inside the lever panel
MONEY_STEP = 0.05
DAY_STEP = 5
PAY_PLANS = ("commission", "balanced", "salary")
TIP_DELAY = 0.5              # seconds the mouse rests on a chip or number before its tip shows

# Keyboard focus: the lever rows in reading order, ←/→ move along them, ↑/↓ move to the lever
# above or below (person to person on the cards), Tab / Shift+Tab jump to the next / previous
# person, +/- step the focused lever (Space flips an on/off lever). Per person: "days:<id>"
# and, at management and decision level, "visit:<id>". Then the account's other levers, then
# the company's. A slider steps exactly as a click on its arrow does.
LOWER_LEFT = ("service", "price", "solution")
FOCUS_TOGGLES = ("team", "intel", "jv", "drop")
ACCT_LOWER = LOWER_LEFT + FOCUS_TOGGLES
COMPANY_FOCUS = ("pay", "training", "quality", "hire")
FOCUS_SLIDERS = {"service": "acct_service", "price": "acct_price", "solution": "acct_solution",
                 "training": "training", "quality": "quality"}
# widget name -> the focus row it belongs to (a mouse use of a lever moves the focus there)
FOCUS_OF = {name: key for key, name in FOCUS_SLIDERS.items()}
FOCUS_OF.update({f"acct_{k}": k for k in FOCUS_TOGGLES})
FOCUS_OF.update({f"pay_{p}": "pay" for p in PAY_PLANS})
FOCUS_OF.update(hire_minus="hire", hire_plus="hire")


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def short_name(name: str) -> str:
    """A company's name as the crowded lines show it: its first word ("Hongye Furnaces" ->
    "Hongye"); a name without spaces (Chinese) up to its bracket."""
    return name.split(" ")[0].split("（")[0].split("(")[0] or name


def stance_number(v: float) -> str:
    """A stance to one decimal, or two where one would round across a step of the scale
    (1.49 is "supports": written 1.49, not 1.5, which would read as "prefers")."""
    out = f"{v:.1f}"
    if stance_step(float(out)) != stance_step(v):
        out = f"{(math.floor(v * 100) if float(out) > v else math.ceil(v * 100)) / 100:.2f}"
    return out


def person_of(key: str) -> tuple[str, str] | None:
    """("days" | "visit", person id) for a per-person focus key, else None."""
    kind, sep, kid = key.partition(":")
    return (kind, kid) if sep and kind in ("days", "visit") else None


def focus_of_widget(name: str | None) -> str | None:
    if name is None:
        return None
    if name.startswith("acct_days_"):
        return "days:" + name.removeprefix("acct_days_")
    if name.startswith("acct_visit_"):
        return "visit:" + name.removeprefix("acct_visit_").removesuffix("_minus").removesuffix("_plus")
    return FOCUS_OF.get(name)


@dataclass(frozen=True)
class Card:
    person: object            # StakeholderView
    rect: pygame.Rect         # on screen
    compact: bool             # two lines of text instead of three

    @property
    def ctrl_y(self) -> int:  # top of the card's slider and stepper
        return self.rect.centery - CTRL_H // 2


class PlanningScene(CanvasScene):
    name = "planning"

    def __init__(self, app):
        super().__init__(app)
        self.session = app.session
        self.obs = self.session.obs
        self.form = OrdersForm(self.obs, self.session.last_orders())
        live = [a.id for a in self.obs.accounts if not a.dropped]
        self.selected = live[0] if live else self.obs.accounts[0].id
        self.problems = []
        self.dirty = True
        self.hover: str | None = None
        self.scroll = 0
        self.card_rects: dict[str, pygame.Rect] = {}
        self.chip_rects: dict[tuple[str, str], pygame.Rect] = {}
        self.person_rects: dict[tuple[str, str], pygame.Rect] = {}
        self.flash = ""
        self.colours = {self.obs.side: th.US}
        self.colours.update({r.id: th.side_colour(i + 1) for i, r in enumerate(self.obs.rivals)})
        self.acct_root = None
        self._layout_cache: dict[str, tuple] = {}     # per account: the buying center's geometry
        self._legend = None
        self.coach = None                     # the guided first quarter (scenes/guide.py)
        self.tips = HoverTips()               # hover tips of the painted chips and numbers
        self.mouse: tuple[int, int] | None = None
        self.still = 0.0                      # seconds the mouse has rested there (tips wait TIP_DELAY)
        self.focus = self.focus_keys()[0]     # the lever the keyboard adjusts
        self._check()

    # ------------------------------------------------------------------ layout
    def people(self, aid: str) -> list:
        """The account's people as the cards show them: decision level first."""
        a = self.obs.account(aid)
        return sorted(a.stakeholders, key=lambda p: LEVEL_ORDER.index(p.level))

    def rival_summaries(self, aid: str) -> list[tuple[str, str]]:
        """(rival id, "Hongye 28 d, exec 1, svc 2, cut 0%") for each rival seen here."""
        a, t = self.obs.account(aid), self.t
        out = []
        if not (a.visible and a.rival_activity):
            return out
        for rid, act in a.rival_activity.items():
            name = short_name(next((r.name for r in self.obs.rivals if r.id == rid), rid))
            days = sum(act["days"].values()) if isinstance(act.get("days"), dict) else 0.0
            out.append((rid, t("rivals_seen", name=name, d=f"{days:.0f}", e=f"{act['exec_visits']:.0f}",
                                s=f"{act['service']:.0f}", p=th.pct(act['price_cut']))))
        return out

    def layout(self, aid: str) -> tuple[list[list[tuple[str, str]]], int, list[Card]]:
        """The buying center's geometry for one account: the rivals' lines (at most three), the
        y of the column headings, and one card per person."""
        hit = self._layout_cache.get(aid)
        if hit is not None:
            return hit
        tc = self.text
        x_start = BC.x + 12 + tc.size(self.t("rivals_last"), th.S_SMALL, True)[0] + 8
        lines: list[list[tuple[str, str]]] = [[]]
        rx = x_start
        for rid, line in self.rival_summaries(aid):
            w = tc.size(line, th.S_SMALL)[0]
            if lines[-1] and rx + w > BC.right - 12:
                if len(lines) == 3:
                    break
                lines.append([])
                rx = x_start
            lines[-1].append((rid, line))
            rx += w + 14
        if not lines[0] and tc.size(self.t("rivals_hidden"), th.S_SMALL)[0] > BC.width - 24:
            lines.append([])          # "rivals' moves hidden…" on two lines (large type)
        people = self.people(aid)
        pitch_y = self.rival_pitch()
        while True:       # a third line of rivals only while the cards keep their least pitch
            head_y = BC.y + 74 + pitch_y * (len(lines) - 1)
            top, bottom = head_y + 20, BC.bottom - 6
            pitch = min(CARD_MAX, (bottom - top) // max(1, len(people)))
            if pitch >= CARD_MIN or len(lines) <= 2:
                break
            lines.pop()
        compact = pitch < CARD_FULL
        cards = [Card(p, pygame.Rect(CARD_X, top + i * pitch, CARD_W, pitch - 4), compact)
                 for i, p in enumerate(people)]
        out = (lines, head_y, cards)
        self._layout_cache[aid] = out
        return out

    def rival_pitch(self) -> int:
        """Lines of small text one under the other, whatever the type size."""
        return max(16, self.text.size("Ag", th.S_SMALL)[1] - 4)

    def cards(self, aid: str | None = None) -> list[Card]:
        return self.layout(aid or self.selected)[2]

    def card_of(self, kid: str) -> Card | None:
        return next((c for c in self.cards() if c.person.id == kid), None)

    # ------------------------------------------------------------------ widgets
    def enter(self) -> None:
        self.make_root()
        t = self.t
        topbar_buttons(self)
        # capacity
        self.button((CAP.right - 118, CAP.y + 6, 108, 26), t("reset_plan"), self.reset_plan, name="reset",
                    object_id="@small")
        spread_w = max(200, self.text.size(t("spread_plan"), th.S_SMALL)[0] + 16)
        self.button((CAP.x + 12, CAP.y + 138, spread_w, 26), t("spread_plan"), self.spread_plan, name="spread",
                    object_id="@small", tooltip=t("tip_spread"))
        # company levers
        x = CO.x + 12
        for i, plan in enumerate(PAY_PLANS):
            self.button((x + i * 122, CO.y + 36, 116, 30), t(f"pay_{plan}"), lambda p=plan: self.set_pay(p),
                        name=f"pay_{plan}", object_id="@toggle", tooltip=t("tip_pay"))
        steps = int(max(self.obs.budget, 0.0) / MONEY_STEP)  # 0: a disabled slider
        self.slider((x + 112, CO.y + 74, 176, 28), round(self.form.training / MONEY_STEP), 0, steps,
                    lambda v: self.set_money("training", v), name="training")
        self.slider((x + 112, CO.y + 108, 176, 28), round(self.form.quality / MONEY_STEP), 0, steps,
                    lambda v: self.set_money("quality", v), name="quality")
        self.button((x + 112, CO.y + 140, 30, 28), "−", lambda: self.step_hire(-1), name="hire_minus",
                    object_id="@step", tooltip=t("tip_hire"))
        self.button((x + 180, CO.y + 140, 30, 28), "+", lambda: self.step_hire(+1), name="hire_plus",
                    object_id="@step", tooltip=t("tip_hire"))
        # news
        self.textbox((NEWS.x, NEWS.y + 30, NEWS.width, NEWS.height - 30), self.news_html(), name="news")
        # end turn
        turn = self.obs.turn + 1
        self.button((END.x, END.bottom - 54, END.width, 54), f"{t('end_turn', t=turn)}  ▶   [Enter]",
                    self.end_turn, name="end_turn", object_id="@primary")
        self._refresh_company()
        self.build_account_levers()
        self._check()
        from .guide import Coach
        self.coach = Coach(self)
        self.coach.build()

    def build_account_levers(self) -> None:
        """(Re)build the lever widgets of the selected account: each person's days slider and
        executive-visit stepper on their card, then the account's other levers."""
        if self.acct_root is not None:
            self.acct_root.kill()
        for k in [k for k in self.w if k.startswith("acct_")]:
            self.w.pop(k)
        self.acct_root = pygame_gui.core.UIContainer(ACCT.copy(), self.ui, container=self.root)
        c, t, aid, obs = self.acct_root, self.t, self.selected, self.obs
        acc = obs.account(aid)
        if acc.dropped:
            return
        f = self.form
        cap_days = f.days_capacity
        for card in self.cards():
            p, r = card.person, card.rect
            x, y = r.x - ACCT.x, card.ctrl_y - ACCT.y
            self.slider((x + SL_X, y, SL_W, CTRL_H), int(round(f.days[aid][p.id])), 0, cap_days,
                        lambda v, kid=p.id: self.set_days(kid, v), step=DAY_STEP, name=f"acct_days_{p.id}",
                        container=c)
            if visitable(p):
                self.button((x + ST_X, y, 22, CTRL_H), "−", lambda kid=p.id: self.step_visit(kid, -1),
                            name=f"acct_visit_{p.id}_minus", container=c, object_id="@step", tooltip=t("tip_exec"))
                self.button((x + ST_X + 40, y, 22, CTRL_H), "+", lambda kid=p.id: self.step_visit(kid, +1),
                            name=f"acct_visit_{p.id}_plus", container=c, object_id="@step", tooltip=t("tip_exec"))
        x0, y0 = 12, LV.y - ACCT.y + ROW0
        rows = [
            ("acct_service", f.service[aid], 0, int(obs.service_capacity), 1,
             lambda v: self.set_field("service", v)),
            ("acct_price", round(f.price_cut[aid] * 100), 0, int(round(obs.max_price_cut * 100)), 1,
             lambda v: self.set_field("price_cut", v / 100)),
            ("acct_solution", round(f.solution[aid] / MONEY_STEP), 0, int(max(obs.budget, 0.0) / MONEY_STEP), 1,
             lambda v: self.set_field("solution", v * MONEY_STEP)),
        ]
        for i, (name, value, lo, hi, step, cb) in enumerate(rows):
            self.slider((x0 + 118, y0 + i * ROWH, 160, 28), int(round(value)), lo, hi, cb, step=step, name=name,
                        container=c)
        x1, w1 = COLB, LV.width - COLB - 12
        y = y0
        team, team_tip = self.priced(t("team_toggle"), obs.costs["team"], w1, t("tip_team"))
        self.button((x1, y, w1, 30), team, lambda: self.toggle("teams"),
                    name="acct_team", container=c, object_id="@toggle", tooltip=team_tip)
        intel, intel_tip = self.priced(t("intel_toggle"), obs.costs["intelligence"], w1, t("tip_intel"))
        self.button((x1, y + TOG_PITCH, w1, 30), intel,
                    lambda: self.toggle("intel"), name="acct_intel", container=c, object_id="@toggle",
                    tooltip=intel_tip)
        jv_tip = t("tip_jv")
        if acc.allied:
            jv = t("jv_formed") + " ✓"
        elif acc.alliance_open:
            jv, jv_tip = self.priced(t("propose_jv"), acc.alliance_cost, w1, jv_tip)
        else:
            jv = t("jv_closed")
        self.button((x1, y + 2 * TOG_PITCH, w1, 30), self.fit_label(jv, w1), self.toggle_jv,
                    name="acct_jv", container=c, object_id="@toggle", tooltip=jv_tip,
                    enabled=acc.alliance_open and not acc.allied)
        self.button((x1, y + 3 * TOG_PITCH, w1, 30), t("drop_account"), self.ask_drop, name="acct_drop", container=c,
                    object_id="@danger", tooltip=t("tip_drop"))
        self._refresh_account_buttons()

    def _refresh_account_buttons(self) -> None:
        aid, f = self.selected, self.form
        for name, on in (("acct_team", aid in f.teams), ("acct_intel", aid in f.intel), ("acct_jv", f.alliance == aid)):
            b = self.w.get(name)
            if b is not None:
                b.select() if on else b.unselect()
        b = self.w.get("acct_drop")
        if b is not None:
            b.set_text(self.t("undo_drop") if aid in f.drop else self.t("drop_account"))
        room = f.meters()["visits"].left >= 1
        for kid, n in f.visits[aid].items():
            minus, plus = self.w.get(f"acct_visit_{kid}_minus"), self.w.get(f"acct_visit_{kid}_plus")
            if minus is not None:
                minus.enable() if n > 0 else minus.disable()
                plus.enable() if room and n < self.obs.exec_visits else plus.disable()

    def _refresh_company(self) -> None:
        for plan in PAY_PLANS:
            b = self.w[f"pay_{plan}"]
            b.select() if self.form.pay_plan == plan else b.unselect()
        self.w["hire_minus"].enable() if self.form.hire > 0 else self.w["hire_minus"].disable()
        if self.form.hire < self.obs.free_rep_slots:
            self.w["hire_plus"].enable()
        else:
            self.w["hire_plus"].disable()

    def news_html(self) -> str:
        t, obs = self.t, self.obs
        parts = [f"<font color='#C46E00'><b>{esc(self.coming_line(c))}</b></font>" for c in obs.coming]
        for n in obs.news:
            body = f" — {esc(n.text)}" if n.text else ""
            parts.append(f"<font color='#586374'>{t('q', n=n.turn)}</font> <b>{esc(n.title)}</b>{body}")
        return "<br>".join(parts) if parts else f"<font color='#586374'>{t('no_news')}</font>"

    def coming_line(self, c) -> str:
        """"Coming in quarter 4: Huaxin Steel tenders half its volume (announced)"."""
        src = self.t("coming_public") if c.source == "public" else self.t("coming_coach", who=c.who)
        return self.t("coming_line", q=c.turn, title=c.title, src=src)

    # ------------------------------------------------------------------ form changes
    def changed(self) -> None:
        self.flash = ""
        self._check()
        self.dirty = True

    def _check(self) -> None:
        ids = [a.id for a in self.obs.accounts]
        self.problems = sort_problems(self.session.check(self.form.to_orders()), ids, self.app.lang)
        b = self.w.get("end_turn")
        if b is not None:
            b.disable() if self.problems else b.enable()

    def set_days(self, kid: str, v: float) -> None:
        self.form.set_days(self.selected, kid, v)
        self.changed()

    def set_field(self, field: str, v: float) -> None:
        aid, f = self.selected, self.form
        if field == "service":
            f.set_service(aid, v)
        elif field == "price_cut":
            f.set_price_cut(aid, v)
        elif field == "solution":
            f.set_solution(aid, v)
        self.changed()

    def set_money(self, field: str, steps: float) -> None:
        self.form.set_money(field, steps * MONEY_STEP)
        self.changed()

    def step_visit(self, kid: str, delta: int) -> None:
        f = self.form
        f.set_visits(self.selected, kid, f.visits[self.selected][kid] + delta)
        self.changed()
        self._refresh_account_buttons()

    def step_hire(self, delta: int) -> None:
        self.form.set_hire(self.form.hire + delta)
        self._refresh_company()
        self.changed()

    def set_pay(self, plan: str) -> None:
        self.form.pay_plan = plan
        self._refresh_company()
        self.changed()

    def toggle(self, field: str) -> None:
        self.form.toggle(field, self.selected)
        self._refresh_account_buttons()
        self.changed()

    def toggle_jv(self) -> None:
        self.form.toggle_alliance(self.selected)
        self._refresh_account_buttons()
        self.changed()

    def ask_drop(self) -> None:
        aid = self.selected
        if aid in self.form.drop:
            self.form.unmark_drop(aid)
            self._redraw_plan()
            return
        from .overlays import ConfirmScene
        name = self.obs.account(aid).name

        def yes():
            self.form.mark_drop(aid)
            self._redraw_plan()

        self.app.stack.push(ConfirmScene(self.app, self.t("confirm_drop_title", name=name),
                                         esc(self.t("confirm_drop_text")), self.t("confirm_drop_yes"), yes))

    def spread_plan(self) -> None:
        self.form.spread_evenly()
        self._redraw_plan()
        self.coach.notice("spread")

    def _redraw_plan(self) -> None:
        """Rebuild the widgets from the form after it changed many values at once."""
        self.kill_widgets()
        self.acct_root = None
        self.enter()
        self.changed()

    def open_glossary(self) -> None:
        from .glossary import GlossaryScene
        self.app.stack.push(GlossaryScene(self.app))
        if self.coach is not None:
            self.coach.notice("glossary")

    def reset_plan(self) -> None:
        self.form.clear()
        self._redraw_plan()

    def select(self, aid: str) -> None:
        if aid != self.selected:
            row = self._focus_row()
            self.selected = aid
            self.build_account_levers()
            if self.focus not in self.focus_keys():
                self.focus = self._same_place(row)
            self.dirty = True
        self._scroll_to(aid)

    # ------------------------------------------------------------------ keyboard focus
    def person_keys(self, aid: str | None = None) -> list[list[str]]:
        """Per card, its lever keys: days, and visits for management and decision people."""
        aid = aid or self.selected
        if self.obs.account(aid).dropped:
            return []
        return [[f"days:{c.person.id}"] + ([f"visit:{c.person.id}"] if visitable(c.person) else [])
                for c in self.cards(aid)]

    def focus_keys(self) -> tuple[str, ...]:
        """The levers the keyboard can reach now, in reading order."""
        if self.obs.account(self.selected).dropped:
            return COMPANY_FOCUS
        people = tuple(k for row in self.person_keys() for k in row)
        return people + ACCT_LOWER + COMPANY_FOCUS

    def _focus_row(self) -> tuple[int, int] | None:
        """(card index, column) of a per-person focus, to keep the place on another account."""
        for i, row in enumerate(self.person_keys()):
            if self.focus in row:
                return i, row.index(self.focus)
        return None

    def _same_place(self, row: tuple[int, int] | None) -> str:
        keys = self.focus_keys()
        rows = self.person_keys()
        if row is not None and rows:
            i, j = row
            r = rows[min(i, len(rows) - 1)]
            return r[min(j, len(r) - 1)]
        return keys[0]

    def move_focus(self, delta: int) -> None:
        keys = self.focus_keys()
        i = keys.index(self.focus) if self.focus in keys else (-1 if delta > 0 else 0)
        self.focus = keys[(i + delta) % len(keys)]
        self.dirty = True

    def move_focus_vertical(self, delta: int) -> None:
        """↑/↓: the lever above or below: person to person on the cards (same lever where the
        person has it), then down into the account's other levers; within a column there."""
        key, rows = self.focus, self.person_keys()
        if key not in self.focus_keys():
            key = self.focus_keys()[0]
        place = self._focus_row()
        new = key
        if place is not None:
            i, j = place
            k = i + delta
            if 0 <= k < len(rows):
                new = rows[k][min(j, len(rows[k]) - 1)]
            elif k >= len(rows):
                new = "team" if j == 1 else LOWER_LEFT[0]
        else:
            for col in (LOWER_LEFT, FOCUS_TOGGLES, COMPANY_FOCUS):
                if key in col:
                    k = col.index(key) + delta
                    if 0 <= k < len(col):
                        new = col[k]
                    elif k < 0 and col is not COMPANY_FOCUS and rows:
                        last = rows[-1]
                        new = last[-1] if col is FOCUS_TOGGLES else last[0]
        self.focus = new
        self.dirty = True

    def next_person(self, delta: int) -> None:
        """Tab / Shift+Tab: the days of the next / previous person (wrapping round)."""
        rows = self.person_keys()
        if not rows:
            return
        place = self._focus_row()
        if place is None:
            i = 0 if delta > 0 else len(rows) - 1
        else:
            i = (place[0] + delta) % len(rows)
        self.focus = rows[i][0]
        self.dirty = True

    def _focus_widget(self, element) -> None:
        """A lever was used with the mouse: the keyboard focus follows it."""
        name = next((n for n, w in self.w.items() if w is element), None)
        key = focus_of_widget(name)
        if key is not None and key != self.focus and key in self.focus_keys():
            self.focus = key
            self.dirty = True

    def nudge_slider(self, name: str, delta: int) -> None:
        """One step of a slider, as a click on its ◀ / ▶ arrow gives (clamped to its range)."""
        s = self.w.get(name)
        if s is None or not s.alive() or not s.is_enabled:
            return
        s.set_current_value(s.get_current_value() + delta * s.increment, warn=False)
        self._sliders[s](s.get_current_value())

    def adjust_focus(self, delta: int) -> None:
        """+1 / -1 on the focused lever: a slider or counter steps, an on/off lever turns on
        (+) or off (-). A lever whose button is disabled for the mouse does nothing here either."""
        key, f = self.focus, self.form
        if key not in self.focus_keys():
            return
        per = person_of(key)
        if per is not None:
            kind, kid = per
            if kind == "days":
                self.nudge_slider(f"acct_days_{kid}", delta)
            else:
                b = self.w.get(f"acct_visit_{kid}_{'plus' if delta > 0 else 'minus'}")
                if b is not None and b.is_enabled:
                    self.step_visit(kid, delta)
        elif key in FOCUS_SLIDERS:
            self.nudge_slider(FOCUS_SLIDERS[key], delta)
        elif key == "hire":
            if self.w[f"hire_{'plus' if delta > 0 else 'minus'}"].is_enabled:
                self.step_hire(delta)
        elif key == "pay":
            i = PAY_PLANS.index(f.pay_plan) if f.pay_plan in PAY_PLANS else 1
            j = max(0, min(len(PAY_PLANS) - 1, i + delta))
            if j != i:
                self.set_pay(PAY_PLANS[j])
        elif key in FOCUS_TOGGLES:
            if self.toggle_on(key) != (delta > 0) and self.w[f"acct_{key}"].is_enabled:
                {"team": lambda: self.toggle("teams"), "intel": lambda: self.toggle("intel"),
                 "jv": self.toggle_jv, "drop": self.ask_drop}[key]()

    def toggle_on(self, key: str) -> bool:
        aid, f = self.selected, self.form
        return {"team": aid in f.teams, "intel": aid in f.intel, "jv": f.alliance == aid, "drop": aid in f.drop}[key]

    def flip_focus(self) -> None:
        """Space: switch the focused on/off lever."""
        if self.focus in FOCUS_TOGGLES and self.focus in self.focus_keys():
            self.adjust_focus(-1 if self.toggle_on(self.focus) else +1)

    def focus_rect(self, key: str) -> pygame.Rect:
        """Where the focus ring of a lever is drawn (round its label, widgets and value)."""
        per = person_of(key)
        if per is not None:
            kind, kid = per
            card = self.card_of(kid)
            r, y = card.rect, card.ctrl_y - 4
            if kind == "days":
                return pygame.Rect(r.x + SL_X - 5, y, ST_X - SL_X - 1, CTRL_H + 8)
            return pygame.Rect(r.x + ST_X - 5, y, r.right - 2 - (r.x + ST_X - 5), CTRL_H + 8)
        y0 = LV.y + ROW0
        if key in LOWER_LEFT:
            return pygame.Rect(LV.x + 4, y0 + LOWER_LEFT.index(key) * ROWH - 3, COLB - 10, ROWH)
        x1 = LV.x + COLB
        if key in FOCUS_TOGGLES:
            y = y0 + FOCUS_TOGGLES.index(key) * TOG_PITCH
            return pygame.Rect(x1 - 5, y - 2, LV.right - 3 - (x1 - 5), TOG_PITCH + 1)
        rows = {"pay": (CO.y + 33, 36), "training": (CO.y + 71, 34), "quality": (CO.y + 105, 34),
                "hire": (CO.y + 137, 33)}
        y, h = rows[key]
        return pygame.Rect(CO.x + 5, y, CO.width - 10, h)

    def paint_focus(self, s: pygame.Surface, keys) -> None:
        if self.focus in keys and self.focus in self.focus_keys():
            d.focus_ring(s, self.focus_rect(self.focus))

    def select_index(self, i: int) -> None:
        ids = [a.id for a in self.obs.accounts]
        if ids:
            self.select(ids[i % len(ids)])

    def end_turn(self) -> None:
        if self.problems:
            self.flash = self.t("fix_first", n=len(self.problems))
            self.dirty = True
            return
        try:
            self.session.end_turn(self.form.to_orders())
        except OrderError as exc:
            self.problems = sort_problems(exc.problems, [a.id for a in self.obs.accounts], self.app.lang)
            self.dirty = True
            return
        if self.coach is not None:
            self.coach.notice("end_turn")
        if self.session.save_failed:
            self.app.toast(self.t("save_failed", why=self.session.save_message), 5.0)
        from .resolution import ResolutionScene
        self.app.stack.replace(ResolutionScene(self.app))

    # ------------------------------------------------------------------ loop
    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type in (pygame_gui.UI_BUTTON_PRESSED, pygame_gui.UI_HORIZONTAL_SLIDER_MOVED):
            self._focus_widget(event.ui_element)
        if event.type == pygame.MOUSEBUTTONDOWN:
            self.mouse = None                 # a click hides the tip until the mouse moves again
        if self.dispatch_ui(event):
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and not self.app.consumed:
            for aid, r in self.card_rects.items():
                if r.collidepoint(event.pos) and LEFT.collidepoint(event.pos):
                    self.select(aid)
                    return
        elif event.type == pygame.MOUSEWHEEL:
            if LEFT.collidepoint(pygame.mouse.get_pos()):
                self.scroll = self._snap(self.scroll - event.y * (self._card_h() + 8))
                self.dirty = True
        elif event.type == pygame.MOUSEMOTION:
            self.mouse, self.still = event.pos, 0.0
            hov = next((a for a, r in self.card_rects.items() if r.collidepoint(event.pos)
                        and LEFT.collidepoint(event.pos)), None)
            if hov != self.hover:
                self.hover = hov
        elif event.type == pygame.KEYDOWN:
            k = event.key
            ids = [a.id for a in self.obs.accounts]
            i = ids.index(self.selected)
            if self.coach is not None and self.coach.handle_key(event):
                pass
            elif k in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.end_turn()
            elif game_keys(self, event):
                pass
            elif k == pygame.K_g:
                self.open_glossary()
            elif k == pygame.K_PAGEDOWN:
                self.select_index(i + 1)
            elif k == pygame.K_PAGEUP:
                self.select_index(i - 1)
            elif pygame.K_1 <= k <= pygame.K_9 and k - pygame.K_1 < len(ids):
                self.select(ids[k - pygame.K_1])
            elif k == pygame.K_TAB:
                self.next_person(-1 if event.mod & pygame.KMOD_SHIFT else +1)
            elif k == pygame.K_DOWN:
                self.move_focus_vertical(+1)
            elif k == pygame.K_UP:
                self.move_focus_vertical(-1)
            elif k == pygame.K_RIGHT:
                self.move_focus(+1)
            elif k == pygame.K_LEFT:
                self.move_focus(-1)
            elif step_key(event):
                self.adjust_focus(step_key(event))
            elif k == pygame.K_SPACE:
                self.flip_focus()

    def legend(self) -> list[list[tuple[str, tuple, int]]]:
        """The portfolio's colour legend, (label, colour, width) on one line or, when the
        names do not fit, two."""
        if self._legend is not None:
            return self._legend
        tc, t = self.text, self.t
        entries = [(t("us"), th.US)] + [(short_name(rv.name), self.colours[rv.id]) for rv in self.obs.rivals]
        entries += [(t("others"), th.OTHERS)]
        room = LEFT.width - 20
        lines: list[list[tuple[str, tuple, int]]] = [[]]
        used = 0
        for label, col in entries:
            w = 16 + min(110, tc.size(label, th.S_SMALL)[0])
            if lines[-1] and used + w > room:
                if len(lines) == 2:
                    break
                lines.append([])
                used = 0
            lines[-1].append((label, col, w))
            used += w + 10
        self._legend = lines
        return lines

    def _view_h(self) -> int:
        """Height of the scrolling list of account cards (above the legend)."""
        return LEFT.height - 82 - 17 * (len(self.legend()) - 1)

    @property
    def max_scroll(self) -> int:
        return max(0, self._content_h - 30 - self._view_h())

    def _card_h(self) -> int:
        n = len(self.obs.accounts)
        return int(max(76, min(112, self._view_h() / max(n, 1) - 8)))

    @property
    def _content_h(self) -> int:
        return len(self.obs.accounts) * (self._card_h() + 8) + 30

    def _scroll_to(self, aid: str) -> None:
        ids = [a.id for a in self.obs.accounts]
        h = self._card_h() + 8
        top = ids.index(aid) * h
        view = self._view_h()
        if top < self.scroll:
            self.scroll = top
        elif top + h > self.scroll + view:
            self.scroll = top + h - view
        self.scroll = self._snap(self.scroll, up=False)
        self.dirty = True

    def _snap(self, y: int, up: bool = True) -> int:
        """A scroll position at a whole card (cards are drawn whole or not at all)."""
        pitch = self._card_h() + 8
        n = y / pitch
        y = (math.floor(n) if up else math.ceil(n)) * pitch
        return max(0, min(math.ceil(self.max_scroll / pitch) * pitch, y))

    def resume(self) -> None:
        self.dirty = True

    def rebuild(self) -> None:
        self.kill_widgets()
        self.acct_root = None
        self._layout_cache, self._legend = {}, None
        self.enter()
        self.dirty = True

    def update(self, dt: float) -> None:
        if self.coach is not None:
            self.coach.update()
        self.still += dt
        super().update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        if self.hover and self.hover != self.selected and self.hover in self.card_rects:
            r = self.card_rects[self.hover]
            pygame.draw.rect(surface, th.ACCENT, r, 2, border_radius=8)
        if self.coach is not None:
            self.coach.draw_target(surface)

    def draw_over(self, surface: pygame.Surface) -> None:
        """The hover tip of the chip or number under the mouse, over the widgets too."""
        if self.mouse is not None and self.still >= TIP_DELAY:
            self.tips.draw(surface, self.text, self.mouse)

    # ------------------------------------------------------------------ painting
    def render_canvas(self) -> None:
        s = self.canvas
        s.fill(th.BG)
        self.tips.clear()
        topbar(self, s, self.t("plan_q", t=self.obs.turn + 1))
        self.paint_portfolio(s)
        self.paint_buying_center(s)
        self.paint_levers(s)
        self.paint_capacity(s)
        self.paint_company(s)
        d.panel(s, NEWS, self.t("news"), self.text)
        self.paint_end(s)
        footer(self, s, self.t("shortcuts_planning"))
        tips.add_tips(self)
        if self.coach is not None:
            self.coach.paint()

    def paint_portfolio(self, s: pygame.Surface) -> None:
        tc, t, obs, f = self.text, self.t, self.obs, self.form
        d.panel(s, LEFT, t("portfolio"), tc)
        view = pygame.Rect(LEFT.x + 6, LEFT.y + 40, LEFT.width - 12, self._view_h())
        clip = s.get_clip()
        s.set_clip(view)
        h = self._card_h()
        self.card_rects = {}
        self.coming_rects = {}
        bad_accounts = {p.account for p in self.problems if p.account}
        for i, a in enumerate(obs.accounts):
            r = pygame.Rect(view.x + 4, view.y + i * (h + 8) - self.scroll, view.width - 8, h)
            self.card_rects[a.id] = r
            if r.y < view.y or r.bottom > view.bottom:
                continue                 # only whole cards: the list scrolls a card at a time
            sel = a.id == self.selected
            pygame.draw.rect(s, th.SELECT if sel else th.PANEL_ALT, r, border_radius=8)
            pygame.draw.rect(s, th.ACCENT if sel else th.BORDER, r, 3 if sel else 1, border_radius=8)
            ink = th.FAINT if a.dropped else th.INK
            x = r.x + 8
            if i < 9:
                x = d.text(s, tc, str(i + 1), (x, r.y + 9), th.S_SMALL, th.FAINT).right + 5
            b = d.badge(s, tc, a.tier, (x, r.y + 9), th.TIER_COLOURS[a.tier])
            dem = d.text(s, tc, self.money(a.demand), (r.right - 8, r.y + 9), th.S_SMALL, th.MUTED,
                         anchor="topright")
            d.text(s, tc, a.name, (b.right + 6, r.y + 6), 17, ink, True, max_w=dem.x - b.right - 12, name=True)
            # share bar: us, rivals, others
            parts = [(a.shares.get(obs.side, 0.0), th.US)]
            parts += [(a.shares.get(rv.id, 0.0), self.colours[rv.id]) for rv in obs.rivals]
            bar = pygame.Rect(r.x + 8, r.y + 34, r.width - 96, 14)
            d.stacked_bar(s, bar, parts)
            d.text(s, tc, f"{t('us')} {th.pct(a.shares.get(obs.side, 0.0))}", (r.right - 8, bar.centery),
                   th.S_BODY, th.US, True, "midright")
            y = bar.bottom + 6
            slow = a.payment_days >= 120 and not a.dropped  # a warning only while we still sell there
            if h >= 96:
                pr = d.text(s, tc, t("pays", n=a.payment_days), (r.right - 8, y), th.S_SMALL,
                            th.BAD if slow else th.MUTED, slow, "topright")
                # satisfaction, its bar and its figure, laid out from the right so that nothing
                # runs into the payment terms whatever the type size
                sat = th.pct(a.satisfaction)
                px = pr.x - 8 - tc.size(sat, th.S_SMALL, True)[0]
                d.text(s, tc, sat, (px, y), th.S_SMALL, th.INK, True)
                sb = pygame.Rect(px - 41, y + pr.height // 2 - 4, 36, 8)
                d.level_bar(s, sb, a.satisfaction, th.GOOD if a.satisfaction >= 0.5 else th.WARN)
                if sb.x - 5 - (r.x + 8) >= 30:
                    d.text(s, tc, t("satisfaction"), (r.x + 8, y), th.S_SMALL, th.MUTED, max_w=sb.x - 5 - (r.x + 8))
                y += max(20, pr.height)
            # markers (and, on short cards, the payment terms at the right)
            x = r.x + 8
            right_edge = r.right - 8
            if h < 96:
                pr = d.text(s, tc, t("pays", n=a.payment_days), (r.right - 8, y), th.S_SMALL,
                            th.BAD if slow else th.MUTED, slow, "topright")
                right_edge = pr.x - 8
            marks = []  # (label, colour, its short form when the card cannot hold them all)
            coming = {self.t("coming_mark", q=c.turn): c for c in obs.coming if c.account == a.id}
            marks += [(label, th.WARN, "▲" + self.t("q", n=coming[label].turn)) for label in coming]
            if a.dropped:
                marks.append((t("dropped"), th.FAINT, None))
            elif a.id in f.drop:  # marked to drop: that first (its plan is set aside: nothing planned)
                marks.append((t("to_drop"), th.BAD, None))
            else:
                days = f.account_days(a.id)
                marks.append((t("planned", d=f"{days:.0f}"), th.ACCENT if days > 0 else th.FAINT, None))
            if not a.dropped:
                coaches = sum(p.coach for p in a.stakeholders)
                if coaches:
                    marks.append(("★ " + t("coaches", n=coaches), th.GOLD, f"★{coaches}"))
                if a.id in f.teams or a.team:
                    marks.append((t("team"), (0, 137, 123), None))
                if a.id in f.intel:
                    marks.append((t("intel"), (142, 68, 173), None))
                if a.allied or f.alliance == a.id:
                    marks.append((t("jv"), th.GOOD, None))
            # Every mark in full when they fit; else the coming events and coaches in their
            # short forms ("▲Q4", "★1"), so that the marks after them are not cut off.
            wide = sum(self.text.size(label, th.S_SMALL, True)[0] + 10 for label, _, _ in marks) - 10
            short = wide > right_edge - x
            for label, col, brief in marks:
                if x > right_edge - 24:
                    break
                rr = d.text(s, tc, brief if short and brief else label, (x, y), th.S_SMALL, col, True,
                            max_w=right_edge - x)
                if label in coming:
                    self.coming_rects[coming[label]] = rr
                x = rr.right + 10
            if a.id in bad_accounts:
                pygame.draw.circle(s, th.BAD, (r.right - 10, r.bottom - 10), 6)
        s.set_clip(clip)
        if self.max_scroll:
            d.text(s, tc, "⇕", (LEFT.right - 10, LEFT.y + 12), th.S_SMALL, th.FAINT, anchor="topright")
        # legend: short names (as in the rivals' line), on two lines when one is not enough
        lines = self.legend()
        ly = LEFT.bottom - 24 - 17 * (len(lines) - 1)
        for line in lines:
            lx = LEFT.x + 12
            for label, col, w in line:
                pygame.draw.rect(s, col, (lx, ly + 4, 12, 12), border_radius=2)
                d.text(s, tc, label, (lx + 16, ly), th.S_SMALL, th.MUTED, max_w=w - 16)
                lx += w + 10
            ly += 17

    def paint_buying_center(self, s: pygame.Surface) -> None:
        tc, t, obs, f = self.text, self.t, self.obs, self.form
        a = obs.account(self.selected)
        pygame.draw.rect(s, th.PANEL, BC, border_radius=8)
        pygame.draw.rect(s, th.BORDER, BC, 1, border_radius=8)
        x, y = BC.x + 12, BC.y + 8
        b = d.badge(s, tc, t("tier", t=a.tier), (x, y + 3), th.TIER_COLOURS[a.tier])
        industry = industry_name(self.app.lang, a.industry)
        sub = f"{t('buying_center')} · {industry}"
        room = BC.right - 12 - (b.right + 8)
        name_w = tc.size(a.name, th.S_H2, True)[0]
        if name_w + 10 + tc.size(sub, th.S_SMALL)[0] > room:
            sub = industry                    # a long name: the industry alone
        sub_w = min(tc.size(sub, th.S_SMALL)[0], 150) + 10
        nr = d.text(s, tc, a.name, (b.right + 8, y), th.S_H2, th.INK, True, max_w=room - sub_w, name=True)
        d.text(s, tc, sub, (nr.right + 10, y + 5), th.S_SMALL, th.MUTED, max_w=BC.right - 12 - nr.right - 10)
        # needs
        y += 30
        needs = sorted(a.needs.items(), key=lambda kv: -kv[1])
        nx = d.text(s, tc, t("needs") + ":", (x, y), th.S_SMALL, th.MUTED, True).right + 6
        for n, wgt in needs:
            lab = f"{t('need_' + n)} {th.pct(wgt)}"
            if nx + tc.size(lab, th.S_SMALL)[0] > BC.right - (90 if a.undiscovered_needs else 12):
                break
            rr = d.text(s, tc, lab, (nx, y), th.S_SMALL, th.INK)
            nx = rr.right + 12
        if a.undiscovered_needs:
            d.badge(s, tc, t("hidden_needs", n=a.undiscovered_needs), (nx, y), th.WARN, size=12)
        # rivals' activity here last quarter (their days per person are on the cards)
        y += 20
        lines, head_y, cards = self.layout(a.id)
        if lines[0]:
            x_start = d.text(s, tc, t("rivals_last"), (x, y), th.S_SMALL, th.MUTED, True).right + 8
            for row in lines:
                rx = x_start
                for rid, line in row:
                    rr = d.text(s, tc, line, (rx, y), th.S_SMALL, self.colours.get(rid, th.INK), False,
                                max_w=BC.right - 12 - rx)
                    rx = rr.right + 14
                y += self.rival_pitch()
        else:
            d.fit_text(s, tc, t("rivals_hidden"), pygame.Rect(x, y, BC.width - 24, max(head_y - y, 2 * self.rival_pitch())),
                       th.S_SMALL, th.FAINT, line_gap=self.rival_pitch() - tc.size("Ag", th.S_SMALL)[1])
        # column headings, with what we plan here in total
        cx = CARD_X
        d.text(s, tc, t("col_person"), (cx + 10, head_y), th.S_SMALL, th.MUTED, True, max_w=COL_B - 14)
        d.text(s, tc, t("col_stance"), (cx + COL_B, head_y), th.S_SMALL, th.MUTED, True, max_w=SL_X - COL_B - 10)
        if not a.dropped:
            days, visits = f.account_days(a.id), f.account_visits(a.id)
            d.text(s, tc, t("col_days", d=f"{days:.0f}"), (cx + SL_X, head_y), th.S_SMALL,
                   th.ACCENT if days > 0 else th.MUTED, True, max_w=ST_X - SL_X - 6)
            d.text(s, tc, t("col_visits", n=visits), (cx + CARD_W - 4, head_y), th.S_SMALL,
                   th.ACCENT if visits else th.MUTED, True, "topright", max_w=CARD_W - ST_X + 30)
        self.chip_rects = {k: v for k, v in self.chip_rects.items() if k[0] != a.id}
        self.person_rects = {k: v for k, v in self.person_rects.items() if k[0] != a.id}
        bad = {p.person for p in self.problems if p.account == a.id and p.person}
        for card in cards:
            self.paint_person(s, card, a, card.person.id in bad)
        # room left below the cards: how effort on a person works
        y = cards[-1].rect.bottom + 12
        below = pygame.Rect(CARD_X + 10, y, CARD_W - 20, BC.bottom - 8 - y)
        if below.height >= 40 and not a.dropped and d.fit_text(s, tc, t("bc_hint"), below, th.S_SMALL,
                                                                draw=False):
            d.fit_text(s, tc, t("bc_hint"), below, th.S_SMALL, th.MUTED)   # whole, or not at all

    def paint_person(self, s: pygame.Surface, card: Card, a, bad: bool) -> None:
        """One person's card: who they are and what they think of us and of the rivals on the
        left, the days (and executive visits) we plan for them on the right."""
        tc, t, f = self.text, self.t, self.form
        p, r = card.person, card.rect
        self.person_rects[(a.id, p.id)] = r
        pygame.draw.rect(s, th.PANEL_ALT, r, border_radius=6)
        edge = th.BAD if bad else th.GOLD if p.coach else th.BORDER
        pygame.draw.rect(s, edge, r, 2 if (bad or p.coach) else 1, border_radius=6)
        col = th.LEVEL_COLOURS[p.level]
        pygame.draw.rect(s, col, (r.x + 3, r.y + 4, 4, r.height - 8), border_radius=2)
        for kind in ("days", "visit"):
            self.paint_focus(s, (f"{kind}:{p.id}",))
        # who they are: name (and markers) and their stance toward us on the first line; the
        # title with the rivals' stances (and days spent on them) at its right; then level and
        # influence as we know it. Two lines when the cards are small: the title is left out.
        x, y = r.x + 12, r.y + (3 if not card.compact else 1)
        right = r.x + COL_B - 8
        mx = right
        marks = [(t("new_in_seat"), th.WARN)] if p.new_in_seat else []
        marks += [(t("chair"), th.ACCENT_DARK)] if p.chair else []
        for label, mcol in marks:
            br = d.badge(s, tc, label, (mx, y + 2), mcol, size=12, anchor="topright", pad=3)
            mx = br.x - 4
        name = ("★ " + p.name) if p.coach else p.name
        d.text(s, tc, name, (x, y), 15, th.GOLD if p.coach else th.INK, True, max_w=mx - x - 2)
        bx = r.x + COL_B
        chip = pygame.Rect(bx, y + 1, COL_B_W, 19)
        st = stance_step(p.stance)
        d.stance_chip(s, tc, chip, p.stance, coach=p.coach,
                      caption=t("stance_chip", step=f"{st:+d}" if st < 0 else str(st), word=t(f"st_{st}"),
                                v=stance_number(p.stance)))
        self.chip_rects[(a.id, p.id)] = chip
        end = r.x + SL_X - 10
        y2 = y + (20 if not card.compact else 18)
        level = t("level_" + p.level)
        short = "_short" if card.compact else ""
        infl = "· " + t(("infl" if p.influence_known else "infl_chart") + short, n=f"{p.influence:.1f}")
        room = end - x - tc.size(level, th.S_SMALL, True)[0] - 5
        if not short and tc.size(infl, th.S_SMALL)[0] > room:     # large type: "infl. 1.0 (chart)"
            infl = "· " + t(("infl" if p.influence_known else "infl_chart") + "_short", n=f"{p.influence:.1f}")
        if card.compact:              # level and influence share the line with the rivals: they come first
            least = x + min(tc.size(level, th.S_SMALL, True)[0], right - x) + 5 + tc.size(infl, th.S_SMALL)[0] + 8
        else:
            least = x + 90
        rivals_x = self.paint_rivals(s, a, p, end, y2, least)
        level_y = y2 if card.compact else y2 + 18
        if not card.compact:
            d.text(s, tc, p.title, (x, y2), th.S_SMALL, th.MUTED, max_w=rivals_x - 8 - x)
        lv = d.text(s, tc, level, (x, level_y), th.S_SMALL, col, True, max_w=right - x)
        limit = (rivals_x - 8) if card.compact else end
        d.text(s, tc, infl, (lv.right + 5, level_y), th.S_SMALL,
               th.INK if p.influence_known else th.MUTED, max_w=limit - lv.right - 5)
        # our plan for this person
        if a.dropped:
            return
        cy = card.ctrl_y + CTRL_H // 2
        days = f.days[a.id].get(p.id, 0.0)
        d.text(s, tc, t("n_days", n=f"{days:.0f}"), (r.x + VAL_X, cy), th.S_BODY,
               th.INK if days > 0 else th.FAINT, True, "midleft", max_w=ST_X - VAL_X - 6)
        if visitable(p):
            n = f.visits[a.id].get(p.id, 0)
            d.text(s, tc, str(n), (r.x + ST_X + 31, cy), th.S_BODY, th.INK if n else th.FAINT, True, "center")
        else:
            d.text(s, tc, "—", (r.x + ST_X + 31, cy), th.S_SMALL, th.FAINT, anchor="center")

    def paint_rivals(self, s: pygame.Surface, a, p, end: int, y: int, least: int) -> int:
        """The rivals' stances toward this person (and, when their moves show here, the days
        they spent on them), right-aligned to `end`, never left of `least`: without the days
        if that is what it takes, then fewer rivals. Returns the x where they start (`end` if
        there are none)."""
        tc = self.text
        seen = a.rival_activity if a.visible and a.rival_activity else {}

        def entries(with_days: bool) -> list:
            out = []
            for rid, v in p.rivals.items():
                bold = "?" if v is None else f"{v:.1f}"
                days = ""
                if with_days and rid in seen and isinstance(seen[rid].get("days"), dict):
                    days = " " + self.t("n_days", n=f"{seen[rid]['days'].get(p.id, 0.0):.0f}")
                w = 13 + tc.size(bold, th.S_SMALL, v is not None)[0] + (tc.size(days, th.S_SMALL)[0] if days else 0)
                out.append((rid, v, bold, days, w))
            return out

        def width(items: list) -> int:
            return sum(i[4] for i in items) + 8 * (len(items) - 1)

        items = entries(True)
        if items and end - width(items) < least:
            items = entries(False)
        while items and end - width(items) < least:
            items.pop()
        x = end - width(items) if items else end
        start = x
        for rid, v, bold, days, w in items:
            pygame.draw.circle(s, self.colours.get(rid, th.MUTED), (x + 5, y + 9), 5)
            rr = d.text(s, tc, bold, (x + 13, y), th.S_SMALL, th.INK if v is not None else th.FAINT, v is not None)
            if days:
                d.text(s, tc, days, (rr.right, y), th.S_SMALL, th.MUTED)
            x += w + 8
        return start

    def paint_levers(self, s: pygame.Surface) -> None:
        tc, t, obs, f = self.text, self.t, self.obs, self.form
        aid = self.selected
        a = obs.account(aid)
        d.panel(s, LV, t("levers_for", name=a.name), tc)
        if a.dropped:
            d.text(s, tc, t("account_dropped"), (LV.x + 14, LV.y + 50), th.S_LEAD, th.MUTED)
            return
        self.paint_focus(s, ACCT_LOWER)
        x0, y0 = LV.x + 12, LV.y + ROW0
        rows = [
            (t("service_units"), f"{f.service[aid]:.0f}"),
            (t("price_cut"), th.pct(f.price_cut[aid])),
            (t("solution"), self.money(f.solution[aid])),
        ]
        for i, (label, val) in enumerate(rows):
            y = y0 + i * ROWH + 14
            d.text(s, tc, label, (x0, y), th.S_BODY, th.INK, True, "midleft", max_w=114)
            d.text(s, tc, val, (x0 + 286, y), th.S_LEAD, th.INK, True, "midleft", max_w=COLB - 8 - 286)
        if aid in f.drop:
            d.text(s, tc, t("to_drop"), (LV.right - 12, LV.y + 10), th.S_BODY, th.BAD, True, "topright")

    def paint_capacity(self, s: pygame.Surface) -> None:
        tc, t, obs = self.text, self.t, self.obs
        d.panel(s, CAP, t("resources"), tc, title_w=self.w["reset"].rect.x - CAP.x - 20)
        meters = self.form.meters()
        by_key = {}
        for p in self.problems:
            by_key.setdefault(p.key, []).append(p)
        y = CAP.y + 40
        msgs = []
        labels = {"days": t("m_days"), "visits": t("m_visits"), "service": t("m_service"),
                  "money": t("m_money")}
        for key in ("days", "visits", "service", "money"):
            m = meters[key]
            fmt = self.money if key == "money" else (lambda v: f"{v:.0f}")
            d.text(s, tc, labels[key], (CAP.x + 12, y + 8), th.S_SMALL, th.INK, True, "midleft", max_w=112)
            bar = pygame.Rect(CAP.x + 126, y + 2, 114, 13)
            d.meter(s, bar, m.used, m.capacity)
            if m.over:
                txt, col = t("over_by", n=fmt(m.used - m.capacity)), th.BAD
                msgs.append(t(f"p_{key}", used=fmt(m.used), cap=fmt(m.capacity)) if key == "money" else
                            t(f"p_{key}", used=m.used, cap=m.capacity))
            else:
                txt, col = t("left_of", left=fmt(m.left), cap=fmt(m.capacity)), th.MUTED
                if tc.size(txt, th.S_SMALL)[0] > 126:        # a figure is never cut: "¥3.84M left"
                    txt = t("left_only", left=fmt(m.left))
            d.text(s, tc, txt, (CAP.right - 10, y + 8), th.S_SMALL, col, m.over, "midright", max_w=126)
            y += 24
        for key, plist in by_key.items():
            if key not in meters or not meters[key].over:
                msgs.extend(p.text for p in plist if p.account is None or p.account == self.selected)
        y += 34  # below the spread button
        for msg in msgs[:2]:
            d.text(s, tc, "✖ " + msg, (CAP.x + 12, y), th.S_SMALL, th.BAD, True, max_w=CAP.width - 24)
            y += 18

    def paint_company(self, s: pygame.Surface) -> None:
        tc, t, obs, f = self.text, self.t, self.obs, self.form
        d.panel(s, CO, t("company"), tc)
        self.paint_focus(s, COMPANY_FOCUS)
        d.text(s, tc, t("pay_plan") + t("colon") + t('pay_' + obs.pay_plan), (CO.right - 12, CO.y + 12), th.S_SMALL,
               th.MUTED, anchor="topright", max_w=170)
        x = CO.x + 12
        for y, label, val in ((CO.y + 88, t("training"), f.training), (CO.y + 122, t("quality"), f.quality)):
            d.text(s, tc, label, (x, y), th.S_BODY, th.INK, True, "midleft", max_w=104)
            d.text(s, tc, self.money(val), (CO.right - 8, y), th.S_BODY, th.INK, True, "midright")
        y = CO.y + 154
        d.text(s, tc, t("hire"), (x, y), th.S_BODY, th.INK, True, "midleft", max_w=104)
        d.text(s, tc, str(f.hire), (x + 161, y), th.S_LEAD, th.INK, True, "center")
        d.text(s, tc, t("hire_note", n=obs.free_rep_slots, c=self.money(obs.costs['hire'])), (x + 218, y),
               th.S_SMALL, th.MUTED, anchor="midleft", max_w=CO.right - x - 226)

    def paint_end(self, s: pygame.Surface) -> None:
        tc, t = self.text, self.t
        y = END.y + 2
        if self.problems:
            msg, col = t("fix_first", n=len(self.problems)), th.BAD
        elif self.flash:
            msg, col = self.flash, th.BAD
        else:
            warns = self.form.warnings()
            msg, col = (t(warns[0][0], **warns[0][1]), th.WARN) if warns else ("", th.MUTED)
        if msg:
            d.text(s, tc, ("✖ " if col == th.BAD else "▲ ") + msg, (END.x + 4, y + 4), th.S_BODY, col, True,
                   max_w=END.width - 8)
