"""The debrief, a screen of its own: the ledger, the meters over the term, what really happened,
and the questions to talk about, each one key away (1-4, or the tabs)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane

from game.model.text_grammar import unlink
from game.engine.view import debrief_questions, reality, term_timeline
from game.i18n import N_, _
from game.model.safe_text import printable, printable_line
from game.ui.screens.facts import source_label
from game.ui.screens.journal import ledger_lines
from game.ui.widgets.hanging import Hanging
from game.ui.widgets.key_bar import KeyBar
from game.ui.widgets.links import LinkActions, Links, site_name
from game.ui.widgets.meter_chart import MeterChart

PARTS = ("ledger", "term", "reality", "questions")


def part_titles() -> dict[str, str]:
    return {"ledger": _("1 Your ledger"), "term": _("2 Over your term"), "reality": _("3 What really happened"),
            "questions": _("4 Questions")}


def source_line(fact, links: Links) -> Content | None:
    """`Source: name, date, site`: the site (`legalis.net`) is a link to the whole address, so the line
    stays short and no address is cut in the middle when it wraps. Only http(s) addresses are links."""
    label, url = source_label(fact), printable_line(fact.source.url or "")
    site = site_name(url)
    if site:
        before, _sep, after = _("Source: {source}").partition("{source}")
        return Content.assemble(before + (label + ", " if label else ""), (site, links.url(url)), after)
    label = ", ".join(part for part in (label, url) if part)   # not a web address: plain text, never a link
    return Content(_("Source: {source}").replace("{source}", label)) if label else None


class DebriefScreen(LinkActions, Screen):
    BINDINGS = [
        Binding("escape", "close", N_("Back to the ending")),
        Binding("1", "part('ledger')", N_("Part"), key_display="1-4"),
        Binding("2", "part('term')", show=False),
        Binding("3", "part('reality')", show=False),
        Binding("4", "part('questions')", show=False),
        Binding("f", "app.facts", N_("Facts")),   # each card opens its source with o: the keyboard's way
        Binding("q", "app.quit", N_("Quit")),
    ]

    DEFAULT_CSS = """
    DebriefScreen TabbedContent { height: 1fr; }
    DebriefScreen TabPane { padding: 0 1; }
    DebriefScreen VerticalScroll { height: 1fr; }
    DebriefScreen .heading { text-style: bold; margin-top: 1; }
    DebriefScreen .empty { color: $text-muted; }
    DebriefScreen .meter { margin-top: 1; }
    DebriefScreen .reality { margin-top: 1; }
    DebriefScreen .source { color: $text-muted; padding-left: 2; }
    DebriefScreen .hint { color: $text-muted; }
    """

    def __init__(self, session, start: str = "ledger", **kwargs):
        super().__init__(**kwargs)
        self.session = session
        self.start = start if start in PARTS else "ledger"

    def compose(self) -> ComposeResult:
        session = self.session
        scenario, state = session.scenario, session.state
        titles = part_titles()
        self.links = Links()
        with TabbedContent(initial=self.start):
            with TabPane(titles["ledger"], id="ledger"), VerticalScroll():
                yield Static(_("What you signed, and what you undid."), classes="empty")
                lines = ledger_lines(session)
                if lines:
                    yield Static(Hanging(Content(printable("\n".join("• " + line for line in lines)))))
                else:
                    yield Static(_("You signed nothing that goes in the ledger."), classes="empty")
            with TabPane(titles["term"], id="term"), VerticalScroll():
                timeline = term_timeline(scenario, state)
                if not timeline.series:
                    yield Static(_("This story has no meters to show."), classes="empty")
                for meter_id, values in timeline.series.items():
                    yield MeterChart(scenario.meters[meter_id], values, timeline.turns, id=f"chart-{meter_id}",
                                     classes="meter")
            with TabPane(titles["reality"], id="reality"), VerticalScroll():
                items = reality(scenario, state)
                if not items:
                    yield Static(_("This story gives no real-world notes for this ending."), classes="empty")
                elif any(site_name(fact.source.url or "") for _item, _text, facts in items for fact in facts):
                    yield Static(_("Click a source's site to read it in your web browser, or open its fact card (f) and press o."), classes="hint")
                for _item, text, facts in items:
                    yield Static(Hanging(Content(printable("• " + unlink(text).strip()))), classes="reality")
                    for fact in facts:
                        source = source_line(fact, self.links)
                        if source is not None:
                            yield Static(source, classes="source")
            with TabPane(titles["questions"], id="questions"), VerticalScroll():
                yield Static(_("Talk about these with your class, or write your answers down."), classes="empty")
                questions = debrief_questions(scenario)
                yield Static(Hanging(Content(printable("\n".join(f"{n}. {q}" for n, q in enumerate(questions, 1))))),
                             id="questions-list")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.is_attached:
            self.focus_part()

    @on(TabbedContent.TabActivated)
    def focus_part(self) -> None:
        """The shown part's text has the focus, so Page Up/Down, the arrows, Home and End scroll it
        at once (not after a Tab), whichever way the part was opened: a number, a click, the tabs."""
        tabs = self.query_one(TabbedContent)
        if tabs.active:
            self.query_one(f"#{tabs.active} VerticalScroll", VerticalScroll).focus()

    def action_part(self, part: str) -> None:
        if part in PARTS:
            self.query_one(TabbedContent).active = part

    def action_close(self) -> None:
        self.app.pop_screen()
