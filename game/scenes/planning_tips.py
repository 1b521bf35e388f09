"""The planning screen's hover tips: every chip and number says what it means and what
moved it, with the numbers. Words come from game/i18n.py; numbers from the observation
and last quarter's report (engine's public API) and the stance scale's thresholds from
engine/stance_scale.py, never worked out again here.
"""
from __future__ import annotations

import pygame

from engine.stance_scale import COACH, PREFERS, SUPPORTS
from engine.stance_scale import step as stance_step

from .. import theme as th

MIN_CAUSE = 0.005          # smaller parts are not worth naming in a tip


def signed(v: float, digits: int = 2) -> str:
    return f"{v:+.{digits}f}"


def causes_text(scene, causes: dict[str, float], prefix: str, scale: float = 1.0, digits: int = 2) -> str:
    """"rep days +0.20, drift -0.05": the causes of a change, largest first, in the player's words."""
    parts = sorted(((k, v) for k, v in causes.items() if abs(v) >= MIN_CAUSE), key=lambda kv: -abs(kv[1]))
    sep = "、" if scene.app.lang == "zh" else ", "
    return sep.join(f"{scene.t(prefix + k)} {signed(v * scale, digits)}" for k, v in parts)


def last_report(scene):
    """Last quarter's report, if it is the one that led to this observation."""
    rep = scene.session.report
    return rep if rep is not None and rep.turn == scene.obs.turn else None


def stance_tip(scene, a, p) -> str:
    t = scene.t
    st = stance_step(p.stance)
    if p.coach:
        gap = t("tipx_is_coach")
    else:
        gap = t("tipx_to_coach", d=f"{COACH - p.stance:.2f}")
    rep = last_report(scene)
    change = next((c for c in rep.stances if c.account == a.id and c.stakeholder == p.id), None) if rep else None
    if rep is None:
        last = t("tipx_start")
    elif change is None:
        last = t("tipx_no_move")
    else:
        last = t("tipx_moved", d=signed(change.after - change.before), why=causes_text(scene, change.causes, "sc_"))
    return t("tipx_stance", name=p.name, v=f"{p.stance:.2f}", word=t(f"st_{st}"), s1=f"{SUPPORTS:g}",
             s2=f"{PREFERS:g}", s3=f"{COACH:g}", gap=gap, p=f"{p.personal:.2f}", o=f"{p.org:.2f}", last=last)


def person_tip(scene, p) -> str:
    t = scene.t
    known = t("tipx_infl_known") if p.influence_known else t("tipx_infl_chart")
    return t("tipx_person", name=p.name, title=p.title, level=t("level_" + p.level),
             what=t("tipx_level_" + p.level), n=f"{p.influence:.1f}", known=known)


def share_tip(scene, a) -> str:
    t, obs = scene.t, scene.obs
    now = a.shares.get(obs.side, 0.0)
    names = {r.id: r.name for r in obs.rivals}
    sep = "、" if scene.app.lang == "zh" else ", "
    others = sep.join(f"{names.get(k, k)} {th.pct(v)}" for k, v in a.shares.items() if k != obs.side)
    others = (others + sep if others else "") + f"{t('tipx_other_suppliers')} {th.pct(max(a.others_share, 0.0))}"
    rep = last_report(scene)
    change = next((c for c in rep.shares if c.account == a.id), None) if rep else None
    if change is None:
        last = t("tipx_start")
    else:
        before = change.before.get(obs.side, 0.0)
        why = causes_text(scene, change.causes, "cause_", 100, 1) or t("tipx_nothing")
        last = t("tipx_share_moved", before=th.pct(before), d=f"{(now - before) * 100:+.1f}", why=why)
    return t("tipx_share", name=a.name, v=th.pct(now), rest=others, last=last)


def satisfaction_tip(scene, a) -> str:
    return scene.t("tipx_sat", name=a.name, v=th.pct(a.satisfaction))


def needs_tip(scene, a) -> str:
    t = scene.t
    sep = "、" if scene.app.lang == "zh" else ", "
    needs = sep.join(f"{t('need_' + n)} {th.pct(w)}" for n, w in sorted(a.needs.items(), key=lambda kv: -kv[1]))
    hidden = t("tipx_hidden", n=a.undiscovered_needs) if a.undiscovered_needs else ""
    return t("tipx_needs", name=a.name, needs=needs, hidden=hidden)


def rivals_tip(scene, a) -> str:
    """What each rival did here last quarter, level by level (D/M/O), when it shows."""
    t = scene.t
    if not (a.visible and a.rival_activity):
        return t("rivals_hidden")
    names = {r.id: r.name for r in scene.obs.rivals}
    rows = []
    for rid, act in a.rival_activity.items():
        rows.append(t("tipx_rival", name=names.get(rid, rid), dd=f"{act['days_decision']:.0f}",
                      dm=f"{act['days_management']:.0f}", do=f"{act['days_operational']:.0f}",
                      e=f"{act['exec_visits']:.0f}", s=f"{act['service']:.0f}", p=th.pct(act["price_cut"])))
    return " ".join(rows) + " " + t("tipx_rival_seen")


def coming_tip(scene, c) -> str:
    src = scene.t("tipx_coming_public") if c.source == "public" else scene.t("tipx_coming_coach", who=c.who)
    return scene.t("tipx_coming", title=c.title, q=c.turn, src=src)


def add_tips(scene) -> None:
    """Register the tip of every chip and number painted this frame (planning.py's layout)."""
    from . import planning as pl
    obs, tips = scene.obs, scene.tips
    for a in obs.accounts:
        r = scene.card_rects.get(a.id)
        if r is None or r.y < pl.LEFT.y + 40 or r.bottom > pl.LEFT.bottom:
            continue
        tips.add(pygame.Rect(r.x + 8, r.y + 30, r.width - 16, 22), share_tip(scene, a))
        tips.add(pygame.Rect(r.x + 8, r.y + 54, 170, 18), satisfaction_tip(scene, a))
    a = obs.account(scene.selected)
    tips.add(pygame.Rect(pl.BC.x + 8, pl.BC.y + 36, pl.BC.width - 16, 20), needs_tip(scene, a))
    lines, head_y, cards = scene.layout(a.id)
    tips.add(pygame.Rect(pl.BC.x + 8, pl.BC.y + 57, pl.BC.width - 16, head_y - pl.BC.y - 60), rivals_tip(scene, a))
    for card in cards:
        p = card.person
        tips.add(pygame.Rect(card.rect.x, card.rect.y, pl.COL_B - 8, card.rect.height), person_tip(scene, p))
        chip = scene.chip_rects.get((a.id, p.id))
        if chip is not None:
            tips.add(chip, stance_tip(scene, a, p))
    for c, rect in getattr(scene, "coming_rects", {}).items():
        tips.add(rect, coming_tip(scene, c))
