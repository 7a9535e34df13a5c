"""The tutorial scenario loads cleanly, in both languages, and each ending is reached."""

from __future__ import annotations

import pytest

from game.engine.runtime import choose, options, replay, start
from game.engine.view import ledger, reality, view
from game.loader import load_scenario
from game.paths import shipped_scenarios

TUTORIAL = shipped_scenarios()["tutorial"]

ENDINGS = {
    "A Second Term": (1, None, "continue,study_first,study_cameras,gate_trial,pause_trial,continue,stewards,operator,"
                               "continue,continue"),
    "A Narrow Win": (1, None, "continue,smart_cameras,gate_trial,pause_trial,continue,crowd_analytics,refuse_faces,"
                              "operator,continue,continue"),
    "Time to Hand Over": (1, None, "continue,patrols,intercom,smaller,estate_cameras,continue,continue"),
    "The Empty Till": (1, None, "continue,smart_cameras,gate_trial,pause_trial,continue,smaller,estate_cameras"),
    "The Court Decides": (1, None, "continue,patrols,gate_trial,keep_trial,smaller,defend_trial"),
}


@pytest.fixture(scope="module")
def tutorial():
    result = load_scenario(TUTORIAL, all_languages=True)
    assert result.diagnostics == [], [d.format() for d in result.diagnostics]
    return result.scenario


def test_the_tutorial_is_clean_and_translated(tutorial):
    assert tutorial.languages == ("fr",)
    french = load_scenario(TUTORIAL, "fr")
    assert french.ok and french.scenario.title != tutorial.title


@pytest.mark.parametrize("title", ENDINGS)
def test_each_ending_is_reached(tutorial, title):
    seed, variant, path = ENDINGS[title]
    state = replay(tutorial, seed, path.split(","), variant)
    assert state.ended
    v = view(tutorial, state)
    assert v.ending.title == title
    assert v.choices == ()
    # the debrief has something to show for every ending
    assert ledger(tutorial, state) or reality(tutorial, state)


def test_every_ending_scene_is_covered_by_the_table(tutorial):
    endings = {s.ending.title for s in tutorial.scenes.values() if s.ending}
    assert endings == set(ENDINGS)


def test_random_playthroughs_always_reach_an_ending(tutorial):
    for seed in range(200):
        state = start(tutorial, seed)
        for step in range(200):
            if state.ended:
                break
            available = [o.id for o in options(tutorial, state) if o.available]
            assert available, f"seed {seed}: no choice open in {state.scene}"
            state = choose(tutorial, state, available[(seed * 7 + step) % len(available)])
        assert state.ended, f"seed {seed} did not end"


def test_the_express_variant_is_shorter(tutorial):
    assert "express" in tutorial.variants
    state = replay(tutorial, 1, [], "express")
    assert state.variant == "express"
