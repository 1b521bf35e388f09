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


TABLES = {"meta", "teams", "events"}
SQLITE_OWN = {"sqlite_sequence"}  # the AUTOINCREMENT counter SQLite keeps beside events


class StoreError(Exception):
    """The file cannot hold or give back a class: a folder, not a database, another
    program's database, or a class file that is damaged. Said with the file's name; the
    file is never repaired or rewritten."""


class Store:
    def __init__(self, path: str | Path, create: bool = True):
        """The class file at `path`. create=True: a new or empty file gets the class's
        tables; False (resuming): the tables must be there already. Either way a file that
        is not a class file is refused (StoreError) before anything is written to it."""
        self.path = str(path)
        if Path(path).is_dir():
            raise StoreError(f"{path} is a folder, not a class file")
        self.db = None
        try:
            self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            tables = {name for (name,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables - TABLES - SQLITE_OWN:
                raise StoreError(f"{path} is not a class file: it is a database of something else "
                                 f"(tables {', '.join(sorted(tables - SQLITE_OWN))})")
            if not create and not TABLES <= tables:
                raise StoreError(f"{path} is not a class file, or it is damaged "
                                 f"(no {', '.join(sorted(TABLES - tables))} table)")
            if create:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=FULL")
                self.db.executescript(SCHEMA)
            else:
                self.db.execute("PRAGMA synchronous=FULL")
        except sqlite3.Error as exc:
            self.close()
            raise StoreError(f"{path} is not a class file, or it is damaged ({exc})") from None
        except StoreError:
            self.close()
            raise

    def close(self) -> None:
        if self.db is not None:
            self.db.close()

    def _read(self, query: str, convert):
        """Rows of `query`, each made a value by `convert`; StoreError when the file or a
        stored value is damaged (sqlite cannot read it, the JSON in it does not parse)."""
        try:
            return [convert(*row) for row in self.db.execute(query)]
        except (sqlite3.Error, ValueError, TypeError) as exc:
            raise StoreError(f"{self.path}: the class file is damaged ({exc})") from None

    # ------------------------------------------------------------------ settings
    def set_meta(self, values: dict[str, object]) -> None:
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                [(k, json.dumps(v)) for k, v in values.items()])

    def meta(self) -> dict[str, object]:
        return dict(self._read("SELECT key, value FROM meta", lambda k, v: (k, json.loads(v))))

    # ------------------------------------------------------------------ teams
    def add_teams(self, rows: list[TeamRow]) -> None:
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT INTO teams VALUES (?, ?, ?, ?)",
                                [(r.idx, r.name, r.code, r.token) for r in rows])

    def rename(self, idx: int, name: str) -> None:
        self.db.execute("UPDATE teams SET name = ? WHERE idx = ?", (name, idx))

    def teams(self) -> list[TeamRow]:
        return self._read("SELECT idx, name, code, token FROM teams ORDER BY idx", TeamRow)

    # ------------------------------------------------------------------ events
    def log(self, kind: str, quarter: int, team: int | None = None, payload: object = None,
            hashes: list[str] | dict[str, str] | None = None) -> None:
        self.db.execute("INSERT INTO events (ts, kind, team, quarter, payload, hashes) VALUES (?, ?, ?, ?, ?, ?)",
                        (time.time(), kind, team, quarter, json.dumps(payload, ensure_ascii=False),
                         json.dumps(hashes) if hashes is not None else None))

    def events(self) -> list[Event]:
        return self._read("SELECT id, ts, kind, team, quarter, payload, hashes FROM events ORDER BY id",
                          lambda i, ts, kind, team, q, p, h: Event(i, ts, kind, team, q,
                                                                   json.loads(p) if p is not None else None,
                                                                   json.loads(h) if h is not None else None))
