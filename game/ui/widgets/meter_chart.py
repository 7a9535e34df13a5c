"""A meter over the term as a small bar chart that tells the truth.

Every chart is drawn on its meter's own fixed range (min to max), never on the values'
own span: trust going 50 → 58 is a small rise and liberties falling 70 → 6 a long fall,
and they look it. The values at which the game ends are a dotted line with its label;
every bar is labelled under it: the start, the turn of each decision, the end. Plain text and spans only (never markup).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content

from game.engine.text import format_number
from game.i18n import _, _f

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
    room = max(1, width - gutter - 1)
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
        return round(max(0.0, min(1.0, (value - low) / span)) * levels)

    ends = {}
    for at in (low_end, high_end):
        if at is not None:
            ends[min(rows - 1, max(0, int((at - low) / span * rows)))] = at
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
        if row in ends:
            parts.append(Content.styled(" " + _f("the game ends at {value}", value=format_number(ends[row])),
                                        END_STYLE))
        lines.append(Content.assemble(*parts))
    lines.append(Content.styled(" " * gutter + "└" + "─" * sum(widths), AXIS_STYLE))
    marks = "".join(label + " " * (column - cell_len(label)) for label, column in zip(labels, widths))
    lines.append(Content.styled(" " * (gutter + 1) + marks.rstrip() + "  " + _("(turns)"), AXIS_STYLE))
    return Content("\n").join(lines)
