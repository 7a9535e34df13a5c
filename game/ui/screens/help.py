"""Help: every key and what it does, how to play, and how to play with a screen reader."""

from __future__ import annotations

from rich.table import Table
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.i18n import N_, _
from game.ui.widgets.hanging import Hanging
from game.ui.widgets.key_bar import SCROLL, KeyBar
from game.ui.widgets.markdown_content import markdown_content


def key_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """(group title, [(keys, what they do)]), translated when called."""
    return [
        (_("On the play screen"), [
            ("1 – 9", _("Take that choice")),
            (_("↑ ↓, Enter"), _("Move through the choices, then take the highlighted one")),
            (_("Home / End"), _("The first or the last choice")),
            (_("PgUp / PgDn"), _("Scroll a long scene: the line above the choices says when there is more")),
            (_("Mouse wheel"), _("Scroll too")),
            (_("Mouse click"), _("Take a choice, open a fact card or a glossary term")),
            ("u", _("Undo your last choice (if undo is on in the settings)")),
            ("f", _("Fact cards unlocked so far")),
            ("g", _("Glossary: terms and definitions")),
            ("j", _("Journal: your decisions so far")),
            ("s", _("Settings")),
            ("? / h", _("This help")),
            ("q", _("Quit. The game is saved after every choice, so quitting loses nothing")),
            ("ctrl+p", _("Command palette: every command, searchable")),
        ]),
        (_("In lists and dialogs"), [
            (_("Esc"), _("Back: close the dialog")),
            ("1 – 9", _("Take the item with that number")),
            ("↑ ↓", _("Move in a list, or scroll")),
            (_("Enter"), _("Open the highlighted item")),
            (_("PgUp / PgDn"), _("Scroll a long text")),
            ("o", _("On a fact card: open its source in the web browser")),
        ]),
        (_("On the ending screen"), [
            ("d", _("Debrief: your ledger, your meters over the term, what really happened, questions (1-4)")),
            ("n", _("Play again, with a new seed")),
            ("w", _("What if: go back to one of your decisions and choose again")),
            ("t", _("Title screen")),
            ("q", _("Quit")),
            ("f / g / j", _("Fact cards, glossary, journal")),
        ]),
    ]


def key_table(rows: list[tuple[str, str]]) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
    # The keys' column wraps rather than cuts: a long key name stays whole at 80 columns, in French too.
    table.add_column(style="bold", min_width=8, max_width=18, overflow="fold")
    table.add_column(ratio=1)
    for keys, what in rows:
        table.add_row(keys, what)
    return table


HOW_TO_PLAY = [
    "You are the mayor of a French town. Companies and officials offer you “Safe City” tools: "
    "cameras, software, sensors. You decide.",
    "Your meters (budget, safety, trust and others) can end your term early if one goes too far.",
    "On a meter, ✓ marks a change for the better, ✗ one for the worse, and ┃ the value at which your term ends.",
    "Every choice has a cost, in money, in trust or in freedom, even when it is not shown at once.",
    "The fact cards say what really happened in France and elsewhere, and each one names its source.",
    "There is no single right answer. At the end you will see what you signed, and what it led to.",
]


def how_to_play() -> Hanging:
    """The advice as a list drawn by the game's Markdown renderer: a long point wraps under its own
    words, not under the bullet."""
    return Hanging(markdown_content("\n".join("- " + _(line) for line in HOW_TO_PLAY)))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", N_("Back")), SCROLL, Binding("question_mark,h", "close", show=False)]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > #help {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1; border-title-style: bold;
    }
    HelpScreen .hint { color: $text-muted; }
    HelpScreen .heading { text-style: bold underline; margin-top: 1; }
    HelpScreen .para { margin-top: 1; }
    HelpScreen #close { margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help") as box:
            box.border_title = _("Help: keys and how to play")
            for title, rows in key_groups():
                yield Static(title, classes="heading", markup=False)
                yield Static(key_table(rows))
            yield Static(_("How to play"), classes="heading")
            yield Static(how_to_play(), id="how-to-play")
            yield Static(_("Playing with a screen reader"), classes="heading")
            # Markdown too: the command in backticks is drawn as a command, without its backticks.
            yield Static(Hanging(markdown_content(_("Run `safecity play --plain`: the same game as plain text, one "
                                                    "line after another, with numbered choices to type. It works "
                                                    "with screen readers and braille displays."))),
                         id="screen-reader")
            yield Button(_("Back (Esc)"), id="close", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.is_attached:
            return   # the app quit as it came (a burst of keys): its children are gone
        self.query_one("#help").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#help", VerticalScroll).scroll_page_down()

    @on(Button.Pressed, "#close")
    def close_pressed(self) -> None:
        self.dismiss(None)
