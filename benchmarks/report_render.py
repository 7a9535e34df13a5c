"""How long `safecity class report` takes with 30 and with 300 students, and where the time goes.

The class plays the full Safe City scenario (each student: pre-quiz, a whole 12-turn game, an
ending, post-quiz; about 50 events each) in an SQLite file. For each size it times, over
`--repeat` runs, the baseline of the same run, reading the class (every participant and event)
from the database, then:

| row | is |
|---|---|
| read (baseline) | `store.participants` + `store.events`: what any report must at least do |
| gather | the report's data: the class followed, each decision's distribution, what really happened, the meters, the quiz comparison (2,000 bootstrap resamples for each of two measures) |
| charts and page | the charts drawn (pygal) and the page rendered (Jinja2), from the gathered data |
| whole report | gather + charts and page: what the command does after opening the database |

It prints medians in milliseconds with their ratio to the baseline. A report, not a test: it exits 0.

    uv run python benchmarks/report_render.py [--sizes 30,300] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.dashboard_refresh import fill  # noqa: E402
from game.classroom.store import open_store  # noqa: E402
from game.paths import resolve_scenario  # noqa: E402
from game.report.data import gather  # noqa: E402
from game.report.report import render_report  # noqa: E402
from game.session import load_for_play  # noqa: E402


def timed(action, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30,300")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    scenario = load_for_play(resolve_scenario("safe-city"), None)
    print(f"{'students':>8} | {'events':>6} | {'read (ms)':>9} | {'gather (ms)':>18} | {'charts and page (ms)':>20} | "
          f"{'whole report (ms)':>18} | {'page (KB)':>9}")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder, open_store(f"sqlite:///{folder}/classes.sqlite") as store:
            record, _students = fill(store, scenario, size)
            base, _ = timed(lambda: (store.participants(record.code), store.events(record.code)), args.repeat)
            events = len(store.events(record.code))
            gathering, data = timed(lambda: gather(store, record, scenario), args.repeat)
            drawing, page = timed(lambda: render_report(data), args.repeat)
            whole, _ = timed(lambda: render_report(gather(store, record, scenario)), args.repeat)
        print(f"{size:>8} | {events:>6} | {base:>9.1f} | {gathering:>9.1f} (x{gathering / base:>5.1f}) | "
              f"{drawing:>20.1f} | {whole:>9.1f} (x{whole / base:>5.1f}) | {len(page.encode()) / 1024:>9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
