"""Pieces every in-game screen shares: the top bar, the shortcut line, key helpers."""
from __future__ import annotations

import pygame

from .. import theme as th
from ..widgets import draw as d

TOP_H = 48
FOOT_Y = 696


def ctrl(event: pygame.event.Event) -> bool:
    return bool(event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META))


PLUS_KEYS = (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS)     # "+" is Shift+= on most layouts
MINUS_KEYS = (pygame.K_MINUS, pygame.K_KP_MINUS)


def step_key(event: pygame.event.Event) -> int:
    """+1 for a plus key (+, = or Shift+=, keypad +), -1 for a minus key, else 0."""
    if event.key in PLUS_KEYS:
        return 1
    if event.key in MINUS_KEYS:
        return -1
    return 0


def game_keys(scene, event: pygame.event.Event, save: bool = True) -> bool:
    """Esc menu, F1 help, F2 language and Ctrl+S save, the same on every in-game screen.
    True if used."""
    k = event.key
    if k == pygame.K_ESCAPE:
        scene.open_menu()
    elif k == pygame.K_F1:
        scene.open_help()
    elif k == pygame.K_F2:
        scene.app.toggle_lang()
    elif save and k == pygame.K_s and ctrl(event):
        scene.app.save()
    else:
        return False
    return True


def topbar(scene, surface: pygame.Surface, heading: str, quarter: str | None = None) -> None:
    """Dark bar: company and scenario on the left, quarter in the middle, key figures right."""
    app, tc = scene.app, scene.text
    w = app.size[0]
    pygame.draw.rect(surface, th.TOPBAR, (0, 0, w, TOP_H))
    s = app.session
    if s is None:
        d.text(surface, tc, heading, (16, TOP_H // 2), th.S_H2, th.TOPBAR_INK, True, "midleft")
        return
    obs = s.obs
    left = d.text(surface, tc, heading, (16, TOP_H // 2), th.S_H2, th.TOPBAR_INK, True, "midleft", max_w=300)
    turn = min(obs.turn + 1, obs.turns)
    q = scene.t("quarter_of", t=turn, n=obs.turns) if not s.done else scene.t("game_over")
    q = quarter or q
    figures = (f"{q}  ·  {scene.t('cash')} {scene.money(obs.cash)}  ·  "
               f"{scene.t('market_share')} {th.pct(obs.market_share)}  ·  {scene.t('score')} {obs.score:.0f}")
    st = d.stars(surface, tc, obs.stars, (topbar_buttons_x(scene)[0] - 10, TOP_H // 2), 20, anchor="midright")
    r = d.text(surface, tc, figures, (st.x - 8, TOP_H // 2), th.S_BODY, th.TOPBAR_INK, False, "midright")
    sub = f"{obs.side_name} · {scene.app.session.scenario_title}"
    if r.x - left.right > 80:                  # on two lines if one is not enough
        box = pygame.Rect(left.right + 14, 4, r.x - left.right - 34, TOP_H - 8)
        # the company and the scenario, else the scenario alone, else the company, whole (on
        # two lines if need be); with no room for any of them whole (large type), none
        for cand in (sub, scene.app.session.scenario_title, obs.side_name):
            need = d.fit_text(surface, tc, cand, box, th.S_SMALL, draw=False)
            if need is not None:
                box.y = (TOP_H - need.height) // 2
                d.fit_text(surface, tc, cand, box, th.S_SMALL, (170, 182, 200))
                break


def topbar_buttons_x(scene) -> tuple[int, int, int]:
    """Where Help and Menu sit at the bar's right, each as wide as its label needs at the
    current type size: (help x, menu x, menu width)."""
    w = scene.app.size[0]
    need = [scene.text.size(s, th.S_BODY)[0] + 16 for s in (f"{scene.t('help')} [F1]", f"{scene.t('menu')} [Esc]")]
    help_w, menu_w = max(88, need[0]), max(94, need[1])
    menu_x = w - 8 - menu_w
    return menu_x - 6 - help_w, menu_x, menu_w


def topbar_buttons(scene) -> None:
    help_x, menu_x, menu_w = topbar_buttons_x(scene)
    scene.button((help_x, 8, menu_x - 6 - help_x, 32), f"{scene.t('help')} [F1]", scene.open_help, name="help")
    scene.button((menu_x, 8, menu_w, 32), f"{scene.t('menu')} [Esc]", scene.open_menu, name="menu")


def footer(scene, surface: pygame.Surface, keys: str) -> None:
    w, h = scene.app.size
    pygame.draw.rect(surface, (222, 228, 236), (0, FOOT_Y, w, h - FOOT_Y))
    d.text(surface, scene.text, keys, (16, FOOT_Y + (h - FOOT_Y) // 2), th.S_SMALL, th.MUTED, anchor="midleft",
           max_w=w - 32)
