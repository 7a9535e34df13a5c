"""Every command's --help ends with examples that the program takes; `safecity paths` says where
things are kept; `safecity completion` prints a script for the shell; settings move to the
configuration folder and old ones are still read."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys

import pytest

from game.cli.examples import EXAMPLES, subparsers
from game.cli.main import build_parser

COMMANDS = [command for command, _parser in subparsers(build_parser())]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c or "safecity")
def test_every_command_has_examples_in_its_help(command):
    parser = dict(subparsers(build_parser()))[command]
    text = parser.format_help()
    assert "examples:" in text and EXAMPLES[command], f"`safecity {command} --help` shows no example"


EVERY_EXAMPLE = [(command, line) for command, lines in EXAMPLES.items() for line, _what in lines]


@pytest.mark.parametrize("command,line", EVERY_EXAMPLE, ids=[line for _c, line in EVERY_EXAMPLE])
def test_every_example_is_a_command_the_program_takes(command, line):
    words = shlex.split(line.split(">")[0])[1:]
    build_parser().parse_args(words)        # exits 2 (fails the test) on an unknown option or command


def run(args, tmp_path, **env):
    environment = {**os.environ, **env}
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, env=environment,
                          cwd=tmp_path)


def test_paths_says_where_saves_and_settings_are(tmp_path):
    home = tmp_path / "home"
    shown = run(["paths", "--format", "json"], tmp_path, SAFECITY_HOME=str(home))
    found = json.loads(shown.stdout)
    assert found["saves"] == str(home / "saves") and found["settings"] == str(home / "settings.json")
    text = run(["paths"], tmp_path, SAFECITY_HOME=str(home)).stdout
    assert "SAFECITY_HOME is set" in text and str(home / "saves") in text


def test_without_safecity_home_settings_are_in_the_config_folder_and_saves_in_the_data_folder(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    environment = {k: v for k, v in os.environ.items() if k != "SAFECITY_HOME"}
    shown = subprocess.run([sys.executable, "-m", "game", "paths", "--format", "json"], capture_output=True,
                           text=True, env={**environment, **env}, cwd=tmp_path)
    found = json.loads(shown.stdout)
    assert found["saves"] == str(tmp_path / "data" / "safecity" / "saves")
    assert found["settings"] == str(tmp_path / "config" / "safecity" / "settings.json")


def test_settings_kept_beside_the_saves_by_earlier_versions_are_still_read(tmp_path, monkeypatch):
    from game.settings import Settings

    monkeypatch.delenv("SAFECITY_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    old = tmp_path / "data" / "safecity" / "settings.json"
    old.parent.mkdir(parents=True)
    old.write_text(json.dumps({"theme": "light", "undo": False}))
    loaded = Settings.load()
    assert loaded.theme == "light" and loaded.undo is False
    loaded.save()
    assert Settings.path() == tmp_path / "config" / "safecity" / "settings.json" and Settings.path().exists()


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_prints_a_script_for_the_shell(shell, tmp_path):
    shown = run(["completion", shell], tmp_path)
    assert shown.returncode == 0 and "safecity" in shown.stdout and "explore" in shown.stdout
