"""What every dashboard mode shares: a screen drawn from the latest ClassSnapshot, and the
class line at its top.

The app polls the class and calls `show(snapshot)` on the screen in view; a mode coming back
into view draws the latest one. A new mode (the class vote, say) is a ClassScreen subclass
added to DashboardApp.MODES with a key to reach it.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Static

from game.dashboard.snapshot import ClassSnapshot
from game.i18n import _, _f


def class_line(snapshot: ClassSnapshot | None, problem: str = "") -> Content:
    """`K7M-QX4 · 2nde B · The Camera Question   joined 12 · playing 8 · finished 2`."""
    if snapshot is None:
        return Content.styled(problem, "bold $error") if problem else Content(_("Reading the class…"))
    parts = [Content.styled(snapshot.code, "bold $accent"), Content(f" · {snapshot.name} · {snapshot.title}")]
    if snapshot.closed:
        parts.append(Content.styled("  " + _("(closed to new students)"), "$text-muted"))
    parts.append(Content("   " + _f("joined {joined} · playing {playing} · finished {finished}",
                                    joined=snapshot.joined, playing=snapshot.started - snapshot.finished,
                                    finished=snapshot.finished)))
    if problem:
        parts.append(Content.styled("   " + problem, "bold $error"))
    return Content.assemble(*parts)


class ClassLine(Static):
    DEFAULT_CSS = """
    ClassLine { dock: top; height: auto; padding: 0 1; background: $boost; text-style: bold; }
    """


class ClassScreen(Screen):
    """One mode of the dashboard."""

    def on_screen_resume(self) -> None:
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        if not self.is_attached:
            return
        try:
            self.show(getattr(self.app, "snapshot", None), getattr(self.app, "problem", ""))
        except NoMatches:
            pass    # switched to but not composed yet: its on_mount draws it

    def show(self, snapshot: ClassSnapshot | None, problem: str = "") -> None:
        for line in self.query(ClassLine):
            line.update(class_line(snapshot, problem))
