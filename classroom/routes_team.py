"""A team's routes: join with a code, read its own game, draft, check, submit, withdraw.

Every route but join needs the team's token, and acts only on that team: the team is
taken from the token, never from the URL or the body, so no team can act for another.
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from .http import body, ok, room_of, team_of
from .session import ClassError, refused
from .views import lang_of, leaderboard, levers, team_view


async def join(request: Request):
    room = room_of(request)
    who = request.client.host if request.client else "?"
    if not request.app.state.join_limit.allow(who):
        raise ClassError(429, refused("too_many", lang_of(request.query_params.get("lang"))))
    doc = await body(request)
    try:
        team = room.join(doc.get("code"), doc.get("name"))
    except ClassError as err:
        if err.status == 403:  # a wrong code: what guessing looks like
            request.app.state.join_limit.missed(who)
        raise
    return ok({"token": team.token, "team": team.idx, "name": team.name})


async def get_levers(request: Request):
    return ok({"levers": levers(lang_of(request.query_params.get("lang")))})


async def me(request: Request):
    team = team_of(request)
    return ok(team_view(room_of(request), team, lang_of(request.query_params.get("lang"))))


async def check(request: Request):
    team = team_of(request)
    doc = await body(request)
    problems = room_of(request).check(team, doc.get("orders"), lang_of(doc.get("lang")))
    return ok({"problems": problems})


async def draft(request: Request):
    team = team_of(request)
    doc = await body(request)
    problems = room_of(request).save_draft(team, doc.get("orders"), lang_of(doc.get("lang")))
    return ok({"problems": problems})


async def submit(request: Request):
    team = team_of(request)
    doc = await body(request)
    room_of(request).submit(team, doc.get("orders"), lang_of(doc.get("lang")))
    return ok({"submitted": True})


async def withdraw(request: Request):
    team = team_of(request)
    doc = await body(request)
    room_of(request).withdraw(team, lang_of(doc.get("lang")))
    return ok({"submitted": False})


async def report(request: Request):
    team = team_of(request)
    room = room_of(request)
    try:
        turn = int(request.query_params.get("quarter", len(room.match.orders_log)))
    except ValueError:
        raise ClassError(422, "quarter must be a number") from None
    if not 1 <= turn <= len(room.match.orders_log):
        raise ClassError(404, "no report for that quarter")
    from .views import clean
    return ok({"report": clean(room.match.report(team.idx, turn, lang_of(request.query_params.get("lang"))).to_dict())})


async def board(request: Request):
    team_of(request)
    return ok({"leaderboard": leaderboard(room_of(request))})


ROUTES = [
    Route("/api/join", join, methods=["POST"]),
    Route("/api/levers", get_levers, methods=["GET"]),
    Route("/api/team", me, methods=["GET"]),
    Route("/api/team/check", check, methods=["POST"]),
    Route("/api/team/draft", draft, methods=["PUT", "POST"]),
    Route("/api/team/submit", submit, methods=["POST"]),
    Route("/api/team/withdraw", withdraw, methods=["POST"]),
    Route("/api/team/report", report, methods=["GET"]),
    Route("/api/team/leaderboard", board, methods=["GET"]),
]
