"""A meter over the term as a small bar chart that tells the truth.

Every chart is drawn on its meter's own fixed range (min to max), never on the values'
own span: trust going 50 → 58 is a small rise and liberties falling 70 → 6 a long fall,
and they look it. The values at which the game ends are a dotted line with its label;
every bar is labelled under it: the start, the turn of each decision, the end. Plain text
and spans only (never markup).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

from game.engine.text import format_number
from game.i18n import _, _f
from game.model.safe_text import printable_line
from game.ui.widgets.meters import label_mark

BLOCKS = " ▁▂▃▄▅▆▇█"
ROWS = 5
COLUMN = 3          # cells per point: a bar two cells wide and a gap
END_STYLE = "$text-error"
AXIS_STYLE = "$text-muted"


def bar_labels(turns: tuple[int, ...]) -> list[str]:
    """What is written under each bar: the start, the turn of each decision, the end."""
    if len(turns) < 2:
        return [str(turn) for turn in turns]
    return [_("start"), *(str(turn) for turn in turns[1:-1]), _("end")]


def chart(values: tuple[float, ...], turns: tuple[int, ...], low: float, high: float, *,
          low_end: float | None = None, high_end: float | None = None, rows: int = ROWS,
          width: int = 76) -> Content:
    """The bars of `values` on the fixed scale low..high, `rows` lines tall, with the ends marked.

    `values` are the meter at the start of the term, after each decision and at the end (the engine's
    term_timeline); every bar is labelled under it: `start`, the decision's turn, `end`."""
    axis_labels = [format_number(high), format_number(low)]
    gutter = max(len(label) for label in axis_labels) + 1
    labels = bar_labels(tuple(turns))
    # A bar is two cells wide; its column is as wide as its label and a space (three cells at least).
    widths = [max(COLUMN, cell_len(label) + 1) for label in labels]
    turns_word = "  " + _("(turns)")
    room = max(1, width - gutter - 1 - cell_len(turns_word))
    if sum(widths) > room and len(values) > 2:   # too many bars: keep the start, the end and an even spread
        middle = max(0, (room - widths[0] - widths[-1]) // COLUMN)
        inner = range(1, len(values) - 1)
        keep = sorted({inner[round(i * (len(inner) - 1) / max(1, middle - 1))] for i in range(middle)}) if middle else []
        keep = [0, *keep, len(values) - 1]
        values = tuple(values[i] for i in keep)
        labels, widths = [labels[i] for i in keep], [widths[i] for i in keep]
    span = (high - low) or 1
    levels = rows * 8

    def height(value: float) -> int:                # in eighths of a row, from the bottom
        eighths = round(max(0.0, min(1.0, (value - low) / span)) * levels)
        return max(eighths, 1) if value > low else eighths   # above the bottom is never drawn as nothing

    ends = {}
    for at in (low_end, high_end):
        if at is not None:
            ends[min(rows - 1, max(0, int((at - low) / span * rows)))] = at
    # The words of a dotted line go at its end when they fit there, else in a line of their own below.
    said = {row: " " + _f("the game ends at {value}", value=format_number(at)) for row, at in ends.items()}
    beside = all(gutter + 1 + sum(widths) + cell_len(words) <= width for words in said.values())
    lines: list[Content] = []
    for row in range(rows - 1, -1, -1):           # top row first
        label = axis_labels[0] if row == rows - 1 else axis_labels[1] if row == 0 else ""
        parts = [Content.styled(label.rjust(gutter - 1) + " ", AXIS_STYLE), Content.styled("│", AXIS_STYLE)]
        for value, column in zip(values, widths):
            filled = height(value) - row * 8
            if row in ends and filled <= 0:
                parts.append(Content.styled("┄" * column, END_STYLE))
                continue
            parts.append(Content(BLOCKS[max(0, min(8, filled))] * (COLUMN - 1)))
            gap = column - (COLUMN - 1)
            parts.append(Content.styled("┄" * gap, END_STYLE) if row in ends else Content(" " * gap))
        if row in ends and beside:
            parts.append(Content.styled(said[row], END_STYLE))
        lines.append(Content.assemble(*parts))
    lines.append(Content.styled(" " * gutter + "└" + "─" * sum(widths), AXIS_STYLE))
    marks = "".join(label + " " * (column - cell_len(label)) for label, column in zip(labels, widths))
    lines.append(Content.styled(" " * (gutter + 1) + marks.rstrip() + turns_word, AXIS_STYLE))
    if not beside:
        for row in sorted(said, reverse=True):
            lines.append(Content.styled(" " * (gutter + 1) + "┄┄" + said[row], END_STYLE))
    return Content("\n").join(lines)


def meter_summary(label: str, unit: str, values) -> str:
    """`Budget: 300 → 180 k€ (lowest 150, highest 300)`: the chart in words."""
    unit = f" {unit}" if unit else ""
    start, end = values[0], values[-1]
    trend = _("up") if end > start else _("down") if end < start else _("no change")
    text = f"{label}{label_mark()}{format_number(start)} → {format_number(end)}{unit} ({trend}"
    low, high = min(values), max(values)
    if low != high:
        text += ", " + _("lowest {low}, highest {high}").replace("{low}", format_number(low)).replace(
            "{high}", format_number(high))
    return text + ")"


class MeterChart(Static):
    """One meter over the term: its summary in words, then its chart drawn to the width it is given
    (never wider, so no line of it wraps), `rows` lines tall."""

    def __init__(self, meter, values, turns, rows: int = ROWS, **kwargs):
        super().__init__(**kwargs)
        self.meter, self.values, self.turns, self.rows = meter, tuple(values), tuple(turns), rows

    @property
    def summary(self) -> str:
        return printable_line(meter_summary(self.meter.label, self.meter.unit, self.values))

    def chart(self, width: int) -> Content:
        meter = self.meter
        return chart(self.values, self.turns, meter.min, meter.max, rows=self.rows, width=width,
                     low_end=meter.low.at if meter.low else None, high_end=meter.high.at if meter.high else None)

    def render(self) -> Content:
        width = max(20, self.content_region.width or 76)
        return Content.assemble((self.summary, "bold"), "\n", self.chart(width))

    def get_content_height(self, container, viewport, width: int) -> int:
        summary = len(Content(self.summary).wrap(max(1, width)))   # a long label may take two lines
        return summary + len(self.chart(max(20, width)).plain.splitlines())
