"""The class store: classes, their participants and every event, in SQLite or PostgreSQL.

    store = open_store()                      # $SAFECITY_DB, else classes.sqlite in the data folder
    store.create_class(record); store.join(participant); store.record(events)
    store.progress(code)                      # what the dashboards show, one query

SQLAlchemy Core does the SQL. Only the class commands import this module, so the game
itself does not pay for SQLAlchemy when it starts; code that only needs the exceptions
imports `game.classroom.errors`.

- SQLite (a file on the facilitator's machine): WAL journal, a busy timeout (10 s),
  synchronous=NORMAL, foreign keys on; every write transaction starts with
  BEGIN IMMEDIATE, so 30 students' processes queue for the write lock instead of failing.
- PostgreSQL (`postgresql://user@host/db`, through psycopg 3): a short connect timeout
  (5 s), and connections checked before use so a server restart is survived.

Writes are idempotent: a join retried with the same participant id, and events retried
with the same (participant_id, seq), never make a second row. Errors are `StoreError`s
whose str() is a sentence for the user (errors.py).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect

from game.classroom import limits, schema
from game.classroom.errors import (ClassClosed, ClassExists, PseudonymTaken, StoreBusy, StoreCorrupt, StoreError,
                                   StoreTooNew, StoreUnavailable, UnknownClass, UnknownParticipant)
from game.classroom.records import FINISHED, VOTE, ClassRecord, Event, Participant, Poll
from game.classroom.schema import classes, events, participants, polls

__all__ = ["Store", "open_store", "default_url", "display_url", "data_dir", "pseudonym_key",
           "StoreError", "StoreUnavailable", "StoreBusy", "StoreCorrupt", "StoreTooNew", "ClassExists",
           "UnknownClass", "ClassClosed", "PseudonymTaken", "UnknownParticipant"]

SQLITE_BUSY_TIMEOUT = 10.0   # seconds a writer waits for the lock before StoreUnavailable
OPEN_RETRY_SECONDS = 0.05    # between two tries to open a database another process is setting up
PG_CONNECT_TIMEOUT = 5.0     # seconds before an unreachable server gives StoreUnavailable
PG_STATEMENT_TIMEOUT = 30.0  # seconds a statement may run (a stuck server must not freeze a class)
_CHUNK = 500                 # rows per call (SQLAlchemy splits them into INSERTs the driver accepts)
_MIGRATION_LOCK = 7_372_489  # PostgreSQL advisory lock: one process migrates at a time


def data_dir() -> Path:
    """The game's data folder: $SAFECITY_HOME, else ~/.local/share/safecity (the saves' parent)."""
    from game.engine.saves import saves_dir
    return saves_dir().parent


def default_url() -> str:
    """$SAFECITY_DB if set, else the SQLite file classes.sqlite in the data folder."""
    url = os.environ.get("SAFECITY_DB", "").strip()
    if url:
        return url
    path = str(data_dir() / "classes.sqlite")
    return "sqlite:///" + path.replace("%", "%25").replace("?", "%3F").replace("#", "%23")


def display_url(url: str) -> str:
    """`url` without its password (in the address or as a query option), for messages."""
    text = str(url)
    scheme, sep, rest = text.partition("://")
    if not sep:
        return text
    at = rest.rfind("@")          # the last one: a password may hold an unescaped "@"
    if at != -1:
        user = rest[:at].split(":", 1)[0]
        rest = (user + "@" if user else "") + rest[at + 1:]
    rest = re.sub(r"([?&])(password|passwd|pwd)=[^&#]*", r"\1\2=", rest, flags=re.IGNORECASE)
    return f"{scheme}://{rest}"


def pseudonym_key(pseudonym: str) -> str:
    """What two pseudonyms must differ in: case and surrounding spaces do not count."""
    return unicodedata.normalize("NFKC", pseudonym).strip().casefold()


def open_store(url: str | None = None, *, timeout: float | None = None) -> Store:
    """The store at `url` (default_url() if None), its schema brought up to date.

    `timeout` (seconds) is how long an SQLite writer waits for the lock, or how long a
    PostgreSQL connection may take; the URL may give it too (`?timeout=` for SQLite,
    `?connect_timeout=` for PostgreSQL). Raises StoreError (StoreTooNew, StoreCorrupt,
    StoreUnavailable...).
    """
    url = default_url() if url is None else str(url)
    began = time.monotonic()
    while True:
        store = Store(url, timeout=timeout)
        try:
            store.migrate()
            return store
        except StoreBusy:
            store.close()
            # SQLite can answer "busy" at once, without waiting, while several processes set up a
            # new database together (its switch to WAL): try again, within the usual wait.
            if time.monotonic() - began >= store.busy_seconds:
                raise
            time.sleep(OPEN_RETRY_SECONDS)
        except BaseException:
            store.close()
            raise


def _sqlite_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


_SQLITE_BUSY = {5, 6}            # SQLITE_BUSY, SQLITE_LOCKED
_SQLITE_CORRUPT = {11, 26}       # SQLITE_CORRUPT, SQLITE_NOTADB
_SQLITE_UNWRITABLE = {3, 8, 10, 13, 14, 23}  # PERM, READONLY, IOERR, FULL, CANTOPEN, AUTH


class Store:
    """A class database. Use open_store() to get one with its schema up to date."""

    def __init__(self, url: str, *, timeout: float | None = None):
        self.url = display_url(url)
        self._engine = None
        self.busy_seconds = 0.0     # how long an SQLite writer waits for the lock (0 for PostgreSQL)
        self._engine = self._make_engine(url, timeout)
        self.backend = self._engine.dialect.name  # "sqlite" or "postgresql"
        self._owners: dict[str, str] = {}         # participant id -> class code (it never changes)
        insert = sqlite_dialect.insert if self.backend == "sqlite" else pg_dialect.insert
        # One statement, compiled once: the rows go as parameters (SQLAlchemy sends several
        # in one INSERT), and RETURNING lists only the rows that were new.
        self._insert_events = (insert(events).on_conflict_do_nothing(index_elements=["participant_id", "seq"])
                               .returning(events.c.id))

    # -- connection ---------------------------------------------------------------------

    def _make_engine(self, url: str, timeout: float | None) -> sa.Engine:
        if "://" not in url:                      # a plain path: an SQLite file
            url_obj = sa.URL.create("sqlite", database=url)
        else:
            try:
                url_obj = sa.make_url(url)
            except sa.exc.ArgumentError:
                raise StoreError(f"“{self.url}” is not a database address "
                                 "(expected sqlite:///path or postgresql://user@host/database).") from None
        backend = url_obj.get_backend_name()
        if backend == "sqlite":
            return self._sqlite_engine(url_obj, timeout)
        if backend in ("postgresql", "postgres"):
            return self._postgresql_engine(url_obj, timeout)
        raise StoreError(f"“{self.url}” is not a database the class store knows "
                         "(expected sqlite:///path or postgresql://user@host/database).")

    def _sqlite_engine(self, url_obj: sa.URL, timeout: float | None) -> sa.Engine:
        query_timeout = url_obj.query.get("timeout")
        url_obj = url_obj.difference_update_query(["timeout"])
        try:
            busy = float(timeout if timeout is not None else query_timeout if query_timeout else SQLITE_BUSY_TIMEOUT)
        except ValueError:
            raise StoreError(f"The timeout in “{self.url}” is not a number of seconds.") from None
        self.busy_seconds = busy
        database = url_obj.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreUnavailable(f"The folder of the class database {self.url} cannot be made "
                                       f"({exc.strerror or exc}).") from None
        engine = sa.create_engine(url_obj, connect_args={"timeout": busy})
        busy_ms = max(0, int(busy * 1000))
        # A new database file is the facilitator's alone (it holds the pseudonyms); SQLite gives its
        # journal files the same permissions. chmod, never open+close: closing any descriptor of the
        # file would drop this process's SQLite locks on it (POSIX advisory locks are per process).
        fresh = bool(database) and database != ":memory:" and not database.startswith("file:") \
            and not os.path.exists(Path(database).expanduser())

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):
            dbapi_conn.isolation_level = None     # transactions are begun below, not by the driver
            cursor = dbapi_conn.cursor()
            try:
                cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = NORMAL")
                cursor.execute("PRAGMA foreign_keys = ON")
            finally:
                cursor.close()
            if fresh:
                try:
                    os.chmod(Path(database).expanduser(), 0o600)
                except OSError:
                    pass

        @sa.event.listens_for(engine, "begin")
        def _on_begin(conn):
            # A writer takes the lock at once (waiting up to busy_timeout), never half-way
            # through, when SQLite could only fail without waiting.
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

        return engine

    def _postgresql_engine(self, url_obj: sa.URL, timeout: float | None) -> sa.Engine:
        query_timeout = url_obj.query.get("connect_timeout")
        url_obj = url_obj.difference_update_query(["connect_timeout"]).set(drivername="postgresql+psycopg")
        try:
            seconds = float(timeout if timeout is not None else query_timeout if query_timeout else PG_CONNECT_TIMEOUT)
        except ValueError:
            raise StoreError(f"The connect_timeout in “{self.url}” is not a number of seconds.") from None
        try:
            import psycopg  # noqa: F401  (a clear message if the driver is missing)
        except ImportError:
            raise StoreError("PostgreSQL needs the psycopg package (pip install 'psycopg[binary]').") from None
        return sa.create_engine(
            url_obj, pool_pre_ping=True,
            connect_args={"connect_timeout": max(1, round(seconds)),
                          "options": f"-c statement_timeout={int(PG_STATEMENT_TIMEOUT * 1000)}"})

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _begin(self, write: bool = False) -> Iterator[sa.Connection]:
        """A connection in a transaction, committed at the end; driver errors become StoreErrors.

        IntegrityError passes through: the caller knows what a broken constraint means.
        """
        try:
            with self._engine.connect() as conn:
                if write:
                    conn.execution_options(write=True)
                with conn.begin():
                    yield conn
        except (StoreError, sa.exc.IntegrityError):
            raise
        except sa.exc.DBAPIError as exc:
            raise self._translate(exc) from exc
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"The class database {self.url} could not be used ({type(exc).__name__}).") from exc

    def _translate(self, exc: sa.exc.DBAPIError) -> StoreError:
        orig = exc.orig
        if isinstance(orig, sqlite3.Error):
            code = _sqlite_code(orig)
            if code in _SQLITE_BUSY:
                return StoreBusy(f"The class database {self.url} is busy (another program holds it); "
                                 "try again in a moment.")
            if code in _SQLITE_CORRUPT:
                return StoreCorrupt(f"{self.url} is not a readable class database: the file is damaged "
                                    "or is not a database. Move it aside to start a new one.")
            if code in _SQLITE_UNWRITABLE:
                return StoreUnavailable(f"The class database {self.url} cannot be opened or written "
                                        f"({_first_line(orig)}).")
            return StoreError(f"The class database {self.url} reported an error ({_first_line(orig)}).")
        if isinstance(exc, sa.exc.OperationalError) or exc.connection_invalidated:
            return StoreUnavailable(f"The class database server {self.url} cannot be reached now "
                                    f"({_first_line(orig)}).")
        return StoreError(f"The class database {self.url} reported an error ({_first_line(orig)}).")

    # -- schema -------------------------------------------------------------------------

    def version(self) -> int:
        with self._begin() as conn:
            return schema.read_version(conn)

    def migrate(self, steps=None) -> int:
        """Run the migrations this database is missing; its version afterwards."""
        steps = schema.MIGRATIONS if steps is None else steps
        target = len(steps)
        version = self.version()
        while True:
            self._check_not_newer(version, target)
            if version == target:
                return version
            with self._begin(write=True) as conn:
                if self.backend == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
                schema.create_version_table(conn)
                version = schema.read_version(conn)   # another process may have migrated meanwhile
                self._check_not_newer(version, target)
                if version < target:
                    steps[version](conn)
                    version += 1
                    schema.write_version(conn, version)

    def _check_not_newer(self, version: int, target: int) -> None:
        if version > target:
            raise StoreTooNew(f"The class database {self.url} was written by a newer version of Safe City "
                              f"(schema {version}; this one knows up to {target}). Update Safe City to use it; "
                              "it was left untouched.")

    # -- classes ------------------------------------------------------------------------

    def create_class(self, record: ClassRecord) -> None:
        if not -(2 ** 63) <= record.seed < 2 ** 63:
            raise ValueError("a class seed must fit in 64 bits")
        row = _class_row(record)
        _check_lengths(classes, row)
        try:
            with self._begin(write=True) as conn:
                if conn.execute(sa.select(classes.c.code).where(classes.c.code == record.code)).first():
                    raise ClassExists(f"A class with the code {record.code} already exists.")
                conn.execute(classes.insert().values(**row))
        except sa.exc.IntegrityError:
            raise ClassExists(f"A class with the code {record.code} already exists.") from None

    def get_class(self, code: str) -> ClassRecord | None:
        with self._begin() as conn:
            row = conn.execute(sa.select(classes).where(classes.c.code == code)).mappings().first()
        return None if row is None else _class_record(row)

    def list_classes(self) -> list[ClassRecord]:
        """Every class, the newest first."""
        with self._begin() as conn:
            rows = conn.execute(sa.select(classes).order_by(classes.c.created_at.desc(), classes.c.code)).mappings()
            return [_class_record(row) for row in rows]

    def close_class(self, code: str) -> None:
        """No one may join any more (those who joined can still send their events)."""
        with self._begin(write=True) as conn:
            done = conn.execute(classes.update().where(classes.c.code == code).values(closed=True))
            if done.rowcount == 0:
                raise UnknownClass(f"There is no class with the code {code}.")

    def delete_class(self, code: str) -> dict[str, int]:
        """Delete the class and everything of it; how many rows went from each table."""
        with self._begin(write=True) as conn:
            return self._delete(conn, code)

    def _delete(self, conn: sa.Connection, code: str) -> dict[str, int]:
        self._owners.clear()
        conn.execute(polls.delete().where(polls.c.class_code == code))
        counts = {"events": conn.execute(events.delete().where(events.c.class_code == code)).rowcount,
                  "participants": conn.execute(participants.delete().where(participants.c.class_code == code)).rowcount,
                  "classes": conn.execute(classes.delete().where(classes.c.code == code)).rowcount}
        return {"classes": counts["classes"], "participants": counts["participants"], "events": counts["events"]}

    def purge(self, older_than_seconds: float, now: float | None = None) -> list[str]:
        """Delete every class created more than `older_than_seconds` ago; their codes."""
        cutoff = (time.time() if now is None else now) - older_than_seconds
        with self._begin(write=True) as conn:
            codes = list(conn.execute(sa.select(classes.c.code).where(classes.c.created_at < cutoff)
                                      .order_by(classes.c.created_at, classes.c.code)).scalars())
            for code in codes:
                self._delete(conn, code)
        return codes

    # -- participants -------------------------------------------------------------------

    def join(self, participant: Participant) -> Participant:
        """Add a student to an open class, and return them as stored. Joining again with the same id
        changes nothing.

        A participant without a form order gets one here, inside the join's transaction (the class's
        row is locked on PostgreSQL; SQLite writes one at a time): whichever of AB and BA fewer
        students of the class have, so that however many join at once, half take form A first.
        """
        key = pseudonym_key(participant.pseudonym)
        if not key:
            raise ValueError("a pseudonym cannot be empty")
        _check_lengths(participants, {"id": participant.id, "class_code": participant.code,
                                      "pseudonym": participant.pseudonym, "pseudonym_key": key,
                                      "form_order": participant.form_order})
        try:
            with self._begin(write=True) as conn:
                if self._already_joined(conn, participant, key):
                    return self._stored(conn, participant.id)
                row = conn.execute(sa.select(classes.c.closed).where(classes.c.code == participant.code)
                                   .with_for_update()).first()
                if row is None:
                    raise UnknownClass(f"There is no class with the code {participant.code}.")
                if row.closed:
                    raise ClassClosed(f"The class {participant.code} is closed: no one can join it any more.")
                if conn.execute(sa.select(participants.c.id).where(participants.c.class_code == participant.code,
                                                                   participants.c.pseudonym_key == key)).first():
                    raise PseudonymTaken(f"Someone in this class already uses the pseudonym "
                                         f"“{participant.pseudonym.strip()}”; choose another.")
                order = participant.form_order or self._next_order(conn, participant.code)
                conn.execute(participants.insert().values(
                    id=participant.id, class_code=participant.code, pseudonym=participant.pseudonym,
                    pseudonym_key=key, form_order=order, joined_at=participant.joined_at))
                return self._stored(conn, participant.id)
        except sa.exc.IntegrityError:
            # Another process got there between the checks and the insert (PostgreSQL).
            with self._begin() as conn:
                if self._already_joined(conn, participant, key):
                    return self._stored(conn, participant.id)
            raise PseudonymTaken(f"Someone in this class already uses the pseudonym "
                                 f"“{participant.pseudonym.strip()}”; choose another.") from None

    @staticmethod
    def _next_order(conn: sa.Connection, code: str) -> str:
        counts = dict(conn.execute(sa.select(participants.c.form_order, sa.func.count())
                                   .where(participants.c.class_code == code)
                                   .group_by(participants.c.form_order)).all())
        return "BA" if counts.get("BA", 0) < counts.get("AB", 0) else "AB"

    @staticmethod
    def _stored(conn: sa.Connection, participant_id: str) -> Participant:
        return _participant(conn.execute(sa.select(participants).where(participants.c.id == participant_id))
                            .mappings().one())

    @staticmethod
    def _already_joined(conn: sa.Connection, participant: Participant, key: str) -> bool:
        row = conn.execute(sa.select(participants.c.class_code, participants.c.pseudonym_key)
                           .where(participants.c.id == participant.id)).first()
        if row is None:
            return False
        if row.class_code == participant.code and row.pseudonym_key == key:
            return True
        raise PseudonymTaken("This participant id is already used by someone else; join again.")

    def participant(self, code: str, pseudonym: str) -> Participant | None:
        with self._begin() as conn:
            row = conn.execute(sa.select(participants).where(
                participants.c.class_code == code,
                participants.c.pseudonym_key == pseudonym_key(pseudonym))).mappings().first()
        return None if row is None else _participant(row)

    def participants(self, code: str) -> list[Participant]:
        """The class's participants in join order."""
        with self._begin() as conn:
            rows = conn.execute(sa.select(participants).where(participants.c.class_code == code)
                                .order_by(participants.c.joined_at, participants.c.id)).mappings()
            return [_participant(row) for row in rows]

    # -- events -------------------------------------------------------------------------

    def record(self, batch: list[Event]) -> int:
        """Store events; those already stored (same participant_id and seq) are skipped.

        Returns how many were new. Raises UnknownParticipant for an event of someone who
        never joined, and ValueError for an event that is not one (kind, seq).
        """
        if not batch:
            return 0
        rows: dict[tuple[str, int], dict] = {}
        for event in batch:
            data = limits.event_data_text(event)
            rows.setdefault((event.participant_id, event.seq), {
                "participant_id": event.participant_id, "seq": event.seq, "kind": event.kind,
                "at": float(event.at), "scene": event.scene or "", "turn": int(event.turn or 0), "data": data})
        ids = sorted({pid for pid, _ in rows})
        new = 0
        try:
            with self._begin(write=True) as conn:
                unknown = [pid for pid in ids if pid not in self._owners]
                if unknown:
                    if len(self._owners) > 10_000:
                        self._owners.clear()
                    self._owners.update(conn.execute(sa.select(participants.c.id, participants.c.class_code)
                                                     .where(participants.c.id.in_(unknown))).all())
                if any(pid not in self._owners for pid in ids):
                    raise UnknownParticipant(_UNKNOWN_PARTICIPANT)
                values = [{**row, "class_code": self._owners[row["participant_id"]]} for row in rows.values()]
                for start in range(0, len(values), _CHUNK):
                    new += len(conn.execute(self._insert_events, values[start:start + _CHUNK]).all())
        except sa.exc.IntegrityError:
            # The foreign key: the participant was deleted (with their class) since we last looked.
            for pid in ids:
                self._owners.pop(pid, None)
            raise UnknownParticipant(_UNKNOWN_PARTICIPANT) from None
        return new

    def events(self, code: str, participant_id: str | None = None) -> list[Event]:
        """The class's events (or one participant's), by participant id then seq."""
        query = sa.select(events).where(events.c.class_code == code)
        if participant_id is not None:
            query = query.where(events.c.participant_id == participant_id)
        with self._begin() as conn:
            rows = conn.execute(query.order_by(events.c.participant_id, events.c.seq)).mappings()
            return [_event(row) for row in rows]

    def last_seq(self, participant_id: str) -> int:
        """The highest seq stored for this participant (0 if none)."""
        with self._begin() as conn:
            value = conn.execute(sa.select(sa.func.max(events.c.seq))
                                 .where(events.c.participant_id == participant_id)).scalar()
        return int(value or 0)

    def activity(self, code: str) -> tuple[int, int, int, bool] | None:
        """(participants, events, highest event row id, closed) of a class, in one cheap query; None if
        there is no such class. It changes whenever someone joins or anything is recorded: a dashboard
        asks this every second and reads the rows only when it changed."""
        joined = sa.select(sa.func.count()).select_from(participants).where(participants.c.class_code == code)
        counted = sa.select(sa.func.count()).select_from(events).where(events.c.class_code == code)
        newest = sa.select(sa.func.max(events.c.id)).where(events.c.class_code == code)
        query = sa.select(joined.scalar_subquery(), counted.scalar_subquery(), newest.scalar_subquery(),
                          classes.c.closed).where(classes.c.code == code)
        with self._begin() as conn:
            row = conn.execute(query).first()
        return None if row is None else (int(row[0]), int(row[1]), int(row[2] or 0), bool(row[3]))

    def events_after(self, code: str, row_id: int = 0) -> list[tuple[int, Event]]:
        """(row id, event) of the class's events stored in rows after `row_id`, in row order: what
        a dashboard has not read yet. On PostgreSQL a row id may become visible after a higher one
        (transactions commit in any order); compare counts with activity() to notice."""
        query = (sa.select(events).where(events.c.class_code == code, events.c.id > row_id)
                 .order_by(events.c.id))
        with self._begin() as conn:
            return [(int(row["id"]), _event(row)) for row in conn.execute(query).mappings()]

    def progress(self, code: str) -> dict[str, dict]:
        """Per participant (join order): pseudonym, last kind, scene, turn and time, events, finished.

        One query: a participant without events has events=0 and last_kind "".
        """
        agg = (sa.select(events.c.participant_id.label("pid"), sa.func.count().label("n"),
                         sa.func.max(events.c.seq).label("last_seq"),
                         sa.func.max(sa.case((events.c.kind == FINISHED, 1), else_=0)).label("finished"))
               .where(events.c.class_code == code).group_by(events.c.participant_id).subquery("agg"))
        last = events.alias("last")
        query = (sa.select(participants.c.id, participants.c.pseudonym, agg.c.n, agg.c.finished,
                           last.c.kind, last.c.scene, last.c.turn, last.c.at)
                 .select_from(participants
                              .outerjoin(agg, agg.c.pid == participants.c.id)
                              .outerjoin(last, sa.and_(last.c.participant_id == agg.c.pid,
                                                       last.c.seq == agg.c.last_seq)))
                 .where(participants.c.class_code == code)
                 .order_by(participants.c.joined_at, participants.c.id))
        with self._begin() as conn:
            return {row.id: {"pseudonym": row.pseudonym, "last_kind": row.kind or "", "scene": row.scene or "",
                             "turn": int(row.turn or 0), "last_at": row.at, "events": int(row.n or 0),
                             "finished": bool(row.finished)}
                    for row in conn.execute(query)}


    # -- class votes ----------------------------------------------------------------------

    def open_poll(self, code: str, scene: str, turn: int, choices: list[dict]) -> Poll:
        """The next decision of a class vote, open to votes (the previous one must be closed)."""
        _check_lengths(polls, {"scene": scene})
        try:
            with self._begin(write=True) as conn:
                last = conn.execute(sa.select(polls).where(polls.c.class_code == code)
                                    .order_by(polls.c.number.desc()).limit(1)).mappings().first()
                if last is not None and last["closed_at"] is None:
                    return _poll(last)          # already open (the facilitator's app came back)
                number = 1 if last is None else int(last["number"]) + 1
                conn.execute(polls.insert().values(
                    class_code=code, number=number, scene=scene, turn=int(turn),
                    choices=json.dumps(list(choices), ensure_ascii=False), opened_at=time.time(),
                    closed_at=time.time() if not scene else None, how="ended" if not scene else ""))
                return _poll(conn.execute(sa.select(polls).where(polls.c.class_code == code,
                                                                 polls.c.number == number)).mappings().one())
        except sa.exc.IntegrityError:
            raise ClassExists("Another window opened this vote at the same moment; open it again.") from None

    def close_poll(self, code: str, number: int, chosen: str, how: str, tally: dict[str, int]) -> Poll:
        with self._begin(write=True) as conn:
            conn.execute(polls.update().where(polls.c.class_code == code, polls.c.number == number,
                                              polls.c.closed_at.is_(None))
                         .values(closed_at=time.time(), chosen=chosen, how=how, tally=json.dumps(tally)))
            return _poll(conn.execute(sa.select(polls).where(polls.c.class_code == code, polls.c.number == number))
                         .mappings().one())

    def current_poll(self, code: str) -> Poll | None:
        """The class vote's latest decision (open or closed), or None before the first."""
        with self._begin() as conn:
            row = conn.execute(sa.select(polls).where(polls.c.class_code == code)
                               .order_by(polls.c.number.desc()).limit(1)).mappings().first()
        return None if row is None else _poll(row)

    def polls(self, code: str) -> list[Poll]:
        with self._begin() as conn:
            rows = conn.execute(sa.select(polls).where(polls.c.class_code == code).order_by(polls.c.number))
            return [_poll(row) for row in rows.mappings()]

    def votes(self, code: str, number: int) -> dict[str, str]:
        """participant id -> choice id: each student's latest vote on this decision."""
        with self._begin() as conn:
            rows = conn.execute(sa.select(events.c.participant_id, events.c.data)
                                .where(events.c.class_code == code, events.c.kind == VOTE)
                                .order_by(events.c.participant_id, events.c.seq)).all()
        found = {}
        for pid, data in rows:
            try:
                vote = json.loads(data)
            except ValueError:
                continue
            if isinstance(vote, dict) and vote.get("poll") == number and isinstance(vote.get("choice"), str):
                found[pid] = vote["choice"]
        return found


