"""Saves are atomic, versioned, tied to their scenario, checked field by field, and never lost."""

from __future__ import annotations

import json
import os
import threading
from dataclasses import replace

import pytest

from game.engine import safe_files, saves
from game.engine.runtime import choose, start
from tests.unit.test_engine import BASE


@pytest.fixture
def game(make_scenario):
    scenario = make_scenario(BASE)
    return scenario, choose(scenario, start(scenario, seed=3), "sign")


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFECITY_HOME", str(tmp_path))
    return tmp_path


def written(tmp_path, scenario, state):
    path = tmp_path / "saves" / "game.json"
    saves.write_save(path, scenario, state)
    return path


def test_a_save_round_trips_and_keeps_the_previous_one(tmp_path, game):
    scenario, state = game
    path = tmp_path / "saves" / "game.json"
    saves.write_save(path, scenario, start(scenario, seed=3))
    saves.write_save(path, scenario, state)
    assert saves.load_save(path, scenario) == state
    assert saves.load_save(path.with_name("game.json.bak"), scenario).scene == "office"
    assert sorted(p.name for p in path.parent.iterdir()) == ["game.json", "game.json.bak"]  # no temp files left
    info = saves.save_info(path)
    assert (info.scenario_id, info.turn, info.scenario_title) == ("base", 2, "Base")


def test_a_crash_while_writing_leaves_the_old_save_intact(tmp_path, game, monkeypatch):
    scenario, state = game
    path = written(tmp_path, scenario, start(scenario, seed=3))
    before = path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(safe_files.os, "fsync", crash)
    with pytest.raises(OSError):
        saves.write_save(path, scenario, state)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["game.json"]


def test_the_save_exists_at_every_step_of_a_write(tmp_path, game, monkeypatch):
    """Every rename and link a write makes happens while the save is in place (a kill at any
    of those moments leaves a save), and the folder is flushed after the rename."""
    scenario, state = game
    path = written(tmp_path, scenario, start(scenario, seed=3))
    seen, flushed = [], []
    real_replace, real_link, real_fsync_dir = os.replace, os.link, safe_files.fsync_dir

    def watch(real):
        def call(*args, **kwargs):
            seen.append(path.exists())
            return real(*args, **kwargs)
        return call

    monkeypatch.setattr(safe_files.os, "replace", watch(real_replace))
    monkeypatch.setattr(safe_files.os, "link", watch(real_link))
    monkeypatch.setattr(safe_files, "fsync_dir", lambda folder: flushed.append(folder) or real_fsync_dir(folder))
    saves.write_save(path, scenario, state)
    assert seen and all(seen)
    assert flushed == [path.parent]
    assert saves.load_save(path, scenario) == state


def test_a_kill_between_the_backup_and_the_rename_leaves_the_old_save(tmp_path, game, monkeypatch):
    scenario, state = game
    path = written(tmp_path, scenario, start(scenario, seed=3))
    before = path.read_bytes()
    real_replace = os.replace

    def killed_at_the_final_rename(src, dst, *args, **kwargs):
        if str(dst) == str(path):
            raise KeyboardInterrupt  # the process stops here
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(safe_files.os, "replace", killed_at_the_final_rename)
    with pytest.raises(KeyboardInterrupt):
        saves.write_save(path, scenario, state)
    assert path.read_bytes() == before


def test_a_complete_write_that_was_never_renamed_is_taken_up(tmp_path, game):
    scenario, state = game
    path = written(tmp_path, scenario, start(scenario, seed=3))
    newer = tmp_path / "newer.json"
    saves.write_save(newer, scenario, state)
    os.replace(newer, path.with_name(f".{path.name}.abcd.tmp"))  # what a kill just before the rename leaves
    loaded = saves.open_for_play(path, scenario)
    assert loaded.state == state
    assert saves.load_save(path, scenario) == state


def test_stale_temporary_files_are_removed(tmp_path, game):
    scenario, state = game
    path = written(tmp_path, scenario, start(scenario, seed=3))
    stale = path.with_name(f".{path.name}.dead.tmp")
    stale.write_bytes(b'{"half a save')
    os.utime(stale, (1, 1))
    saves.write_save(path, scenario, state)
    assert not stale.exists()


