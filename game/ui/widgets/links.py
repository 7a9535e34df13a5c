"""Clickable parts of writer text, named by number.

A click runs the action written in the text's style, so that action is always built
here from an index (`screen.glossary_link(3)`), never from writer text: a term or a
URL stays a Python string on the screen that showed it. Only http(s) URLs are made
clickable, and `open_web` checks again right before a browser is asked to open one.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from textual.style import Style

from game.i18n import _
from game.model.safe_text import is_web_url, printable_line

LINK = Style(underline=True)


class Links:
    """The glossary terms and web addresses linked from the text of one screen."""

    def __init__(self, term_action: str = "screen.glossary_link", url_action: str = "screen.web_link"):
        self.term_action = term_action
        self.url_action = url_action
        self.terms: list[str] = []
        self.urls: list[str] = []

    def term(self, term: str) -> Style:
        self.terms.append(term)
        return LINK + Style.from_meta({"@click": f"{self.term_action}({len(self.terms) - 1})"})

    def url(self, url: str) -> Style | None:
        """The style of a link to `url`, or None when it is not a web address (then it is plain text)."""
        if not is_web_url(url):
            return None
        self.urls.append(url)
        # `link` makes the terminal's own hyperlink (OSC 8); the click action opens it from here.
        return LINK + Style(link=url) + Style.from_meta({"@click": f"{self.url_action}({len(self.urls) - 1})"})


def site_name(url: str) -> str:
    """The site of a web address, short enough to stay whole on a line (`legalis.net`): the words of
    a link whose target is the whole address. "" when `url` is not a web address."""
    if not is_web_url(url):
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return printable_line(host.removeprefix("www."))


def open_web(app, url: str) -> bool:
    """Open `url` in the browser if it is an http(s) address; say so either way."""
    if not is_web_url(url):
        app.notify(_("Only web addresses (http or https) are opened."), severity="warning", timeout=5, markup=False)
        return False
    app.open_url(url)
    app.notify(_("Opening {url}").replace("{url}", printable_line(url)), timeout=4, markup=False)
    return True


class LinkActions:
    """What a click on a link does, for a screen that keeps its `links`."""

    links: Links | None = None

    def action_glossary_link(self, index: int) -> None:
        if self.links is not None and isinstance(index, int) and 0 <= index < len(self.links.terms):
            self.show_term(self.links.terms[index])

    def show_term(self, term: str) -> None:
        self.app.show_glossary(term)

    def action_web_link(self, index: int) -> None:
        if self.links is not None and isinstance(index, int) and 0 <= index < len(self.links.urls):
            open_web(self.app, self.links.urls[index])
