"""`safecity class dashboard`: what it says when it cannot start (the screens are tested with the pilot)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from game.classroom.store import open_store
from tests.dashboard.scripted import CODE, make_class

ROOT = Path(__file__).resolve().parents[2]


def dashboard(*args, home):
    env = {**os.environ, "SAFECITY_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "game", "class", "dashboard", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_without_a_terminal_it_points_to_the_plain_view(sqlite_url, tutorial, tmp_path):
    with open_store(sqlite_url) as store:
        make_class(store, tutorial)
    run = dashboard(CODE, "--db", sqlite_url, home=tmp_path)
    assert run.returncode == 2
    assert "needs a terminal" in run.stderr and "safecity class show" in run.stderr


def test_an_unknown_class_or_a_bad_address_is_refused(sqlite_url, tutorial, tmp_path):
    unknown = dashboard("AAA-AAA", "--db", sqlite_url, home=tmp_path)
    assert unknown.returncode == 1 and "no class with the code" in unknown.stderr
    bad = dashboard(CODE, "--db", sqlite_url, "--url", "javascript:alert(1)", home=tmp_path)
    assert bad.returncode == 2 and "--url must be an http:// or https:// address" in bad.stderr
