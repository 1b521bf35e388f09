"""The visual theme: colours, sizes, fonts and cached text rendering.

One font (WenQuanYi Micro Hei, Apache-2.0, shipped in assets/fonts) draws every piece of
text, Latin and Chinese alike, both in pygame_gui widgets (through assets/theme.json) and
in the custom-drawn parts (through `Fonts` / `TextCache` below). Text surfaces are cached:
rendering text is the most expensive thing a frame does.
"""
from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path

import pygame

import engine
from .line_breaks import break_points

# --------------------------------------------------------------------------- files


def assets_dir() -> Path:
    """The engine knows where shipped data lives (a checkout, an editable install or a
    wheel); the game only checks that its files are there."""
    p = engine.assets_dir()
    if not (p / "theme.json").is_file():
        raise FileNotFoundError(f"the game's assets folder (theme.json, fonts/) is missing: {p}")
    return p


ASSETS = assets_dir()
FONT_FILE = ASSETS / "fonts" / "wqy-microhei.ttc"
THEME_FILE = ASSETS / "theme.json"
FONT_NAME = "kaw"

# --------------------------------------------------------------------------- sizes

WINDOW = (1280, 720)
S_SMALL, S_BODY, S_LEAD, S_H2, S_H1, S_TITLE = 14, 16, 18, 21, 28, 54
# The smallest text the game draws. The canvas is scaled to the window (0.8 at 1024x640),
# so 14 stays at 11 px there; every size asked for below it is drawn at 14.
S_MIN = 14
# Presenter mode (a projector, read from the back of the room): every text this much larger,
# the custom-drawn parts and the widgets alike; boxes stay where they are and text reflows
# inside them. Body text is then 20 px on the canvas: 30 px in a 1920x1080 window, 21 px at
# 1366x768.
PRESENTER_SCALE = 1.25
PAD = 12

# --------------------------------------------------------------------------- colours

BG = (234, 238, 244)
PANEL = (255, 255, 255)
PANEL_ALT = (246, 248, 251)
BORDER = (208, 215, 226)
INK = (27, 36, 48)
MUTED = (88, 99, 116)
FAINT = (150, 158, 170)
ACCENT = (31, 95, 175)
ACCENT_DARK = (18, 63, 120)
GOOD = (36, 128, 60)
BAD = (198, 40, 40)
WARN = (196, 110, 0)
GOLD = (222, 160, 0)
SELECT = (222, 233, 248)
TOPBAR = (27, 36, 48)
TOPBAR_INK = (240, 244, 250)

US = ACCENT
RIVALS = [(230, 110, 20), (142, 68, 173), (0, 137, 123), (150, 95, 60), (200, 60, 110)]
OTHERS = (196, 202, 211)
SERIES = [ACCENT, (230, 110, 20), (0, 137, 123), (142, 68, 173), (200, 60, 110), (120, 144, 40),
          (150, 95, 60), (90, 90, 90)]
LEVEL_COLOURS = {"decision": (31, 95, 175), "management": (0, 137, 123), "operational": (230, 110, 20)}
TIER_COLOURS = {"A": (176, 132, 0), "B": (110, 70, 160), "C": (110, 118, 130)}

# stance -1..3: opposes (red), neutral (grey), supports, prefers us, coach (deep teal)
_STANCE_STOPS = [(-1.0, (198, 40, 40)), (0.0, (138, 146, 158)), (1.0, (104, 166, 60)),
                 (2.0, (36, 128, 60)), (3.0, (0, 96, 100))]


def stance_colour(v: float) -> tuple[int, int, int]:
    v = max(-1.0, min(3.0, float(v)))
    for (x0, c0), (x1, c1) in zip(_STANCE_STOPS, _STANCE_STOPS[1:]):
        if v <= x1:
            t = (v - x0) / (x1 - x0)
            return tuple(round(a + (b - a) * t) for a, b in zip(c0, c1))
    return _STANCE_STOPS[-1][1]


def side_colour(index: int) -> tuple[int, int, int]:
    """0 is us; 1.. are rivals in scenario order."""
    return US if index == 0 else RIVALS[(index - 1) % len(RIVALS)]


# --------------------------------------------------------------------------- theme json


def theme_dict(scale: float = 1.0) -> dict:
    """assets/theme.json with its font paths made absolute (pygame_gui resolves relative
    paths against the working directory, which is not where the assets are) and its font
    sizes times `scale` (presenter mode)."""
    data = json.loads(THEME_FILE.read_text(encoding="utf-8"))
    for block in data.values():
        font = block.get("font") if isinstance(block, dict) else None
        if font:
            if "size" in font:
                font["size"] = str(round(int(font["size"]) * scale))
            for key in ("regular_path", "bold_path", "italic_path", "bold_italic_path"):
                if key in font:
                    font[key] = str((ASSETS / font[key]).resolve())
    return data


def make_manager(size: tuple[int, int], scale: float = 1.0):
    """A pygame_gui UIManager with the game's theme and font (bold is synthesised: the
    font has one weight, so pygame's algorithmic bold is forced for bold text)."""
    import pygame_gui

    from .gui_fixes import install
    install()
    manager = pygame_gui.UIManager(size, None, enable_live_theme_updates=False)
    fonts = manager.get_theme().get_font_dictionary()
    path = str(FONT_FILE)
    fonts.known_font_paths[FONT_NAME] = [(path, False), (path, True), (path, True), (path, True)]
    set_widget_scale(manager, scale)
    return manager


