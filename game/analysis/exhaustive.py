"""Exhaustive exploration, in the spirit of ChoiceScript's quicktest: every choice, every outcome.

A breadth-first search over the states a player can reach. Two states that agree on
everything the story can still look at (scene, turn, meters, flags, queued and interrupted
scenes, fired events, the visit counts that conditions read) are the same state, so the
search stops; a cap on states and time keeps it from running away on a huge story, and the
report then says it is incomplete.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

from game.analysis.explore import uncovered
from game.engine.runtime import GameError, choose, options, possible_outcomes, start
from game.engine.state import GameState
from game.model.scenario import Scenario


@dataclass
class ExhaustiveReport:
    states: int = 0
    complete: bool = True
    seconds: float = 0.0
    scenes: set = field(default_factory=set)
    choices: set = field(default_factory=set)          # (scene, choice)
    outcomes: set = field(default_factory=set)         # (scene, choice, index)
    events: set = field(default_factory=set)
    endings: set = field(default_factory=set)
    softlocks: list = field(default_factory=list)      # (scene, path, message)
    thresholds: set = field(default_factory=set)       # (meter, "low"/"high") that ended a game


def _visited_read(scenario: Scenario) -> tuple[str, ...]:
    """Scenes whose visit counts some condition reads: only those make states differ."""
    names: set[str] = set()
    conditions = []
    for scene in scenario.scenes.values():
        conditions += [b.condition for b in scene.text] + [line.condition for line in scene.say]
        conditions += [r.condition for r in scene.route]
        for choice in scene.choices:
            conditions.append(choice.condition)
            conditions += [o.condition for o in choice.outcomes]
            conditions += [later.condition for holder in (choice, *choice.outcomes) for later in holder.later]
    conditions += [e.when for e in scenario.events] + [r.condition for r in scenario.reality]
    for condition in conditions:
        if condition is not None:
            names |= set(condition.scenes)
    return tuple(sorted(names))


def state_key(state: GameState, watched: tuple[str, ...]) -> tuple:
    return (
        state.scene, state.turn, state.ended,
        tuple(sorted(state.meters.items())), tuple(sorted(state.flags.items())),
        tuple((e["scene"], e["due"], e["key"]) for e in state.scheduled), tuple(state.resume),
        tuple(sorted(state.fired.items())), tuple(state.visited.get(s, 0) for s in watched),
    )


def explore_all(scenario: Scenario, *, variant: str | None = None, max_states: int = 200_000,
                max_seconds: float = 30.0, progress=None) -> ExhaustiveReport:
    report = ExhaustiveReport()
    started = time.perf_counter()
    watched = _visited_read(scenario)
    first = start(scenario, 0, variant)
    seen = {state_key(first, watched)}
    queue: deque[GameState] = deque([first])
    thresholds = {(m.low.goto if m.low else None): (mid, "low") for mid, m in scenario.meters.items()}
    thresholds.update({(m.high.goto if m.high else None): (mid, "high") for mid, m in scenario.meters.items()})
    while queue:
        if len(seen) >= max_states or time.perf_counter() - started > max_seconds:
            report.complete = False
            break
        state = queue.pop()  # depth first: reaches endings early, so a capped search still covers whole games
        report.scenes.update(state.visited)
        report.events.update(state.fired)
        if state.ended:
            report.endings.add(state.scene)
            last = state.history[-1] if state.history else None
            if state.scene in thresholds and last is not None:
                report.thresholds.add(thresholds[state.scene])
            continue
        open_options = [o for o in options(scenario, state) if o.available]
        if not open_options:
            report.softlocks.append((state.scene, list(state.path), f"no choice is open in scene `{state.scene}`"))
            continue
        for option in open_options:
            choice = option.choice
            branches = possible_outcomes(state, choice) if choice is not None and choice.outcomes else [None]
            for outcome in branches:
                try:
                    after = choose(scenario, state, option.id, outcome=outcome)
                except GameError as error:
                    report.softlocks.append((state.scene, list(state.path) + [option.id], str(error)))
                    continue
                if choice is not None:
                    report.choices.add((state.scene, option.id))
                    if outcome is not None:
                        report.outcomes.add((state.scene, option.id, outcome))
                key = state_key(after, watched)
                if key not in seen:
                    seen.add(key)
                    queue.append(after)
        if progress is not None and len(seen) % 5000 == 0:
            progress(len(seen), max_states)
    report.states = len(seen)
    report.seconds = time.perf_counter() - started
    return report


def missing(scenario: Scenario, report: ExhaustiveReport) -> dict[str, list[str]]:
    return uncovered(scenario, report.scenes, report.choices, report.outcomes, report.events)
