"""One mistake, one report first: a file that cannot be read comes before the errors it causes,
which say so; a fact's missing source is not also a translation error."""

from __future__ import annotations

from game.loader import load_scenario
from tests.conftest import write_files

HEADER = """
scenario:
  id: town
  title: Town
  start: office
  includes: ["scenes/*.yaml"]
"""

SCENES = """
scenes:
  office:
    text: The mayor's office.
    choices:
      - id: go
        text: Go on
       goto: end
  end:
    ending: {title: The end}
"""


def test_an_unreadable_file_comes_first_and_the_errors_it_causes_say_so(tmp_path):
    folder = write_files(tmp_path / "town", {"scenario.yaml": HEADER, "scenes/main.yaml": SCENES})
    diagnostics = load_scenario(folder).diagnostics
    first = diagnostics[0]
    assert first.code == "SC101" and first.span.file.endswith("scenes/main.yaml") and first.span.line == 8
    assert "indentation" in first.hint
    echoes = diagnostics[1:]
    assert echoes and all("because" in d.message and "main.yaml could not be read" in d.message for d in echoes)


def test_a_fact_without_a_source_is_reported_once_not_again_by_its_translation(tmp_path):
    folder = write_files(tmp_path / "town", {
        "scenario.yaml": HEADER.replace('  includes: ["scenes/*.yaml"]\n', "") + """
facts:
  cameras:
    title: Cameras
    text: The town has six cameras.
scenes:
  office:
    text: The mayor's office.
    facts: [cameras]
    choices:
      - {id: go, text: Go on, goto: end}
  end:
    ending: {title: The end}
""",
        "i18n/fr.yaml": "facts:\n  cameras:\n    title: Caméras\n    text: La ville a six caméras.\n"})
    codes = [d.code for d in load_scenario(folder, all_languages=True).diagnostics]
    assert codes == ["SC308"], codes


def test_sc708_names_the_fields_left_untranslated_and_accepts_a_text_copied_on_purpose(tmp_path):
    from game.analysis.lint import lint

    folder = write_files(tmp_path / "town", {
        "scenario.yaml": HEADER.replace('  includes: ["scenes/*.yaml"]\n', "") + """
scenes:
  office:
    text: The mayor's office.
    choices:
      - {id: go, text: Go on, goto: end}
      - {id: wait, text: Wait, goto: end}
  end:
    ending: {title: Open Data, tone: mixed}
""",
        "i18n/fr.yaml": "scenes:\n  office:\n    text: Le bureau du maire.\n    choices:\n      go: Continuer\n"
                        "  end:\n    ending:\n      title: Open Data\n"})
    scenario = load_scenario(folder).scenario
    found = [d for d in lint(scenario) if d.code == "SC708"]
    assert [d.message for d in found] == ["1 text of scene `office` is not translated into `fr`: choices `wait` text"]
    # `Open Data` was copied into fr.yaml on purpose, and the tone `mixed` is worded by the program.
