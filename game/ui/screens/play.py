"""The play screen: date and headline, the scene and its choices, meters, facts to learn more."""

from __future__ import annotations

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen

from game.i18n import N_, _, date_label
from game.session import GameError
from game.ui.widgets.key_bar import KeyBar
from game.ui.widgets.line_pane import LinePane
from game.ui.widgets.meters import meters_markup, summary
from game.ui.widgets.scene_text import scene_markup
from game.ui.widgets.story_view import StoryView

NARROW = 72   # below this width the side panel folds into two lines above the scene
WIDE = 110    # from this width the side panel has room for long fact titles


class PlayScreen(Screen):
    BINDINGS = [
        *[Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)],
        Binding("u", "undo", N_("Undo")),
        Binding("f", "app.facts", N_("Facts")),
        Binding("g", "app.glossary", N_("Glossary")),
        Binding("j", "app.journal", N_("Journal")),
        Binding("s", "app.settings", N_("Settings")),
        Binding("question_mark,h", "app.help", N_("Help")),
        Binding("q", "app.quit", N_("Quit")),
    ]

    # Every pane keeps its size from one scene to the next (see widgets/line_pane.py), so a
    # new scene is one repaint: no display toggles and no automatic heights on this screen.
    DEFAULT_CSS = """
    PlayScreen { layout: vertical; }
    #top { height: 2; padding: 0 1; background: $panel; }
    #summary { display: none; height: 2; padding: 0 1; }
    #middle { height: 1fr; }
    #side { width: 30; }
    PlayScreen.wide #side { width: 40; }
    PlayScreen.narrow #side { display: none; }
    PlayScreen.narrow #summary { display: block; }
    """

    def __init__(self, session, settings, **kwargs):
        super().__init__(**kwargs)
        self.session = session
        self.settings = settings
        self._speakers: list[str] = []   # the order in which speakers first appeared: their colours

    def compose(self) -> ComposeResult:
        yield LinePane(id="top")
        yield LinePane(id="summary")
        with Horizontal(id="middle"):
            yield StoryView(id="story")
            yield LinePane(id="side")
        yield KeyBar()

    def on_mount(self) -> None:
        self.fit(self.app.size.width)   # before the first layout, so the first resize changes nothing
        self.refresh_view()
        self.query_one("#story").focus()

    def on_resize(self, event) -> None:
        self.fit(event.size.width)

    def fit(self, width: int) -> None:
        self.set_class(width < NARROW, "narrow")
        self.set_class(width >= WIDE, "wide")

    def refresh_view(self, status: str = "") -> None:
        """Show the session's current scene; `status` is a one-line note (undone, locked...)."""
        session = self.session
        if session.ended:
            self.app.show_ending()
            return
        v = session.view()
        top = f"[b]{escape(date_label(v.turn, v.date))}[/b]"
        if v.headline:
            top += f"  [i]“{escape(v.headline)}”[/i]"
        self.query_one("#top", LinePane).show(top)
        self.query_one("#summary", LinePane).show(escape(summary(v.meters)))
        side = [f"[b u]{escape(_('Meters'))}[/]", meters_markup(v.meters)]
        if v.facts:
            side += ["", f"[b u]{escape(_('Learn more (f)'))}[/]"]
            side += [f"[@click=screen.fact({i})]• {escape(fact.title)}[/]" for i, fact in enumerate(v.facts)]
        self.query_one("#side", LinePane).show("\n".join(side))
        if session.save_error:
            status = _("Could not save the game: {error}").replace("{error}", session.save_error)
        self.query_one("#story", StoryView).show_scene(scene_markup(v, self._speakers), v.choices,
                                                       show_effects=self.settings.show_effects, status=status)

    # -- choosing -------------------------------------------------------------

    def take(self, choice_id: str) -> None:
        try:
            self.session.choose(choice_id)
        except GameError as error:
            self.refresh_view(_("The story cannot go on this way: {error}").replace("{error}", str(error)))
            return
        self.refresh_view()

    @on(StoryView.Chosen)
    def chosen(self, event: StoryView.Chosen) -> None:
        self.action_pick(event.number)

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

    def action_fact(self, index: int) -> None:
        """A fact's title in the side panel was clicked."""
        facts = self.session.view().facts
        if 0 <= index < len(facts):
            self.app.show_fact(facts[index])
