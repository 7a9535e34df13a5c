"""The ending: how the term ended, in the story's words, and the meters over the term in small
charts under it; the debrief (debrief.py) is one key away. The buttons stay in view below."""

from __future__ import annotations

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.content import Content
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from game.model.text_grammar import unlink
from game.engine.view import ledger, term_timeline
from game.i18n import N_, _, _f, _nf, quote_marks
from game.ui.screens.journal import decision_text, decisions
from game.model.safe_text import printable, printable_line
from game.ui.widgets.key_bar import KeyBar
from game.ui.widgets.numbered_list import NumberedList
from game.ui.widgets.hanging import Hanging
from game.ui.widgets.links import LinkActions, Links
from game.ui.widgets.meter_chart import MeterChart
from game.ui.widgets.scene_text import line_content, text_content

COMPACT_ROWS = 3   # the ending's charts: three lines tall (the debrief's are five)
BUTTON_ROOM = 2    # a compact button's padding, beside its words
GUTTER = 1         # between two buttons


def button_columns(width: int, labels: list[str]) -> int:
    """How many buttons go in a row: as few rows as let every label stay on one line, and the rows
    as even as can be (five buttons: one row of five, two rows of three and two, or rows of two)."""
    count = len(labels)
    need = max((cell_len(label) for label in labels), default=0) + BUTTON_ROOM
    for rows in range(1, count + 1):
        columns = -(-count // rows)
        if columns * need + (columns - 1) * GUTTER <= width:
            return columns
    return 1


def tone_label(tone: str) -> str:
    names = {"bright": _("a bright ending"), "mixed": _("a mixed ending"), "dark": _("a dark ending")}
    return names.get(tone, tone)


class WhatIfScreen(ModalScreen[int | None]):
    """Pick a decision to go back to; the game replays up to just before it."""

    BINDINGS = [Binding("escape", "dismiss(None)", N_("Back"))]

    DEFAULT_CSS = """
    WhatIfScreen { align: center middle; }
    WhatIfScreen > #box {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1; border-title-style: bold;
    }
    WhatIfScreen #whatif-hint { color: $text-muted; }
    WhatIfScreen #decisions { height: auto; max-height: 60vh; border: none; padding: 0; }  /* fits 12 rows */
    """

    def __init__(self, session, **kwargs):
        super().__init__(**kwargs)
        self.decisions = decisions(session)

    def compose(self) -> ComposeResult:
        with Vertical(id="box") as box:
            box.border_title = _("What if? Go back to a decision and choose again")
            yield Static(_("Choose a decision: the game goes back to just before it."), id="whatif-hint")
            options = [Option(decision_text(d), id=str(d.index)) for d in self.decisions]
            yield NumberedList(*NumberedList.numbered_options(options), id="decisions")
        yield KeyBar()

    def on_mount(self) -> None:
        decisions_list = self.query_one("#decisions", OptionList)
        if self.decisions:
            decisions_list.highlighted = len(self.decisions) - 1   # the latest decision is the usual one
        decisions_list.focus()

    @on(OptionList.OptionSelected, "#decisions")
    def picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.app.screen is self and self.is_active:
            self.dismiss(int(event.option.id))


class EndingScreen(LinkActions, Screen):
    BINDINGS = [
        Binding("d", "debrief", N_("Debrief")),
        Binding("c", "class_continue", N_("Continue")),
        Binding("n", "play_again", N_("Play again")),
        Binding("w", "what_if", N_("What if…")),
        Binding("t", "app.title", N_("Title screen")),
        Binding("q", "app.quit", N_("Quit")),
        Binding("question_mark,h", "app.help", N_("Help")),
        Binding("f", "app.facts", N_("Facts"), show=False),
        Binding("g", "app.glossary", N_("Glossary"), show=False),
        Binding("j", "app.journal", N_("Journal"), show=False),
    ]

    DEFAULT_CSS = """
    EndingScreen { layout: vertical; }
    EndingScreen > #ending { height: 1fr; padding: 0 2; }
    EndingScreen #ending-title { text-style: bold; padding: 1 0 0 0; color: $accent; }
    EndingScreen #ending-tone { text-style: italic; }
    EndingScreen #ending-result { color: $text-muted; margin-top: 1; }
    EndingScreen #ending-text { margin: 1 0 0 0; padding: 0; }
    EndingScreen .line { margin-top: 1; }
    EndingScreen #meters-heading { text-style: bold; margin-top: 1; }
    EndingScreen #meters-key { color: $text-muted; }
    EndingScreen .meter { margin-top: 1; }
    EndingScreen #debrief-hint { margin-top: 1; color: $text-muted; }
    EndingScreen #buttons {
        grid-size: 5; grid-gutter: 1 1; height: auto; padding: 0 2; margin: 1 0 0 0;
        border-top: solid $panel-lighten-2;
    }
    EndingScreen #buttons Button { width: 100%; }
    """

    def __init__(self, session, in_class: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.session = session
        self.in_class = in_class   # a class's game: no replay, and the quiz comes next

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "class_continue":
            return self.in_class
        if action in ("play_again", "what_if"):
            return not self.in_class
        return True

    def action_class_continue(self) -> None:
        self.app.class_game_over()

    def compose(self) -> ComposeResult:
        session = self.session
        scenario, state = session.scenario, session.state
        v = session.view()
        self.links = Links()
        with VerticalScroll(id="ending"):
            title = printable_line(v.ending.title) if v.ending is not None else _("The end")
            yield Static(Content(_("The end: {title}").replace("{title}", title)), id="ending-title")
            if v.ending is not None and v.ending.tone:
                yield Static(Content(printable_line(tone_label(v.ending.tone))), id="ending-tone")
            if v.result:
                yield Static(Content(printable(unlink(v.result))), id="ending-result")
            values = dict(v.values)
            if v.text:
                yield Static(Hanging(text_content(v, self.links)), id="ending-text")
            for line in v.lines:
                who = f"{line.name} ({line.role})" if line.role else line.name
                opening, closing = quote_marks()
                said = Content.assemble((printable_line(who), "bold"), "\n  " + opening,
                                        line_content(line, values, self.links), closing)
                yield Static(Hanging(said), classes="line")

            timeline = term_timeline(scenario, state)
            if timeline.series:
                yield Static(_("Your meters over the term"), id="meters-heading")
                yield Static(_("Each bar is a meter's value: at the start, after each decision (its turn is "
                               "under it), at the end. The dotted line is where the game ends."), id="meters-key")
                for meter_id, meter_values in timeline.series.items():
                    yield MeterChart(scenario.meters[meter_id], meter_values, timeline.turns, rows=COMPACT_ROWS,
                                     id=f"chart-{meter_id}", classes="meter")

            signed = _nf("{n} decision in your ledger", "{n} decisions in your ledger", len(ledger(scenario, state)))
            yield Static(Content(_f("The debrief: {signed}, your meters over the term, what really happened in "
                                    "France, and questions to talk about.", signed=signed)), id="debrief-hint")
        # Below the text, always in view: one line each, in as few and as even rows as fit.
        with Grid(id="buttons"):
            yield Button(_("Debrief (d)"), id="debrief", variant="primary", compact=True)
            if self.in_class:
                yield Button(_("Continue (c)"), id="class-continue", variant="primary", compact=True)
            else:
                yield Button(_("Play again (n)"), id="again", compact=True)
                yield Button(_("What if… (w)"), id="whatif", compact=True)
            yield Button(_("Title screen (t)"), id="title", compact=True)
            yield Button(_("Quit (q)"), id="quit", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.is_attached:
            return   # the app quit as it came (a burst of keys): its children are already gone
        self.lay_out_buttons(self.size.width)
        self.query_one("#ending", VerticalScroll).focus()  # ↑/↓, Page Up/Down, Home/End scroll

    def on_resize(self, event) -> None:
        self.lay_out_buttons(event.size.width)

    def lay_out_buttons(self, width: int) -> None:
        grid = self.query_one("#buttons", Grid)
        labels = [str(button.label) for button in grid.query(Button)]   # Content: its plain words
        grid.styles.grid_size_columns = button_columns(width - 4, labels)   # the grid's padding

    # -- actions --------------------------------------------------------------

    def action_debrief(self) -> None:
        from game.ui.screens.debrief import DebriefScreen

        self.app.push_screen(DebriefScreen(self.session))

    @on(Button.Pressed, "#debrief")
    def debrief_pressed(self) -> None:
        self.action_debrief()

    def action_play_again(self) -> None:
        self.app.play_again()

    def action_what_if(self) -> None:
        if not self.session.state.history:
            self.notify(_("There is no decision to go back to."), timeout=4)
            return

        def chosen(index: int | None) -> None:
            if index is not None:
                self.app.what_if(index)

        self.app.push_screen(WhatIfScreen(self.session), chosen)

    @on(Button.Pressed, "#class-continue")
    def class_continue_pressed(self) -> None:
        self.action_class_continue()

    @on(Button.Pressed, "#again")
    def again_pressed(self) -> None:
        self.action_play_again()

    @on(Button.Pressed, "#whatif")
    def whatif_pressed(self) -> None:
        self.action_what_if()

    @on(Button.Pressed, "#title")
    def title_pressed(self) -> None:
        self.app.show_title()

    @on(Button.Pressed, "#quit")
    def quit_pressed(self) -> None:
        self.app.exit()
