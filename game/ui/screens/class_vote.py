"""The facilitator's screen of a class vote, for the projector: the scene, each choice with the
class's votes as they come in, and the keys that close the vote.

Enter (or c) closes the vote and plays the majority; a tie waits for the facilitator's number
key; o then a number plays another choice (an override, recorded as such). At a Continue,
Enter goes on. The counting and the game are game.classroom.vote's; this screen shows them.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Static

from game.i18n import N_, _, _f
from game.model.safe_text import printable, printable_line
from game.ui.widgets.key_bar import KeyBar
from game.ui.widgets.scene_text import scene_content, text_content, theme_background

BAR = "█"
BOLD = Style(bold=True)
DIM = Style(dim=True)


def tally_content(choices, tally: dict[str, int], voters: int, width: int = 30, *, highlight=()) -> Content:
    """Each choice, numbered as on the students' screens, with a bar and its count (plain text in)."""
    rows = []
    total = max(1, sum(tally.values()))
    number = 0
    for choice in choices:
        number += 1
        votes = tally.get(choice["id"], 0)
        if not choice.get("available"):
            rows.append(Content.styled(f"{number}. {printable_line(choice['text'])} ({_('locked')})", DIM))
            continue
        label = Content.styled(f"{number}. ", BOLD) + Content(printable_line(choice["text"]))
        bar = BAR * round(width * votes / total) if votes else ""
        share = f"{votes}  ({round(100 * votes / total)}%)" if voters else "0"
        line = Content.assemble(label, "\n   ", Content.styled(bar, Style(bold=True)), " ", share)
        if choice["id"] in highlight:
            line = line.stylize(Style(reverse=True), 0, len(label))
        rows.append(line)
    return Content("\n").join(rows)


