"""The Chinese font of every page the class shows or writes: the window game's own.

A browser draws the class's Chinese text with the machine's Chinese font (the usual ones
are named below, as local fonts). A machine with none (a bare Linux desktop, a kiosk)
drew empty boxes. The game ships one font for every script, WenQuanYi Micro Hei, as a
TrueType collection: pygame reads it, but browsers refuse collections (and this one's
FFTM table, which Chromium's font checker finds misaligned). So:

- the class serves the collection's first face as a plain TrueType font, made once with
  fontTools and kept in memory; a browser downloads it only when it needs a Chinese
  glyph no local font has (`/fonts/kaw-cjk.css` declares it, style.css imports that);
- the class report, a file a trainer e-mails and opens with no network, carries the
  glyphs its own text uses, inline (`embedded_rule`).

One declaration (`rule`) serves both, so the names, ranges and order cannot drift.
"""
from __future__ import annotations

import base64
import io
from functools import cache, lru_cache

from starlette.requests import Request
from starlette.responses import Response

from engine import assets_dir

COLLECTION = assets_dir() / "fonts" / "wqy-microhei.ttc"
FACE = 0  # "WenQuanYi Micro Hei", the face the window game draws with (assets/README.md)
DROPPED = ("FFTM",)  # FontForge's timestamps: no glyph needs them, and browsers refuse them here
FAMILY = "KAW CJK"  # first in every text's font list: as a later fallback it was never reached
# The usual Chinese fonts, by full and PostScript name: a machine's own is used where it has one.
LOCAL = ("PingFang SC Regular", "PingFangSC-Regular", "Hiragino Sans GB W3", "HiraginoSansGB-W3",
         "Microsoft YaHei", "MicrosoftYaHei", "SimHei", "Noto Sans CJK SC Regular", "NotoSansCJKsc-Regular",
         "Noto Sans SC Regular", "NotoSansSC-Regular", "Source Han Sans SC Regular", "SourceHanSansSC-Regular",
         "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback")
# Chinese and its punctuation (CJK radicals to ideographs, compatibility forms, full-width
# forms): Latin text keeps the system's own font.
RANGES = ((0x2E80, 0x2FFF), (0x3000, 0x303F), (0x3040, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))
LAYOUT = ("GSUB", "GPOS", "GDEF")  # Chinese needs none, and reading them is most of a subset's time


def rule(url: str) -> str:
    """The @font-face rule of the class's Chinese face, its last resort at `url`."""
    local = ", ".join(f'local("{name}")' for name in LOCAL)
    ranges = ", ".join(f"U+{lo:X}-{hi:X}" for lo, hi in RANGES)
    return (f'@font-face {{ font-family: "{FAMILY}"; font-display: swap; src: {local}, '
            f'url({url}) format("truetype"); unicode-range: {ranges}; }}\n')


def chinese(ch: str) -> bool:
    return any(lo <= ord(ch) <= hi for lo, hi in RANGES)


@cache
def truetype() -> bytes:
    """The collection's first face as a standalone TrueType font."""
    from fontTools.ttLib import TTCollection  # late: only a browser without Chinese fonts asks

    face = TTCollection(str(COLLECTION), lazy=True)[FACE]
    for tag in DROPPED:
        if tag in face:
            del face[tag]
    out = io.BytesIO()
    face.save(out, reorderTables=False)
    return out.getvalue()


@lru_cache(maxsize=8)
def subset(chars: str) -> bytes:
    """The face with only the glyphs of `chars` (a few dozen KB for a report, against
    4.6 MB whole). A class's reports share their characters, so the last few are kept."""
    from fontTools import subset as fts
    from fontTools.ttLib import TTFont

    face = TTFont(io.BytesIO(truetype()))
    for tag in LAYOUT:
        if tag in face:
            del face[tag]
    cutter = fts.Subsetter(fts.Options(notdef_outline=True))
    cutter.populate(text=chars)
    cutter.subset(face)
    out = io.BytesIO()
    face.save(out)
    return out.getvalue()


def embedded_rule(text: str) -> str:
    """The @font-face rule for a self-contained page: the Chinese glyphs of `text`
    inline, as a data URL; empty when the text has no Chinese."""
    chars = "".join(sorted({ch for ch in text if chinese(ch)}))
    if not chars:
        return ""
    data = base64.b64encode(subset(chars)).decode("ascii")
    return rule(f"data:font/ttf;base64,{data}")


async def serve(request: Request) -> Response:
    # A day's caching: the font is the same for the whole class (and for every class of
    # this version), so a team's browser fetches it once, not on every page load.
    return Response(truetype(), media_type="font/ttf", headers={"Cache-Control": "public, max-age=86400"})


async def serve_rule(request: Request) -> Response:
    return Response(rule("/fonts/kaw-cjk.ttf"), media_type="text/css",
                    headers={"Cache-Control": "public, max-age=86400"})
