"""`safecity class vote CODE`: the facilitator's full-screen app for a class vote, on the projector."""

from __future__ import annotations

from textual.app import App

from game.settings import Settings
from game.ui.app import HIGH_CONTRAST, THEME_NAMES


class ClassVoteApp(App):
    TITLE = "Safe City"

    def __init__(self, vote, settings: Settings | None = None):
        super().__init__()
        self.vote = vote
        self.settings = settings or Settings.load()

    def on_mount(self) -> None:
        from game.ui.screens.class_vote import ClassVoteScreen

        self.register_theme(HIGH_CONTRAST)
        self.theme = THEME_NAMES.get(self.settings.theme, "textual-dark")
        self.push_screen(ClassVoteScreen(self.vote))
