"""Every screen around the game: opened with its key, showing what it promises, closed with Escape."""

from __future__ import annotations

import json

import pytest

from textual.widgets import Checkbox, Select

from game.i18n import set_language
from game.settings import Settings
from game.ui.app import SafeCityApp
from tests.ui.reading import shown_text
from tests.ui.test_play_screen import TUTORIAL, new_app, run

TO_THE_END = "continue,patrols,intercom,smaller,estate_cameras,continue,continue".split(",")


async def choose(pilot, *choice_ids):
    for choice in choice_ids:
        pilot.app.screen.take(choice)
        await pilot.pause()
    await pilot.pause()


def test_journal_lists_decisions_with_their_effects():
    app = new_app()

    async def script(pilot):
        await choose(pilot, "continue", "smart_cameras")
        await pilot.press("j")
        await pilot.pause()
        shown = shown_text(app)
        assert type(app.screen).__name__ == "JournalScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "PlayScreen"
        return shown

    shown = run(app, script)
    assert "Town budget 300 → 150" in shown
    assert "ledger" in shown.lower()


def test_facts_show_cards_with_their_sources():
    app = new_app()

    async def script(pilot):
        await choose(pilot, "continue", "smart_cameras")
        await pilot.press("f")
        await pilot.pause()
        listing = shown_text(app)
        await pilot.press("enter")
        await pilot.pause()
        card = shown_text(app)
        name = type(app.screen).__name__
        await pilot.press("escape", "escape")
        await pilot.pause()
        return listing, card, name, type(app.screen).__name__

    listing, card, name, back = run(app, script)
    assert "(this scene)" in listing
    assert name == "FactCardScreen" and "Source:" in card
    assert back == "PlayScreen"


def test_glossary_opens_on_a_term_and_shows_its_definition():
    app = new_app()

    async def script(pilot):
        app.show_glossary("cnil")
        await pilot.pause()
        return shown_text(app), type(app.screen).__name__

    shown, name = run(app, script)
    assert name == "GlossaryScreen"
    assert "CNIL" in shown and "data" in shown.lower()


