"""The debrief screen as a student reads it: sources that are links, whole on their line, quoted
the language's way; and a part's text that scrolls with Page Down as soon as it is shown."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.i18n import set_language
from game.settings import Settings
from game.ui.app import SafeCityApp
from tests.ui.reading import shown_text
from tests.ui.test_play_screen import TUTORIAL, run
from tests.ui.test_screens import TO_THE_END, choose

LANGUAGES = ["en", "fr"]


@pytest.fixture(params=LANGUAGES)
def language(request):
    set_language(request.param)
    yield request.param
    set_language("en")


def ending_app(language: str) -> SafeCityApp:
    return SafeCityApp(TUTORIAL, seed=1, skip_title=True, language=language, settings=Settings())


def links_in(content) -> list[tuple[str, str]]:
    """(the words, the address) of each link in a Content."""
    return [(content.plain[span.start:span.end], span.style.link) for span in content.spans
            if not isinstance(span.style, str) and span.style.link]


def test_the_sources_of_what_really_happened_are_links_named_by_their_site(language):
    app = ending_app(language)

    async def script(pilot):
        await choose(pilot, *TO_THE_END)
        await pilot.press("d", "3")
        await pilot.pause()
        sources = [w.content for w in app.screen.query("#reality .source").results(Static)]
        return sources, shown_text(app)

    sources, shown = run(app, script, size=(80, 24))
    links = [link for content in sources for link in links_in(content)]
    assert ("legalis.net", "https://legalis.net/?p=30094") in links
    assert ("francetvinfo.fr", next(url for _site, url in links if "francetvinfo" in url)) in links
    # Every link is a web address, and no address is printed (so none is cut at the end of a line).
    assert all(url.startswith("https://") for _site, url in links)
    assert "https://" not in shown and "legalis.net" in shown
    words = "\n".join(content.plain for content in sources).replace("\u00a0", " ")
    assert ("Source : France TV Info" if language == "fr" else "Source: France TV Info") in words


def test_a_sources_quotes_are_the_languages_own(language):
    from game.loader import load_scenario
    from game.ui.screens.facts import source_label

    scenario = load_scenario(TUTORIAL, language).scenario
    label = next(source_label(f) for f in scenario.facts.values() if "polices municipales" in f.source.name)
    expected = "« Les polices municipales », 20\u00a0octobre\u00a02020" if language == "fr" \
        else "“Les polices municipales”, 20\u00a0October\u00a02020"
    assert label == f"Cour des comptes, {expected}".replace("« ", "«\u00a0").replace(" »", "\u00a0»")


def test_page_down_scrolls_each_part_of_the_debrief_at_once(language):
    app = ending_app(language)

    async def script(pilot):
        await choose(pilot, *TO_THE_END)
        scrolled = {}
        await pilot.press("d")
        await pilot.pause()
        for key, part in (("2", "term"), ("3", "reality"), ("1", "ledger"), ("2", "term")):
            await pilot.press(key)
            await pilot.pause()
            pane = app.screen.query_one(f"#{part} VerticalScroll", VerticalScroll)
            focused = app.focused is pane
            await pilot.press("pagedown")
            await pilot.pause()
            scrolled[part] = (focused, pane.scroll_y > 0 or pane.max_scroll_y == 0)
            await pilot.press("home")
        return scrolled

    scrolled = run(app, script, size=(80, 24))
    assert scrolled == {"term": (True, True), "reality": (True, True), "ledger": (True, True)}


def test_a_click_on_a_sources_site_opens_its_whole_address(language, monkeypatch):
    app = ending_app(language)
    asked = []
    monkeypatch.setattr(app, "open_url", lambda url, **kwargs: asked.append(url))

    async def script(pilot):
        await choose(pilot, *TO_THE_END)
        await pilot.press("d", "3")
        await pilot.pause()
        rows = shown_text(app).splitlines()
        y = next(y for y, row in enumerate(rows) if "legalis.net" in row)
        await pilot.click(offset=(rows[y].index("legalis.net") + 2, y))
        await pilot.pause()

    run(app, script, size=(80, 24))
    assert asked == ["https://legalis.net/?p=30094"]


def test_from_the_debrief_the_keyboard_reaches_each_source_through_its_card(language):
    app = ending_app(language)

    async def script(pilot):
        await choose(pilot, *TO_THE_END)
        await pilot.press("d", "3")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        listing = type(app.screen).__name__
        await pilot.press("1")
        await pilot.pause()
        return listing, type(app.screen).__name__, shown_text(app).splitlines()[-1]

    listing, card, keys = run(app, script, size=(100, 30))
    assert listing == "FactsScreen" and card == "FactCardScreen"
    assert ("o Ouvrir la source" if language == "fr" else "o Open the source") in keys


@pytest.mark.parametrize("size", [(60, 20), (86, 30)])
def test_no_debrief_line_starts_with_french_closing_punctuation(size):
    """A question's no-break space before « ? » stays one (it used to become a space a line could break at)."""
    app = ending_app("fr")
    set_language("fr")

    async def script(pilot):
        await choose(pilot, *TO_THE_END)
        await pilot.press("d")
        shown = []
        for part in "1234":
            await pilot.press(part)
            await pilot.pause()
            shown.append(shown_text(app))
        return "\n".join(shown)

    try:
        shown = run(app, script, size=size)
    finally:
        set_language("en")
    starts = [line.strip(" █▌│") for line in shown.splitlines()]
    assert [line for line in starts if line[:1] in ("?", ":", ";", "!", "»")] == []
