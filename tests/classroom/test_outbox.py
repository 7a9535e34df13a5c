"""Events wait in the outbox when the store is down, and arrive exactly once when it is back."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from game.classroom.outbox import NOTICE_UNSENT, Outbox, Recorder
from game.classroom.records import CHOICE, FINISHED, JOINED, Event, Participant
from game.classroom.store import open_store
from tests.classroom.test_store import a_class, ev, someone

CODE = "K7M-Q4P"


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'classes.sqlite'}"


def opened_class(url, *participants):
    store = open_store(url)
    store.create_class(a_class())
    for participant in participants:
        store.join(participant)
    return store


def test_the_outbox_keeps_events_in_a_file_until_they_are_sent(tmp_path, sqlite_url):
    path = tmp_path / "out" / "a1.json"
    outbox = Outbox(path)
    assert outbox.pending() == [] and not outbox.existed
    outbox.add([ev("a1", 1, JOINED), ev("a1", 2, CHOICE, "s1", 1, choice="cameras")])
    outbox.add([ev("a1", 2, CHOICE, "s1", 1, choice="cameras")])           # already held
    again = Outbox(path)
    assert again.existed and again.pending() == outbox.pending() and len(again.pending()) == 2
    store = opened_class(sqlite_url, someone("a1"))
    assert again.flush(store) == 2
    assert again.pending() == [] and Outbox(path).pending() == []
    assert Outbox(path).last_seq("a1") == 2                                 # numbering survives the send
    assert again.flush(store) == 0
    store.close()


def test_a_failed_flush_keeps_everything(tmp_path):
    class Down:
        def record(self, events):
            from game.classroom.errors import StoreUnavailable
            raise StoreUnavailable("The class database is down.")

    outbox = Outbox(tmp_path / "a1.json")
    outbox.add([ev("a1", 1, JOINED)])
    with pytest.raises(Exception, match="down"):
        outbox.flush(Down())
    assert len(Outbox(tmp_path / "a1.json").pending()) == 1


def test_a_damaged_outbox_is_moved_aside(tmp_path):
    path = tmp_path / "a1.json"
    path.write_bytes(b"{not json")
    outbox = Outbox(path)
    assert outbox.pending() == [] and outbox.damaged is not None and outbox.damaged.read_bytes() == b"{not json"
    path.write_text(json.dumps({"format": "safecity-outbox", "version": 1, "events": [{"seq": "x"}]}))
    assert Outbox(path).damaged is not None


def test_a_recorder_sends_at_once_when_the_store_answers(tmp_path, sqlite_url):
    store = opened_class(sqlite_url, someone("a1"))
    recorder = Recorder(sqlite_url, someone("a1"), tmp_path / "a1.json")
    first = recorder.record(JOINED)
    recorder.record(CHOICE, scene="s1", turn=1, choice="cameras", outcome=None, meters={"trust": 40}, ms=5120)
    assert first.seq == 1 and recorder.notice is None and recorder.pending == 0
    stored = store.events(CODE)
    assert [(e.seq, e.kind) for e in stored] == [(1, JOINED), (2, CHOICE)]
    assert stored[1].data == {"choice": "cameras", "outcome": None, "meters": {"trust": 40}, "ms": 5120}
    assert stored[1].scene == "s1" and stored[1].turn == 1
    for kind, data in (("shouted", {}), (CHOICE, {"choices": {"a", "b"}}), (CHOICE, {"note": "x" * 20_000})):
        with pytest.raises(ValueError):                     # refused before it is kept
            recorder.record(kind, **data)
    assert recorder.pending == 0 and recorder.record(FINISHED).seq == 3
    assert recorder.close() is True
    store.close()


def test_during_play_the_file_drops_sent_events_at_the_next_write(tmp_path, sqlite_url):
    store = opened_class(sqlite_url, someone("a1"))
    path = tmp_path / "a1.json"
    recorder = Recorder(sqlite_url, someone("a1"), path)
    recorder.record(JOINED)
    recorder.record(CHOICE)
    assert recorder.pending == 0
    assert [e.seq for e in Outbox(path).pending()] == [2]    # one write per event: the file lags by one
    again = Recorder(sqlite_url, someone("a1"), path)       # a crash now: event 2 is sent again, harmlessly
    assert again.pending == 0 and [e.seq for e in store.events(CODE)] == [1, 2]
    assert again.record(FINISHED).seq == 3
    assert again.close() is True and Outbox(path).pending() == []
    store.close()


def test_numbering_resumes_after_a_crash_and_on_another_computer(tmp_path, sqlite_url):
    store = opened_class(sqlite_url, someone("a1"))
    first = Recorder(sqlite_url, someone("a1"), tmp_path / "a1.json")
    for _ in range(3):
        first.record(CHOICE)
    del first                                                        # the game crashed
    again = Recorder(sqlite_url, someone("a1"), tmp_path / "a1.json")
    assert again.record(CHOICE).seq == 4
    elsewhere = Recorder(sqlite_url, someone("a1"), tmp_path / "other-computer.json")
    assert elsewhere.record(FINISHED).seq == 5
    assert [e.seq for e in store.events(CODE)] == [1, 2, 3, 4, 5]
    store.close()


def test_numbering_is_fixed_when_the_store_was_down_at_the_start(tmp_path):
    url = f"sqlite:///{tmp_path / 'classes.sqlite'}?timeout=0.1"
    store = opened_class(url, someone("a1"))
    store.record([ev("a1", 1, JOINED), ev("a1", 2)])                 # played on another computer
    holder = sqlite3.connect(tmp_path / "classes.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    recorder = Recorder(url, someone("a1"), tmp_path / "new.json", retry_after=0)
    recorder.record(CHOICE)
    recorder.record(CHOICE)
    assert recorder.notice == NOTICE_UNSENT and recorder.pending == 2
    holder.execute("ROLLBACK")
    holder.close()
    assert recorder.flush() is True
    assert [e.seq for e in store.events(CODE)] == [1, 2, 3, 4]
    assert recorder.record(FINISHED).seq == 5
    store.close()


def test_a_join_whose_answer_was_lost_is_made_again(tmp_path, sqlite_url):
    store = opened_class(sqlite_url)
    recorder = Recorder(sqlite_url, someone("a1"), tmp_path / "a1.json")
    recorder.record(JOINED)
    assert recorder.notice is None and [p.id for p in store.participants(CODE)] == ["a1"]
    store.close()


# -- the database goes away mid-lesson ---------------------------------------------------------

PLAYERS = [someone(f"p{i}", pseudonym=f"Student {i}", joined_at=float(i)) for i in range(4)]


def play(recorders, turns):
    for turn in turns:
        for recorder in recorders:
            recorder.record(CHOICE, scene=f"s{turn}", turn=turn, choice="c1", ms=1000)   # never raises


def check_everything_arrived_once(store, recorders, count):
    for recorder in recorders:
        assert recorder.flush() is True
        assert recorder.notice is None and recorder.pending == 0
        assert Outbox(recorder.outbox.path).pending() == []
    for recorder in recorders:
        stored = store.events(CODE, participant_id=recorder.participant.id)
        assert [e.seq for e in stored] == list(range(1, count + 1))          # each once, none lost


def test_sqlite_locked_mid_lesson(tmp_path):
    path = tmp_path / "classes.sqlite"
    url = f"sqlite:///{path}"
    store = opened_class(url, *PLAYERS)
    recorders = [Recorder(url, p, tmp_path / f"{p.id}.json", timeout=0.2, retry_after=0) for p in PLAYERS]
    play(recorders, range(1, 4))
    assert all(r.notice is None and r.pending == 0 for r in recorders)

    holder = sqlite3.connect(path, isolation_level=None)    # another program holds the write lock
    holder.execute("BEGIN EXCLUSIVE")
    try:
        began = time.monotonic()
        play(recorders, range(4, 7))
        assert time.monotonic() - began < 12                # 12 writes that each waited 0.2 s, no more
        for recorder in recorders:
            assert recorder.notice == NOTICE_UNSENT and recorder.pending == 3
            assert "busy" in recorder.last_error
            assert [e.seq for e in Outbox(recorder.outbox.path).pending()] == [4, 5, 6]   # on disk
            assert recorder.flush() is False
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    play(recorders[:2], [7])                               # two send at their next choice
    check_everything_arrived_once(store, recorders[:2], 7)
    play(recorders[2:], [7])
    check_everything_arrived_once(store, recorders, 7)
    store.close()


def test_postgresql_stopped_mid_lesson(tmp_path, postgres_server):
    url = postgres_server.create_database(f"fault_{int(time.time() * 1000)}")
    store = opened_class(url, *PLAYERS)
    recorders = [Recorder(url, p, tmp_path / f"{p.id}.json", timeout=2, retry_after=0) for p in PLAYERS]
    play(recorders, range(1, 4))
    assert all(r.notice is None and r.pending == 0 for r in recorders)
    postgres_server.stop()
    try:
        began = time.monotonic()
        play(recorders, range(4, 7))
        assert time.monotonic() - began < 20
        for recorder in recorders:
            assert recorder.notice == NOTICE_UNSENT and recorder.pending == 3
            assert "cannot be reached" in recorder.last_error
    finally:
        postgres_server.start()
    for recorder in recorders:
        assert recorder.flush() is True
    play(recorders, [7])
    check_everything_arrived_once(store, recorders, 7)
    store.close()
