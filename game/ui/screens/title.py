"""The title screen: new game, continue, scenario, language, settings, quit."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from game.engine import saves
from game.i18n import N_, _, _f, language_name, moment, quoted
from game.i18n import language as spoken_language
from game.model.safe_text import printable, printable_line
from game.paths import is_shipped, shipped_scenarios
from game.ui.widgets.key_bar import KeyBar
from game.ui.widgets.numbered_list import NumberedList

LOGO = """\
 ___        __        ___ _ _
/ __| __ _ / _|___   / __(_) |_ _  _
\\__ \\/ _` |  _/ -_) | (__| |  _| || |
|___/\\__,_|_| \\___|  \\___|_|\\__|\\_, |
                                |__/ """


class TitleScreen(Screen):
    BINDINGS = [Binding("q", "app.quit", N_("Quit")), Binding("question_mark,h", "app.help", N_("Help"))]

    DEFAULT_CSS = """
    TitleScreen { align: center middle; }
    #box { width: 64; max-width: 100%; height: auto; }
    TitleScreen.-short #subtitle { display: none; }  /* a short window keeps the menu and the name */
    TitleScreen.-tiny #logo { display: none; }
    #logo { color: $accent; text-style: bold; }
    #subtitle { color: $text-muted; margin-bottom: 1; }
    #scenario-line { margin-bottom: 1; }
    #content-warning { color: $warning; margin-bottom: 1; }
    #content-warning.-empty { display: none; }
    #menu { height: auto; border: tall $accent; }
    """

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="box"):
            yield Static(LOGO, id="logo")
            yield Static(id="subtitle")
            yield Static(id="scenario-line")
            yield Static(id="content-warning")
            yield NumberedList(id="menu", why_disabled=self.why_disabled)
        yield KeyBar()

    def on_mount(self) -> None:
        self._placed: int | None = None   # where refresh_menu last put the highlight
        self._loading = False
        self._ready = False                          # the story and its saves are read: see refresh_menu
        self._warning = ""                           # the story's content warning, in the language played
        self._title = ""                             # and its title
        self._saves_of: str | None = None            # the scenario whose saves were last read
        self._latest: saves.SaveInfo | None = None   # the game Resume continues
        self._elsewhere: tuple[Path, str] | None = None   # its story's folder and title, when another story's
        if not self.is_attached:
            return   # the app quit as it came (a burst of keys): its children are gone
        self.query_one("#menu").focus()   # the menu is filled in on_screen_resume, which follows

    def on_resize(self, event) -> None:
        self.remove_class("-short", "-tiny")
        self.call_after_refresh(self.fit)

    def fit(self, step: int = 0) -> None:
        """In a window too short for it all, the subtitle goes, then the logo: the menu and the story's
        content warning stay in view (measured after each layout: the warning's length varies)."""
        if not self.is_attached or step > 1:
            return
        if self.query_one("#box").outer_size.height <= self.size.height - 1:   # the key bar's row
            return
        self.add_class(("-short", "-tiny")[step])
        self.call_after_refresh(self.fit, step + 1)

    def on_screen_resume(self) -> None:
        self.refresh_menu()

    def retranslate(self) -> None:
        """The program's own words again, in the language just chosen."""
        self.refresh_menu()

    def scenario_info(self):
        """The scenario, loading it now if the background load has not finished."""
        return self.app.peek_scenario()

    @work(thread=True, exclusive=True, group="peek")
    def load_in_background(self) -> None:
        """Read the story and its saves after the first frame; the menu fills in its title, save and languages.

        Saves are read here, never on the UI thread: whatever sits in the saves folder, the menu stays live.
        """
        if not self.is_attached:
            return   # the player left this screen before the read began (a game was started)
        app = self.app   # once: the player may leave this screen while the saves are read
        scenario = app.peek_scenario()
        latest = None
        if scenario is not None:
            if app.save_path is not None:
                info = saves.describe(saves.find_save(str(app.save_path)))
                latest = info if not info.ended and (not info.problem or info.recoverable) else None
            else:
                latest = saves.latest_unfinished(scenario.id)
        elsewhere = None
        if scenario is not None and latest is None and app.save_path is None and is_shipped(app.scenario_path):
            # No game of this story, but one of another shipped story (the tutorial played last
            # time): Resume offers that one, named, rather than a greyed-out line.
            from game.latest_game import latest_of_any_story

            found = latest_of_any_story(scenario.id)
            if found is not None:
                latest, folder = found
                other = app.peek_scenario(folder)
                title = in_language(folder, other, app.chosen_language()).title if other else latest.scenario_title
                elsewhere = (folder, title)
        self._elsewhere = elsewhere
        self._latest = latest
        self._title, self._warning = self.translated_texts(scenario, app)
        self._saves_of = scenario.id if scenario is not None else None
        # The play screen, imported while the player reads the menu, so a new game's first frame
        # does not wait for it (the story's Markdown comes parsed with it: loader/cache.py).
        import game.ui.screens.play  # noqa: F401
        self._loading = False
        app.call_from_thread(self.refresh_menu)

    def translated_texts(self, scenario, app) -> tuple[str, str]:
        """The story's title and content warning in the language it will be played in (read in this worker)."""
        if scenario is None:
            return "", ""
        translated = in_language(app.scenario_path, scenario, app.chosen_language())
        return translated.title, translated.classroom.warning

    def refresh_menu(self) -> None:
        app = self.app
        if not self.is_attached or self not in app.screen_stack:
            return   # the background read ended after the player left this screen
        loaded, scenario = app.peeked()
        stale = scenario is not None and self._saves_of != scenario.id
        if (not loaded or stale) and not self._loading:
            self._loading = True
            self.call_after_refresh(self.load_in_background)
        if loaded:
            read = scenario is not None and self._saves_of == scenario.id and self._title
            title = printable_line(self._title if read else scenario.title if scenario else str(app.scenario_path))
        else:
            title = printable_line(app.scenario_path.name) + " …"
        language = printable_line(app.chosen_language() or (scenario.language if scenario else ""))
        # The title goes in as plain text where the translated sentence says {title}.
        before, _mark, after = _f("Scenario: {title}", title="\0").partition("\0")
        line = Content.assemble(before, (title, "bold"), after)
        if language:
            line = Content.assemble(line, "   ", _f("Language: {language}", language=language_name(language)))
        self.query_one("#scenario-line", Static).update(line)
        # The scenario's content warning (its own words, plain text), before anyone starts a game.
        warning = printable(self._warning) if loaded and scenario and self._saves_of == scenario.id else ""
        box = self.query_one("#content-warning", Static)
        box.update(Content(_f("Content warning: {warning}", warning=warning) if warning else ""))
        box.set_class(not warning, "-empty")
        self.query_one("#subtitle", Static).update(_("A game about the surveillance city, and the choices of its mayor."))
        menu = self.query_one("#menu", OptionList)
        continue_label = _("Resume game")
        can_continue = False
        info = self._latest if scenario is not None and self._saves_of == scenario.id else None
        if info is not None:
            when = moment(info.saved_at)
            saved = _f("turn {turn}, saved {when}", turn=info.turn, when=when)
            if self._elsewhere is not None:
                saved = quoted(self._elsewhere[1]) + ", " + saved
            continue_label += "  (" + saved + ")"
            can_continue = True
        languages = (scenario.language, *scenario.languages) if scenario else ()
        highlighted = menu.highlighted
        menu.clear_options()
        # Prompts are Content: a string there would be read as markup, and the language is the story's.
        menu.add_options(NumberedList.numbered_options([
            Option(Content(_("New game")), id="new"),
            Option(Content(printable_line(continue_label)), id="continue", disabled=not can_continue),
            Option(Content(_("Saved games")), id="saves", disabled=scenario is None),
            Option(Content(_("Join a class")), id="join"),
            Option(Content(_("Choose a scenario")), id="scenario"),
            Option(Content(_f("Language: {language}", language=language_name(language)) if language else _("Language")),
                   id="language", disabled=len(languages) < 2),
            Option(Content(_("Settings")), id="settings"),
            Option(Content(_("Help")), id="help"),
            Option(Content(_("Quit")), id="quit"),
        ]))
        # Until the story and its saves are read, no option is the default: an early Enter must not
        # start a new game when a saved one is about to be offered (Resume is then the default).
        self._ready = loaded and not self._loading and (scenario is None or self._saves_of == scenario.id)
        self.call_after_refresh(self.fit)   # the warning read now may need the logo's rows
        if highlighted is not None and highlighted != self._placed:
            menu.highlighted = highlighted   # the player moved: the menu stays where they put it
        elif self._ready:
            menu.highlighted = self._placed = 1 if can_continue else 0
        else:
            menu.highlighted = self._placed = None

    def why_disabled(self, option) -> str | None:
        """What a number key on a greyed-out option says."""
        if not self._ready:
            return _("The story is still loading.")
        return {"continue": _("No game of this scenario to resume."),
                "saves": _("The scenario could not be read."),
                "language": _("This scenario has one language.")}.get(option.id)

    @on(OptionList.OptionSelected, "#menu")
    def selected(self, event: OptionList.OptionSelected) -> None:
        app = self.app
        choice = event.option.id
        if app.screen is not self:
            return   # queued behind the choice that opened a dialog (a burst of keys)
        if choice in ("new", "continue") and not self._ready:
            return   # a game starts from a menu that knows whether one is saved
        if choice == "new":
            scenario = self.scenario_info()
            if scenario is not None and scenario.variants:
                # The variants' names and descriptions in the language the game will be played in.
                shown = in_language(app.scenario_path, scenario, app.chosen_language())
                self.app.push_screen(VariantScreen(shown), self.start_variant)
            else:
                app.new_game()
        elif choice == "continue":
            if self._elsewhere is not None:
                # That story, in the language asked if it is written in it, else in its save's.
                other = app.peek_scenario(self._elsewhere[0])
                keep = other is not None and app.language in (other.language, *other.languages)
                app.scenario_path, app.language = self._elsewhere[0], app.language if keep else None
            app.continue_game(save=self._latest.path if self._latest else None)
        elif choice == "join":
            app.show_join()
        elif choice == "saves":
            from game.ui.screens.saves import SavesScreen

            scenario = self.scenario_info()
            if scenario is not None:
                shown = in_language(app.scenario_path, scenario, app.chosen_language())
                labels = {vid: variant.label for vid, variant in shown.variants.items()}
                self.app.push_screen(SavesScreen(scenario.id, shown.title, labels), self.save_chosen)
        elif choice == "scenario":
            self.app.push_screen(ScenarioScreen(), self.scenario_chosen)
        elif choice == "language":
            scenario = self.scenario_info()
            languages = [scenario.language, *scenario.languages]
            current = app.chosen_language() or scenario.language
            app.language = languages[(languages.index(current) + 1) % len(languages)] if current in languages \
                else languages[0]
            self._saves_of = None   # read the content warning again, in the new language
            app.use_language(app.language)
        elif choice == "settings":
            app.show_settings()
        elif choice == "help":
            app.show_help()
        elif choice == "quit":
            app.exit()

    def save_chosen(self, path: Path | None) -> None:
        if path is not None:
            self.app.continue_game(save=path)
        else:
            self._saves_of = None   # a game may have been deleted: read the saves again
            self.refresh_menu()

    def start_variant(self, variant: str | None) -> None:
        if variant is not None:
            self.app.new_game(variant=variant or None)

    def scenario_chosen(self, path: Path | None) -> None:
        if path is not None:
            self.app.scenario_path = path
            # The language spoken now goes on with the new story when it is written in it (a French
            # class stays in French); else the story's own language.
            scenario = self.app.peek_scenario(path)
            spoken = spoken_language()
            self.app.language = spoken if scenario is not None and spoken in scenario.languages else None
            self._saves_of = None
            # Another story: its menu starts again from its default (Resume when it has a game saved),
            # highlighted once its saves are read, not on "Choose a scenario", which Enter would reopen.
            self.query_one("#menu", OptionList).highlighted = self._placed = None
            self.refresh_menu()


def in_language(path, scenario, language: str | None):
    """`scenario` translated into `language` when the story offers it (the loader's cache makes it quick)."""
    if language and language != scenario.language and language in scenario.languages:
        from game.loader.cache import load_playable

        translated = load_playable(path, language).scenario
        if translated is not None:
            return translated
    return scenario


def variant_prompt(variant) -> Content:
    """A variant's label, then its description on the next lines: plain text, never markup."""
    prompt = Content.styled(printable_line(variant.label), "bold")
    if variant.description:
        prompt = Content.assemble(prompt, "\n  ", printable(variant.description))
    return prompt


class VariantScreen(ModalScreen[str | None]):
    """Which way to play: the full term or a variant such as the express game."""

    BINDINGS = [Binding("escape", "dismiss(None)", N_("Back"))]
    DEFAULT_CSS = """
    VariantScreen { align: center middle; }
    VariantScreen > Vertical { width: 64; height: auto; border: thick $accent; background: $surface; padding: 1; }
    """

    def __init__(self, scenario):
        super().__init__()
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("How do you want to play?"))
            options = [Option(Content(_("The full game")), id="")]
            for vid, variant in self.scenario.variants.items():
                options.append(Option(variant_prompt(variant), id=vid))
            yield NumberedList(*NumberedList.numbered_options(options), id="variants")
        yield KeyBar()

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        if self.app.screen is self and self.is_active:
            self.dismiss(event.option.id or "")


class ScenarioScreen(ModalScreen[Path | None]):
    """The shipped scenarios, or any folder typed in."""

    BINDINGS = [Binding("escape", "dismiss(None)", N_("Back"))]
    DEFAULT_CSS = """
    ScenarioScreen { align: center middle; }
    ScenarioScreen > Vertical { width: 70; height: auto; border: thick $accent; background: $surface; padding: 1; }
    #problem { color: $error; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Choose a scenario"))
            self.shipped = shipped_scenarios()
            options = []
            from game.loader.cache import load_playable

            for name, path in self.shipped.items():
                scenario = load_playable(path).scenario
                # Each title in the language the program speaks now, when the story is written in it.
                title = in_language(path, scenario, spoken_language()).title if scenario else name
                options.append(Option(Content(printable_line(f"{title}  ({name})")), id=name))
            yield NumberedList(*NumberedList.numbered_options(options), id="shipped")
            yield Static(_("Or type the path of a scenario folder and press Enter:"))
            yield Input(placeholder="story/my-town", id="path")
            yield Static(id="problem")
        yield KeyBar()

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        if self.app.screen is self and self.is_active:
            self.dismiss(self.shipped[event.option.id])

    @on(Input.Submitted)
    def typed(self, event: Input.Submitted) -> None:
        from game.loader.cache import load_playable

        path = Path(event.value).expanduser()
        result = load_playable(path)
        if result.ok:
            self.dismiss(path)
        else:
            first = result.errors[0].format() if result.errors else _("not a scenario folder")
            self.query_one("#problem", Static).update(Content(printable(first)))
