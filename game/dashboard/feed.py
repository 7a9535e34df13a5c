"""The class as the dashboard follows it: a cheap question to the store every second, the rows
only when something changed, and only the rows not read yet.

    feed = ClassFeed(store, record, scenario)
    snapshot = feed.poll()        # a new ClassSnapshot, or None when nothing changed

Each poll asks `Store.activity` (counts and the highest row id: one small query). When that
changed, it reads the events stored after the last row it holds (`Store.events_after`),
follows again only the students those events belong to, and builds a new snapshot. The quiz
comparison (a bootstrap of 2,000 resamples) is computed again only when a student finished a
quiz. On PostgreSQL a row may commit after a row with a higher id was read; the counts then
disagree and the feed reads the whole class again.
"""

from __future__ import annotations

from game.classroom.records import QUIZ_ANSWER, ClassRecord, Event
from game.dashboard.snapshot import ClassSnapshot, QuizSummary, build_snapshot, quiz_summary
from game.dashboard.student import StudentState, follow


class ClassGone(Exception):
    """The class was deleted while the dashboard showed it."""


class ClassFeed:
    def __init__(self, store, record: ClassRecord, scenario, *, names: bool = False):
        self.store = store
        self.record = record
        self.scenario = scenario            # None when the class's scenario is not on this computer
        self.names = names
        self.snapshot: ClassSnapshot | None = None
        self.full_reads = 0                 # how many times the whole class was read (tests, benchmark)
        self._reset()

    def _reset(self) -> None:
        self._activity: tuple | None = None
        self._participants: list = []
        self._events: dict[str, list[Event]] = {}
        self._states: dict[str, StudentState] = {}
        self._held = 0
        self._last_id = 0
        self._quiz_key: tuple | None = None
        self._quiz: QuizSummary | None = None

    def poll(self) -> ClassSnapshot | None:
        """A new snapshot when the class changed since the last poll, else None. Raises ClassGone,
        and StoreError when the database cannot be read now (the next poll tries again)."""
        activity = self.store.activity(self.record.code)
        if activity is None:
            raise ClassGone(self.record.code)
        if activity == self._activity and self.snapshot is not None:
            return None
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
        self.snapshot = build_snapshot(self.record, self._participants, self._states, self.scenario,
                                       self._quiz_summary(), names=self.names, closed=activity[3])
        return self.snapshot

    def _read_after(self, row_id: int) -> set[str]:
        changed = set()
        for rid, event in self.store.events_after(self.record.code, row_id):
            self._events.setdefault(event.participant_id, []).append(event)
            changed.add(event.participant_id)
            self._held += 1
            self._last_id = max(self._last_id, rid)
        return changed

    def _quiz_summary(self) -> QuizSummary | None:
        done = tuple(sorted((pid, phase, state.quiz_answers) for pid, state in self._states.items()
                            for phase in state.quiz_done))
        if done != self._quiz_key:
            self._quiz_key = done
            answers = [e for pid, state in self._states.items() if state.quiz_done
                       for e in self._events[pid] if e.kind == QUIZ_ANSWER]
            self._quiz = quiz_summary(answers, self._states, self.scenario)
        return self._quiz
