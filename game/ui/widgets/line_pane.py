"""A pane of wrapped text that keeps its size and scrolls its own lines.

Textual lays the whole screen out a second time whenever a widget's size
changes (the new size is a reactive that asks for layout). The play screen's
panes therefore never change size from one scene to the next: they are given
a fixed share of the screen and scroll inside it, so a new scene costs one
repaint and no layout. A scroll bar drawn with characters (not colour alone)
shows when there is more to read.
"""

from __future__ import annotations

from textual.content import Content
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from game.model.safe_text import printable
from game.ui.widgets.hanging import Hanging

WHEEL_STEP = 3
THUMB, TRACK = "┃", "│"


def wrap(widget: Widget, content: Content, width: int, style=None) -> list[Strip]:
    """`content` wrapped to `width` cells, one Strip per line, padded with the widget's style.

    List items, quotes and spoken lines keep their indent on the lines that follow (hanging.py).
    """
    if width <= 0:
        return []
    return Visual.to_strips(widget, Hanging(content), width, None, style or widget.visual_style, pad=True)


def bar_cell(row: int, rows: int, first: int, total: int) -> str:
    """The scroll bar's character on `row` of `rows` visible lines, showing lines first.. of total."""
    if total <= rows or rows <= 0:
        return " "
    top = first * rows // total
    size = max(1, rows * rows // total)
    top = min(top, rows - size)
    return THUMB if top <= row < top + size else TRACK


class LinePane(Widget):
    """Text that scrolls inside a fixed region: `show(content)` never asks for a new layout."""

    DEFAULT_CSS = """
    LinePane { height: 1fr; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._content = Content("")
        self._cache: tuple[int, list[Strip]] | None = None   # (width, wrapped lines)
        self.first_line = 0

    def show(self, content: Content | str, *, keep_scroll: bool = False) -> None:
        # A string is shown as it is: never read as markup.
        self._content = content if isinstance(content, Content) else Content(printable(content))
        self._cache = None
        if not keep_scroll:
            self.first_line = 0
        self.refresh()

    @property
    def content(self) -> Content:
        return self._content

    def text_rows(self) -> int:
        """How many rows the text may use."""
        return self.size.height

    def text_lines(self, width: int) -> list[Strip]:
        """The text wrapped to `width`, less the last column, which is kept for the scroll bar.

        Keeping the column always (blank when the text fits) wraps the text once, not twice.
        """
        if self._cache is None or self._cache[0] != width:
            self._cache = (width, wrap(self, self._content, width - 1))
        return self._cache[1]

    def scroll_text(self, delta: int) -> bool:
        """Move the text by `delta` lines; True if it moved."""
        total = len(self.text_lines(self.size.width))
        last = max(0, total - self.text_rows())
        first = max(0, min(last, self.first_line + delta))
        if first == self.first_line:
            return False
        self.first_line = first
        self.refresh()
        return True

    def text_line(self, row: int) -> Strip:
        """Row `row` of the text area, with the scroll bar (or a blank) in the last column."""
        width, rows = self.size.width, self.text_rows()
        lines = self.text_lines(width)
        index = self.first_line + row
        line = lines[index] if index < len(lines) else Strip.blank(width - 1, self.visual_style.rich_style)
        return Strip.join([line, Strip([self._bar_segment(row, rows, len(lines))])])

    def _bar_segment(self, row: int, rows: int, total: int):
        from rich.segment import Segment

        return Segment(bar_cell(row, rows, self.first_line, total), self.visual_style.rich_style)

    def render_line(self, y: int) -> Strip:
        return self.text_line(y)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache = None      # the cached lines carry the old theme's colours

    def on_resize(self) -> None:
        self._cache = None
        if self.first_line:      # keep the text in range; at the top there is nothing to do
            self.scroll_text(0)

    def on_mouse_scroll_down(self, event) -> None:
        event.stop()
        self.scroll_text(WHEEL_STEP)

    def on_mouse_scroll_up(self, event) -> None:
        event.stop()
        self.scroll_text(-WHEEL_STEP)
