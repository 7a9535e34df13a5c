"""`safecity graph`: the story map names every scene and draws each kind of link distinctly."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from game.analysis.graph import edges, to_dot, to_mermaid
from game.loader import load_scenario
from game.paths import shipped_scenarios

TUTORIAL = shipped_scenarios()["tutorial"]


@pytest.fixture(scope="module")
def tutorial():
    return load_scenario(TUTORIAL).scenario


def test_every_link_of_the_story_is_an_edge(tutorial):
    found = edges(tutorial)
    kinds = {e.kind for e in found}
    assert {"choice", "outcome", "route", "continue", "event", "later", "threshold"} <= kinds
    targets = {e.target for e in found}
    # every scene but the start is the target of some link
    assert set(tutorial.scenes) - {tutorial.start} <= targets


def test_mermaid_marks_endings_and_the_start(tutorial):
    text = to_mermaid(tutorial)
    assert text.startswith("flowchart TD")
    for scene in tutorial.scenes.values():
        assert f"n_{scene.id}" in text
    endings = [s for s in tutorial.scenes.values() if s.ending]
    assert text.count(":::ending") == len(endings)
    assert f"class n_{tutorial.start} start" in text
    assert "-.->" in text and "==>" in text    # outcomes/events dashed, routes bold


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_dot_output_is_valid_graphviz(tutorial):
    run = subprocess.run(["dot", "-Tsvg"], input=to_dot(tutorial), capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "<svg" in run.stdout


def test_the_command_writes_mermaid_into_markdown(tmp_path):
    out = tmp_path / "map.md"
    run = subprocess.run([sys.executable, "-m", "game", "graph", str(TUTORIAL), "-o", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert out.read_text().startswith("```mermaid\nflowchart TD")


def test_a_broken_story_is_not_drawn(tmp_path):
    (tmp_path / "scenario.yaml").write_text("scenario: {id: x, title: X, start: nowhere}\n")
    run = subprocess.run([sys.executable, "-m", "game", "graph", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 1 and "SC307" in run.stderr


def test_coverage_colours_scenes_no_game_reached(tmp_path):
    run = subprocess.run([sys.executable, "-m", "game", "graph", str(TUTORIAL), "--coverage", "100"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "class n_express_intro never" in run.stdout       # only the express variant reaches it
    assert "class n_market common" in run.stdout
