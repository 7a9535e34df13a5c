"""Random playthroughs per second on the shipped scenario, beside the engine's raw step rate.

Goal (writers' toolkit issue): 10,000 random playthroughs of the shipped scenario in under
10 seconds on one core. The raw step rate (start() and choose() along recorded paths, nothing
else) is measured in the same run, so the explorer's own overhead reads as a ratio.

    uv run python benchmarks/explore_speed.py [--runs 10000]
"""

from __future__ import annotations

import argparse
import random
import time

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


if __name__ == "__main__":
    main()
