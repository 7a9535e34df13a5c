"""Writer text is shown as it is written, on every screen: never read as markup, never a way to act.

A story file is untrusted. Its texts go through every field the game shows with probes
that Textual's markup would read as tags (`[ @click=app.quit]` would make a click quit,
`[A]`, `[$x]`, `[Word=a:b]`, `[b]`, `[/]` would vanish) and, injected after loading (the
loader refuses them in files), escape sequences that would clear the screen.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from textual.geometry import Region
from textual.visual import visualize
from textual.widgets import OptionList, Static

from game.settings import Settings
from game.loader.cache import story_signature
from game.ui.app import SafeCityApp
from game.ui.widgets.line_pane import LinePane
from game.ui.widgets.story_view import StoryView
from tests.conftest import write_files
from tests.ui.reading import shown_text
from tests.ui.test_play_screen import _row_of, run

PROBE = "[ @click=app.quit]QUIT-ME[/] [A] [$x] [Word=a:b] [b] [/]"
ESCAPES = " \x1b[2J\x1b]0;TITLE\x07\x9b1m END"   # clear screen, window title, an 8-bit CSI


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def field(name: str) -> str:
    """The probe, named after the field it is in, so a test can say which field lost it."""
    return q(f"{name}: {PROBE}")


STORY = f"""\
scenario: {{id: probes, title: {field("title")}, start: office}}
meters:
  budget: {{label: {field("meter")}, unit: {field("unit")}, start: 50}}
flags:
  signed: {field("flag")}
characters:
  chief: {{name: {field("name")}, role: {field("role")}}}
glossary:
  probe:
    term: {field("term")}
    aliases: [the probe]
    text: {q("definition: " + PROBE + " see [[the probe]] and [a site](https://example.org) [bad](file:///etc/x)")}
facts:
  card:
    title: {field("fact")}
    text: {q("card: " + PROBE + " [[the probe]]")}
    source: {{name: {field("source")}, url: "https://example.org/[b][/][A]", date: "2024"}}
reality:
  - id: real
    when: visited(office)
    text: {field("reality")}
    facts: [card]
variants:
  short:
    label: {field("variant")}
    description: {q("described: " + PROBE + " [Note=https://example.org]")}
    start: office
scenes:
  office:
    turn: true
    headline: {field("headline")}
    text: {q("scene: " + PROBE + " [[the probe]] [a site](https://example.org)")}
    say:
      - chief: {field("said")}
    facts: [card]
    choices:
      - id: sign
        text: {field("choice")}
        effects: {{budget: -10, signed: true}}
        result: {field("result")}
        goto: end
      - id: never
        text: {field("lockedchoice")}
        if: budget > 1000
        locked: {field("reason")}
        goto: end
  end:
    ending: {{title: {field("ending")}, tone: dark}}
    text: {q("ending: " + PROBE + " [[the probe]]")}
    say:
      - chief: {field("farewell")}
