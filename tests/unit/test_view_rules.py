"""Story rules the front ends show are computed once, in the engine: the journal, the fact cards
unlocked so far, the glossary look-up. Both front ends render the same words."""

from __future__ import annotations

import os
import subprocess
import sys

from game.engine.journal import decisions
from game.engine.runtime import choose, start
from game.engine.view import unlocked_facts
from game.loader import load_scenario
from tests.ui.test_play_screen import TUTORIAL


def played(*choices):
    scenario = load_scenario(TUTORIAL).scenario
    state = start(scenario, 1)
    for choice in choices:
        state = choose(scenario, state, choice)
    return scenario, state


def test_the_journal_is_the_engines_and_the_plain_player_prints_it(tmp_path):
    scenario, state = played("continue", "smart_cameras")
    found = decisions(scenario, state)
    assert [(d.date, d.choice) for d in found] == [
        ("Turn 1 · January 2024", "Buy Optivia's smart cameras, with automatic video analytics")]
    assert "Town budget 300 → 150 k€ (−150)" in found[0].effects
    env = {**os.environ, "SAFECITY_HOME": str(tmp_path)}
    plain = subprocess.run([sys.executable, "-m", "game", "play", str(TUTORIAL), "--plain", "--seed", "1"],
                           input="1\n2\nj\nq\n", capture_output=True, text=True, env=env).stdout
    journal = plain[plain.index("> j"):]
    assert f"1. {found[0].date}" in journal and f"You chose: {found[0].choice}" in journal
    assert all(line in journal for line in found[0].effects)


def test_unlocked_facts_put_the_current_scenes_first_then_the_others_in_the_order_met():
    scenario, state = played("continue", "smart_cameras")
    unlocked = unlocked_facts(scenario, state)
    here = [fact.id for fact, in_scene, _heading in unlocked if in_scene]
    assert here == list(scenario.scenes[state.scene].facts)
    assert len({fact.id for fact, _, _ in unlocked}) == len(unlocked)


def test_a_glossary_term_is_found_by_its_id_term_or_alias_in_any_case():
    scenario = load_scenario(TUTORIAL).scenario
    entry = next(e for e in scenario.glossary.values() if e.aliases)
    for name in (entry.id, entry.term.upper(), f"  {entry.aliases[0]} "):
        assert scenario.term(name) is entry
    assert scenario.term("no such term") is None


def test_what_conform_dropped_is_recorded_so_a_wrong_value_is_not_also_called_missing(tmp_path):
    from tests.conftest import write_files

    story = """
scenario: {id: d, title: D, start: a}
scenes:
  a: {text: A, choices: [{id: go, text: Go, goto: [not, a, scene]}]}
  end: {ending: {title: End}}
"""
    result = load_scenario(write_files(tmp_path / "d", {"scenario.yaml": story}))
    codes = [d.code for d in result.diagnostics]
    assert codes.count("SC201") == 1 and "SC206" not in codes     # wrong, said once; not also "no goto"
