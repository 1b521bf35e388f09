"""A fresh class of three teams on the tutorial, served through Starlette's TestClient."""
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
