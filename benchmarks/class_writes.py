"""30 students writing their events at once into the class store, beside a plain INSERT.

Each student is a process (forked, so none pays for importing SQLAlchemy during the
measure). They wait at a barrier, then each sends `--events` events one at a time, as the
game does at every choice. Measured per write, on SQLite (a WAL file, as on the
facilitator's machine) and on PostgreSQL (a server this script starts in a temporary folder
with its binaries, fsync on, as the tests do; skipped if they are missing):

| row | one write is |
|---|---|
| plain INSERT, 1 process (baseline) | one row, one transaction, by the bare driver (sqlite3 / psycopg) |
| plain INSERT, 30 processes | the same, 30 processes at once: what contention alone costs |
| store.record, 30 processes | `Store.record([event])`: participant check + INSERT ... ON CONFLICT DO NOTHING |
| Recorder.record, 30 processes | the game's call: the event written to the outbox file (fsync), then sent |
| store.record / Recorder.record, 1 process | the same calls without the other 29 (a student alone at a database) |

It prints p50 and p99 per write, the total time from the barrier to the last write, and the
ratio of each p50 to the baseline's. It is a report, not a test: it exits 0.

    uv run python benchmarks/class_writes.py [--students 30] [--events 40] [--backends sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.classroom.outbox import Recorder  # noqa: E402
from game.classroom.records import CHOICE, ClassRecord, Event, Participant  # noqa: E402
from game.classroom.store import open_store  # noqa: E402
from tests.classroom.postgres_server import benchmark_server  # noqa: E402

CODE = "BEN-CH1"
PLAIN_TABLE = "CREATE TABLE plain (id INTEGER PRIMARY KEY, participant_id TEXT, seq INTEGER, data TEXT)"
PLAIN_TABLE_PG = "CREATE TABLE plain (id BIGSERIAL PRIMARY KEY, participant_id TEXT, seq INTEGER, data TEXT)"
DATA = '{"choice":"c1","meters":{"trust":40},"ms":5120,"outcome":null}'


class PlainWriter:
    """One row per transaction with the bare driver, the way the store's connections are set up."""

    def __init__(self, backend: str, target: str):
        self.backend = backend
        if backend == "sqlite":
            self.conn = sqlite3.connect(target, isolation_level=None, timeout=10)
            for pragma in ("busy_timeout = 10000", "journal_mode = WAL", "synchronous = NORMAL"):
                self.conn.execute(f"PRAGMA {pragma}")
        else:
            import psycopg
            self.conn = psycopg.connect(target.replace("postgresql://", "postgresql://", 1), autocommit=True)

    def write(self, participant_id: str, seq: int) -> None:
        if self.backend == "sqlite":
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute("INSERT INTO plain (participant_id, seq, data) VALUES (?, ?, ?)",
                              (participant_id, seq, DATA))
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("INSERT INTO plain (participant_id, seq, data) VALUES (%s, %s, %s)",
                              (participant_id, seq, DATA))

    def close(self) -> None:
        self.conn.close()


def student(mode: str, backend: str, url: str, plain_target: str, index: int, events: int, folder: str,
            barrier, results) -> None:
    try:
        pid = f"{index:04x}{os.getpid():08x}"
        participant = Participant(pid, CODE, f"{mode} {index} of {barrier.parties}", "AB", time.time())
        if mode == "plain":
            writer = PlainWriter(backend, plain_target)
            write = lambda seq: writer.write(pid, seq)  # noqa: E731
        elif mode == "store":
            writer = open_store(url)
            writer.join(participant)
            write = lambda seq: writer.record([Event(pid, seq, CHOICE, time.time(), "s1", 1,  # noqa: E731
                                                     {"choice": "c1", "meters": {"trust": 40}, "ms": 5120})])
        else:
            store = open_store(url)
            store.join(participant)
            store.close()
            writer = Recorder(url, participant, Path(folder) / f"{pid}.json")
            write = lambda seq: writer.record(CHOICE, scene="s1", turn=1, choice="c1",  # noqa: E731
                                              meters={"trust": 40}, ms=5120)
        barrier.wait(timeout=300)
        began = time.perf_counter()
        latencies = []
        for seq in range(1, events + 1):
            start = time.perf_counter()
            write(seq)
            latencies.append(time.perf_counter() - start)
        ended = time.perf_counter()
        problem = getattr(writer, "notice", None)
        writer.close()
        results.put((latencies, began, ended, problem))
    except BaseException as exc:  # noqa: BLE001
        results.put(([], 0.0, 0.0, f"{type(exc).__name__}: {exc}"))


