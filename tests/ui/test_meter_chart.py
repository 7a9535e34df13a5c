"""The end charts are drawn on each meter's fixed range, mark where the game ends, and label turns;
the meters over the term start where the player started (after a variant's first changes)."""

from __future__ import annotations

from game.engine.runtime import choose, start
from game.engine.view import term_timeline
from game.loader import load_scenario
from game.ui.widgets.meter_chart import chart
from tests.conftest import write_files


def bar_heights(content) -> list[int]:
    """How many of the chart's rows each bar reaches (a partly filled row counts)."""
    rows = [line for line in content.plain.splitlines() if "│" in line]
    cells = [line.split("│", 1)[1] for line in rows]
    columns = range(0, max(len(c) for c in cells), 3)
    return [sum(1 for c in cells if len(c) > x and c[x] not in " ┄") for x in columns]


def test_a_small_rise_looks_small_and_a_long_fall_looks_long():
    rise = bar_heights(chart((50, 58), (1, 2), 0, 100))
    fall = bar_heights(chart((70, 6), (1, 2), 0, 100))
    assert rise[0] == rise[1] == 3                 # 50 and 58 out of 100: both about half the height
    assert fall[0] == 4 and fall[1] == 1           # 70, then 6: nearly empty


def test_the_value_at_which_the_game_ends_is_a_labelled_line_and_turns_are_written():
    text = chart((40, 30, 20), (1, 2, 3), 0, 100, low_end=12).plain
    assert "┄" in text and "the game ends at 12" in text
    assert text.splitlines()[-1].split() == ["1", "2", "3", "(turns)"]


STORY = """
scenario: {id: v, title: V, start: a}
meters: {budget: {label: Budget, start: 50}}
variants:
  short: {label: Short, start: b}
scenes:
  a: {text: A, choices: [{id: go, text: Go, goto: b}]}
  b: {text: B, effects: {budget: -10}, choices: [{id: spend, text: Spend, effects: {budget: -5}, goto: end}]}
  end: {ending: {title: End}}
"""


def test_the_term_starts_from_the_meters_the_player_started_with(tmp_path):
    scenario = load_scenario(write_files(tmp_path / "v", {"scenario.yaml": STORY})).scenario
    state = choose(scenario, start(scenario, 1, "short"), "spend")
    assert term_timeline(scenario, state).series["budget"] == (40, 35, 35)
