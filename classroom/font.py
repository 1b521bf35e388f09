"""The Chinese font a team's browser falls back on: the window game's own.

A browser draws the class's Chinese text with the machine's Chinese font (style.css
names the usual ones, as local fonts). A machine with none (a bare Linux desktop, a
kiosk) drew empty boxes. The game ships one font for every script, WenQuanYi Micro Hei,
as a TrueType collection: pygame reads it, but browsers refuse collections (and this
one's FFTM table, which Chromium's font checker finds misaligned). So the class serves
the collection's first face as a plain TrueType font, made once with fontTools and kept
in memory; the browser downloads it only when it needs a Chinese glyph no local font has.
"""
from __future__ import annotations

import io
from functools import cache

from starlette.requests import Request
from starlette.responses import Response

from engine import assets_dir

COLLECTION = assets_dir() / "fonts" / "wqy-microhei.ttc"
FACE = 0  # "WenQuanYi Micro Hei", the face the window game draws with (assets/README.md)
DROPPED = ("FFTM",)  # FontForge's timestamps: no glyph needs them, and browsers refuse them here


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


async def serve(request: Request) -> Response:
    # A day's caching: the font is the same for the whole class (and for every class of
    # this version), so a team's browser fetches it once, not on every page load.
    return Response(truetype(), media_type="font/ttf", headers={"Cache-Control": "public, max-age=86400"})