def run_students(mode, backend, url, plain_target, students, events, folder):
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(students), ctx.Queue()
    procs = [ctx.Process(target=student, args=(mode, backend, url, plain_target, i, events, folder, barrier, results))
             for i in range(students)]
    for proc in procs:
        proc.start()
    reports = [results.get(timeout=600) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
    problems = [r[3] for r in reports if r[3]]
    latencies = sorted(x for r in reports for x in r[0])
    total = max(r[2] for r in reports) - min(r[1] for r in reports) if latencies else 0.0
    return latencies, total, problems


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def measure_backend(backend: str, url: str, plain_target: str, students: int, events: int, folder: str):
    with open_store(url) as store:
        store.create_class(ClassRecord(CODE, "benchmark", "safe-city", "safe-city", "Safe City", "", "en", 1,
                                       "none", time.time()))
    writer = PlainWriter(backend, plain_target)
    writer.conn.execute(PLAIN_TABLE if backend == "sqlite" else PLAIN_TABLE_PG)
    for seq in range(20):                                     # warm up
        writer.write("warm", seq)
    single = []
    for seq in range(students * events // 4):
        start = time.perf_counter()
        writer.write("single", seq)
        single.append(time.perf_counter() - start)
    writer.close()
    single.sort()
    rows = [("plain INSERT, 1 process (baseline)", single, sum(single), [])]
    for mode, count, label in (("plain", students, f"plain INSERT, {students} processes"),
                               ("store", students, f"store.record, {students} processes"),
                               ("recorder", students, f"Recorder.record, {students} processes"),
                               ("store", 1, "store.record, 1 process"),
                               ("recorder", 1, "Recorder.record, 1 process")):
        latencies, total, problems = run_students(mode, backend, url, plain_target, count, events, folder)
        rows.append((label, latencies, total, problems))
    with open_store(url) as store:
        stored = len(store.events(CODE))
    return rows, stored


def print_rows(backend: str, rows, stored: int, expected: int) -> None:
    base = percentile(rows[0][1], 50)
    print(f"\n{backend}")
    print(f"   {'writes of one event':38} {'n':>6} {'p50 ms':>8} {'p99 ms':>8} {'total s':>8} {'p50/base':>9}")
    for label, latencies, total, problems in rows:
        p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
        print(f"   {label:38} {len(latencies):6d} {p50 * 1000:8.2f} {p99 * 1000:8.2f} {total:8.2f} {p50 / base:8.2f}x")
        for problem in sorted(set(problems))[:3]:
            print(f"      ! {problem}")
    print(f"   events in the store: {stored} (expected {expected}: "
          f"{'all there, once each' if stored == expected else 'MISMATCH'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--events", type=int, default=40, help="events per student, each its own write")
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="class-writes-"))
    os.environ["SAFECITY_HOME"] = str(folder / "home")
    expected = 2 * (args.students + 1) * args.events          # store.record, Recorder.record; 30 then 1
    print(f"{args.students} students at once, {args.events} events each, one event per write; "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}")
    try:
        if "sqlite" in args.backends:
            path = folder / "classes.sqlite"
            rows, stored = measure_backend("sqlite", f"sqlite:///{path}", str(path), args.students, args.events,
                                           str(folder))
            print_rows("SQLite (WAL, synchronous=NORMAL)", rows, stored, expected)
        if "postgresql" in args.backends:
            with benchmark_server() as server:
                if server is not None:
                    url = server.create_database("bench")
                    rows, stored = measure_backend("postgresql", url, url, args.students, args.events, str(folder))
                    print_rows(f"PostgreSQL ({server.version}, fsync on, 127.0.0.1)", rows, stored, expected)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
