"""A meter over the term as a small bar chart that tells the truth.

Every chart is drawn on its meter's own fixed range (min to max), never on the values'
own span: trust going 50 → 58 is a small rise and liberties falling 70 → 6 a long fall,
and they look it. The values at which the game ends are a dotted line with its label;
the turns are written under the bars. Plain text and spans only (never markup).
"""

from __future__ import annotations

from textual.content import Content

from game.engine.text import format_number
from game.i18n import _, _f

BLOCKS = " ▁▂▃▄▅▆▇█"
ROWS = 5
COLUMN = 3          # cells per point: a bar two cells wide and a gap
END_STYLE = "$text-error"
AXIS_STYLE = "$text-muted"


def chart(values: tuple[float, ...], turns: tuple[int, ...], low: float, high: float, *,
          low_end: float | None = None, high_end: float | None = None, rows: int = ROWS,
          width: int = 76) -> Content:
    """The bars of `values` on the fixed scale low..high, `rows` lines tall, with the ends marked."""
    axis_labels = [format_number(high), format_number(low)]
    gutter = max(len(label) for label in axis_labels) + 1
    room = max(1, (width - gutter - 1) // COLUMN)
    if len(values) > room:                       # too many points: keep the first, the last and an even spread
        keep = sorted({round(i * (len(values) - 1) / (room - 1)) for i in range(room)}) if room > 1 else [0]
        values, turns = tuple(values[i] for i in keep), tuple(turns[i] for i in keep)
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
        for value in values:
            filled = height(value) - row * 8
            cell = BLOCKS[max(0, min(8, filled))] * (COLUMN - 1)
            if row in ends and filled <= 0:
                parts.append(Content.styled("┄" * COLUMN, END_STYLE))
            else:
                parts.append(Content(cell + (" " if row not in ends else "")))
                if row in ends:
                    parts.append(Content.styled("┄", END_STYLE))
        if row in ends:
            parts.append(Content.styled(" " + _f("the game ends at {value}", value=format_number(ends[row])),
                                        END_STYLE))
        lines.append(Content.assemble(*parts))
    lines.append(Content.styled(" " * gutter + "└" + "─" * (COLUMN * len(values)), AXIS_STYLE))
    marks, last = [], None
    for turn in turns:                              # a turn's number under its first bar only
        marks.append(f"{turn:<{COLUMN}}"[:COLUMN] if turn != last else " " * COLUMN)
        last = turn
    lines.append(Content.styled(" " * (gutter + 1) + "".join(marks).rstrip() + "  " + _("(turns)"), AXIS_STYLE))
    return Content("\n").join(lines)
