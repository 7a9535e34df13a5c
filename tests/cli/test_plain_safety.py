"""The plain player (the screen-reader mode) never lets a control sequence reach the terminal,
and reads odd input without a traceback and without playing anything by accident."""

from __future__ import annotations

import dataclasses
import os
import random
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

import game.session
from game.cli.play_plain import run_plain
from game.loader import load_scenario
from game.model.scenario import Condition, Span
from tests.conftest import write_files
from tests.unit.test_engine import BASE

CLEAN = Path(__file__).resolve().parents[1] / "data" / "clean"
TUTORIAL = Path(__file__).resolve().parents[2] / "story" / "tutorial"

# Clipboard write, window title, clear screen, erase line + carriage return over a fake
# choice, a C1 CSI (0x9b), a bell and a NUL.
EVIL = "\x1b]52;c;cGF5bG9hZA==\x07\x1b]0;pwned\x07\x1b[2J\x1b[2K\rFAKE CHOICE\x9b31m\x00"
# Every control character but newline and tab.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SHOWN_FIELDS = {"title", "text", "label", "headline", "name", "role", "locked", "result", "term", "unit",
                "description", "date", "url", "tone"}


def poisoned(obj):
    """`obj` with EVIL appended to every text a player sees, built without the loader (which
    refuses such texts): the player must be safe even when a scenario comes from elsewhere."""
    if isinstance(obj, dict):
        return {key: poisoned(value) for key, value in obj.items()}
    if isinstance(obj, tuple):
        return tuple(poisoned(value) for value in obj)
    if isinstance(obj, (Condition, Span)) or not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return obj
    changes = {}
    for f in dataclasses.fields(obj):
        if not f.init:
            continue
        value = getattr(obj, f.name)
        if f.name in SHOWN_FIELDS and isinstance(value, str) and value:
            changes[f.name] = value + EVIL
        elif isinstance(value, (dict, tuple)) or dataclasses.is_dataclass(value):
            changes[f.name] = poisoned(value)
    return dataclasses.replace(obj, **changes)


def play_poisoned(monkeypatch, folder: Path, text: str, **options) -> str:
    result = load_scenario(folder)
    assert result.ok
    scenario = poisoned(result.scenario)
    assert EVIL in scenario.title
    monkeypatch.setattr(game.session, "load_for_play", lambda path, language=None: scenario)
    out = StringIO()
    assert run_plain(folder, seed=1, out=out, inp=StringIO(text), **options) == 0
    return out.getvalue()


def assert_safe(text: str) -> None:
    assert not CONTROLS.search(text), repr(CONTROLS.search(text).group())
    for raw in ("\x1b", "\x9b", "\x07", "\r", "\x00"):
        assert raw not in text


@pytest.fixture
def base(tmp_path):
    return write_files(tmp_path / "base", {"scenario.yaml": BASE})


COMMANDS = "h\nf\nf1\nf 1\ng\nj\n"


@pytest.mark.parametrize("which", ["clean", "base", "tutorial"])
def test_escape_sequences_in_a_story_never_reach_the_terminal(which, base, monkeypatch):
    folder = {"clean": CLEAN, "base": base, "tutorial": TUTORIAL}[which]
    pick = random.Random(0)            # choices that reach an ending of the tutorial with seed 1
    out = play_poisoned(monkeypatch, folder, COMMANDS + "".join(f"{pick.randint(1, 3)}\n" for _ in range(200)))
    assert_safe(out)
    assert "FAKE CHOICE" in out and "=== " in out      # the texts were shown, up to an ending
    assert out.count("FAKE CHOICE") > 5


def test_undo_and_the_journal_of_a_poisoned_story_are_safe_too(base, monkeypatch):
    out = play_poisoned(monkeypatch, base, "1\nj\nu\nj\n2\n3\n1\n")
    assert_safe(out)
    assert "Undone." in out and "That choice is locked" in out


def test_a_typed_or_pasted_line_with_escape_sequences_is_echoed_safely(base, monkeypatch):
    pasted = "\x1b[2K\rFAKE CHOICE\x1b]52;c;AAAA\x07\x9b2J\x00\n"
    out = play_poisoned(monkeypatch, base, pasted + "f \x1b[2J1\n")
    assert_safe(out)
    assert "Type the number of a choice, or h for help." in out


