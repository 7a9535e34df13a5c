"""The end charts are drawn on each meter's fixed range, mark where the game ends, and label turns;
the meters over the term start where the player started (after a variant's first changes)."""

from __future__ import annotations

import pytest

from game.engine.runtime import choose, start
from game.engine.view import term_timeline
from game.loader import load_scenario
from game.i18n import set_language
from game.ui.widgets.meter_chart import BLOCKS, chart
from tests.conftest import write_files


def bar_heights(content) -> list[int]:
    """How many of the chart's rows each bar reaches (a partly filled row counts)."""
    rows = [line for line in content.plain.splitlines() if "│" in line]
    columns = [x for x, _label in bars_and_labels(content)]
    return [sum(1 for row in rows if len(row) > x and row[x] not in " ┄") for x in columns]


def test_a_small_rise_looks_small_and_a_long_fall_looks_long():
    rise = bar_heights(chart((50, 58), (1, 2), 0, 100))
    fall = bar_heights(chart((70, 6), (1, 2), 0, 100))
    assert rise[0] == rise[1] == 3                 # 50 and 58 out of 100: both about half the height
    assert fall[0] == 4 and fall[1] == 1           # 70, then 6: nearly empty


def test_a_low_value_above_the_bottom_still_shows_a_bar():
    """10 k€ out of 500 on a 3-row chart is less than an eighth of a row: still a sliver, never nothing."""
    drawn = chart((300, 10, 0), (1, 2, 3), 0, 500, rows=3, low_end=20)
    assert bar_heights(drawn)[:2] == [2, 1]
    assert "▁▁" in drawn.plain.splitlines()[2]


def test_the_value_at_which_the_game_ends_is_a_labelled_line_and_turns_are_written():
    text = chart((40, 30, 20), (1, 2, 3), 0, 100, low_end=12).plain
    assert "┄" in text and "the game ends at 12" in text
    assert text.splitlines()[-1].split() == ["start", "2", "end", "(turns)"]


def bars_and_labels(content) -> list[tuple[int, str]]:
    """(the column where a bar stands, the word written under that column) for each bar."""
    lines = content.plain.splitlines()
    bottom, labels = lines[-3], lines[-1]      # the lowest row of bars, then the axis, then the labels
    return [(x, labels[x:].split(" ", 1)[0] if x < len(labels) else "")
            for x, cell in enumerate(bottom) if cell in BLOCKS[1:] and (x == 0 or bottom[x - 1] not in BLOCKS[1:])]


@pytest.mark.parametrize("language,first,last", [("en", "start", "end"), ("fr", "début", "fin")])
def test_every_bar_is_labelled_the_start_each_decisions_turn_and_the_end(language, first, last):
    set_language(language)
    try:
        few = bars_and_labels(chart((50, 50, 60, 40, 45), (1, 1, 2, 2, 3), 0, 100))
        many = bars_and_labels(chart(tuple(range(10, 90, 2)), tuple(range(1, 41)), 0, 100, width=60))
    finally:
        set_language("en")
    assert [label for _x, label in few] == [first, "1", "2", "2", last]
    assert all(label for _x, label in many) and len(many) > 10
    assert many[0][1] == first and many[-1][1] == last
    assert [int(label) for _x, label in many[1:-1]] == sorted(int(label) for _x, label in many[1:-1])


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


@pytest.mark.parametrize("width", [40, 60, 76, 100])
def test_a_chart_never_draws_wider_than_its_width_and_keeps_the_line_where_the_game_ends_said(width):
    values = tuple(50 + (i % 7) * 5 for i in range(30))
    text = chart(values, tuple(range(1, 31)), 0, 100, low_end=20, high_end=95, width=width).plain
    assert max(len(line) for line in text.splitlines()) <= width
    assert "the game ends at 20" in text and "the game ends at 95" in text
