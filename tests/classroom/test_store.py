"""The class store, on SQLite and on a real PostgreSQL server (see conftest.py)."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import time

import pytest
import sqlalchemy as sa

from game.classroom import schema
from game.classroom import store as store_module
from game.classroom.errors import (ClassClosed, ClassExists, PseudonymTaken, StoreCorrupt, StoreError, StoreTooNew,
                                   StoreUnavailable, UnknownClass, UnknownParticipant)
from game.classroom.records import CHOICE, ENDING, FINISHED, JOINED, QUIZ_ANSWER, ClassRecord, Event, Participant
from game.classroom.store import Store, default_url, display_url, open_store, pseudonym_key
from tests.classroom.postgres_server import free_port
from tests.classroom.workers import open_at_once, write_as_student


def a_class(code="K7M-Q4P", created_at=1_000_000.0, **fields) -> ClassRecord:
    values = dict(code=code, name="2nde B", scenario="safe-city", scenario_path="safe-city", title="Safe City",
                  variant="", language="fr", seed=2 ** 40 + 7, quiz="pre,post", created_at=created_at)
    values.update(fields)
    return ClassRecord(**values)


def someone(pid="a1", code="K7M-Q4P", pseudonym="Renard", joined_at=1_000_010.0) -> Participant:
    return Participant(id=pid, code=code, pseudonym=pseudonym, form_order="AB", joined_at=joined_at)


def ev(pid, seq, kind=CHOICE, scene="", turn=0, **data) -> Event:
    return Event(participant_id=pid, seq=seq, kind=kind, at=1_000_100.0 + seq, scene=scene, turn=turn, data=data)


# -- classes ---------------------------------------------------------------------------------


def test_create_get_list_close(store):
    older, newer = a_class("AAA-111", created_at=10.0), a_class("BBB-222", created_at=20.0, name="1ère", quiz="none")
    store.create_class(older)
    store.create_class(newer)
    assert store.get_class("AAA-111") == older
    assert store.get_class("ZZZ-999") is None
    assert [c.code for c in store.list_classes()] == ["BBB-222", "AAA-111"]   # newest first
    assert store.get_class("BBB-222").seed == 2 ** 40 + 7
    store.close_class("AAA-111")
    assert store.get_class("AAA-111").closed is True
    with pytest.raises(UnknownClass):
        store.close_class("ZZZ-999")


def test_a_code_is_created_once(store):
    store.create_class(a_class())
    with pytest.raises(ClassExists) as caught:
        store.create_class(a_class(name="other"))
    assert "K7M-Q4P" in str(caught.value)
    assert store.get_class("K7M-Q4P").name == "2nde B"


def test_delete_removes_everything_of_the_class_and_nothing_else(store):
    store.create_class(a_class("AAA-111"))
    store.create_class(a_class("BBB-222"))
    store.join(someone("a1", "AAA-111"))
    store.join(someone("a2", "AAA-111", "Loup"))
    store.join(someone("b1", "BBB-222"))
    store.record([ev("a1", 1, JOINED), ev("a1", 2), ev("a2", 1, JOINED), ev("b1", 1, JOINED)])
    assert store.delete_class("AAA-111") == {"classes": 1, "participants": 2, "events": 3}
    assert store.get_class("AAA-111") is None and store.participants("AAA-111") == [] and store.events("AAA-111") == []
    assert [p.id for p in store.participants("BBB-222")] == ["b1"] and len(store.events("BBB-222")) == 1
    assert store.delete_class("AAA-111") == {"classes": 0, "participants": 0, "events": 0}
    with pytest.raises(UnknownParticipant):          # its participants are gone with it
        store.record([ev("a1", 3)])


def test_a_class_deleted_by_another_program_takes_its_participants_along(store_url):
    with open_store(store_url) as writer, open_store(store_url) as facilitator:
        facilitator.create_class(a_class())
        facilitator.join(someone("a1"))
        assert writer.record([ev("a1", 1, JOINED)]) == 1     # the writer now knows a1's class
        facilitator.delete_class("K7M-Q4P")
        with pytest.raises(UnknownParticipant):
            writer.record([ev("a1", 2)])
        assert facilitator.events("K7M-Q4P") == []


def test_purge_deletes_the_classes_created_before_the_cutoff(store):
    for code, created in (("OLD-001", 100.0), ("OLD-002", 200.0), ("NEW-001", 900.0)):
        store.create_class(a_class(code, created_at=created))
    store.join(someone("o1", "OLD-001"))
    store.record([ev("o1", 1, JOINED)])
    assert store.purge(older_than_seconds=500, now=1000.0) == ["OLD-001", "OLD-002"]
    assert [c.code for c in store.list_classes()] == ["NEW-001"]
    assert store.events("OLD-001") == []
    assert store.purge(older_than_seconds=500, now=1000.0) == []


# -- joining ---------------------------------------------------------------------------------


def test_join_rules(store):
    store.create_class(a_class())
    with pytest.raises(UnknownClass):
        store.join(someone(code="NOP-000"))
    store.join(someone("a1", pseudonym="Renard"))
    for taken in ("renard", "  RENARD ", "Renard"):
        with pytest.raises(PseudonymTaken) as caught:
            store.join(someone("a2", pseudonym=taken))
        assert "another" in str(caught.value)
    store.join(someone("a1", pseudonym="Renard"))           # a retried join: the same id, no error
    store.join(someone("a1", pseudonym=" renard"))          # the same person, however typed
    store.join(someone("a3", pseudonym="Renarde", joined_at=1_000_020.0))
    assert [p.id for p in store.participants("K7M-Q4P")] == ["a1", "a3"]
    store.close_class("K7M-Q4P")
    with pytest.raises(ClassClosed):
        store.join(someone("a4", pseudonym="Hibou"))
    store.join(someone("a3", pseudonym="Renarde"))          # a late retry of a join that succeeded
    assert len(store.participants("K7M-Q4P")) == 2


def test_participants_are_found_by_pseudonym_whatever_the_case(store):
    store.create_class(a_class())
    store.join(someone("a2", pseudonym="Zoé", joined_at=5.0))
    store.join(someone("a1", pseudonym="Loup", joined_at=9.0))
    assert store.participant("K7M-Q4P", " ZOÉ ") == someone("a2", pseudonym="Zoé", joined_at=5.0)
    assert store.participant("K7M-Q4P", "Hibou") is None
    assert store.participant("AAA-111", "Zoé") is None
    assert [p.pseudonym for p in store.participants("K7M-Q4P")] == ["Zoé", "Loup"]    # join order
    assert pseudonym_key(" Zoé ") == pseudonym_key("ZOÉ")


# -- events ----------------------------------------------------------------------------------


def test_record_is_idempotent(store):
    store.create_class(a_class())
    store.join(someone("a1"))
    batch = [ev("a1", 1, JOINED), ev("a1", 2, CHOICE, "s1", 1, choice="cameras", outcome=None, meters={"trust": 40})]
    assert store.record(batch) == 2
    assert store.record(batch) == 0                          # a retried write adds nothing
    assert store.record(batch + [ev("a1", 3, ENDING, "end", 4, ending="end")]) == 1
    assert store.record([ev("a1", 3), ev("a1", 3)]) == 0
    stored = store.events("K7M-Q4P")
    assert [e.seq for e in stored] == [1, 2, 3]
    assert stored[1] == batch[1]                             # data come back as they went
    assert stored[2].kind == ENDING                          # the first write of a seq wins


def test_an_event_of_an_unknown_participant_is_refused(store):
    store.create_class(a_class())
    store.join(someone("a1"))
    with pytest.raises(UnknownParticipant):
        store.record([ev("a1", 1, JOINED), ev("ghost", 1, JOINED)])
    assert store.events("K7M-Q4P") == []                     # nothing of the batch was kept
    with pytest.raises(ValueError):
        store.record([ev("a1", 1, "shouted")])
    with pytest.raises(ValueError):
        store.record([ev("a1", 1, scene="s" * 201)])          # the same limits on both backends
    with pytest.raises(ValueError):
        store.record([ev("a1", 1, note="x" * 20_000)])
    with pytest.raises(ValueError):
        store.join(someone("a2", pseudonym="x" * 201))
    with pytest.raises(ValueError):
        store.join(someone("a3", pseudonym="   "))


def test_events_and_progress(store):
    store.create_class(a_class())
    store.create_class(a_class("BBB-222"))
    store.join(someone("b", pseudonym="Loup", joined_at=1.0))
    store.join(someone("a", pseudonym="Renard", joined_at=2.0))
    store.join(someone("c", pseudonym="Hibou", joined_at=3.0))
    store.join(someone("x", code="BBB-222"))
    store.record([ev("a", 1, JOINED), ev("a", 2, QUIZ_ANSWER, phase="pre", item="q1", answer=True),
                  ev("a", 3, CHOICE, "s2", 1), ev("a", 4, ENDING, "end", 5), ev("a", 5, FINISHED, "end", 5)])
    store.record([ev("b", 2, CHOICE, "s1", 1), ev("b", 1, JOINED), ev("x", 1, JOINED)])
    assert [(e.participant_id, e.seq) for e in store.events("K7M-Q4P")] == [
        ("a", 1), ("a", 2), ("a", 3), ("a", 4), ("a", 5), ("b", 1), ("b", 2)]
    assert [e.seq for e in store.events("K7M-Q4P", participant_id="b")] == [1, 2]
    progress = store.progress("K7M-Q4P")
    assert list(progress) == ["b", "a", "c"]                 # join order
    assert progress["a"] == {"pseudonym": "Renard", "last_kind": FINISHED, "scene": "end", "turn": 5,
                             "last_at": 1_000_105.0, "events": 5, "finished": True}
    assert progress["b"]["last_kind"] == CHOICE and progress["b"]["scene"] == "s1" and progress["b"]["events"] == 2
    assert progress["b"]["finished"] is False
    assert progress["c"] == {"pseudonym": "Hibou", "last_kind": "", "scene": "", "turn": 0, "last_at": None,
                             "events": 0, "finished": False}
    assert store.last_seq("a") == 5 and store.last_seq("c") == 0


# -- schema and migrations -------------------------------------------------------------------


def test_a_new_database_gets_the_latest_version(store):
    assert store.version() == schema.LATEST == len(schema.MIGRATIONS)
    with store._begin() as conn:
        inspector = sa.inspect(conn)
        assert {"schema_version", "classes", "participants", "events"} <= set(inspector.get_table_names())
        assert "events_by_class" in {i["name"] for i in inspector.get_indexes("events")}


def test_opening_again_changes_nothing(store_url):
    with open_store(store_url) as first:
        first.create_class(a_class())
    with open_store(store_url) as second:
        assert second.version() == schema.LATEST and second.get_class("K7M-Q4P") == a_class()


def test_an_old_version_is_migrated(store_url):
    old = Store(store_url)
    assert old.migrate(schema.MIGRATIONS[:1]) == 1           # a database made by version 1
    with old._begin(write=True) as conn:                        # a class as version 1 wrote it (no mode)
        row = {k: v for k, v in store_module._class_row(a_class()).items() if k != "mode"}
        conn.execute(sa.text(f"INSERT INTO classes ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})"),
                     row)
    old.join(someone("a1"))
    old.record([ev("a1", 1, JOINED)])
    with old._begin() as conn:
        assert "events_by_class" not in {i["name"] for i in sa.inspect(conn).get_indexes("events")}
    old.close()
    with open_store(store_url) as store:
        assert store.version() == schema.LATEST
        assert [e.seq for e in store.events("K7M-Q4P")] == [1]
        with store._begin() as conn:
            assert "events_by_class" in {i["name"] for i in sa.inspect(conn).get_indexes("events")}
        assert store.get_class("K7M-Q4P") == a_class() and store.get_class("K7M-Q4P").mode == "play"
        assert store.current_poll("K7M-Q4P") is None             # version 3: the polls of class votes


def test_each_step_runs_once_even_when_two_stores_migrate(store_url):
    runs = []

    def extra_step(conn):
        runs.append(1)
        conn.execute(sa.text("CREATE TABLE later_table (x INTEGER)"))

    steps = schema.MIGRATIONS + [extra_step]
    first, second = Store(store_url), Store(store_url)
    assert first.migrate(steps) == len(steps)
    assert second.migrate(steps) == len(steps)
    assert runs == [1]
    first.close()
    second.close()


def test_processes_opening_a_new_database_at_once_migrate_it_once(store_url):
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    barrier, results = ctx.Barrier(8), ctx.Queue()
    workers = [ctx.Process(target=open_at_once, args=(store_url, barrier, results)) for _ in range(8)]
    for worker in workers:
        worker.start()
    assert [results.get(timeout=120) for _ in workers] == [schema.LATEST] * 8
    for worker in workers:
        worker.join(timeout=60)
    with open_store(store_url) as store, store._begin() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.schema_version)).scalar() == 1


def test_a_newer_database_is_refused_and_left_untouched(store_url):
    with open_store(store_url) as store:
        store.create_class(a_class())
        with store._begin(write=True) as conn:
            schema.write_version(conn, schema.LATEST + 5)
    with pytest.raises(StoreTooNew) as caught:
        open_store(store_url)
    message = str(caught.value)
    assert "newer version of Safe City" in message and "untouched" in message and "Traceback" not in message
    raw = Store(store_url)
    assert raw.version() == schema.LATEST + 5 and raw.get_class("K7M-Q4P") == a_class()
    raw.close()


# -- what goes wrong -------------------------------------------------------------------------


def test_a_corrupt_sqlite_file(tmp_path):
    path = tmp_path / "classes.sqlite"
    path.write_bytes(os.urandom(8192))
    before = path.read_bytes()
    with pytest.raises(StoreCorrupt) as caught:
        open_store(f"sqlite:///{path}")
    assert "not a readable class database" in str(caught.value) and "\n" not in str(caught.value)
    assert path.read_bytes() == before


def test_a_folder_instead_of_a_file(tmp_path):
    (tmp_path / "classes.sqlite").mkdir()
    with pytest.raises(StoreUnavailable):
        open_store(f"sqlite:///{tmp_path / 'classes.sqlite'}")


def test_an_unreachable_postgresql_server_is_reported_quickly():
    url = f"postgresql://teacher:hunter2@127.0.0.1:{free_port()}/classes"     # nothing listens there
    began = time.monotonic()
    with pytest.raises(StoreUnavailable) as caught:
        open_store(url)
    assert time.monotonic() - began < 6
    message = str(caught.value)
    assert "cannot be reached" in message and "hunter2" not in message and "teacher@127.0.0.1" in message


def test_a_locked_sqlite_database_is_unavailable_after_the_timeout(tmp_path):
    url = f"sqlite:///{tmp_path / 'classes.sqlite'}?timeout=0.2"
    with open_store(url) as store:
        store.create_class(a_class())
        holder = sqlite3.connect(tmp_path / "classes.sqlite", isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            began = time.monotonic()
            with pytest.raises(StoreUnavailable) as caught:
                store.create_class(a_class("BBB-222"))
            assert time.monotonic() - began < 3
            assert "busy" in str(caught.value)
            assert store.get_class("K7M-Q4P") is not None     # readers still read (WAL)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        store.create_class(a_class("BBB-222"))


def test_sqlite_settings(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'c.sqlite'}") as store, store._begin() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1      # NORMAL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000


def test_addresses(monkeypatch, tmp_path):
    monkeypatch.setenv("SAFECITY_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SAFECITY_DB", raising=False)
    assert default_url() == f"sqlite:///{tmp_path / 'home' / 'classes.sqlite'}"
    monkeypatch.setenv("SAFECITY_DB", "postgresql://teacher@db.lycee.fr/classes")
    assert default_url() == "postgresql://teacher@db.lycee.fr/classes"
    assert display_url("postgresql://teacher:s3cr@t@db:5432/classes") == "postgresql://teacher@db:5432/classes"
    assert display_url("postgresql://db/classes?password=x&sslmode=require") == \
        "postgresql://db/classes?password=&sslmode=require"
    assert display_url("sqlite:////home/prof/classes.sqlite") == "sqlite:////home/prof/classes.sqlite"
    with pytest.raises(StoreError) as caught:
        open_store("mysql://teacher:pw@db/classes")
    assert "pw" not in str(caught.value).replace("postgresql", "")


@pytest.mark.parametrize("home", ["home", "Mes documents/50% de ? #1"])
def test_the_default_store_lives_in_the_data_folder(monkeypatch, tmp_path, home):
    monkeypatch.setenv("SAFECITY_HOME", str(tmp_path / home))
    monkeypatch.delenv("SAFECITY_DB", raising=False)
    with open_store() as store:
        store.create_class(a_class())
    assert (tmp_path / home / "classes.sqlite").is_file()


# -- 30 students at once ---------------------------------------------------------------------

STUDENTS, EVENTS, BATCH = 30, 40, 4


def test_thirty_processes_write_at_once(store_url):
    with open_store(store_url) as store:
        store.create_class(a_class())
    # Fork: the students' processes start with the modules already imported (spawning 30
    # interpreters that each compile SQLAlchemy takes minutes on 2 cores); each opens its own store.
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    barrier, results = ctx.Barrier(STUDENTS), ctx.Queue()
    workers = [ctx.Process(target=write_as_student, args=(store_url, "K7M-Q4P", i, EVENTS, BATCH, barrier, results))
               for i in range(STUDENTS)]
    for worker in workers:
        worker.start()
    reports = [results.get(timeout=240) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    errors = [r[1] for r in reports if r[0] == "error"]
    assert errors == []
    assert all(worker.exitcode == 0 for worker in workers)
    assert sum(r[2] for r in reports) > STUDENTS * 3          # some batches really were sent twice
    assert all(r[1] == EVENTS for r in reports)              # each reported exactly its own rows as new
    with open_store(store_url) as store:
        stored = store.events("K7M-Q4P")
        assert len(stored) == STUDENTS * EVENTS
        assert len({(e.participant_id, e.seq) for e in stored}) == STUDENTS * EVENTS
        assert {p: sorted(e.seq for e in stored if e.participant_id == p) for p, *_ in reports} == \
            {p: list(range(1, EVENTS + 1)) for p, *_ in reports}
        assert len(store.participants("K7M-Q4P")) == STUDENTS
        assert all(row["events"] == EVENTS for row in store.progress("K7M-Q4P").values())


def test_a_database_another_process_is_setting_up_is_opened_once_it_is_free(tmp_path, monkeypatch):
    """SQLite may say "busy" without waiting while several processes create a database together:
    opening tries again within the usual wait, and says so only when the wait is over."""
    from game.classroom.errors import StoreBusy
    from game.classroom.store import Store

    url = f"sqlite:///{tmp_path}/classes.sqlite"
    real, tries = Store.migrate, []

    def busy_twice(self, steps=None):
        tries.append(1)
        if len(tries) <= 2:
            raise StoreBusy("busy")
        return real(self, steps)

    monkeypatch.setattr(Store, "migrate", busy_twice)
    with open_store(url) as store:
        assert store.version() == schema.LATEST and len(tries) == 3

    monkeypatch.setattr(Store, "migrate", lambda self, steps=None: (_ for _ in ()).throw(StoreBusy("busy")))
    began = time.monotonic()
    with pytest.raises(StoreBusy):
        open_store(url, timeout=0.3)
    assert 0.3 <= time.monotonic() - began < 5
