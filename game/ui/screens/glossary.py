"""The glossary: every term in a list, the highlighted one's definition beside it (below, when narrow)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.i18n import N_, _, alphabetical
from game.model.safe_text import printable_line
from game.ui.widgets.key_bar import KeyBar
from game.ui.widgets.numbered_list import ListNumbers, NumberedList, number_keys
from game.ui.widgets.links import LinkActions, Links
from game.ui.widgets.hanging import Hanging
from game.ui.widgets.markdown_content import markdown_content

NARROW = 64   # below this width the definition goes under the list


def find_entry(scenario, entries, term: str | None):
    """The entry of `entries` that the scenario's glossary calls `term` (the engine looks it up), or None."""
    found = scenario.term(term) if term else None
    return next((entry for entry in entries if found is not None and entry.id == found.id), None)


class GlossaryScreen(ListNumbers, LinkActions, ModalScreen[None]):
    # Enter or a number shows a definition and moves the focus there (to scroll it); the numbers
    # must still choose the next term from there.
    BINDINGS = [
        Binding("escape", "close", N_("Back")),
        *number_keys(),
    ]
    NUMBERED = "#terms"

    DEFAULT_CSS = """
    GlossaryScreen { align: center middle; }
    GlossaryScreen > #box {
        width: 100; max-width: 100%; height: 90%; min-height: 8;
        border: thick $accent; background: $surface; padding: 0 1; border-title-style: bold;
        layout: vertical;
    }
    GlossaryScreen #panes { height: 1fr; layout: horizontal; }
    GlossaryScreen #terms { width: 32; height: 100%; max-height: 100%; border: none; padding: 0; }
    GlossaryScreen #definition { width: 1fr; height: 100%; padding: 0 0 0 2; }
    GlossaryScreen #definition-term { text-style: bold underline; }
    GlossaryScreen #definition-aliases { color: $text-muted; text-style: italic; }
    GlossaryScreen #definition-text { margin: 0; padding: 0; }
    GlossaryScreen #definition-note { color: $text-muted; }
    GlossaryScreen.narrow #panes { layout: vertical; }
    GlossaryScreen.narrow #terms { width: 100%; height: 2fr; }
    GlossaryScreen.narrow #definition { width: 100%; height: 3fr; padding: 0; border-top: solid $accent; }
    GlossaryScreen #glossary-empty { margin: 1 0; }
    """

    def __init__(self, session, term: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.session = session
        glossary = session.scenario.glossary
        try:
            here = [e for e in session.view().terms if e.id in glossary]
        except Exception:  # the view of a broken state must not stop the glossary opening
            here = []
        here_ids = {e.id for e in here}
        others = sorted((e for e in glossary.values() if e.id not in here_ids), key=lambda e: alphabetical(e.term))
        self.entries = here + others
        self.here = here_ids
        self.start = find_entry(session.scenario, self.entries, term)
        self.asked = term

    def compose(self) -> ComposeResult:
        with Vertical(id="box") as box:
            box.border_title = _("Glossary")
            if not self.entries:
                box.styles.height = "auto"
                yield Static(_("This story has no glossary."), id="glossary-empty")
            else:
                with Container(id="panes"):
                    options = []
                    for index, entry in enumerate(self.entries):
                        prompt = Content(printable_line(entry.term))
                        if entry.id in self.here:
                            prompt = prompt.append_text(" " + _("(this scene)"), "bold")
                        options.append(Option(prompt, id=str(index)))
                    yield NumberedList(*NumberedList.numbered_options(options), id="terms")
                    with VerticalScroll(id="definition"):
                        yield Static(id="definition-term", markup=False)
                        yield Static(id="definition-aliases", markup=False)
                        yield Static(id="definition-text", markup=False)
                        yield Static(id="definition-note", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.is_attached:
            return   # the app quit as it came (a burst of keys): its children are gone
        self.set_class(self.size.width < NARROW, "narrow")
        if not self.entries:
            return
        terms = self.query_one("#terms", OptionList)
        index = self.entries.index(self.start) if self.start is not None else 0
        terms.highlighted = index
        self.show_entry(index)
        if self.asked and self.start is None:
            note = _("“{term}” is not in the glossary.").replace("{term}", printable_line(self.asked))
            self.notify(note, timeout=5, markup=False)
        terms.focus()

    def on_resize(self, event) -> None:
        self.set_class(event.size.width < NARROW, "narrow")

    def show_entry(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.entries):
            return
        entry = self.entries[index]
        self.query_one("#definition-term", Static).update(Content(printable_line(entry.term)))
        aliases = self.query_one("#definition-aliases", Static)
        also = _("Also: {aliases}").replace("{aliases}", printable_line(", ".join(entry.aliases)))
        aliases.update(Content(also if entry.aliases else ""))
        aliases.display = bool(entry.aliases)
        # [[term]] in a definition shows that term here (see show_term); web links open in a browser.
        self.links = Links()
        self.query_one("#definition-text", Static).update(Hanging(markdown_content(entry.text, self.links)))
        note = self.query_one("#definition-note", Static)
        note.update(_("This term appears in the current scene.") if entry.id in self.here else "")
        note.display = entry.id in self.here
        self.query_one("#definition", VerticalScroll).scroll_home(animate=False)

    @on(OptionList.OptionHighlighted, "#terms")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_entry(event.option_index)

    @on(OptionList.OptionSelected, "#terms")
    def selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a term: read (and scroll) its definition; Tab goes back to the list."""
        event.stop()
        self.show_entry(event.option_index)
        self.query_one("#definition").focus()

    def show_term(self, term: str) -> None:
        """A [[term]] in a definition was clicked: show that term's definition here."""
        entry = find_entry(self.session.scenario, self.entries, term)
        if entry is not None:
            index = self.entries.index(entry)
            self.query_one("#terms", OptionList).highlighted = index
            self.show_entry(index)

    def action_close(self) -> None:
        self.dismiss(None)
