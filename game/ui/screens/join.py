"""Join a class: the code the teacher gives, and a pseudonym (never a real name).

The database is reached in a worker thread: a slow or unreachable server never freezes
the screen, and its problem is shown in words on this screen.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from game.i18n import N_, _
from game.model.safe_text import printable_line
from game.ui.widgets.key_bar import KeyBar

ADVICE = N_("Choose a pseudonym: not your real name. Your teacher sees only the pseudonym, and the class's "
            "results keep nothing else about you. Leave it empty to take the one suggested.")


class JoinScreen(Screen):
    BINDINGS = [Binding("escape", "back", N_("Back"))]
    DEFAULT_CSS = """
    JoinScreen { align: center middle; }
    JoinScreen > #join { width: 72; max-width: 100%; height: auto; max-height: 100%;
                         border: thick $accent; background: $surface; padding: 0 1; border-title-style: bold; }
    JoinScreen .label { margin-top: 1; text-style: bold; }
    JoinScreen .hint { color: $text-muted; }
    JoinScreen #join-problem { color: $error; margin-top: 1; }
    JoinScreen #join-welcome { color: $success; text-style: bold; height: auto; }
    JoinScreen #join-buttons { height: auto; margin-top: 1; }
    JoinScreen #join-buttons Button { margin-right: 2; }
    """

    def __init__(self, code: str = "", url: str | None = None):
        super().__init__()
        self.code = code
        self.url = url
        self.busy = False

    def compose(self) -> ComposeResult:
        from game.classroom.pseudonyms import suggest

        self.suggestion = suggest()
        with VerticalScroll(id="join") as box:
            box.border_title = _("Join a class")
            yield Static(Text(_("Class code (your teacher gives it, e.g. K7M-QX4)")), classes="label")
            yield Input(value=self.code, placeholder="K7M-QX4", max_length=20, id="code")
            yield Static(Text(_("Pseudonym")), classes="label")
            yield Static(Text(_(ADVICE)), classes="hint")
            yield Input(placeholder=self.suggestion, max_length=24, id="pseudonym")
            yield Static(Text(""), id="join-welcome")
            yield Static(Text(""), id="join-problem")
            with Horizontal(id="join-buttons"):
                yield Button(Text(_("Join")), id="join-button", variant="primary", compact=True)
                yield Button(Text(_("Back (Esc)")), id="back", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#pseudonym" if self.code else "#code", Input).focus()
        self.remember(self.code)

    @on(Input.Changed, "#code")
    def code_changed(self, event: Input.Changed) -> None:
        self.remember(event.value)

    def remember(self, typed: str) -> None:
        """Coming back on the computer (or, in browser play, the browser) where this class began:
        the pseudonym used then, ready. A shared computer offers no one else's."""
        from game.classroom.codes import normalise
        from game.classroom.student import StudentPath

        code = normalise(typed or "")
        field = self.query_one("#pseudonym", Input)
        seat = getattr(self.app, "seat", None)
        if code is None or field.value or (getattr(self.app, "shared", False) and not seat):
            return
        here = StudentPath.started_here(code, seat) if seat else StudentPath.started_here(code)
        if here:
            field.value = here[0]
            self.query_one("#join-welcome", Static).update(
                Text(_("Welcome back: your game is saved. Press Enter to continue it.")))

    def problem(self, message: str) -> None:
        self.busy = False
        if self.is_attached:
            self.query_one("#join-problem", Static).update(Text(printable_line(message)))

    @on(Input.Submitted, "#code")
    def code_done(self) -> None:
        self.query_one("#pseudonym", Input).focus()

    @on(Input.Submitted, "#pseudonym")
    @on(Button.Pressed, "#join-button")
    def submit(self) -> None:
        if self.busy:
            return
        code = self.query_one("#code", Input).value
        pseudonym = self.query_one("#pseudonym", Input).value.strip() or self.suggestion
        self.busy = True
        self.query_one("#join-problem", Static).update(Text(_("Joining…")))
        self.join(code, pseudonym)

    @work(thread=True, exclusive=True, group="join")
    def join(self, code: str, pseudonym: str) -> None:
        """Reach the class's database, check the code and the pseudonym, and read the scenario."""
        from game.classroom import flow
        from game.classroom.store import StoreError
        from game.paths import resolve_scenario
        from game.session import LoadFailed, load_for_play

        try:
            store, record = flow.open_class(code, self.url)
            try:
                scenario_path = resolve_scenario(record.scenario_path)
                scenario = load_for_play(scenario_path, record.language or None)
                joined = flow.enter(store, record, pseudonym, self.url, seat=getattr(self.app, "seat", None))
            finally:
                store.close()
        except flow.JoinRefused as refused:
            self.app.call_from_thread(self.problem, str(refused))
            return
        except StoreError as trouble:
            self.app.call_from_thread(self.problem, str(trouble) + " " + _("The game itself still plays on its own."))
            return
        except LoadFailed as failure:
            self.app.call_from_thread(self.problem, failure.message)
            return
        self.app.call_from_thread(self.app.start_class, joined, scenario_path, scenario)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.app.show_title()
