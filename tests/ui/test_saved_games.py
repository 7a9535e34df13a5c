"""Saved games on the title screen: listed, continued, finished ones read again, deleted on request,
never frozen by a strange file, and never opened in two windows at once."""

from __future__ import annotations

import os

import pytest

from game.engine import saves
from game.session import Session
from game.settings import Settings
from game.ui.app import SafeCityApp
from tests.conftest import write_files
from tests.ui.reading import shown_notices
from tests.ui.test_play_screen import run
from tests.ui.test_title_screen import story_read

SHORT = """
scenario: {id: short, title: A Short Story, start: a}
scenes:
  a:
    turn: true
    text: The first and only decision.
    choices:
      - {id: go, text: Go on, goto: b}
      - {id: stay, text: Stay, goto: a}
  b: {ending: {title: The End}, text: Over.}
"""


@pytest.fixture
def story(tmp_path):
    return write_files(tmp_path / "short", {"scenario.yaml": SHORT})


def saves_folder() -> os.PathLike:
    folder = saves.saves_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def open_saved_games(pilot):
    await story_read(pilot)
    menu = pilot.app.screen.query_one("#menu")
    index = next(i for i in range(menu.option_count) if menu.get_option_at_index(i).id == "saves")
    menu.highlighted = index
    await pilot.press("enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def listed(app) -> list[str]:
    menu = app.screen.query_one("#saves-list")
    return [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]


def test_strange_files_in_the_saves_folder_never_freeze_the_title(story):
    folder = saves_folder()
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "short-fifo.json")
    if os.path.exists("/dev/zero"):
        (folder / "short-zero.json").symlink_to("/dev/zero")
    (folder / "short-broken.json").write_text("{broken")
    (folder / "short-deep.json").write_text("[" * 100_000)
    game = Session.new(story, seed=1)
    game.close()
    app = SafeCityApp(story, settings=Settings())

    async def script(pilot):
        await open_saved_games(pilot)
        shown = listed(app)
        await pilot.press("escape", "q")
        return shown

    shown = run(app, script)
    assert len(shown) == 5
    assert sum("Damaged" in line for line in shown) == 4 and any("in progress" in line for line in shown)


def test_a_chosen_game_continues_and_a_finished_one_opens_its_ending(story):
    playing = Session.new(story, seed=1)
    playing.choose("stay")
    playing.close()
    finished = Session.new(story, seed=2)
    finished.choose("go")
    finished.close()
    app = SafeCityApp(story, settings=Settings())

    async def script(pilot):
        await open_saved_games(pilot)
        await pilot.press("1")            # the most recent: the finished game
        await pilot.pause()
        await pilot.pause()
        first = (type(app.screen).__name__, app.session.save_path)
        app.show_title()
        await open_saved_games(pilot)
        await pilot.press("2")
        await pilot.pause()
        return first, (type(app.screen).__name__, app.session.save_path)

    (screen1, save1), (screen2, save2) = run(app, script)
    assert (screen1, save1) == ("EndingScreen", finished.save_path)
    assert (screen2, save2) == ("PlayScreen", playing.save_path)
    assert saves.save_info(finished.save_path).ended   # reading a finished game changes nothing


def test_a_game_is_deleted_only_after_confirmation(story):
    game = Session.new(story, seed=1)
    game.close()
    app = SafeCityApp(story, settings=Settings())

    async def script(pilot):
        await open_saved_games(pilot)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter")        # the default answer is No
        await pilot.pause()
        kept = game.save_path.exists()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        return kept, listed(app)

    kept, after = run(app, script)
    assert kept and not game.save_path.exists() and after == []


def test_a_game_open_in_another_window_is_not_opened_twice(story):
    other_window = Session.new(story, seed=1)
    other_window.choose("stay")
    before = other_window.save_path.read_bytes()
    app = SafeCityApp(story, settings=Settings())

    async def script(pilot):
        await story_read(pilot)
        await pilot.press("enter")      # Resume: the latest game, held by the other window
        await pilot.pause()
        return type(app.screen).__name__, app.error

    try:
        screen, error = run(app, script)
    finally:
        other_window.close()
    assert screen == "TitleScreen" and "open in another window" in error
    assert other_window.save_path.read_bytes() == before


def test_what_if_on_a_decision_the_edited_story_no_longer_has_is_a_notice_not_a_crash(story):
    finished = Session.new(story, seed=2)
    finished.choose("stay")
    finished.choose("go")
    finished.close()
    document = saves.read_save(finished.save_path)
    state = document["state"]
    state.path = ["gone", "go"]                 # the story was edited: the first choice is no more
    saves.write_save(finished.save_path, finished.scenario, state)
    app = SafeCityApp(story, settings=Settings(), resume=True, save_path=finished.save_path)

    async def script(pilot):
        await pilot.pause()
        await pilot.pause()
        app.what_if(1)
        await pilot.pause()
        return type(app.screen).__name__, shown_notices(app)

    screen, notices = run(app, script, notifications=True)
    assert screen == "EndingScreen"
    assert any("cannot be replayed" in n for n in notices)
