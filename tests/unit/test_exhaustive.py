"""Exhaustive exploration: forgetting what no condition reads any more changes nothing it finds."""

from __future__ import annotations

import pytest

from game.analysis import exhaustive
from game.analysis.exhaustive import Keyer, explore_all, missing
from game.engine.runtime import replay
from game.loader import load_scenario
from game.paths import shipped_scenarios
from tests.conftest import write_files

TUTORIAL = shipped_scenarios()["tutorial"]

# Two flags: `badge` steers a later choice; `diary` is only ever shown. Money can run out two ways.
STORY = """
scenario: {id: money, title: Money, start: a}
meters:
  money: {label: Money, start: 10, min: 0, max: 20, low: {at: 0, goto: broke}}
flags:
  badge: Has a badge
  diary: Kept a diary
scenes:
  a:
    choices:
      - {id: badge, text: Take a badge, effects: {badge: true}, goto: b}
      - {id: diary, text: Keep a diary, effects: {diary: true}, goto: b}
  b:
    text: "{diary}"
    choices:
      - {id: spend, text: Spend it all, effects: {money: -15}, goto: c}
      - {id: save, text: Save, effects: {money: +15}, goto: c}
      - {id: show, text: Show the badge, if: badge, goto: c}
  c:
    choices:
      - id: bet
        text: Bet
        outcomes:
          - {weight: 1, effects: {money: -10}, goto: end}
          - {weight: 1, effects: {money: +1}, goto: end}
  broke: {ending: {title: Broke}}
  end: {ending: {title: The end}}
"""


class EveryName(Keyer):
    """The naive key: every flag, meter and visit count, read later or not."""

    def _names(self, state):
        s = self.scenario
        return tuple(s.flags), tuple(s.meters), tuple(sorted(s.scenes))


def findings(report):
    exits = {key: sorted(ways) for key, ways in report.exits.items()}
    return (report.scenes, report.choices, report.outcomes, report.events, report.endings,
            sorted((scene, message) for scene, _path, message in report.softlocks), exits)


@pytest.mark.parametrize("story", ["tutorial", "money"])
def test_forgetting_dead_flags_finds_exactly_what_the_naive_search_finds(story, tmp_path, monkeypatch):
    folder = TUTORIAL if story == "tutorial" else write_files(tmp_path / "money", {"scenario.yaml": STORY})
    scenario = load_scenario(folder).scenario
    smart = explore_all(scenario)
    monkeypatch.setattr(exhaustive, "Keyer", EveryName)
    naive = explore_all(scenario)
    assert smart.complete and naive.complete
    assert findings(smart) == findings(naive)
    assert smart.states <= naive.states


def test_a_flag_only_shown_in_text_does_not_split_states(tmp_path):
    scenario = load_scenario(write_files(tmp_path / "money", {"scenario.yaml": STORY})).scenario
    keys = Keyer(scenario)
    assert "diary" not in keys.live["b"] and "badge" in keys.live["b"]
    assert "badge" not in keys.live["c"]                 # nothing reads it after b
    assert "money" in keys.live["c"]                     # a meter with a threshold is always live


def test_every_way_a_meter_leaves_its_range_is_reported_and_replays(tmp_path):
    scenario = load_scenario(write_files(tmp_path / "money", {"scenario.yaml": STORY})).scenario
    report = explore_all(scenario)
    assert set(report.exits) == {("money", "low"), ("money", "min"), ("money", "max")}
    lows = report.exits[("money", "low")]
    assert {(scene, choice) for scene, choice, _ in lows} == {("b", "spend"), ("c", "bet")}
    for way in lows.values():
        end = replay(scenario, 0, way.path)
        assert end.scene == "broke"                      # the replay really runs out of money there
    clamp = next(iter(report.exits[("money", "min")].values()))
    assert clamp.value == -5                             # 10 - 15: held at 0


