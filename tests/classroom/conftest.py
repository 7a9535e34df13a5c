"""Both backends of the class store: an SQLite file, and a real PostgreSQL server started here.

Without PostgreSQL's binaries the PostgreSQL tests are skipped on a developer's machine
and FAIL in CI (CI is set): .ci/run installs PostgreSQL, so a skip there would hide a
backend that is not tested.
"""

from __future__ import annotations

import itertools
import os

import pytest

from tests.classroom.postgres_server import PostgresServer, find_bin

_databases = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server():
    bin_dir = find_bin()
    if bin_dir is None:
        message = "PostgreSQL's initdb and pg_ctl were not found (install the postgresql package)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must test PostgreSQL", pytrace=False)
        pytest.skip(message)
    server = PostgresServer(bin_dir)
    server.start()
    yield server
    server.remove()


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
