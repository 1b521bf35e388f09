"""Helpers of the classroom tests: join a team, the trainer's headers, a class served by
`kaw class` in a child process, and the browser (Debian's chromium) the page tests drive."""
from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
NO_CHROMIUM = "no /usr/bin/chromium (apt-get install chromium)"


def joined(client, room, i: int, name: str | None = None) -> dict:
    """Headers of team i after joining with its code."""
    r = client.post("/api/join", json={"code": room.teams[i].code.lower(), "name": name})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def trainer(room) -> dict:
    return {"X-Trainer-Key": room.trainer_key}


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db, port: int, *extra: str, scenario: str = "tutorial"):
    """`kaw class` in a child process on 127.0.0.1; returns (process, console key)."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    import httpx2

    repo = Path(__file__).resolve().parents[2]
    args = ["class", scenario, "--teams", "2", "--host", "127.0.0.1", "--port", str(port), "--no-browser",
            "--store", str(db), *extra]
    code = f"import sys; from kaw.cli import main; sys.argv = ['kaw'] + {args!r}; main()"
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    key = None
    for line in proc.stdout:
        if "#key=" in line:
            key = line.strip().split("#key=")[1]
            break
    assert key, proc.stderr.read()
    for _ in range(200):
        try:
            httpx2.get(f"http://127.0.0.1:{port}/api/levers", timeout=1)
            break
        except httpx2.HTTPError:
            time.sleep(0.05)
    return proc, key


def served_class(folder, *extra: str):
    """Yield (base address, trainer key, join codes) of `kaw class` (with `extra` options)
    serving a class stored in `folder`; the server is killed afterwards."""
    import signal

    import httpx2

    port = free_port()
    proc, key = start_server(Path(folder) / "class.db", port, *extra)
    base = f"http://127.0.0.1:{port}"
    codes = [t["code"] for t in httpx2.get(f"{base}/api/trainer/status", headers={"X-Trainer-Key": key}).json()["teams"]]
    try:
        yield base, key, codes
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
