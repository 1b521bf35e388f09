"""Helpers of the classroom tests: join a team, the trainer's headers."""
from __future__ import annotations


def joined(client, room, i: int, name: str | None = None) -> dict:
    """Headers of team i after joining with its code."""
    r = client.post("/api/join", json={"code": room.teams[i].code.lower(), "name": name})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def trainer(room) -> dict:
    return {"X-Trainer-Key": room.trainer_key}
