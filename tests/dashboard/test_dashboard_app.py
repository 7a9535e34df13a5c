"""The dashboard on screen, driven by Textual's pilot while students' events land in the database."""

from __future__ import annotations

import asyncio
import dataclasses
import time

import pytest

from game.classroom.records import ClassRecord, Participant
from game.dashboard.app import DashboardApp
from game.dashboard.big_text import big_lines
from game.model.scenario import Classroom
from game.session import load_for_play
from tests.conftest import write_files
from tests.dashboard.scripted import CODE, Student, join, make_class
from tests.ui.reading import shown_text
from tests.ui.test_writer_text import PROBE, STORY, with_escapes

URL = "http://192.168.1.10:8000/"


def run(app, script, size=(80, 24)):
    async def main():
        async with app.run_test(size=size) as pilot:
            return await script(pilot)
    return asyncio.run(main())


async def until(pilot, condition, seconds: float = 3.0) -> float:
    """Wait until condition() holds; how long it took (fails after `seconds`)."""
    began = time.monotonic()
    while not condition():
        if time.monotonic() - began > seconds:
            raise AssertionError(f"not true after {seconds} s:\n{shown_text(pilot.app)}")
        await pilot.pause(0.05)
    return time.monotonic() - began


async def settled(pilot) -> None:
    """Until the app read the class and computed its quiz, with no poll under way (for pictures)."""
    app = pilot.app
    await until(pilot, lambda: app.snapshot is not None and not app._polling and not app.feed.quiz_due()
                and (app.snapshot.quiz is not None or app.scenario is None))
    await pilot.pause()


def shown(pilot, text: str):
    return lambda: text in shown_text(pilot.app)


def dashboard(store, record, scenario, **kwargs) -> DashboardApp:
    kwargs.setdefault("join_url", URL)
    return DashboardApp(store, record, scenario, **kwargs)


def test_the_arrival_screen_shows_the_code_the_address_and_a_qr_code_and_counts_arrivals(store, tutorial):
    record = make_class(store, tutorial)

    async def script(pilot):
        await until(pilot, shown(pilot, "Students joined: 0"))
        first = shown_text(pilot.app)
        for i in range(3):
            join(store, record.code, i)
        waited = await until(pilot, shown(pilot, "Students joined: 3"))
        return first, shown_text(pilot.app), waited

    first, later, waited = run(dashboard(store, record, tutorial), script)
    assert big_lines(CODE, small=True)[0] in first            # the code in big letters
    assert URL in first and f"safecity join {CODE}" in first
    assert "▄▄▄▄▄" in first and "█▀▀▀█" not in first          # the QR code's finder pattern
    assert waited < 2.0
    assert "Heron" not in later and "Pseudonyms are hidden" in later


def test_a_students_choice_shows_on_the_live_screen_within_two_seconds(store, tutorial):
    record = make_class(store, tutorial)
    students = [Student(store, tutorial, join(store, record.code, i), pick=i) for i in range(2)]
    for student in students:
        student.joined()
        student.quiz("pre")

    async def script(pilot):
        await until(pilot, shown(pilot, "Students joined: 2"))
        assert pilot.app.current_mode == "arrival"
        students[0].decide()                           # the class's first decision: to the live screen
        first = await until(pilot, shown(pilot, "(answers: 1)"))
        assert pilot.app.current_mode == "live"
        before = shown_text(pilot.app)
        students[1].decide()
        second = await until(pilot, shown(pilot, "(answers: 2)"))
        return before, shown_text(pilot.app), first, second

    before, after, first, second = run(dashboard(store, record, tutorial), script, size=(80, 40))
    assert "Install six ordinary cameras over the market" in before
    assert "1   100%" in before                           # one of one chose it
    assert "1    50%" in after                            # one of two, each
    assert first < 2.0 and second < 2.0


