"""Pictures of the main screens at 80x24, compared with reviewed snapshots.

After a deliberate change of the UI, regenerate with
`uv run pytest tests/ui/test_snapshots.py --snapshot-update`, open the report, and read
every changed picture before committing it.
"""

from __future__ import annotations

from game.paths import shipped_scenarios
from game.settings import Settings
from game.ui.app import SafeCityApp
from tests.ui.test_title_screen import story_read

TUTORIAL = shipped_scenarios()["tutorial"]
SIZE = (80, 24)


def app(**kwargs) -> SafeCityApp:
    return SafeCityApp(TUTORIAL, seed=1, settings=Settings(), **kwargs)


def test_title_screen(snap_compare):
    # Once the story is read in the background: its title and language in the menu.
    assert snap_compare(app(), terminal_size=SIZE, run_before=story_read)


def test_play_screen(snap_compare):
    # The market scene: headline, text, a spoken line, meters, facts and four choices.
    assert snap_compare(app(skip_title=True), press=["1"], terminal_size=SIZE)


def test_play_screen_after_a_choice(snap_compare):
    # The changes from the last choice beside the meters, a locked choice with its reason.
    assert snap_compare(app(skip_title=True), press=["1", "1"], terminal_size=SIZE)


def test_ending_screen(snap_compare):
    path = "continue,patrols,intercom,smaller,estate_cameras,continue,continue".split(",")

    async def play_to_the_end(pilot):
        for choice in path:
            pilot.app.screen.take(choice)
            await pilot.pause()
        await pilot.pause()

    assert snap_compare(app(skip_title=True), run_before=play_to_the_end, terminal_size=SIZE)
