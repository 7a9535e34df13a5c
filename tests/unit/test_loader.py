"""What the loader builds from valid files: values, includes, translations, fingerprints."""

from __future__ import annotations

from game.engine.runtime import start
from game.engine.view import view
from game.loader import load_scenario
from game.loader.yaml_reader import parse_text
from tests.conftest import write_files

MAIN = """
scenario:
  id: loader
  title: Loader test
  start: a
  includes: [parts/*.yaml]
meters:
  trust: {label: Trust, start: 50}
flags:
  signed: Signed it
characters:
  chief: {name: Roux, role: Police chief}
glossary:
  CNIL: France's data protection authority.
  DPIA: {text: A data protection impact assessment., term: DPIA, aliases: [impact assessment]}
"""

PART = """
includes: [more/extra.yaml]
scenes:
  a:
    text: Trust is {trust}. Ask the [[CNIL]] or do an [[impact assessment]]. Braces {{like this}}.
    say: [{chief: Sign it.}]
    choices:
      - {id: go, text: Go on, goto: b}
"""

EXTRA = """
scenes:
  b: {ending: {title: The end}, text: Done.}
"""

FR = """
scenario: {title: Test du chargeur}
meters: {trust: Confiance}
flags: {signed: Signé}
characters: {chief: {role: Chef de la police}}
glossary: {CNIL: Autorité française de protection des données.}
scenes:
  a:
    text: La confiance est de {trust}. Demandez à la [[CNIL]].
    say: [Signez.]
    choices: {go: Continuer}
  b: {ending: La fin, text: Terminé.}
"""


def story(tmp_path):
    return write_files(tmp_path / "s", {"scenario.yaml": MAIN, "parts/one.yaml": PART,
                                        "parts/more/extra.yaml": EXTRA, "i18n/fr.yaml": FR})


def test_includes_are_followed_from_the_including_file(tmp_path):
    result = load_scenario(story(tmp_path))
    assert result.ok, [d.format() for d in result.diagnostics]
    assert set(result.scenario.scenes) == {"a", "b"}
    assert result.scenario.languages == ("fr",)


def test_text_substitutes_meters_links_terms_and_keeps_escaped_braces(tmp_path):
    scenario = load_scenario(story(tmp_path)).scenario
    v = view(scenario, start(scenario, seed=1))
    assert v.text.startswith("Trust is 50. Ask the [[CNIL]]")
    assert v.text.endswith("Braces {like this}.")
    assert [t.id for t in v.terms] == ["CNIL", "DPIA"]


def test_a_translation_replaces_texts_and_keeps_ids(tmp_path):
    result = load_scenario(story(tmp_path), "fr")
    assert result.ok, [d.format() for d in result.diagnostics]
    s = result.scenario
    v = view(s, start(s, seed=1))
    assert v.text == "La confiance est de 50. Demandez à la [[CNIL]]."
    assert [(line.role, line.text) for line in v.lines] == [("Chef de la police", "Signez.")]
    assert [(c.id, c.text) for c in v.choices] == [("go", "Continuer")]
    assert s.meters["trust"].label == "Confiance" and s.title == "Test du chargeur"
    assert s.scenes["b"].ending.title == "La fin" and s.language == "fr"


def test_a_translated_term_shows_no_alias_of_the_other_language_and_its_links_still_work(tmp_path):
    folder = story(tmp_path)
    (folder / "i18n" / "fr.yaml").write_text(FR.replace(
        "glossary: {CNIL: Autorité française de protection des données.}",
        "glossary:\n  CNIL: Autorité française de protection des données.\n"
        "  DPIA: {term: AIPD, text: Une analyse d'impact.}"))
    s = load_scenario(folder, "fr").scenario
    entry = s.glossary["DPIA"]
    assert entry.term == "AIPD" and entry.aliases == ()           # "Also: impact assessment" is English
    for name in ("AIPD", "DPIA", "impact assessment"):              # links of either language still find it
        assert s.term(name) is entry


