"""A class in the terminal screens: join with a code and a pseudonym, pre-quiz, the game, its ending,
post-quiz with explanations, closing; every step lands in the class's database; coming back resumes."""

from __future__ import annotations

import time
import uuid

import pytest

from game.classroom.records import ClassRecord
from game.classroom.store import open_store
from game.engine.runtime import choose, start
from game.engine.view import view
from game.paths import resolve_scenario
from game.session import load_for_play
from game.settings import Settings
from game.ui.app import SafeCityApp
from tests.ui.test_play_screen import run

SEED = 7


@pytest.fixture
def klass(tmp_path):
    url = f"sqlite:///{tmp_path / 'classes.sqlite'}"
    record = ClassRecord("K7M-QX4", "Test class", "tutorial", "tutorial", "The Camera Question", "", "en", SEED,
                         "pre,post", time.time())
    with open_store(url) as store:
        store.create_class(record)
    return url, record


def decisions(scenario) -> list[str]:
    """The keys that play the class's game to an end, always taking the first open choice."""
    state, keys = start(scenario, SEED), []
    while not state.ended:
        choices = view(scenario, state).choices
        index = next(i for i, c in enumerate(choices) if c.available)
        keys.append(str(index + 1))
        state = choose(scenario, state, choices[index].id)
    return keys


async def settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def answer_quiz(pilot, items):
    for item in items:
        await pilot.press("2" if item.kind == "case" else "1")
        if item.kind == "case":
            await pilot.press("6")
        await pilot.pause()


def test_a_student_goes_through_the_whole_class_in_the_screens(klass):
    url, record = klass
    scenario = load_for_play(resolve_scenario("tutorial"), None)
    app = SafeCityApp(None, settings=Settings(), join=(record.code, url))
    screens = []

    async def script(pilot):
        await settle(pilot)
        screens.append(type(app.screen).__name__)
        await pilot.click("#pseudonym")
        await pilot.press(*"Heron-42", "enter")
        await settle(pilot)
        screens.append(type(app.screen).__name__)
        form = "A" if app.joined.path.form_order == "AB" else "B"
        await answer_quiz(pilot, scenario.quiz[form])
        await settle(pilot)
        screens.append(type(app.screen).__name__)
        for key in decisions(scenario):
            await pilot.press(key)
            await pilot.pause()
        await settle(pilot)
        screens.append(type(app.screen).__name__)
        await pilot.press("c")
        await settle(pilot)
        screens.append(type(app.screen).__name__)
        other = "B" if form == "A" else "A"
        await answer_quiz(pilot, scenario.quiz[other])
        await settle(pilot)
        screens.append(type(app.screen).__name__)
        await pilot.press("c")
        await settle(pilot)
        screens.append(type(app.screen).__name__)
        return app.joined.participant_id if hasattr(app.joined, "participant_id") else app.joined.path.participant_id

    participant = run(app, script, size=(100, 30))
    assert screens == ["JoinScreen", "QuizScreen", "PlayScreen", "EndingScreen", "QuizScreen", "ExplanationsScreen",
                       "ClosingScreen"]
    with open_store(url) as store:
        events = store.events(record.code, participant)
        (student,) = store.participants(record.code)
    kinds = [e.kind for e in events]
    quiz = len(scenario.quiz["A"])
    assert student.pseudonym == "Heron-42"
    assert kinds[:quiz + 2] == ["joined"] + ["quiz_answer"] * quiz + ["quiz_done"]
    assert kinds[-(quiz + 2):] == ["quiz_answer"] * quiz + ["quiz_done", "finished"]
    assert "ending" in kinds and kinds.count("choice") >= 1
    assert [e.seq for e in events] == list(range(1, len(events) + 1))


