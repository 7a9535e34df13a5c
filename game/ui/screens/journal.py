"""The journal: every decision so far with its date and effects, then the ledger of what was signed.
The words come from the engine (game/engine/journal.py); this screen only lays them out."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from game.engine import journal
from game.engine.journal import Decision
from game.i18n import N_, _
from game.model.safe_text import printable
from game.ui.widgets.hanging import Hanging
from game.ui.widgets.key_bar import SCROLL, KeyBar


def decisions(session) -> list[Decision]:
    return journal.decisions(session.scenario, session.state)


def ledger_lines(session) -> list[str]:
    return journal.ledger_lines(session.scenario, session.state)


def decision_heading(decision: Decision, numbered: bool = True) -> Text:
    text = Text(f"{decision.index + 1}. {decision.date}" if numbered else decision.date, style="bold")
    if decision.heading:
        text.append(" — ")
        text.append(decision.heading, style="italic")
    return text


def decision_body(decision: Decision) -> Text:
    text = Text(_("You chose:") + " ", style="bold")
    text.append(decision.choice)
    if decision.result:
        text.append("\n")
        text.append(decision.result, style="italic")
    for line in decision.effects:
        text.append("\n• " + line)
    return text


def decision_text(decision: Decision, effects: bool = False) -> Text:
    """A decision in a few lines, for numbered lists: the date and headline, then the choice (and its effects)."""
    text = decision_heading(decision, numbered=False)
    text.append("\n" + _("You chose:") + " ")
    text.append(decision.choice)
    if effects:
        for line in decision.effects:
            text.append("\n• " + line)
    return text


class JournalScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", N_("Back")), SCROLL]

    DEFAULT_CSS = """
    JournalScreen { align: center middle; }
    JournalScreen > #journal {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1; border-title-style: bold;
    }
    JournalScreen .heading { text-style: bold underline; margin-top: 1; }
    JournalScreen .decision { margin-top: 1; }
    JournalScreen .decision-body { padding-left: 3; }
    JournalScreen .empty { color: $text-muted; }
    """

    def __init__(self, session, **kwargs):
        super().__init__(**kwargs)
        self.session = session

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="journal") as journal:
            journal.border_title = _("Journal: your decisions so far")
            found = decisions(self.session)
            if not found:
                yield Static(_("No decisions yet. Each choice you make will be written here."), classes="empty")
            for decision in found:
                # "1. " hangs: a heading that wraps goes on under its text, as the body below does.
                yield Static(Hanging(Content.from_rich_text(decision_heading(decision))), classes="decision")
                yield Static(decision_body(decision), classes="decision-body")
            yield Static(_("The ledger so far"), classes="heading")
            lines = ledger_lines(self.session)
            if lines:
                yield Static(Hanging(Content(printable("\n".join("• " + line for line in lines)))))
            else:
                yield Static(_("Nothing signed yet."), classes="empty")
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.is_attached:
            return   # the app quit as it came (a burst of keys): its children are gone
        self.query_one("#journal", VerticalScroll).focus()  # ↑/↓, Page Up/Down, Home/End scroll

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#journal", VerticalScroll).scroll_page_down()
