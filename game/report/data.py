"""What a class report says, gathered from the class's database and its scenario (no HTML here).

The class as the dashboard sees it (game.dashboard: each decision's distribution, the endings,
the quiz before and after with the class-sessions scoring), the debrief's walk-through (what
really happened, with sources), the meters at the end, and the discussion questions. Every
string is plain text, stripped of control characters; the template escapes it.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field

from game.classroom.records import ENDING, FINISHED, ClassRecord
from game.dashboard.debrief import DECISION, DebriefStep, debrief_steps
from game.dashboard.feed import ClassFeed
from game.dashboard.snapshot import ClassSnapshot, words
from game.i18n import DEBRIEF_QUESTIONS, _
from game.model.safe_text import printable_line


@dataclass(frozen=True)
class MeterSummary:
    label: str
    unit: str
    students: int
    mean: float
    low: float
    high: float
    start: float


@dataclass(frozen=True)
class ReportData:
    record: ClassRecord
    snapshot: ClassSnapshot
    decisions: tuple[DebriefStep, ...]      # one per decision, with what really happened
    later: DebriefStep                      # the endings and the reality items about no one decision
    questions: tuple[str, ...]
    meters: tuple[MeterSummary, ...]
    first_at: float | None                  # the first and last recorded step
    last_at: float | None
    finished: int
    made_at: float = field(default_factory=time.time)


def gather(store, record: ClassRecord, scenario) -> ReportData:
    """Everything the report shows, read once (the quiz comparison included)."""
    feed = ClassFeed(store, record, scenario)
    snapshot = feed.refresh() or feed.snapshot
    if feed.quiz_due():
        snapshot = feed.update_quiz() or snapshot
    steps = debrief_steps(snapshot, scenario)
    decisions = tuple(s for s in steps if s.kind == DECISION)
    later = next(s for s in steps if s.kind not in (DECISION,) and s.endings is not None)
    questions = next((s.questions for s in steps if s.questions), ()) or tuple(_(q) for q in DEBRIEF_QUESTIONS)
    events = store.events(record.code)
    times = [e.at for e in events]
    return ReportData(record=record, snapshot=snapshot, decisions=decisions, later=later, questions=questions,
                      meters=meter_summaries(events, scenario), first_at=min(times) if times else None,
                      last_at=max(times) if times else None,
                      finished=len({e.participant_id for e in events if e.kind == FINISHED}))


def meter_summaries(events, scenario) -> tuple[MeterSummary, ...]:
    """Each meter at the students' endings: mean, lowest and highest (the last ending of each student)."""
    last: dict[str, dict] = {}
    for event in events:
        if event.kind == ENDING and isinstance(event.data.get("meters"), dict):
            last[event.participant_id] = event.data["meters"]
    if not last or scenario is None:
        return ()
    found = []
    for meter in scenario.meters.values():
        if meter.hidden:
            continue
        values = [float(m[meter.id]) for m in last.values() if isinstance(m.get(meter.id), (int, float))]
        if values:
            found.append(MeterSummary(printable_line(words(scenario, meter.label)), printable_line(meter.unit),
                                      len(values), statistics.fmean(values), min(values), max(values),
                                      float(meter.start)))
    return tuple(found)
