"""Hot reload: a writer edits the story while playing; the game follows, or says why it cannot."""

from __future__ import annotations

from game.settings import Settings
from game.ui.app import SafeCityApp
from tests.conftest import write_files
from tests.ui.reading import shown_text
from tests.ui.test_play_screen import run

STORY = """
scenario: {id: live, title: Live, start: a}
meters: {trust: {label: Trust, start: 50}}
scenes:
  a:
    text: The first version of this scene.
    choices: [{id: go, text: Go on, goto: b}]
  b: {ending: {title: End}, text: Over.}
"""


def test_an_edited_story_reloads_and_keeps_the_game(tmp_path):
    folder = write_files(tmp_path / "live", {"scenario.yaml": STORY})
    app = SafeCityApp(folder, seed=1, skip_title=True, settings=Settings())

    async def script(pilot):
        assert "first version" in shown_text(app)
        (folder / "scenario.yaml").write_text(STORY.replace("The first version", "A rewritten version")
                                              .replace("meters: {", "meters: {courage: {label: Courage, start: 7}, "))
        app.check_for_changes()
        await pilot.pause()
        return shown_text(app), app.session.state.meters

    shown, meters = run(app, script)
    assert "A rewritten version of this scene." in shown
    assert meters == {"courage": 7, "trust": 50}        # a new meter starts at its start value


def test_a_broken_edit_is_shown_and_the_game_goes_on(tmp_path):
    folder = write_files(tmp_path / "live", {"scenario.yaml": STORY})
    app = SafeCityApp(folder, seed=1, skip_title=True, settings=Settings())

    async def script(pilot):
        (folder / "scenario.yaml").write_text(STORY.replace("goto: b", "goto: nowhere"))
        app.check_for_changes()
        await pilot.pause()
        messages = [shown_text(app)]                   # the notice is on screen
        await pilot.press("1")
        await pilot.pause()
        return messages, app.session.state.scene

    messages, scene = run(app, script)
    assert any("SC301" in m and "nowhere" in m and "has errors" in m for m in messages)
    assert scene == "b"                                  # still playing the last version that loaded


def test_a_scene_that_disappears_keeps_the_old_version(tmp_path):
    folder = write_files(tmp_path / "live", {"scenario.yaml": STORY})
    app = SafeCityApp(folder, seed=1, skip_title=True, settings=Settings())

    async def script(pilot):
        (folder / "scenario.yaml").write_text(STORY.replace("start: a", "start: c").replace("  a:\n", "  c:\n"))
        app.check_for_changes()
        await pilot.pause()
        return [shown_text(app)], app.session.state.scene

    messages, scene = run(app, script)
    assert scene == "a" and any("no longer exists" in m for m in messages)


def test_the_game_watches_a_writers_story_in_a_worker_and_never_a_shipped_one(tmp_path):
    import asyncio

    from tests.ui.test_play_screen import TUTORIAL

    folder = write_files(tmp_path / "live", {"scenario.yaml": STORY})
    own, shipped, asked = (SafeCityApp(folder, seed=1, skip_title=True, settings=Settings()),
                           SafeCityApp(TUTORIAL, seed=1, skip_title=True, settings=Settings()),
                           SafeCityApp(TUTORIAL, seed=1, skip_title=True, settings=Settings(), watch=True))

    async def edit_and_wait(pilot):
        (folder / "scenario.yaml").write_text(STORY.replace("The first version", "A rewritten version"))
        for _ in range(30):                       # the watcher looks every second, in a thread
            await asyncio.sleep(0.1)
            await pilot.pause()
            if "rewritten" in shown_text(pilot.app):
                break
        return shown_text(pilot.app)

    async def watcher(pilot):
        return pilot.app._watcher is not None

    assert "A rewritten version" in run(own, edit_and_wait)
    assert run(shipped, watcher) is False        # players of the shipped scenarios: no polling at all
    assert run(asked, watcher) is True           # --watch turns it on for a writer editing them
