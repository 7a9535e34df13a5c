"""The play screen: date and headline, the scene and its choices, meters, facts to learn more."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.style import Style

from game.engine.view import fact_heading
from game.i18n import N_, _, date_label, quoted
from game.session import GameError
from game.model.safe_text import printable_line
from game.ui.widgets.key_bar import KeyBar
from game.ui.widgets.line_pane import LinePane
from game.ui.widgets.links import LinkActions, Links
from game.ui.widgets.meters import MeterSummary, meters_content
from game.ui.widgets.scene_text import scene_content, theme_background
from game.ui.widgets.story_view import StoryView

NARROW = 72   # below this width the side panel folds into two lines above the scene
WIDE = 110    # from this width the side panel has room for long fact titles
BOLD, ITALIC, HEADING = Style(bold=True), Style(italic=True), Style(bold=True, underline=True)


class PlayScreen(LinkActions, Screen):
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
        self._settings = settings
        self._speakers: list[str] = []   # the order in which speakers first appeared: their colours
        self._place: tuple | None = None  # (decisions taken, scene) last shown
        self.shown = None                 # the View on screen now

    @property
    def settings(self):
        """The app's settings as they are now: the settings screen replaces them when saved."""
        return getattr(self.app, "settings", None) or self._settings if self.is_attached else self._settings

    def compose(self) -> ComposeResult:
        yield LinePane(id="top")
        yield MeterSummary(id="summary")
        with Horizontal(id="middle"):
            yield StoryView(id="story")
            yield LinePane(id="side")
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.is_attached:
            return   # the app quit as it came (a burst of keys): its children are gone
        self.fit(self.app.size.width)   # before the first layout, so the first resize changes nothing
        self.refresh_view()
        self.query_one("#story").focus()

    def on_resize(self, event) -> None:
        self.fit(event.size.width)

    def fit(self, width: int) -> None:
        self.set_class(width < NARROW, "narrow")
        self.set_class(width >= WIDE, "wide")

    def refresh_view(self, status: str = "") -> None:
        """Show the session's current scene; `status` is a one-line note (undone, locked...).

        Keys and timers may still call this after the screen was switched away (a burst of
        keys, the ending): then it does nothing, as the panes it fills are gone.
        """
        if not self.showing():
            return
        session = self.session
        if session.ended:
            self.app.show_ending()
            return
        v = self.shown = session.view()   # kept: keys and clicks read the view on screen, never a new one
        top = Content.styled(date_label(v.turn, v.date), BOLD)
        if v.headline:
            top = Content.assemble(top, "  ", (quoted(printable_line(v.headline)), ITALIC))
        self.query_one("#top", LinePane).show(top)
        self.query_one("#summary", MeterSummary).show_meters(v.meters)
        side = [Content.styled(_("Meters"), HEADING), meters_content(v.meters)]
        if v.facts:
            side += [Content(""), Content.styled(_("Learn more (f)"), HEADING)]
            # The click names the fact by its index: the title is only ever shown.
            side += [Content.styled(f"• {printable_line(fact_heading(fact, fact.id in v.later))}",
                                    Style.from_meta({"@click": f"screen.fact({i})"}))
                     for i, fact in enumerate(v.facts)]
        self.query_one("#side", LinePane).show(Content("\n").join(side))
        if session.save_error:
            status = _("Could not save the game: {error}").replace("{error}", session.save_error)
        self.links = Links()
        place = (len(session.state.path), v.scene)   # the same decision still waiting: nothing moves
        scene = scene_content(v, self._speakers, self.links, theme_background(self.app))   # colours read on the theme
        self.query_one("#story", StoryView).show_scene(scene, v.choices,
                                                       show_effects=self.settings.show_effects, status=status,
                                                       same_place=place == self._place)
        self._place = place

    def showing(self) -> bool:
        """True while this screen is in the app's stack with its panes (not switched away)."""
        return self.is_attached and self in self.app.screen_stack

    def on_paste(self, event: events.Paste) -> None:
        """Pasted text never plays: a paste of digits (or of anything) must not take choices."""
        event.stop()
        event.prevent_default()

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
        self.pick(event.choice)

    def action_pick(self, number: int) -> None:
        """A number key: the choice with that number on screen."""
        choices = self.shown.choices if self.shown is not None else ()
        if 1 <= number <= len(choices):
            self.pick(choices[number - 1])

    def pick(self, choice) -> None:
        if self.session.ended or not self.showing() or self.app.screen is not self:
            return   # keys still queued when the game ended or the screen went
        if self.shown is None or choice not in self.shown.choices:
            return   # a click on a scene that has since moved on
        if choice.available:
            self.take(choice.id)
        else:
            self.note(_("That choice is locked: {reason}").replace("{reason}", choice.locked))

    def note(self, status: str) -> None:
        """Say something about the scene on show without showing it again: nothing else moves."""
        if self.showing():
            self.query_one("#story", StoryView).show_note(status)

    def action_undo(self) -> None:
        if not self.showing() or self.app.screen is not self:
            return
        if not self.settings.undo:
            self.note(_("Undo is turned off in the settings."))
        elif self.session.undo():
            self.refresh_view(_("Undone."))
        else:
            self.note(_("Nothing to undo."))

    # -- other screens ----------------------------------------------------------

    def action_fact(self, index: int) -> None:
        """A fact's title in the side panel was clicked."""
        v = self.shown
        if v is None:
            return
        if 0 <= index < len(v.facts):
            self.app.show_fact(v.facts[index], fact_heading(v.facts[index], v.facts[index].id in v.later))
