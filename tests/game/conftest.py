"""Headless game tests: SDL's dummy video driver, a temporary save folder per test."""
from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest  # noqa: E402


@pytest.fixture
def save_dir(tmp_path, monkeypatch):
    d = tmp_path / "saves"
    monkeypatch.setenv("KAW_SAVE_DIR", str(d))
    return d


@pytest.fixture
def app(save_dir):
    from game.app import App

    a = App(seed=11)
    yield a
    a.ui.clear_and_reset()


@pytest.fixture
def drv(app):
    from game.driver import Driver

    d = Driver(app)
    d.tick(2)
    return d
