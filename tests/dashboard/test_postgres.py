"""The dashboard against a real PostgreSQL server (started by tests/classroom's fixtures), as
against SQLite: the cheap activity query, the new rows only, and the screen following the class."""

from __future__ import annotations

import pytest

from game.classroom.store import open_store
from game.dashboard.feed import ClassFeed
from tests.dashboard.scripted import Student, join, make_class
from tests.dashboard.test_dashboard_app import dashboard, run, shown, until
from tests.ui.reading import shown_text


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request):
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")
    with open_store(url) as store:
        yield store


def test_activity_changes_with_every_join_and_event_and_new_rows_come_in_order(any_store, tutorial):
    store = any_store
    record = make_class(store, tutorial)
    assert store.activity(record.code) == (0, 0, 0, False)
    assert store.activity("XXX-XXX") is None
    student = Student(store, tutorial, join(store, record.code, 0))
    joined = store.activity(record.code)
    assert joined[:2] == (1, 0)
    student.joined()
    student.decide()
    joined, count, newest, closed = store.activity(record.code)
    assert (joined, count, closed) == (1, 2, False)
    rows = store.events_after(record.code)
    assert [e.kind for _id, e in rows] == ["joined", "choice"] and rows[-1][0] == newest
    assert store.events_after(record.code, rows[0][0]) == rows[1:]
    store.close_class(record.code)
    assert store.activity(record.code)[3] is True


def test_the_feed_follows_a_class_on_postgresql(postgres_url, tutorial):
    with open_store(postgres_url) as store:
        record = make_class(store, tutorial)
        students = [Student(store, tutorial, join(store, record.code, i), pick=i) for i in range(3)]
        for student in students:
            student.whole_class()
        feed = ClassFeed(store, record, tutorial)
        snapshot = feed.refresh()
        assert snapshot.finished == 3 and sum(n for _t, n in snapshot.endings) == 3
        assert feed.poll() is None
        assert snapshot.quiz.discernment.paired == 3 and snapshot.quiz.discernment.too_small


def test_the_live_screen_follows_a_class_on_postgresql(postgres_url, tutorial):
    with open_store(postgres_url) as store:
        record = make_class(store, tutorial)
        student = Student(store, tutorial, join(store, record.code, 0))
        student.joined()

        async def script(pilot):
            await until(pilot, shown(pilot, "Students joined: 1"))
            student.decide()
            waited = await until(pilot, shown(pilot, "(answers: 1)"))
            return waited, shown_text(pilot.app)

        waited, text = run(dashboard(store, record, tutorial), script, size=(80, 40))
    assert waited < 2.0 and "Install six ordinary cameras over the market" in text
