"""Debrief: scorecard and stars, objectives, charts over the quarters, "why did we win or
lose <account>" for every account, and the lessons the game triggered."""
from __future__ import annotations

import html

import pygame
import pygame_gui

from engine import review as play_review
from engine import star_rules

from .. import theme as th
from ..widgets import draw as d
from ..widgets.charts import Series, hbar, line_chart
from .briefing import hexcol
from .common import FOOT_Y, TOP_H, footer, game_keys, topbar, topbar_buttons
from .stack import CanvasScene

TABS = ("results", "charts", "why", "lessons", "review")
BODY = pygame.Rect(10, TOP_H + 56, 1260, FOOT_Y - 8 - (TOP_H + 56))
PERSPECTIVE_COLOURS = {"financial": (31, 95, 175), "customer": (0, 137, 123), "process": (230, 110, 20),
                       "learning": (142, 68, 173)}
VERDICT_COLOURS = {"won": th.GOOD, "held": th.ACCENT, "lost": th.BAD, "dropped": th.MUTED}


def esc(s: str) -> str:
    return html.escape(s, quote=False)


class DebriefScene(CanvasScene):
    name = "debrief"

    def __init__(self, app):
        super().__init__(app)
        self.session = app.session
        self.obs = self.session.obs
        self.debrief = self.session.match.debrief()
        self.tab = "results"
        self.why_account = self.debrief.explanations[0].account if self.debrief.explanations else None
        self.charts: dict[str, pygame.Surface] = {}
        self.review = None            # engine Review, played when the tab is first opened
        self.review_ref = None        # the reference strategy whose differences are listed
        self.dirty = True

    # ------------------------------------------------------------------ widgets
    def enter(self) -> None:
        self.make_root()
        topbar_buttons(self)
        x = 10
        for i, tab in enumerate(TABS):
            label = f"{i + 1}  {self.t('tab_' + tab)}"
            w = max(150, self.text.size(label, 17)[0] + 40)
            self.button((x, TOP_H + 8, w, 40), label, lambda tab=tab: self.show(tab), name=f"tab_{tab}",
                        object_id="@tab")
            x += w + 8
        self.button((1270 - 220, TOP_H + 8, 220, 40), self.t("back_to_title"), self.to_title, name="to_title")
        self.show(self.tab)

    def show(self, tab: str) -> None:
        self.tab = tab
        for name in TABS:
            b = self.w[f"tab_{name}"]
            b.select() if name == tab else b.unselect()
        for k in ("why_text", "lessons_text", "objectives_text", "review_text"):
            tb = self.w.pop(k, None)
            if tb is not None:
                tb.kill()
        if tab == "results":
            self.w["objectives_text"] = self.textbox((650, BODY.y + 40, BODY.right - 650, BODY.height - 40),
                                                     self.objectives_html())
        elif tab == "why":
            self.w["why_text"] = self.textbox((BODY.x, BODY.y, 620, BODY.height), self.why_html())
        elif tab == "lessons":
            self.w["lessons_text"] = self.textbox((BODY.x, BODY.y, BODY.width, BODY.height), self.lessons_html())
        elif tab == "review":
            self.ensure_review()
            self.w["review_text"] = self.textbox((BODY.x, BODY.y, 620, BODY.height), self.review_html())
        self.dirty = True

    def ensure_review(self) -> None:
        """Play the scenario's reference strategies on this game's seed (once: about a
        second for the largest case), and pick the best of them to compare with."""
        if self.review is None:
            self.review = play_review(self.session.match, self.session.lang)
            refs = self.review.references
            self.review_ref = max(refs, key=lambda r: r.score).id if refs else None

    def to_title(self) -> None:
        self.app.session = None
        self.app.to_title()

    # ------------------------------------------------------------------ text
    def objectives_html(self) -> str:
        t, sc = self.t, self.session.scenario
        primary = {o.id: o.primary for o in sc.objectives}
        rows = []
        for oid, text, met in self.debrief.objectives:
            mark = (f"<font color='#24803C'><b>✔ {t('met')}</b></font>" if met
                    else f"<font color='#C62828'><b>✖ {t('missed')}</b></font>")
            opt = "" if primary.get(oid, True) else f"<font color='#586374'>{t('aside', x=t('optional'))}</font>"
            rows.append(f"{mark}   {esc(text)}{opt}")
        head = f"<font size=5><b>{t('objectives')}</b></font><br><br>"
        out = head + ("<br><br>".join(rows) if rows else "—")
        # what each star takes, so the stars above read as a result of rules, not a mood
        rules = "<br>".join(f"★ {esc(r)}" for r in star_rules(sc, self.session.lang))
        out += f"<br><br><font size=5><b>{t('star_rules')}</b></font><br>{rules}"
        verdicts = []
        for e in self.debrief.explanations:
            col = hexcol(VERDICT_COLOURS.get(e.verdict, th.INK))
            verdicts.append(f"<font color='{col}'><b>{t('verdict_' + e.verdict)}</b></font>   {esc(e.name)}   "
                            f"{th.pct(e.start)} → {th.pct(e.end)}")
        if verdicts:
            out += f"<br><br><br><font size=5><b>{t('accounts_verdicts')}</b></font><br><br>" + "<br>".join(verdicts)
        return out

    def why_html(self) -> str:
        t = self.t
        out = []
        for e in self.debrief.explanations:
            col = hexcol(VERDICT_COLOURS.get(e.verdict, th.INK))
            verdict = t("verdict_" + e.verdict)
            head = (f"<font size=5><b><a href='{esc(e.account)}'>{esc(e.name)}</a></b></font>  "
                    f"<font color='{col}'><b>{verdict}</b></font>  {th.pct(e.start)} → {th.pct(e.end)}")
            body = esc(e.body or e.text)  # the engine words it in the match's language
            ev = "".join(f"<br>• {esc(t('q', n=turn))}{t('colon')}{esc(title)}" for turn, title in e.events)
            out.append(f"{head}<br>{body}{ev}")
        hint = f"<font color='#586374'>{self.t('why_hint')}</font><br><br>"
        return hint + "<br><br>".join(out) if out else "—"

    def review_html(self) -> str:
        """The trainee's game beside every reference strategy on the same seed, and the
        biggest differences in decisions against the chosen one (a link per strategy)."""
        t, rv = self.t, self.review
        if rv is None or not rv.references:
            return f"<font color='#586374'>{t('review_none')}</font>"
        out = [f"<font color='#586374'>{t('review_intro', seed=rv.seed)}</font>"]
        rows = []
        for line in (rv.you,) + rv.references:
            stars = "★" * line.stars + "☆" * (3 - line.stars)
            name = esc(line.name)
            if line.id != "you":
                name = f"<a href='ref:{esc(line.id)}'>{name}</a>"
                if line.id == self.review_ref:
                    name = f"<b>▶ {name}</b>"
            else:
                name = f"<b>{name}</b>"
            rows.append(f"<font color='#C46E00'>{stars}</font>  {line.score:5.1f}   {name}")
        out.append(f"<font size=5><b>{t('review_scores')}</b></font><br>" + "<br>".join(rows))
        ref = next(r for r in rv.references if r.id == self.review_ref)
        diffs = rv.differences.get(ref.id, ())
        body = "<br>".join(f"• {esc(d.text)}" for d in diffs) if diffs else t("review_same")
        out.append(f"<font size=5><b>{t('review_diffs', name=esc(ref.name))}</b></font><br>{body}")
        out.append(f"<font color='#586374'>{t('review_hint')}</font>")
        return "<br><br>".join(out)

    def lessons_html(self) -> str:
        t = self.t
        if not self.debrief.lessons:
            return f"<font size=5>{t('no_lessons')}</font>"
        out = [f"<font color='#586374'>{t('lessons_intro')}</font>"]
        for _id, title, text in self.debrief.lessons:
            out.append(f"<font size=5.5><b>{esc(title)}</b></font><br>{esc(text)}")
        return "<br><br>".join(out)

    # ------------------------------------------------------------------ loop
    def pick_reference(self, sid: str) -> None:
        if self.review and any(r.id == sid for r in self.review.references):
            self.review_ref = sid
            self.show("review")

    def pick_account(self, aid: str) -> None:
        if any(e.account == aid for e in self.debrief.explanations):
            self.why_account = aid
            self.dirty = True

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.dispatch_ui(event):
            return
        if event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            target = str(event.link_target)
            if target.startswith("ref:"):
                self.pick_reference(target[4:])
            else:
                self.pick_account(target)
            return
        if event.type != pygame.KEYDOWN:
            return
        k = event.key
        i = TABS.index(self.tab)
        ids = [e.account for e in self.debrief.explanations]
        if self.tab == "review" and self.review and self.review.references and k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            refs = [r.id for r in self.review.references]
            j = refs.index(self.review_ref) if self.review_ref in refs else 0
            self.pick_reference(refs[(j + (1 if k == pygame.K_PAGEDOWN else -1)) % len(refs)])
            return
        if self.tab in ("why", "review") and ids and k in (pygame.K_UP, pygame.K_DOWN):
            j = ids.index(self.why_account) if self.why_account in ids else 0
            self.pick_account(ids[(j + (1 if k == pygame.K_DOWN else -1)) % len(ids)])
            return
        if pygame.K_1 <= k < pygame.K_1 + len(TABS):
            self.show(TABS[k - pygame.K_1])
        elif k in (pygame.K_RIGHT, pygame.K_TAB):
            self.show(TABS[(i + 1) % len(TABS)])
        elif k == pygame.K_LEFT:
            self.show(TABS[(i - 1) % len(TABS)])
        else:
            game_keys(self, event, save=False)  # a finished game is saved already

    def resume(self) -> None:
        self.dirty = True

    def rebuild(self) -> None:
        self.charts = {}
        super().rebuild()

    def update(self, dt: float) -> None:
        if self.dirty and not self.charts:
            self.build_charts()
        super().update(dt)

    # ------------------------------------------------------------------ painting
    def build_charts(self) -> None:
        """Draw the charts once (they only change with the language)."""
        tc, t, h = self.text, self.t, self.debrief.history
        obs = self.obs
        n = len(h["turns"])
        labels = [t("start_q")] + [t("q", n=i) for i in range(1, n)]
        me = obs.side
        names = {a.id: a.name for a in obs.accounts}
        size = ((BODY.width - 10) // 2, (BODY.height - 10) // 2)
        share = [Series(names[aid], [v * 100 for v in h["share"][aid][me]], th.SERIES[i % len(th.SERIES)])
                 for i, aid in enumerate(h["share"])]
        self.charts["share"] = line_chart(tc, size, t("ch_share"), share, labels, lambda v: f"{v:.0f}%",
                                          y_min=0, y_max=max(60.0, max((max(s.values) for s in share), default=0)))
        money = [Series(t("revenue"), h["revenue"][1:], th.ACCENT), Series(t("profit"), h["profit"][1:], th.GOOD),
                 Series(t("cash"), h["cash"][1:], th.MUTED, 2, True)]
        self.charts["money"] = line_chart(tc, size, t("ch_money"), money, labels[1:], self.money_tick)
        depth = [Series(t("level_" + lv), h["depth"][lv], th.LEVEL_COLOURS[lv])
                 for lv in ("decision", "management", "operational")]
        self.charts["depth"] = line_chart(tc, size, t("ch_depth"), depth, labels, lambda v: f"{v:g}",
                                          y_min=-1, y_max=3, note="-1 " + t("st_-1") + " … 3 " + t("st_3"))
        sat = [Series(names[aid], [v * 100 for v in vals], th.SERIES[i % len(th.SERIES)])
               for i, (aid, vals) in enumerate(h["satisfaction"].items())]
        self.charts["sat"] = line_chart(tc, size, t("ch_sat"), sat, labels, lambda v: f"{v:.0f}%", y_min=0, y_max=100)
        # per-account share, us vs every rival, for the "why" tab
        self._labels = labels

    def account_chart(self, aid: str) -> pygame.Surface:
        """Us against every rival at one account (drawn when first asked for)."""
        key = "acct_" + aid
        if key not in self.charts:
            tc, t, h, obs = self.text, self.t, self.debrief.history, self.obs
            me = obs.side
            name = next((a.name for a in obs.accounts if a.id == aid), aid)
            series = [Series(t("us"), [v * 100 for v in h["share"][aid][me]], th.US, 4)]
            series += [Series(r.name, [v * 100 for v in h["share"][aid][r.id]], th.side_colour(i + 1))
                       for i, r in enumerate(obs.rivals) if r.id in h["share"][aid]]
            sat = [v * 100 for v in h["satisfaction"][aid]]
            series.append(Series(t("satisfaction"), sat, th.MUTED, 2, True))
            self.charts[key] = line_chart(tc, (BODY.right - 640, BODY.height), t("share_at", name=name), series,
                                          self._labels, lambda v: f"{v:.0f}%", y_min=0, y_max=100)
        return self.charts[key]

    def render_canvas(self) -> None:
        s, t = self.canvas, self.t
        s.fill(th.BG)
        topbar(self, s, t("debrief"))
        getattr(self, "paint_" + self.tab)(s)
        footer(self, s, t("shortcuts_debrief"))

    def paint_results(self, s: pygame.Surface) -> None:
        tc, t, db, obs = self.text, self.t, self.debrief, self.obs
        left = pygame.Rect(BODY.x, BODY.y, 630, BODY.height)
        inner = d.panel(s, left)
        d.stars(s, tc, db.stars, (inner.x + 10, inner.y + 6), 64)
        d.text(s, tc, t("final_score", s=db.score), (inner.x + 250, inner.y + 18), th.S_H1, th.INK, True)
        h = db.history
        facts = f"{t('profit')} {self.money(sum(h['profit']))}   ·   {t('cash')} {self.money(h['cash'][-1])}"
        d.text(s, tc, facts, (inner.x + 250, inner.y + 60), th.S_BODY, th.MUTED, max_w=inner.right - inner.x - 250)
        d.text(s, tc, f"{t('market_share')} {th.pct(obs.market_share)}", (inner.x + 250, inner.y + 82), th.S_BODY,
               th.MUTED, max_w=inner.right - inner.x - 250)
        d.text(s, tc, t("scorecard"), (inner.x + 10, inner.y + 110), th.S_H2, th.INK, True)
        y = inner.y + 146
        for p in ("financial", "customer", "process", "learning"):
            v = db.scorecard.get(p, 0.0)
            hbar(s, tc, pygame.Rect(inner.x + 10, y, inner.width - 20, 52), t("p_" + p), v,
                 PERSPECTIVE_COLOURS[p], th.pct(v))
            y += 72
        right = pygame.Rect(650, BODY.y, BODY.right - 650, 36)
        d.text(s, tc, self.session.scenario_title, (right.x, right.y + 6), th.S_LEAD, th.MUTED, True,
               max_w=right.width)

    def paint_charts(self, s: pygame.Surface) -> None:
        w, h = (BODY.width - 10) // 2, (BODY.height - 10) // 2
        for i, key in enumerate(("share", "money", "depth", "sat")):
            s.blit(self.charts[key], (BODY.x + (i % 2) * (w + 10), BODY.y + (i // 2) * (h + 10)))

    def paint_why(self, s: pygame.Surface) -> None:
        if self.why_account is not None:
            s.blit(self.account_chart(self.why_account), (640, BODY.y))

    def paint_lessons(self, s: pygame.Surface) -> None:
        pass

    def review_chart(self, aid: str) -> pygame.Surface:
        """Our share at one account, quarter by quarter: the trainee's game (thick) and
        each reference strategy on the same dice (the chosen one solid, others dashed)."""
        key = f"review_{aid}_{self.review_ref}"
        if key not in self.charts:
            tc, t, rv = self.text, self.t, self.review
            name = next((a.name for a in self.obs.accounts if a.id == aid), aid)
            series = [Series(rv.you.name, [v * 100 for v in rv.you.share[aid]], th.US, 4)]
            for i, line in enumerate(rv.references):
                chosen = line.id == self.review_ref
                series.append(Series(line.name, [v * 100 for v in line.share[aid]], th.SERIES[(i + 1) % len(th.SERIES)],
                                     3 if chosen else 2, not chosen))
            title = t("review_share_at", name=name)
            if tc.size(title, th.S_LEAD, True)[0] > BODY.right - 640 - 24:     # large type: the legend says the rest
                title = t("review_share_at_short", name=name)
            self.charts[key] = line_chart(tc, (BODY.right - 640, BODY.height), title,
                                          series, self._labels, lambda v: f"{v:.0f}%", y_min=0, y_max=100)
        return self.charts[key]

    def paint_review(self, s: pygame.Surface) -> None:
        if self.review is not None and self.review.references and self.why_account is not None:
            s.blit(self.review_chart(self.why_account), (640, BODY.y))
