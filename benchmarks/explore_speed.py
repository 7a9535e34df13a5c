"""Random playthroughs and exhaustive exploration of the shipped scenario, beside the engine's raw step rate.

Goals (writers' toolkit issue): 10,000 random playthroughs of the shipped scenario in under
10 seconds on one core, and exhaustive exploration in under 30 seconds. The raw step rate
(start() and choose() along recorded paths, nothing else) is measured in the same run, so the
explorers' own overhead reads as a ratio.

    uv run python benchmarks/explore_speed.py [--runs 10000] [--skip-exhaustive]
"""

from __future__ import annotations

import argparse
import random
import time

from game.analysis.exhaustive import explore_all, missing
from game.analysis.explore import explore
from game.engine.runtime import choose, options, start
from game.loader import load_scenario
from game.paths import default_scenario


def record_paths(scenario, count: int) -> list[tuple[int, list[str]]]:
    recorded = []
    for seed in range(count):
        rng = random.Random(seed)
        state, path = start(scenario, seed), []
        while not state.ended:
            pick = rng.choice([o.id for o in options(scenario, state) if o.available])
            path.append(pick)
            state = choose(scenario, state, pick)
        recorded.append((seed, path))
    return recorded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--skip-exhaustive", action="store_true", help="only the random playthroughs")
    args = parser.parse_args()
    scenario = load_scenario(default_scenario()).scenario

    started = time.process_time()
    report = explore(scenario, args.runs)
    explore_seconds = time.process_time() - started
    explore_steps = sum(report.decisions)

    recorded = record_paths(scenario, min(args.runs, 2000))
    started = time.process_time()
    for seed, path in recorded:
        state = start(scenario, seed)
        for pick in path:
            state = choose(scenario, state, pick)
    raw_seconds = time.process_time() - started
    raw_steps = sum(len(path) for _, path in recorded)

    per_second = args.runs / explore_seconds
    explore_rate = explore_steps / explore_seconds
    raw_rate = raw_steps / raw_seconds
    print(f"scenario: {scenario.title} ({len(scenario.scenes)} scenes); CPU time of this process, one core")
    print(f"explore: {args.runs:,} random playthroughs in {explore_seconds:.2f} s = {per_second:,.0f} per second "
          f"({explore_rate:,.0f} decisions per second)")
    print(f"engine : {raw_rate:,.0f} steps per second (start + choose along {len(recorded):,} recorded paths)")
    print(f"ratio  : the explorer runs at {explore_rate / raw_rate:.2f}x the engine's raw step rate")
    print(f"goal   : 10,000 playthroughs in under 10 s: "
          f"{'MET' if 10_000 / per_second < 10 else 'NOT MET'} ({10_000 / per_second:.1f} s projected)")
    if not args.skip_exhaustive:
        exhaustive(scenario, raw_rate)


# The peak is read from /proc (VmHWM, this process's own memory): getrusage's ru_maxrss would carry
# over the peak of the benchmark that started it, as Linux keeps it across fork and exec.
PEAK = """
import json, re, sys
from game.analysis.exhaustive import explore_all
from game.loader import load_scenario
from game.paths import default_scenario

def high_water_kb():
    with open("/proc/self/status") as status:
        return int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1))

scenario = load_scenario(default_scenario()).scenario
loaded = high_water_kb()
report = explore_all(scenario, meters=sys.argv[1], max_states=int(sys.argv[2]), max_seconds=float(sys.argv[3]))
print(json.dumps({"loaded_kb": loaded, "peak_kb": high_water_kb(), "states": report.states}))
"""


def peak_memory(meters: str, max_states: int, seconds: float) -> dict:
    """The search's peak memory in a process of its own (the peak of this one says nothing)."""
    import json
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-c", PEAK, meters, str(max_states), str(seconds)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def exhaustive(scenario, raw_rate: float) -> None:
    """Both searches of `safecity explore --exhaustive`: exact (capped at 60 s) and extremes."""
    print()
    for meters, max_states in (("exact", 200_000), ("extremes", 10_000_000)):
        found = peak_memory(meters, max_states, 120.0)
        peak, loaded = found["peak_kb"] / 1024, found["loaded_kb"] / 1024
        print(f"memory --meters {meters:<8} (as `safecity explore --exhaustive` runs it, {found['states']:,} "
              f"states): peak {peak:.0f} MB, of which the search {peak - loaded:.0f} MB (the loaded story: "
              f"{loaded:.0f} MB); goal under 200 MB: {'MET' if peak < 200 else 'NOT MET'}")
    for meters, limit in (("extremes", 120.0), ("exact", 60.0)):
        started = time.process_time()
        report = explore_all(scenario, meters=meters, max_states=10_000_000, max_seconds=limit)
        seconds = time.process_time() - started
        gaps = {kind: len(items) for kind, items in missing(scenario, report).items() if items}
        endings = f"{len(report.endings)}/{sum(1 for s in scenario.scenes.values() if s.ending)} endings"
        done = "complete" if report.complete else f"stopped at {limit:g} s"
        print(f"exhaustive --meters {meters:<8}: {report.states:,} states ({report.situations:,} situations) "
              f"in {seconds:.1f} s, {done}; {endings}; never reached: {gaps or 'nothing'}")
        print(f"{'':28}{report.steps:,} decisions played, {report.steps / seconds:,.0f} per second "
              f"({report.steps / seconds / raw_rate:.2f}x the engine's raw step rate)")
        if meters == "extremes":
            print(f"goal   : exhaustive exploration in under 30 s: "
                  f"{'MET' if report.complete and seconds < 30 else 'NOT MET'} (--meters extremes, {seconds:.1f} s)")


if __name__ == "__main__":
    main()
