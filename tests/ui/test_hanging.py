"""Long list items, quotes and spoken lines wrap under their text, and a source's address is one
clickable line: what a player reads on a fact card and in the scene at 80x24."""

from __future__ import annotations

from game.model.scenario import Fact, Source
from game.ui.screens.facts import FactCardScreen
from game.ui.widgets.story_view import StoryView
from tests.ui.test_play_screen import new_app, run

LONG = "a long sentence that certainly goes on past the width of the card so that it has to wrap " * 2
URL = "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000000886460/a/very/long/address/that/would/wrap"


def card(text: str) -> Fact:
    return Fact("f", "A card", text, Source("A source", URL, "2024"))


def shown_lines(widget) -> list[str]:
    """The lines a widget draws, as text (its own rendering, not a screenshot)."""
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


def card_lines(text: str) -> tuple[list[str], list[str]]:
    app = new_app()

    async def script(pilot):
        await app.push_screen(FactCardScreen(card(text)))
        await pilot.pause()
        return shown_lines(app.screen.query_one("#fact-text")), shown_lines(app.screen.query_one("#fact-url"))

    return run(app, script)


def test_a_long_list_item_wraps_under_its_text_not_under_its_bullet():
    text, _url = card_lines(f"Two points:\n\n- {LONG}\n- short\n\n1. {LONG}")
    bullet = next(i for i, line in enumerate(text) if line.startswith("• a long"))
    assert text[bullet + 1].startswith("  ") and text[bullet + 1].strip()     # under the text, not the bullet
    numbered = next(i for i, line in enumerate(text) if line.startswith("1. a long"))
    assert text[numbered + 1].startswith("   ") and text[numbered + 1].strip()


def test_a_long_quote_keeps_its_bar_on_every_line():
    text, _url = card_lines(f"> {LONG}")
    quoted = [line for line in text if line.strip()]
    assert len(quoted) >= 2 and all(line.startswith("▌ ") for line in quoted)


def test_a_source_address_is_one_line_cut_with_an_ellipsis_and_linked():
    app = new_app()
    asked: list[str] = []
    app.open_url = lambda url, **kwargs: asked.append(url)

    async def script(pilot):
        await app.push_screen(FactCardScreen(card("Short.")))
        await pilot.pause()
        url = app.screen.query_one("#fact-url")
        lines = shown_lines(url)
        strip = url.render_line(0)
        links = {segment.style.link for segment in strip if segment.style is not None and segment.style.link}
        await pilot.click("#fact-url", offset=(2, 0))
        await pilot.pause()
        return lines, links

    lines, links = run(app, script)
    assert len(lines) == 1 and lines[0].endswith("…") and lines[0].startswith("https://www.legifrance")
    assert links == {URL}          # the terminal's own hyperlink (OSC 8) carries the whole address
    assert asked == [URL]          # and a click opens it


def test_a_spoken_line_wraps_under_its_words_in_the_scene():
    app = new_app()

    async def script(pilot):
        await pilot.pause()
        story = app.screen.query_one(StoryView)
        return [line.text.rstrip() for line in story.text_lines(story.size.width)]

    lines = run(app, script, size=(60, 40))
    opened = [i for i, line in enumerate(lines) if line.startswith("  “")]
    assert opened, "the tutorial's first scene has a spoken line"
    for i in opened:
        if i + 1 < len(lines) and lines[i + 1].strip() and not lines[i].endswith("”"):
            assert lines[i + 1].startswith("   ")