def test_help_lists_every_key():
    app = new_app()

    async def script(pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        return shown_text(app), type(app.screen).__name__

    shown, name = run(app, script, size=(100, 60))
    assert name == "HelpScreen"
    for words in ("undo", "journal", "glossary", "quit", "--plain", "what if"):
        assert words in shown.lower(), words


def test_settings_apply_and_are_saved_at_once_and_esc_keeps_them():
    app = SafeCityApp(TUTORIAL, seed=1, skip_title=True, settings=Settings())

    async def script(pilot):
        await pilot.press("1")                # Continue, to the market decision
        await pilot.pause()
        before = shown_text(app)
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#theme", Select).value = "high-contrast"
        await pilot.pause()
        applied = app.theme, json.loads(Settings.path().read_text())["theme"]   # before leaving the screen
        screen.query_one("#show_effects", Checkbox).value = True
        await pilot.pause()
        await pilot.press("escape")           # back: nothing to save, nothing lost
        await pilot.pause()
        return before, applied, app.theme, app.settings.show_effects, shown_text(app)

    before, applied, theme, show_effects, shown = run(app, script, size=(100, 60))
    assert applied == ("safecity-high-contrast", "high-contrast")
    assert theme == "safecity-high-contrast" and show_effects is True
    # Effects are hidden by default (a dilemma, not a sum); the setting shows them under each choice.
    assert "→ " not in before, [line for line in before.splitlines() if "→" in line]
    assert "→ " in shown
    saved = json.loads(Settings.path().read_text())
    assert saved["theme"] == "high-contrast" and saved["show_effects"] is True


def test_the_palette_theme_command_changes_the_setting_the_settings_screen_shows():
    app = new_app()

    async def script(pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"theme")
        await pilot.pause(0.3)
        await pilot.press("enter")            # the "Theme" command: the game's own themes
        await pilot.pause(0.3)
        await pilot.press(*"light")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press("s")
        await pilot.pause()
        return app.theme, app.screen.query_one("#theme", Select).value, json.loads(Settings.path().read_text())

    theme, shown, saved = run(app, script)
    assert theme == "textual-light" and shown == "light" and saved["theme"] == "light"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_whole_settings_screen_is_visible_at_80x24(language):
    app = new_app(language=language) if language == "fr" else new_app()

    async def script(pilot):
        await pilot.press("s")
        await pilot.pause()
        box = app.screen.query_one("#settings")
        last = app.screen.query_one("#language", Select)
        return box.max_scroll_y, last.region.bottom <= 23, shown_text(app)

    try:
        scroll, fits, shown = run(app, script, size=(80, 24))
    finally:
        from game.i18n import set_language
        set_language("en")
    assert scroll == 0 and fits, shown


def parts_of_the_debrief(app) -> dict[str, str]:
    """The words of each part of the debrief screen, read from its widgets."""
    from textual.widgets import Static, TabPane

    return {pane.id: "\n".join(str(w.render()) for w in pane.query(Static)) for pane in app.screen.query(TabPane)}


def test_the_ending_then_its_debrief_screen_part_by_part_then_play_again():
    app = new_app()

    async def script(pilot):
        await choose(pilot, *TO_THE_END)
        assert type(app.screen).__name__ == "EndingScreen"
        ending = shown_text(app)
        await pilot.press("d")
        await pilot.pause()
        debrief = type(app.screen).__name__
        parts = parts_of_the_debrief(app)
        shown = {}
        for key, part in (("4", "questions"), ("2", "term"), ("3", "reality"), ("1", "ledger")):
            await pilot.press(key)
            await pilot.pause()
            shown[part] = app.screen.query_one("TabbedContent").active
        await pilot.press("escape")
        await pilot.pause()
        back = type(app.screen).__name__
        await pilot.press("n")
        await pilot.pause()
        return ending, debrief, parts, shown, back, type(app.screen).__name__, app.session.state

    ending, debrief, parts, shown, back, after, state = run(app, script, size=(80, 24))
    assert "Time to Hand Over" in ending and "Your ledger" not in ending and "Debrief (d)" in ending
    assert debrief == "DebriefScreen" and shown == {p: p for p in shown}
    assert "Foot patrols" in parts["ledger"]
    assert "the game ends at 20" in parts["term"] and "(turns)" in parts["term"]
    assert parts["reality"].strip() and "Source:" in parts["reality"]
    # The tutorial's own discussion questions (classroom.discussion), not the six general ones.
    assert "Which decision was the hardest?" in parts["questions"] and "How do you feel" not in parts["questions"]
    assert back == "EndingScreen"
    assert after == "PlayScreen" and not state.ended and state.history == ()


def test_what_if_goes_back_to_an_earlier_decision():
    app = new_app()

    async def script(pilot):
        await choose(pilot, *TO_THE_END)
        await pilot.press("w")
        await pilot.pause()
        name = type(app.screen).__name__
        await pilot.press("home", "enter")   # the first decision
        await pilot.pause()
        await pilot.pause()
        return name, type(app.screen).__name__, app.session.state

    name, after, state = run(app, script)
    assert name == "WhatIfScreen"
    assert after == "PlayScreen" and state.scene == "market" and state.history == ()


def test_what_if_names_every_decision_even_one_whose_scene_has_no_headline():
    app = new_app()

    async def script(pilot):
        await choose(pilot, *TO_THE_END)
        await pilot.press("w")
        await pilot.pause()
        return app.screen.decisions, shown_text(app)

    decisions, shown = run(app, script, size=(100, 40))
    assert decisions and all(d.heading for d in decisions)
    # The market scene has no headline: its first sentence names it, shortened, never its id.
    assert "Every Saturday, the market fills Place de la Halle." in shown
    assert "market" not in [d.heading for d in decisions]


def test_the_command_palette_offers_the_game_commands():
    app = new_app()

    async def script(pilot):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        await pilot.press("ctrl+p")
        await pilot.pause()
        return titles, type(app.screen).__name__

    titles, name = run(app, script)
    assert {"Undo the last choice", "Journal", "Facts", "Glossary", "Settings", "Help"} <= set(titles)
    assert name == "CommandPalette"


def test_a_broken_story_is_reported_in_the_app_not_a_crash(tmp_path):
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "scenario.yaml").write_text("scenario: {id: bad, title: Bad, start: nowhere}\n")
    app = SafeCityApp(tmp_path / "bad", skip_title=True, settings=Settings())

    async def script(pilot):
        await pilot.pause()
        return app.error

    error = run(app, script)
    assert "SC307" in error and "nowhere" in error
    assert app.return_code == 1   # the command line prints the error and exits 1


def test_a_language_chosen_in_the_settings_changes_the_program_words_at_once():
    app = new_app()

    async def script(pilot):
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#language", Select).value = "fr"
        await pilot.pause()
        shown = shown_text(app)              # at once, on the settings screen itself
        await pilot.press("escape")
        await pilot.pause()
        return shown + shown_text(app)

    try:
        shown = run(app, script)
    finally:
        from game.i18n import set_language
        set_language("en")
    assert "Annuler" in shown and "Jauges" in shown and "Quitter" in shown


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_glossary_numbers_go_on_choosing_after_the_first(lang):
    """A number shows a term's definition and moves the focus to it; the next numbers must still choose."""
    set_language(lang)
    app = SafeCityApp(TUTORIAL, seed=1, skip_title=True, language=lang, settings=Settings())

    async def script(pilot):
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        terms = [entry.term for entry in screen.entries]
        shown = []
        for key in ("4", "2", "3"):
            await pilot.press(key)
            await pilot.pause()
            shown.append((str(screen.query_one("#definition-term").render()), shown_text(app)))
        return terms, shown

    try:
        terms, shown = run(app, script)
    finally:
        set_language("en")
    assert len(terms) >= 4
    for (term, screen_text), number in zip(shown, (4, 2, 3)):
        assert term == terms[number - 1]
        assert "1-9" in screen_text.splitlines()[-1]   # the key bar still says the numbers choose


def test_a_journal_heading_that_wraps_goes_on_under_its_text():
    app = new_app()

    async def script(pilot):
        await choose(pilot, "continue", "smart_cameras")
        await pilot.press("j")
        await pilot.pause()
        return shown_text(app)

    shown = run(app, script, size=(70, 30)).splitlines()
    first = next(i for i, line in enumerate(shown) if "1. Turn 1" in line)
    text_starts = shown[first].index("Turn 1")
    follow = shown[first + 1]
    assert follow[text_starts - 3:text_starts].strip(" █") == ""       # no word under the number
    assert follow[text_starts:].strip() and not follow[text_starts].isspace()
