"""The command line on odd invocations: a message and an exit code, never a traceback."""

from __future__ import annotations

import io
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import game.cli.play_plain
from game.cli import main as cli
from game.engine.runtime import GameError, start
from game.paths import resolve_scenario
from tests.conftest import write_files
from tests.unit.test_engine import BASE

CONTROLS = ("\x1b", "\x9b", "\x07", "\r")


def short(value) -> str:
    text = str(value)
    return text if len(text) <= 16 else f"{text[:12]}...({len(text)})"


def safecity(args, home, text="", **env):
    environment = {**os.environ, "SAFECITY_HOME": str(home), **env}
    return subprocess.run([sys.executable, "-m", "game", *args], input=text, capture_output=True, text=True,
                          env=environment, timeout=120)


@pytest.fixture
def story(tmp_path):
    return write_files(tmp_path / "story", {"scenario.yaml": BASE})


# --- --set NAME=VALUE -------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "code", "message"), [
    ("budget=nan", 1, "give a number"),
    ("budget=NaN", 1, "give a number"),
    ("budget=inf", 1, "give a number"),
    ("budget=-inf", 1, "give a number"),
    ("budget=1e999", 1, "give a number"),
    ("budget=1e3", 1, "give a number"),
    ("budget=٣", 1, "give a number"),
    ("budget=" + "9" * 5000, 1, "out of range"),
    ("budget=101", 1, "goes from 0 to 100"),
    ("budget=-1", 1, "out of range"),
    ("budget=", 2, "gives no value"),
    ("budget=  ", 2, "gives no value"),
    ("=5", 2, "is not name=value"),
    ("budget", 2, "is not name=value"),
    ("x" * 5000 + "=1", 1, "no meter or flag"),
], ids=short)
def test_a_bad_set_value_is_a_message_and_an_exit_code(value, code, message, story, tmp_path):
    run = safecity(["play", "--plain", str(story), "--set", value], tmp_path)
    assert run.returncode == code, run.stderr
    assert message in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr) < 2000 and not run.stdout          # a huge value is not printed whole


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e999", "Infinity", "9" * 5000, " nan "],
                         ids=short)
def test_nan_and_infinity_never_enter_a_game_state(value, make_scenario):
    scenario = make_scenario(BASE)
    with pytest.raises(GameError):
        start(scenario, seed=1, values={"budget": value})
    state = start(scenario, seed=1, values={"budget": "0.5", "trust": "+100", "signed": "TRUE"})
    assert all(math.isfinite(v) for v in state.meters.values())
    assert state.meters["budget"] == 0.5 and state.meters["trust"] == 100 and state.flags["signed"] is True


# --- TERM=dumb ----------------------------------------------------------------------------------

class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def front_ends(monkeypatch):
    """Records which front end main() starts, and starts neither."""
    used = []
    monkeypatch.setattr(game.cli.play_plain, "run_plain", lambda *a, **k: used.append("plain") or 0)
    monkeypatch.setattr(cli, "run_app", lambda *a, **k: used.append("app") or 0)
    return used


def main_in_a_terminal(argv, monkeypatch) -> int:
    # In the test's body: pytest puts its own capture back on sys.stdout after fixtures run.
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(sys, "stdout", Terminal())
    return cli.main(argv)


@pytest.mark.parametrize("argv", [[], ["play"], ["play", "tutorial"]])
def test_a_dumb_or_unknown_terminal_gets_the_plain_player(argv, front_ends, monkeypatch):
    for term, front_end in (("dumb", "plain"), ("", "plain"), (None, "plain"), ("xterm-256color", "app")):
        if term is None:
            monkeypatch.delenv("TERM", raising=False)
        else:
            monkeypatch.setenv("TERM", term)
        assert main_in_a_terminal(argv, monkeypatch) == 0
        assert front_ends.pop() == front_end, f"TERM={term!r}"
        assert not front_ends


# --- odd scenario paths -------------------------------------------------------------------------

