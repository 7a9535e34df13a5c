"""Settings: theme, reduced motion, effects shown before choosing, undo, language.

Each change applies and is saved at once (through the app's `change_settings`, the one way a
setting changes), so there is nothing to save or to lose: Esc goes back. The palette's theme
command goes the same way (`ThemeCommands`). The whole screen fits 80x24.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import Command, CommandInput, CommandList, CommandPalette, DiscoveryHit, Hit, Provider
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Select, Static

from game.i18n import N_, _, _f
from game.model.safe_text import printable_line
from game.settings import THEMES, Settings
from game.ui.widgets.key_bar import KeyBar

LANGUAGE_NAMES = {"en": "English", "fr": "Français"}


def theme_names() -> dict[str, str]:
    return {"dark": _("Dark"), "light": _("Light"), "high-contrast": _("High contrast (white and yellow on black)")}


def toggle_names() -> dict[str, tuple[str, str]]:
    """Each on/off setting: (what it is, what it does). The state is added in words: on / off."""
    return {
        "reduced_motion": (_("Reduced motion"), _("no animations or smooth scrolling")),
        "show_effects": (_("Show effects before choosing"),
                         _("easier: see what a choice will change before you take it")),
        "undo": (_("Undo"), _("the u key takes back your last choice")),
    }


class ThemeCommands(Provider):
    """The game's themes in the command palette, by their names in the player's language; the theme
    in force says so in words (the highlight is only a colour)."""

    def commands(self):
        names = theme_names()
        app = self.app
        for theme in THEMES:
            note = _("The theme in use now") if theme == app.settings.theme else None
            yield names[theme], note, (lambda chosen=theme: app.change_settings(replace(app.settings, theme=chosen)))

    async def discover(self):
        for name, note, apply in self.commands():
            yield DiscoveryHit(name, apply, text=name, help=note)

    async def search(self, query: str):
        matcher = self.matcher(query)
        for name, note, apply in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), apply, text=name, help=note)


class ThemePalette(CommandPalette):
    """The palette of themes, opened on the theme in force: Enter at once changes nothing.

    Textual highlights the first line of every list it shows; before anything is typed, the
    highlight moves to the theme the settings hold (typing a name ranks the matches as usual).
    Textual has no public hook for this: tests/ui/test_theme_setting.py fails if the method below
    stops being called.
    """

    def __init__(self) -> None:
        super().__init__(providers=[ThemeCommands], placeholder=_("Search for a theme…"))

    def _refresh_command_list(self, command_list: CommandList, commands: list[Command], clear_current: bool) -> None:
        super()._refresh_command_list(command_list, commands, clear_current)
        if self.query_one(CommandInput).value:
            return
        current = theme_names().get(self.app.settings.theme)
        for index in range(command_list.option_count):
            option = command_list.get_option_at_index(index)
            if isinstance(option, Command) and option.hit.text == current:
                command_list.highlighted = index
                return


class SettingsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", N_("Back"))]

    DEFAULT_CSS = """
    SettingsScreen { align: center middle; }
    SettingsScreen > #settings {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1; border-title-style: bold;
    }
    SettingsScreen .label { margin-top: 1; text-style: bold; }
    SettingsScreen .hint { color: $text-muted; }
    SettingsScreen Select { width: 100%; max-width: 60; }
    SettingsScreen Checkbox { width: 100%; }
    SettingsScreen .toggle-hint { padding-left: 4; }
    """

    def __init__(self, settings: Settings, **kwargs):
        super().__init__(**kwargs)
        self.edited = replace(settings)

    def languages(self) -> list[tuple[str, str]]:
        options = [(_("The story's own language"), "")]
        codes = ["en", "fr"]
        session = getattr(self.app, "session", None)
        scenario = getattr(session, "scenario", None)
        if scenario is not None:
            codes += [scenario.language, *scenario.languages]
        if self.edited.language:
            codes.append(self.edited.language)
        for code in dict.fromkeys(c for c in codes if c):
            name = LANGUAGE_NAMES.get(code)
            # The code comes from the story or the settings file: a prompt string would be markup.
            options.append((Content(printable_line(f"{name} ({code})" if name else code)), code))
        return options

    def compose(self) -> ComposeResult:
        settings = self.edited
        with VerticalScroll(id="settings") as box:
            box.border_title = _("Settings")
            yield Static(_("Changes apply at once and are kept for your next games."), classes="hint")
            yield Static(_("Theme: the colours of the whole game"), classes="label")
            names = theme_names()
            theme = settings.theme if settings.theme in THEMES else "dark"
            yield Select([(names[t], t) for t in THEMES], value=theme, allow_blank=False, id="theme", compact=True)
            yield Static(_("While you play"), classes="label")
            for name, (_label, does) in toggle_names().items():
                yield Checkbox(self.toggle_label(name), value=bool(getattr(settings, name)), id=name, compact=True)
                yield Static(does, classes="hint toggle-hint", markup=False)
            yield Static(_("Language of the game's words"), classes="label")
            yield Static(_("Used for the next game you start; a story can only use languages it was written in."),
                         classes="hint")
            options = self.languages()
            yield Select(options, value=settings.language if settings.language in {v for _l, v in options} else "",
                         allow_blank=False, id="language", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.is_attached:
            return   # the app quit as it came (a burst of keys): its children are gone
        self.query_one("#theme", Select).focus()

    def toggle_label(self, name: str) -> str:
        label, _does = toggle_names()[name]
        state = _("on") if getattr(self.edited, name) else _("off")
        return _f("{label}: {text}", label=label, text=state)   # French: « Animations réduites : non »

    def agree_with(self, settings: Settings) -> None:
        """Show `settings`, changed elsewhere (the palette's theme) while this screen is open."""
        self.edited = replace(settings)
        if settings.theme in THEMES:
            self.query_one("#theme", Select).value = settings.theme
        for name in toggle_names():
            box = self.query_one(f"#{name}", Checkbox)
            box.value = bool(getattr(settings, name))
            box.label = self.toggle_label(name)

    def changed(self) -> None:
        self.app.change_settings(replace(self.edited))

    @on(Checkbox.Changed)
    def toggled(self, event: Checkbox.Changed) -> None:
        name = event.checkbox.id
        if name in toggle_names() and bool(event.value) != getattr(self.edited, name):
            setattr(self.edited, name, bool(event.value))
            event.checkbox.label = self.toggle_label(name)
            self.changed()

    @on(Select.Changed, "#theme")
    def theme_chosen(self, event: Select.Changed) -> None:
        if event.value in THEMES and event.value != self.edited.theme:
            self.edited.theme = event.value
            self.changed()

    @on(Select.Changed, "#language")
    def language_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.edited.language:
            self.edited.language = event.value
            self.changed()

    def action_close(self) -> None:
        self.dismiss(None)
