"""Story Markdown is parsed once, as written, and kept: the scene a player reads is the same, values
are plain text, and a start from the cache draws its first scene without parsing anything."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from game.engine.runtime import start
from game.engine.text import shown_values, substitute
from game.loader import load_scenario
from game.model import markdown
from game.paths import shipped_scenarios
from game.ui.widgets.markdown_content import markdown_content, template_content
from tests.conftest import write_files


def shipped():
    return [(name, language) for name, path in sorted(shipped_scenarios().items())
            for language in (None, *load_scenario(path).scenario.languages)]


@pytest.mark.parametrize(("name", "language"), shipped())
def test_every_shipped_text_parsed_as_written_reads_as_the_text_filled_in_first(name, language):
    scenario = load_scenario(shipped_scenarios()[name], language).scenario
    state = start(scenario, seed=1)
    compared = 0
    for scene in scenario.scenes.values():
        blocks = [block.text.strip() for block in scene.text]
        for texts in ([blocks] if blocks else []) + [[line.text] for line in scene.say]:
            values = dict(shown_values(texts, state.meters, state.flags))
            kept = template_content(texts, values)
            filled = markdown_content("\n\n".join(substitute(text, state.meters, state.flags) for text in texts))
            assert kept.plain == filled.plain, scene.id
            assert [(s.start, s.end, str(s.style)) for s in kept.spans] == \
                   [(s.start, s.end, str(s.style)) for s in filled.spans], scene.id
            compared += 1
    assert compared > 20


def test_a_value_is_put_in_as_plain_text_inside_the_writers_own_emphasis():
    content = template_content(["Budget: *{budget}* M€, signed: {signed}."], {"budget": "**44**", "signed": "yes"})
    assert content.plain == "Budget: **44** M€, signed: yes."
    [italic] = [span for span in content.spans if "italic" in str(span.style)]
    assert content.plain[italic.start:italic.end] == "**44**"
    assert not [span for span in content.spans if "bold" in str(span.style)]


def test_escaped_braces_and_unknown_names_show_as_written():
    assert template_content(["{{budget}} is {budget}; {nobody} {{"], {"budget": "12"}).plain == \
        "{budget} is 12; {nobody} {"
    assert markdown_content("Not a template: {budget} {{x}}").plain == "Not a template: {budget} {{x}}"


def test_the_writers_private_use_characters_never_take_a_value():
    text = "A \ue000budget\ue001 B"
    assert template_content([text], {"budget": "12"}).plain == "A \ufffdbudget\ufffd B"
    assert markdown_content(text).plain == "A \ufffdbudget\ufffd B"


def test_blocks_are_drawn_one_after_another_as_the_joined_text():
    blocks = ["First *one*.", "- a\n- b", "> quoted {x}"]
    joined = markdown_content("\n\n".join(["First *one*.", "- a\n- b", "> quoted 3"]))
    assert template_content(blocks, {"x": "3"}).plain == joined.plain == "First one.\n\n• a\n• b\n\n▌ quoted 3"


@pytest.mark.parametrize("blocks", [
    ["- one", "- two", "- three"],                   # a list shown item by item (each with its condition)
    ["1. one", "1. two"],                            # numbered on
    ["- one", "* two"],                              # another bullet: another list
    ["1. one", "1) two"],
    ["- one\n  - inner", "- two"],                   # a nested list ends the first block
    ["> a quote", "> another"],
    ["Text.", "- item", "More text.", "- item"],
    ["- one", ""], ["", "- one"], ["", ""], ["- one", "", "- two"],
    ["# Title", "text"], ["```\ncode\n```", "- x"],
])
def test_blocks_read_as_their_texts_joined_by_blank_lines(blocks):
    kept, joined = template_content(blocks, {}), markdown_content("\n\n".join(blocks))
    assert kept.plain == joined.plain
    assert [(s.start, s.end, str(s.style)) for s in kept.spans] == [(s.start, s.end, str(s.style)) for s in joined.spans]


STORY = {
    "scenario.yaml": """\
        scenario: {id: kept, title: Kept, start: a, includes: ["scenes/*.yaml"]}
        meters: {budget: {label: Budget, start: 10}}
        glossary: {cnil: {term: CNIL, text: "The *regulator*."}}
        """,
    "scenes/one.yaml": """\
        scenes:
          a:
            text: "**Budget** {budget} M€, see [[CNIL]]."
            say: []
            choices:
              - {id: go, text: Go, goto: b}
          b: {text: The end., ending: {title: Done}}
        """,
}

DRAW = """\
import sys
from game.session import load_for_play
from game.engine.runtime import start
from game.engine.view import view
from game.ui.widgets.scene_text import scene_content
scenario = load_for_play(sys.argv[1])
content = scene_content(view(scenario, start(scenario, seed=1)), [])
print(repr(content.plain), "markdown_it" in sys.modules)
"""


def test_a_start_from_the_cache_draws_its_first_scene_without_the_markdown_parser(tmp_path):
    folder = write_files(tmp_path / "s", STORY)
    runs = [subprocess.run([sys.executable, "-c", DRAW, str(folder)], capture_output=True, text=True,
                           env={**os.environ}, timeout=120) for _ in range(2)]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    first, second = (run.stdout.strip() for run in runs)
    assert first == "'Budget 10 M€, see CNIL.' True"        # a full load parses every text, once
    assert second == "'Budget 10 M€, see CNIL.' False"      # the cache gave them back parsed


def test_parsed_texts_a_cache_entry_holds_are_checked_before_use():
    good = json.loads(json.dumps(markdown.kept([("*a* {x}", True)])))
    assert markdown.remember(good)
    for forged in ([["t", True, [["script", "rm -rf"]]]], [["t", True, [["inline", [["link", 7]]]]]],
                   [["t", "yes", []]], [["t", True, [["list", True, "1", "."]]]], "no",
                   [["t", True, [["list", True, 10**4300 - 1, "."], ["item"], ["item"]]]],   # too long to write
                   [["t", True, [["quote"]] * 100_000]]):                                    # deeper than any text
        assert not markdown.remember(forged), forged


def test_a_value_in_a_link_address_is_filled_in():
    from game.ui.widgets.links import Links

    for text in ("[site](https://example.org/{id}?q={id})", "<https://example.org/{id}>"):
        links = Links()
        content = template_content([text], {"id": "42"}, links)
        assert links.urls == ["https://example.org/42?q=42"] if "q=" in text else ["https://example.org/42"], text
        assert "%EE" not in content.plain


def test_inline_code_is_shown_as_code_without_its_backticks_and_is_never_a_link():
    from game.ui.widgets.links import Links

    links = Links()
    content = markdown_content("Type `safecity play [[camera]] https://example.org` to play.", links)
    assert content.plain == "Type safecity play [[camera]] https://example.org to play."
    code = [span for span in content.spans if content.plain[span.start:span.end].startswith("safecity")]
    assert code and not links.terms and not links.urls
