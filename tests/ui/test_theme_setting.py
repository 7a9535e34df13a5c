"""One settings system for the theme: the palette's theme picker opens on the theme the settings
hold, a theme chosen there is applied and saved at once, and the settings screen shows it (and the
other way round), in English and in French."""

from __future__ import annotations

import json

import pytest
from textual.command import CommandList
from textual.widgets import Select

from game.i18n import set_language
from game.settings import Settings
from game.ui.app import SafeCityApp
from tests.ui.test_play_screen import TUTORIAL, run

NAMES = {"en": {"dark": "Dark", "light": "Light", "high-contrast": "High contrast"},
         "fr": {"dark": "Sombre", "light": "Clair", "high-contrast": "Contraste élevé"}}


@pytest.fixture(params=["en", "fr"])
def language(request):
    set_language(request.param)
    yield request.param
    set_language("en")


def app_with(language: str, theme: str = "dark") -> SafeCityApp:
    return SafeCityApp(TUTORIAL, seed=1, skip_title=True, language=language, settings=Settings(theme=theme))


async def open_theme_picker(pilot) -> None:
    pilot.app.action_change_theme()   # what the palette's "Theme" command does
    await pilot.pause(0.5)


def highlighted_theme(app) -> str:
    """The line of the theme picker the highlight is on, as the player reads it."""
    commands = app.screen.query_one(CommandList)
    return commands.get_option_at_index(commands.highlighted).prompt.plain


@pytest.mark.parametrize("theme", ["light", "high-contrast", "dark"])
def test_the_theme_picker_opens_on_the_theme_in_force(language, theme):
    app = app_with(language, theme)

    async def script(pilot):
        await open_theme_picker(pilot)
        return highlighted_theme(app)

    shown = run(app, script)
    assert shown.startswith(NAMES[language][theme]), shown
    # In words too, not by the highlight's colour alone.
    assert ("The theme in use now" if language == "en" else "Le thème utilisé actuellement") in shown


def test_a_theme_chosen_in_the_settings_is_the_one_the_picker_highlights(language):
    app = app_with(language)

    async def script(pilot):
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#theme", Select).value = "light"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await open_theme_picker(pilot)
        return highlighted_theme(app)

    assert run(app, script).startswith(NAMES[language]["light"])
    assert json.loads(Settings.path().read_text())["theme"] == "light"


def test_a_theme_chosen_in_the_picker_is_applied_saved_and_shown_by_the_settings(language):
    app = app_with(language)

    async def script(pilot):
        await open_theme_picker(pilot)
        await pilot.press("down", "enter")   # from the theme in force (dark) to the next one: light
        await pilot.pause(0.3)
        saved = json.loads(Settings.path().read_text())["theme"]
        await pilot.press("s")
        await pilot.pause()
        select = app.screen.query_one("#theme", Select)
        return app.theme, saved, select.value

    theme, saved, shown = run(app, script)
    assert (theme, saved, shown) == ("textual-light", "light", "light")


def test_a_theme_chosen_in_the_picker_over_the_open_settings_shows_there_at_once(language):
    app = app_with(language)

    async def script(pilot):
        await pilot.press("s")
        await pilot.pause()
        settings = app.screen
        await open_theme_picker(pilot)
        await pilot.press(*NAMES[language]["high-contrast"][:8].lower())
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        return app.screen is settings, settings.query_one("#theme", Select).value, app.theme

    back, shown, theme = run(app, script)
    assert back and shown == "high-contrast" and theme == "safecity-high-contrast"
