"""Bar charts and numbers for the dashboard, built as Textual Content from plain strings.

Writer text (choice texts, headlines, endings) and pseudonyms go in as plain text, never as
markup: a "[b]" in a story shows as "[b]".
"""

from __future__ import annotations

import textwrap

from textual.content import Content

from game.i18n import _f, language

FULL, EMPTY = "█", "░"
BAR_STYLE = "$accent"
EMPTY_STYLE = "$text-muted"
HEADING = "bold $accent"
MUTED = "$text-muted"


def decimal(value: float | None, digits: int = 2, signed: bool = False) -> str:
    """A number as the facilitator's language writes it: 0.52 or 0,52; "–" when there is none."""
    if value is None:
        return "–"
    text = f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    text = text.replace("-", "−")
    return text.replace(".", ",") if language() == "fr" else text


def percent(count: int, total: int) -> str:
    share = round(100 * count / total) if total else 0
    return _f("{percent}%", percent=share)


def bar(count: int, total: int, width: int) -> Content:
    width = max(1, width)
    filled = round(width * count / total) if total else 0
    filled = max(1, filled) if count else 0
    return Content.assemble((FULL * filled, BAR_STYLE), (EMPTY * (width - filled), EMPTY_STYLE))


def bar_line(label: str, count: int, total: int, width: int, label_width: int) -> Content:
    """`label     ██████░░░░  12  (60%)` on one line: the label plain, cut to its column."""
    label = label if len(label) <= label_width else label[:max(0, label_width - 1)] + "…"
    numbers = f" {count:>3}  {percent(count, total):>5}"
    return Content.assemble(Content(label.ljust(label_width)), " ", bar(count, total, width), Content(numbers))


def wrapped(text: str, width: int, indent: str = "  ") -> str:
    """The text in lines of `width` columns, the lines after the first indented under it."""
    return ("\n" + indent).join(textwrap.wrap(text, max(10, width), break_long_words=True) or [""])


def option_block(text: str, count: int, total: int, width: int, leading: bool) -> Content:
    """A choice on its own lines, then its bar and count under it: long texts stay readable.
    `width` is the bar's; the text wraps at the width of the whole line."""
    mark = ("▶ ", HEADING) if leading else ("  ", "")
    numbers = Content(f" {count:>3}  {percent(count, total):>5}")
    return Content.assemble(mark, Content(wrapped(text, width + 12)), "\n  ", bar(count, total, width), numbers)


def heading(text: str) -> Content:
    return Content.styled(text, HEADING)


def muted(text: str) -> Content:
    return Content.styled(text, MUTED)


def chart_width(screen_width: int, share: float = 0.5, least: int = 10, most: int = 60) -> int:
    return max(least, min(most, int(screen_width * share)))


def comparison_lines(title: str, comparison, digits: int = 2, scale: float = 1.0) -> list[Content]:
    """Before / after / change with its 95% interval and effect size, for one measure."""
    c = comparison

    def n(value, signed=False):
        return decimal(None if value is None else value * scale, digits, signed)

    lines = [Content.assemble((title, "bold"))]
    lines.append(Content(_f("before {before}   after {after}   change {change}",
                            before=n(c.pre_mean), after=n(c.post_mean), change=n(c.mean_diff, True))))
    lines.append(Content(_f("95% interval of the change: {low} to {high}   effect size d_z {dz}   g_av {g}",
                            low=n(c.ci_low, True), high=n(c.ci_high, True), dz=decimal(c.d_z),
                            g=decimal(c.g_av))))
    return lines
