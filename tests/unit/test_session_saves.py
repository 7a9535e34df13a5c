"""No saved game is ever lost: one save per game, no silent overwrite, one window per save, kills survived."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
import types
from pathlib import Path

import pytest

from game.engine import saves
from game.session import Session
from tests.conftest import write_files
from tests.unit.test_engine import BASE

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def story(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFECITY_HOME", str(tmp_path / "home"))
    return write_files(tmp_path / "story", {"scenario.yaml": BASE})


def save_files(home: Path) -> list[Path]:
    return sorted(p for p in (home / "saves").iterdir() if p.suffix == ".json" and not p.name.startswith("."))


def test_every_new_game_gets_its_own_save(story, tmp_path):
    first = Session.new(story, seed=1)
    first.choose("sign")
    first.close()
    second = Session.new(story, seed=2)
    second.close()
    assert first.save_path != second.save_path
    assert len(save_files(tmp_path / "home")) == 2
    assert saves.load_save(first.save_path, first.scenario).scene == "letter"   # the first game is intact


def test_continue_takes_the_latest_unfinished_game(story):
    older = Session.new(story, seed=1)
    older.close()
    time.sleep(0.01)
    newer = Session.new(story, seed=2)
    newer.choose("sign")
    newer.close()
    resumed = Session.resume(story)
    assert resumed.save_path == newer.save_path and resumed.state.scene == "letter"
    resumed.close()


def finish(session: Session) -> None:
    for choice in ("wait", "vote"):
        session.choose(choice)
    while not session.ended:
        session.choose("continue")


def test_a_finished_game_stays_as_it_ended_after_play_again_and_what_if(story, tmp_path):
    session = Session.new(story, seed=1)
    finish(session)
    ended_save = session.save_path
    ended_bytes = ended_save.read_bytes()
    session.what_if(0)
    assert session.save_path != ended_save and not session.ended
    assert ended_save.read_bytes() == ended_bytes
    session.restart()
    assert len(save_files(tmp_path / "home")) == 3
    assert saves.save_info(ended_save).ended
    session.close()


def test_a_given_save_file_is_never_overwritten_without_consent(story, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my homework")
    with pytest.raises(saves.SaveError, match="not a Safe City save"):
        Session.new(story, save_path=notes)
    assert notes.read_text() == "my homework" and [p.name for p in tmp_path.glob("notes*")] == ["notes.txt"]
    target = tmp_path / "mine.json"
    game = Session.new(story, seed=1, save_path=target)
    game.choose("sign")
    game.close()
    before = target.read_bytes()
    with pytest.raises(saves.SaveError, match="already holds a saved game"):
        Session.new(story, seed=2, save_path=target)
    assert target.read_bytes() == before
    again = Session.new(story, seed=2, save_path=target, replace=True)
    again.close()
    assert saves.save_info(target).seed == 2


def test_a_second_window_on_the_same_game_is_told_and_writes_nothing(story):
    first = Session.new(story, seed=1)
    first.choose("sign")
    before = first.save_path.read_bytes()
    with pytest.raises(saves.SaveInUse, match="open in another window"):
        Session.resume(story, save_path=first.save_path)
    assert first.save_path.read_bytes() == before
    other = Session.new(story, seed=5)        # a new game in the second window is fine: its own save
    assert other.save_path != first.save_path
    first.close()
    again = Session.resume(story, save_path=first.save_path)
    assert again.state.scene == "letter"
    again.close()
    other.close()


def test_a_save_held_by_another_process_is_refused_until_that_process_ends(story, tmp_path):
    game = Session.new(story, seed=1)
    game.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from game.engine.save_lock import SaveLock
            lock = SaveLock({str(game.save_path)!r})
            assert lock.acquire()
            print("locked", flush=True)
            time.sleep(60)
        """)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert saves.describe(game.save_path).in_use
        with pytest.raises(saves.SaveInUse):
            Session.resume(story, save_path=game.save_path)
    finally:
        holder.kill()
        holder.wait(10)
    resumed = Session.resume(story, save_path=game.save_path)   # a killed window leaves no lock behind
    resumed.close()


WRITER = """
import sys, types
from game.engine import saves
from game.engine.state import GameState
scenario = types.SimpleNamespace(id="base", title="Base", fingerprint="f", language="en")
print("ready", flush=True)
turn = 0
while True:
    turn = (turn + 1) % 1000
    state = GameState("base", 1, 1, scene="office", turn=turn, path=["x"] * (turn % 50))
    saves.write_save(sys.argv[1], scenario, state)
"""


