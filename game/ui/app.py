"""The Safe City terminal app: title, play and ending screens over one Session."""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.theme import Theme

from game.engine import saves
from game.i18n import N_, _, _f
from game.ui import collector
from game.ui.no_break import keep_non_breaking_spaces
from game.model.safe_text import is_web_url, printable
from game.paths import default_scenario, is_shipped
from game.settings import Settings

if TYPE_CHECKING:
    from game.model.scenario import Scenario
    from game.session import Session

# The loader and the engine are imported when a story is first needed, not at start-up:
# the title screen is drawn first, and the story loads behind it (see TitleScreen).

HIGH_CONTRAST = Theme(
    name="safecity-high-contrast", primary="#ffff00", secondary="#00ffff", accent="#ffff00", warning="#ffaf00",
    error="#ff5f5f", success="#5fff5f", foreground="#ffffff", background="#000000", surface="#000000",
    panel="#1c1c1c", boost="#303030", dark=True,
)
THEME_NAMES = {"dark": "textual-dark", "light": "textual-light", "high-contrast": HIGH_CONTRAST.name}

keep_non_breaking_spaces()   # French « » and « : » never start a line


class SafeCityApp(App):
    TITLE = "Safe City"
    BINDINGS = [Binding("ctrl+q", "quit", N_("Quit"), show=False, priority=True)]

    def __init__(self, scenario_path: str | Path | None = None, *, seed: int | None = None,
                 language: str | None = None, variant: str | None = None, resume: bool = False,
                 save_path: str | Path | None = None, settings: Settings | None = None, skip_title: bool = False,
                 at: str | None = None, values: list[str] | None = None, force: bool = False,
                 replace: bool = False, join: tuple[str, str | None] | None = None,
                 practice: tuple | None = None, shared: bool = False, seat: str | None = None,
                 watch: bool | None = None):
        super().__init__()
        self.watch_story = watch        # hot reload: True/False as asked, None = only for writers' own stories
        self.shared = shared            # one machine for many players (browser play): nothing personal is offered
        self.seat = seat                # browser play: this tab's browser (hashed token); it gets back its own game
        self.practice = practice        # (scenario path, form, language): practise the quiz (`safecity quiz`)
        self.join = join                # (code, database URL): open on the join screen (`safecity join`)
        self.force = force              # continue a save that does not quite fit (--force)
        self.replace = replace          # a new game may replace the game in --save (--replace)
        self.at = at                    # writers' play-testing: start at a scene, with values
        self.values = values or []
        self.scenario_path = Path(scenario_path) if scenario_path else default_scenario()
        self.seed = seed
        self.language = language
        self.variant = variant
        self.resume = resume
        self.save_path = Path(save_path) if save_path else None
        self.settings = settings or Settings.load()
        self.skip_title = skip_title
        self.session: Session | None = None
        self.joined = None              # a class being played (game.classroom.flow.Joined), if any
        self.class_scenario = None      # (scenario path, Scenario) of that class
        self.error: str = ""
        self._peeked: dict[Path, tuple] = {}   # path -> (scenario or None, no errors, files signature)
        self._peek_lock = threading.Lock()   # the title screen loads stories in a thread
        self._signature: tuple = ()
        self._watcher = None

    # -- start-up ------------------------------------------------------------------

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        self.apply_settings()
        if self.join is not None:
            self.show_join(*self.join)
        elif self.practice is not None:
            self.show_practice(*self.practice)
        elif self.resume or self.skip_title:
            # Started for one game from the command line: if it cannot start, say why there and stop.
            started = self.continue_game() if self.resume else self.new_game()
            if not started:
                self.exit(return_code=1)
        else:
            self.show_title()

    # -- hot reload: writers edit the story while the game runs ----------------------

    def files_signature(self) -> tuple:
        from game.loader.cache import story_signature

        root = Path(self.session.scenario.root) if self.session and self.session.scenario.root else None
        return story_signature(root)

    def watching(self) -> bool:
        """Hot reload is for writers: on with --watch, or for a story that does not ship with the game
        (a writer's own); off for players of the shipped scenarios (`--watch` / `--no-watch` decide)."""
        if self.watch_story is not None:
            return self.watch_story
        root = self.session.scenario.root if self.session is not None else None
        return bool(root) and not is_shipped(Path(root))

    def watch_files(self) -> None:
        if not self.watching():
            return
        self._signature = self.files_signature()
        if self._watcher is None:
            self._watcher = self.set_interval(1.0, self.look_for_changes)

    def look_for_changes(self) -> None:
        """Every second: the files are read in a worker thread, never on the thread that draws the screen."""
        if self.session is not None:
            self.run_worker(self._read_signature, thread=True, exclusive=True, group="watch", exit_on_error=False)

    def _read_signature(self) -> None:
        signature = self.files_signature()
        if signature != self._signature:
            self.call_from_thread(self.check_for_changes, signature)

    def check_for_changes(self, signature: tuple | None = None) -> None:
        """Reload the story when one of its files changed; show problems instead of crashing."""
        if self.session is None:
            return
        signature = self.files_signature() if signature is None else signature
        if signature == self._signature:
            return
        self._signature = signature
        reloaded, message, problems = self.session.reload()
        details = "".join("\n" + d.format() for d in problems[:5])
        self.notify(printable(_(message) + details), title=_("Story files changed"),
                    severity="information" if reloaded else "error", timeout=10 if reloaded else 20, markup=False)
        first = f" ({problems[0].format().splitlines()[0]})" if problems else ""
        self.refresh_play(_(message) + first)   # the play screen keeps the news in its status line too

    def apply_settings(self) -> None:
        self.theme = THEME_NAMES.get(self.settings.theme, "textual-dark")
        self.animation_level = "none" if self.settings.reduced_motion else "full"

    # -- what screens call ---------------------------------------------------------

    def go_to(self, screen) -> None:
        """Replace the current main screen (the stack's bottom is Textual's empty default screen)."""
        while len(self.screen_stack) > 2:
            self.pop_screen()  # close any dialog first
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
            self.call_after_refresh(collector.resume)   # the first screen is up: collect garbage again

    _words_from_save = False

    def words_as_chosen(self) -> None:
        """Back to the chosen language after a continued game lent the program its own words."""
        if self._words_from_save:
            self._words_from_save = False
            self.use_language(self.chosen_language())

    def show_title(self) -> None:
        from game.ui.screens.title import TitleScreen
        self.words_as_chosen()
        self.go_to(TitleScreen())

    def new_game(self, path: Path | None = None, *, seed: int | None = None, variant: str | None = None,
                 language: str | None = None) -> bool:
        from game.engine.runtime import GameError, parse_values
        from game.session import LoadFailed, Session

        path = path or self.scenario_path
        language = language or self.chosen_language()
        self.leave_game()
        try:
            try:
                self.session = Session.new(path, seed=seed if seed is not None else self.seed,
                                           variant=variant or self.variant, language=language,
                                           save_path=self.save_path, at=self.at,
                                           values=parse_values(self.values), replace=self.replace,
                                           scenario=self.loaded_scenario(path, language))
            except LoadFailed as failure:
                if not (failure.usage and language and language == self.settings.language):
                    raise
                # The preferred language from the settings is not offered by this story: play its own.
                self.notify(printable(failure.message), severity="warning", markup=False)
                self.session = Session.new(path, seed=seed if seed is not None else self.seed,
                                           variant=variant or self.variant, save_path=self.save_path,
                                           replace=self.replace)
        except (LoadFailed, saves.SaveError, GameError) as failure:  # a bad story must not crash the app
            self.report_failure(failure)
            return False
        self.scenario_path = Path(path)
        self.words_as_chosen()
        self.freeze_memory()
        self.show_play()
        return True

    def continue_game(self, path: Path | None = None, save: Path | None = None) -> bool:
        """Continue `save`, else the --save given on the command line, else the latest unfinished game."""
        from game.session import LoadFailed, Session

        path = path or self.scenario_path
        self.leave_game()
        try:
            self.session = Session.resume(path, language=self.language, save_path=save or self.save_path,
                                          force=self.force)
        except (LoadFailed, saves.SaveError) as failure:
            self.report_failure(failure)
            return False
        if not self.language and not self.settings.language and self.session.language:
            self.use_language(self.session.language)   # nobody chose: the words of the game continued
            self._words_from_save = True
        for note in self.session.notes:
            self.notify(note, title=_("About your save"), severity="warning", timeout=12, markup=False)
        self.freeze_memory()
        self.show_play()
        return True

    def leave_game(self) -> None:
        """Close the game being played (its save stays), so that its save is free for another window."""
        if self.session is not None:
            self.session.close()
            self.session = None

    def on_unmount(self) -> None:
        self.leave_game()

    _frozen = False

    def freeze_memory(self) -> None:
        """Once the first story is loaded, keep the garbage collector off what exists so far.

        The imports and the scenario never become garbage; without this the collector
        walks all of them again in a full collection (30-40 ms) just as the first scene
        is being drawn. Done once: a story reloaded later stays collectable.
        """
        if not SafeCityApp._frozen:
            SafeCityApp._frozen = True
            gc.freeze()

    def peek_scenario(self, path: Path | None = None) -> Scenario | None:
        """The scenario at `path` in its own language, loaded once (for menus), or None if broken.

        Safe to call from a worker thread; a second caller waits for the first load.
        """
        from game.loader.cache import load_playable, story_signature

        path = Path(path or self.scenario_path)
        with self._peek_lock:
            if path not in self._peeked:
                signature = story_signature(path if path.is_dir() else path.parent)
                result = load_playable(path)
                self._peeked[path] = (result.scenario, result.ok, signature)
            return self._peeked[path][0]

    def peeked(self, path: Path | None = None) -> tuple[bool, Scenario | None]:
        """(already loaded?, the scenario or None if broken), without loading anything."""
        path = Path(path or self.scenario_path)
        with self._peek_lock:
            return path in self._peeked, self._peeked.get(path, (None,))[0]

    def loaded_scenario(self, path: Path, language: str | None) -> Scenario | None:
        """The scenario the menus already loaded, if it is exactly what a new game needs (else None)."""
        from game.loader.cache import story_signature

        path = Path(path)
        with self._peek_lock:
            scenario, ok, signature = self._peeked.get(path, (None, False, ()))
        if scenario is None or not ok or language not in (None, scenario.language):
            return None  # not loaded, broken, or another language: Session.new loads it itself
        if story_signature(path if path.is_dir() else path.parent) != signature:
            return None  # edited since the menu loaded it
        return scenario

    def use_language(self, language: str | None) -> None:
        """Show the program's own words in `language` from now on, on every open screen."""
        from game.i18n import set_language
        from game.ui.widgets.key_bar import KeyBar

        set_language(language or self.story_language() or "en")
        for screen in self.screen_stack:
            for bar in screen.query(KeyBar):
                bar.show_keys()
            from game.ui.screens.title import TitleScreen

            if isinstance(screen, TitleScreen) and screen.is_mounted:
                screen.retranslate()   # the only screen that stays open while the language changes

    def story_language(self) -> str | None:
        """The language the story being played (or shown on the title screen) is written in."""
        if self.session is not None:
            return self.session.language or self.session.scenario.language
        loaded, scenario = self.peeked()
        return scenario.language if loaded and scenario is not None else None

    def chosen_language(self) -> str | None:
        """--lang or the title's choice, then the settings, then the computer's language (LANG) when
        the story is written in it; None: the story's own language."""
        return self.language or self.settings.language or self.system_story_language()

    def system_story_language(self) -> str | None:
        from game.i18n import system_language

        wanted = system_language()
        if wanted is None:
            return None
        scenario = self.session.scenario if self.session is not None else self.peeked()[1]
        if scenario is None or wanted not in (scenario.language, *scenario.languages):
            return None
        return wanted

    def get_key_display(self, binding) -> str:
        from game.ui.key_names import key_display

        return key_display(binding, super().get_key_display)

    def report_failure(self, failure: Exception) -> None:
        message = getattr(failure, "message", None) or str(failure)
        details = getattr(failure, "diagnostics", [])
        self.error = message + "".join("\n" + d.format() for d in details[:5])
        self.notify(printable(self.error), title=_("Cannot start this game"), severity="error", timeout=12, markup=False)

    def show_play(self) -> None:
        from game.ui.screens.play import PlayScreen
        self.go_to(PlayScreen(self.session, self.settings))
        self.watch_files()

    _ending_due = False

    def show_ending(self) -> None:
        """Go to the ending once, however many queued keys reach the last scene."""
        if self._ending_due:
            return
        self._ending_due = True
        self.call_later(self._go_to_ending)

    def _go_to_ending(self) -> None:
        from game.ui.screens.ending import EndingScreen

        self._ending_due = False
        session = self.session
        if session is None or not session.ended:
            return   # undone or restarted meanwhile
        if isinstance(self.screen, EndingScreen) and self.screen.session is session:
            return
        in_class = self.joined is not None and self.joined.path.phase == "game"
        self.go_to(EndingScreen(session, in_class=in_class))

    # -- a class: join, pre-quiz, the game, post-quiz, closing (game.classroom.flow decides) --

    def show_practice(self, path, form: str, language: str | None = None) -> None:
        """The quiz alone, then the score with explanations: `safecity quiz` in a terminal."""
        from game.session import LoadFailed, load_for_play
        from game.ui.screens.quiz import ExplanationsScreen, QuizScreen

        try:
            scenario = load_for_play(path, language)
        except LoadFailed as failure:
            self.report_failure(failure)
            self.exit(return_code=1)
            return
        items = scenario.quiz.get(form, ())
        responses: list = []
        title = _f("{title}: quiz, form {form}", title=scenario.title, form=form)
        self.go_to(QuizScreen(title, items, [], responses.append,
                              lambda: self.go_to(ExplanationsScreen(scenario, items, responses, self.exit))))

    def show_join(self, code: str = "", url: str | None = None) -> None:
        from game.ui.screens.join import JoinScreen
        self.go_to(JoinScreen(code, url))

    def start_class(self, joined, scenario_path, scenario) -> None:
        self.joined = joined
        self.class_scenario = (scenario_path, scenario)
        if joined.resumed:
            self.notify(_("Welcome back: you go on where you stopped."), timeout=6)
        self.class_next()

    def class_next(self) -> None:
        """Show the step of the class the student is at."""
        from game.classroom import flow

        joined = self.joined
        scenario_path, scenario = self.class_scenario
        phase = joined.path.phase
        self.class_notice()
        if phase in ("pre", "post"):
            from game.ui.screens.quiz import QuizScreen

            form, items = flow.quiz_items(joined.record, scenario, joined.path, phase)
            if not items:
                flow.finish_quiz(joined, phase, form or "")
                self.class_next()
                return
            title = _("Before you play: a short quiz") if phase == "pre" else _("After the game: the quiz again")
            self.go_to(QuizScreen(title, items, joined.path.responses(phase),
                                  lambda response: flow.record_answer(joined, phase, form, response),
                                  lambda: self.quiz_done(phase, form, items)))
        elif phase == "game" and joined.record.mode == "vote":
            from game.ui.screens.vote import VoteScreen

            self.go_to(VoteScreen(joined, joined.recorder.url, self.class_vote_over))
        elif phase == "game":
            from game.engine.runtime import GameError
            from game.session import LoadFailed

            self.leave_game()
            try:
                self.session = flow.game_session(joined, scenario_path,
                                                 listeners=[lambda what, session: self.class_notice()])
            except (LoadFailed, saves.SaveError, GameError) as failure:
                self.report_failure(failure)
                return
            self.show_play()
        else:
            from game.ui.screens.quiz import ClosingScreen

            flow.finish(joined)
            notice = joined.recorder.notice
            if notice:
                notice = _(notice) + " " + _f("Before you leave, run this once more: it sends them. {command}",
                                              command=flow.come_back(joined))
            self.go_to(ClosingScreen(joined.path.pseudonym, notice or ""))

    def quiz_done(self, phase: str, form: str, items) -> None:
        from game.classroom import flow
        from game.ui.screens.quiz import ExplanationsScreen

        joined = self.joined
        scenario = self.class_scenario[1]
        if phase == joined.path.last_quiz:
            responses = joined.path.responses(phase)
            flow.finish_quiz(joined, phase, form)
            self.go_to(ExplanationsScreen(scenario, items, responses, self.class_next))
        else:
            flow.finish_quiz(joined, phase, form)
            self.notify(_("Thank you. The answers and explanations come after the game."), timeout=6)
            self.class_next()

    def class_vote_over(self) -> None:
        """The facilitator's game of a class vote has ended: on to the quiz after it."""
        if self.joined is not None and self.joined.path.phase == "game":
            self.notify(_("The game has ended: its ending is on the projector."), timeout=8)
            self.joined.path.advance()
            self.class_next()

    def class_game_over(self) -> None:
        """The class's game reached its ending and the student read it: on to the next step."""
        if self.joined is not None and self.joined.path.phase == "game":
            self.joined.path.advance()
            self.leave_game()
            self.class_next()

    _last_notice = ""

    def class_notice(self) -> None:
        """Say once, discreetly, that results are waiting to be sent (and once when they have been)."""
        notice = self.joined.recorder.notice if self.joined is not None else ""
        if notice and notice != self._last_notice:
            self.notify(_(notice), severity="warning", timeout=8, markup=False)
        elif self._last_notice and not notice:
            self.notify(_("The class results were sent."), timeout=4)
        self._last_notice = notice

    def what_if(self, decision: int) -> None:
        from game.engine.runtime import GameError

        try:
            self.session.what_if(decision)
        except GameError as error:   # the story changed since: that decision cannot be replayed
            self.notify(_f("That decision cannot be replayed in this version of the story: {error}",
                           error=str(error)), severity="warning", timeout=10, markup=False)
            return
        self.show_play()

    def play_again(self) -> None:
        self.session.restart()
        self.show_play()

    def show_fact(self, fact, heading: str | None = None) -> None:
        from game.ui.screens.facts import FactCardScreen
        self.push_screen(FactCardScreen(fact, heading))

    def show_facts(self) -> None:
        from game.ui.screens.facts import FactsScreen
        self.push_screen(FactsScreen(self.session))

    def show_glossary(self, term: str | None = None) -> None:
        from game.ui.screens.glossary import GlossaryScreen
        self.push_screen(GlossaryScreen(self.session, term))

    def show_journal(self) -> None:
        from game.ui.screens.journal import JournalScreen
        self.push_screen(JournalScreen(self.session))

    def show_help(self) -> None:
        from game.ui.screens.help import HelpScreen
        self.push_screen(HelpScreen())

    def show_settings(self) -> None:
        from game.ui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen(self.settings), lambda _closed: self.refresh_play())

    def change_settings(self, changed: Settings) -> None:
        """The one way a setting changes (the settings screen, the palette's theme): it applies at
        once and is saved at once, so what the settings screen shows is always what is in force."""
        new_language = changed.language != self.settings.language
        self.settings = changed
        changed.save()
        self.apply_settings()
        if new_language:  # the latest choice wins over --lang or the title screen's
            self.language = None
            self.use_language(self.chosen_language())
        from game.ui.screens.settings import SettingsScreen

        for screen in self.screen_stack:   # the palette may change the theme over an open settings screen
            if isinstance(screen, SettingsScreen) and screen.is_mounted:
                screen.agree_with(changed)
        self.refresh_play()

    def undo_on_play(self) -> None:
        from game.ui.screens.play import PlayScreen

        if isinstance(self.screen, PlayScreen):
            self.screen.action_undo()

    def refresh_play(self, status: str = "") -> None:
        """The play screen shows the game again (settings changed, the story reloaded): nothing moves."""
        from game.ui.screens.play import PlayScreen

        if isinstance(self.screen, PlayScreen):
            self.screen.refresh_view(status)

    def search_themes(self) -> None:
        """The palette's "Theme" command: the game's own themes, by name in the player's language,
        changed through the settings (so the choice is kept and the settings screen agrees)."""
        from game.ui.screens.settings import ThemePalette

        self.push_screen(ThemePalette())

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Every way Textual opens a link ends here: only http(s) addresses reach the browser."""
        if not is_web_url(url):
            self.notify(_("Only web addresses (http or https) are opened."), severity="warning", timeout=5,
                        markup=False)
            return
        super().open_url(url, new_tab=new_tab)

    # -- actions the screens bind keys to ("app.facts", ...) ---------------------------

    def action_facts(self) -> None:
        self.show_facts()

    def action_glossary(self) -> None:
        self.show_glossary()

    def action_journal(self) -> None:
        self.show_journal()

    def action_settings(self) -> None:
        self.show_settings()

    def action_help(self) -> None:
        self.show_help()

    def action_title(self) -> None:
        self.show_title()

    # -- the command palette ---------------------------------------------------------

    def action_command_palette(self) -> None:
        """The palette, with its prompt in the player's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=_("Search for commands…")))

    def get_system_commands(self, screen):
        # Textual's own commands, in the player's language (its texts are English only): the theme
        # goes through the settings; the help panel and screenshots are left out (the help screen
        # lists every key; a screenshot file means nothing to a student).
        yield SystemCommand(_("Theme"), _("Change the colours of the game"), self.action_change_theme)
        yield SystemCommand(_("Quit"), _("Quit the game: it is saved after every choice"), self.action_quit)
        if self.session is not None and not self.session.ended:
            yield SystemCommand(_("Undo the last choice"), _("Go back one decision"), self.undo_on_play)
            yield SystemCommand(_("Journal"), _("Your decisions so far"), self.show_journal)
            yield SystemCommand(_("Facts"), _("Every fact card unlocked so far"), self.show_facts)
            yield SystemCommand(_("Glossary"), _("Terms and definitions"), self.show_glossary)
        yield SystemCommand(_("Settings"), _("Theme, reduced motion, effects, undo"), self.show_settings)
        yield SystemCommand(_("Help"), _("Every key and what it does"), self.show_help)
        yield SystemCommand(_("Title screen"), _("New game, continue, another scenario"), self.show_title)
