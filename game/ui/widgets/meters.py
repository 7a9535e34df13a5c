"""The meters: a labelled bar per meter, its value, and what the last choice changed."""

from __future__ import annotations

from rich.markup import escape

from game.engine.text import format_number
from game.engine.view import MeterView

BAR_WIDTH = 20


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


def meters_markup(meters: tuple[MeterView, ...]) -> str:
    """Two lines per meter: `Budget: 60 M€` then `██████░░░░ ▲+8`."""
    lines = []
    for m in meters:
        value = format_number(m.value) + (f" {m.unit}" if m.unit else "")
        lines.append(f"[b]{escape(m.label)}:[/b] {escape(value)}")
        change = change_label(m.change)
        colour = "green" if (m.change or 0) > 0 else "red"
        lines.append(bar(m.value, m.min, m.max) + (f" [b {colour}]{change}[/]" if change else ""))
    return "\n".join(lines)


def summary(meters: tuple[MeterView, ...]) -> str:
    """One line for narrow screens."""
    return " · ".join(f"{m.label} {format_number(m.value)}{(' ' + change_label(m.change)) if m.change else ''}"
                      for m in meters)
