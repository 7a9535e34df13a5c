"""The play screen: date and headline, the scene, meters, facts to learn more, the choices."""

from __future__ import annotations

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from game.i18n import _, date_label
from game.session import GameError
from game.ui.widgets.choices import ChoiceList, effects_label
from game.ui.widgets.meters import MeterPanel
from game.ui.widgets.scene_text import SceneText

NARROW = 72   # below this width the side panel folds into one line


class PlayScreen(Screen):
    BINDINGS = [
        *[Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)],
        Binding("u", "undo", _("Undo")),
        Binding("f", "app.facts", _("Facts")),
        Binding("g", "app.glossary", _("Glossary")),
        Binding("j", "app.journal", _("Journal")),
        Binding("s", "app.settings", _("Settings")),
        Binding("question_mark,h", "app.help", _("Help")),
        Binding("q", "app.quit", _("Quit")),
    ]

    DEFAULT_CSS = """
    PlayScreen { layout: vertical; }
    #top { height: auto; padding: 0 1; background: $panel; }
    #date { text-style: bold; }
    #headline { text-style: bold italic; }
    #middle { height: 1fr; }
    #side { width: 38; padding: 0 1 0 0; }
    #side .title { text-style: bold underline; }
    #facts-title { margin-top: 1; }
    #facts { height: auto; max-height: 8; border: none; padding: 0; }
    #summary { display: none; padding: 0 1; }
    #status { height: auto; padding: 0 1; color: $warning; }
    #preview { height: auto; padding: 0 1; color: $text-muted; }
    PlayScreen.narrow #side { display: none; }
    PlayScreen.narrow #summary { display: block; }
    """

    def __init__(self, session, settings, **kwargs):
        super().__init__(**kwargs)
        self.session = session
        self.settings = settings
        self._choices = ()

    def compose(self) -> ComposeResult:
        with Vertical(id="top"):
            yield Static(id="date")
            yield Static(id="headline")
        yield Static(id="summary")
        with Horizontal(id="middle"):
            yield SceneText(id="scene")
            with VerticalScroll(id="side"):
                yield Static(_("Meters"), classes="title")
                yield MeterPanel(id="meters")
                yield Static(_("Learn more (f)"), classes="title", id="facts-title")
                yield OptionList(id="facts")
        yield Static(id="status")
        yield Static(id="preview")
        yield ChoiceList(id="choices")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one("#choices").focus()

    def on_resize(self, event) -> None:
        self.set_class(event.size.width < NARROW, "narrow")

    def refresh_view(self, status: str = "") -> None:
        session = self.session
        if session.ended:
            self.app.show_ending()
            return
        with self.app.batch_update():  # one frame for the whole new scene
            self._show(session.view(), status)

    def _show(self, v, status: str) -> None:
        session = self.session
        self.query_one("#date", Static).update(escape(date_label(v.turn, v.date)))
        headline = self.query_one("#headline", Static)
        headline.update(f"“{escape(v.headline)}”" if v.headline else "")
        headline.display = bool(v.headline)
        self.query_one("#scene", SceneText).show_view(v)
        self.query_one("#meters", MeterPanel).show_meters(v.meters)
        self.query_one("#summary", Static).update(escape(MeterPanel.summary(v.meters)))
        facts = self.query_one("#facts", OptionList)
        facts.clear_options()
        facts.add_options([f"• {fact.title}" for fact in v.facts])
        facts.display = bool(v.facts)
        self.query_one("#facts-title").display = bool(v.facts)
        self._choices = v.choices
        self.query_one("#choices", ChoiceList).show_choices(v.choices)
        self.show_preview()
        if session.save_error:
            status = _("Could not save the game: {error}").replace("{error}", session.save_error)
        self.query_one("#status", Static).update(escape(status))

    # -- choosing -------------------------------------------------------------

    def take(self, choice_id: str) -> None:
        try:
            self.session.choose(choice_id)
        except GameError as error:
            self.refresh_view(_("The story cannot go on this way: {error}").replace("{error}", str(error)))
            return
        self.refresh_view()

    @on(OptionList.OptionHighlighted, "#choices")
    def show_preview(self) -> None:
        """What the highlighted choice will surely change: the 'show effects' setting."""
        preview = self.query_one("#preview", Static)
        choices = self.query_one("#choices", ChoiceList)
        index = choices.highlighted
        v_choices = self._choices if not self.session.ended else ()
        text = ""
        if self.settings.show_effects and index is not None and index < len(v_choices):
            label = effects_label(v_choices[index])
            if label:
                text = _("If you choose {n}: {effects}").replace("{n}", str(index + 1)).replace("{effects}", label)
        preview.update(escape(text))
        preview.display = bool(text)

    @on(OptionList.OptionSelected, "#choices")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.take(event.option.id)

    def action_pick(self, number: int) -> None:
        choices = self.session.view().choices
        if 1 <= number <= len(choices):
            choice = choices[number - 1]
            if choice.available:
                self.take(choice.id)
            else:
                self.refresh_view(_("That choice is locked: {reason}").replace("{reason}", choice.locked))

    def action_undo(self) -> None:
        if not self.settings.undo:
            self.refresh_view(_("Undo is turned off in the settings."))
        elif self.session.undo():
            self.refresh_view(_("Undone."))
        else:
            self.refresh_view(_("Nothing to undo."))

    # -- other screens ----------------------------------------------------------

    @on(OptionList.OptionSelected, "#facts")
    def fact_chosen(self, event: OptionList.OptionSelected) -> None:
        fact = self.session.view().facts[event.option_index]
        self.app.show_fact(fact)

