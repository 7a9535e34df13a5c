"""Fact cards in their time: a card about events after the game's date is marked "Later"."""

from __future__ import annotations

from pathlib import Path

from game.engine.runtime import choose, start
from game.engine.text import format_number
from game.engine.view import fact_heading, view
from game.i18n import set_language
from game.loader import load_scenario
from game.paths import shipped_scenarios
from tests.conftest import write_files

STORY = """
scenario:
  id: in-time
  title: In time
  start: gates
  calendar: {start: 2019-06, months_per_turn: 6}
scenes:
  gates:
    turn: true
    text: The Region wants face gates.
    facts: [memo, ruling]
    goto: court
  court:
    turn: true
    text: A year on.
    facts: [memo, ruling]
    goto: end
  end:
    ending: {title: End}
facts:
  memo:
    title: The memorandum
    text: The Region signed a memorandum.
    source: {name: A paper, date: 2023-01}
    date: 2016-07-13
  ruling:
    title: The court annuls the gates
    text: A court annulled them.
    source: {name: A court, date: 2020-02-27}
"""


def test_a_card_dated_after_the_game_date_is_marked_later_until_the_game_reaches_it(tmp_path):
    folder = write_files(tmp_path / "s", {"scenario.yaml": STORY})
    scenario = load_scenario(folder).scenario
    set_language("en")
    state = start(scenario, 1)
    june_2019 = view(scenario, state)
    # The ruling (Feb 2020) is news from the future in June 2019; the memo is dated by its event (2016).
    assert june_2019.later == {"ruling"}
    assert [fact_heading(f, f.id in june_2019.later) for f in june_2019.facts] == [
        "The memorandum", "Later: The court annuls the gates"]
    december_2019 = view(scenario, choose(scenario, state, "continue"))   # turn 2
    assert december_2019.later == {"ruling"}
    set_language("fr")
    try:
        assert fact_heading(scenario.facts["ruling"], True) == "Plus tard\u00a0: The court annuls the gates"
        assert format_number(0.8) == "0,8"
    finally:
        set_language("en")
    assert format_number(0.8) == "0.8"


def test_the_shipped_gate_decision_no_longer_shows_the_ruling_that_answers_it():
    scenario = load_scenario(shipped_scenarios()["safe-city"]).scenario
    assert "minors_consent" not in scenario.scenes["t03_start"].facts
    assert "ai_act_bans" not in scenario.scenes["t05_start"].facts
    assert "experiments_end_date" not in scenario.scenes["t10_start"].facts


def test_safe_city_has_a_content_warning_and_its_own_sources_page_with_every_card_address():
    folder = Path(shipped_scenarios()["safe-city"])
    english = load_scenario(folder).scenario
    french = load_scenario(folder, "fr").scenario
    assert "86" in english.classroom.warning and "86" in french.classroom.warning
    assert english.classroom.warning != french.classroom.warning
    sources = (folder / "SOURCES.md").read_text(encoding="utf-8")
    for fact in english.facts.values():
        assert fact.id in sources
        if fact.source.url:
            assert fact.source.url in sources, fact.id
    # Source names read in French in the French game.
    assert french.facts["nice_cameras_2016"].source.name == "Sénat, rapport r16-509"
    assert french.facts["nice_cameras_2016"].source.url == english.facts["nice_cameras_2016"].source.url
