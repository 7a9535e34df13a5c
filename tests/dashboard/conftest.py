"""A class database on each backend (PostgreSQL started by tests/classroom's fixtures), the
tutorial scenario, and a dashboard app driven by Textual's pilot."""

from __future__ import annotations

import itertools
import os

import pytest

from game.classroom.store import open_store
from game.paths import resolve_scenario
from game.session import load_for_play

_databases = itertools.count(1)


@pytest.fixture(scope="module")
def tutorial():
    return load_for_play(resolve_scenario("tutorial"), None)


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'classes.sqlite'}"


@pytest.fixture
def postgres_url(postgres_server):  # noqa: F811
    return postgres_server.create_database(f"dash_{os.getpid()}_{next(_databases)}")


@pytest.fixture
def store(sqlite_url):
    with open_store(sqlite_url) as opened:
        yield opened
