"""On a narrow terminal the meters fold into two lines above the scene: every value keeps its unit,
labels are shortened only when the lines are too narrow for them, and the scene and its choices
still have room (English and French)."""

from __future__ import annotations

import pytest

from game.i18n import set_language
from game.paths import shipped_scenarios
from game.settings import Settings
from game.ui.app import SafeCityApp
from game.ui.widgets.key_bar import KeyBar
from game.ui.widgets.story_view import StoryView
from tests.ui.test_play_screen import run

SAFE_CITY = shipped_scenarios()["safe-city"]
LABELS = {"en": ["City budget", "Public trust", "Security", "Civil liberties", "Legal risk"],
          "fr": ["Budget de la ville", "Confiance", "Sécurité", "Libertés publiques", "Risque juridique"]}


@pytest.fixture(params=["en", "fr"])
def language(request):
    set_language(request.param)
    yield request.param
    set_language("en")


def play_at(language: str, size: tuple[int, int]):
    app = SafeCityApp(SAFE_CITY, seed=7, skip_title=True, language=language, settings=Settings())

    async def script(pilot):
        await pilot.press("1")                 # on to the first decision: four choices
        await pilot.pause()
        screen = app.screen
        story = screen.query_one(StoryView)
        return (screen.query_one("#summary").content.plain, screen.query_one("#summary").size.height,
                story.content.plain, [c.id for c in story.choices], story.size.height)

    return run(app, script, size=size)


def test_at_60x20_the_meters_keep_their_units_and_whole_labels(language):
    meters, rows, _scene, choices, height = play_at(language, (60, 20))
    assert "50\u00a0M€" in meters, meters
    for label in LABELS[language]:
        assert label in meters, meters
    assert len(meters.splitlines()) <= rows == 2
    assert len(choices) == 4 and height >= 12      # the scene and every choice still fit beside them


@pytest.mark.parametrize("width", [44, 36])
def test_narrower_the_labels_shorten_but_values_and_units_stay(language, width):
    meters, rows, _scene, _choices, _height = play_at(language, (width, 20))
    lines = meters.splitlines()
    assert len(lines) <= rows and all(len(line) <= width - 3 for line in lines), lines
    assert "50\u00a0M€" in meters and "…" in meters
    for value in ("55", "45", "70", "10"):
        assert value in meters


@pytest.mark.parametrize("size,words", [
    ((80, 24), {"en": ["u Undo", "f Facts", "s Settings", "? Help", "q Quit", "^p"],
                "fr": ["u Annuler", "f Fiches", "s Réglages", "? Aide", "q Quitter", "^p"]}),
    ((60, 20), {"en": ["u", "f", "? Help", "q Quit", "^p"], "fr": ["u", "f", "? Aide", "q Quitter", "^p"]}),
])
def test_the_key_bar_fits_and_always_says_help_and_quit(language, size, words):
    app = SafeCityApp(SAFE_CITY, seed=7, skip_title=True, language=language, settings=Settings())

    async def script(pilot):
        bar = app.screen.query_one(KeyBar)
        return bar.render().plain, bar.size.width

    keys, width = run(app, script, size=size)
    assert len(keys) <= width and "…" not in keys, keys
    for word in words[language]:
        assert word in keys, keys
