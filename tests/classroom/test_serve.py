"""`kaw class` listens before it tells the room where to go, and a port it cannot have is
said in words (not uvicorn's log and a traceback)."""
from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import httpx2

REPO = Path(__file__).resolve().parents[2]


def kaw_class(db, port: int) -> subprocess.Popen:
    args = ["class", "tutorial", "--teams", "2", "--host", "127.0.0.1", "--port", str(port), "--no-browser",
            "--store", str(db)]
    code = f"import sys; from kaw.cli import main; sys.argv = ['kaw'] + {args!r}; main()"
    return subprocess.Popen([sys.executable, "-c", code], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def test_the_console_address_is_printed_only_once_the_port_listens(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = kaw_class(tmp_path / "c.db", port)
    try:
        for line in proc.stdout:
            if "#key=" in line:
                break
        # at once, no retry: a trainer (or the window game) who opens it now is answered
        assert httpx2.get(f"http://127.0.0.1:{port}/api/levers", timeout=10).status_code == 200
    finally:
        proc.kill()
        proc.wait(10)


def test_a_busy_port_is_said_in_words(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        proc = kaw_class(tmp_path / "c.db", busy.getsockname()[1])
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "cannot listen on 127.0.0.1" in err and "--port" in err and "Traceback" not in err + out
    assert "Trainer console" not in out, "no address is announced for a class that cannot be reached"
