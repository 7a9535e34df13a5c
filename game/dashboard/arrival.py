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
    ArrivalScreen #arrival { height: 1fr; padding: 1 2 0 2; }
    ArrivalScreen #join { width: 1fr; height: auto; }
    ArrivalScreen #code-label { color: $text-muted; }
    ArrivalScreen #big-code { color: $accent; text-style: bold; margin: 1 0; width: auto; }
    ArrivalScreen #how { margin-bottom: 1; }
    ArrivalScreen #count { text-style: bold; }
    ArrivalScreen #who { color: $text-muted; }
    ArrivalScreen #qr { width: auto; height: auto; margin-left: 2; }
    """

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
        url = self.app.join_url
        if url:
            self.query_one("#qr", Static).update(Content.styled("\n".join(qr_lines(url)), QR_STYLE))
        else:
            self.query_one("#qr", Static).display = False
        self.redraw()

    def show(self, snapshot: ClassSnapshot | None, problem: str = "") -> None:
        super().show(snapshot, problem)
        code = snapshot.code if snapshot else self.app.code
        room = self.size.width - 4 - (33 if self.app.join_url else 0)
        small = big_width(code) > room or self.size.height < 34
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
