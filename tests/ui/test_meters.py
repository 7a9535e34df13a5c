"""Meters tell good news from bad by what the meter means, not by the way it moves, and each bar
marks where the game ends."""

from __future__ import annotations

from game.engine.view import MeterView
from game.loader import load_scenario
from game.ui.widgets.meters import BETTER, END_MARK, WORSE, meters_content, summary
from tests.conftest import write_files

STORY = """
scenario: {id: m, title: Meters, start: a}
meters:
  risk: {label: Legal risk, start: 10, high: {at: 80, goto: end}}
  trust: {label: Trust, start: 50, low: {at: 10, goto: end}}
  mood: {label: Mood, start: 50}
  cash: {label: Cash, start: 50, good: up}
scenes:
  a: {text: A, choices: [{id: go, text: Go, goto: end}]}
  end: {ending: {title: End}}
"""


def meter(mid: str, label: str, change: float, good: str, low=None, high=None) -> MeterView:
    return MeterView(mid, label, 50, 0, 100, "", change, good, low, high)


def styles_of(content, text: str) -> set[str]:
    start = content.plain.index(text)
    return {str(span.style) for span in content.spans if span.start <= start < span.end}


def test_a_rise_in_legal_risk_is_bad_news_and_a_rise_in_trust_good_news():
    risk, trust, mood = meter("risk", "Legal risk", 2, "down"), meter("trust", "Trust", 2, "up"), \
        meter("mood", "Mood", 2, "neither")
    content = meters_content((risk, trust, mood))
    lines = content.plain.splitlines()
    assert lines[1].endswith("▲+2 ✗") and lines[3].endswith("▲+2 ✓") and lines[5].endswith("▲+2")
    assert WORSE in styles_of(content, "▲+2 ✗") and BETTER in styles_of(content, "▲+2 ✓")
    assert summary((risk, trust)) == "Legal risk 50 ▲+2 ✗ · Trust 50 ▲+2 ✓"
    assert meter("trust", "Trust", -3, "up").better is False and meter("risk", "R", -3, "down").better is True


def test_each_bar_marks_the_values_at_which_the_game_ends():
    content = meters_content((meter("trust", "Trust", 0, "up", low=10), meter("risk", "Risk", 0, "down", high=80)))
    trust_bar, risk_bar = content.plain.splitlines()[1], content.plain.splitlines()[3]
    assert trust_bar.index(END_MARK) == 2 and risk_bar.index(END_MARK) == 16    # 10% and 80% of 20 cells
    assert meters_content((meter("mood", "Mood", 0, "neither"),)).plain.count(END_MARK) == 0


def test_the_format_says_which_way_is_good_and_nothing_is_guessed(tmp_path):
    scenario = load_scenario(write_files(tmp_path / "m", {"scenario.yaml": STORY})).scenario
    assert {mid: m.good for mid, m in scenario.meters.items()} == \
        {"risk": "neither", "trust": "neither", "mood": "neither", "cash": "up"}


def test_a_wrong_way_is_an_error_at_its_line(tmp_path):
    text = STORY.replace("good: up", "good: sideways")
    result = load_scenario(write_files(tmp_path / "m", {"scenario.yaml": text}))
    errors = [d for d in result.errors if d.code == "SC204"]
    assert len(errors) == 1 and errors[0].span.line == 7 and "`sideways` is not up, down or neither" in errors[0].message
    assert "good: up" in errors[0].hint


def test_the_shipped_meters_all_say_which_way_is_good():
    from game.paths import shipped_scenarios

    for path in shipped_scenarios().values():
        for meter_ in load_scenario(path).scenario.meters.values():
            assert meter_.good in ("up", "down"), (path.name, meter_.id)


def test_the_short_summary_keeps_every_unit_and_shortens_labels_only_as_needed():
    budget = MeterView("budget", "City budget", 50, 0, 100, "M€", 8, "up")
    trust = MeterView("trust", "Public trust", 55, 0, 100, "%", None)
    liberties = MeterView("liberties", "Civil liberties", 70, 0, 100, "", None)
    meters = (budget, trust, liberties)
    assert summary(meters) == "City budget 50\u00a0M€ ▲+8 ✓ · Public trust 55\u00a0% · Civil liberties 70"
    assert summary(meters, 80).splitlines() == [summary(meters)]          # room: nothing shortened
    two = summary(meters, 40).splitlines()
    assert two == ["City budget 50\u00a0M€ ▲+8 ✓", "Public trust 55\u00a0% · Civil liberties 70"]
    tight = summary(meters, 24).splitlines()
    assert len(tight) == 2 and all(len(line) <= 24 for line in tight), tight
    assert "50\u00a0M€ ▲+8 ✓" in tight[0] and "55\u00a0%" in "".join(tight) and "…" in "".join(tight)
