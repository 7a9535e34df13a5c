"""The scene as Content: what the last choice did, the text, and who said what.

Speakers are named in bold with their role, each in a colour of their own; the
name carries who speaks, so the colour is never the only sign. Every writer
string goes in as plain text (see markdown_content.py).
"""

from __future__ import annotations

from textual.color import Color
from textual.content import Content
from textual.style import Style

from game.model.text_grammar import unlink
from game.engine.view import LineView, View
from game.i18n import quote_marks
from game.model.safe_text import printable, printable_line
from game.ui.widgets.links import Links
from game.ui.widgets.markdown_content import markdown_content, template_content

PALETTE = ["cyan", "magenta", "yellow", "green", "bright_blue", "bright_red", "bright_cyan", "bright_magenta"]
DIM = Style(dim=True)


def speaker_colour(colour: str, character: str, order: list[str]) -> str:
    """The character's own colour, or the next one of the palette in order of first appearance."""
    if colour:
        return colour
    if character not in order:
        order.append(character)
    return PALETTE[order.index(character) % len(PALETTE)]


def speaker_style(colour: str) -> Style:
    """Bold in the speaker's colour; a colour Textual does not know is just bold."""
    for name in (colour, f"ansi_{colour}"):   # CSS names and hex, then the terminal's own (bright_blue)
        try:
            return Style(bold=True, foreground=Color.parse(name))
        except Exception:  # a colour is writer text: an odd one must not stop the scene showing
            continue
    return Style(bold=True)


def line_content(line: LineView, values: dict[str, str], links: Links | None = None) -> Content:
    """A spoken line: parsed as written and filled in, or as given (a view made without sources)."""
    if line.source:
        return template_content([line.source], values, links)
    return markdown_content(line.text, links)


def text_content(v: View, links: Links | None = None) -> Content:
    """The scene's text: its blocks parsed as written and filled in, or as given (a view made
    without its blocks)."""
    return template_content(v.blocks, dict(v.values), links) if v.blocks else markdown_content(v.text, links)


def scene_content(v: View, order: list[str], links: Links | None = None) -> Content:
    parts: list[Content] = []
    if v.result:
        parts.append(Content.styled(printable(unlink(v.result)), DIM, strip_control_codes=False))
    values = dict(v.values)
    if v.text:
        parts.append(text_content(v, links))
    for line in v.lines:
        who = Content.styled(printable_line(line.name), speaker_style(speaker_colour(line.colour, line.character, order)))
        if line.role:
            who += Content.styled(f" ({printable_line(line.role)})", DIM)
        opening, closing = quote_marks()
        parts.append(Content.assemble(who, "\n  " + opening, line_content(line, values, links), closing))
    return Content("\n\n").join(parts)