def set_widget_scale(manager, scale: float) -> None:
    """Load the theme with its fonts times `scale` (widgets made afterwards use them)."""
    fonts = manager.get_theme().get_font_dictionary()
    for bold, sizes in ((True, (14, 15, 16, 18, 20, 24)), (False, (14, 15, 16, 18, 20))):
        for size_ in sizes:
            px = round(size_ * scale)
            if not fonts.check_font_preloaded(fonts.create_font_id(px, FONT_NAME, bold, False)):
                fonts.preload_font(px, FONT_NAME, bold=bold, force_immediate_load=True)
    manager.get_theme().load_theme(theme_dict(scale))


# --------------------------------------------------------------------------- text


class Fonts:
    """The font at each size the screens ask for, times `scale` (presenter mode): a screen
    asks for S_BODY and gets 16 px, or 20 px for a projector."""

    def __init__(self, scale: float = 1.0):
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self.scale = scale

    def px(self, size: int) -> int:
        """The pixel size a text asked at `size` is drawn at."""
        return round(max(size, S_MIN) * self.scale)

    def get(self, size: int, bold: bool = False) -> pygame.font.Font:
        size = self.px(size)
        key = (size, bold)
        f = self._fonts.get(key)
        if f is None:
            f = pygame.font.Font(str(FONT_FILE), size)
            f.bold = bold
            self._fonts[key] = f
        return f


class TextCache:
    """Rendered text surfaces keyed by (text, size, colour, bold); least recently used out."""

    def __init__(self, fonts: Fonts, limit: int = 3000):
        self.fonts = fonts
        self.limit = limit
        self._cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._fits: dict[tuple, str] = {}
        self.rendered: set[str] = set()   # every string ever rendered (tests look for names)

    def clear(self) -> None:
        """Forget rendered text (the font scale changed)."""
        self._cache.clear()
        self._fits.clear()

    def render(self, text: str, size: int = S_BODY, colour=INK, bold: bool = False) -> pygame.Surface:
        key = (text, size, tuple(colour), bold)
        surf = self._cache.get(key)
        if surf is None:
            surf = self.fonts.get(size, bold).render(text, True, colour)
            self._cache[key] = surf
            self.rendered.add(text)
            if len(self._cache) > self.limit:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return surf

    def size(self, text: str, size: int = S_BODY, bold: bool = False) -> tuple[int, int]:
        return self.fonts.get(size, bold).size(text)

    def fit(self, text: str, width: int, size: int = S_BODY, bold: bool = False, middle: bool = False) -> str:
        """The text, shortened with an ellipsis so that it fits in `width` pixels: at its end,
        or (`middle`, for names: "Huayang Power Plant Phase II" -> "Huayang Po…Phase II")
        in its middle, so that names that start alike stay apart."""
        key = (text, width, size, bold, middle)
        hit = self._fits.get(key)
        if hit is not None:
            return hit
        if len(self._fits) > self.limit:
            self._fits.clear()
        self._fits[key] = out = self._fit_middle(text, width, size, bold) if middle else self._fit(text, width, size, bold)
        return out

    def _fit_middle(self, text: str, width: int, size: int, bold: bool) -> str:
        font = self.fonts.get(size, bold)
        if font.size(text)[0] <= width:
            return text
        # "B Company (Beifang Refractories)": the part in brackets is the first to go
        for open_, close in (("(", ")"), ("（", "）")):
            i, j = text.find(open_), text.rfind(close)
            if 0 < i < j:
                bare = (text[:i].rstrip() + " " + text[j + 1:].lstrip()).strip()
                if font.size(bare)[0] <= width:
                    return bare
                text = bare
        words = text.split(" ")
        if len(words) > 2:                # whole words kept at both ends: "Huayang … II Extension"
            best = ""
            for i in range(1, len(words)):
                for j in range(len(words) - 1, i, -1):
                    out = " ".join(words[:i]) + "…" + " ".join(words[j:])
                    if len(out) > len(best) and font.size(out)[0] <= width:
                        best = out
            if best and len(best) >= 8:
                return best
        for keep in range(len(text) - 1, 1, -1):
            head, tail = text[:(keep + 1) // 2].rstrip(), text[len(text) - keep // 2:].lstrip()
            out = head + "…" + tail
            if font.size(out)[0] <= width:
                return out
        return self._fit(text, width, size, bold)

    def _fit(self, text: str, width: int, size: int, bold: bool) -> str:
        font = self.fonts.get(size, bold)
        if font.size(text)[0] <= width:
            return text
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if font.size(text[:mid] + "…")[0] <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + "…"

    def wrap(self, text: str, width: int, size: int = S_BODY, bold: bool = False) -> list[str]:
        """Word-wrap for Latin text, character-wrap for CJK; keeps explicit newlines."""
        font = self.fonts.get(size, bold)
        lines: list[str] = []
        for para in text.split("\n"):
            tokens = _tokens(para)
            line = ""
            for tok in tokens:
                cand = line + tok
                if font.size(cand.rstrip())[0] <= width or not line:
                    line = cand
                else:
                    lines.append(line.rstrip())
                    line = tok.lstrip()
            lines.append(line.rstrip())
        return lines


def _tokens(text: str) -> list[str]:
    """The pieces a line may break between (game/line_breaks.py): Latin words with their
    trailing space, Chinese characters with the punctuation that belongs to them."""
    cuts = [0, *break_points(text)]
    if cuts[-1] != len(text):
        cuts.append(len(text))
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]


# --------------------------------------------------------------------------- formatting


def pct(x: float, signed: bool = False) -> str:
    return f"{x * 100:+.0f}%" if signed else f"{x * 100:.0f}%"


def pct1(x: float, signed: bool = False) -> str:
    return f"{x * 100:+.1f}%" if signed else f"{x * 100:.1f}%"
