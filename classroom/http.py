"""Request plumbing shared by the routes: bounded JSON bodies, who is asking, JSON errors.

Browsers are untrusted: a body is read up to MAX_BODY bytes and must be a JSON object;
a team is known only by the token it got at join, the trainer only by the console key.
Every failure is a small JSON object with a message, never a traceback.
"""
from __future__ import annotations

import json
import logging

from starlette.requests import Request
from starlette.responses import JSONResponse

from .session import Classroom, ClassError, Team, refused
from .views import lang_of

MAX_BODY = 64 * 1024
log = logging.getLogger("classroom")


async def body(request: Request) -> dict:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise ClassError(413, f"request too large (at most {MAX_BODY // 1024} KB)")
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_BODY:
            raise ClassError(413, f"request too large (at most {MAX_BODY // 1024} KB)")
    try:
        doc = json.loads(data or b"{}")
        # json.loads takes what no browser sends: nesting that exhausts the stack here or
        # later (RecursionError), and "\ud800" escapes of half a character, which nothing
        # can store or answer in UTF-8. Both are refused here, before anything uses them.
        json.dumps(doc, ensure_ascii=False).encode("utf-8")
    except (ValueError, UnicodeError, RecursionError):
        raise ClassError(400, "the request is not valid JSON") from None
    if not isinstance(doc, dict):
        raise ClassError(400, "the request must be a JSON object")
    return doc


def room_of(request: Request) -> Classroom:
    return request.app.state.room


def team_of(request: Request) -> Team:
    auth = request.headers.get("authorization", "")
    token = auth[7:] if auth.lower().startswith("bearer ") else ""
    team = room_of(request).team_of(token)
    if team is None:
        raise ClassError(401, "join the class first (unknown or missing team token)")
    return team


def trainer(request: Request) -> None:
    key = request.headers.get("x-trainer-key") or request.query_params.get("key")
    if not room_of(request).is_trainer(key):
        raise ClassError(403, refused("trainer_only", lang_of(request.query_params.get("lang"))))  # the console's


def ok(doc: object = None, status: int = 200) -> JSONResponse:
    return JSONResponse({"ok": True, **(doc or {})}, status_code=status, headers={"Cache-Control": "no-store"})


async def class_error(request: Request, exc: ClassError) -> JSONResponse:
    return JSONResponse({"ok": False, "error": exc.message, "problems": exc.problems}, status_code=exc.status)


async def http_error(request: Request, exc) -> JSONResponse:
    return JSONResponse({"ok": False, "error": str(getattr(exc, "detail", "error")), "problems": []},
                        status_code=getattr(exc, "status_code", 500))


async def server_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return JSONResponse({"ok": False, "error": "the server could not do that (the trainer's console shows why)",
                         "problems": []}, status_code=500)
