"""A class vote on the screens: the facilitator's projector screen counts the votes live and plays
what the class chose; a student's screen shows the open decision, takes a vote, tells the result,
and goes on to the quiz when the game ends."""

from __future__ import annotations

import asyncio
import time

import pytest

from game.classroom import vote
from game.classroom.records import VOTE, ClassRecord, Event, Participant
from game.classroom.store import open_store
from game.settings import Settings
from game.ui.app import SafeCityApp
from game.dashboard.app import DashboardApp
from game.paths import resolve_scenario
from game.session import load_for_play
from tests.ui.reading import shown_text

SEED = 7


@pytest.fixture
def vote_class(tmp_path):
    url = f"sqlite:///{tmp_path / 'classes.sqlite'}"
    record = ClassRecord("K7M-QX4", "Test class", "tutorial", "tutorial", "The Camera Question", "", "en", SEED,
                         "none", time.time(), mode="vote")
    with open_store(url) as store:
        store.create_class(record)
    return url, record


async def until(pilot, condition, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot.pause(0.1)
        if condition():
            return True
    return condition()


def test_the_projector_counts_votes_live_and_plays_the_majority_a_tie_and_an_override(vote_class):
    url, record = vote_class
    store = open_store(url)
    for n in range(3):
        store.join(Participant(f"s{n}", record.code, f"Heron-{n}", "AB", 1.0))
    game = vote.ClassVote.open(store, record)
    app = DashboardApp(store, record, load_for_play(resolve_scenario("tutorial")), start="vote", vote=game)

    def cast(student, seq, poll, index):
        ids = [c["id"] for c in poll.choices if c["available"]]
        store.record([Event(student, seq, VOTE, time.time(), poll.scene, poll.turn,
                            {"poll": poll.number, "choice": ids[index]})])
        return ids[index]

    async def script(pilot):
        screen = app.screen
        await pilot.pause()
        while screen.poll is None:               # Continues before the first decision
            await pilot.press("enter")
        first = screen.poll
        winner = cast("s0", 1, first, 1)
        cast("s1", 1, first, 1)
        cast("s2", 1, first, 0)
        assert await until(pilot, lambda: screen.voters == 3), "the votes never showed"
        shown = shown_text(app)
        await pilot.press("enter")               # close: the majority plays
        assert await until(pilot, lambda: store.polls(record.code)[0].chosen == winner)
        while screen.poll is None or screen.poll.number == first.number:
            await pilot.press("enter")
        second = screen.poll
        a = cast("s0", 2, second, 0)
        b = cast("s1", 2, second, 1)
        assert await until(pilot, lambda: screen.voters == 2)
        await pilot.press("enter")               # a tie: nothing is played yet
        await pilot.pause()
        tie_text = shown_text(app)
        assert store.current_poll(record.code).open
        await pilot.press(str(next(n for n, c in enumerate(second.choices, 1) if c["id"] == b)))
        assert await until(pilot, lambda: store.polls(record.code)[1].chosen == b)
        while screen.poll is None or screen.poll.number == second.number:
            if game.session.ended:
                break
            await pilot.press("enter")
        if not game.session.ended:
            third = screen.poll
            cast("s0", 3, third, 0)
            await pilot.press("o")
            last = max(n for n, c in enumerate(third.choices, 1) if c["available"])
            await pilot.press(str(last))
            assert await until(pilot, lambda: len(store.polls(record.code)) >= 3
                               and store.polls(record.code)[2].how == vote.OVERRIDE)
        return shown, tie_text, a

    async def main():
        async with app.run_test(size=(120, 36)) as pilot:
            return await script(pilot)

    try:
        shown, tie_text, a = asyncio.run(main())
    finally:
        game.close_game()
    polls = store.polls(record.code)
    store.close()
    assert "Votes: 3 of 3 students" in shown and "67%" in shown
    assert "A tie between" in tie_text
    assert [p.how for p in polls[:2]] == [vote.MAJORITY, vote.TIE]


def test_a_student_votes_sees_the_result_and_goes_on_when_the_game_ends(vote_class):
    url, record = vote_class
    app = SafeCityApp(None, settings=Settings(), join=(record.code, url))
    store = open_store(url)

    async def script(pilot):
        await pilot.pause()
        await pilot.press(*"Otter-7")
        await pilot.press("enter")
        assert await until(pilot, lambda: type(app.screen).__name__ == "VoteScreen", 15)
        (student,) = store.participants(record.code)
        game = vote.ClassVote.open(store, record)
        try:
            while (poll := game.poll()) is None:
                game.go_on()
            ok = await until(pilot, lambda: app.screen.poll is not None and app.screen.poll.open)
            assert ok, (app.screen.poll, shown_text(app), [w for w in app.workers])
            await pilot.press("2")
            assert await until(pilot, lambda: store.votes(record.code, poll.number).get(student.id)), "no vote"
            mine = store.votes(record.code, poll.number)[student.id]
            voting = shown_text(app)
            game.close(poll)
            assert await until(pilot, lambda: "the class chose" in shown_text(app))
            result = shown_text(app)
            while not game.session.ended:       # the facilitator plays on to the end, nobody voting
                poll = game.poll()
                if poll is None:
                    game.go_on()
                else:
                    first = next(c["id"] for c in poll.choices if c["available"])
                    game.close(poll, override=first)
            game.poll()
            assert await until(pilot, lambda: type(app.screen).__name__ == "ClosingScreen", 15)
        finally:
            game.close_game()
        return mine, voting, result

    async def main():
        async with app.run_test(size=(100, 30)) as pilot:
            return await script(pilot)

    mine, voting, result = asyncio.run(main())
    store.close()
    assert "Decision 1" in voting and "Your vote" in voting
    assert "Decision 1: the class chose" in result
    assert mine


def test_the_projector_plays_to_the_end_and_shows_the_ending(vote_class):
    url, record = vote_class
    store = open_store(url)
    game = vote.ClassVote.open(store, record)
    scenario = load_for_play(resolve_scenario("tutorial"))
    app = DashboardApp(store, record, scenario, start="vote", vote=game)

    async def script(pilot):
        screen = app.screen
        await pilot.pause()
        for _ in range(200):                    # the facilitator plays over the vote, nobody voting
            if game.session.ended:
                break
            if screen.poll is None:
                await pilot.press("enter")
            else:
                first = next(n for n, c in enumerate(screen.poll.choices, 1) if c["available"])
                await pilot.press("o", str(first))
            await pilot.pause()
        await pilot.pause()
        return shown_text(app)

    async def main():
        async with app.run_test(size=(120, 36)) as pilot:
            return await script(pilot)

    try:
        text = asyncio.run(main())
    finally:
        game.close_game()
        store.close()
    assert game.session.ended
    ending = game.session.view()
    assert ending.ending is not None and ending.ending.title in text
    assert ending.text.split()[0] in text and "The game has ended" in text
