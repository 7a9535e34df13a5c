"""The meters: a labelled bar per meter, its value, and what the last choice changed."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style

from game.engine.text import format_number
from game.i18n import _, label_mark
from game.engine.view import MeterView
from game.model.safe_text import printable_line

BAR_WIDTH = 20
BOLD = Style(bold=True)
# By meaning, not direction, and from the theme: a rise in legal risk is bad news. The marks ✓ ✗ say
# the same without colour; a change that is neither better nor worse keeps the text's own colour.
BETTER, WORSE, NEUTRAL = "bold $text-success", "bold $text-error", "bold"
END_MARK, END_STYLE = "┃", "bold $text-error"   # where the game ends on a bar


def change_label(change: float | None) -> str:
    """+8 / -6 with an arrow, so the change never rests on colour alone."""
    if not change:
        return ""
    arrow = "▲" if change > 0 else "▼"
    sign = "+" if change > 0 else "−"
    return f"{arrow}{sign}{format_number(abs(change))}"


def judged_change(meter: MeterView) -> Content:
    """The change with its arrow, then ✓ (for the better) or ✗ (for the worse), coloured by the theme."""
    label = change_label(meter.change)
    if not label:
        return Content("")
    better = meter.better
    if better is None:
        return Content.styled(label, NEUTRAL)
    return Content.styled(f"{label} {'✓' if better else '✗'}", BETTER if better else WORSE)


def cell(value: float, low: float, high: float, width: int) -> int:
    share = 0.0 if high <= low else (value - low) / (high - low)
    return round(max(0.0, min(1.0, share)) * width)


def bar(value: float, low: float, high: float, width: int = BAR_WIDTH) -> str:
    filled = cell(value, low, high, width)
    return "█" * filled + "░" * (width - filled)


def bar_content(meter: MeterView, width: int = BAR_WIDTH) -> Content:
    """The bar, with ┃ where the game ends (a `low` or `high` threshold) when the meter has one."""
    cells = list(bar(meter.value, meter.min, meter.max, width))
    marks = []
    for at in (meter.low_end, meter.high_end):
        if at is not None:
            index = min(width - 1, cell(at, meter.min, meter.max, width))
            cells[index] = END_MARK
            marks.append(index)
    content = Content("".join(cells))
    for index in marks:
        content = content.stylize(END_STYLE, index, index + 1)
    return content


def meters_content(meters: tuple[MeterView, ...]) -> Content:
    """Two lines per meter: `Budget: 60 M€` then `██████░┃░░ ▲+8 ✓`. Labels and units are plain text."""
    lines = []
    for m in meters:
        value = format_number(m.value) + (f" {printable_line(m.unit)}" if m.unit else "")
        mark = label_mark()   # the label and its colon in bold, as before: "Budget:" / "Budget :"
        lines.append(Content.assemble((printable_line(m.label) + mark.rstrip(), BOLD), mark[len(mark.rstrip()):], value))
        line = bar_content(m)
        if m.change:
            line = Content.assemble(line, " ", judged_change(m))
        lines.append(line)
    return Content("\n").join(lines)


def summary(meters: tuple[MeterView, ...]) -> str:
    """One line for narrow screens (plain text: show it as Content, never as markup)."""
    def mark(m: MeterView) -> str:
        if not m.change:
            return ""
        better = m.better
        return " " + change_label(m.change) + ("" if better is None else " ✓" if better else " ✗")

    return printable_line(" · ".join(f"{m.label} {format_number(m.value)}{mark(m)}" for m in meters))
