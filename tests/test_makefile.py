"""`make` set-up survives an interrupted first run: a broken venv is rebuilt, not reused.

A Ctrl-C while a venv is being created (or while pip changes itself) leaves a venv whose
pip cannot run; every later `make` used to fail with an ImportError inside pip. These
tests break a venv the way an interruption does and run the Makefile's own repair step.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def make_venv(venv: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "venv", f"VENV={venv}", f"PYTHON={sys.executable}"],
                          cwd=REPO, capture_output=True, text=True, timeout=300)


def pip_runs(venv: Path) -> bool:
    return subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "--version"],
                          capture_output=True, timeout=120).returncode == 0


def test_a_broken_venv_is_rebuilt_and_a_healthy_one_kept(tmp_path):
    """One venv through the three states an interrupted set-up can leave (creating a venv
    with pip takes seconds, so one is made here, not one per case)."""
    venv = tmp_path / "venv"
    # What a Ctrl-C during `python -m venv` leaves: the interpreter, but no pip.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    (venv / "leftover").write_text("from the interrupted run")
    assert not pip_runs(venv)
    done = make_venv(venv)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "afresh" in done.stdout
    assert pip_runs(venv)
    assert not (venv / "leftover").exists()
    # A healthy venv is left alone.
    marker = venv / "kept"
    marker.write_text("a healthy venv is left alone")
    done = make_venv(venv)
    assert done.returncode == 0 and "afresh" not in done.stdout, done.stdout + done.stderr
    assert marker.exists()
    # What a Ctrl-C while pip replaces itself leaves: pip's package without its insides.
    internal = next((venv / "lib").glob("python*/site-packages/pip/_internal"))
    shutil.rmtree(internal)
    assert not pip_runs(venv)
    done = make_venv(venv)
    assert done.returncode == 0, done.stdout + done.stderr
    assert pip_runs(venv) and not marker.exists()


def test_set_up_never_upgrades_pip():
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--upgrade pip" not in text and "-U pip" not in text
