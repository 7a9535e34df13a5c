"""Class votes: how a vote is counted and decided, and the facilitator's game kept in step with
the class's polls, on both backends."""

from __future__ import annotations

import time

import pytest

from game.classroom import vote
from game.classroom.records import VOTE, ClassRecord, Event, Participant, Poll
from game.classroom.store import open_store


def a_poll(*ids, closed=()):
    return Poll("K7M-Q4P", 1, "scene", 1, tuple({"id": i, "text": i.title(), "available": i not in closed}
                                                  for i in ids), time.time())


def test_each_students_latest_vote_counts_and_only_for_open_choices():
    poll = a_poll("cameras", "patrols", "nothing", closed=("nothing",))
    tally = vote.count(poll, {"s1": "cameras", "s2": "patrols", "s3": "cameras", "s4": "nothing", "s5": "bogus"})
    assert tally == {"cameras": 2, "patrols": 1}


def test_the_majority_plays_a_tie_is_the_facilitators_and_an_override_is_recorded():
    assert vote.decide({"a": 3, "b": 1}) == vote.Outcome("a", vote.MAJORITY)
    tie = vote.decide({"a": 2, "b": 2, "c": 0})
    assert tie.chosen is None and tie.how == vote.TIE and tie.tied == ("a", "b")
    assert vote.decide({"a": 2, "b": 2, "c": 0}, tie_break="b") == vote.Outcome("b", vote.TIE, ("a", "b"))
    assert vote.decide({"a": 2, "b": 2}, tie_break="c").chosen is None    # not among the tied
    assert vote.decide({"a": 0, "b": 0}).tied == ("a", "b")                # nobody voted: the facilitator picks
    assert vote.decide({"a": 5, "b": 1}, override="b") == vote.Outcome("b", vote.OVERRIDE)
    with pytest.raises(ValueError):
        vote.decide({"a": 5}, override="locked_one")


@pytest.fixture
def voting_class(store_url):
    record = ClassRecord("K7M-Q4P", "Test", "tutorial", "tutorial", "Tutorial", "", "en", 7, "none", 1.0,
                         mode="vote")
    with open_store(store_url) as store:
        store.create_class(record)
        for n in range(5):
            store.join(Participant(f"s{n}", record.code, f"Heron-{n}", "AB", 1.0))
        yield store, record


def cast(store, student: str, seq: int, poll: Poll, choice: str) -> None:
    store.record([Event(student, seq, VOTE, time.time(), poll.scene, poll.turn, {"poll": poll.number,
                                                                                 "choice": choice})])


def open_choices(poll: Poll) -> list[str]:
    return [c["id"] for c in poll.choices if c["available"]]


def test_a_class_votes_a_game_through_to_its_end(voting_class):
    store, record = voting_class
    game = vote.ClassVote.open(store, record)
    seq, decided, guard = 0, [], 0
    while not game.session.ended and guard < 60:
        guard += 1
        poll = game.poll()
        if poll is None:
            game.go_on()
            continue
        choices = open_choices(poll)
        seq += 1
        for n in range(5):       # three for the first open choice, two for the last; one changes their mind
            cast(store, f"s{n}", seq, poll, choices[0] if n < 3 else choices[-1])
        cast(store, "s4", seq + 1, poll, choices[0])
        seq += 1
        assert game.tally(poll) == ({**{c: 0 for c in choices}, choices[0]: 4, choices[-1]: 1}, 5) \
            if len(choices) > 1 else True
        outcome = game.close(poll)
        assert outcome.how == vote.MAJORITY and outcome.chosen == choices[0]
        decided.append(outcome.chosen)
    assert game.session.ended and decided
    polls = store.polls(record.code)
    assert [p.chosen for p in polls if not p.is_end] == decided
    assert polls[-1].is_end and not polls[-1].open
    assert all(p.tally[p.chosen] == 4 for p in polls if not p.is_end)


def test_a_tie_waits_for_the_facilitator_and_an_override_is_played(voting_class):
    store, record = voting_class
    game = vote.ClassVote.open(store, record)
    while (poll := game.poll()) is None:
        game.go_on()
    first, second = open_choices(poll)[:2]
    cast(store, "s0", 1, poll, first)
    cast(store, "s1", 1, poll, second)
    waiting = game.close(poll)
    assert waiting.chosen is None and set(waiting.tied) == {first, second}
    assert store.current_poll(record.code).open                           # nothing was played
    assert game.close(poll, tie_break=second).chosen == second
    assert store.polls(record.code)[0].how == vote.TIE
    while (poll := game.poll()) is None:
        game.go_on()
    cast(store, "s0", 2, poll, open_choices(poll)[0])
    outcome = game.close(poll, override=open_choices(poll)[-1])
    assert outcome.how == vote.OVERRIDE
    assert store.polls(record.code)[1].how == vote.OVERRIDE and store.polls(record.code)[1].tally[
        open_choices(poll)[0]] == 1


def test_the_facilitators_game_comes_back_in_step_after_a_crash(voting_class):
    store, record = voting_class
    game = vote.ClassVote.open(store, record)
    while (poll := game.poll()) is None:
        game.go_on()
    cast(store, "s0", 1, poll, open_choices(poll)[0])
    game.session.choose(open_choices(poll)[0])      # played and saved, then the computer died
    game.close_game()
    again = vote.ClassVote.open(store, record)      # the app starts again
    closed = store.polls(record.code)[0]
    assert not closed.open and closed.chosen == open_choices(poll)[0]
    assert again.session.state.history == game.session.state.history
    reopened = again.poll()
    assert reopened is None or reopened.number == 2


def test_a_voting_student_shows_as_playing_on_the_dashboard_at_the_decisions_turn():
    from game.dashboard.student import PLAYING, follow
    from game.classroom.records import JOINED
    events = [Event("s1", 1, JOINED, 1.0), Event("s1", 2, VOTE, 2.0, "market", 3, {"poll": 1, "choice": "a"})]
    state = follow(events)
    assert (state.stage, state.turn, state.decisions) == (PLAYING, 3, [])


def test_the_dashboard_shows_a_decision_as_soon_as_its_vote_closes(voting_class):
    from game.dashboard.feed import ClassFeed
    from game.paths import resolve_scenario
    from game.session import load_for_play

    store, record = voting_class
    feed = ClassFeed(store, record, load_for_play(resolve_scenario("tutorial"), None))
    game = vote.ClassVote.open(store, record)
    try:
        while (poll := game.poll()) is None:
            game.go_on()
        cast(store, "s0", 1, poll, open_choices(poll)[0])
        assert feed.poll().decisions == ()                 # the vote is open: nothing decided yet
        assert feed.poll() is None                         # nothing changed
        game.close(poll)                                   # no student writes anything now
        snapshot = feed.poll()
        assert snapshot is not None and [d.scene for d in snapshot.decisions] == [poll.scene]
    finally:
        game.close_game()
