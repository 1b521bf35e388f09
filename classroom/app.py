"""The ASGI app of a class: team and trainer routes, the static pages, JSON errors.

Starlette (small, well kept) on uvicorn. Pages are plain files in classroom/static/,
served from here: nothing comes from the internet, so the room needs no connection
beyond the trainer's machine.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import HTMLResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import font, routes_team, routes_trainer
from .http import class_error, http_error, server_error
from .ratelimit import RateLimit
from .session import Classroom, ClassError
from .views import lang_of

STATIC = Path(__file__).parent / "static"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'",
    "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer",
}


class Headers(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response


def page(name: str):
    """A page of the class, opening in the class's language (`kaw class --lang`): its
    <html> carries the language (data-class-lang, and lang= for the browser) and which class
    this is (data-class: a language a team chose is remembered for this class only), so the
    page's first words are already in it, before joining and before any request."""
    async def serve(request):
        room: Classroom = request.app.state.room
        lang = lang_of(room.match.lang)
        marks = (f'<html lang="{"zh-CN" if lang == "zh" else "en"}" data-class-lang="{lang}" '
                 f'data-class="{escape(str(room.meta.get("created", "")))}">')
        text = (STATIC / name).read_text(encoding="utf-8").replace('<html lang="en">', marks, 1)
        return HTMLResponse(text, headers={"Cache-Control": "no-store"})
    return serve


def create_app(room: Classroom, join_tries: int = 10, export_dir: Path | None = None) -> Starlette:
    app = Starlette(
        routes=[Route("/", page("team.html")), Route("/console", page("console.html")),
                *routes_team.ROUTES, *routes_trainer.ROUTES,
                Route("/fonts/kaw-cjk.ttf", font.serve), Route("/fonts/kaw-cjk.css", font.serve_rule),
                Mount("/static", StaticFiles(directory=STATIC), name="static")],
        exception_handlers={ClassError: class_error, HTTPException: http_error, Exception: server_error},
        middleware=[Middleware(Headers)],
    )
    app.state.room = room
    app.state.join_limit = RateLimit(join_tries, 60.0)
    app.state.export_dir = Path(export_dir) if export_dir is not None else None
    return app
