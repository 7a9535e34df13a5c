"""Fact cards: one card with its source, and the list of every card unlocked so far."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.content import Content
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from game.i18n import N_, _, _nf
from game.engine.view import unlocked_facts as view_unlocked_facts
from game.model.safe_text import is_web_url, printable_line
from game.ui.widgets.key_bar import KeyBar
from game.ui.widgets.numbered_list import NumberedList
from game.ui.widgets.links import LinkActions, Links, open_web
from game.ui.widgets.hanging import Hanging
from game.ui.widgets.markdown_content import markdown_content
from game.engine.sources import source_words


def source_label(fact) -> str:
    """`name, date`: where a fact comes from, in plain text on one line, its quotes the language's own."""
    return source_words(fact.source)


def unlocked_facts(session) -> list[tuple[object, bool, str]]:
    return view_unlocked_facts(session.scenario, session.state)


class FactCardScreen(LinkActions, ModalScreen[None]):
    """One fact card: title, text, and where it comes from."""

    BINDINGS = [
        Binding("escape", "close", N_("Back")),
        Binding("o", "open_source", N_("Open the source")),
    ]

    DEFAULT_CSS = """
    FactCardScreen { align: center middle; }
    FactCardScreen > #card {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1; border-title-style: bold;
    }
    FactCardScreen #fact-title { text-style: bold; margin-bottom: 1; }
    FactCardScreen #fact-text { margin: 0; padding: 0; }
    FactCardScreen #fact-source { margin-top: 1; text-style: italic; }
    FactCardScreen #fact-url { color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    FactCardScreen #fact-buttons { height: auto; margin-top: 1; }
    FactCardScreen #fact-buttons Button { margin-right: 2; }
    """

    def __init__(self, fact, heading: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.fact = fact
        self.heading = fact.title if heading is None else heading   # "Later: ..." as the engine marks it

    def compose(self) -> ComposeResult:
        fact = self.fact
        self.links = Links()
        with VerticalScroll(id="card") as card:
            card.border_title = _("Fact card")
            yield Static(Content(printable_line(self.heading)), id="fact-title")
            yield Static(Hanging(markdown_content(fact.text, self.links)), id="fact-text")
            source = source_label(fact)
            yield Static(Content(_("Source: {source}").replace("{source}", source) if source else _("No source given.")),
                         id="fact-source")
            if fact.source.url:
                # On one line, cut with an ellipsis rather than wrapped mid-address; a click (or `o`)
                # opens it, and terminals that know hyperlinks (OSC 8) link the text itself.
                url = printable_line(fact.source.url)
                yield Static(Content.styled(url, self.links.url(url)), id="fact-url")
            with Horizontal(id="fact-buttons"):
                if is_web_url(fact.source.url or ""):
                    yield Button(_("Open the source (o)"), id="open", compact=True)
                yield Button(_("Back (Esc)"), id="back", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.is_attached:
            return   # the app quit as it came (a burst of keys): its children are gone
        self.query_one("#card").focus()  # arrows and Page Up/Down scroll a long card

    def action_close(self) -> None:
        self.dismiss(None)

    def action_open_source(self) -> None:
        url = self.fact.source.url
        if url:
            open_web(self.app, url)   # checks again that it is an http(s) address
        else:
            self.notify(_("This fact card has no web address."), timeout=4)

    @on(Button.Pressed, "#open")
    def open_pressed(self) -> None:
        self.action_open_source()

    @on(Button.Pressed, "#back")
    def back_pressed(self) -> None:
        self.dismiss(None)


class FactsScreen(ModalScreen[None]):
    """Every fact card unlocked so far; Enter or a click opens one."""

    BINDINGS = [Binding("escape", "close", N_("Back"))]

    DEFAULT_CSS = """
    FactsScreen { align: center middle; }
    FactsScreen > #box {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1; border-title-style: bold;
    }
    FactsScreen #fact-list { height: auto; max-height: 66vh; border: none; padding: 0; }  /* fits 12 rows */
    FactsScreen #facts-empty { margin: 1 0; }
    """

    def __init__(self, session, **kwargs):
        super().__init__(**kwargs)
        self.session = session
        self.facts = unlocked_facts(session)

    def compose(self) -> ComposeResult:
        with Vertical(id="box") as box:
            box.border_title = _nf("{n} fact card unlocked so far", "{n} fact cards unlocked so far", len(self.facts))
            if self.facts:
                options = []
                for index, (_fact, here, heading) in enumerate(self.facts):
                    prompt = Content(printable_line(heading))
                    if here:
                        prompt = prompt.append_text(" " + _("(this scene)"), "bold")
                    options.append(Option(prompt, id=str(index)))
                yield NumberedList(*NumberedList.numbered_options(options), id="fact-list")
            else:
                yield Static(_("No fact cards yet. They unlock as you visit the scenes of the story."),
                             id="facts-empty")
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.is_attached:
            return   # the app quit as it came (a burst of keys): its children are gone
        if self.facts:
            facts = self.query_one("#fact-list", OptionList)
            facts.highlighted = 0
            facts.focus()

    def action_close(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#fact-list")
    def fact_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.app.screen is not self:
            return   # a choice queued behind the one that opened a card (a burst of keys)
        fact, _here, heading = self.facts[event.option_index]
        self.app.push_screen(FactCardScreen(fact, heading))