def test_a_bad_code_or_a_taken_pseudonym_is_said_on_the_join_screen(klass):
    url, record = klass
    with open_store(url) as store:
        from game.classroom.records import Participant
        store.join(Participant(uuid.uuid4().hex, record.code, "Otter-7", "", time.time()))
    app = SafeCityApp(None, settings=Settings(), join=("", url))

    async def script(pilot):
        await settle(pilot)
        await pilot.click("#code")
        await pilot.press(*"ZZZZZZ", "enter")
        await pilot.press(*"Lynx-3", "enter")
        await settle(pilot)
        bad_code = str(app.screen.query_one("#join-problem").render())
        app.screen.query_one("#code").value = record.code
        app.screen.query_one("#pseudonym").value = "otter-7"
        await pilot.click("#join-button")
        await settle(pilot)
        taken = str(app.screen.query_one("#join-problem").render())
        app.screen.query_one("#pseudonym").value = "Marie Dupont"
        app.screen.query_one("#pseudonym").focus()
        await pilot.press("enter")
        await settle(pilot)
        name = str(app.screen.query_one("#join-problem").render())
        return bad_code, taken, name, type(app.screen).__name__

    bad_code, taken, name, screen = run(app, script, size=(100, 30))
    assert "not a class code" in bad_code
    assert "already taken" in taken
    assert "first and last name" in name
    assert screen == "JoinScreen"


def test_an_unreachable_database_is_said_and_the_game_still_plays(tmp_path):
    url = "postgresql://student@127.0.0.1:1/none"
    app = SafeCityApp(None, settings=Settings(), join=("K7M-QX4", url))

    async def script(pilot):
        await settle(pilot)
        await pilot.click("#pseudonym")
        await pilot.press(*"Heron-1", "enter")
        await settle(pilot)
        return str(app.screen.query_one("#join-problem").render()), type(app.screen).__name__

    problem, screen = run(app, script, size=(100, 30))
    assert "cannot be reached" in problem and "still plays" in problem and screen == "JoinScreen"


def test_practising_the_quiz_alone_ends_with_the_score_and_explanations():
    scenario = load_for_play(resolve_scenario("tutorial"), None)
    items = scenario.quiz["A"]
    app = SafeCityApp(None, settings=Settings(), practice=(resolve_scenario("tutorial"), "A", None))

    async def script(pilot):
        await settle(pilot)
        first = type(app.screen).__name__
        await answer_quiz(pilot, items)
        await settle(pilot)
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        return first, type(app.screen).__name__, shown

    first, then, shown = run(app, script, size=(100, 30))
    right = sum((not i.proportionate) if i.kind == "case" else i.answer == 0 for i in items)
    assert (first, then) == ("QuizScreen", "ExplanationsScreen")
    assert f"Your score: {right} of {len(items)}" in shown
    assert all(item.explain.split()[0] in shown for item in items if item.explain)


def test_a_shared_machine_never_offers_another_students_pseudonym(klass):
    url, record = klass
    from game.classroom.student import StudentPath
    StudentPath(record.code, "p1", "Otter-7", "AB", "pre,post", "pre").store()   # begun here by someone
    for shared, expected in ((False, "Otter-7"), (True, "")):
        app = SafeCityApp(None, settings=Settings(), join=(record.code, url), shared=shared)

        async def script(pilot):
            await settle(pilot)
            return app.screen.query_one("#pseudonym").value

        assert run(app, script, size=(100, 30)) == expected


def test_a_browser_gets_back_only_the_pseudonym_it_began(klass):
    url, record = klass
    from game.classroom.student import StudentPath
    StudentPath(record.code, "p1", "Otter-7", "AB", "pre,post", "pre", seat="a" * 32).store()
    StudentPath(record.code, "p2", "Heron-3", "BA", "pre,post", "pre", seat="b" * 32).store()
    for seat, expected in (("a" * 32, "Otter-7"), ("b" * 32, "Heron-3"), ("c" * 32, "")):
        app = SafeCityApp(None, settings=Settings(), join=(record.code, url), shared=True, seat=seat)

        async def script(pilot):
            await settle(pilot)
            welcome = str(app.screen.query_one("#join-welcome").render())
            return app.screen.query_one("#pseudonym").value, welcome

        value, welcome = run(app, script, size=(100, 30))
        assert value == expected
        assert ("Welcome back" in welcome) == bool(expected)
