"""Settings: theme, reduced motion, effects shown before choosing, undo, language. Save or cancel."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Select, Static

from game.i18n import N_, _
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


class SettingsScreen(ModalScreen[Settings | None]):
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "save", N_("Save"), priority=True),
    ]

    DEFAULT_CSS = """
    SettingsScreen { align: center middle; }
    SettingsScreen > #settings {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1; border-title-style: bold;
    }
    SettingsScreen .label { margin-top: 1; text-style: bold; }
    SettingsScreen .hint { color: $text-muted; }
    SettingsScreen Select { width: 100%; max-width: 60; }
    SettingsScreen Checkbox { margin-top: 1; width: 100%; }
    SettingsScreen .toggle-hint { padding-left: 2; }
    SettingsScreen #buttons { height: auto; margin-top: 1; }
    SettingsScreen #buttons Button { margin-right: 2; }
    """

    def __init__(self, settings: Settings, **kwargs):
        super().__init__(**kwargs)
        self.original = settings
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
            yield Static(_("Tab: next · Enter or Space: change"), classes="hint")
            yield Static(_("Theme: the colours of the whole game"), classes="label")
            names = theme_names()
            theme = settings.theme if settings.theme in THEMES else "dark"
            yield Select([(names[t], t) for t in THEMES], value=theme, allow_blank=False, id="theme")
            for name, (_label, does) in toggle_names().items():
                yield Checkbox(self.toggle_label(name), value=bool(getattr(settings, name)), id=name)
                yield Static(does, classes="hint toggle-hint", markup=False)
            yield Static(_("Language of the game's words"), classes="label")
            yield Static(_("Used for the next game you start; a story can only use languages it was written in."),
                         classes="hint")
            options = self.languages()
            yield Select(options, value=settings.language if settings.language in {v for _l, v in options} else "",
                         allow_blank=False, id="language")
            with Horizontal(id="buttons"):
                yield Button(_("Save (ctrl+s)"), id="save", variant="primary", compact=True)
                yield Button(_("Cancel (Esc)"), id="cancel", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.is_attached:
            return   # the app quit as it came (a burst of keys): its children are gone
        self.query_one("#theme", Select).focus()

    def toggle_label(self, name: str) -> str:
        label, _does = toggle_names()[name]
        state = _("on") if getattr(self.edited, name) else _("off")
        return f"{label}: {state.upper()}"

    @on(Checkbox.Changed)
    def toggled(self, event: Checkbox.Changed) -> None:
        name = event.checkbox.id
        if name in toggle_names():
            setattr(self.edited, name, bool(event.value))
            event.checkbox.label = self.toggle_label(name)

    @on(Select.Changed, "#theme")
    def theme_chosen(self, event: Select.Changed) -> None:
        if event.value in THEMES:
            self.edited.theme = event.value

    @on(Select.Changed, "#language")
    def language_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.edited.language = event.value

    @on(Button.Pressed, "#save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        self.dismiss(self.edited)

    def action_cancel(self) -> None:
        self.dismiss(None)
