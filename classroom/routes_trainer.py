"""The trainer's routes: status, timer, pause, resolve, any team's view, rollback,
the class debrief, exports.

All need the trainer key, which only the console page holds (it is in the console
URL's fragment, which browsers never send to a server or put in a Referer).
"""
from __future__ import annotations

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from . import export
from .report import class_report
from .debrief import cached_debrief
from .session import ClassError, refused
from .http import body, ok, room_of, trainer
from .views import lang_of, status, team_view


def _lang(request: Request) -> str:
    """The console's language (?lang=), which it is refused in; English without one."""
    return lang_of(request.query_params.get("lang"))


def _status(request: Request):
    """The class's status, names in the console's language (?lang=, else the class's)."""
    lang = request.query_params.get("lang")
    return ok(status(room_of(request), lang_of(lang) if lang else None))


async def get_status(request: Request):
    trainer(request)
    return _status(request)


async def timer(request: Request):
    trainer(request)
    doc = await body(request)
    room_of(request).start_timer(doc.get("minutes"), _lang(request))
    return _status(request)


async def pause(request: Request):
    trainer(request)
    room_of(request).pause(_lang(request))
    return _status(request)


async def unpause(request: Request):
    trainer(request)
    room_of(request).unpause(_lang(request))
    return _status(request)


def _exported(request: Request, response):
    """After a change of the game: the class's files rewritten in the export folder (if
    the class has one), once the answer is sent."""
    folder = request.app.state.export_dir
    if folder is not None:
        room = room_of(request)
        response.background = BackgroundTask(export.write_folder, room, folder, room.match.lang)
    return response


async def resolve(request: Request):
    trainer(request)
    room_of(request).resolve(_lang(request))
    return _exported(request, _status(request))


async def team(request: Request):
    trainer(request)
    room = room_of(request)
    t = room.team(request.path_params["idx"], _lang(request))
    return ok(team_view(room, t, _lang(request)))


async def rollback(request: Request):
    trainer(request)
    doc = await body(request)
    room_of(request).rollback(doc.get("team"), doc.get("quarter"), bool(doc.get("use_draft")), _lang(request))
    return _exported(request, _status(request))


async def debrief(request: Request):
    """The class debrief once the last quarter is resolved (replaying every team's plans
    and the reference strategies takes a moment: done off the event loop, then kept)."""
    trainer(request)
    room = room_of(request)
    if not room.match.done:
        raise ClassError(409, refused("debrief_early", _lang(request), quarter=room.quarter,
                                      quarters=room.scenario.turns))
    return ok({"debrief": await run_in_threadpool(cached_debrief, room, _lang(request))})


def _csv(text: str, name: str) -> Response:
    """A CSV download, UTF-8 with a byte-order mark (export.CSV_ENCODING: Excel needs it)."""
    return Response(text.encode(export.CSV_ENCODING), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


async def report_html(request: Request):
    """The self-contained HTML class report, as a download (with the debrief once the
    class is over)."""
    trainer(request)
    room = room_of(request)
    lang = lang_of(request.query_params.get("lang") or room.match.lang)
    debrief = await run_in_threadpool(cached_debrief, room, lang) if room.match.done else None
    return Response(class_report(room, lang, debrief), media_type="text/html; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="class-report-{room.scenario.id}.html"',
                             "Cache-Control": "no-store"})


async def scores_csv(request: Request):
    trainer(request)
    return _csv(export.scores_csv(room_of(request)), "scores.csv")


async def decisions_csv(request: Request):
    trainer(request)
    return _csv(export.decisions_csv(room_of(request)), "decisions.csv")


ROUTES = [
    Route("/api/trainer/status", get_status, methods=["GET"]),
    Route("/api/trainer/timer", timer, methods=["POST"]),
    Route("/api/trainer/pause", pause, methods=["POST"]),
    Route("/api/trainer/resume", unpause, methods=["POST"]),
    Route("/api/trainer/resolve", resolve, methods=["POST"]),
    Route("/api/trainer/team/{idx:int}", team, methods=["GET"]),
    Route("/api/trainer/rollback", rollback, methods=["POST"]),
    Route("/api/trainer/debrief", debrief, methods=["GET"]),
    Route("/api/trainer/export/scores.csv", scores_csv, methods=["GET"]),
    Route("/api/trainer/export/decisions.csv", decisions_csv, methods=["GET"]),
    Route("/api/trainer/export/report.html", report_html, methods=["GET"]),
]
