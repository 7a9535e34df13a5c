"""Shared helpers: scenarios written from inline YAML, and a private save folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from game.loader import load_scenario


@pytest.fixture(autouse=True)
def private_saves(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real saves."""
    monkeypatch.setenv("SAFECITY_HOME", str(tmp_path_factory.mktemp("home")))


def write_files(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def make_scenario(tmp_path):
    """make_scenario(yaml_text, **other_files) -> loaded Scenario (asserts it has no errors)."""
    counter = iter(range(1000))

    def make(main: str, *, expect_ok: bool = True, **files: str):
        folder = tmp_path / f"s{next(counter)}"
        extra = {name.replace("__", "/").replace("_yaml", ".yaml"): text for name, text in files.items()}
        write_files(folder, {"scenario.yaml": main, **extra})
        result = load_scenario(folder)
        if expect_ok:
            assert result.ok, "\n".join(d.format() for d in result.diagnostics)
            return result.scenario
        return result

    return make


@pytest.fixture(scope="session")
def make_scenario_once(tmp_path_factory):
    """Like make_scenario, but loads each text once per session (for property tests)."""
    cache: dict[str, object] = {}

    def make(main: str):
        if main not in cache:
            folder = write_files(tmp_path_factory.mktemp("scenario"), {"scenario.yaml": main})
            result = load_scenario(folder)
            assert result.ok, "\n".join(d.format() for d in result.diagnostics)
            cache[main] = result.scenario
        return cache[main]

    return make


# A real PostgreSQL server for the whole run. Without PostgreSQL's binaries its tests are skipped
# on a developer's machine and FAIL in CI (CI is set): .ci/run installs PostgreSQL, so a skip there
# would hide a backend that is not tested.
@pytest.fixture(scope="session")
def postgres_server():
    import os

    from tests.classroom.postgres_server import PostgresServer, find_bin

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


def pytest_make_parametrize_id(config, val, argname):
    """A long parameter (a megabyte of hostile input) is named by its size and a short digest, never
    written out whole: test ids stay readable and pytest's output small."""
    if isinstance(val, (str, bytes)) and (len(val) > 40 or any(ord(c) < 32 for c in str(val)[:40])):
        import hashlib

        data = val if isinstance(val, bytes) else val.encode("utf-8", "surrogatepass")
        kind = "bytes" if isinstance(val, bytes) else "chars"
        return f"{argname}:{len(val)}-{kind}-{hashlib.sha1(data).hexdigest()[:6]}"
    return None
