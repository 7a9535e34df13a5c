"""The cache of loaded scenarios: a game starts from it only while it is exactly what a load gives."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.loader import cache, load_scenario
from game.loader.cache import load_playable
from game.paths import cache_dir, shipped_scenarios
from tests.conftest import write_files

STORY = {
    "scenario.yaml": """\
        scenario: {id: cached, title: Cached, start: a, includes: ["scenes/*.yaml"]}
        meters: {budget: {label: Budget, start: 10}}
        flags: {signed: {label: Signed}}
        """,
    "scenes/one.yaml": """\
        scenes:
          a:
            text: "Budget {budget}."
            choices:
              - {id: spend, text: Spend, if: "budget > 5 and not signed", effects: {budget: -5, signed: true}, goto: b}
              - {id: wait, text: Wait, goto: b}
          b: {text: The end., ending: {title: Done}}
        """,
}


def same(a, b, where="scenario"):
    """Field by field, as the model's classes compare: a compiled condition's function aside, and
    its syntax tree, which only a load keeps (for the analysis tools, which never read the cache)."""
    if dataclasses.is_dataclass(a):
        assert type(a) is type(b), where
        for f in dataclasses.fields(a):
            if f.name.startswith("_") or f.name == "fn" or (f.name == "ast" and b.ast is None):
                continue
            same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, dict):
        assert type(b) is dict and list(a) == list(b), where
        for key in a:
            same(a[key], b[key], f"{where}[{key!r}]")
    elif isinstance(a, (tuple, list)):
        assert type(a) is type(b) and len(a) == len(b), where
        for index, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{where}[{index}]")
    else:
        assert type(a) is type(b) and a == b, (where, a, b)


def entries() -> list[Path]:
    return sorted((cache_dir() / "scenarios").glob("*.json"))


def from_cache_only(monkeypatch):
    """Any full load from now on fails the test: what comes back must come from the cache."""
    def refuse(*args, **kwargs):
        raise AssertionError("the story was loaded again")
    monkeypatch.setattr("game.loader.load.load_scenario", refuse)


@pytest.mark.parametrize("name", sorted(shipped_scenarios()))
@pytest.mark.parametrize("language", [None, "fr"])
def test_a_shipped_story_read_back_is_the_story_loaded(name, language, monkeypatch):
    path = shipped_scenarios()[name]
    loaded = load_scenario(path, language).scenario
    assert load_playable(path, language).ok and len(entries()) == 1
    from_cache_only(monkeypatch)
    again = load_playable(path, language)
    assert again.ok and again.diagnostics == []
    same(loaded, again.scenario)


def test_every_part_of_the_format_survives_the_cache(tmp_path, monkeypatch):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    folder = generate(tmp_path / "city", scenes=300, seed=3)
    loaded = load_scenario(folder).scenario
    load_playable(folder)
    from_cache_only(monkeypatch)
    same(loaded, load_playable(folder).scenario)


def test_conditions_read_back_are_compiled_and_decide_the_same(tmp_path, monkeypatch):
    folder = write_files(tmp_path / "s", STORY)
    load_playable(folder)
    from_cache_only(monkeypatch)
    scenario = load_playable(folder).scenario
    from game.engine.runtime import choose, start
    from game.engine.view import view

    state = start(scenario, seed=1)
    assert [c.available for c in view(scenario, state).choices] == [True, True]
    state = choose(scenario, state, "spend")
    assert state.meters["budget"] == 5 and state.flags["signed"] is True


@pytest.mark.parametrize("change", ["edit", "new file", "delete", "another language"])
def test_a_changed_story_is_loaded_again(tmp_path, change):
    folder = write_files(tmp_path / "s", STORY)
    assert load_playable(folder).scenario.scenes["a"].text[0].text == "Budget {budget}."
    scene_file = folder / "scenes/one.yaml"
    if change == "edit":            # same size, so only the time tells
        text = scene_file.read_text().replace("Budget {budget}.", "Funds  {budget}.")
        before = scene_file.stat().st_mtime_ns
        scene_file.write_text(text)
        os.utime(scene_file, ns=(before + 1_000_000, before + 1_000_000))
        assert load_playable(folder).scenario.scenes["a"].text[0].text == "Funds  {budget}."
    elif change == "new file":      # the glob now matches one more file
        write_files(folder, {"scenes/two.yaml": "scenes:\n  c: {text: New., ending: {title: New}}\n"})
        assert "c" in load_playable(folder).scenario.scenes
    elif change == "delete":
        write_files(folder, {"scenes/two.yaml": "scenes:\n  c: {text: New., ending: {title: New}}\n"})
        assert "c" in load_playable(folder).scenario.scenes
        (folder / "scenes/two.yaml").unlink()
        assert "c" not in load_playable(folder).scenario.scenes
    else:
        write_files(folder, {"i18n/fr.yaml": "scenes:\n  a: {text: \"Budget : {budget}.\"}\n"})
        assert load_playable(folder, "fr").scenario.scenes["a"].text[0].text == "Budget : {budget}."
        assert load_playable(folder).scenario.scenes["a"].text[0].text == "Budget {budget}."
        assert len(entries()) == 2


def test_a_story_with_errors_is_never_cached_and_says_why(tmp_path):
    folder = write_files(tmp_path / "s", {**STORY, "scenes/one.yaml": "scenes:\n  a: {text: Hi, goto: nowhere}\n"})
    result = load_playable(folder)
    assert not result.ok and any("nowhere" in d.message for d in result.errors)
    assert entries() == []
    assert not load_playable(folder).ok


HOSTILE = {
    "garbage": lambda text, stamp: "\x00not json at all",
    "truncated": lambda text, stamp: text[: len(text) // 2],
    "other class": lambda text, stamp: text.replace('"@":["Meter"', '"@":["os.system"', 1),
    "one value too many": lambda text, stamp: text.replace('"@":["Meter",', '"@":["Meter",1,', 1),
    "bad condition": lambda text, stamp: text.replace('"budget > 5 and not signed"', '"__import__(\'os\')"', 1),
    "not a scenario": lambda text, stamp: signed(stamp, {"meters": [], "flags": [], "scenes": [],
                                                         "scenario": [1, 2], "markdown": []}),
    "empty": lambda text, stamp: "",
    "one character changed": lambda text, stamp: text.replace("Budget {budget}.", "Budget {budget}!", 1),
    "forged parsed text": lambda text, stamp: signed(stamp, {**body(text), "markdown": [["x", True, [["run", "rm"]]]]}),
    "forged class, signed": lambda text, stamp: signed(stamp, json.loads(
        json.dumps(body(text)).replace('"@": ["Meter"', '"@": ["os.system"', 1))),
    "one value too many, signed": lambda text, stamp: signed(stamp, json.loads(
        json.dumps(body(text)).replace('"@": ["Meter",', '"@": ["Meter", 1,', 1))),
    "condition of another kind, signed": lambda text, stamp: signed(stamp, json.loads(
        json.dumps(body(text)).replace('"budget > 5 and not signed", "bool"', '"budget > 5 and not signed", "code"', 1))),
    "a span that is not one, signed": lambda text, stamp: signed(stamp, json.loads(
        re.sub(r'\["[^"]*one\.yaml", \d+, \d+\]', "7", json.dumps(body(text)), count=1))),
}


def body(text: str) -> dict:
    return json.loads(text)["body"]


def signed(stamp: str, data: dict) -> str:
    """An entry as the cache writes it: what someone who knows the format could forge."""
    content = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return cache._head(stamp) + hashlib.sha256(content.encode()).hexdigest() + '","body":' + content + "}"


@pytest.mark.parametrize("damage", sorted(HOSTILE))
def test_a_damaged_or_forged_entry_is_ignored_and_written_again(tmp_path, damage):
    folder = write_files(tmp_path / "s", STORY)
    good = load_playable(folder).scenario
    [entry] = entries()
    text = entry.read_text(encoding="utf-8")
    stamp = json.loads(text)["stamp"]
    damaged = HOSTILE[damage](text, stamp)
    assert damaged != text                                 # the damage is really done
    entry.write_text(damaged, encoding="utf-8")
    result = load_playable(folder)
    assert result.ok
    same(good, result.scenario)
    assert entry.read_text(encoding="utf-8") == text     # the load wrote it again


def test_a_forged_condition_with_a_matching_digest_is_never_run_and_the_story_is_loaded_next_time(tmp_path):
    from game.engine.runtime import start
    from game.engine.view import view

    folder = write_files(tmp_path / "s", STORY)
    load_playable(folder)
    [entry] = entries()
    text = entry.read_text(encoding="utf-8")
    forged = json.loads(json.dumps(body(text)).replace("budget > 5 and not signed", "__import__('os').system('x')"))
    entry.write_text(signed(json.loads(text)["stamp"], forged), encoding="utf-8")
    scenario = load_playable(folder).scenario           # it reads: its digest matches
    state = start(scenario, seed=1)
    assert [c.id for c in view(scenario, state).choices] == ["wait"]     # false (hidden), not a crash
    assert entries() == []                              # and the entry is gone ...
    assert load_playable(folder).ok and len(entries()) == 1   # ... so the next start loads the story
    again = load_playable(folder).scenario
    assert [c.id for c in view(again, start(again, seed=1)).choices] == ["spend", "wait"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.parametrize("thing", ["named pipe", "folder", "link to a device"])
def test_something_else_in_an_entrys_place_never_blocks_or_breaks_the_start(tmp_path, thing):
    folder = write_files(tmp_path / "s", STORY)
    load_playable(folder)
    [entry] = entries()
    entry.unlink()
    if thing == "named pipe":
        os.mkfifo(entry)      # opening it to read would wait for a writer forever
    elif thing == "folder":
        entry.mkdir()
    else:
        entry.symlink_to("/dev/zero")
    result = load_playable(folder)   # a full load; the entry cannot be written over this, and that is fine
    assert result.ok and result.scenario.scenes["a"].text[0].text == "Budget {budget}."


def test_an_entry_from_another_version_of_the_game_is_not_used(tmp_path, monkeypatch):
    folder = write_files(tmp_path / "s", STORY)
    load_playable(folder)
    monkeypatch.setattr(cache, "_code_stamp", lambda: (("model/scenario.py", 1, 2),))
    calls = []
    real = load_scenario

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr("game.loader.load.load_scenario", counted)
    assert load_playable(folder).ok and len(calls) == 1


def test_the_game_plays_when_the_cache_cannot_be_written(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setattr("game.paths.cache_dir", lambda: blocker)
    folder = write_files(tmp_path / "s", STORY)
    assert load_playable(folder).ok and load_playable(folder).ok


def test_spans_name_files_as_seen_from_where_the_game_was_started(tmp_path, monkeypatch):
    folder = write_files(tmp_path / "s", STORY)
    monkeypatch.chdir(tmp_path)
    near = load_playable(folder).scenario.scenes["a"].span.file
    monkeypatch.chdir(folder / "scenes")
    far = load_playable(folder).scenario.scenes["a"].span.file
    assert near == "s/scenes/one.yaml" and far == str(folder / "scenes/one.yaml")   # ".." paths are shown whole
    assert len(entries()) == 2


def test_starting_from_the_cache_loads_neither_yaml_nor_the_checks_nor_markdown(tmp_path):
    folder = write_files(tmp_path / "s", STORY)
    code = ("import sys\nfrom game.session import load_for_play\nload_for_play(sys.argv[1])\n"
            "print(','.join(sorted(m for m in sys.modules if m in ('yaml', 'markdown_it') or m.startswith(("
            "'game.loader.load', 'game.loader.build', 'game.loader.conform', 'game.language')))))\n")
    env = {**os.environ}
    first = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, env=env)
    second = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, env=env)
    assert first.returncode == 0 and "yaml" in first.stdout, first.stderr
    assert second.returncode == 0 and second.stdout.strip() == "", second.stderr


def test_paths_shows_the_cache_folder(capsys):
    from game.cli.main import main

    assert main(["paths", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["cache"] == str(cache_dir())
