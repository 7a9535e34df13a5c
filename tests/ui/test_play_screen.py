"""The terminal game driven as a player would: keys, undo, quitting and continuing, resizing."""

from __future__ import annotations

import asyncio
import json
import random

import pytest
from rich.cells import cell_len
from textual import events

from game.paths import shipped_scenarios
from game.settings import Settings
from game.ui.app import SafeCityApp
from game.ui.widgets.story_view import StoryView
from tests.conftest import write_files
from tests.ui.reading import shown_text

TUTORIAL = shipped_scenarios()["tutorial"]


def run(app: SafeCityApp, script, size=(80, 24), notifications: bool = False):
    """Run `script(pilot)` against the app headless, returning what it returns (with `notifications`,
    the app shows its notices as a terminal would: Textual's test runs hide them by default)."""

    async def main():
        async with app.run_test(size=size, notifications=notifications) as pilot:
            await pilot.pause()
            return await script(pilot)

    return asyncio.run(main())


def new_app(**kwargs) -> SafeCityApp:
    kwargs.setdefault("seed", 1)
    kwargs.setdefault("skip_title", True)
    return SafeCityApp(TUTORIAL, settings=Settings(), **kwargs)


def test_a_new_game_shows_the_first_scene_with_meters_and_choices():
    app = new_app()

    async def script(pilot):
        shown = shown_text(app)
        assert type(app.screen).__name__ == "PlayScreen"
        assert "Turn 1" in shown and "January 2024" in shown
        assert "Town budget" in shown and "300" in shown
        assert "1. Continue" in shown

    run(app, script)


def test_numbers_choose_and_the_meters_show_the_change():
    app = new_app()

    async def script(pilot):
        await pilot.press("1")  # continue
        await pilot.pause()
        assert app.session.state.scene == "market"
        await pilot.press("2")
        await pilot.pause()
        shown = shown_text(app)
        assert app.session.state.history[-1]["choice"] == "smart_cameras"
        assert "▼−150" in shown  # the change in words and arrow, not colour alone

    run(app, script)


def test_arrows_and_enter_choose_too():
    app = new_app()

    async def script(pilot):
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        return list(app.session.state.path)

    assert run(app, script) == ["continue", "smart_cameras"]


@pytest.mark.parametrize("how", ["number", "click", "number then arrows"])
def test_a_locked_choice_moves_nothing_and_enter_takes_the_highlighted_one(how):
    """Seed 7, the school scene: choice 2 is locked. With choice 4 highlighted, pressing 2 (or
    clicking it) says why it is locked; the highlight stays on 4 and Enter takes choice 4."""
    app = new_app(seed=7)

    async def script(pilot):
        await _press(pilot, "1", "1")                  # continue, then six ordinary cameras
        choices = app.session.view().choices
        assert [c.available for c in choices] == [True, False, True, True]
        story = app.screen.query_one(StoryView)
        await _press(pilot, "down", "down")            # the locked one is skipped: on choice 4
        assert story.highlighted == 3
        before = app.session.state
        if how == "click":
            column, row = _row_of(app, "(locked)")
            await pilot.click(offset=(column + 2, row))
        else:
            await _press(pilot, "2")
        await pilot.pause()
        note = story.content.plain
        unchanged = app.session.state is before and story.highlighted == 3
        if how == "number then arrows":
            await _press(pilot, "up", "down")
        await _press(pilot, "enter")
        return unchanged, note, app.session.state.path[-1]

    unchanged, note, taken = run(app, script)
    assert unchanged
    assert note.startswith("→ That choice is locked: You have no impact assessment")
    assert taken == "intercom"


def test_undo_goes_back_and_the_autosave_follows(tmp_path):
    app = new_app()

    async def script(pilot):
        await pilot.press("1", "2")
        await pilot.pause()
        assert app.session.state.scene != "market"
        await pilot.press("u")
        await pilot.pause()
        return app.session.state.scene, app.session.save_path

    scene, save = run(app, script)
    assert scene == "market"
    assert json.loads(save.read_text())["state"]["scene"] == "market"


def test_quit_loses_nothing_and_continue_resumes():
    first = new_app()

    async def play_and_quit(pilot):
        await pilot.press("1", "2")
        await pilot.pause()
        path = list(first.session.state.path)
        await pilot.press("q")
        return path

    path = run(first, play_and_quit)
    second = SafeCityApp(TUTORIAL, resume=True, settings=Settings())

    async def check(pilot):
        assert type(second.screen).__name__ == "PlayScreen"
        return list(second.session.state.path)

    assert run(second, check) == path


