"""What one refresh of the class dashboard costs with 30 and with 300 students in the database,
beside reading the whole class again (the baseline, measured in the same run).

The class plays the full Safe City scenario: each student joined, took the pre-quiz, made
every decision of a 12-turn game, reached an ending, took the post-quiz and finished (about
50 events each: 15,000 rows for 300 students). Then, on SQLite (a WAL file) and on
PostgreSQL (a server started here in a temporary folder, skipped without its binaries):

| row | one refresh is |
|---|---|
| full read (baseline) | what a dashboard without the feed would do each time: every participant and event read, every student followed, a new snapshot with the quiz comparison |
| poll, nothing new | `ClassFeed.poll()` when nothing changed: the one `Store.activity` query |
| poll, one new choice | a student's choice arrived: the activity query, the new row, that student followed again, a new snapshot |
| poll, a quiz answer | a student answered the post-quiz: as above (the quiz comparison is not computed in a refresh) |
| quiz update (apart) | `ClassFeed.update_quiz()` after a student finished a quiz: that student scored again, the class compared (2,000 bootstrap resamples for each of two measures); the app runs it after the refresh, at most every 2 s |

It prints the median and p90 in milliseconds over `--repeat` refreshes, and each median's
ratio to the baseline's. The goal (issue 12): under 50 ms per refresh at 300 students.
It is a report, not a test: it exits 0.

    uv run python benchmarks/dashboard_refresh.py [--sizes 30,300] [--repeat 30] [--backends sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.classroom.records import CHOICE, QUIZ_ANSWER, Event  # noqa: E402
from game.classroom.store import open_store  # noqa: E402
from game.dashboard.feed import ClassFeed  # noqa: E402
from game.dashboard.snapshot import build_snapshot, quiz_summary  # noqa: E402
from game.dashboard.student import follow  # noqa: E402
from game.paths import resolve_scenario  # noqa: E402
from game.session import load_for_play  # noqa: E402
from tests.classroom.postgres_server import benchmark_server  # noqa: E402
from tests.dashboard.scripted import Student, join, make_class  # noqa: E402


def fill(store, scenario, students: int):
    """A class of `students` who all went through the whole lesson; (record, the students)."""
    record = make_class(store, scenario, path="safe-city")
    everyone = []
    for index in range(students):
        events: list[Event] = []
        student = Student(store, scenario, join(store, record.code, index), pick=index, buffer=events)
        student.whole_class(right_after=index % 3 != 0)
        store.record(events)
        everyone.append(student)
    return record, everyone


def full_read(store, record, scenario):
    """The baseline: the whole class read and computed again."""
    participants = store.participants(record.code)
    events = store.events(record.code)
    by_student: dict[str, list[Event]] = {}
    for event in events:
        by_student.setdefault(event.participant_id, []).append(event)
    states = {pid: follow(evs) for pid, evs in by_student.items()}
    quiz = quiz_summary([e for e in events if e.kind == QUIZ_ANSWER], states, scenario)
    return build_snapshot(record, participants, states, scenario, quiz)


def timed(action, repeat: int, before=None) -> list[float]:
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return times


def measure(url: str, scenario, students: int, repeat: int) -> tuple[list[tuple[str, list[float]]], int]:
    with open_store(url) as store:
        record, everyone = fill(store, scenario, students)
        rows = store.activity(record.code)[1]
        feed = ClassFeed(store, record, scenario)
        feed.poll()
        late = everyone[-1]
        late.buffer = None              # from now on each event is sent at once, as in class
        scene = next(s for s in scenario.scenes.values() if s.choices and not s.ending)

        def a_choice():
            late.send(CHOICE, scene.id, 1, choice=scene.choices[0].id, outcome=None, meters={}, ms=900)

        def a_quiz_answer():
            item = scenario.quiz["A"][0]
            late.send(QUIZ_ANSWER, phase="post", form="A", item=item.id, answer=True, confidence=4,
                      correct=True, ms=900)

        def must_change():
            assert feed.poll() is not None

        def quiz_changed():
            a_quiz_answer()                 # the late student (who finished) answered again
            must_change()
            feed.quiz_seconds = 0
            assert feed.quiz_due()

        results = [("full read (baseline)", timed(lambda: full_read(store, record, scenario), repeat)),
                   ("poll, nothing new", timed(lambda: feed.poll(), repeat)),
                   ("poll, one new choice", timed(must_change, repeat, before=a_choice)),
                   ("poll, a quiz answer", timed(must_change, repeat, before=a_quiz_answer)),
                   ("quiz update (apart)", timed(feed.update_quiz, repeat, before=quiz_changed))]
        assert feed.full_reads == 0, "the feed read the whole class again: the counts disagreed"
        return results, rows


def report(title: str, students: int, rows: int, results) -> None:
    base = statistics.median(results[0][1])
    print(f"\n{title}: {students} students, {rows} events")
    print(f"   {'one refresh':<28}{'n':>5}{'median ms':>11}{'p90 ms':>9}{'vs base':>9}")
    for name, times in results:
        median = statistics.median(times)
        p90 = sorted(times)[max(0, int(len(times) * 0.9) - 1)]
        print(f"   {name:<28}{len(times):>5}{median:>11.2f}{p90:>9.2f}{median / base:>8.3f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30,300")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    scenario = load_for_play(resolve_scenario("safe-city"), None)
    folder = Path(tempfile.mkdtemp(prefix="dashboard-bench-"))
    try:
        if "sqlite" in args.backends:
            for students in sizes:
                results, rows = measure(f"sqlite:///{folder / f'classes-{students}.sqlite'}", scenario, students,
                                        args.repeat)
                report("SQLite (WAL)", students, rows, results)
        if "postgresql" in args.backends:
            with benchmark_server() as server:
                for students in sizes if server is not None else ():
                    results, rows = measure(server.create_database(f"bench_{students}"), scenario, students,
                                            args.repeat)
                    report(f"{server.version} (127.0.0.1)", students, rows, results)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
