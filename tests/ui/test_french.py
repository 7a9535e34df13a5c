"""With French chosen (by --lang, or by the computer's LANG when no language is given) every word
the game itself shows is French: the palette and its commands, the key bar, the quotation marks,
the language's name on the title."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from game.i18n import set_language, system_language
from game.settings import Settings
from game.ui.app import SafeCityApp
from game.ui.widgets.story_view import StoryView
from tests.ui.reading import shown_text
from tests.ui.test_play_screen import TUTORIAL, run


@pytest.fixture
def french():
    set_language("fr")
    yield
    set_language("en")


@pytest.mark.parametrize("variables,expected", [
    ({"LANG": "fr_FR.UTF-8"}, "fr"), ({"LC_ALL": "fr_CA", "LANG": "en_GB.UTF-8"}, "fr"),
    ({"LANG": "C"}, None), ({"LANG": "de_DE.UTF-8"}, None), ({}, None),
])
def test_the_computers_language_is_read_from_lc_all_then_lang(variables, expected, monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert system_language() == expected


def test_without_lang_the_plain_game_speaks_the_computers_language(tmp_path):
    env = {**os.environ, "LANG": "fr_FR.UTF-8", "SAFECITY_HOME": str(tmp_path)}
    env.pop("LC_ALL", None)
    played = subprocess.run([sys.executable, "-m", "game", "play", str(TUTORIAL), "--plain", "--seed", "1"],
                            input="q\n", capture_output=True, text=True, env=env)
    assert "La question des caméras" in played.stdout and "Tour 1 · janvier 2024" in played.stdout


def test_the_palette_and_its_commands_the_key_bar_and_the_quotes_are_french(french):
    app = SafeCityApp(TUTORIAL, seed=1, skip_title=True, language="fr", settings=Settings())

    async def script(pilot):
        headline = shown_text(app).splitlines()[0]
        await pilot.press("1")
        await pilot.pause()
        play = headline + "\n" + app.screen.query_one(StoryView).content.plain + shown_text(app)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        palette = shown_text(app)
        return play, palette

    play, palette = run(app, script, size=(100, 40))
    assert "«\u00a0" in play and "\u00a0»" in play and "“" not in play    # headline and spoken lines
    assert "^p commandes" in play and "Quitter" in play
    assert "Chercher une commande…" in palette
    for english in ("Search for commands", "Change the current theme", "Quit the application", "Screenshot", "Keys"):
        assert english not in palette
    assert "Thème" in palette


def french_title() -> str:
    """The title screen in French once the story is read, its words on one line."""
    app = SafeCityApp(TUTORIAL, language="fr", settings=Settings())

    async def script(pilot):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        return shown_text(app)

    return " ".join(run(app, script).replace("\u00a0", " ").split())


def test_the_title_names_the_language_in_words(french):
    shown = french_title()
    assert "Langue : français" in shown and "Language: fr" not in shown
    assert "Scénario : La question des caméras" in shown


def test_the_title_offers_the_saved_game_in_french(french):
    from tests.ui.test_play_screen import new_app

    run(new_app(), lambda pilot: pilot.press("1"))      # leaves an autosave at turn 1
    shown = french_title()
    assert "Reprendre la partie (tour 1, sauvegardée aujourd'hui" in shown   # « aujourd'hui à 16:54 »
    assert "turn" not in shown and "saved" not in shown


def test_key_names_are_the_french_keyboards_own(french):
    """Échap, PgPréc/PgSuiv: the key bar and the help name keys as a French keyboard prints them."""
    app = SafeCityApp(TUTORIAL, seed=1, skip_title=True, language="fr", settings=Settings())

    async def script(pilot):
        await pilot.press("g")
        await pilot.pause()
        glossary = shown_text(app).splitlines()[-1]
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        return glossary, shown_text(app)

    glossary, help_screen = run(app, script, size=(100, 60))
    assert "Échap Retour" in glossary and "esc" not in glossary.lower().split()
    assert "Échap" in help_screen and "PgPréc / PgSuiv" in help_screen
    assert "PgUp" not in help_screen and "Esc" not in help_screen


@pytest.mark.parametrize("words", [["--lang", "fr"], ["--lang", "fr", "play", "tutorial"]])
def test_lang_before_the_command_speaks_french_too(words, tmp_path):
    """`safecity --lang fr` (the title, or plain lines when not in a terminal) as `safecity play --lang fr`."""
    env = {**os.environ, "SAFECITY_HOME": str(tmp_path), "LANG": "C"}
    env.pop("LC_ALL", None)
    played = subprocess.run([sys.executable, "-m", "game", *words], input="q\n", capture_output=True, text=True,
                            env=env, timeout=60)
    assert played.returncode == 0, played.stderr
    assert "Tour 1" in played.stdout and "Turn 1" not in played.stdout


def test_the_plain_games_lists_use_the_french_semicolon(tmp_path):
    env = {**os.environ, "SAFECITY_HOME": str(tmp_path)}
    played = subprocess.run([sys.executable, "-m", "game", "play", str(TUTORIAL), "--plain", "--seed", "7",
                             "--lang", "fr"], input="1\nq\n", capture_output=True, text=True, env=env, timeout=60)
    learn_more = next(line for line in played.stdout.splitlines()
                      if line.startswith("En savoir plus") and "[f2]" in line)
    assert "\u00a0; [f2]" in learn_more and "; " not in learn_more.replace("\u00a0; ", "")
