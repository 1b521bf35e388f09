"""The class on disk: SQLite (stdlib, WAL), one row per thing that happened.

Everything a trainer would hate to lose after a crash is appended here before the
browser hears "done": the class settings, the teams with their codes and tokens, and an
event log (join, draft, submit, withdraw, resolve, rollback). A resolution stores the
orders every game got and each team's state hash, so `--resume` can replay the class and
prove it is the same class. WAL with synchronous=FULL: a committed event survives kill -9.
"""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS teams (idx INTEGER PRIMARY KEY, name TEXT NOT NULL, code TEXT NOT NULL UNIQUE,
                                  token TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY AUTOINCREMENT, ts REAL NOT NULL, kind TEXT NOT NULL,
                                   team INTEGER, quarter INTEGER NOT NULL, payload TEXT, hashes TEXT);
"""


@dataclass(frozen=True)
class Event:
    id: int
    ts: float
    kind: str
    team: int | None
    quarter: int
    payload: object
    hashes: list[str] | dict[str, str] | None   # per team, or {"all": hash} of every game at once


@dataclass(frozen=True)
class TeamRow:
    idx: int
    name: str
    code: str
    token: str


class Store:
    def __init__(self, path: str | Path):
        self.path = str(path)
        self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------------ settings
    def set_meta(self, values: dict[str, object]) -> None:
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                [(k, json.dumps(v)) for k, v in values.items()])

    def meta(self) -> dict[str, object]:
        return {k: json.loads(v) for k, v in self.db.execute("SELECT key, value FROM meta")}

    # ------------------------------------------------------------------ teams
    def add_teams(self, rows: list[TeamRow]) -> None:
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT INTO teams VALUES (?, ?, ?, ?)",
                                [(r.idx, r.name, r.code, r.token) for r in rows])

    def rename(self, idx: int, name: str) -> None:
        self.db.execute("UPDATE teams SET name = ? WHERE idx = ?", (name, idx))

    def teams(self) -> list[TeamRow]:
        return [TeamRow(*r) for r in self.db.execute("SELECT idx, name, code, token FROM teams ORDER BY idx")]

    # ------------------------------------------------------------------ events
    def log(self, kind: str, quarter: int, team: int | None = None, payload: object = None,
            hashes: list[str] | dict[str, str] | None = None) -> None:
        self.db.execute("INSERT INTO events (ts, kind, team, quarter, payload, hashes) VALUES (?, ?, ?, ?, ?, ?)",
                        (time.time(), kind, team, quarter, json.dumps(payload, ensure_ascii=False),
                         json.dumps(hashes) if hashes is not None else None))

    def events(self) -> list[Event]:
        rows = self.db.execute("SELECT id, ts, kind, team, quarter, payload, hashes FROM events ORDER BY id")
        return [Event(i, ts, kind, team, q, json.loads(p) if p is not None else None,
                      json.loads(h) if h is not None else None) for i, ts, kind, team, q, p, h in rows]
