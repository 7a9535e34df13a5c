"""Saved games: every game of this scenario, to continue, to read again (finished), or to delete.

Every game has its own save, so nothing here is ever overwritten; a game is deleted only
when the player asks and confirms. The list is read in a worker thread: a strange file
in the saves folder can never freeze the screen.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from game.engine import saves
from game.i18n import N_, _, _f, language, language_name, moment
from game.model.safe_text import printable_line
from game.ui.widgets.key_bar import KeyBar


def describe(info: saves.SaveInfo, variants: dict[str, str] | None = None) -> Text:
    """One line per game: turn, state, when, variant (by its label in `variants`), and its language
    when it is not the one spoken now, in plain words (never colour alone)."""
    when = moment(info.saved_at)
    if info.problem and not info.recoverable:
        return Text(_f("Damaged: {problem}", problem=printable_line(info.problem))[:200], style="dim")
    parts = [_f("turn {turn}", turn=info.turn),
             _("finished") if info.ended else _("in progress"),
             _f("saved {when}", when=when)]
    if info.variant:
        parts.append(printable_line((variants or {}).get(info.variant, info.variant)))
    if info.language and info.language.split("_")[0] != language().split("_")[0]:
        parts.append(language_name(info.language))
    if info.problem:
        parts.append(_("restored from its backup"))
    if info.in_use:
        parts.append(_("open in another window"))
    return Text(" · ".join(parts))


class SavesScreen(ModalScreen[Path | None]):
    """Dismissed with the save to open, or None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", N_("Back")),
        Binding("d,delete", "delete", N_("Delete")),
        *[Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)],
    ]
    DEFAULT_CSS = """
    SavesScreen { align: center middle; }
    SavesScreen > Vertical { width: 76; max-width: 100%; height: auto; max-height: 100%;
                             border: thick $accent; background: $surface; padding: 0 1; }
    SavesScreen #saves-list { height: auto; max-height: 16; }
    SavesScreen #saves-empty { color: $text-muted; }
    """

    def __init__(self, scenario_id: str, title: str, variants: dict[str, str] | None = None):
        super().__init__()
        self.scenario_id = scenario_id
        self.story_title = title
        self.variants = variants or {}   # variant id -> its label in the language spoken
        self.infos: list[saves.SaveInfo] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_f("Saved games of “{title}”", title=printable_line(self.story_title)), style="bold"))
            yield Static(Text(_("Reading the saves…")), id="saves-empty")
            yield OptionList(id="saves-list")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#saves-list").focus()
        self.load()

    @work(thread=True, exclusive=True, group="saves")
    def load(self) -> None:
        infos = saves.list_saves(self.scenario_id)
        self.app.call_from_thread(self.show, infos)

    def show(self, infos: list[saves.SaveInfo]) -> None:
        if not self.is_attached:
            return
        self.infos = infos
        menu = self.query_one("#saves-list", OptionList)
        menu.clear_options()
        for number, info in enumerate(infos, 1):
            label = Text(f"{number}. " if number < 10 else "   ") + describe(info, self.variants)
            unusable = bool(info.problem and not info.recoverable) or info.in_use
            menu.add_option(Option(label, id=str(number - 1), disabled=unusable))
        if infos:
            menu.highlighted = 0
        empty = self.query_one("#saves-empty", Static)
        empty.update(Text("" if infos else _("No saved game yet.")))
        empty.display = not infos

    def chosen(self) -> saves.SaveInfo | None:
        menu = self.query_one("#saves-list", OptionList)
        if menu.highlighted is None or not 0 <= menu.highlighted < len(self.infos):
            return None
        return self.infos[menu.highlighted]

    @on(OptionList.OptionSelected, "#saves-list")
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.infos[int(event.option.id)].path)

    def action_pick(self, number: int) -> None:
        if 1 <= number <= len(self.infos):
            info = self.infos[number - 1]
            if not (info.problem and not info.recoverable) and not info.in_use:
                self.dismiss(info.path)

    def action_delete(self) -> None:
        info = self.chosen()
        if info is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                try:
                    saves.delete_save(info.path)
                except (saves.SaveError, OSError) as err:
                    self.notify(str(err), severity="error", markup=False)
                self.load()

        self.app.push_screen(ConfirmScreen(_f("Delete this saved game ({game})? It cannot be undone.",
                                              game=describe(info, self.variants).plain)), confirmed)


class ConfirmScreen(ModalScreen[bool]):
    """Yes or no, with No as the default: nothing is lost by pressing Enter too fast."""

    BINDINGS = [Binding("escape,n", "dismiss(False)", N_("No")), Binding("y", "dismiss(True)", N_("Yes"))]
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical { width: 64; max-width: 100%; height: auto; border: thick $error;
                               background: $surface; padding: 1; }
    ConfirmScreen Horizontal { height: auto; margin-top: 1; }
    ConfirmScreen Button { margin-right: 2; }
    """

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question))
            with Horizontal():
                yield Button(Text(_("No")), id="no", variant="primary")
                yield Button(Text(_("Yes, delete")), id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no").focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
