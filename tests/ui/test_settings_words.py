"""The settings screen's words: each on/off setting says its state in plain words, French typography
(a no-break space before : ; ! ?), and even the keys of Textual's own widgets speak the player's
language (an open list's Escape)."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Checkbox

from game.i18n import set_language
from game.settings import Settings
from game.ui.app import SafeCityApp
from game.ui.widgets.key_bar import KeyBar
from tests.ui.test_play_screen import TUTORIAL, run

NBSP = "\u00a0\u202f"
# A French : ; ! ? needs a no-break space before it (a time such as 16:54 has none).
LOOSE_PUNCTUATION = re.compile(rf"(?<![{NBSP}\d])[:;!?]|(?<=\d)[;!?]")


@pytest.fixture
def language(request):
    set_language(request.param)
    yield request.param
    set_language("en")


def open_settings(language: str, script_after):
    app = SafeCityApp(TUTORIAL, seed=1, skip_title=True, language=language, settings=Settings())

    async def script(pilot):
        await pilot.press("s")
        await pilot.pause()
        return await script_after(pilot, app)

    return run(app, script)


def labels(app) -> dict[str, str]:
    return {box.id: box.label.plain for box in app.screen.query(Checkbox)}


@pytest.mark.parametrize("language,before,after", [
    ("en", "Reduced motion: off", "Reduced motion: on"),
    ("fr", "Animations réduites\u00a0: non", "Animations réduites\u00a0: oui"),
], indirect=["language"])
def test_each_setting_says_its_state_in_plain_words(language, before, after):
    async def script(pilot, app):
        shown = labels(app)["reduced_motion"]
        app.screen.query_one("#reduced_motion", Checkbox).value = True
        await pilot.pause()
        return shown, labels(app)["reduced_motion"]

    assert open_settings(language, script) == (before, after)


def widget_words(app) -> list[str]:
    """The text of every widget of the settings screen, as the widgets hold it (the screen itself
    draws a no-break space as a plain one)."""
    words = []
    for widget in app.screen.query("*"):
        shown = widget.render()
        if hasattr(shown, "plain") and shown.plain.strip():
            words.append(shown.plain)
    return words


@pytest.mark.parametrize("language", ["fr"], indirect=True)
def test_the_french_settings_screen_keeps_a_no_break_space_before_colons(language):
    async def script(pilot, app):
        return widget_words(app)

    words = open_settings(language, script)
    assert any("Animations réduites" in text for text in words) and any("Thème" in text for text in words)
    loose = [text for text in words if LOOSE_PUNCTUATION.search(text)]
    assert not loose, loose


@pytest.mark.parametrize("language,close,other", [("en", "Esc Close the list", "Dismiss"),
                                                  ("fr", "Échap Fermer la liste", "Dismiss")], indirect=["language"])
def test_an_open_list_says_how_to_close_it_in_the_players_language(language, close, other):
    async def script(pilot, app):
        await pilot.press("enter")            # the theme list, focused first, opens
        await pilot.pause(0.3)
        return app.screen.query_one(KeyBar).keys().plain

    keys = open_settings(language, script)
    assert close in keys and other not in keys, keys
