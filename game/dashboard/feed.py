"""The class as the dashboard follows it: a cheap question to the store at each poll, the rows
only when something changed, and only the rows not read yet.

    feed = ClassFeed(store, record, scenario)
    snapshot = feed.poll()          # a new ClassSnapshot, or None when nothing changed
    if feed.quiz_due():
        snapshot = feed.update_quiz()

`poll` asks `Store.activity` (counts and the highest row id: one small query). When that
changed, it reads the events stored after the last row it holds (`Store.events_after`),
follows again only the students those events belong to, and builds a new snapshot. On
PostgreSQL a row may commit after a row with a higher id was read; the counts then disagree
and the feed reads the whole class again.

The quiz comparison is kept apart: its bootstrap (2,000 resamples for each of two measures)
costs about 150 ms for 300 students, three times a refresh's budget. A poll keeps the last
comparison and notes that students finished a quiz since; `update_quiz` computes it again
(scoring again only the students whose quizzes changed), at most once every QUIZ_SECONDS, so
a student's move always shows at once and the quiz results follow within seconds.
"""

from __future__ import annotations

import dataclasses
import time

from game.classroom.records import ClassRecord, Event
from game.dashboard.snapshot import (ClassSnapshot, QuizSummary, build_snapshot, student_quiz_scores, summarize_quiz,
                                     tally_polls)
from game.dashboard.student import StudentState, follow

QUIZ_SECONDS = 2.0


class ClassGone(Exception):
    """The class was deleted while the dashboard showed it."""


class ClassFeed:
    def __init__(self, store, record: ClassRecord, scenario, *, names: bool = False,
                 quiz_seconds: float = QUIZ_SECONDS):
        self.store = store
        self.record = record
        self.scenario = scenario            # None when the class's scenario is not on this computer
        self.names = names
        self.quiz_seconds = quiz_seconds
        self.snapshot: ClassSnapshot | None = None
        self.full_reads = 0                 # how many times the whole class was read again (tests, benchmark)
        self._quiz: QuizSummary | None = None
        self._quiz_at: float | None = None  # when the comparison was last computed (monotonic)
        self._scores: dict[str, tuple[tuple, dict]] = {}   # participant -> (quiz key, phase -> score)
        self._reset()

    def _reset(self) -> None:
        self._activity: tuple | None = None
        self._votes: tuple = ()
        self._participants: list = []
        self._events: dict[str, list[Event]] = {}
        self._states: dict[str, StudentState] = {}
        self._held = 0
        self._last_id = 0

    def poll(self) -> ClassSnapshot | None:
        """A new snapshot when the class changed since the last poll, else None. Raises ClassGone,
        and StoreError when the database cannot be read now (the next poll tries again)."""
        activity = self.store.activity(self.record.code)
        if activity is None:
            raise ClassGone(self.record.code)
        votes = self._votes_marker()
        if activity == self._activity and votes == self._votes and self.snapshot is not None:
            return None
        self._votes = votes
        joined, count, _newest, _closed = activity
        if joined != len(self._participants) or self.snapshot is None:
            self._participants = self.store.participants(self.record.code)
        changed = self._read_after(self._last_id)
        if self._held < count:
            # A row committed late, below the highest id already read: read the class again.
            self._reset()
            self._participants = self.store.participants(self.record.code)
            changed = self._read_after(0)
            self.full_reads += 1
        for pid in changed:
            self._states[pid] = follow(self._events[pid])
        self._activity = activity
        return self._build()

    def _votes_marker(self) -> tuple:
        """A class vote's decisions as they stand (number, closed or not): closing a vote writes no
        student event, yet the class's decisions changed."""
        if self.record.mode != "vote":
            return ()
        return tuple((poll.number, poll.closed_at) for poll in self.store.polls(self.record.code))

    def _read_after(self, row_id: int) -> set[str]:
        changed = set()
        for rid, event in self.store.events_after(self.record.code, row_id):
            self._events.setdefault(event.participant_id, []).append(event)
            changed.add(event.participant_id)
            self._held += 1
            self._last_id = max(self._last_id, rid)
        return changed

    def _build(self) -> ClassSnapshot:
        self.snapshot = build_snapshot(self.record, self._participants, self._states, self.scenario, self._quiz,
                                       names=self.names, closed=self._activity[3])
        if self.record.mode == "vote":      # the class decided together: its decisions are the closed votes
            self.snapshot = dataclasses.replace(
                self.snapshot, decisions=tally_polls(self.store.polls(self.record.code), self.scenario))
        return self.snapshot

    # -- the quiz ---------------------------------------------------------------------

    def _stale(self) -> list[str]:
        """Students whose finished quizzes changed since they were scored."""
        return [pid for pid, state in self._states.items()
                if self._scores.get(pid, ((), {}))[0] != state.quiz_key()]

    def quiz_due(self) -> bool:
        """Students finished (or changed) a quiz since the comparison, and it is time to compute it."""
        if self.scenario is None or not self.scenario.quiz or self.snapshot is None:
            return False
        if self._quiz is None:
            return True                     # the first one: at once (also with nobody done yet)
        recent = self._quiz_at is not None and time.monotonic() - self._quiz_at < self.quiz_seconds
        return not recent and bool(self._stale())

    def update_quiz(self) -> ClassSnapshot | None:
        """Score again the students whose quizzes changed, compare the class; the new snapshot."""
        if self.snapshot is None or self.scenario is None or not self.scenario.quiz:
            return None
        for pid in self._stale():
            state = self._states[pid]
            self._scores[pid] = (state.quiz_key(), student_quiz_scores(self._events.get(pid, ()), state,
                                                                       self.scenario))
        self._quiz = summarize_quiz({pid: scores for pid, (_key, scores) in self._scores.items()})
        self._quiz_at = time.monotonic()
        self.snapshot = dataclasses.replace(self.snapshot, quiz=self._quiz)
        return self.snapshot

    def refresh(self) -> ClassSnapshot | None:
        """A poll, then the quiz if it is due: the latest snapshot if anything changed, else None."""
        snapshot = self.poll()
        if self.quiz_due():
            snapshot = self.update_quiz()
        return snapshot
