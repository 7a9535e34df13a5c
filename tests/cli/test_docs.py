"""The writers' guide tells the truth: its quick start works as shown, and it documents every code."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from game.model.codes import CODES

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")


def quick_start() -> str:
    section = GUIDE[GUIDE.index("## 1. Quick start"):GUIDE.index("## 2.")]
    return section


def test_every_diagnostic_code_is_documented():
    table = GUIDE[GUIDE.index("## 5. Every diagnostic code"):]
    for code, info in CODES.items():
        assert re.search(rf"\|\s*{code}\s*\|\s*{info.name}\s*\|", table), f"{code} {info.name} is not in the guide"


def test_the_quick_start_checks_and_plays_as_the_guide_shows(tmp_path):
    section = quick_start()
    blocks = re.findall(r"```(\w+)\n(.*?)```", section, re.S)
    yaml_text = next(body for lang, body in blocks if lang == "yaml")
    expected_check, expected_play = [body for lang, body in blocks if lang == "text"][:2]
    folder = tmp_path / "story" / "my-town"
    folder.mkdir(parents=True)
    (folder / "scenario.yaml").write_text(yaml_text, encoding="utf-8")
    env = {**os.environ, "SAFECITY_HOME": str(tmp_path / "home")}
    check = subprocess.run([sys.executable, "-m", "game", "check", "story/my-town"], cwd=tmp_path,
                           capture_output=True, text=True, env=env)
    assert check.returncode == 0 and check.stdout.strip() == expected_check.strip()
    play = subprocess.run([sys.executable, "-m", "game", "play", "story/my-town", "--plain"], cwd=tmp_path,
                          input="2\n", capture_output=True, text=True, env=env)
    assert play.returncode == 0
    for line in expected_play.strip().splitlines():
        assert line in play.stdout, f"the guide shows {line!r}, the game did not print it"