@pytest.mark.parametrize("chosen", [None, "en"])
def test_a_game_continued_speaks_its_own_language_unless_the_player_chose_one(chosen):
    from game.i18n import set_language

    first = SafeCityApp(TUTORIAL, seed=1, language="fr", skip_title=True, settings=Settings())
    run(first, lambda pilot: _press(pilot, "1"))
    set_language("en")          # what `safecity play --continue` sets with no --lang and no setting
    try:
        second = SafeCityApp(TUTORIAL, resume=True, settings=Settings(language=chosen))

        async def check(pilot):
            await pilot.pause()
            continued = shown_text(second)
            second.new_game()           # a new game in the story's own language (English)
            await pilot.pause()
            return continued, shown_text(second)

        shown, new = run(second, check)
    finally:
        set_language("en")
    if chosen is None:
        assert "Tour 1" in shown and "Quitter" in shown and "Turn 1" not in shown
    else:
        assert "Turn 1" in shown and "Quit" in shown
    assert "Turn 1" in new and "Quit" in new and "Quitter" not in new   # the save lent its words only to itself


def test_the_title_screen_offers_continue_after_a_game():
    run(new_app(), lambda pilot: _press(pilot, "1"))
    app = SafeCityApp(TUTORIAL, settings=Settings())

    async def script(pilot):
        shown = shown_text(app)
        assert "New game" in shown and "Resume game" in shown and "turn 1" in shown
        await pilot.press("enter")  # Continue is highlighted when there is a save
        await pilot.pause()
        return type(app.screen).__name__

    assert run(app, script) == "PlayScreen"


async def _press(pilot, *keys):
    await pilot.press(*keys)
    await pilot.pause()


@pytest.mark.parametrize("size", [(40, 12), (60, 20), (120, 40), (200, 60)])
def test_any_size_works_and_resizing_does_not_crash(size):
    app = new_app()

    async def script(pilot):
        await pilot.press("1", "1")
        await pilot.pause()
        await pilot.resize_terminal(*size)
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        return app.session.state.scene

    assert run(app, script, size=size)


def test_key_mashing_never_crashes():
    app = new_app()
    keys = list("123456789ufgjsqh?") + ["up", "down", "enter", "escape", "tab", "space", "pageup", "pagedown"]
    keys.remove("q")
    rng = random.Random(5)

    async def script(pilot):
        for _ in range(150):
            await pilot.press(rng.choice(keys))
        await pilot.pause()
        return app.session.state

    assert run(app, script) is not None


STRESS = """
scenario: {id: stress, title: Stress, start: a}
meters:
%s
scenes:
  a:
    headline: "%s"
    text: |
%s
    choices:
%s
  end: {ending: {title: End}, text: Over.}
"""


