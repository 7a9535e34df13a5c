"""Shipped scenarios are found from a checkout and from an installed wheel."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from game import paths

ROOT = Path(__file__).resolve().parents[2]


def test_the_checkout_finds_the_shipped_scenarios():
    shipped = paths.shipped_scenarios()
    assert "tutorial" in shipped and (shipped["tutorial"] / "scenario.yaml").is_file()
    assert paths.resolve_scenario("tutorial") == shipped["tutorial"]
    assert paths.default_scenario() is not None


def test_an_installed_package_looks_inside_itself_first(tmp_path, monkeypatch):
    (tmp_path / "story" / "mine").mkdir(parents=True)
    (tmp_path / "story" / "mine" / "scenario.yaml").write_text("scenario: {}\n")
    monkeypatch.setattr(paths, "PACKAGE", tmp_path)
    assert paths.shipped_scenarios()["mine"] == tmp_path / "story" / "mine"


@pytest.mark.skipif(shutil.which("uv") is None, reason="building a wheel needs uv")
def test_the_wheel_carries_the_story_folder(tmp_path):
    run = subprocess.run(["uv", "build", "--wheel", "-o", str(tmp_path), str(ROOT)], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    wheel = next(tmp_path.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "game/story/tutorial/scenario.yaml" in names
    assert "game/cli/main.py" in names