def test_the_extremes_search_covers_a_small_story_as_the_exact_one_does():
    scenario = load_scenario(TUTORIAL).scenario
    exact, extremes = explore_all(scenario), explore_all(scenario, meters="extremes")
    assert extremes.complete and extremes.states < exact.states
    assert missing(scenario, extremes) == missing(scenario, exact)
    assert extremes.endings == exact.endings and set(extremes.exits) == set(exact.exits)


# Found in review: each once made the reduced key merge states the naive key keeps apart.
TRICKY = {
    # a `later` whose condition reads a flag set after it was queued
    "later": """
scenario: {id: laterbug, title: Later, start: a}
flags: {f: F}
scenes:
  a:
    turn: true
    choices: [{id: go, text: Go, later: {scene: l, turns: 3, if: f}, goto: b}]
  b:
    turn: true
    choices: [{id: "yes", text: Yes, effects: {f: true}, goto: c}, {id: "no", text: No, goto: c}]
  c: {turn: true, choices: [{id: on, text: On, goto: d}]}
  d: {turn: true, choices: [{id: fin, text: Finish, goto: end}]}
  l: {text: L, choices: [{id: lend, text: End, goto: lending}]}
  lending: {ending: {title: Later}}
  end: {ending: {title: End}}
""",
    # a meter nothing reads, which an effect can still push past its max
    "clamp": """
scenario: {id: clampbug, title: Clamp, start: a}
meters: {score: {label: Score, start: 0, min: 0, max: 10}}
scenes:
  a: {choices: [{id: calm, text: Calm, goto: b}, {id: big, text: Big, effects: {score: +5}, goto: b}]}
  b: {choices: [{id: more, text: More, effects: {score: +8}, goto: end}]}
  end: {ending: {title: End}}
""",
    # a threshold crossed by the entry effects of the scene a choice leads to
    "entry": """
scenario: {id: sceneeff, title: Entry, start: a}
meters: {budget: {label: Budget, start: 10, min: 0, max: 20, low: {at: 0, goto: broke}}}
scenes:
  a: {choices: [{id: spend, text: Spend, goto: winter}, {id: keep, text: Keep, goto: end}]}
  winter: {text: Winter., effects: {budget: -10}, choices: [{id: on, text: On, goto: end}]}
  broke: {ending: {title: Broke}}
  end: {ending: {title: End}}
""",
}


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_tricky_stories_find_what_the_naive_search_finds(name, tmp_path, monkeypatch):
    scenario = load_scenario(write_files(tmp_path / name, {"scenario.yaml": TRICKY[name]})).scenario
    smart = explore_all(scenario)
    monkeypatch.setattr(exhaustive, "Keyer", EveryName)
    naive = explore_all(scenario)
    assert findings(smart) == findings(naive)


def test_a_threshold_crossed_on_entering_a_scene_is_reported(tmp_path):
    scenario = load_scenario(write_files(tmp_path / "entry", {"scenario.yaml": TRICKY["entry"]})).scenario
    report = explore_all(scenario)
    assert ("budget", "low") in report.exits
    (way,) = report.exits[("budget", "low")].values()
    assert (way.scene, way.choice) == ("a", "spend") and replay(scenario, 0, way.path).scene == "broke"


class KeepWhole(exhaustive._Packer):
    """Waiting games kept as they are: what the search found before it packed them."""

    def pack(self, state):
        pass


@pytest.mark.parametrize("story", ["tutorial", "money", *sorted(TRICKY)])
def test_packing_waiting_games_changes_nothing_the_extremes_search_finds(story, tmp_path, monkeypatch):
    if story == "tutorial":
        folder = TUTORIAL
    else:
        folder = write_files(tmp_path / story, {"scenario.yaml": STORY if story == "money" else TRICKY[story]})
    scenario = load_scenario(folder).scenario
    packed = explore_all(scenario, meters="extremes")
    monkeypatch.setattr(exhaustive, "_Packer", KeepWhole)
    whole = explore_all(scenario, meters="extremes")
    assert findings(packed) == findings(whole)
    assert packed.states == whole.states
    # every reported way out of a meter's range still replays to a real game
    for ways in packed.exits.values():
        for found in ways.values():
            assert list(replay(scenario, 0, found.path).path) == list(found.path)
