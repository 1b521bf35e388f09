"""The ASGI app of a class: team and trainer routes, the static pages, JSON errors.

Starlette (small, well kept) on uvicorn. Pages are plain files in classroom/static/,
served from here: nothing comes from the internet, so the room needs no connection
beyond the trainer's machine.
"""
from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import FileResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import routes_team, routes_trainer
from .http import class_error, http_error, server_error
from .ratelimit import RateLimit
from .session import Classroom, ClassError

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
    async def serve(request):
        return FileResponse(STATIC / name, headers={"Cache-Control": "no-store"})
    return serve


def create_app(room: Classroom, join_tries: int = 10, export_dir: Path | None = None) -> Starlette:
    app = Starlette(
        routes=[Route("/", page("team.html")), Route("/console", page("console.html")),
                *routes_team.ROUTES, *routes_trainer.ROUTES,
                Mount("/static", StaticFiles(directory=STATIC), name="static")],
        exception_handlers={ClassError: class_error, HTTPException: http_error, Exception: server_error},
        middleware=[Middleware(Headers)],
    )
    app.state.room = room
    app.state.join_limit = RateLimit(join_tries, 60.0)
    app.state.export_dir = Path(export_dir) if export_dir is not None else None
    return app
