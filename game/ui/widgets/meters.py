"""The meters: a labelled bar per meter, its value, and what the last choice changed."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.strip import Strip
from textual.style import Style

from game.engine.text import format_number
from game.i18n import _, label_mark
from game.engine.view import MeterView
from game.model.safe_text import printable_line
from game.ui.widgets.line_pane import LinePane, wrap

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


def value_label(m: MeterView) -> str:
    """`50 M€`: the value and its unit, which no line ever separates (a no-break space)."""
    return format_number(m.value) + (f"\u00a0{printable_line(m.unit)}" if m.unit else "")


def shorten(label: str, cells: int | None) -> str:
    """`label` in at most `cells` characters and an ellipsis, cut after a whole word when it can be."""
    if cells is None or len(label) <= cells:
        return label
    cut = label[:cells]
    if label[cells] != " " and " " in cut.strip():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def pack(items: list[str], width: int) -> list[str]:
    """The items in as few lines of `width` as they fill, separated by " · ", never cut inside."""
    lines: list[str] = []
    for item in items:
        if lines and cell_len(lines[-1]) + 3 + cell_len(item) <= width:
            lines[-1] += " · " + item
        else:
            lines.append(item)
    return lines


def summary(meters: tuple[MeterView, ...], width: int = 0, rows: int = 2) -> str:
    """The meters in few words for narrow screens (plain text: show it as Content, never as markup).

    Each value keeps its unit and its change. Given the `width` and the `rows` it may use, the labels
    are shortened as little as needed for it to fit (`Libertés…`), never the values; without, one line.
    """
    def mark(m: MeterView) -> str:
        if not m.change:
            return ""
        better = m.better
        return " " + change_label(m.change) + ("" if better is None else " ✓" if better else " ✗")

    labels = [printable_line(m.label) for m in meters]

    def items(cells: int | None) -> list[str]:
        return [f"{shorten(label, cells)} {value_label(m)}{mark(m)}" for label, m in zip(labels, meters)]

    if width <= 0 or not meters:
        return " · ".join(items(None))
    for cells in (None, *range(max(map(len, labels)) - 1, 0, -1)):
        lines = pack(items(cells), width)
        if len(lines) <= rows:
            break
    return "\n".join(lines)


class MeterSummary(LinePane):
    """The meters above the scene on narrow screens, fitted to the width the pane has now."""

    meters: tuple[MeterView, ...] = ()

    def show_meters(self, meters: tuple[MeterView, ...]) -> None:
        self.meters = meters
        self.show(Content(summary(meters)))

    def text_lines(self, width: int) -> list[Strip]:
        if self._cache is None or self._cache[0] != width:
            self._content = Content(summary(self.meters, width - 1, self.text_rows()))   # the last column: scroll bar
            self._cache = (width, wrap(self, self._content, width - 1))
        return self._cache[1]
