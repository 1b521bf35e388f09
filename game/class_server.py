"""The classroom server as a child process, for the title screen's "Run a class".

The window game never imports the classroom package (the layers test holds it to that):
it runs `kaw class ... --no-browser` as a subprocess, reads what the server prints (the
join address, the team codes, the console link) and stops it when the trainer ends the
class or the game quits. Whatever goes wrong is kept as words for the screen.
"""
from __future__ import annotations

import atexit
import os
import re
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import saves

JOIN = re.compile(r"Teams join at:\s*(\S+)")
CONSOLE = re.compile(r"Trainer console[^:]*:\s*(\S+)")
CODE = re.compile(r"^\s+(.+?)\s+code\s+(\S+)\s")
STOP_SECONDS = 5.0


@dataclass
class ClassSetup:
    """What the trainer chose (the defaults suit a first workshop)."""
    scenario: str = "blitz"
    teams: int = 4
    mode: str = "parallel"          # parallel | market
    minutes: int = 10               # 0: no round timer
    port: int = 8765
    host: str = "0.0.0.0"
    lang: str = "en"                # the class's language: the game's, when the class starts

    def command(self, store: Path, browser: bool) -> list[str]:
        cmd = [sys.executable, "-m", "kaw.cli", "class", self.scenario, "--teams", str(self.teams),
               "--mode", self.mode, "--host", self.host, "--port", str(self.port), "--store", str(store),
               "--lang", self.lang]
        if self.minutes > 0:
            cmd += ["--minutes", str(self.minutes)]
        if not browser:
            cmd.append("--no-browser")
        return cmd


def port_free(host: str, port: int) -> bool:
    """Can a server listen on this port now? (Checked before starting, so that a busy port
    is told in words instead of as the server's dying message.)

    Asked as the server binds (socket.create_server: SO_REUSEADDR on POSIX): a port whose
    last class has just ended keeps closed connections in TIME_WAIT for a minute, and
    those do not stop a new server from listening; only a listener does."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        if os.name == "posix":
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def store_path(scenario: str) -> Path:
    """A new file for each class, beside the saved games (the game's folder, not wherever
    the game happened to be started)."""
    folder = saves.save_dir() / "classes"
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"class-{Path(scenario).stem}-{time.strftime('%Y%m%d-%H%M%S')}"
    path, n = folder / f"{stem}.db", 1
    while path.exists():  # a second class started within the same second gets its own file
        n += 1
        path = folder / f"{stem}-{n}.db"
    return path


@dataclass
class ClassServer:
    """One running (or finished) class server."""
    setup: ClassSetup
    store: Path
    process: subprocess.Popen | None = None
    lines: list[str] = field(default_factory=list)
    join: str = ""
    console: str = ""
    codes: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""                 # the server's last words if it stopped by itself

    @classmethod
    def start(cls, setup: ClassSetup, browser: bool = True, store: Path | None = None) -> "ClassServer":
        """Start the server (OSError if the program cannot be run at all)."""
        me = cls(setup, store or store_path(setup.scenario))
        me.process = subprocess.Popen(setup.command(me.store, browser), stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
                                      encoding="utf-8", errors="replace", bufsize=1)
        threading.Thread(target=me._read, daemon=True).start()
        atexit.register(me.stop)          # never an orphan, even if the game ends abruptly
        return me

    def _read(self) -> None:
        for line in self.process.stdout:
            line = line.rstrip("\n")
            self.lines.append(line)
            if m := JOIN.search(line):
                self.join = m.group(1)
            elif m := CONSOLE.search(line):
                self.console = m.group(1)
            elif (m := CODE.match(line)) and not self.console:
                self.codes.append((m.group(1), m.group(2)))

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def ready(self) -> bool:
        return self.running and bool(self.console)

    def exit_code(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def last_words(self) -> str:
        """Why it stopped, from what it printed last (the CLI prints errors as one line)."""
        words = [ln.strip() for ln in self.lines if ln.strip()]
        for ln in reversed(words):
            if ln.lower().startswith(("error", "traceback")) or "error" in ln.lower():
                return ln.removeprefix("error: ").removeprefix("Error: ")
        return words[-1] if words else ""

    def stop(self) -> None:
        """End the server: ask politely (it closes its store), then insist."""
        p = self.process
        if p is None or p.poll() is not None:
            return
        p.terminate()
        try:
            p.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