COMMANDS = [["play", "--plain"], ["check"], ["explore", "--runs", "3"], ["graph"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_path_longer_than_the_system_allows_is_a_message(command, tmp_path):
    run = safecity([*command, "a" * 5000], tmp_path)
    assert run.returncode == 2, run.stderr
    assert "longer than the system allows" in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr) < 500


def odd_path(kind: str, tmp_path: Path) -> Path:
    if kind == "file":
        path = tmp_path / "notes.txt"
        path.write_text("hello")
    elif kind == "fifo":
        path = tmp_path / "pipe"
        os.mkfifo(path)
    elif kind == "escape":
        path = tmp_path / "no\x1b]0;pwned\x07such\x1b[2J\x9b"
    elif kind == "long-part":
        path = tmp_path / ("b" * 300) / "story"
    else:
        path = tmp_path / "notes.txt" / "story"
        (tmp_path / "notes.txt").write_text("hello")
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("kind,message", [("file", "is a file, not a scenario folder"),
                                          ("fifo", "is not a folder"),
                                          ("escape", "no such file or folder"),
                                          ("long-part", "longer than the system allows"),
                                          ("under-a-file", "no such file or folder")])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_odd_scenario_path_is_a_message_printed_safely(command, kind, message, tmp_path, capsys):
    path = odd_path(kind, tmp_path)
    assert cli.main([*command, str(path)]) == 2
    out, err = capsys.readouterr()
    assert message in err and "unexpected error" not in err
    assert not any(c in out + err for c in CONTROLS)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_scenario_folder_with_an_escape_in_its_name_is_printed_safely(command, tmp_path, capsys):
    folder = write_files(tmp_path / "my\x1b]0;pwned\x07story\x1b[2J\x9b",
                         {"scenario.yaml": BASE.replace("goto: council\n      - id: rich", "goto: councl\n      - id: rich")})
    assert cli.main([*command, str(folder)]) == 1
    out, err = capsys.readouterr()
    assert "SC301" in out + err and "unexpected error" not in err
    assert not any(c in out + err for c in CONTROLS)


def test_a_clean_scenario_folder_with_an_escape_in_its_name_is_checked_safely(tmp_path, capsys):
    folder = tmp_path / "ok\x1b[2J\x9bstory"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "clean", folder)
    assert cli.main(["check", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert ": ok (" in out and not any(c in out + err for c in CONTROLS)


def test_unrecognised_arguments_are_repeated_safely(story, tmp_path):
    run = safecity(["play", "--plain", str(story), "extra\x1b]0;pwned\x07\x1b[2J"], tmp_path)
    assert run.returncode == 2 and "unrecognized arguments: extra" in run.stderr
    assert not any(c in run.stderr for c in CONTROLS)


def test_resolving_a_very_long_name_does_not_raise():
    assert resolve_scenario("a" * 5000) == Path("a" * 5000)
    assert resolve_scenario("tutorial").name == "tutorial"


def test_new_schema_and_graph_with_a_path_too_long_are_messages(story, tmp_path):
    new = safecity(["new", "a" * 5000], tmp_path)
    schema = safecity(["schema", "--output", "a" * 5000], tmp_path)
    graph = safecity(["graph", str(story), "-o", "a" * 5000], tmp_path)
    for run in (new, schema, graph):
        assert run.returncode == 2 and "File name too long" in run.stderr and "Traceback" not in run.stderr


# --- the last resort ----------------------------------------------------------------------------

def explode(*args, **kwargs):
    raise RuntimeError("a bug \x1b]0;pwned\x07 in the checker")


def test_an_unexpected_error_is_one_line_and_a_crash_file(story, tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    monkeypatch.setenv("SAFECITY_HOME", str(home))
    monkeypatch.delenv("SAFECITY_DEBUG", raising=False)
    monkeypatch.setattr("game.cli.check.run_check", explode)
    assert cli.main(["check", str(story)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and not any(c in err for c in CONTROLS)
    assert err.startswith("safecity: unexpected error: RuntimeError: a bug ")
    crash = next(home.glob("crash-*.txt"))
    assert f"details were written to {crash}" in err
    details = crash.read_text()
    assert "Traceback" in details and "in explode" in details and "a bug" in details
    # Developers see the bug itself with SAFECITY_DEBUG=1; an interrupt is still 130.
    monkeypatch.setenv("SAFECITY_DEBUG", "1")
    with pytest.raises(RuntimeError, match="a bug"):
        cli.main(["check", str(story)])
    monkeypatch.delenv("SAFECITY_DEBUG")

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("game.cli.check.run_check", interrupt)
    assert cli.main(["check", str(story)]) == 130


def test_a_crash_file_goes_elsewhere_when_the_data_folder_cannot_be_written(story, tmp_path, monkeypatch, capsys):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data folder should be")
    monkeypatch.setenv("SAFECITY_HOME", str(blocked / "home"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)
    monkeypatch.setattr("game.cli.check.run_check", explode)
    assert cli.main(["check", str(story)]) == 1
    err = capsys.readouterr().err
    assert "details were written to" in err and next((tmp_path / "tmp").glob("crash-*.txt"))


def test_an_unexpected_error_in_a_real_process_shows_no_traceback(story, tmp_path):
    code = ("import sys, game.cli.check as c\n"
            "def boom(*a, **k): raise ZeroDivisionError('boom')\n"
            "c.run_check = boom\n"
            "from game.cli.main import main\n"
            f"sys.exit(main(['check', {str(story)!r}]))\n")
    env = {**os.environ, "SAFECITY_HOME": str(tmp_path / "home")}
    env.pop("SAFECITY_DEBUG", None)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "safecity: unexpected error: ZeroDivisionError: boom; details were written to" in run.stderr
    assert list((tmp_path / "home").glob("crash-*.txt"))
