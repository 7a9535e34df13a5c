"""The shipped scenario carries its research: story/safe-city/SOURCES.md lists every fact card the
game shows, with its source and address, so the scenario depends on no file outside the project."""

from __future__ import annotations

from game.loader import load_scenario
from game.paths import shipped_scenarios


def test_every_fact_card_of_safe_city_is_in_its_sources_file():
    folder = shipped_scenarios()["safe-city"]
    sources = (folder / "SOURCES.md").read_text(encoding="utf-8")
    scenario = load_scenario(folder).scenario
    missing = [fid for fid, fact in scenario.facts.items()
               if f"`{fid}`" not in sources or (fact.source.url and fact.source.url not in sources)]
    assert missing == [], f"fact cards missing from SOURCES.md (regenerate its section 5): {missing}"
    assert "[UNVERIFIED]" in sources and "## 1. Timeline" in sources
