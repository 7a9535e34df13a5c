"""The arrival screen: the join code in big letters and the QR code of the join URL, while
students arrive (how many joined, and who when the facilitator asked for names)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from game.dashboard.base import ClassLine, ClassScreen
from game.dashboard.big_text import big_lines, width as big_width
from game.dashboard.charts import heading, muted
from game.dashboard.qr import qr_lines
from game.dashboard.snapshot import ClassSnapshot
from game.i18n import _, _f
from game.ui.widgets.key_bar import KeyBar

QR_STYLE = "#ffffff on #000000"     # light modules on black, whatever the theme


class ArrivalScreen(ClassScreen):
    DEFAULT_CSS = """
    ArrivalScreen #arrival { height: 1fr; padding: 1 2 0 2; align: center middle; }
    ArrivalScreen #join { width: auto; max-width: 1fr; height: auto; }
    ArrivalScreen #code-label { color: $text-muted; }
    ArrivalScreen #big-code { color: $accent; text-style: bold; margin: 1 0; width: auto; }
    ArrivalScreen #how { margin-bottom: 1; }
    ArrivalScreen #count { text-style: bold; }
    ArrivalScreen #who { color: $text-muted; }
    ArrivalScreen #qr { width: auto; height: auto; margin-left: 4; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._qr_size: bool | None = None      # the size drawn: large or not
        self._qr_side = 0                      # modules a side, with the border

    def compose(self) -> ComposeResult:
        yield ClassLine()
        with Horizontal(id="arrival"):
            with Vertical(id="join"):
                yield Static(_("Join code"), id="code-label")
                yield Static(id="big-code")
                yield Static(id="how")
                yield Static(id="count")
                yield Static(id="who")
            yield Static(id="qr")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.app.join_url:
            self._qr_side = len(qr_lines(self.app.join_url, large=True))
        self.query_one("#qr", Static).display = bool(self.app.join_url)
        self.redraw()

    def draw_qr(self, large: bool) -> None:
        """The QR code, twice the size when the screen has room for it (drawn again only then)."""
        if self.app.join_url and large != self._qr_size:
            self._qr_size = large
            self.query_one("#qr", Static).update(Content.styled("\n".join(qr_lines(self.app.join_url, large=large)),
                                                                QR_STYLE))

    def show(self, snapshot: ClassSnapshot | None, problem: str = "") -> None:
        super().show(snapshot, problem)
        code = snapshot.code if snapshot else self.app.code
        qr_side = self._qr_side
        large_qr = bool(qr_side) and self.size.height >= qr_side + 6 and \
            self.size.width >= 2 * qr_side + big_width(code, small=True) + 8
        self.draw_qr(large_qr)
        qr_width = (2 * qr_side if large_qr else qr_side) + 4 if qr_side else 0
        room = self.size.width - 6 - qr_width
        small = big_width(code) > room or self.size.height < 24
        self.query_one("#big-code", Static).update(Content("\n".join(big_lines(code, small=small))))
        how = []
        if self.app.join_url:
            how.append(Content.assemble(muted(_("In a browser: ")), (self.app.join_url, "bold")))
        how.append(Content.assemble(muted(_("In a terminal: ")), (f"safecity join {code}", "bold")))
        self.query_one("#how", Static).update(Content("\n").join(how))
        joined = snapshot.joined if snapshot else 0
        self.query_one("#count", Static).update(heading(_f("Students joined: {n}", n=joined)))
        who = Content("")
        if snapshot and self.app.names and snapshot.students:
            who = Content("  ".join(s.label for s in snapshot.students))
        elif snapshot and snapshot.students:
            who = muted(_("Pseudonyms are hidden (--names shows them)."))
        self.query_one("#who", Static).update(who)
