"""Links in writer text: only http(s) addresses open, clicks name their target by number, long words stay cheap."""

from __future__ import annotations

import time

import pytest
from textual.geometry import Region

from game.model.scenario import Fact, Source
from game.ui.screens.facts import FactCardScreen
from game.ui.widgets.links import Links
from game.ui.widgets.markdown_content import markdown_content
from game.ui.widgets.story_view import StoryView
from tests.ui.reading import shown_notices
from tests.ui.test_play_screen import new_app, run

REFUSED = ["javascript:alert(1)", "file:///etc/passwd", "-https://x.org", "https://exa mple.org", "data:text/html,x",
           "https://example.org/\x1b[2J", "mailto:a@b.c", "//example.org"]


def fact(url: str) -> Fact:
    return Fact("f", "A card", "See [the report](%s) and [[CNIL]]." % url, Source("A source", url, "2024"))


def opened_by(url: str, press: str = "o") -> tuple[list[str], list[str]]:
    """(the URLs the app was asked to open, the notices shown) after `press` on a card whose source is `url`."""
    app = new_app()
    asked: list[str] = []
    app.open_url = lambda url, **kwargs: asked.append(url)   # never a real browser in tests

    async def script(pilot):
        await app.push_screen(FactCardScreen(fact(url)))
        await pilot.pause()
        if press == "o":
            await pilot.press("o")
        else:
            app.screen.action_web_link(0)
        await pilot.pause()
        return shown_notices(app)

    notices = run(app, script, notifications=True)
    return asked, notices


@pytest.mark.parametrize("url", REFUSED)
def test_a_source_that_is_not_a_web_address_is_never_opened(url):
    asked, notices = opened_by(url)
    assert asked == []
    assert any("http" in n for n in notices)


def test_a_web_source_opens_in_the_browser():
    asked, notices = opened_by("https://www.cnil.fr/fr")
    assert asked == ["https://www.cnil.fr/fr"] and any("cnil.fr" in n for n in notices)


def test_a_web_link_in_a_card_opens_by_its_number_and_others_are_plain_text():
    assert opened_by("https://example.org/a", press="link")[0] == ["https://example.org/a"]
    for url in REFUSED:
        if "\x1b" in url:
            continue   # in a text the control character is removed first: what is left is a web address
        links = Links()
        content = markdown_content(f"See [the report]({url}).", links)
        assert links.urls == []
        assert all("@click" not in getattr(span.style, "meta", {}) for span in content.spans)


def test_click_actions_hold_numbers_never_writer_text():
    links = Links()
    content = markdown_content("[[analyse d'impact]] [[x') ; app.quit(']] [web](https://example.org/?q=')", links)
    actions = [span.style.meta["@click"] for span in content.spans if "@click" in getattr(span.style, "meta", {})]
    assert actions == ["screen.glossary_link(0)", "screen.glossary_link(1)", "screen.web_link(0)"]
    assert links.terms == ["analyse d'impact", "x') ; app.quit('"]


def test_a_huge_word_is_folded_quickly():
    word = "x" * 200_000
    started = time.perf_counter()
    content = markdown_content(f"{word} and {word}")
    lines = content.wrap(78)
    assert time.perf_counter() - started < 2
    assert max(line.cell_length for line in lines) <= 78 and "".join(line.plain for line in lines).count("x") == 400_000


def test_a_scene_with_a_huge_word_shows_and_scrolls_quickly(monkeypatch):
    from game.ui.screens import play

    word = "y" * 200_000
    original = play.scene_content

    def huge(v, order, links=None, background=None):
        return original(v, order, links, background) + markdown_content(word)

    monkeypatch.setattr(play, "scene_content", huge)
    app = new_app()

    async def script(pilot):
        story = app.screen.query_one(StoryView)
        started = time.perf_counter()
        await pilot.press("pagedown", "end")
        await pilot.pause()
        story.render_lines(Region(0, 0, *story.size))
        return time.perf_counter() - started, story.content.plain.count("y")

    elapsed, shown = run(app, script)
    assert shown >= 200_000 and elapsed < 5


@pytest.mark.parametrize("url", REFUSED)
def test_the_app_itself_refuses_to_open_anything_but_a_web_address(url, monkeypatch):
    from textual.app import App

    asked: list[str] = []
    monkeypatch.setattr(App, "open_url", lambda self, url, **kwargs: asked.append(url))
    app = new_app()

    async def script(pilot):
        app.open_url(url)            # as Textual's own widgets would call it
        app.open_url("https://example.org")
        await pilot.pause()

    run(app, script)
    assert asked == ["https://example.org"]
