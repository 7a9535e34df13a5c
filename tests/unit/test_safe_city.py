"""The shipped scenario: clean, every scene, choice and ending reached, no run dead-ends."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from game.engine.runtime import choose, options, start
from game.loader import load_scenario
from game.paths import shipped_scenarios

SAFE_CITY = shipped_scenarios().get("safe-city")
pytestmark = pytest.mark.skipif(SAFE_CITY is None, reason="the shipped scenario is not there")
RUNS = 1500


@pytest.fixture(scope="module")
def safe_city():
    result = load_scenario(SAFE_CITY, all_languages=True)
    assert result.diagnostics == [], "\n".join(d.format() for d in result.diagnostics)
    return result.scenario


def play(scenario, seed: int, variant: str | None = None, prefer_least_used: Counter | None = None):
    """One seeded random playthrough; returns the final state."""
    rng = random.Random(seed)
    state = start(scenario, seed, variant)
    for _ in range(400):
        if state.ended:
            return state
        available = [o.id for o in options(scenario, state) if o.available]
        assert available, f"seed {seed}: no choice open in scene {state.scene} (a dead end)"
        if prefer_least_used is not None:
            least = min(prefer_least_used[(state.scene, c)] for c in available)
            available = [c for c in available if prefer_least_used[(state.scene, c)] == least]
        pick = rng.choice(available)
        if prefer_least_used is not None:
            prefer_least_used[(state.scene, pick)] += 1
        state = choose(scenario, state, pick)
    raise AssertionError(f"seed {seed}: the game did not end in 400 steps")


def greedy(scenario, seed: int, meter: str, direction: int, variant: str | None = None):
    """A player who always picks what pushes one meter furthest one way (ties broken by the seed)."""
    rng = random.Random(seed)
    state = start(scenario, seed, variant)
    for _ in range(400):
        if state.ended:
            return state
        nexts = [choose(scenario, state, o.id) for o in options(scenario, state) if o.available]
        rng.shuffle(nexts)
        state = max(nexts, key=lambda s: direction * s.meters[meter])
    raise AssertionError("the game did not end")


@pytest.fixture(scope="module")
def runs(safe_city):
    """Random players (one preferring the choices least taken so far), and players who push one meter."""
    used: Counter = Counter()
    finals = [play(safe_city, seed, prefer_least_used=used) for seed in range(RUNS)]
    finals += [play(safe_city, seed) for seed in range(RUNS, RUNS + 300)]
    for meter in safe_city.meters:
        for direction in (-1, 1):
            finals += [greedy(safe_city, seed, meter, direction) for seed in range(20)]
    return finals


def test_every_run_ends(runs):
    assert all(state.ended for state in runs)


def test_every_scene_and_choice_is_reached(safe_city, runs):
    visited = set().union(*(state.visited for state in runs))
    express = [play(safe_city, seed, "express") for seed in range(300)]
    visited |= set().union(*(state.visited for state in express))
    missing_scenes = sorted(set(safe_city.scenes) - visited)
    assert missing_scenes == [], f"never reached: {missing_scenes}"
    taken = {(h["scene"], h["choice"]) for state in runs + express for h in state.history}
    every = {(scene.id, choice.id) for scene in safe_city.scenes.values() for choice in scene.choices}
    assert sorted(every - taken) == []


def test_every_ending_is_reached(safe_city, runs):
    endings = Counter(state.scene for state in runs)
    declared = {sid for sid, scene in safe_city.scenes.items() if scene.ending}
    assert set(endings) == declared, f"endings reached: {dict(endings)}"


def test_a_full_run_offers_twelve_to_sixteen_decisions(safe_city, runs):
    elected = [s for s in runs if s.scene in ("end_safe_city_mayor", "end_liberties_mayor", "end_balanced",
                                             "end_defeated")]
    lengths = sorted(len(s.history) for s in elected)
    median = lengths[len(lengths) // 2]
    assert 12 <= median <= 16, f"median decisions in a full term: {median}"


def test_the_express_game_is_about_six_turns(safe_city):
    finals = [play(safe_city, seed, "express") for seed in range(200)]
    elected = [s for s in finals if s.scene.startswith("end_") and "election" not in s.scene]
    assert elected
    median = sorted(len(s.history) for s in elected)[len(elected) // 2]
    assert 5 <= median <= 10, f"median decisions in an express game: {median}"


def test_two_different_runs_feel_different(safe_city):
    a = play(safe_city, 1)
    b = play(safe_city, 2)
    assert a.path != b.path
    assert [h["scene"] for h in a.history] != [h["scene"] for h in b.history] or a.scene != b.scene
