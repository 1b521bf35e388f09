"""Resolution: what changed this quarter and why (share, stance, satisfaction, money,
people), from the TurnReport's recorded causes, with the events that fired."""
from __future__ import annotations

import html
import math

import pygame

from engine import OTHERS

from .. import theme as th
from ..widgets import draw as d
from .briefing import hexcol
from .planning import short_name
from .common import FOOT_Y, TOP_H, footer, game_keys, topbar, topbar_buttons
from .stack import CanvasScene

EVENTS = pygame.Rect(10, TOP_H + 8, 390, 226)
MONEY = pygame.Rect(10, EVENTS.bottom + 6, 390, 252)
PEOPLE = pygame.Rect(10, MONEY.bottom + 6, 390, FOOT_Y - 8 - MONEY.bottom - 6)
SHARES = pygame.Rect(408, TOP_H + 8, 862, 352)
STANCES = pygame.Rect(408, SHARES.bottom + 6, 862, FOOT_Y - 8 - SHARES.bottom - 6 - 62)
CONT = pygame.Rect(408, STANCES.bottom + 6, 862, 56)

GREEN, RED, GREY = "#24803C", "#C62828", "#586374"


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def signed_html(v: float, fmt: str = "{:+.2f}") -> str:
    col = GREEN if v > 0 else RED if v < 0 else GREY
    return f"<font color='{col}'>{fmt.format(v)}</font>"


