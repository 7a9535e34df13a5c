"""Read what a Textual app shows, from its widgets: the text each one draws, placed where it is on screen."""

from __future__ import annotations

from rich.cells import get_character_cell_size
from textual.app import App
from textual.errors import NoWidget
from textual.geometry import Region
from textual.screen import Screen


def shown_text(app_or_screen: App | Screen) -> str:
    """Everything the screen shows, as plain lines of text, one a row.

    Each widget's lines (what it draws, through Textual's line API) are put at its place on
    screen, cut to the part of it its containers let show, topmost widgets last, so the text
    reads like the screen: rows and columns stay where they are, blanks stay blanks. A wide
    character (an emoji) is one character of the text though it fills two columns.
    """
    screen = app_or_screen.screen if isinstance(app_or_screen, App) else app_or_screen
    width, height = screen.app.size
    grid = [[" "] * width for _ in range(height)]
    for layer in _visible_screens(screen):
        for region, strips in _drawn(layer, Region(0, 0, width, height)):
            for y, strip in enumerate(strips, start=region.y):
                _paint(grid[y], region.x, region.right, strip.text)
    return "\n".join("".join(row).rstrip() for row in grid)


def _visible_screens(screen: Screen) -> list[Screen]:
    """The screen and, if its background lets them show through (a modal's), the screens under it."""
    if screen.styles.background.a == 1:
        return [screen]
    stack = screen.app.screen_stack
    under = stack[: stack.index(screen)] if screen in stack else []
    shown = [screen]
    for below in reversed(under):
        shown.insert(0, below)
        if below.styles.background.a == 1:
            break
    return shown


def _drawn(screen: Screen, screen_region: Region):
    """(visible region, lines drawn there) for each widget the screen shows, bottom layer first.

    The screen's own lines are left out: they are its background, or the screens under it.
    """
    placed = []
    for widget in _with_scrollbars(screen.walk_children(with_self=True)):
        if widget is screen:
            continue
        try:
            geometry = screen.find_widget(widget)  # only widgets laid out and visible are found
        except NoWidget:
            continue
        # Cut to the container's viewport (a scrolled pane shows only part of its children) and the screen.
        visible = geometry.region.intersection(geometry.clip).intersection(screen_region)
        if visible.area:
            placed.append((geometry.order, widget, geometry.region, visible))
    placed.sort(key=lambda item: item[0])  # Textual's painting order: later ones cover earlier ones
    for _, widget, region, visible in placed:
        yield visible, widget.render_lines(visible.translate(-region.offset))


def _with_scrollbars(widgets):
    """The widgets, each followed by the scrollbars it shows (they are on screen too, though not its children)."""
    for widget in widgets:
        yield widget
        if widget.show_vertical_scrollbar:
            yield widget.vertical_scrollbar
        if widget.show_horizontal_scrollbar:
            yield widget.horizontal_scrollbar
        if widget.show_vertical_scrollbar and widget.show_horizontal_scrollbar:
            yield widget.scrollbar_corner


def _paint(row: list[str], left: int, right: int, text: str) -> None:
    """Write `text` into the row's cells from column `left`; a wide character takes two cells."""
    x = left
    for character in text.replace("\xa0", " "):  # a non-breaking space shows as a space
        size = get_character_cell_size(character)
        if size == 0:  # a combining mark belongs to the cell before
            if x > left:
                row[x - 1] += character
            continue
        if x + size > right:
            break
        row[x] = character
        for extra in range(1, size):
            row[x + extra] = ""
        x += size


def shown_notices(app: App) -> list[str]:
    """The notifications the player sees now (Textual's toasts), each as one line of text."""
    found = []
    for toast in app.screen.query("Toast"):
        outer = toast.outer_size     # its border and padding included, as it is drawn
        lines = [strip.text.strip(" ▌▐") for strip in toast.render_lines(Region(0, 0, outer.width, outer.height))]
        found.append(" ".join(line for line in lines if line).replace("\xa0", " "))
    return found