def test_long_texts_many_choices_and_many_meters(tmp_path):
    meters = "\n".join(f"  m{i}: {{label: Meter number {i} with a long label, start: {i * 7 % 100}}}" for i in range(15))
    text = "\n".join("      " + "A very long sentence about surveillance and the city. " * 6 for _ in range(40))
    choices = "\n".join(f"      - {{id: c{i}, text: Choice {i} {'with a rather long text ' * 4}, goto: end}}"
                        for i in range(30))
    folder = write_files(tmp_path / "stress", {"scenario.yaml": STRESS % (meters, "H" * 300, text, choices)})
    app = SafeCityApp(folder, seed=1, skip_title=True, settings=Settings())

    async def script(pilot):
        for size in [(80, 24), (40, 12)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.press("end", "enter")
        await pilot.pause()
        return app.session.state.scene

    assert run(app, script) == "end"


def _row_of(app, needle: str) -> tuple[int, int]:
    """(column, row) on screen where `needle` is shown."""
    for row, line in enumerate(shown_text(app).splitlines()):
        if needle in line:
            return cell_len(line[:line.index(needle)]), row  # a wide character before it takes two columns
    raise AssertionError(f"{needle!r} is not on screen:\n{shown_text(app)}")


def test_a_click_on_a_choice_takes_it():
    app = new_app()

    async def script(pilot):
        await _press(pilot, "1")
        column, row = _row_of(app, "2. Buy Optivia")
        await pilot.click(offset=(column + 3, row))
        await pilot.pause()
        return list(app.session.state.path)

    assert run(app, script) == ["continue", "smart_cameras"]


def test_a_click_on_a_locked_choice_says_why_and_takes_nothing():
    app = new_app()

    async def script(pilot):
        await _press(pilot, "1", "1")
        column, row = _row_of(app, "(locked)")
        before = app.session.state
        await pilot.click(offset=(column + 2, row))
        await pilot.pause()
        return before is app.session.state, shown_text(app)

    unchanged, shown = run(app, script)
    assert unchanged and "→ That choice is locked: You have no impact" in shown


def test_a_long_scene_scrolls_with_page_keys_and_the_wheel_and_says_there_is_more():
    app = new_app()

    async def script(pilot):
        await _press(pilot, "1")
        story = app.screen.query_one("#story")
        first = shown_text(app)
        await _press(pilot, "pagedown")
        paged = shown_text(app), story.first_line
        await _press(pilot, "pageup")
        back = story.first_line
        # The mouse wheel over the text: the event a terminal's wheel sends, given to the pane under it.
        story.post_message(events.MouseScrollDown(story, 5, 2, 0, 1, 0, False, False, False))
        await pilot.pause()
        return first, paged, back, story.first_line

    first, (paged, paged_line), back, wheeled = run(app, script)
    assert "▼ more: PgDn" in first and "Every Saturday" in first
    assert paged_line > 0 and "Every Saturday" not in paged and "Karim Benali" in paged
    assert back == 0 and wheeled > 0


def test_a_fact_title_beside_the_meters_opens_its_card():
    app = new_app()

    async def script(pilot):
        await _press(pilot, "1")
        column, row = _row_of(app, "• About one case in a hundred")
        await pilot.click(offset=(column + 4, row))
        await pilot.pause()
        return type(app.screen).__name__, shown_text(app)

    screen, shown = run(app, script)
    assert screen == "FactCardScreen" and "About one case in a hundred" in shown


def test_a_new_scene_changes_no_widget_size():
    """Each pane keeps its place from scene to scene, so a key press costs one repaint, no layout."""
    app = new_app()

    async def script(pilot):
        def geometry():
            return {widget: widget.region for widget in app.screen.walk_children() if widget.display}

        await _press(pilot, "1")
        before = geometry()
        seen = {app.session.state.scene}
        for key in ["down", "1", "u", "2", "1", "3"]:
            await _press(pilot, key)
            seen.add(app.session.state.scene)
            assert geometry() == before, f"a widget moved or changed size after {key!r}"
        return seen

    assert len(run(app, script)) >= 3


GLOSSARY_STORY = """
scenario: {id: words, title: Words, start: a}
scenes:
  a:
    text: A letter from the [[CNIL]] arrives.
    choices: [{id: go, text: Go on, goto: b}]
  b: {ending: {title: End}, text: Over.}
glossary:
  CNIL: {term: CNIL, text: France's data-protection authority.}
"""


def test_a_glossary_term_in_the_scene_opens_its_definition_when_clicked(tmp_path):
    folder = write_files(tmp_path / "words", {"scenario.yaml": GLOSSARY_STORY})
    app = SafeCityApp(folder, seed=1, skip_title=True, settings=Settings())

    async def script(pilot):
        column, row = _row_of(app, "CNIL")
        await pilot.click(offset=(column + 1, row))
        await pilot.pause()
        return type(app.screen).__name__, shown_text(app)

    screen, shown = run(app, script)
    assert screen == "GlossaryScreen" and "data-protection authority" in shown


MANY = "scenario: {id: many, title: Many, start: a}\nscenes:\n  a:\n    text: Pick one.\n    choices:\n" + "".join(
    f"      - {{id: c{n}, text: Choice number {n}, goto: e{n}}}\n" for n in range(1, 13)) + "".join(
    f"  e{n}: {{ending: {{title: End {n}}}}}\n" for n in range(1, 13))


def test_with_more_choices_than_fit_the_mouse_takes_the_choice_it_points_at(tmp_path):
    app = SafeCityApp(write_files(tmp_path / "many", {"scenario.yaml": MANY}), seed=1, skip_title=True,
                      settings=Settings())

    async def script(pilot):
        await _press(pilot, "end")                       # the last choice: the list scrolls to it
        shown = shown_text(app)
        column, row = _row_of(app, "6. Choice number 6")
        await pilot.hover(offset=(column + 2, row))      # hovering highlights, and must not scroll
        await pilot.pause()
        await pilot.click(offset=(column + 2, row))
        await pilot.pause()
        return shown, list(app.session.state.path)

    shown, path = run(app, script, size=(60, 16))
    assert "more choices: ↑ ↓" in shown and "12. Choice number 12" in shown and "4. Choice number 4" not in shown
    assert path == ["c6"]


def test_a_new_theme_recolours_the_panes_at_once():
    app = new_app()

    async def script(pilot):
        story = app.screen.query_one("#story")
        before = list(story.render_line(0))[0].style.bgcolor
        app.theme = "textual-light"
        await pilot.pause()
        return before, list(story.render_line(0))[0].style.bgcolor

    before, after = run(app, script)
    assert before != after
