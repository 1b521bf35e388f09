"""Custom-drawn pieces shared by the screens: panels, text, stance chips, bars, badges.

Every function paints onto a surface it is given and returns layout information; none
keeps state (the text they draw comes from the app's TextCache).
"""
from __future__ import annotations

from dataclasses import dataclass

import pygame

from .. import theme as th
from ..theme import TextCache


@dataclass
class Drawn:
    """One piece of text as it was painted (kept only while `RECORD` is a list): what was
    asked for, what was shown (shortened with "…" or cut to fewer lines), where it landed,
    the box it had to fit, and the surface's clip. Tests check that every text fits."""
    text: str
    shown: str
    rect: pygame.Rect
    box: pygame.Rect | None
    clip: pygame.Rect
    surface: int
    size: int
    kind: str = "text"          # "text", "line" (of a paragraph), "badge" or "panel"


RECORD: list[Drawn] | None = None


def record(surf: pygame.Surface, kind: str, text: str, shown: str, rect: pygame.Rect, box=None,
           size: int = 0) -> None:
    if RECORD is not None:
        clip = surf.get_clip().clip(surf.get_rect())
        RECORD.append(Drawn(text, shown, pygame.Rect(rect), None if box is None else pygame.Rect(box), clip,
                            id(surf), size, kind))


def text(surf: pygame.Surface, tc: TextCache, s: str, pos, size: int = th.S_BODY, colour=th.INK,
         bold: bool = False, anchor: str = "topleft", max_w: int | None = None, name: bool = False) -> pygame.Rect:
    """One line of text; with `max_w` it is made to fit: a size or two smaller, then
    shortened with "…" (in the middle for a `name`, so that names alike stay apart)."""
    full = s
    if max_w is not None and tc.size(s, size, bold)[0] > max_w:
        # too wide: a size or two smaller (never below S_MIN) before it is shortened
        while size > th.S_MIN and tc.size(s, size, bold)[0] > max_w:
            size -= 1
        s = tc.fit(s, max_w, size, bold, middle=name)
    img = tc.render(s, size, colour, bold)
    r = img.get_rect(**{anchor: pos})
    surf.blit(img, r)
    if RECORD is not None:
        box = None
        if max_w is not None:
            box = pygame.Rect(0, 0, max_w, r.height)
            setattr(box, anchor, pos)
        record(surf, "text", full, s, r, box, tc.fonts.px(size))
    return r


