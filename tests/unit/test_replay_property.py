"""A seed plus the list of choices replays a game exactly, whatever the choices."""

from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from game.engine.runtime import choose, options, replay, start
from game.engine.state import GameState
from tests.unit.test_engine import BASE, EVENTS


def random_walk(scenario, seed, picks):
    state = start(scenario, seed)
    for pick in picks:
        if state.ended:
            break
        available = [o.id for o in options(scenario, state) if o.available]
        state = choose(scenario, state, available[pick % len(available)])
    return state


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**63), picks=st.lists(st.integers(0, 10), max_size=30), which=st.sampled_from([BASE, EVENTS]))
def test_seed_and_path_replay_exactly(make_scenario_once, seed, picks, which):
    scenario = make_scenario_once(which)
    played = random_walk(scenario, seed, picks)
    assert replay(scenario, seed, played.path) == played
    # and through a save: JSON and back, then the same next steps
    restored = GameState.from_json(json.loads(json.dumps(played.to_json())))
    assert restored == played
