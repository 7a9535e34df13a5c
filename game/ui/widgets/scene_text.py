"""The scene as markup: what the last choice did, the text, and who said what.

Speakers are named in bold with their role, each in a colour of their own; the
name carries who speaks, so the colour is never the only sign.
"""

from __future__ import annotations

from rich.markup import escape

from game.engine.text import unlink
from game.engine.view import View
from game.ui.widgets.markdown_lite import to_markup

PALETTE = ["cyan", "magenta", "yellow", "green", "bright_blue", "bright_red", "bright_cyan", "bright_magenta"]
LINK_ACTION = "app.glossary_term"


def speaker_colour(colour: str, character: str, order: list[str]) -> str:
    """The character's own colour, or the next one of the palette in order of first appearance."""
    if colour:
        return colour
    if character not in order:
        order.append(character)
    return PALETTE[order.index(character) % len(PALETTE)]


def scene_markup(v: View, order: list[str]) -> str:
    parts = []
    if v.result:
        parts.append(f"[dim]{escape(unlink(v.result))}[/dim]")
    if v.text:
        parts.append(to_markup(v.text, LINK_ACTION))
    for line in v.lines:
        colour = speaker_colour(line.colour, line.character, order)
        who = f"[bold {colour}]{escape(line.name)}[/]"
        if line.role:
            who += f" [dim]({escape(line.role)})[/dim]"
        parts.append(f"{who}\n  “{to_markup(line.text, LINK_ACTION)}”")
    return "\n\n".join(parts)
