"""The scene: the newspaper's headline, the text as Markdown, and who said what."""

from __future__ import annotations

import re

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from game.engine.view import View
from game.engine.text import unlink

TERM_LINK = re.compile(r"\[\[([^\[\]]+)\]\]")
PALETTE = ["cyan", "magenta", "yellow", "green", "bright_blue", "bright_red", "bright_cyan", "bright_magenta"]


def markdown_with_links(text: str) -> str:
    """[[CNIL]] becomes a Markdown link the player can open (Enter or click)."""
    return TERM_LINK.sub(lambda m: f"[{m.group(1)}](glossary:{m.group(1).strip()})", text)


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
    SceneText > #result { color: $text-muted; margin-bottom: 1; }
    SceneText > .line { margin-top: 1; }
    SceneText > Markdown { margin: 0; padding: 0; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._order: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(id="result")
        yield Markdown(id="text", open_links=False)

    def show_view(self, v: View) -> None:
        result = self.query_one("#result", Static)
        result.update(escape(v.result) if v.result else "")
        result.display = bool(v.result)
        self.query_one("#text", Markdown).update(markdown_with_links(v.text))
        for old in self.query(".line"):
            old.remove()
        lines = []
        for line in v.lines:
            colour = speaker_colour(line.colour, line.character, self._order)
            who = f"[bold {colour}]{escape(line.name)}[/]"
            if line.role:
                who += f" [dim]({escape(line.role)})[/]"
            lines.append(Static(f"{who}\n  “{escape(unlink(line.text))}”", classes="line", markup=True))
        if lines:
            self.mount_all(lines)
        self.scroll_home(animate=False)