"""


def with_escapes(value):
    """The scenario with the escape sequences added to every text holding the probe."""
    if isinstance(value, str):
        return value + ESCAPES if "QUIT-ME" in value else value
    if isinstance(value, tuple):
        return tuple(with_escapes(v) for v in value)
    if isinstance(value, dict):
        return {k: with_escapes(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: with_escapes(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value


@pytest.fixture(params=["probes", "probes+escapes"])
def story(request, tmp_path):
    folder = write_files(tmp_path / "probes", {"scenario.yaml": STORY})
    return folder, request.param.endswith("escapes")


def make_app(story, **kwargs) -> SafeCityApp:
    folder, escapes = story
    app = SafeCityApp(folder, seed=1, settings=Settings(show_effects=True), **kwargs)   # effects lines drawn too
    from game.loader import load_scenario

    result = load_scenario(folder)
    assert result.ok, [d.format() for d in result.diagnostics]
    scenario = with_escapes(result.scenario) if escapes else result.scenario
    app._peeked[folder] = (scenario, True, story_signature(folder))   # what the title screen read
    return app


# -- reading what a widget shows -------------------------------------------------------

def shown(widget) -> str:
    """The plain text a widget shows."""
    if isinstance(widget, StoryView):
        lines = ["".join(s.text for s in strip) for _index, strip in widget.choice_rows()]
        return widget.content.plain + "\n" + "\n".join(lines)
    if isinstance(widget, LinePane):
        return widget.content.plain
    if isinstance(widget, OptionList):
        return "\n".join(visualize(widget, option.prompt).plain for option in widget.options)
    return str(widget.render())


def screen_strings(app) -> str:
    """Every character every widget of the screen draws, for finding escape characters."""
    out = []
    for widget in app.screen.query("*"):
        if widget.size.area:
            out += ["".join(s.text for s in strip) for strip in widget.render_lines(Region(0, 0, *widget.size))]
    return "\n".join(out)


def all_shown(app) -> str:
    return "\n".join(shown(w) for w in app.screen.query("*") if isinstance(w, (Static, LinePane, OptionList)))


def assert_literal(text: str, *names: str) -> None:
    text = " ".join(text.split())   # a long line may wrap: compare words, not line breaks
    for name in names:
        assert f"{name}: {PROBE}" in text, f"{name} is not shown as written:\n{text}"


def assert_no_escapes(app, escapes: bool) -> None:
    drawn = screen_strings(app)
    assert "\x1b" not in drawn and "\x9b" not in drawn and "\x07" not in drawn
    if escapes:
        assert "[2J" in drawn   # the sequence's printable rest shows: the text around it is kept


# -- the screens ---------------------------------------------------------------------------

WIDE = (200, 60)   # no line wraps in the middle of a probe


def test_the_title_screen_and_the_variant_dialog_show_writer_text_as_written(story):
    app = make_app(story)

    async def script(pilot):
        await pilot.pause()
        assert_literal(shown(app.screen.query_one("#scenario-line")), "title")
        assert_no_escapes(app, story[1])
        await pilot.press("enter")                        # New game: the story has a variant
        await pilot.pause()
        assert type(app.screen).__name__ == "VariantScreen"
        variants = shown(app.screen.query_one("#variants"))
        assert_literal(variants, "variant", "described")
        assert "[Note=https://example.org]" in variants
        assert_no_escapes(app, story[1])

    run(app, script, size=WIDE)


def test_the_play_screen_shows_every_writer_text_as_written(story):
    app = make_app(story, skip_title=True)

    async def script(pilot):
        await pilot.pause()
        text = all_shown(app)
        assert_literal(text, "headline", "meter", "unit", "fact", "scene", "name", "role", "said", "choice",
                       "lockedchoice", "reason")
        assert f"meter: {PROBE}".split("[ @")[0] in shown(app.screen.query_one("#story"))  # the effects line
        assert_no_escapes(app, story[1])
        await pilot.press("1")
        await pilot.pause()
        assert type(app.screen).__name__ == "EndingScreen"
        text = all_shown(app)
        assert_literal(text, "ending", "farewell", "result")
        assert_no_escapes(app, story[1])
        await pilot.press("d")                    # the debrief screen: every part of it
        await pilot.pause()
        assert type(app.screen).__name__ == "DebriefScreen"
        assert_literal(all_shown(app), "reality", "source", "meter", "unit", "flag")
        assert_no_escapes(app, story[1])

    run(app, script, size=WIDE)


def test_narrow_play_screen_summary_shows_meter_labels_as_written(story):
    app = make_app(story, skip_title=True)

    async def script(pilot):
        await pilot.pause()
        assert_literal(shown(app.screen.query_one("#summary")), "meter")
        assert_no_escapes(app, story[1])

    run(app, script, size=(60, 30))


def test_fact_cards_glossary_and_journal_show_writer_text_as_written(story):
    app = make_app(story, skip_title=True)

    async def script(pilot):
        await pilot.pause()
        await pilot.press("f")                    # the facts list
        await pilot.pause()
        assert_literal(all_shown(app), "fact")
        assert_no_escapes(app, story[1])
        await pilot.press("enter")                # the card
        await pilot.pause()
        card = all_shown(app)
        assert_literal(card, "fact", "card", "source")
        assert "https://example.org/[b][/][A]" in card
        assert_no_escapes(app, story[1])
        await pilot.press("escape", "escape", "g")
        await pilot.pause()
        assert type(app.screen).__name__ == "GlossaryScreen"
        assert_literal(all_shown(app), "term", "definition")
        assert app.screen.links.urls == ["https://example.org"]   # the file: link is only text
        assert_no_escapes(app, story[1])
        await pilot.press("escape")
        await pilot.pause()
        app.screen.take("sign")                   # then the ending: "what if" lists the decision
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert_literal(all_shown(app), "headline", "choice", "result", "meter", "unit", "flag")
        assert_no_escapes(app, story[1])
        await pilot.press("escape", "w")
        await pilot.pause()
        assert_literal(all_shown(app), "headline", "choice")
        assert_no_escapes(app, story[1])

    run(app, script, size=WIDE)


@pytest.mark.parametrize("screen_key", ["play", "card", "glossary", "ending"])
def test_a_click_on_writer_text_runs_no_action(story, screen_key):
    """Clicking where `[ @click=app.quit]` was written quits nothing; the app stays where it was."""
    app = make_app(story, skip_title=True)
    actions = []
    app.action_quit = lambda: actions.append("quit")          # noqa: E731 - a quit attempt is recorded
    app.action_screenshot = lambda *a: actions.append("screenshot")

    async def script(pilot):
        await pilot.pause()
        keys = {"play": [], "card": ["f", "enter"], "glossary": ["g"], "ending": []}[screen_key]
        if screen_key == "ending":
            app.screen.take("sign")
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        before = type(app.screen).__name__
        clicked = 0
        for row, line in enumerate(shown_text(app).splitlines()):
            at = line.find("QUIT-ME")
            while at >= 0:
                words = line[:at].split()
                named = [i for i, word in enumerate(words) if word.endswith(":")]   # the field's name
                label, mark = (words[named[-1]], words[named[-1] - 1:named[-1]]) if named else ("", [])
                if screen_key == "play" and (label in ("fact:", "choice:", "lockedchoice:") or mark == ["→"]):
                    at = line.find("QUIT-ME", at + 1)  # a fact title or a choice is meant to be clicked
                    continue
                await pilot.click(offset=(at + 2, row))
                await pilot.pause()
                clicked += 1
                assert type(app.screen).__name__ == before, f"a click on row {row} opened something"
                at = line.find("QUIT-ME", at + 1)
        assert clicked
        return app.return_code

    assert run(app, script, size=WIDE) is None
    assert actions == []


def test_a_language_code_from_the_settings_file_is_shown_as_written():
    from textual.widgets import Select

    from tests.ui.test_play_screen import TUTORIAL

    app = SafeCityApp(TUTORIAL, seed=1, skip_title=True, settings=Settings(language="[b]zz[/]"))

    async def script(pilot):
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        select = app.screen.query_one("#language", Select)
        return [visualize(select, prompt).plain for prompt, _value in select._options]

    assert "[b]zz[/]" in run(app, script)