def test_messages_paths_and_save_paths_are_printed_safely(base, tmp_path, capsys):
    missing = tmp_path / "no\x1b]0;pwned\x07such\x1b[2J"
    assert run_plain(missing, out=StringIO(), inp=StringIO("")) in (1, 2)
    bad_scene = run_plain(base, at="x\x1b[2J\x9b", out=StringIO(), inp=StringIO(""))
    bad_value = run_plain(base, values=["trust=\x1b]52;c;AAAA\x07"], out=StringIO(), inp=StringIO(""))
    bad_name = run_plain(base, values=["tr\x1b[2Just=3"], out=StringIO(), inp=StringIO(""))
    assert (bad_scene, bad_value, bad_name) == (1, 1, 1)
    err = capsys.readouterr().err
    assert_safe(err)
    assert "there is no scene" in err and "give a number" in err and "no meter or flag" in err
    out = StringIO()
    save = tmp_path / "my\x1b[2Jsave\x9b.json"
    assert run_plain(base, seed=1, save_path=save, out=out, inp=StringIO("q\n")) == 0
    assert_safe(out.getvalue())
    assert "--save" in out.getvalue()


# Odd input at the prompt: each gets a message, and none plays a choice.
ODD_LINES = [
    "²", "³", "٣", "١", "１", "9" * 5000, "-1", "+1", "0", "00", "1e3", "1.0", "0x1", " ", "\t", "\x00", "1\x00",
    "f ²", "f²", "f ٣", "f 99999999999999999999", "f " + "9" * 5000, "f -1", "f 0", "f 1 2",
    "q now", "u please", "h " + "x" * 50, "help me", "1 1", "one",
]


def test_odd_input_is_explained_and_plays_nothing(base, monkeypatch):
    out = play_poisoned(monkeypatch, base, "\n".join(ODD_LINES) + "\n")
    assert_safe(out)
    assert out.count("--- Turn") == 1          # still the first scene: nothing was chosen,
    assert "Changes:" not in out and "Undone." not in out and "Saved. Continue" not in out   # nor undone, nor quit
    assert "Input ended" in out
    assert out.count("Choose a number from 1 to 3.") == 3            # 9...9, 0, 00
    assert out.count("There is no fact card") >= 3                  # 9...9 twice, 0
    assert out.count("Type the number of a choice, or h for help.") >= 20
    assert "9" * 500 not in out                                      # a huge number is not echoed whole


def test_a_pasted_blob_does_not_play_the_game_by_itself(base, monkeypatch):
    blob = ("q u 1 \x1b[2J\x1b]52;c;QUFBQQ==\x07 text " * 400)[:10_240]
    long_line = "x" * 4096 + "1"           # its end, alone, would be a choice number
    out = play_poisoned(monkeypatch, base, blob + "\n" + long_line + "\n" + "u " + blob + "\n")
    assert_safe(out)
    assert out.count("--- Turn") == 1 and "Saved. Continue" not in out
    assert out.count("Type the number of a choice, or h for help.") == 3
    assert max(len(line) for line in out.splitlines()) < 400         # echoes are cut


@pytest.mark.parametrize("encoding", ["utf-8", None])
def test_undecodable_bytes_on_stdin_are_not_a_traceback_nor_raw_bytes(encoding, base, tmp_path):
    """PYTHONIOENCODING=utf-8 makes stdin strict (a decoding error); without it, in Python's
    UTF-8 mode, undecodable bytes would be echoed back raw (0x9b is a C1 CSI)."""
    env = {**os.environ, "SAFECITY_HOME": str(tmp_path)}
    env.pop("PYTHONIOENCODING", None)
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    run = subprocess.run([sys.executable, "-m", "game", "play", "--plain", "--seed", "1", str(base)],
                         input=b"\x9b2J\xff\xfe\x80\n1\n", capture_output=True, env=env, timeout=60)
    assert run.returncode == 0 and b"Traceback" not in run.stderr
    assert b"\x9b" not in run.stdout and b"\x1b" not in run.stdout
    assert "Changes: Budget -20 M€".encode() in run.stdout
