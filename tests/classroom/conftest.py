"""A fresh class of three teams on the tutorial, served through Starlette's TestClient;
and one chromium for a test module's page tests."""
from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from classroom.app import create_app
from classroom.session import Classroom


@pytest.fixture
def room(tmp_path):
    r = Classroom.create(tmp_path / "class.db", "tutorial", teams=3, seed=5, missing="repeat")
    yield r
    r.store.close()


@pytest.fixture
def client(room):
    with TestClient(create_app(room), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, driven by Playwright, shared by a module's tests."""
    from class_helpers import ARGS, CHROMIUM

    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()