def test_random_kills_while_saving_never_lose_the_save(tmp_path):
    """A game killed at any moment of an autosave leaves a readable save at its path."""
    path = tmp_path / "saves" / "game.json"
    rng = random.Random(1234)
    starts = []
    for attempt in range(25):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                                  text=True)
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.04))
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
        if not path.exists():
            pytest.fail(f"kill {attempt + 1}: no save left at {path}")
        info = saves.save_info(path)   # raises if the save is not a whole, valid save
        starts.append(info.turn)
    assert len(set(starts)) > 1, "the kills all landed before the first write: the test tried nothing"
    # Killed writers leave temporary files behind; once they are old, the next save removes them.
    for leftover in path.parent.glob("*.tmp"):
        os.utime(leftover, (1, 1))
    scenario = types.SimpleNamespace(id="base", title="Base", fingerprint="f", language="en")
    saves.write_save(path, scenario, saves.save_info(path) and saves.read_save(path)["state"])
    assert list(path.parent.glob("*.tmp")) == []


def test_the_saves_command_lists_and_deletes(story, tmp_path):
    game = Session.new(story, seed=1)
    game.close()
    env = {**os.environ, "SAFECITY_HOME": str(tmp_path / "home")}
    listed = subprocess.run([sys.executable, "-m", "game", "saves", "--format", "json"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    entries = json.loads(listed.stdout)["saves"]
    assert [e["id"] for e in entries] == [game.save_path.stem] and entries[0]["status"] == "in progress"
    text = subprocess.run([sys.executable, "-m", "game", "saves"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert game.save_path.stem in text.stdout and "Base" in text.stdout
    unasked = subprocess.run([sys.executable, "-m", "game", "saves", "delete", game.save_path.stem], cwd=ROOT,
                             env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert unasked.returncode == 2 and game.save_path.exists()
    deleted = subprocess.run([sys.executable, "-m", "game", "saves", "delete", game.save_path.stem, "--yes"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert deleted.returncode == 0 and not game.save_path.exists()
    unknown = subprocess.run([sys.executable, "-m", "game", "saves", "delete", "nope", "--yes"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=60)
    assert unknown.returncode == 1 and "no saved game `nope`" in unknown.stderr


def test_a_refused_continue_leaves_no_file_or_folder_behind(story, tmp_path):
    for target in (tmp_path / "not" / "here" / "x.json", tmp_path / "notes.txt"):
        if target.name == "notes.txt":
            target.write_text("my homework")
        with pytest.raises(saves.SaveError):
            Session.resume(story, save_path=target)
    assert not (tmp_path / "not").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".notes", "notes"))) == ["notes.txt"]


def test_a_damaged_save_is_not_moved_when_its_backup_does_not_fit_either(story, tmp_path):
    game = Session.new(story, seed=1)
    game.choose("sign")
    game.close()
    backup = saves.backup_path(game.save_path)
    document = json.loads(backup.read_text())
    document["state"]["scene"] = "nowhere"
    backup.write_text(json.dumps(document))
    game.save_path.write_text("garbage")
    with pytest.raises(saves.SaveError, match="nowhere"):
        Session.resume(story, save_path=game.save_path)
    assert game.save_path.read_text() == "garbage"           # nothing moved: the message says so
    assert not list(game.save_path.parent.glob("*.damaged-*"))


def test_a_save_names_a_language_never_a_file(story, tmp_path):
    game = Session.new(story, seed=1)
    game.close()
    document = json.loads(game.save_path.read_text())
    for language in ("../scenario", "zz"):
        document["language"] = language
        game.save_path.write_text(json.dumps(document))
        resumed = Session.resume(story, save_path=game.save_path)
        assert resumed.scenario.language == "en"
        resumed.close()


def test_saves_delete_takes_ids_after_its_options_and_removes_broken_links(story, tmp_path):
    home = tmp_path / "home"
    folder = home / "saves"
    folder.mkdir(parents=True)
    (folder / "dangling.json").symlink_to(tmp_path / "nowhere")
    env = {**os.environ, "SAFECITY_HOME": str(home)}
    run = subprocess.run([sys.executable, "-m", "game", "saves", "delete", "--yes", "dangling"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert not os.path.lexists(folder / "dangling.json")
