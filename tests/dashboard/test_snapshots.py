"""Pictures of the dashboard at 80x24 and 160x45, compared with reviewed snapshots.

The class: six students of the tutorial, four finished (pre-quiz wrong, post-quiz right), one
playing, one just arrived. After a deliberate change, regenerate with
`uv run pytest tests/dashboard/test_snapshots.py --snapshot-update` and read every changed picture.
"""

from __future__ import annotations

import pytest

from tests.dashboard.scripted import Student, join, make_class
from tests.dashboard.test_dashboard_app import dashboard, settled, shown, until

SMALL, PROJECTOR = (80, 24), (160, 45)


@pytest.fixture
def klass(store, tutorial):
    record = make_class(store, tutorial)
    students = [Student(store, tutorial, join(store, record.code, i), pick=i) for i in range(6)]
    for student in students[:4]:
        student.whole_class()
    students[4].joined()
    students[4].quiz("pre")
    students[5].joined()
    return store, record, tutorial, students


def app_of(klass):
    store, record, scenario, _students = klass
    return dashboard(store, record, scenario)


def keys_after_reading(*keys):
    async def run_before(pilot):
        await until(pilot, shown(pilot, "finished 4"))
        await settled(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
    return run_before


def test_arrival_small(snap_compare, klass):
    assert snap_compare(app_of(klass), terminal_size=SMALL, run_before=keys_after_reading("a"))


def test_live_small_after_a_students_choice(snap_compare, store, tutorial):
    """Mid-game: five students made their first two decisions; the fifth student's second one
    arrives while the live screen is up (the newest decision is at the top)."""
    record = make_class(store, tutorial)
    students = [Student(store, tutorial, join(store, record.code, i), pick=i % 3) for i in range(5)]
    for student in students:
        student.joined()
        student.quiz("pre")
        student.decide()
    for student in students[:4]:
        student.decide()

    school = "Stranger in the playground: parents worried  "

    async def run_before(pilot):
        await until(pilot, shown(pilot, school + "(answers: 4)"))
        students[4].decide()
        await until(pilot, shown(pilot, school + "(answers: 5)"))
        await settled(pilot)

    assert snap_compare(dashboard(store, record, tutorial), terminal_size=SMALL, run_before=run_before)


def test_live_projector(snap_compare, klass):
    async def run_before(pilot):
        await keys_after_reading("l")(pilot)
        # the quiz is drawn a moment after the rest (computed apart, at most every 2 s; slower on a busy machine)
        await until(pilot, shown(pilot, "Discernment d′"), 30.0)
        await pilot.pause()

    assert snap_compare(app_of(klass), terminal_size=PROJECTOR, run_before=run_before)


def test_debrief_small(snap_compare, klass):
    assert snap_compare(app_of(klass), terminal_size=SMALL, run_before=keys_after_reading("d"))


def test_debrief_projector(snap_compare, klass):
    assert snap_compare(app_of(klass), terminal_size=PROJECTOR, run_before=keys_after_reading("d", "right", "right"))


def test_arrival_projector_high_contrast(snap_compare, klass):
    store, record, scenario, _students = klass
    app = dashboard(store, record, scenario, high_contrast=True)
    assert snap_compare(app, terminal_size=PROJECTOR, run_before=keys_after_reading("a"))
