"""Both backends of the class store: an SQLite file, and a real PostgreSQL server started here.

The PostgreSQL server fixture (`postgres_server`) lives in tests/conftest.py: browser play uses it too.
"""

from __future__ import annotations

import itertools
import os

import pytest


_databases = itertools.count(1)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A URL for an empty class database, on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'classes.sqlite'}"
    server = request.getfixturevalue("postgres_server")
    return server.create_database(f"test_{os.getpid()}_{next(_databases)}")


@pytest.fixture
def store(store_url):
    from game.classroom.store import open_store
    with open_store(store_url) as opened:
        yield opened
