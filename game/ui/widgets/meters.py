"""The meters panel: a labelled bar per meter, its value, and what the last choice changed."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

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


class MeterPanel(Static):
    """All visible meters, one per line: `Budget  60 M€ ██████░░░░ ▲+8`."""

    DEFAULT_CSS = """
    MeterPanel { height: auto; padding: 0 1; }
    """

    def show_meters(self, meters: tuple[MeterView, ...]) -> None:
        text = Text()
        for index, m in enumerate(meters):
            if index:
                text.append("\n")
            value = format_number(m.value) + (f" {m.unit}" if m.unit else "")
            text.append(f"{m.label}: ", style="bold")
            text.append(value)
            text.append("\n")
            text.append(bar(m.value, m.min, m.max, BAR_WIDTH))
            change = change_label(m.change)
            if change:
                text.append(f" {change}", style="bold green" if m.change > 0 else "bold red")
        self.update(text)

    @staticmethod
    def summary(meters: tuple[MeterView, ...]) -> str:
        """One line for narrow screens."""
        return " · ".join(f"{m.label} {format_number(m.value)}{(' ' + change_label(m.change)) if m.change else ''}"
                          for m in meters)
