"""Saves are atomic, versioned, tied to their scenario, and never destroyed by a failure."""

from __future__ import annotations

import json
import os
from dataclasses import replace

import pytest

from game.engine import saves
from game.engine.runtime import choose, start
from tests.unit.test_engine import BASE


@pytest.fixture
def game(make_scenario):
    scenario = make_scenario(BASE)
    return scenario, choose(scenario, start(scenario, seed=3), "sign")


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
    path = tmp_path / "saves" / "game.json"
    saves.write_save(path, scenario, start(scenario, seed=3))
    before = path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(saves.os, "fsync", crash)
    with pytest.raises(OSError):
        saves.write_save(path, scenario, state)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["game.json"]


@pytest.mark.parametrize("content, message", [
    (b"{not json", "damaged"),
    (b"\xff\xfe", "damaged"),
    (json.dumps({"format": "other"}).encode(), "not a Safe City save"),
    (json.dumps({"format": "safecity-save", "version": 99, "scenario": {"id": "base"}}).encode(), "newer Safe City"),
    (json.dumps({"format": "safecity-save", "version": 1, "scenario": {"id": "other", "fingerprint": ""},
                 "state": {}}).encode(), "belongs to the scenario `other`"),
])
def test_unusable_saves_give_a_message_and_stay_on_disk(tmp_path, game, content, message):
    scenario, _ = game
    path = tmp_path / "saves" / "game.json"
    path.parent.mkdir()
    path.write_bytes(content)
    with pytest.raises(saves.SaveError, match=message):
        saves.load_save(path, scenario)
    assert path.read_bytes() == content


def test_a_save_from_a_changed_scenario_is_refused_unless_forced(tmp_path, game):
    scenario, state = game
    path = tmp_path / "saves" / "game.json"
    saves.write_save(path, scenario, state)
    changed = replace(scenario, fingerprint="something else")
    with pytest.raises(saves.SaveError, match="has changed"):
        saves.load_save(path, changed)
    assert saves.load_save(path, changed, allow_changed=True) == state


def test_a_forced_save_whose_scene_is_gone_is_still_refused(tmp_path, game):
    scenario, state = game
    path = tmp_path / "saves" / "game.json"
    saves.write_save(path, scenario, state)
    scenes = {k: v for k, v in scenario.scenes.items() if k != state.scene}
    with pytest.raises(saves.SaveError, match="no longer exists"):
        saves.load_save(path, replace(scenario, scenes=scenes, fingerprint="x"), allow_changed=True)


def test_a_tampered_state_is_refused(tmp_path, game):
    scenario, state = game
    path = tmp_path / "saves" / "game.json"
    saves.write_save(path, scenario, state)
    document = json.loads(path.read_text())
    document["state"]["meters"]["budget"] = "lots"
    path.write_text(json.dumps(document))
    with pytest.raises(saves.SaveError, match="budget"):
        saves.load_save(path, scenario)


def test_autosaves_live_under_safecity_home(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFECITY_HOME", str(tmp_path))
    assert saves.autosave_path("safe-city") == tmp_path / "saves" / "safe-city.json"
    assert saves.autosave_path("../../evil").parent == tmp_path / "saves"