_UNKNOWN_PARTICIPANT = ("These results belong to a participant the class does not know "
                        "(the class may have been deleted).")


def _check_lengths(table: sa.Table, row: dict) -> None:
    """The same limits on both backends (SQLite does not enforce VARCHAR lengths; PostgreSQL does)."""
    for name, value in row.items():
        length = getattr(table.c[name].type, "length", None)
        if length and isinstance(value, str) and len(value) > length:
            raise ValueError(f"{table.name}.{name} is longer than {length} characters")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    line = text[0] if text else type(exc).__name__
    return line[:200]


def _class_row(record: ClassRecord) -> dict:
    return {"code": record.code, "name": record.name, "scenario": record.scenario,
            "scenario_path": record.scenario_path, "title": record.title, "variant": record.variant,
            "language": record.language, "seed": record.seed, "quiz": record.quiz,
            "created_at": float(record.created_at), "closed": bool(record.closed), "mode": record.mode}


def _class_record(row) -> ClassRecord:
    return ClassRecord(code=row["code"], name=row["name"], scenario=row["scenario"],
                       scenario_path=row["scenario_path"], title=row["title"], variant=row["variant"],
                       language=row["language"], seed=int(row["seed"]), quiz=row["quiz"],
                       created_at=float(row["created_at"]), closed=bool(row["closed"]), mode=row["mode"] or "play")


def _participant(row) -> Participant:
    return Participant(id=row["id"], code=row["class_code"], pseudonym=row["pseudonym"],
                       form_order=row["form_order"], joined_at=float(row["joined_at"]))


def _event(row) -> Event:
    return Event(participant_id=row["participant_id"], seq=int(row["seq"]), kind=row["kind"], at=float(row["at"]),
                 scene=row["scene"], turn=int(row["turn"]), data=json.loads(row["data"]))


def _poll(row) -> Poll:
    return Poll(code=row["class_code"], number=int(row["number"]), scene=row["scene"], turn=int(row["turn"]),
                choices=tuple(json.loads(row["choices"])), opened_at=float(row["opened_at"]),
                closed_at=None if row["closed_at"] is None else float(row["closed_at"]), chosen=row["chosen"],
                how=row["how"] or "", tally=json.loads(row["tally"] or "{}"))