def test_the_fingerprint_changes_when_any_file_changes(tmp_path):
    folder = story(tmp_path)
    first = load_scenario(folder).scenario.fingerprint
    assert load_scenario(folder).scenario.fingerprint == first
    (folder / "parts/more/extra.yaml").write_text(EXTRA.replace("Done.", "Over."))
    assert load_scenario(folder).scenario.fingerprint != first


def test_only_true_and_false_are_booleans_and_dates_stay_text():
    data = parse_text("a: no\nb: yes\nc: true\nd: 2019-10-29\ne: +8\nf: '=40'\ng: 1.5\nh: ~\ni: '12'\n", "x.yaml")
    assert data == {"a": "no", "b": "yes", "c": True, "d": "2019-10-29", "e": 8, "f": "=40", "g": 1.5, "h": None,
                    "i": "12"}


def test_positions_are_one_based_lines_and_columns():
    data = parse_text("scenes:\n  a:\n    goto: b\n", "x.yaml")
    assert str(data["scenes"]["a"].pos("goto")) == "x.yaml:3:11"
    assert str(data["scenes"]["a"].key_span("goto")) == "x.yaml:3:5"


def test_merge_keys_share_fields_without_overriding(tmp_path):
    data = parse_text("base: &b {label: L, start: 1}\nm: {<<: *b, start: 5}\n", "x.yaml")
    assert data["m"] == {"label": "L", "start": 5}


def test_a_scenario_file_can_be_named_directly(tmp_path):
    folder = story(tmp_path)
    assert load_scenario(folder / "scenario.yaml").ok


def test_pages_after_an_interlude_may_resume_too(make_scenario):
    s = make_scenario("""
scenario: {id: pages, title: Pages, start: a}
meters: {trust: {label: Trust, start: 50}}
events: [{id: march, when: trust < 40, scene: page1}]
scenes:
  a:
    turn: true
    choices: [{id: drop, text: Drop, effects: {trust: -20}, goto: b}]
  b:
    turn: true
    choices: [{id: end, text: End, goto: e}]
  page1:
    text: A march.
    goto: page2
  page2:
    text: They go home.
    choices: [{id: ok, text: OK}]
  e: {ending: {title: E}}
""")
    from game.engine.runtime import choose, start
    state = choose(s, start(s, seed=1), "drop")
    assert state.scene == "page1"
    state = choose(s, choose(s, state, "continue"), "ok")
    assert (state.scene, state.turn) == ("b", 2)


def test_links_in_translations_are_checked(tmp_path):
    folder = story(tmp_path)
    (folder / "i18n" / "fr.yaml").write_text(FR.replace("Demandez à la [[CNIL]].", "Voyez la [[CNLI]]."))
    codes = [(d.code, d.span.line) for d in load_scenario(folder, all_languages=True).diagnostics]
    assert codes == [("SC305", 9)]  # the line of the French text


def test_a_translation_leaves_the_tones_the_program_words(tmp_path):
    """bright, mixed and dark are worded by the program in every language: a translated tone would show raw."""
    folder = story(tmp_path)
    (folder / "i18n" / "fr.yaml").write_text(FR.replace("b: {ending: La fin, text: Terminé.}",
                                                        "b: {ending: {title: La fin, tone: sombre}, text: Terminé.}"))
    for part in folder.rglob("*.yaml"):
        text = part.read_text()
        if "b: {ending: {title: The end}, text: Done.}" in text:
            part.write_text(text.replace("{title: The end}", "{title: The end, tone: dark}"))
    source = load_scenario(folder).scenario.scenes["b"].ending.tone
    assert source == "dark"
    translated = load_scenario(folder, "fr").scenario.scenes["b"].ending
    assert translated.title == "La fin"
    assert translated.tone == source


def test_the_shipped_translations_keep_the_worded_tones():
    from game.paths import shipped_scenarios

    for path in shipped_scenarios().values():
        scenario = load_scenario(path).scenario
        for language in scenario.languages:
            translated = load_scenario(path, language).scenario
            for sid, scene in scenario.scenes.items():
                if scene.ending is not None and scene.ending.tone in ("bright", "mixed", "dark"):
                    assert translated.scenes[sid].ending.tone == scene.ending.tone, (path.name, sid)
