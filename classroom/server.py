"""Run a class: open or resume its store, print how to join, serve it with uvicorn.

`kaw class` calls `serve`; tests and the benchmark start the same function in a child
process. Nothing of the web stack is imported until a class is actually served.
"""
from __future__ import annotations

import socket
import sys
import unicodedata
import webbrowser
from pathlib import Path

from .session import Classroom


def class_file(scenario: str, folder: Path | None = None) -> Path:
    name = Path(scenario).stem if Path(scenario).suffix else scenario
    return (folder or Path.cwd()) / f"class-{name}.db"


def lan_address() -> str:
    """The address other devices in the room reach this machine at (no packet is sent)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("10.255.255.255", 1))
        return s.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        s.close()


def open_room(db: Path, scenario: str, teams: int, seed: int, missing: str, minutes: float | None,
              lang: str, mode: str, resume: bool) -> Classroom:
    if resume:
        return Classroom.resume(db)
    return Classroom.create(db, scenario, teams, seed, missing, minutes, lang, mode)


def qr_text(url: str) -> str | None:
    """The join address as a QR code for a terminal, if segno is installed."""
    try:
        import segno
    except ImportError:
        return None
    import io
    buf = io.StringIO()
    segno.make(url, error="m").terminal(out=buf, compact=True)
    return buf.getvalue()


def _padded(name: str, columns: int) -> str:
    """`name` and spaces up to `columns` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in name)
    return name + " " * max(0, columns - used)


def _shows(out, text: str) -> bool:
    """Whether `out` can write `text` as it is (a Windows code page cannot write block characters)."""
    try:
        text.encode(getattr(out, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def announce(room: Classroom, host: str, port: int, out=sys.stdout) -> tuple[str, str]:
    # Team names may be Chinese (a --lang zh class's "第1组"): a terminal or pipe that cannot
    # show them (a Windows code page) gets "?" for them, not a class that dies at its start.
    if hasattr(out, "reconfigure") and (out.errors or "strict") == "strict":
        out.reconfigure(errors="replace")
    shown = lan_address() if host in ("0.0.0.0", "::") else host
    join = f"http://{shown}:{port}/"
    console = f"http://127.0.0.1:{port}/console#key={room.trainer_key}" if host in ("0.0.0.0", "::", "127.0.0.1") \
        else f"http://{shown}:{port}/console#key={room.trainer_key}"
    print(f"Class on {room.scenario.id} ({room.mode} mode): {len(room.teams)} teams, "
          f"quarter {room.quarter} of {room.scenario.turns}", file=out)
    if room.mode == "market":
        print("One shared market: each team is a rival supplier; a rollback rewinds the whole market "
              "by one quarter.", file=out)
    print(f"Teams join at: {join}", file=out)
    for t in room.teams:
        side = f" [{t.side}]" if room.mode == "market" else ""
        print(f"  {_padded(t.name, 12)}{side} code {t.code}   ({join}?code={t.code})", file=out)
    print(f"Trainer console (keep this link to yourself): {console}", file=out)
    qr = qr_text(join)
    if qr and _shows(out, qr):  # in "?" it would be no code at all
        print(qr, file=out)
    out.flush()
    return join, console


def serve(room: Classroom, host: str, port: int, browser: bool = True, export_dir: Path | None = None) -> None:
    """Listen first, then tell the room where to go: the addresses are printed (and the
    console opened) only once the port is bound, so nobody who follows them at once is
    refused. OSError if the port cannot be had (in use, not allowed)."""
    import socket

    import uvicorn

    from .app import create_app

    sock = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET)
    # accepted connections inherit it: small answers go out at once, not after the peer's
    # delayed acknowledgement (~40 ms a request otherwise, as uvicorn's own socket avoids)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    _, console = announce(room, host, port)
    if browser:
        webbrowser.open(console)
    if export_dir is not None:
        print(f"After every quarter, scores.csv, decisions.csv and class-report.html are written to {export_dir}")
    config = uvicorn.Config(create_app(room, export_dir=export_dir), log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])