class ResolutionScene(CanvasScene):
    name = "resolution"

    def __init__(self, app):
        super().__init__(app)
        self.session = app.session
        self.report = self.session.report
        self.obs = self.session.obs
        self.prev = self.session.prev_obs
        self.colours = {self.obs.side: th.US}
        self.colours.update({r.id: th.side_colour(i + 1) for i, r in enumerate(self.obs.rivals)})
        self.dirty = True
        self.share_rects: dict[str, pygame.Rect] = {}
        self.reasons: dict[str, str] = {}
        # more than ten accounts, or large type: the shares take room from the relationships
        # below them, as much as their rows need to give each reason two whole lines
        n = len(self.report.shares)
        per_col = math.ceil(n / (1 if n <= 5 else 2))
        need = 38 + 8 + per_col * (self.name_h() + 2 * self.text.size("Ag", th.S_SMALL)[1] + 6)
        grow = max(56 if n > 10 else 0, min(need - SHARES.height, STANCES.height - 100)) if n > 5 else 0
        self.shares_box = pygame.Rect(SHARES.x, SHARES.y, SHARES.width, SHARES.height + grow)
        self.stances_box = pygame.Rect(STANCES.x, STANCES.y + grow, STANCES.width, STANCES.height - grow)

    def enter(self) -> None:
        self.make_root()
        topbar_buttons(self)
        self.textbox((EVENTS.x, EVENTS.y + 34, EVENTS.width, EVENTS.height - 34), self.events_html(), name="events")
        st = self.stances_box
        self.textbox((st.x, st.y + 34, st.width, st.height - 34), self.stances_html(), name="stances")
        if self.session.done:
            label = f"{self.t('to_debrief')}  ▶   [Enter]"
        else:
            label = f"{self.t('continue_to', t=self.obs.turn + 1)}  ▶   [Enter]"
        self.button((CONT.right - 380, CONT.y, 380, CONT.height), label, self.next, name="continue",
                    object_id="@primary")
        self.dirty = True

    # ------------------------------------------------------------------ text parts
    def events_html(self) -> str:
        t, r = self.t, self.report
        parts = []
        for e in r.events:
            body = f"<br>{esc(e.text)}" if e.text else ""
            parts.append(f"<b>{esc(e.title)}</b>{body}")
        if r.alliance:
            parts.append(f"<font color='{GREEN}'><b>{esc(t('jv_accepted', name=self._acc_name(r.alliance)))}</b></font>")
        if r.alliance_declined:
            parts.append(f"<font color='{RED}'><b>{esc(t('jv_declined', name=self._acc_name(r.alliance_declined)))}</b></font>")
        if r.people.spin_offs:
            names = t("sep").join(self._side_name(x) for x in r.people.spin_offs)
            parts.append(f"<font color='{RED}'><b>{esc(t('spin_offs', names=names))}</b></font>")
        for w in self.obs.warnings:
            parts.append(f"<font color='#C46E00'><b>▲ {esc(w)}</b></font>")
        return "<br><br>".join(parts) if parts else f"<font color='{GREY}'>{t('no_events')}</font>"

    def stances_html(self) -> str:
        t = self.t
        by_acc: dict[str, list] = {}
        for c in self.report.stances:
            by_acc.setdefault(c.account, []).append(c)
        out = []
        for a in self.obs.accounts:
            rows = sorted(by_acc.get(a.id, []), key=lambda c: -abs(c.after - c.before))
            if not rows:
                continue
            lines = [f"<b>{esc(a.name)}</b>"]
            for c in rows:
                delta = c.after - c.before
                causes = sorted(((v, k) for k, v in c.causes.items() if abs(v) >= 0.01), key=lambda x: -abs(x[0]))
                why = t("sep").join(f"{t('sc_' + k)} {signed_html(v)}" for v, k in causes[:4])
                col = hexcol(th.stance_colour(c.after))
                lines.append(f"   {esc(c.name)}<font color='{GREY}'>{t('aside', x=t('level_' + c.level))}</font>  "
                             f"{c.before:.1f} → <font color='{col}'><b>{c.after:.1f}</b></font>"
                             f"{t('aside', x=signed_html(delta))}" + (f"{t('colon')}{why}" if why else ""))
            out.append("<br>".join(lines))
        return "<br><br>".join(out) if out else f"<font color='{GREY}'>{t('no_stance_moves')}</font>"

    def _acc_name(self, aid: str) -> str:
        return next((a.name for a in self.obs.accounts if a.id == aid), aid)

    def _side_name(self, sid: str) -> str:
        if sid == self.obs.side:
            return self.t("tender_us")
        return next((r.name for r in self.obs.rivals if r.id == sid), sid)

    # ------------------------------------------------------------------ actions
    def next(self) -> None:
        if self.session.done:
            from .debrief import DebriefScene
            self.app.stack.replace(DebriefScene(self.app))
        else:
            from .planning import PlanningScene
            self.app.stack.replace(PlanningScene(self.app))

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.dispatch_ui(event):
            return
        if event.type != pygame.KEYDOWN:
            return
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.next()
        else:
            game_keys(self, event)

    def resume(self) -> None:
        self.dirty = True

    def rebuild(self) -> None:
        super().rebuild()
        self.dirty = True

    # ------------------------------------------------------------------ painting
    def render_canvas(self) -> None:
        s, t = self.canvas, self.t
        s.fill(th.BG)
        topbar(self, s, t("results_of", t=self.report.turn), t("done_of", t=self.report.turn, n=self.obs.turns))
        d.panel(s, EVENTS, t("what_happened"), self.text)
        self.paint_money(s)
        self.paint_people(s)
        self.paint_shares(s)
        d.panel(s, self.stances_box, t("relationships"), self.text)
        # score line beside the continue button
        r = self.report
        x = d.text(s, self.text, t("final_score", s=r.score), (CONT.x + 4, CONT.centery), th.S_H2, th.INK, True,
                   "midleft").right
        d.stars(s, self.text, r.stars, (x + 12, CONT.centery), 28, anchor="midleft")
        footer(self, s, t("shortcuts_resolution"))

    def paint_money(self, s: pygame.Surface) -> None:
        tc, t, m, obs = self.text, self.t, self.report.money, self.obs
        d.panel(s, MONEY, t("money"), tc)
        costs = ["cogs", "salaries", "commission", "spending"] + (["serve"] if self.serve_costs() else [])
        rows = [("revenue", m.get("revenue", 0.0), False), *((k, -m.get(k, 0.0), False) for k in costs),
                ("profit", m.get("profit", 0.0), True)]
        # ten lines fit at 20 px apart: the cost-to-serve line takes its room from the spacing
        step = min(22, (MONEY.height - 52) // (len(rows) + 3))
        y = MONEY.y + 40
        for key, v, bold in rows:
            col = (th.GOOD if v >= 0 else th.BAD) if bold else th.INK
            d.text(s, tc, t(key), (MONEY.x + 14, y), th.S_BODY, th.INK, bold)
            d.text(s, tc, self.money(v, signed=True), (MONEY.right - 14, y), th.S_BODY, col, bold, "topright")
            y += step
        pygame.draw.line(s, th.BORDER, (MONEY.x + 12, y + 2), (MONEY.right - 12, y + 2))
        y += 8
        cash_delta = m.get("cash", 0.0) - (self.prev.cash if self.prev else m.get("cash", 0.0))
        d.text(s, tc, t("collected"), (MONEY.x + 14, y), th.S_BODY, th.INK)
        d.text(s, tc, self.money(m.get('collected', 0.0)), (MONEY.right - 14, y), th.S_BODY, th.INK, False, "topright")
        y += step
        d.text(s, tc, t("cash_now"), (MONEY.x + 14, y), th.S_BODY, th.INK, True)
        txt, col = self.t('aside', x=self.money(cash_delta, signed=True)).strip(), d.arrow_delta(cash_delta)[1]
        rr = d.text(s, tc, txt, (MONEY.right - 14, y), th.S_SMALL, col, True, "topright")
        d.text(s, tc, self.money(m.get('cash', 0.0)), (rr.x - 8, y), th.S_BODY, th.INK, True, "topright")
        y += step
        d.text(s, tc, t("receivables"), (MONEY.x + 14, y), th.S_BODY, th.MUTED)
        d.text(s, tc, self.money(m.get('receivables', 0.0)), (MONEY.right - 14, y), th.S_BODY, th.MUTED, False,
               "topright")

    def serve_costs(self) -> bool:
        """Whether the case charges a cost to serve (a line of its own in the money panel);
        a case without one keeps the panel as it was."""
        return any(v > 0 for v in self.session.scenario.tuning.cost_to_serve.values())

    def paint_people(self, s: pygame.Surface) -> None:
        tc, t, p = self.text, self.t, self.report.people
        d.panel(s, PEOPLE, t("people"), tc)
        y = PEOPLE.y + 40
        d.text(s, tc, t("reps_morale", n=p.reps, m=th.pct(p.morale)), (PEOPLE.x + 14, y), th.S_BODY, th.INK)
        y += 24
        if p.left:
            y = d.paragraph(s, tc, t("reps_left", names=t("sep").join(p.left)),
                            pygame.Rect(PEOPLE.x + 14, y, PEOPLE.width - 28,
                                        PEOPLE.bottom - 8 - y - (tc.size("Ag", th.S_BODY)[1] if p.hired else 0)),
                            th.S_BODY, th.BAD, True)
        if p.hired:
            d.text(s, tc, t("hired", n=p.hired), (PEOPLE.x + 14, y), th.S_BODY, th.GOOD, True)

    def reason(self, c) -> str:
        """Why our share here moved this quarter, in the debrief's terms: where it went (or
        came from) and, against a rival, the parts of the offer we were behind (ahead) on;
        when it went to the suppliers outside the game, where our offer fell short."""
        t, me = self.t, self.obs.side
        sep = "、" if self.app.lang == "zh" else ", "
        delta = c.after.get(me, 0.0) - c.before.get(me, 0.0)
        moved = {k: v for k, v in c.moved().items() if k != me}
        if c.causes.get("dropped", 0.0) < 0:  # we walked away: not lost to anyone's offer
            dest = max(moved, key=moved.get) if moved else OTHERS
            return t("why_dropped_others") if dest == OTHERS else t("why_dropped", who=self._side_name(dest))
        if c.tender_winner and c.tender_winner != me and delta < 0:
            return "▼ " + t("tender_won_by", who=self._side_name(c.tender_winner))

        def gaps(versus):
            """Our offer minus `versus`'s, by part (the report's drivers are against the
            strongest rival; another rival is compared from the offers themselves)."""
            ours, theirs = c.utility.get(me), c.utility.get(versus)
            if versus != c.rival and ours and theirs:
                parts = {k: ours[k] - theirs.get(k, 0.0) for k in ours}
            else:
                parts = c.drivers
            drivers = [(v, k) for k, v in parts.items() if k != "luck" and abs(v) >= 0.005]
            return ([k for v, k in sorted(drivers, key=lambda x: -x[0]) if v > 0][:2],
                    [k for v, k in sorted(drivers, key=lambda x: x[0]) if v < 0][:2])

        ahead, behind = gaps(c.rival)

        def words(keys):
            return sep.join(t("drv_" + k) for k in keys)

        if abs(delta) < 0.0005 or not moved:
            if ahead and behind:
                return t("why_held", ahead=words(ahead), behind=words(behind))
            return t("why_none")
        if delta < 0:
            dest = max(moved, key=moved.get)
            if dest == OTHERS:
                short = [k for v, k in sorted(((v, k) for k, v in c.shortfall.items() if v >= 0.01), reverse=True)][:2]
                return t("why_to_others", parts=words(short)) if short else t("why_to_others_bare")
            ahead, behind = gaps(dest)
            if not behind:
                return t("why_to_bare", who=self._side_name(dest))
            return t("why_to_rival", who=short_name(self._side_name(dest)), parts=words(behind))
        src = min(moved, key=moved.get)
        if src != OTHERS:
            ahead, behind = gaps(src)
        if src == OTHERS or not ahead:
            return t("why_from_others") if src == OTHERS else t("why_from_bare", who=self._side_name(src))
        return t("why_from_rival", who=short_name(self._side_name(src)), parts=words(ahead))

    def name_h(self) -> int:
        """The height of an account's first line (name and change) in a compact row."""
        return max(22, self.text.size("Ag", th.S_BODY)[1])

    def paint_shares(self, s: pygame.Surface) -> None:
        """One row per account: name, our share before -> after and the change, then why
        (and, when there is room, the before / after bars and satisfaction). More than five
        accounts: two columns of rows, each with its reason."""
        tc, t, obs = self.text, self.t, self.obs
        box = self.shares_box
        d.panel(s, box, t("share_of_wallet"), tc)
        rows = self.report.shares
        top = box.y + 38
        cols = 1 if len(rows) <= 5 else 2
        per_col = max(1, math.ceil(len(rows) / cols))
        col_w = (box.width - 20 - 10 * (cols - 1)) // cols
        h = min(100, (box.bottom - 8 - top) // per_col)
        full = cols == 1 and h >= 72
        me = obs.side
        self.share_rects = {}
        self.reasons = {}
        for i, c in enumerate(rows):
            col, row = divmod(i, per_col)
            r = pygame.Rect(box.x + 10 + col * (col_w + 10), top + row * h, col_w, h - (6 if full else 4))
            self.share_rects[c.account] = r
            pygame.draw.rect(s, th.PANEL_ALT, r, border_radius=6)
            d.record(s, "panel", "", "", r)
            before, after = c.before.get(me, 0.0), c.after.get(me, 0.0)
            delta = after - before
            x = r.x + 10
            # the first line: the change, large, at the right; the name takes what is left
            txt, colr = d.arrow_delta(delta * 100, "{:+.1f} " + t("pts"))
            size = th.S_H2 if full else th.S_LEAD
            dr = d.text(s, tc, txt, (r.right - 10, r.y + (4 if full else 1)), size, colr, True, "topright")
            br = d.text(s, tc, f"{th.pct(before)} → {th.pct(after)}", (dr.x - 12, r.y + (9 if full else 3)),
                        th.S_BODY, th.INK, True, "topright")
            nr = d.text(s, tc, c.name, (x, r.y + (5 if full else 2)), th.S_LEAD if full else th.S_BODY, th.INK,
                        True, max_w=br.x - 12 - x, name=True)
            why = self.reason(c)
            self.reasons[c.account] = why
            ink = th.BAD if why.startswith("▼") else th.GOOD if why.startswith("▲") else th.MUTED
            if not full:
                top_y = r.y + self.name_h()
                d.fit_text(s, tc, why, pygame.Rect(x, top_y, r.right - 8 - x, r.bottom - 1 - top_y),
                           th.S_BODY, ink, line_gap=0)
                continue
            # the causes of our change, after the name while they fit
            causes = sorted(((v, k) for k, v in c.causes.items() if abs(v) >= 0.0005), key=lambda x: -abs(x[0]))
            cx = nr.right + 16
            for v, k in causes[:3]:
                ctxt = f"{t('cause_' + k)} {v * 100:+.1f}"
                if cx + tc.size(ctxt, th.S_SMALL, True)[0] + 10 > br.x - 12:
                    break
                cx = d.badge(s, tc, ctxt, (cx, r.y + 8), th.GOOD if v > 0 else th.BAD, size=th.S_SMALL).right + 6
            # before / after bars, and why beside them; satisfaction at the right
            by = r.y + 34
            for j, shares in enumerate((c.before, c.after)):
                parts = [(shares.get(me, 0.0), th.US)]
                parts += [(shares.get(rv.id, 0.0), self.colours[rv.id]) for rv in obs.rivals]
                d.stacked_bar(s, pygame.Rect(x + 60, by + j * 16, 200, 12), parts)
                d.text(s, tc, t("before") if j == 0 else t("after"), (x, by + j * 16 + 6), th.S_SMALL, th.MUTED,
                       anchor="midleft", max_w=56)
            acc = next((a for a in obs.accounts if a.id == c.account), None)
            sat_x = r.right - 10
            if acc is not None:
                prev = next((a for a in self.prev.accounts if a.id == c.account), None) if self.prev else None
                sd = acc.satisfaction - (prev.satisfaction if prev else acc.satisfaction)
                stxt = f"{t('satisfaction')} {th.pct(acc.satisfaction)}"
                rr = d.text(s, tc, stxt, (r.right - 10, by), th.S_SMALL, th.INK, True, "topright")
                sat_x = rr.x
                if abs(sd) >= 0.005:
                    txt, col2 = d.arrow_delta(sd * 100, "{:+.0f}")
                    sat_x = d.text(s, tc, txt, (rr.x - 6, by), th.S_SMALL, col2, True, "topright").x
            d.fit_text(s, tc, why, pygame.Rect(x + 276, by - 2, sat_x - 12 - (x + 276), r.bottom - by), th.S_BODY,
                       ink, line_gap=0)