def test_a_damaged_save_is_replaced_by_its_backup_and_kept(tmp_path, game):
    scenario, state = game
    path = written(tmp_path, scenario, start(scenario, seed=3))
    saves.write_save(path, scenario, state)
    path.write_bytes(b'{"format": "safecity-save", "vers')        # damaged after the fact
    loaded = saves.open_for_play(path, scenario)
    assert loaded.state.scene == "office" and any("backup" in note for note in loaded.notes)
    kept = [p for p in path.parent.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == b'{"format": "safecity-save", "vers'
    assert saves.load_save(path, scenario).scene == "office"


def test_a_missing_save_is_restored_from_its_backup(tmp_path, game):
    scenario, state = game
    path = written(tmp_path, scenario, start(scenario, seed=3))
    saves.write_save(path, scenario, state)
    path.unlink()
    assert saves.open_for_play(path, scenario).state.scene == "office"
    assert path.exists()


@pytest.mark.parametrize("content, message", [
    (b"{not json", "damaged"),
    (b"\xff\xfe", "damaged"),
    (b"", "damaged"),
    (json.dumps({"format": "other"}).encode(), "not a Safe City save"),
    (json.dumps([1, 2]).encode(), "not a Safe City save"),
    (json.dumps({"format": "safecity-save", "version": 99, "scenario": {"id": "base"}}).encode(), "newer Safe City"),
    (json.dumps({"format": "safecity-save", "version": "1", "scenario": {"id": "base"}}).encode(), "no version"),
    (json.dumps({"format": "safecity-save", "version": 1, "scenario": "base"}).encode(), "which scenario"),
])
def test_unusable_saves_give_a_message_and_stay_on_disk(tmp_path, game, content, message):
    scenario, _ = game
    path = tmp_path / "saves" / "game.json"
    path.parent.mkdir()
    path.write_bytes(content)
    with pytest.raises(saves.SaveError, match=message):
        saves.load_save(path, scenario)
    assert path.read_bytes() == content


def test_a_save_of_another_scenario_is_refused(tmp_path, game):
    scenario, state = game
    path = written(tmp_path, scenario, state)
    with pytest.raises(saves.SaveError, match="belongs to the scenario `base`"):
        saves.load_save(path, replace(scenario, id="other"))


# Damaged saves: (what is changed in the saved document, words the message must contain).
# Each is a way a crash, an old version or a curious student has broken a save.
DEEP = "[" * 100_000 + "]" * 100_000
DAMAGE = {
    "turn is text": (lambda d: d["state"].update(turn="x"), "turn"),
    "turn is negative": (lambda d: d["state"].update(turn=-1), "turn"),
    "turn is a float": (lambda d: d["state"].update(turn=2.5), "turn"),
    "turn is huge": (lambda d: d["state"].update(turn=10**30), "turn"),
    "saved_at is text": (lambda d: d.update(saved_at="yesterday"), "saved_at"),
    "saved_at is negative": (lambda d: d.update(saved_at=-5), "saved_at"),
    "started_at is a list": (lambda d: d.update(started_at=[1]), "started_at"),
    "language is a number": (lambda d: d.update(language=3), "language"),
    "title is a number": (lambda d: d["scenario"].update(title=3), "which scenario"),
    "seed is a bool": (lambda d: d["state"].update(seed=True), "seed"),
    "seed is huge": (lambda d: d["state"].update(seed=2**80), "seed"),
    "rng is negative": (lambda d: d["state"].update(rng=-1), "rng"),
    "state is a list": (lambda d: d.update(state=[]), "not a mapping"),
    "state is missing": (lambda d: d.pop("state"), "not a mapping"),
    "a field is missing": (lambda d: d["state"].pop("scene"), "scene"),
    "an unknown field": (lambda d: d["state"].update(extra=1), "extra"),
    "meter is text": (lambda d: d["state"]["meters"].update(budget="lots"), "budget"),
    "meter is a bool": (lambda d: d["state"]["meters"].update(budget=True), "budget"),
    "meter is out of range": (lambda d: d["state"]["meters"].update(budget=500), "budget"),
    "meter is missing": (lambda d: d["state"]["meters"].pop("budget"), "budget"),
    "unknown meter": (lambda d: d["state"]["meters"].update(ghost=1), "ghost"),
    "flag is a number": (lambda d: d["state"]["flags"].update(signed=1), "signed"),
    "visited is negative": (lambda d: d["state"]["visited"].update(office=-2), "visited"),
    "scene is a number": (lambda d: d["state"].update(scene=5), "scene"),
    "scene is unknown": (lambda d: d["state"].update(scene="nowhere"), "nowhere"),
    "unknown variant": (lambda d: d["state"].update(variant="turbo"), "turbo"),
    "ended at no ending": (lambda d: d["state"].update(ended=True), "not an ending"),
    "ended is text": (lambda d: d["state"].update(ended="yes"), "ended"),
    "history is a mapping": (lambda d: d["state"].update(history={}), "history"),
    "history entry is text": (lambda d: d["state"]["history"].append("sign"), "history[1]"),
    "history turn is text": (lambda d: d["state"]["history"][0].update(turn="x"), "history[0].turn"),
    "history step past the path": (lambda d: d["state"]["history"][0].update(step=99), "history[0].step"),
    "history changes are odd": (lambda d: d["state"]["history"][0].update(changes={"budget": [1]}), "pair"),
    "history meters hold text": (lambda d: d["state"]["history"][0]["meters"].update(budget="x"), "budget"),
    "last is a list": (lambda d: d["state"].update(last=[]), "last"),
    "last result is a number": (lambda d: d["state"]["last"].update(result=3), "last.result"),
    "last changes hold text": (lambda d: d["state"]["last"].update(changes={"budget": ["a", "b"]}), "last.changes"),
    "scheduled entry is text": (lambda d: d["state"].update(scheduled=["letter"]), "scheduled[0]"),
    "scheduled due is text": (lambda d: d["state"].update(scheduled=[{"scene": "letter", "due": "soon", "key": "k"}]),
                              "due"),
    "scheduled scene is unknown": (lambda d: d["state"].update(scheduled=[{"scene": "gone", "due": 3, "key": "k"}]),
                                   "gone"),
    "resume holds a number": (lambda d: d["state"].update(resume=[3]), "resume[0]"),
    "path holds a number": (lambda d: d["state"].update(path=[3]), "path[0]"),
    "ledger entry lacks its flag": (lambda d: d["state"].update(ledger=[{"value": True, "turn": 1, "scene": "x"}]),
                                    "flag"),
    "fired holds text": (lambda d: d["state"].update(fired={"e": "x"}), "fired"),
}


# Damage that only the scenario can reveal (the list of saves does not load stories).
FITS_NO_SCENARIO = {"meter is out of range", "meter is missing", "unknown meter", "scene is unknown", "unknown variant",
                    "ended at no ending", "scheduled scene is unknown"}


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_a_damaged_save_is_refused_with_where_and_kept(tmp_path, game, damage):
    scenario, state = game
    path = written(tmp_path, scenario, state)
    document = json.loads(path.read_text())
    change, words = DAMAGE[damage]
    change(document)
    content = json.dumps(document).encode()
    path.write_bytes(content)
    with pytest.raises(saves.SaveError) as caught:
        saves.load_save(path, scenario)
    assert words in str(caught.value)
    assert path.read_bytes() == content
    info = saves.describe(path)   # the list of saves never fails on it...
    if damage not in FITS_NO_SCENARIO:
        assert info.problem       # ...and shows it as damaged when that can be seen without the story


@pytest.mark.parametrize("text, words", [
    (DEEP, "damaged"),                                        # nested a hundred thousand deep
    ('{"format": "safecity-save", "version": 1, "x": ' + "9" * 5000 + "}", "damaged"),  # 5,000 digits
    ('{"format": "safecity-save", "version": 1, "x": NaN}', "damaged"),
    ('{"format": "safecity-save", "version": 1, "x": -Infinity}', "damaged"),
], ids=["deep", "digits", "nan", "infinity"])
def test_pathological_json_is_refused_quickly(tmp_path, game, text, words):
    scenario, _ = game
    path = tmp_path / "saves" / "game.json"
    path.parent.mkdir()
    path.write_text(text)
    with pytest.raises(saves.SaveError, match=words):
        saves.load_save(path, scenario)


def test_nan_in_a_meter_is_refused(tmp_path, game):
    scenario, state = game
    path = written(tmp_path, scenario, state)
    path.write_text(path.read_text().replace('"budget": 30', '"budget": NaN', 1))
    with pytest.raises(saves.SaveError, match="damaged"):
        saves.load_save(path, scenario)


def in_time(function, seconds=5.0):
    """Run `function` in a thread; fail the test (not hang it) if it takes longer than `seconds`."""
    result = {}

    def run():
        try:
            result["value"] = function()
        except BaseException as err:  # noqa: BLE001 - handed to the test
            result["error"] = err

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "reading the save did not return"
    return result


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_at_the_save_path_is_refused_without_blocking(tmp_path, game):
    scenario, _ = game
    path = tmp_path / "saves" / "game.json"
    path.parent.mkdir()
    os.mkfifo(path)
    result = in_time(lambda: saves.load_save(path, scenario))
    assert isinstance(result.get("error"), saves.SaveError) and "not a regular file" in str(result["error"])
    assert in_time(lambda: saves.describe(path)).get("value").problem


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_link_to_an_endless_device_is_refused(tmp_path, game):
    scenario, _ = game
    path = tmp_path / "saves" / "game.json"
    path.parent.mkdir()
    path.symlink_to("/dev/zero")
    result = in_time(lambda: saves.load_save(path, scenario))
    assert isinstance(result.get("error"), saves.SaveError)


def test_a_huge_file_and_a_folder_are_refused(tmp_path, game):
    scenario, _ = game
    huge = tmp_path / "saves" / "huge.json"
    huge.parent.mkdir()
    with open(huge, "wb") as handle:
        handle.truncate(saves.MAX_SAVE_BYTES + 1)
    with pytest.raises(saves.SaveError, match="larger than"):
        saves.load_save(huge, scenario)
    folder = tmp_path / "saves" / "folder.json"
    folder.mkdir()
    with pytest.raises(saves.SaveError):
        saves.load_save(folder, scenario)


def test_a_save_from_an_edited_story_continues_and_says_so(tmp_path, game):
    scenario, state = game
    path = written(tmp_path, scenario, state)
    loaded = saves.open_for_play(path, replace(scenario, fingerprint="something else"))
    assert loaded.state == state
    assert any("edited" in note for note in loaded.notes)


def test_a_renamed_meter_continues_with_a_note(tmp_path, game):
    scenario, state = game
    path = written(tmp_path, scenario, state)
    meters = {("confidence" if k == "trust" else k): replace(m, id="confidence") if k == "trust" else m
              for k, m in scenario.meters.items()}
    edited = replace(scenario, meters=meters, fingerprint="x")
    loaded = saves.open_for_play(path, edited)
    assert "confidence" in loaded.state.meters and "trust" not in loaded.state.meters
    assert any("`confidence`" in note and "`trust`" in note for note in loaded.notes)


def test_a_save_whose_scene_is_gone_is_refused_even_when_forced(tmp_path, game):
    scenario, state = game
    path = written(tmp_path, scenario, state)
    scenes = {k: v for k, v in scenario.scenes.items() if k != state.scene}
    for force in (False, True):
        with pytest.raises(saves.SaveError, match="no longer exists"):
            saves.load_save(path, replace(scenario, scenes=scenes, fingerprint="x"), allow_changed=force)


def test_force_brings_values_back_within_range(tmp_path, game):
    scenario, state = game
    path = written(tmp_path, scenario, state)
    document = json.loads(path.read_text())
    document["state"]["meters"]["budget"] = 500
    path.write_text(json.dumps(document))
    with pytest.raises(saves.SaveError, match="--force"):
        saves.load_save(path, scenario)
    assert saves.load_save(path, scenario, allow_changed=True).meters["budget"] == scenario.meters["budget"].max


def test_new_saves_have_their_own_names_under_safecity_home(home):
    first, second = saves.new_save_path("safe-city"), saves.new_save_path("safe-city")
    assert first.parent == home / "saves" and first != second
    assert first.name.startswith("safe-city-") and first.suffix == ".json"
    assert saves.new_save_path("../../evil").parent == home / "saves"
    assert saves.find_save(first.stem) == first


def test_the_list_of_saves_shows_every_game_and_what_is_wrong(home, game):
    scenario, state = game
    ended = replace(state, ended=True, scene="won")
    for name, st in (("a", state), ("b", ended)):
        saves.write_save(home / "saves" / f"{name}.json", scenario, st)
    (home / "saves" / "c.json").write_text("{broken")
    listed = {info.id: info for info in saves.list_saves()}
    assert set(listed) == {"a", "b", "c"}
    assert (listed["a"].turn, listed["a"].ended, listed["b"].ended) == (2, False, True)
    assert listed["c"].problem and not listed["c"].recoverable
    assert saves.latest_unfinished("base").id == "a"
    saves.delete_save(listed["b"].path)
    assert not (home / "saves" / "b.json").exists() and not (home / "saves" / "b.json.bak").exists()


@pytest.mark.parametrize("kind", ["fifo", "device", "deep", "digits", "folder"])
def test_damaged_or_special_settings_fall_back_to_defaults_at_once(home, kind):
    from game.settings import Settings

    path = Settings.path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        os.mkfifo(path)
    elif kind == "device":
        if not os.path.exists("/dev/zero"):
            pytest.skip("no /dev/zero here")
        path.symlink_to("/dev/zero")
    elif kind == "deep":
        path.write_text(DEEP)
    elif kind == "digits":
        path.write_text('{"theme": ' + "7" * 5000 + "}")
    else:
        path.mkdir()
    result = in_time(Settings.load)
    assert result.get("value") == Settings()


def test_a_backup_that_already_is_the_save_leaves_no_spare_file(tmp_path, game):
    """A writer killed after linking the backup leaves the save and its .bak as one file: the next
    write must neither fail nor leave its temporary link behind (rename() of one file's two names
    does nothing)."""
    scenario, state = game
    path = written(tmp_path, scenario, start(scenario, seed=3))
    backup = path.with_name("game.json.bak")
    os.link(path, backup)
    saves.write_save(path, scenario, state)
    assert sorted(p.name for p in path.parent.iterdir()) == ["game.json", "game.json.bak"]
    assert saves.load_save(backup, scenario).scene == "office" and saves.load_save(path, scenario) == state
