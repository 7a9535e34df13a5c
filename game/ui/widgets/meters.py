"""The meters: a labelled bar per meter, its value, and what the last choice changed."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style

from game.engine.text import format_number
from game.engine.view import MeterView
from game.model.safe_text import printable_line

BAR_WIDTH = 20
BOLD = Style(bold=True)
UP, DOWN = Style.parse("bold green"), Style.parse("bold red")


def change_label(change: float | None) -> str:
    """+8 / -6 with an arrow, so the change never rests on colour alone."""
    if not change:
        return ""
    arrow = "▲" if change > 0 else "▼"
    sign = "+" if change > 0 else "−"
    return f"{arrow}{sign}{format_number(abs(change))}"


def bar(value: float, low: float, high: float, width: int = BAR_WIDTH) -> str:
    share = 0.0 if high <= low else (value - low) / (high - low)
    filled = round(max(0.0, min(1.0, share)) * width)
    return "█" * filled + "░" * (width - filled)


def meters_content(meters: tuple[MeterView, ...]) -> Content:
    """Two lines per meter: `Budget: 60 M€` then `██████░░░░ ▲+8`. Labels and units are plain text."""
    lines = []
    for m in meters:
        value = format_number(m.value) + (f" {printable_line(m.unit)}" if m.unit else "")
        lines.append(Content.assemble((f"{printable_line(m.label)}:", BOLD), " ", value))
        change = change_label(m.change)
        line = Content(bar(m.value, m.min, m.max))
        if change:
            line = Content.assemble(line, " ", (change, UP if (m.change or 0) > 0 else DOWN))
        lines.append(line)
    return Content("\n").join(lines)


def summary(meters: tuple[MeterView, ...]) -> str:
    """One line for narrow screens (plain text: show it as Content, never as markup)."""
    return printable_line(" · ".join(
        f"{m.label} {format_number(m.value)}{(' ' + change_label(m.change)) if m.change else ''}" for m in meters))
