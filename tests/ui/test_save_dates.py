"""The saved games screen and the title's Resume line say when a game was saved in friendly words,
in the player's language: "today at 16:54", « aujourd'hui à 16 h 54 » (tests/unit/test_save_moments.py
checks the other days)."""

from __future__ import annotations

import time

import pytest

from game.engine import saves
from game.i18n import set_language
from game.session import Session
from game.settings import Settings
from game.ui.app import SafeCityApp
from tests.ui.test_play_screen import run
from tests.ui.test_saved_games import listed, open_saved_games, story  # noqa: F401 (a fixture)
from tests.ui.test_title_screen import story_read

WORDS = {"en": ("saved today at {time}", "Resume game  (turn 1, saved today at {time})"),
         "fr": ("sauvegardée aujourd'hui à\u00a0{time}",
                "Reprendre la partie  (tour 1, sauvegardée aujourd'hui à\u00a0{time})")}


@pytest.fixture(params=["en", "fr"])
def language(request):
    set_language(request.param)
    yield request.param
    set_language("en")


def test_the_saved_games_and_the_resume_line_say_when_in_words(story, language):  # noqa: F811
    Session.new(story, seed=1).close()
    stamp = time.localtime(saves.list_saves("short")[0].saved_at)
    clock = time.strftime("%H:%M", stamp) if language == "en" else f"{stamp.tm_hour}\u00a0h\u00a0{stamp.tm_min:02d}"
    app = SafeCityApp(story, language=language, settings=Settings())

    async def script(pilot):
        await story_read(pilot)
        menu = app.screen.query_one("#menu")
        resume = str(menu.get_option_at_index(1).prompt)
        await open_saved_games(pilot)
        return resume, listed(app)

    resume, games = run(app, script)
    saved, resume_line = (words.replace("{time}", clock) for words in WORDS[language])
    assert len(games) == 1 and saved in games[0], games
    assert resume_line in resume, resume


def test_a_saved_game_names_its_variant_by_its_label_and_its_language_when_another():
    from tests.ui.test_play_screen import TUTORIAL

    set_language("fr")
    try:
        Session.new(TUTORIAL, seed=1, variant="express", language="fr").close()
        Session.new(TUTORIAL, seed=2).close()                  # an English game, listed on a French screen
        app = SafeCityApp(TUTORIAL, language="fr", settings=Settings())

        async def script(pilot):
            await open_saved_games(pilot)
            return listed(app)

        games = run(app, script)
    finally:
        set_language("en")
    assert any("Partie express (15 minutes)" in game and "English" not in game for game in games), games
    assert any("English" in game and "express" not in game for game in games), games
    assert not any(game.endswith("· express") for game in games)
