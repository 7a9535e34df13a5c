"""Automated playthroughs for writers: N seeded random runs, with coverage and failures to replay.

In the spirit of ChoiceScript's randomtest: every run is a seed and a list of
choices, so any failure it finds replays exactly with `safecity play --replay`.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from game.engine.runtime import GameError, choose, options, start
from game.model.scenario import Scenario

MAX_STEPS = 1000


@dataclass
class Failure:
    seed: int
    variant: str | None
    path: list[str]
    scene: str
    problem: str          # "softlock", "error" or "too long"
    message: str

    def replay_command(self, folder: str) -> str:
        return replay_command(folder, self.seed, self.path, self.variant)


def replay_command(folder: str, seed: int, path: list[str], variant: str | None = None) -> str:
    """The command that plays this game again, step by step (forced outcomes as id@n)."""
    variant = f" --variant {variant}" if variant else ""
    return f"safecity play {folder} --plain --seed {seed}{variant} --replay {','.join(path)}"


def loop_in(trail: list[str]) -> tuple[int, list[str]]:
    """(the step a run entered the scenes it then went round for good, those scenes in their order)."""
    tail = set(trail[-min(len(trail), 200):])
    entry = len(trail)
    while entry > 0 and trail[entry - 1] in tail:
        entry -= 1
    cycle: list[str] = []
    for scene in trail[entry:]:
        if scene in cycle:
            break
        cycle.append(scene)
    return entry, cycle or trail[-1:]


def group_failures(failures: list[Failure]) -> list[tuple[Failure, int]]:
    """One line per cause (the problem, the scene, the message), with how many runs met it; each
    cause is shown with its shortest replay."""
    groups: dict[tuple, list[Failure]] = {}
    for failure in failures:
        groups.setdefault((failure.problem, failure.scene, failure.message), []).append(failure)
    return [(min(found, key=lambda f: (len(f.path), f.seed)), len(found)) for found in groups.values()]


@dataclass
class Report:
    runs: int = 0
    scenes: Counter = field(default_factory=Counter)        # scene -> runs that visited it
    choices: Counter = field(default_factory=Counter)       # (scene, choice) -> times taken
    outcomes: Counter = field(default_factory=Counter)      # (scene, choice, index) -> times drawn
    events: Counter = field(default_factory=Counter)        # event id -> runs it fired in
    endings: Counter = field(default_factory=Counter)
    decisions: list[int] = field(default_factory=list)      # decisions per finished run
    words: list[int] = field(default_factory=list)          # words read per finished run
    final_meters: dict[str, list[float]] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)

    def missing(self, scenario: Scenario, variant: str | None = None) -> dict[str, list[str]]:
        return uncovered(scenario, self.scenes, self.choices, self.outcomes, self.events, variant)


def uncovered(scenario: Scenario, scenes, choices, outcomes, events, variant: str | None = None
              ) -> dict[str, list[str]]:
    """What no game reached: scenes, choices ("scene.choice"), outcomes ("scene.choice#n") and events.

    `choices` holds (scene, choice) pairs and `outcomes` (scene, choice, index) triples. The start
    scene of a variant other than the one played is not "never reached": it is listed apart, as
    "other variants' starts", with the variant to explore it with.
    """
    others = {v.start: name for name, v in scenario.variants.items()
              if v.start and name != variant and v.start != scenario.start}
    return {
        "scenes": [s for s in scenario.scenes if s not in scenes and s not in others],
        "other variants' starts": [f"{s} (--variant {others[s]})" for s in scenario.scenes
                                   if s not in scenes and s in others],
        "choices": [f"{s.id}.{c.id}" for s in scenario.scenes.values() for c in s.choices
                    if (s.id, c.id) not in choices],
        "outcomes": [f"{s.id}.{c.id}#{i + 1}" for s in scenario.scenes.values() for c in s.choices
                     for i in range(len(c.outcomes)) if (s.id, c.id, i) not in outcomes],
        "events": [e.id for e in scenario.events if e.id not in events],
    }


def _words(scenario: Scenario, scene_id: str) -> int:
    scene = scenario.scenes[scene_id]
    return sum(len(b.text.split()) for b in scene.text) + sum(len(line.text.split()) for line in scene.say)


def explore(scenario: Scenario, runs: int, *, seed: int = 0, variant: str | None = None,
            prefer_unused: bool = False, progress=None) -> Report:
    """Play `runs` random games; seeds are seed, seed+1, ... so a run replays from its seed alone."""
    report = Report(final_meters={mid: [] for mid in scenario.meters})
    taken: Counter = Counter()
    words_in = {sid: _words(scenario, sid) for sid in scenario.scenes}
    for n in range(runs):
        run_seed = seed + n
        rng = random.Random(run_seed)
        path: list[str] = []
        try:
            state = start(scenario, run_seed, variant)
        except GameError as error:
            report.failures.append(Failure(run_seed, variant, [], scenario.start, "error", str(error)))
            break
        words = words_in[state.scene]
        seen = {state.scene}
        trail: list[str] = []           # the scene after each step: where a run that never ends goes round
        for _ in range(MAX_STEPS):
            if state.ended:
                break
            available = [o.id for o in options(scenario, state) if o.available]
            if not available:
                report.failures.append(Failure(run_seed, variant, list(path), state.scene, "softlock",
                                               f"no choice is open in scene `{state.scene}`"))
                break
            if prefer_unused:
                least = min(taken[(state.scene, c)] for c in available)
                available = [c for c in available if taken[(state.scene, c)] == least]
            pick = rng.choice(available)
            taken[(state.scene, pick)] += 1
            path.append(pick)
            try:
                state = choose(scenario, state, pick)
            except GameError as error:
                report.failures.append(Failure(run_seed, variant, list(path), state.scene, "error", str(error)))
                break
            seen.update(state.visited)
            words += words_in[state.scene]
            trail.append(state.scene)
        else:
            entry, cycle = loop_in(trail)
            report.failures.append(Failure(
                run_seed, variant, list(path[:entry + len(cycle)]), trail[entry], "too long",
                f"no ending after {MAX_STEPS} steps: the game goes round "
                + " -> ".join(f"`{scene}`" for scene in cycle + cycle[:1])))
        report.runs += 1
        report.scenes.update(seen)
        for entry in state.history:
            report.choices[(entry["scene"], entry["choice"])] += 1
            if entry["outcome"] is not None:
                report.outcomes[(entry["scene"], entry["choice"], entry["outcome"])] += 1
        report.events.update(state.fired)
        if state.ended:
            report.endings[state.scene] += 1
            report.decisions.append(len(state.history))
            report.words.append(words)
            for mid, value in state.meters.items():
                report.final_meters[mid].append(value)
        if progress is not None:
            progress(n + 1, runs)
    return report
