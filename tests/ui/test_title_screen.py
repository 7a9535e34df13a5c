"""The title screen comes up before the story is read, then fills in what it learns from it."""

from __future__ import annotations

from game.settings import Settings
from game.ui.app import SafeCityApp
from tests.conftest import write_files
from tests.ui.reading import shown_text
from tests.ui.test_play_screen import TUTORIAL, new_app, run

STORY = """
scenario: {id: edited, title: Before the edit, start: a}
scenes:
  a:
    text: The scene as it was when the title screen read it.
    choices: [{id: go, text: Go on, goto: b}]
  b: {ending: {title: End}, text: Over.}
"""


async def story_read(pilot):
    """Wait for the title screen's background read of the story, then for the menu to redraw."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_the_title_names_the_story_and_its_save_once_it_is_read():
    run(new_app(), lambda pilot: pilot.press("1"))      # leaves an autosave at turn 1
    app = SafeCityApp(TUTORIAL, settings=Settings())

    async def script(pilot):
        await story_read(pilot)
        shown = shown_text(app)
        await pilot.press("enter")                       # Resume is highlighted when there is a save
        await pilot.pause()
        return shown, type(app.screen).__name__

    shown, screen = run(app, script)
    assert "Scenario: The Camera Question" in shown and "Resume game  (turn 1" in shown
    assert screen == "PlayScreen"


def slow_story(app, seconds: float = 0.6):
    """The story takes `seconds` to read, as on a slow school computer."""
    import time

    peek = app.peek_scenario

    def slow(path=None):
        time.sleep(seconds)
        return peek(path)

    app.peek_scenario = slow
    return app


def test_an_early_enter_chooses_nothing_and_resume_is_the_default_once_a_save_is_known():
    run(new_app(), lambda pilot: pilot.press("1"))      # leaves an autosave at turn 1
    app = slow_story(SafeCityApp(TUTORIAL, seed=1, settings=Settings()))

    async def script(pilot):
        await pilot.press("enter")                       # while the story is read: nothing is the default
        await pilot.pause()
        early = type(app.screen).__name__, app.session
        await story_read(pilot)
        menu = app.screen.query_one("#menu")
        default = menu.get_option_at_index(menu.highlighted).id
        await pilot.press("enter")
        await pilot.pause()
        return early, default, type(app.screen).__name__, app.session.state.turn

    early, default, screen, turn = run(app, script)
    assert early == ("TitleScreen", None)
    assert default == "continue" and screen == "PlayScreen" and turn == 1


def test_without_a_save_new_game_is_the_default_once_the_story_is_read():
    app = slow_story(SafeCityApp(TUTORIAL, seed=1, settings=Settings()))

    async def script(pilot):
        await pilot.press("enter")
        await pilot.pause()
        early = app.session
        await story_read(pilot)
        await pilot.press("enter")                       # New game
        await pilot.pause()
        await pilot.press("1")                           # the full game, by its number
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        return early, type(app.screen).__name__, app.session.state.scene

    assert run(app, script) == (None, "PlayScreen", "arrival")


def test_every_option_of_the_title_menu_is_numbered_and_taken_by_its_number():
    app = SafeCityApp(TUTORIAL, seed=1, settings=Settings())

    async def script(pilot):
        await story_read(pilot)
        menu = app.screen.query_one("#menu")
        prompts = [menu.get_option_at_index(i).prompt.plain for i in range(menu.option_count)]
        await pilot.press("7")                           # Settings
        await pilot.pause()
        return prompts, type(app.screen).__name__

    prompts, screen = run(app, script)
    assert [p.split(".")[0] for p in prompts] == [str(n) for n in range(1, len(prompts) + 1)]
    assert prompts[6] == "7. Settings" and screen == "SettingsScreen"


def test_a_story_edited_while_the_title_is_shown_starts_as_edited(tmp_path):
    folder = write_files(tmp_path / "edited", {"scenario.yaml": STORY})
    app = SafeCityApp(folder, seed=1, settings=Settings())

    async def script(pilot):
        await story_read(pilot)
        before = shown_text(app)
        (folder / "scenario.yaml").write_text(STORY.replace("as it was when", "as it became after"))
        await pilot.press("enter")
        await pilot.pause()
        return before, shown_text(app)

    before, playing = run(app, script)
    assert "Scenario: Before the edit" in before
    assert "as it became after" in playing


def test_choosing_french_on_the_title_screen_changes_the_program_words_at_once():
    app = SafeCityApp(TUTORIAL, seed=1, settings=Settings())

    async def script(pilot):
        await story_read(pilot)
        menu = app.screen.query_one("#menu")
        menu.highlighted = [o.id for o in menu.options].index("language")
        await pilot.press("enter")
        await pilot.pause()
        title = shown_text(app)
        menu.highlighted = 0
        await pilot.press("enter", "enter")              # New game, the full game
        await pilot.pause()
        return title, shown_text(app)

    try:
        title, playing = run(app, script)
    finally:
        from game.i18n import set_language
        set_language("en")
    assert "Nouvelle partie" in title and "Quitter" in title and "Langue : fr" in title
    assert "Annuler" in playing and "Jauges" in playing      # key bar and panels
    assert "Tour 1" in playing                                 # and the story's own French text follows


def test_an_include_that_is_not_yaml_is_watched_too(tmp_path):
    story = STORY.replace("scenes:\n  a:\n    text: The scene as it was when the title screen read it.\n", "includes: [parts.txt]\nscenes:\n  a:\n    text: placeholder\n")
    folder = write_files(tmp_path / "edited", {
        "scenario.yaml": "scenario: {id: edited, title: Before the edit, start: a, includes: [parts.txt]}\n",
        "parts.txt": STORY.split("\n", 2)[2].replace("scenario: {id: edited, title: Before the edit, start: a}\n", ""),
    })
    app = SafeCityApp(folder, seed=1, settings=Settings())

    async def script(pilot):
        await story_read(pilot)
        part = folder / "parts.txt"
        part.write_text(part.read_text().replace("as it was when", "as it became after"))
        await pilot.press("enter")
        await pilot.pause()
        return shown_text(app)

    assert "as it became after" in run(app, script)


def test_the_title_screen_shows_the_stories_content_warning_before_play():
    from game.paths import shipped_scenarios

    app = SafeCityApp(shipped_scenarios()["safe-city"], settings=Settings())

    async def script(pilot):
        await story_read(pilot)
        return shown_text(app)

    shown = run(app, script)
    assert "Content warning: The story mentions a real terrorist attack" in shown
    tutorial = SafeCityApp(TUTORIAL, settings=Settings())

    async def quiet(pilot):
        await story_read(pilot)
        return shown_text(tutorial)

    assert "Content warning" not in run(tutorial, quiet)


def test_after_choosing_a_scenario_its_default_is_highlighted_and_enter_starts_it():
    app = SafeCityApp(TUTORIAL, seed=1, settings=Settings())

    async def script(pilot):
        await story_read(pilot)
        await pilot.press("5")                           # Choose a scenario
        await pilot.pause()
        chooser = app.screen
        names = list(chooser.shipped)
        await pilot.press(str(names.index("safe-city") + 1))
        await story_read(pilot)
        menu = app.screen.query_one("#menu")
        default = menu.get_option_at_index(menu.highlighted).id if menu.highlighted is not None else None
        await pilot.press("enter")
        await pilot.pause()
        return type(chooser).__name__, default, type(app.screen).__name__

    chooser, default, after = run(app, script)
    assert chooser == "ScenarioScreen"
    assert default == "new"
    assert after == "VariantScreen"                       # Safe City asks full game or express


def test_in_french_the_chooser_and_the_variants_speak_french():
    from game.i18n import set_language

    app = SafeCityApp(TUTORIAL, seed=1, language="fr", settings=Settings())

    async def script(pilot):
        await story_read(pilot)
        await pilot.press("5")
        await pilot.pause()
        chooser = shown_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("1")                           # Nouvelle partie: the tutorial has an express variant
        await pilot.pause()
        return chooser, shown_text(app)

    set_language("fr")
    try:
        chooser, variants = run(app, script)
    finally:
        set_language("en")
    assert "La question des caméras" in chooser and "The Camera Question" not in chooser
    assert "Partie express (15 minutes)" in variants and "Express (15 minutes)" not in variants.replace("Partie e", "")
    assert not any(line.strip().startswith((":", "»")) for line in chooser.splitlines())


def test_in_a_short_narrow_window_the_menu_and_the_warning_stay_in_view():
    from game.paths import default_scenario

    app = SafeCityApp(default_scenario(), seed=1, settings=Settings())

    async def script(pilot):
        await story_read(pilot)
        await pilot.pause()
        small = shown_text(app)
        await pilot.resize_terminal(100, 32)
        await pilot.pause()
        await pilot.pause()
        return small, shown_text(app)

    small, large = run(app, script, size=(60, 20))
    for option in ("1. New game", "9. Quit"):
        assert option in small, small
    assert "Content warning:" in small and "Content warning: The story mentions a real terrorist attack" in small
    assert max(len(line) for line in small.splitlines()) <= 60
    assert "|___/" in large and "|___/" not in small          # the logo comes back when there is room


def test_a_scenario_chosen_in_french_is_played_in_french():
    from game.i18n import set_language
    from game.paths import default_scenario

    app = SafeCityApp(default_scenario(), seed=1, language="fr", settings=Settings())

    async def script(pilot):
        await story_read(pilot)
        await pilot.press("5")
        await pilot.pause()
        names = list(app.screen.shipped)
        await pilot.press(str(names.index("tutorial") + 1))
        await story_read(pilot)
        return shown_text(app)

    set_language("fr")
    try:
        shown = " ".join(run(app, script).replace("\u00a0", " ").split())
    finally:
        set_language("en")
    assert "Scénario : La question des caméras" in shown and "Langue : français" in shown


def test_resume_offers_the_latest_game_of_another_shipped_story_by_its_name():
    """A tutorial game left unfinished: `safecity` (Safe City's title) offers to resume it, named."""
    from game.paths import default_scenario

    run(new_app(), lambda pilot: pilot.press("1"))      # a tutorial game, saved at turn 1
    app = SafeCityApp(default_scenario(), settings=Settings())

    async def script(pilot):
        await story_read(pilot)
        menu = app.screen.query_one("#menu")
        option = menu.get_option_at_index(1)
        default = menu.get_option_at_index(menu.highlighted).id
        await pilot.press("enter")
        await pilot.pause()
        return str(option.prompt), option.disabled, default, app.session.scenario.id

    resume, disabled, default, playing = run(app, script)
    assert "Resume game" in resume and "“The Camera Question”, turn 1" in resume and not disabled
    assert default == "continue" and playing == "tutorial"
