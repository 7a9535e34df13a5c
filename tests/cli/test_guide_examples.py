"""The writers' guide's examples are the real thing: its YAML is the tutorial's (or valid YAML),
its commands are commands the program takes, its outputs are what the program prints, and the
inputs it gives for each ending reach that ending."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from game.cli.main import build_parser
from game.engine.runtime import replay
from game.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
TUTORIAL = ROOT / "story" / "tutorial"


def blocks(text: str, kind: str) -> list[tuple[int, str]]:
    """(line in the guide, body) of every fenced block of this kind."""
    found = []
    for match in re.finditer(r"```(\w*)\n(.*?)```", text, re.S):
        if match.group(1) == kind:
            found.append((GUIDE[:GUIDE.index(match.group(0))].count("\n") + 1, match.group(2)))
    return found


def section(start: str, end: str) -> str:
    return GUIDE[GUIDE.index(start):GUIDE.index(end)]


def contained(part, whole) -> bool:
    """True if `part` (a fragment the guide quotes, with elisions) is in `whole` as written."""
    if isinstance(part, dict):
        return isinstance(whole, dict) and all(k in whole and contained(v, whole[k]) for k, v in part.items())
    if isinstance(part, list):
        return isinstance(whole, list) and all(any(contained(p, w) for w in whole) for p in part)
    if isinstance(part, str) and isinstance(whole, str):
        return elided_in(part, whole)
    return part == whole


def elided_in(part: str, whole: str) -> bool:
    """A quoted text whose `...` stands for words left out: the pieces appear in order."""
    at = 0
    flat = " ".join(whole.split())
    for piece in (" ".join(p.split()) for p in re.split(r"\.\.\.|…", part)):
        if piece:
            found = flat.find(piece, at)
            if found < 0:
                return False
            at = found + len(piece)
    return True


def nodes(tree):
    yield tree
    children = tree.values() if isinstance(tree, dict) else tree if isinstance(tree, list) else ()
    for child in children:
        yield from nodes(child)


TUTORIAL_DATA = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(TUTORIAL.rglob("*.yaml"))]
WORKED = blocks(section("## 2. A worked example", "## 3. Reference"), "yaml")


@pytest.mark.parametrize("line,body", WORKED, ids=[f"line-{line}" for line, _ in WORKED])
def test_the_worked_example_quotes_the_tutorial_as_it_is(line, body):
    part = yaml.safe_load(textwrap.dedent(body))
    assert any(contained(part, node) for data in TUTORIAL_DATA for node in nodes(data)), (
        f"docs/authoring.md:{line}: this example is not in story/tutorial/ as the guide shows it")


EVERY_YAML = blocks(GUIDE, "yaml")


@pytest.mark.parametrize("line,body", EVERY_YAML, ids=[f"line-{line}" for line, _ in EVERY_YAML])
def test_every_yaml_example_is_valid_yaml(line, body):
    yaml.safe_load(textwrap.dedent(body))


def guide_commands() -> list[tuple[int, list[str]]]:
    """Every `uv run safecity ...` line of the guide's shell blocks, as arguments."""
    found = []
    for line, body in blocks(GUIDE, "sh"):
        for offset, text in enumerate(body.splitlines()):
            if "uv run safecity" not in text or "PATH" in text:
                continue
            words = shlex.split(text.split("uv run safecity", 1)[1], comments=True)
            found.append((line + 1 + offset, words))
    return found


COMMANDS = guide_commands()


@pytest.mark.parametrize("line,words", COMMANDS, ids=[f"line-{line}" for line, _ in COMMANDS])
def test_every_command_in_the_guide_is_one_the_program_takes(line, words, capsys):
    try:
        build_parser().parse_args(words)
    except SystemExit as stop:
        pytest.fail(f"docs/authoring.md:{line}: `safecity {' '.join(words)}` is refused: "
                    f"{capsys.readouterr().err.strip()} (exit {stop.code})")


def run(args: list[str], cwd: Path, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "SAFECITY_HOME": str(cwd / "home"), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, env=env)


def test_the_check_examples_print_what_the_guide_shows(tmp_path):
    quick = section("## 1. Quick start", "## 2.")
    story = next(body for _, body in blocks(quick, "yaml"))
    assert "goto: vote" in story
    folder = tmp_path / "story" / "my-town"
    folder.mkdir(parents=True)
    (folder / "scenario.yaml").write_text(story.replace("goto: vote", "goto: vot", 1), encoding="utf-8")
    checking = section("## 4. Checking your scenario", "### Help from your editor")
    shown_text = blocks(checking, "text")[0][1]
    shown_json = json.loads(blocks(checking, "json")[0][1])
    text = run(["check", "story/my-town"], tmp_path)
    assert text.returncode == 1
    assert text.stdout.strip() == shown_text.strip()
    as_json = run(["check", "story/my-town", "--format", "json"], tmp_path)
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout) == shown_json


def endings_table() -> list[tuple[str, list[str], list[str]]]:
    table = section("### 2.12 Try every ending", "## 3. Reference")
    rows = re.findall(r"^\| ([^|`]+?) \| `([\d,]+)` \| `([\w,]+)` \|$", table, re.M)
    assert len(rows) >= 5
    return [(title, numbers.split(","), ids.split(",")) for title, numbers, ids in rows]


ENDINGS = endings_table()


@pytest.mark.parametrize("title,numbers,ids", ENDINGS, ids=[title for title, _, _ in ENDINGS])
def test_each_row_of_the_endings_table_reaches_its_ending(title, numbers, ids, tmp_path):
    scenario = load_scenario(TUTORIAL).scenario
    end = replay(scenario, 1, ids)
    assert end.ended and scenario.scenes[end.scene].ending.title == title
    typed = run(["play", str(TUTORIAL), "--plain", "--seed", "1"], tmp_path, "\n".join(numbers) + "\n")
    assert typed.returncode == 0 and title in typed.stdout
