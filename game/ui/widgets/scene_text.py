"""The scene: what the last choice did, the text, and who said what, in one scrolling Static.

One Static draws in a single pass; a widget per paragraph or per line made
every new scene take several frames.
"""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.engine.text import unlink
from game.engine.view import View
from game.ui.widgets.markdown_lite import to_markup

PALETTE = ["cyan", "magenta", "yellow", "green", "bright_blue", "bright_red", "bright_cyan", "bright_magenta"]
LINK_ACTION = "app.glossary_term"


def speaker_colour(colour: str, character: str, order: list[str]) -> str:
    if colour:
        return colour
    if character not in order:
        order.append(character)
    return PALETTE[order.index(character) % len(PALETTE)]


class SceneText(VerticalScroll):
    """Scrolls when the text is longer than the screen."""

    DEFAULT_CSS = """
    SceneText { height: 1fr; padding: 0 1; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._order: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(id="text")

    def markup(self, v: View) -> str:
        parts = []
        if v.result:
            parts.append(f"[dim]{escape(unlink(v.result))}[/dim]")
        if v.text:
            parts.append(to_markup(v.text, LINK_ACTION))
        for line in v.lines:
            colour = speaker_colour(line.colour, line.character, self._order)
            who = f"[bold {colour}]{escape(line.name)}[/]"
            if line.role:
                who += f" [dim]({escape(line.role)})[/dim]"
            parts.append(f"{who}\n  “{to_markup(line.text, LINK_ACTION)}”")
        return "\n\n".join(parts)

    def show_view(self, v: View) -> None:
        self.query_one("#text", Static).update(self.markup(v))
        self.scroll_home(animate=False)
