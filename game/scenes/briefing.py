"""Briefing: the case, the objectives, the rivals and who is who in each account."""
from __future__ import annotations

import html

import pygame

from engine import star_rules, text_blocks, text_of
from engine.stance_scale import step as stance_step

from .. import theme as th
from ..widgets import draw as d
from .common import TOP_H, footer, game_keys, topbar, topbar_buttons
from .stack import Scene


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def hexcol(c) -> str:
    return "#%02X%02X%02X" % tuple(c[:3])


def md_html(s: str) -> str:
    """The scenario text's paragraphs and bullets (engine.scenario.text_blocks) as the
    text box's markup. A paragraph or a list is set off from the next by an empty line; a
    bullet is tied to its first word by a no-break space, so a long Chinese item never
    leaves "•" alone on its row."""
    return "<br><br>".join("<br>".join(("\u2022\u00a0" if bullet else "") + esc(text) for bullet, text in block)
                           for block in text_blocks(s))


class BriefingScene(Scene):
    name = "briefing"

    def enter(self) -> None:
        self.make_root()
        W, H = self.app.size
        s = self.app.session
        sc, lang, obs = s.scenario, s.lang, s.obs
        t = self.t
        # left: the case and the objectives
        case = f"<font size=5.5><b>{esc(text_of(sc.title, lang))}</b></font><br><br>{md_html(text_of(sc.briefing, lang))}"
        case += f"<br><br><font size=5><b>{t('objectives')}</b></font>"
        for o in sc.objectives:
            tag = "" if o.primary else f"<font color='#586374'>{t('aside', x=t('optional'))}</font>"
            case += f"<br>◆ {esc(text_of(o.text, lang))}{tag}"
        # the stars' rules, from the scorecard, before the first decision
        case += f"<br><br><font size=5><b>{t('star_rules')}</b></font>"
        for rule in star_rules(sc, lang):
            case += f"<br>★ {esc(rule)}"
        case += f"<br><br><font size=5><b>{t('rivals')}</b></font>"
        for k, r in enumerate(x for x in obs.rivals):
            side = next(x for x in sc.sides if x.id == r.id)
            doc = f" — {t('rival_doctrine', d=t('doc_' + side.doctrine.name))}" if side.doctrine else ""
            col = hexcol(th.side_colour(k + 1))
            case += f"<br><font color='{col}'><b>{esc(r.name)}</b></font>{esc(doc)}"
        self.textbox((16, TOP_H + 12, 610, H - TOP_H - 110), case, name="case")
        # right: who is who
        who = f"<font size=5><b>{t('who_is_who')}</b></font>"
        for a in obs.accounts:
            facts = (t('tier', t=a.tier), t('demand_q', v=self.money(a.demand)), t('pays_after', n=a.payment_days))
            who += f"<br><br><b>{esc(a.name)}</b> — {t('sep').join(facts)}"
            for lv in ("decision", "management", "operational"):
                for p in (x for x in a.stakeholders if x.level == lv):
                    col = hexcol(th.stance_colour(p.stance))
                    step = stance_step(p.stance)      # the scale's step, as everywhere (half up)
                    role = t(f"role_{p.role}")
                    extra = t("sep").join(x for x in (role, t("chair") if p.chair else "") if x)
                    who += (f"<br>  <font color='#586374'>{t('level_' + lv)}</font>  <b>{esc(p.name)}</b>{t('sep')}"
                            f"{esc(p.title)}{esc(t('aside', x=extra)) if extra else ''}  "
                            f"<font color='{col}'><b>{step:+d} {t(f'st_{step}')}</b></font>")
        self.textbox((640, TOP_H + 12, W - 656, H - TOP_H - 110), who, name="who")
        self.button((16, H - 84, 150, 46), f"{t('back')}", self.back, name="back")
        self.button((176, H - 84, 100, 46), "English", lambda: self.app.set_lang("en"), name="lang_en",
                    object_id="@toggle")
        self.button((282, H - 84, 100, 46), "中文", lambda: self.app.set_lang("zh"), name="lang_zh",
                    object_id="@toggle")
        self.w["lang_en" if lang == "en" else "lang_zh"].select()
        self.button((W - 296, H - 84, 280, 46), f"{t('start_planning')}  [Enter]", self.start, name="start",
                    object_id="@primary")
        topbar_buttons(self)

    def back(self) -> None:
        self.app.session = None
        self.app.stack.pop()

    def start(self) -> None:
        from .planning import PlanningScene
        self.app.stack.replace(PlanningScene(self.app))

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.dispatch_ui(event):
            return
        if event.type != pygame.KEYDOWN:
            return
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.start()
        else:
            game_keys(self, event)

    def draw(self, surface: pygame.Surface) -> None:
        topbar(self, surface, self.t("briefing"))
        W, H = self.app.size
        words = [self.t(f"st_{v}") for v in range(-1, 4)]
        # the scale's caption, then the chips as wide as their words; with large type the
        # chips take the caption's room rather than lose their words
        x0, right = 396, W - 316
        need = sum(self.text.size(f"{v} {w}", 12, True)[0] + 14 for v, w in zip(range(-1, 4), words))
        caption = self.t("stance_scale")
        x = x0
        if self.text.size(caption, th.S_SMALL)[0] + 8 + need <= right - x0:
            x = d.text(surface, self.text, caption, (x0, H - 61), th.S_SMALL, th.MUTED, anchor="midleft").right + 8
        d.stance_scale(surface, self.text, (x, H - 70), words, w=min(90, (right - x) // 5 - 4), room=right - x)
        footer(self, surface, self.t("shortcuts_briefing"))