def test_the_debrief_steps_decision_by_decision_with_the_arrows(store, tutorial):
    record = make_class(store, tutorial)
    for i in range(4):
        Student(store, tutorial, join(store, record.code, i), pick=i).whole_class()

    async def script(pilot):
        await until(pilot, shown(pilot, "finished 4"))
        await pilot.press("d")
        pages = [shown_text(pilot.app)]
        await pilot.press("right")
        pages.append(shown_text(pilot.app))
        await pilot.press("left")
        pages.append(shown_text(pilot.app))
        await pilot.press("end")
        pages.append(shown_text(pilot.app))
        await pilot.press("left")
        pages.append(shown_text(pilot.app))
        return pages

    first, second, back, last, endings = run(dashboard(store, record, tutorial), script, size=(100, 45))
    assert "decision 1 of" in first and "Install six ordinary cameras over the market" in first
    assert "What really happened in France" in first and "Source: " in first
    assert "decision 2 of" in second and "over the market" not in second and "Impact assessment delivered" in second
    assert back == first
    assert "Which decision was the hardest?" in last             # the tutorial's own questions
    assert "How do you feel" not in last
    assert "How the class's terms ended" in endings


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_every_mode_fits_a_small_terminal_and_a_projector(store, tutorial, size):
    record = make_class(store, tutorial)
    for i in range(6):
        student = Student(store, tutorial, join(store, record.code, i), pick=i)
        student.whole_class() if i < 4 else student.joined()

    async def script(pilot):
        await until(pilot, shown(pilot, "finished 4"))
        pages = {}
        for key, mode in (("a", "arrival"), ("l", "live"), ("d", "debrief")):
            await pilot.press(key)
            await pilot.pause()
            pages[mode] = shown_text(pilot.app)
        return pages

    pages = run(dashboard(store, record, tutorial), script, size=size)
    lines = {mode: text.splitlines() for mode, text in pages.items()}
    assert all(len(rows) <= size[1] and max(map(len, rows)) <= size[0] for rows in lines.values())
    assert big_lines(CODE, small=size[0] < 100)[0] in pages["arrival"]
    assert "Decisions, the newest first" in pages["live"]
    if size == (160, 45):   # wide: the counts, endings and quiz beside the decisions
        assert "Where the students are" in pages["live"] and "Endings" in pages["live"]
        assert "Quiz before and after playing" in pages["live"]
    else:                   # small: where the students are in one line above the decisions
        assert "Waiting to start 2 · Finished 4" in pages["live"]
    assert "decision 1 of" in pages["debrief"]
    assert all("Heron" not in text for text in pages.values())   # no pseudonym unless asked


def test_pseudonyms_show_only_when_asked(store, tutorial):
    record = make_class(store, tutorial)
    for i in range(3):
        Student(store, tutorial, join(store, record.code, i), pick=i).joined()

    async def script(pilot):
        await until(pilot, shown(pilot, "Heron-02"))
        await pilot.press("l")
        await pilot.pause()
        return shown_text(pilot.app)

    live = run(dashboard(store, record, tutorial, names=True), script)
    assert "Heron-00 ·" in live


def test_writer_and_student_text_shows_literally(store, tmp_path):
    folder = write_files(tmp_path / "probes", {"scenario.yaml": STORY})
    scenario = with_escapes(load_for_play(folder, None))
    scenario = dataclasses.replace(scenario, classroom=Classroom(discussion=(f"question: {PROBE}",)))
    record = ClassRecord(CODE, f"class {PROBE}"[:200], scenario.id, str(folder), scenario.title, "", "en", 1,
                         "none", time.time())
    store.create_class(record)
    student = Student(store, scenario, store.join(Participant("ab" * 16, CODE, "[b]Eve[/b] [A]", "AB", time.time())))
    student.joined()
    student.finish_game()

    async def script(pilot):
        await until(pilot, shown(pilot, "finished 0"))
        pages = []
        for key in ("a", "l", "d", "end", "left", "home"):
            await pilot.press(key)
            await pilot.pause()
            pages.append(shown_text(pilot.app))
        return pages

    pages = run(dashboard(store, record, scenario, names=True), script, size=(200, 60))
    text = "\n".join(pages)
    literal = "[ @click=app.quit]QUIT-ME[/] [A] [$x] [Word=a:b] [b] [/]"
    for field in ("choice", "headline", "reality", "source", "question"):
        assert f"{field}: {literal}" in text, field
    assert "ending: [ @click=app.quit]QUIT-ME[/] [A" in text     # a long ending title is cut, not read
    assert "[b]Eve[/b] [A]" in text and f"class {literal}" in text
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text


