"""The class dashboard: a Textual app for the projector, one mode per screen.

    DashboardApp(store, record, scenario, join_url=..., names=False, high_contrast=False).run()

Modes (MODES, switched with a key each): "arrival" (join code and QR code), "live" (the class
as it plays) and "debrief" (the walk-through). The app polls the class every POLL_SECONDS in
a thread (feed.py: one small query, the new rows only when something changed; the quiz
comparison computed apart, at most every few seconds) and hands each new ClassSnapshot to the
screen in view; a screen coming back into view draws the latest.
The first decision any student makes moves the arrival screen on to the live one, unless the
facilitator already chose a mode.

To add a mode: write a ClassScreen subclass with a show(snapshot, problem) method, add it to
MODES, and give it a key in BINDINGS. A class vote (a class made with --vote) has one more mode,
"vote" (`v`): the facilitator's game with the votes counted live (game/ui/screens/class_vote.py);
its game is opened when the mode is first shown, and saved after every decision.
"""

from __future__ import annotations

import asyncio

from textual.app import App
from textual.binding import Binding

from game.classroom.errors import StoreError
from game.dashboard.arrival import ArrivalScreen
from game.dashboard.base import ClassScreen
from game.dashboard.feed import ClassFeed, ClassGone
from game.dashboard.live import LiveScreen
from game.dashboard.snapshot import ClassSnapshot
from game.dashboard.walkthrough import DebriefScreen
from game.i18n import N_, _, _f
from game.ui.app import HIGH_CONTRAST

POLL_SECONDS = 0.5


class DashboardApp(App):
    TITLE = "Safe City"
    MODES = {"arrival": ArrivalScreen, "live": LiveScreen, "debrief": DebriefScreen}
    BINDINGS = [
        Binding("a", "mode('arrival')", N_("Join code")),
        Binding("l", "mode('live')", N_("Live")),
        Binding("d", "mode('debrief')", N_("Debrief")),
        Binding("v", "mode('vote')", N_("Vote")),
        Binding("q", "quit", N_("Quit")),
        Binding("ctrl+q", "quit", N_("Quit"), show=False, priority=True),
    ]

    def __init__(self, store, record, scenario, *, join_url: str = "", names: bool = False,
                 high_contrast: bool = False, poll_seconds: float = POLL_SECONDS, start: str = "arrival",
                 vote=None):
        super().__init__()
        self.store = store
        self.record = record
        self.start = start
        self.vote = vote                # the class vote's game (game.classroom.vote.ClassVote), once opened
        self.code = record.code
        self.scenario = scenario
        self.join_url = join_url
        self.names = names
        self.high_contrast = high_contrast
        self.poll_seconds = poll_seconds
        self.feed = ClassFeed(store, record, scenario, names=names)
        self.snapshot: ClassSnapshot | None = None
        self.problem = ""               # why the last poll failed, shown on every screen
        self.chosen_mode = False        # the facilitator picked a mode: no more automatic moves
        self._polling = False
        self._gone = False

    def on_mount(self) -> None:
        if self.high_contrast:
            self.register_theme(HIGH_CONTRAST)
            self.theme = HIGH_CONTRAST.name
        if self.record.mode == "vote":
            self.add_mode("vote", self.vote_screen)
        if self.start == "vote" and self.record.mode == "vote" and self.open_vote():
            self.chosen_mode = True
            self.switch_mode("vote")
        else:
            self.switch_mode("arrival")
        self.call_after_refresh(self.poll)
        self.set_interval(self.poll_seconds, self.poll)

    def vote_screen(self):
        from game.ui.screens.class_vote import ClassVoteScreen
        return ClassVoteScreen(self.vote)

    def open_vote(self) -> bool:
        """Open the class vote's game (continued if this computer has it); False after saying why not."""
        from game.classroom.vote import ClassVote
        from game.engine.saves import SaveError
        from game.session import LoadFailed

        if self.vote is not None:
            return True
        try:
            self.vote = ClassVote.open(self.store, self.record)
        except LoadFailed as failure:
            self.notify(failure.message, severity="error", markup=False, timeout=10)
        except (SaveError, StoreError) as trouble:
            self.notify(str(trouble), severity="error", markup=False, timeout=10)
        return self.vote is not None

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "mode" and parameters == ("vote",) and self.record.mode != "vote":
            return False                # no vote key in a class where each student plays
        return True

    def on_unmount(self) -> None:
        if self.vote is not None:
            self.vote.close_game()      # its save is free for the next `class vote`

    def action_mode(self, mode: str) -> None:
        if mode == "vote" and not self.open_vote():
            return
        self.chosen_mode = True
        if mode != self.current_mode:
            self.switch_mode(mode)

    async def poll(self) -> None:
        """Ask the class what changed (in a thread: the screen never waits for the database)."""
        if self._polling or self._gone:
            return
        self._polling = True
        try:
            snapshot = await asyncio.to_thread(self.feed.poll)
            if self.feed.quiz_due():
                if snapshot is not None:
                    self.show_snapshot(snapshot, "")     # the move first, the quiz a moment later
                snapshot = await asyncio.to_thread(self.feed.update_quiz)
            problem = ""
        except ClassGone:
            self._gone = True
            snapshot, problem = None, _f("The class {code} was deleted.", code=self.code)
        except StoreError as error:
            snapshot, problem = None, _("The class database cannot be read now; trying again.")
            self.log.warning(str(error))
        finally:
            self._polling = False
        self.show_snapshot(snapshot, problem)

    def show_snapshot(self, snapshot: ClassSnapshot | None, problem: str) -> None:
        """Hand a new snapshot (or a new problem) to the screen in view."""
        if snapshot is None and problem == self.problem:
            return
        self.problem = problem
        if snapshot is not None:
            self.snapshot = snapshot
            if not self.chosen_mode and self.current_mode == "arrival" and snapshot.started:
                self.chosen_mode = True
                self.switch_mode("live")      # draws the latest snapshot as it comes into view
                return
        if isinstance(self.screen, ClassScreen):
            self.screen.redraw()