class ClassVoteScreen(Screen):
    BINDINGS = [
        Binding("enter", "close_vote", N_("Close the vote / go on")),
        Binding("c", "close_vote", N_("Close the vote"), show=False),
        Binding("o", "override", N_("Play another choice")),
        Binding("escape", "cancel", N_("Cancel"), show=False),
        *[Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)],
        Binding("q", "app.quit", N_("Quit")),
    ]
    DEFAULT_CSS = """
    ClassVoteScreen { layout: vertical; }
    ClassVoteScreen #vote-top { height: auto; padding: 0 1; background: $panel; text-style: bold; }
    ClassVoteScreen #vote-main { height: 1fr; }
    ClassVoteScreen #vote-scene { width: 3fr; padding: 1 2; }
    ClassVoteScreen #vote-side { width: 2fr; min-width: 30; padding: 1 2; border-left: solid $accent; }
    ClassVoteScreen #vote-status { margin-bottom: 1; color: $warning; text-style: bold; }
    """

    def __init__(self, vote):
        super().__init__()
        self.vote = vote
        self.poll = None
        self.tally: dict[str, int] = {}
        self.voters = 0
        self.students = 0
        self.mode = ""              # "", "tie" (a number breaks it) or "override" (a number plays it)
        self.tied: tuple = ()
        self._speakers: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(id="vote-top")
        with Horizontal(id="vote-main"):
            with VerticalScroll(id="vote-scene"):
                yield Static(id="vote-text")
            with VerticalScroll(id="vote-side"):
                yield Static(id="vote-status")
                yield Static(id="vote-tally")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_game()
        self.set_interval(1.0, self.refresh_tally)

    # -- what is on screen ----------------------------------------------------------------

    def show_game(self) -> None:
        """The facilitator's game where it is, and its vote (opened if needed)."""
        self.poll = self.vote.poll()
        self.mode, self.tied = "", ()
        view = self.vote.view
        record = self.vote.record
        top = _f("Class vote · {code} · {title}", code=record.code, title=printable_line(record.title))
        if view.headline:
            top += " · " + printable_line(view.headline)
        self.query_one("#vote-top", Static).update(Content(top))
        if view.ending is not None:
            text = Content.styled(printable_line(view.ending.title), BOLD) + Content("\n\n") + text_content(view)
            self.query_one("#vote-text", Static).update(text)
            self.query_one("#vote-tally", Static).update(Content(""))
            self.say(_("The game has ended. The students go on to their quiz. Press q to leave."))
            return
        scene = scene_content(view, self._speakers, background=theme_background(self.app))
        self.query_one("#vote-text", Static).update(scene)
        if self.poll is None:
            self.query_one("#vote-tally", Static).update(Content(""))
            self.say(_("Press Enter to go on."))
        else:
            self.say(_("Students vote on their screens. Enter closes the vote; o plays another choice."))
        self.refresh_tally()

    def say(self, message: str) -> None:
        self.query_one("#vote-status", Static).update(Content(message))

    @work(thread=True, exclusive=True, group="tally")
    def refresh_tally(self) -> None:
        poll = self.poll
        if poll is None or poll.is_end:
            return
        try:
            tally, voters = self.vote.tally(poll)
            self.students = len(self.vote.store.participants(self.vote.record.code))
        except Exception as trouble:  # noqa: BLE001 - the database away a moment: keep the last count
            self.app.call_from_thread(self.say, str(trouble))
            return
        self.app.call_from_thread(self.show_tally, poll, tally, voters)

    def show_tally(self, poll, tally: dict[str, int], voters: int) -> None:
        if poll is not self.poll or not self.is_attached:
            return
        self.tally, self.voters = tally, voters
        heading = Content.styled(_f("Votes: {n} of {students} students", n=voters,
                                    students=max(voters, self.students)), BOLD)
        width = max(4, self.query_one("#vote-side").content_size.width - 12)   # room for "  12  (100%)"
        self.query_one("#vote-tally", Static).update(
            heading + Content("\n\n") + tally_content(poll.choices, tally, voters, width, highlight=self.tied))

    # -- the facilitator's keys -----------------------------------------------------------

    def action_close_vote(self) -> None:
        if self.vote.session.ended:
            return
        if self.poll is None:
            self.vote.go_on()
            self.show_game()
            return
        if self.mode:
            return
        outcome = self.vote.close(self.poll)
        if outcome.chosen is None:
            self.mode, self.tied = "tie", outcome.tied
            numbers = [str(self.number_of(c)) for c in outcome.tied]
            self.say(_f("A tie between {choices}: press the number of the choice to play.",
                        choices=", ".join(numbers)))
            self.show_tally(self.poll, self.tally, self.voters)
            return
        self.played(outcome)

    def action_override(self) -> None:
        if self.poll is None or self.vote.session.ended:
            return
        self.mode = "override"
        self.say(_("Play another choice than the vote's: press its number (Esc: back to the vote)."))

    def action_cancel(self) -> None:
        if self.mode == "override":
            self.mode = ""
            self.say(_("Students vote on their screens. Enter closes the vote; o plays another choice."))

    def action_pick(self, number: int) -> None:
        if self.poll is None or not self.mode or not 1 <= number <= len(self.poll.choices):
            return
        choice = self.poll.choices[number - 1]
        if not choice.get("available"):
            return
        if self.mode == "tie":
            if choice["id"] not in self.tied:
                return
            outcome = self.vote.close(self.poll, tie_break=choice["id"])
        else:
            outcome = self.vote.close(self.poll, override=choice["id"])
        self.played(outcome)

    def played(self, outcome) -> None:
        text = next((c["text"] for c in self.poll.choices if c["id"] == outcome.chosen), outcome.chosen)
        how = {"majority": _("the majority"), "tie": _("the facilitator, after a tie"),
               "override": _("the facilitator, over the vote")}.get(outcome.how, outcome.how)
        self.app.notify(_f("Played: {choice} (chosen by {how})", choice=printable(text), how=how), timeout=6,
                        markup=False)
        self.show_game()

    def number_of(self, choice_id: str) -> int:
        return next(n for n, c in enumerate(self.poll.choices, 1) if c["id"] == choice_id)