def test_a_deleted_class_is_reported_on_screen(store, tutorial):
    record = make_class(store, tutorial)

    async def script(pilot):
        await until(pilot, shown(pilot, "finished 0"))
        store.delete_class(record.code)
        await until(pilot, shown(pilot, f"The class {CODE} was deleted."))
        return pilot.app.is_running

    assert run(dashboard(store, record, tutorial), script)


def test_the_dashboard_speaks_french(store, tutorial):
    from game.i18n import set_language

    record = make_class(store, tutorial)
    for i in range(3):
        Student(store, tutorial, join(store, record.code, i), pick=i).whole_class(right_after=i != 1)

    async def script(pilot):
        await until(pilot, shown(pilot, "terminé 3"))
        pages = []
        for key in ("a", "l"):
            await pilot.press(key)
            await pilot.pause()
            pages.append(shown_text(pilot.app))
        return pages

    set_language("fr")
    try:
        arrival, live = run(dashboard(store, record, tutorial), script, size=(160, 45))
    finally:
        set_language("en")
    assert "Code de la classe" in arrival and "Élèves arrivés : 3" in arrival
    assert "Décisions, la plus récente d'abord" in live and "Trop peu d'élèves" in live
    assert "avant 0 " in live and "après 67 " in live                # shares of right answers, in %
    assert "avant −1,35" in live                                      # d′, with a decimal comma
    assert "Débriefing" in live                                       # the keys too


def test_without_the_scenario_the_dashboard_still_counts(store, tutorial):
    """The class's scenario is not on this computer: choice ids instead of texts, no quiz scores."""
    record = make_class(store, tutorial)
    for i in range(2):
        Student(store, tutorial, join(store, record.code, i), pick=i).whole_class()

    async def script(pilot):
        await until(pilot, shown(pilot, "finished 2"))
        pages = []
        for key in ("l", "d", "end"):
            await pilot.press(key)
            await pilot.pause()
            pages.append(shown_text(pilot.app))
        return pages

    live, debrief, questions = run(dashboard(store, record, None), script, size=(120, 60))
    assert "smart_cameras" in live                          # the choice's id, as recorded
    assert "The quiz results need the class's" in live
    assert "decision 1 of" in debrief
    assert "How do you feel" in questions                  # the six general questions


def test_a_database_that_cannot_be_read_for_a_while_is_said_and_then_forgotten(store, tutorial):
    from game.classroom.errors import StoreUnavailable

    record = make_class(store, tutorial)
    real = store.activity

    def unavailable(code):
        raise StoreUnavailable("The class database server cannot be reached now.")

    async def script(pilot):
        await until(pilot, shown(pilot, "finished 0"))
        store.activity = unavailable
        await until(pilot, shown(pilot, "The class database cannot be read now; trying again."))
        store.activity = real
        join(store, record.code, 0)
        await until(pilot, shown(pilot, "Students joined: 1"))
        return shown_text(pilot.app)

    after = run(dashboard(store, record, tutorial), script)
    assert "cannot be read" not in after


def test_the_quiz_part_says_it_is_comparing_until_its_comparison_arrives():
    """The comparison is computed a moment after the rest: not a missing scenario."""
    from types import SimpleNamespace

    from game.dashboard.live import quiz_lines

    waiting = SimpleNamespace(quiz=None, quiz_setting="pre,post")
    assert "Comparing the two quizzes" in quiz_lines(waiting, has_scenario=True)[1].plain
    assert "need the class's scenario" in quiz_lines(waiting, has_scenario=False)[1].plain
