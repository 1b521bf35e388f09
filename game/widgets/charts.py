"""Line charts drawn with pygame.

Why pygame and not a plotting library: the charts are small (a handful of series over
at most ~20 turns), must use the game's font (Chinese names) and colours, and must draw
in milliseconds inside the game loop. matplotlib would add a large dependency, slow the
first frame by a second or more and render in another font. Each chart is drawn once to
a surface when the debrief opens; frames only blit it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from .. import theme as th
from ..theme import TextCache
from .draw import text


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float]
    colour: tuple
    width: int = 3
    dashed: bool = False


def _nice_step(span: float, ticks: int = 4) -> float:
    raw = span / max(ticks, 1)
    if raw <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def _dashed(surf, col, a, b, width, dash=7):
    (x0, y0), (x1, y1) = a, b
    length = math.hypot(x1 - x0, y1 - y0)
    n = max(1, int(length // dash))
    for i in range(0, n, 2):
        t0, t1 = i / n, min(1.0, (i + 1) / n)
        pygame.draw.line(surf, col, (x0 + (x1 - x0) * t0, y0 + (y1 - y0) * t0),
                         (x0 + (x1 - x0) * t1, y0 + (y1 - y0) * t1), width)


def line_chart(tc: TextCache, size: tuple[int, int], title: str, series: list[Series],
               x_labels: list[str], y_fmt=lambda v: f"{v:g}", y_min: float | None = None,
               y_max: float | None = None, note: str = "") -> pygame.Surface:
    """A titled line chart with a legend, y grid and x labels, on a white card."""
    w, h = size
    surf = pygame.Surface(size)
    surf.fill(th.PANEL)
    pygame.draw.rect(surf, th.BORDER, surf.get_rect(), 1, border_radius=8)
    text(surf, tc, title, (12, 8), th.S_LEAD, th.INK, bold=True, max_w=w - 24)
    # legend (wraps to a second row if needed)
    lx, ly = 12, 36
    for s in series:
        label = tc.fit(s.label, 180, th.S_SMALL)
        lw = tc.size(label, th.S_SMALL)[0] + 30
        if lx + lw > w - 8:
            lx, ly = 12, ly + 20
        pygame.draw.line(surf, s.colour, (lx, ly + 9), (lx + 18, ly + 9), 4)
        text(surf, tc, label, (lx + 23, ly), th.S_SMALL, th.MUTED)
        lx += lw + 8
    top = ly + 28
    values = [v for s in series for v in s.values if v is not None and math.isfinite(v)]
    lo = min(values) if values else 0.0
    hi = max(values) if values else 1.0
    lo = y_min if y_min is not None else min(lo, 0.0)
    hi = y_max if y_max is not None else hi
    if hi - lo < 1e-9:
        hi = lo + 1.0
    step = _nice_step(hi - lo)
    lo_t = math.floor(lo / step) * step
    hi_t = math.ceil(hi / step) * step
    labels = [lo_t + i * step for i in range(int(round((hi_t - lo_t) / step)) + 1)]
    lab_w = max(tc.size(y_fmt(v), th.S_SMALL)[0] for v in labels) + 10
    note_h = tc.size("Ag", th.S_SMALL)[1] if note else 0
    plot = pygame.Rect(12 + lab_w, top, w - 24 - lab_w - 8, h - top - 34 - note_h)
    if plot.height < 20 or plot.width < 20:
        return surf

    def ty(v: float) -> float:
        return plot.bottom - (v - lo_t) / (hi_t - lo_t) * plot.height

    for v in labels:
        y = ty(v)
        pygame.draw.line(surf, (232, 236, 242) if abs(v) > 1e-12 else (170, 178, 190), (plot.x, y), (plot.right, y), 1)
        text(surf, tc, y_fmt(v), (plot.x - 6, y), th.S_SMALL, th.MUTED, anchor="midright")
    n = max((len(s.values) for s in series), default=0)

    def tx(i: int) -> float:
        return plot.x + (i / max(n - 1, 1)) * plot.width

    every = max(1, math.ceil(len(x_labels) / 12))
    for i, lab in enumerate(x_labels[:n]):
        if i % every == 0 or i == n - 1:
            x = tx(i)
            pygame.draw.line(surf, (200, 206, 216), (x, plot.bottom), (x, plot.bottom + 4), 1)
            text(surf, tc, lab, (x, plot.bottom + 6), th.S_SMALL, th.MUTED, anchor="midtop")
    pygame.draw.line(surf, (150, 158, 170), plot.bottomleft, plot.bottomright, 1)
    for s in series:
        pts = [(tx(i), ty(v)) for i, v in enumerate(s.values) if v is not None and math.isfinite(v)]
        if len(pts) >= 2:
            if s.dashed:
                for a, b in zip(pts, pts[1:]):
                    _dashed(surf, s.colour, a, b, s.width)
            else:
                pygame.draw.lines(surf, s.colour, False, pts, s.width)
        for p in pts:
            pygame.draw.circle(surf, s.colour, p, s.width + 1)
    if note:
        text(surf, tc, note, (12, h - 2), th.S_SMALL, th.FAINT, anchor="bottomleft", max_w=w - 24)
    return surf


def hbar(surf: pygame.Surface, tc: TextCache, rect: pygame.Rect, label: str, frac: float, colour,
         value_text: str) -> None:
    """A labelled horizontal bar (scorecard perspectives)."""
    text(surf, tc, label, (rect.x, rect.y), th.S_BODY, th.INK, bold=True)
    bar = pygame.Rect(rect.x, rect.y + 24, rect.width - 70, rect.height - 28)
    pygame.draw.rect(surf, (228, 233, 240), bar, border_radius=6)
    w = round(max(0.0, min(1.0, frac)) * bar.width)
    if w:
        pygame.draw.rect(surf, colour, (bar.x, bar.y, w, bar.height), border_radius=6)
    text(surf, tc, value_text, (rect.right, bar.centery), th.S_LEAD, th.INK, bold=True, anchor="midright")
