"""Automated playthroughs for writers: N seeded random runs, with coverage and failures to replay.

In the spirit of ChoiceScript's randomtest: every run is a seed and a list of
choices, so any failure it finds replays exactly with `safecity play --replay`.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from game.engine.runtime import GameError, choose, options, start
from game.engine.view import view
from game.model.scenario import Choice, Scenario

MAX_STEPS = 1000

# How long a run takes in class: every word it shows, read at 200 words a minute, and 20 seconds
# to weigh each decision (a scene with two choices or more).
WORDS_PER_MINUTE = 200
SECONDS_PER_DECISION = 20

# Scripted players, for balance: each picks by the sure effects of the choices (plus the
# average effect of their random outcomes), ties broken at random.
STRATEGIES = {
    "most-surveillance": "always the choice that costs civil liberties most",
    "least-surveillance": "always the choice that costs civil liberties least",
    "cheapest": "always the choice that spends the least money",
    "mixed": "each decision, one of the three above at random",
    "random": "any choice at random",
}
LIBERTIES, BUDGET = "liberties", "budget"


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
    strategy: str = "random"
    runs: int = 0
    scenes: Counter = field(default_factory=Counter)        # scene -> runs that visited it
    choices: Counter = field(default_factory=Counter)       # (scene, choice) -> times taken
    outcomes: Counter = field(default_factory=Counter)      # (scene, choice, index) -> times drawn
    events: Counter = field(default_factory=Counter)        # event id -> runs it fired in
    endings: Counter = field(default_factory=Counter)
    decisions: list[int] = field(default_factory=list)      # decisions per finished run
    words: list[int] = field(default_factory=list)          # words read per finished run
    shown_words: list[int] = field(default_factory=list)    # every word shown per finished run
    real_decisions: list[int] = field(default_factory=list) # scenes with 2+ choices, per finished run
    minutes: list[float] = field(default_factory=list)      # class minutes per finished run
    final_states: list = field(default_factory=list)        # each finished run's last state
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


def _count(text: str) -> int:
    return len(text.split())


def words_shown(scenario: Scenario, state) -> tuple[int, bool]:
    """The words a screen shows for this state (headline, result, text, speeches, fact cards,
    choices, ending), and whether it asks for a decision (two choices or more)."""
    v = view(scenario, state)
    words = _count(v.headline) + _count(v.result) + _count(v.text)
    words += sum(_count(line.text) for line in v.lines)
    words += sum(_count(f.title) + _count(f.text) for f in v.facts)
    shown = [c for c in v.choices if not c.is_continue and (c.available or c.locked)]
    words += sum(_count(c.text) for c in shown)
    if v.ending is not None:
        words += _count(v.ending.title)
    return words, len(shown) >= 2


def class_minutes(words: int, decisions: int) -> float:
    return words / WORDS_PER_MINUTE + decisions * SECONDS_PER_DECISION / 60


def _lean(choice: Choice | None, target: str) -> float:
    """A choice's effect on one meter: its sure effect plus the weighted mean of its outcomes'."""
    if choice is None:
        return 0.0
    total = sum(e.amount for e in choice.effects if e.target == target and e.op == "add")
    weights = sum(o.weight for o in choice.outcomes)
    if weights:
        total += sum(o.weight * sum(e.amount for e in o.effects if e.target == target and e.op == "add")
                     for o in choice.outcomes) / weights
    return total


def pick(strategy: str, scenario: Scenario, state, rng: random.Random) -> str:
    """The choice a scripted player takes here."""
    open_ = [o for o in options(scenario, state) if o.available]
    if strategy == "mixed":
        strategy = rng.choice(("most-surveillance", "least-surveillance", "cheapest"))
    if strategy == "random" or len(open_) == 1:
        return rng.choice(open_).id
    if strategy == "most-surveillance":
        score = lambda o: -_lean(o.choice, LIBERTIES)
    elif strategy == "least-surveillance":
        score = lambda o: _lean(o.choice, LIBERTIES)
    elif strategy == "cheapest":
        score = lambda o: _lean(o.choice, BUDGET)
    else:
        raise ValueError(f"unknown strategy {strategy!r} (known: {', '.join(STRATEGIES)})")
    best = max(score(o) for o in open_)
    return rng.choice([o for o in open_ if score(o) == best]).id


def _words(scenario: Scenario, scene_id: str) -> int:
    scene = scenario.scenes[scene_id]
    return sum(len(b.text.split()) for b in scene.text) + sum(len(line.text.split()) for line in scene.say)


def explore(scenario: Scenario, runs: int, *, seed: int = 0, variant: str | None = None,
            prefer_unused: bool = False, progress=None, strategy: str = "random") -> Report:
    """Play `runs` games (random, or by a scripted `strategy`); seeds are seed, seed+1, ... so a
    run replays from its seed alone."""
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {strategy!r} (known: {', '.join(STRATEGIES)})")
    report = Report(strategy=strategy, final_meters={mid: [] for mid in scenario.meters})
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
        shown, decides = words_shown(scenario, state)
        decisions = int(decides)
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
            if strategy == "random":
                chosen = rng.choice(available)
            else:
                chosen = pick(strategy, scenario, state, rng)
            taken[(state.scene, chosen)] += 1
            path.append(chosen)
            try:
                state = choose(scenario, state, chosen)
            except GameError as error:
                report.failures.append(Failure(run_seed, variant, list(path), state.scene, "error", str(error)))
                break
            seen.update(state.visited)
            words += words_in[state.scene]
            trail.append(state.scene)
            more, decides = words_shown(scenario, state)
            shown += more
            decisions += decides
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
            report.shown_words.append(shown)
            report.real_decisions.append(decisions)
            report.minutes.append(class_minutes(shown, decisions))
            report.final_states.append(state)
            for mid, value in state.meters.items():
                report.final_meters[mid].append(value)
        if progress is not None:
            progress(n + 1, runs)
    return report
