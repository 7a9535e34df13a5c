"""A student's screen in a class vote: the decision on the projector, its choices, and their vote.

The screen asks the class's database every second which decision is open (a worker thread: a
slow database never freezes it). A number key or a click votes; voting again changes the vote
until the facilitator closes it. When the facilitator's game ends, the student goes on to the
quiz after it.
"""

from __future__ import annotations

import threading

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.i18n import N_, _, _f
from game.model.safe_text import printable_line
from game.ui.widgets.key_bar import KeyBar

POLL_SECONDS = 1.0


class VoteScreen(Screen):
    BINDINGS = [Binding("1", "vote(1)", N_("Vote"), key_display="1-9"),
                *[Binding(str(n), f"vote({n})", show=False) for n in range(2, 10)],
                Binding("q", "app.quit", N_("Quit"))]
    DEFAULT_CSS = """
    VoteScreen { layout: vertical; }
    VoteScreen #vote-top { height: auto; padding: 0 1; background: $panel; text-style: bold; }
    VoteScreen #vote-body { height: 1fr; padding: 1 2; }
    VoteScreen #vote-ask { margin-bottom: 1; }
    VoteScreen #vote-choices { height: auto; max-height: 14; }
    VoteScreen #vote-mine { margin-top: 1; color: $success; text-style: bold; }
    """

    def __init__(self, joined, url: str | None, on_end):
        super().__init__()
        self.joined = joined
        self.url = url
        self.on_end = on_end
        self.poll = None
        self.mine: str | None = None        # this student's vote on the open decision
        self.last_result: str = ""
        self.store = None
        self.sending = threading.Lock()     # one vote recorded at a time (each takes the next number)

    def compose(self) -> ComposeResult:
        yield Static(Content(_f("Class vote · {code} · the game is on the projector",
                                code=self.joined.record.code)), id="vote-top")
        with VerticalScroll(id="vote-body"):
            yield Static(Content(_("Waiting for the first decision…")), id="vote-ask")
            yield OptionList(id="vote-choices")
            yield Static(Content(""), id="vote-mine")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#vote-choices", OptionList).display = False
        self.check()
        self.set_interval(POLL_SECONDS, self.check)

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    # -- the class's decision, from the database --------------------------------------------

    @work(thread=True, exclusive=True, group="vote-read")
    def check(self) -> None:
        from game.classroom.store import StoreError, open_store

        try:
            if self.store is None:
                self.store = open_store(self.url)
            polls = self.store.polls(self.joined.record.code)
            poll = polls[-1] if polls else None
            decided = next((p for p in reversed(polls) if not p.open and not p.is_end), None)
            mine = None
            if poll is not None and poll.open:
                mine = self.store.votes(poll.code, poll.number).get(self.joined.path.participant_id)
        except StoreError:
            return      # away a moment: the next look will do
        self.app.call_from_thread(self.show, poll, mine, decided)

    def show(self, poll, mine: str | None, decided=None) -> None:
        if not self.is_attached:
            return
        previous = self.poll
        self.poll = poll
        if poll is None:
            return
        if poll.is_end:
            self.on_end()
            return
        if decided is not None:
            self.last_result = self.result_text(decided)
        if previous is not None and previous.number != poll.number:
            self.mine = None
        if mine is not None and self.mine is None:     # a vote cast before (a reloaded page)
            self.mine = mine
        ask = self.query_one("#vote-ask", Static)
        choices = self.query_one("#vote-choices", OptionList)
        if poll.open:
            heading = _f("Decision {number}: look at the projector, then vote.", number=poll.number)
            ask.update(Content(heading) if not self.last_result else
                       Content(self.last_result + "\n\n") + Content.styled(heading, Style(bold=True)))
            if previous is None or previous.number != poll.number or not choices.display:
                choices.clear_options()
                choices.add_options([Option(Content(f"{n}. {printable_line(c['text'])}"
                                                    + ("" if c.get("available") else f" ({_('locked')})")),
                                            id=c["id"], disabled=not c.get("available"))
                                     for n, c in enumerate(poll.choices, 1)])
                choices.display = True
                choices.focus()
        else:
            choices.display = False
            ask.update(Content(self.last_result + "\n\n" + _("Waiting for the next decision…")))
        self.show_mine()

    @staticmethod
    def result_text(poll) -> str:
        text = next((c["text"] for c in poll.choices if c["id"] == poll.chosen), poll.chosen or "")
        how = {"tie": _(" (a tie, decided by the facilitator)"),
               "override": _(" (decided by the facilitator)")}.get(poll.how, "")
        return _f("Decision {number}: the class chose {choice}", number=poll.number,
                  choice=printable_line(text)) + how

    def show_mine(self) -> None:
        poll = self.poll
        text = ""
        if poll is not None and poll.open and self.mine:
            chosen = next((c["text"] for c in poll.choices if c["id"] == self.mine), self.mine)
            text = _f("Your vote: {choice}. You can change it until the vote closes.", choice=printable_line(chosen))
        self.query_one("#vote-mine", Static).update(Content(text))

    # -- voting -----------------------------------------------------------------------

    def action_vote(self, number: int) -> None:
        poll = self.poll
        if poll is None or not poll.open or not 1 <= number <= len(poll.choices):
            return
        choice = poll.choices[number - 1]
        if choice.get("available"):
            self.query_one("#vote-choices", OptionList).highlighted = number - 1
            self.cast(poll, choice["id"])
        else:   # says why, and moves nothing: the highlight and the vote stay as they were
            reason = printable_line(str(choice.get("locked") or ""))
            self.query_one("#vote-mine", Static).update(Content(
                _f("That choice is locked: {reason}", reason=reason) if reason else _("That choice is locked.")))

    @on(OptionList.OptionSelected, "#vote-choices")
    def selected(self, event: OptionList.OptionSelected) -> None:
        if self.poll is not None and self.poll.open and event.option.id:
            self.cast(self.poll, event.option.id)

    def cast(self, poll, choice_id: str) -> None:
        self.mine = choice_id
        self.show_mine()
        self.send(poll, choice_id)

    @work(thread=True, group="vote-send")
    def send(self, poll, choice_id: str) -> None:
        from game.classroom.records import VOTE

        with self.sending:
            self.joined.recorder.record(VOTE, scene=poll.scene, turn=poll.turn, poll=poll.number, choice=choice_id)
