"""`safecity new` gives a writer a scenario that checks clean and plays to an ending."""

from __future__ import annotations

import os
import subprocess
import sys


def safecity(*args, cwd, text_input=""):
    env = {**os.environ, "SAFECITY_HOME": str(cwd / "home")}
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=cwd, input=text_input, capture_output=True,
                          text=True, env=env, timeout=60)


def test_a_new_scenario_checks_clean_and_plays(tmp_path):
    made = safecity("new", "story/my-town", cwd=tmp_path)
    assert made.returncode == 0 and "safecity check story/my-town" in made.stdout
    assert "id: my-town" in (tmp_path / "story/my-town/scenario.yaml").read_text()
    check = safecity("check", "story/my-town", cwd=tmp_path)
    assert check.returncode == 0 and check.stdout.startswith("story/my-town: ok"), check.stdout
    played = safecity("play", "story/my-town", "--plain", "--seed", "1", cwd=tmp_path, text_input="1\n1\n")
    assert "=== The end: Re-elected ===" in played.stdout


def test_new_never_overwrites_a_folder(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    refused = safecity("new", "taken", cwd=tmp_path)
    assert refused.returncode == 2 and "not empty" in refused.stderr
    assert (tmp_path / "taken" / "notes.txt").read_text() == "mine"
