"""Keys faster than the screen, and pasted text: nothing a player types or pastes may crash the game.

The events are fed as a terminal sends them: raw bytes through Textual's own parser, all
posted at once (a key held down, a paste into a terminal with or without bracketed paste),
so keys are still queued for the play screen when it is switched away for the ending.
"""

from __future__ import annotations

import random

from textual import events
from textual._xterm_parser import XTermParser

from tests.ui.test_play_screen import new_app, run
from tests.ui.test_screens import TO_THE_END

PASTE = ("1234" * 50 + "\x1b" + "\x1b[2J" + "q" + "\x1b[A\x1b[B\r" + "9" * 40 + "\x1bO") * 25   # about 10 KB


def feed(app, data: str) -> None:
    """Post the events a terminal would send for `data`, without waiting for any of them."""
    parser = XTermParser()
    for event in [*parser.feed(data), *parser.feed("")]:
        if isinstance(event, (events.Key, events.Paste)):
            app.post_message(event)


async def settle(pilot) -> None:
    """Wait until every posted key has been handled (nothing changes for a few pauses)."""
    app, quiet, last = pilot.app, 0, None
    for _ in range(400):
        await pilot.pause()
        now = (len(app.screen_stack), type(app.screen).__name__, app.session and tuple(app.session.state.path))
        quiet = quiet + 1 if now == last and not app._message_queue.qsize() else 0
        if quiet >= 5 or app.return_code is not None:
            return
        last = now


def test_a_key_held_down_plays_to_the_end_without_a_crash():
    app = new_app()

    async def script(pilot):
        for choice in TO_THE_END[:-1]:
            app.screen.take(choice)
        await pilot.pause()
        feed(app, "1" * 200)      # the first one ends the game: 199 keys are queued behind the switch
        await settle(pilot)
        return type(app.screen).__name__, app.session.ended

    assert run(app, script) == ("EndingScreen", True)


def test_digits_escape_and_other_keys_interleaved_never_crash():
    for seed in range(4):
        app = new_app(seed=seed)
        keys = random.Random(seed).choices(["1", "2", "3", "4", "\x1b", "u", "f", "g", "j", "h", "\r", "\x1b[B"],
                                           k=300)

        async def script(pilot, keys=keys):
            feed(app, "".join(keys) + "q")
            await settle(pilot)

        run(app, script)   # run_test raises whatever the app raised


def test_a_bracketed_paste_takes_no_choice():
    app = new_app()

    async def script(pilot):
        before = list(app.session.state.path)
        feed(app, "\x1b[200~" + "1234567890\r" * 1000 + "\x1b[201~")     # 11 KB of digits and Enter
        await settle(pilot)
        return type(app.screen).__name__, before, list(app.session.state.path)

    screen, before, after = run(app, script)
    assert screen == "PlayScreen" and after == before


def test_a_bracketed_paste_with_escapes_never_crashes():
    # Textual's parser gives an escape sequence inside a paste as keys too (the "q" in it quits).
    app = new_app()

    async def script(pilot):
        feed(app, "\x1b[200~" + PASTE + "\x1b[201~")
        await settle(pilot)

    run(app, script)


def test_a_raw_paste_full_of_escapes_never_crashes():
    app = new_app()

    async def script(pilot):
        feed(app, PASTE)     # a terminal without bracketed paste sends it as keys
        await settle(pilot)

    run(app, script)


def test_the_play_screen_ignores_a_refresh_after_it_was_switched_away():
    app = new_app()

    async def script(pilot):
        play = app.screen
        app.show_title()
        await pilot.pause()
        play.refresh_view("late")          # a timer or a queued key after the switch
        play.action_pick(1)
        play.action_undo()
        await pilot.pause()
        return type(app.screen).__name__

    assert run(app, script) == "TitleScreen"


def test_keys_on_the_title_screen_before_the_story_is_read_never_crash():
    from game.settings import Settings
    from game.ui.app import SafeCityApp
    from tests.ui.test_play_screen import TUTORIAL

    for keys in ["\r", "\r1111", "\x1b[B\x1b[B\r\x1b\r", "\r" + "1" * 50 + "\x1b" * 5]:
        app = SafeCityApp(TUTORIAL, seed=1, settings=Settings())

        async def script(pilot, keys=keys):
            feed(app, keys)      # the title screen reads the story in a thread meanwhile
            await settle(pilot)
            await app.workers.wait_for_complete()
            await settle(pilot)

        run(app, script)