def paragraph(surf: pygame.Surface, tc: TextCache, s: str, rect: pygame.Rect, size: int = th.S_BODY,
              colour=th.INK, bold: bool = False, line_gap: int = 3, max_lines: int | None = None) -> int:
    """Wrapped text inside rect; returns the y below the last line drawn."""
    lines = tc.wrap(s, rect.width, size, bold)
    h = tc.size("Ag", size)[1] + line_gap
    y = rect.y
    limit = max_lines if max_lines is not None else max(1, rect.height // h)
    for i, line in enumerate(lines[:limit]):
        shown = line
        if i == limit - 1 and len(lines) > limit:
            shown = tc.fit(line + " …", rect.width, size, bold)
            line = " ".join(lines[i:])            # what was left out
        img = tc.render(shown, size, colour, bold)
        surf.blit(img, (rect.x, y))
        record(surf, "line", line, shown, img.get_rect(topleft=(rect.x, y)), rect, tc.fonts.px(size))
        y += h
    return y


def fit_text(surf: pygame.Surface, tc: TextCache, s: str, rect: pygame.Rect, size: int = th.S_BODY,
             colour=th.INK, bold: bool = False, min_size: int = th.S_MIN, line_gap: int = 2,
             draw: bool = True) -> pygame.Rect | None:
    """All of `s` inside `rect`, by measured width: on one line if it fits, else wrapped
    onto as many lines as the rect's height holds, else the same at smaller sizes down to
    `min_size`; only then shortened (the last line ends in "…"). Returns the rect the text
    covers (None if nothing was drawn: `draw=False` only measures and returns None when
    the text cannot be shown whole)."""
    for sz in range(size, min_size - 1, -1):
        lines = tc.wrap(s, rect.width, sz, bold)
        h = tc.size("Ag", sz, bold)[1]
        pitch = h + line_gap
        need = h + pitch * (len(lines) - 1)
        widest = max(tc.size(line, sz, bold)[0] for line in lines)
        if need <= rect.height and widest <= rect.width:
            if not draw:
                return pygame.Rect(rect.x, rect.y, widest, need)
            y = rect.y
            for line in lines:
                img = tc.render(line, sz, colour, bold)
                surf.blit(img, (rect.x, y))
                record(surf, "line", line, line, img.get_rect(topleft=(rect.x, y)), rect, tc.fonts.px(sz))
                y += pitch
            return pygame.Rect(rect.x, rect.y, widest, need)
    if not draw:
        return None
    y = paragraph(surf, tc, s, rect, min_size, colour, bold, line_gap)
    return pygame.Rect(rect.x, rect.y, rect.width, y - rect.y)


def panel(surf: pygame.Surface, rect: pygame.Rect, title: str = "", tc: TextCache | None = None,
          fill=th.PANEL, border=th.BORDER, radius: int = 8, title_size: int = th.S_LEAD,
          title_w: int | None = None) -> pygame.Rect:
    """A white card with an optional title (in `title_w` px when a button shares its line);
    returns the inner content rect."""
    pygame.draw.rect(surf, fill, rect, border_radius=radius)
    pygame.draw.rect(surf, border, rect, 1, border_radius=radius)
    record(surf, "panel", title, title, rect)
    inner = rect.inflate(-2 * 10, -2 * 8)
    if title and tc is not None:
        r = text(surf, tc, title, (rect.x + 12, rect.y + 8), title_size, th.INK, bold=True,
                 max_w=title_w or rect.width - 24)
        inner = pygame.Rect(rect.x + 12, r.bottom + 6, rect.width - 24, rect.bottom - r.bottom - 12)
    return inner


FOCUS = th.ACCENT                 # keyboard focus ring
FOCUS_FILL = (236, 243, 253)      # and the tint of the focused row


def focus_ring(surf: pygame.Surface, rect: pygame.Rect, colour=FOCUS, fill=FOCUS_FILL, width: int = 2,
               radius: int = 6) -> pygame.Rect:
    """The keyboard focus: a tinted row with an outline round it (paint it before the row's
    text; the row's widgets sit inside it)."""
    if fill is not None:
        pygame.draw.rect(surf, fill, rect, border_radius=radius)
    pygame.draw.rect(surf, colour, rect, width, border_radius=radius)
    return rect


def badge(surf: pygame.Surface, tc: TextCache, s: str, pos, fill, ink=(255, 255, 255),
          size: int = th.S_SMALL, anchor: str = "topleft", bold: bool = True, pad: int = 5) -> pygame.Rect:
    img = tc.render(s, size, ink, bold)
    r = pygame.Rect(0, 0, img.get_width() + 2 * pad, img.get_height() + 2)
    setattr(r, anchor, pos)
    pygame.draw.rect(surf, fill, r, border_radius=4)
    surf.blit(img, img.get_rect(center=r.center))
    record(surf, "badge", s, s, r, None, tc.fonts.px(size))
    return r


def stance_chip(surf: pygame.Surface, tc: TextCache, rect: pygame.Rect, value: float, label: str = "",
                coach: bool = False, caption: str | None = None) -> pygame.Rect:
    """A rounded chip coloured by stance (-1 red .. 3 deep teal) with the value written on it
    (and a label after it), or with `caption` instead."""
    col = th.stance_colour(value)
    pygame.draw.rect(surf, col, rect, border_radius=rect.height // 2)
    if coach:
        pygame.draw.rect(surf, th.GOLD, rect, 2, border_radius=rect.height // 2)
    s = f"{value:+.1f}" if value < 0 else f"{value:.1f}"
    if label:
        s = f"{s} {label}"
    if caption is not None:
        s = caption
    text(surf, tc, s, rect.center, th.S_SMALL, (255, 255, 255), bold=True, anchor="center",
         max_w=rect.width - 6)
    return rect


def stance_scale(surf: pygame.Surface, tc: TextCache, pos, words: list[str], w: int = 60,
                 room: int | None = None) -> pygame.Rect:
    """A legend of the -1..3 scale: each chip as wide as its words when `room` (the width
    the legend may take) holds them all, else five chips `w` wide."""
    x, y = pos
    labels = [f"{v} {words[i]}" for i, v in enumerate(range(-1, 4))]
    widths = [tc.size(s, 12, True)[0] + 10 for s in labels]
    if room is None or sum(widths) + 4 * 4 > room:
        widths = [w] * 5
    h = max(18, tc.size("Ag", 12, True)[1])
    for i, v in enumerate(range(-1, 4)):
        r = pygame.Rect(x, y, widths[i], h)
        pygame.draw.rect(surf, th.stance_colour(v), r, border_radius=h // 2)
        text(surf, tc, labels[i], r.center, 12, (255, 255, 255), True, "center", max_w=widths[i] - 4)
        x = r.right + 4
    return pygame.Rect(pos[0], y, x - pos[0], h)


def stacked_bar(surf: pygame.Surface, rect: pygame.Rect, parts: list[tuple[float, tuple]], bg=th.OTHERS,
                radius: int = 4) -> None:
    """Fractions side by side (they should add up to at most 1); the rest is `bg`."""
    pygame.draw.rect(surf, bg, rect, border_radius=radius)
    x = rect.x
    for frac, col in parts:
        w = round(max(0.0, min(1.0, frac)) * rect.width)
        if w > 0:
            pygame.draw.rect(surf, col, (x, rect.y, min(w, rect.right - x), rect.height))
        x += w
    pygame.draw.rect(surf, th.BORDER, rect, 1, border_radius=radius)


def meter(surf: pygame.Surface, rect: pygame.Rect, used: float, capacity: float, colour=th.ACCENT) -> None:
    """A capacity bar: the used part coloured, red with an overflow mark when over."""
    pygame.draw.rect(surf, (228, 233, 240), rect, border_radius=5)
    over = used > capacity + 1e-6
    frac = 1.0 if over or capacity <= 0 else max(0.0, used / capacity)
    w = round(frac * rect.width)
    if w > 0:
        pygame.draw.rect(surf, th.BAD if over else colour, (rect.x, rect.y, w, rect.height), border_radius=5)
    if over:
        for x in range(rect.x + 4, rect.right, 10):
            pygame.draw.line(surf, (255, 255, 255), (x, rect.bottom - 2), (x + 6, rect.y + 2), 2)
    pygame.draw.rect(surf, th.BORDER, rect, 1, border_radius=5)


def level_bar(surf: pygame.Surface, rect: pygame.Rect, frac: float, colour) -> None:
    pygame.draw.rect(surf, (228, 233, 240), rect, border_radius=3)
    w = round(max(0.0, min(1.0, frac)) * rect.width)
    if w:
        pygame.draw.rect(surf, colour, (rect.x, rect.y, w, rect.height), border_radius=3)


def stars(surf: pygame.Surface, tc: TextCache, n: int, pos, size: int = 28, total: int = 3,
          anchor: str = "topleft") -> pygame.Rect:
    s = "★" * n + "☆" * (total - n)
    return text(surf, tc, s, pos, size, th.GOLD, bold=False, anchor=anchor)


def arrow_delta(v: float, fmt: str = "{:+.1f}") -> tuple[str, tuple]:
    col = th.GOOD if v > 1e-9 else th.BAD if v < -1e-9 else th.MUTED
    return fmt.format(v), col
