"""Pictures of a class vote on the projector at 80x24 and 160x45: the first decision, five of six
students have voted (three, one, one). Reviewed; regenerate with --snapshot-update after a change."""

from __future__ import annotations

import time

from game.classroom import vote
from game.classroom.records import VOTE, Event
from tests.dashboard.scripted import join, make_class
from tests.dashboard.test_dashboard_app import dashboard, shown, until
from tests.dashboard.test_snapshots import PROJECTOR, SMALL


def voting_app(store, tutorial):
    record = make_class(store, tutorial, quiz="none", mode="vote")
    students = [join(store, record.code, i) for i in range(6)]
    game = vote.ClassVote.open(store, record)
    while (poll := game.poll()) is None:
        game.go_on()
    ids = [c["id"] for c in poll.choices if c["available"]]
    for n, student in enumerate(students[:5]):
        store.record([Event(student.id, 1, VOTE, time.time(), poll.scene, poll.turn,
                            {"poll": poll.number, "choice": ids[0] if n < 3 else ids[n - 2]})])
    return dashboard(store, record, tutorial, start="vote", vote=game), game


def snap(snap_compare, store, tutorial, size):
    app, game = voting_app(store, tutorial)

    async def run_before(pilot):
        await until(pilot, shown(pilot, "Votes: 5 of 6 students"))
        await pilot.pause(1.2)          # one more count at the new size: the bars' width
        await until(pilot, shown(pilot, "Votes: 5 of 6 students"))

    try:
        return snap_compare(app, terminal_size=size, run_before=run_before)
    finally:
        game.close_game()


def test_vote_small(snap_compare, store, tutorial):
    assert snap(snap_compare, store, tutorial, SMALL)


def test_vote_projector(snap_compare, store, tutorial):
    assert snap(snap_compare, store, tutorial, PROJECTOR)
