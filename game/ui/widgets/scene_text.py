"""The scene as Content: what the last choice did, the text, and who said what.

Speakers are named in bold with their role, each in a colour of their own; the
name carries who speaks, so the colour is never the only sign. Every writer
string goes in as plain text (see markdown_content.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.color import Color as RichColor, ColorSystem
from textual.color import Color
from textual.content import Content
from textual.style import Style

from game.model.text_grammar import unlink
from game.engine.view import LineView, View
from game.i18n import quote_marks
from game.model.safe_text import printable, printable_line
from game.ui.widgets.links import Links
from game.ui.widgets.markdown_content import markdown_content, template_content

if TYPE_CHECKING:
    from textual.app import App

PALETTE = ["cyan", "magenta", "yellow", "green", "bright_blue", "bright_red", "bright_cyan", "bright_magenta"]
DIM = Style(dim=True)


def speaker_colour(colour: str, character: str, order: list[str]) -> str:
    """The character's own colour, or the next one of the palette in order of first appearance."""
    if colour:
        return colour
    if character not in order:
        order.append(character)
    return PALETTE[order.index(character) % len(PALETTE)]


def speaker_style(colour: str, background: Color | None = None) -> Style:
    """Bold in the speaker's colour, made light or dark enough to read on `background` (the theme's);
    a colour Textual does not know is just bold."""
    for name in (colour, f"ansi_{colour}"):   # CSS names and hex, then the terminal's own (bright_blue)
        try:
            parsed = Color.parse(name)
        except Exception:  # a colour is writer text: an odd one must not stop the scene showing
            continue
        return Style(bold=True, foreground=parsed if background is None else readable(parsed, background))
    return Style(bold=True)


# WCAG 2's minimum contrast for text (AA): pure blue on black is 2.4, yellow on white 1.1.
MINIMUM_CONTRAST = 4.5


def luminance(colour: Color) -> float:
    """Relative luminance, as WCAG 2 defines it (0 for black, 1 for white)."""
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.r) + 0.7152 * linear(colour.g) + 0.0722 * linear(colour.b)


def contrast(one: Color, other: Color) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def in_256_colours(colour: Color) -> Color:
    """The colour a terminal of 256 colours draws instead (the nearest of its palette)."""
    r, g, b = RichColor.from_rgb(colour.r, colour.g, colour.b).downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
    return Color(r, g, b)


def reads(colour: Color, background: Color, minimum: float = MINIMUM_CONTRAST) -> bool:
    """Enough contrast, in full colour and in a terminal of 256 colours alike."""
    return contrast(colour, background) >= minimum and \
        contrast(in_256_colours(colour), in_256_colours(background)) >= minimum


def readable(colour: Color, background: Color, minimum: float = MINIMUM_CONTRAST) -> Color:
    """`colour`, or the same hue lighter (on a dark background) or darker (on a light one) until it
    reads against `background`. Always as red, green and blue: a terminal's own colours (bright_blue)
    vary from one terminal to another, so their contrast could not be known."""
    colour = Color(colour.r, colour.g, colour.b)
    if reads(colour, background, minimum):
        return colour
    hue, saturation, lightness = colour.hsl
    step = 0.02 if luminance(background) < 0.18 else -0.02
    for _ in range(50):   # at most from one end of lightness to the other
        lightness = min(1.0, max(0.0, lightness + step))
        colour = Color.from_hsl(hue, saturation, lightness)
        if reads(colour, background, minimum):
            break
    return colour


_backgrounds: dict[str, Color] = {}   # theme name -> its background (working it out takes a few ms)


def theme_background(app: App) -> Color:
    """The background the scene is read on, in the theme in use (speaker colours are checked against it)."""
    theme = app.current_theme
    if theme.name not in _backgrounds:
        _backgrounds[theme.name] = Color.parse(theme.to_color_system().generate()["background"])
    return _backgrounds[theme.name]


def line_content(line: LineView, values: dict[str, str], links: Links | None = None) -> Content:
    """A spoken line: parsed as written and filled in, or as given (a view made without sources)."""
    if line.source:
        return template_content([line.source], values, links)
    return markdown_content(line.text, links)


def text_content(v: View, links: Links | None = None) -> Content:
    """The scene's text: its blocks parsed as written and filled in, or as given (a view made
    without its blocks)."""
    return template_content(v.blocks, dict(v.values), links) if v.blocks else markdown_content(v.text, links)


def scene_content(v: View, order: list[str], links: Links | None = None, background: Color | None = None) -> Content:
    """The scene; with the theme's `background`, every speaker's colour is one that reads on it."""
    parts: list[Content] = []
    if v.result:
        parts.append(Content.styled(printable(unlink(v.result)), DIM, strip_control_codes=False))
    values = dict(v.values)
    if v.text:
        parts.append(text_content(v, links))
    for line in v.lines:
        colour = speaker_colour(line.colour, line.character, order)
        who = Content.styled(printable_line(line.name), speaker_style(colour, background))
        if line.role:
            who += Content.styled(f" ({printable_line(line.role)})", DIM)
        opening, closing = quote_marks()
        parts.append(Content.assemble(who, "\n  " + opening, line_content(line, values, links), closing))
    return Content("\n\n").join(parts)
