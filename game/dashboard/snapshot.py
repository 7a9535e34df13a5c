"""A class at one moment, as the dashboard shows it: who joined, where each student is, how the
class chose at each decision, the endings, and the quiz before and after.

Pure functions of the class's records and the scenario; no Textual, no database (feed.py reads
the store). Writer and student text is kept as plain strings, never markup, stripped of control
characters; the screens draw it as it is.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from game.classroom.records import QUIZ_ANSWER, ClassRecord, Event, Participant
from game.classroom.scoring import ClassComparison
from game.dashboard.student import FINISHED_STAGE, GAME_OVER, JOINED, PLAYING, POST_QUIZ, STAGES, StudentState
from game.engine.text import substitute
from game.model.text_grammar import unlink
from game.model.safe_text import one_line, printable_line, shorten

HEADING_LIMIT = 70   # a decision without a headline is named by the start of its text


@dataclass(frozen=True)
class StudentRow:
    label: str        # "S01" (join order), or the pseudonym when the facilitator asked for names
    stage: str        # one of student.STAGES
    turn: int


@dataclass(frozen=True)
class OptionCount:
    id: str
    text: str         # the choice as the students read it (plain text)
    count: int


@dataclass(frozen=True)
class DecisionTally:
    scene: str
    heading: str      # the scene's headline (plain text)
    turn: int         # the earliest turn at which a student of the class met it
    options: tuple[OptionCount, ...]

    @property
    def total(self) -> int:
        return sum(o.count for o in self.options)


@dataclass(frozen=True)
class QuizSummary:
    pre_done: int                       # students who finished the quiz before playing
    post_done: int
    discernment: ClassComparison        # d' before and after (the class-sessions scoring)
    accuracy: ClassComparison           # share of right answers


@dataclass(frozen=True)
class ClassSnapshot:
    code: str
    name: str
    title: str
    quiz_setting: str                   # "pre,post", "pre", "post" or "none"
    closed: bool
    students: tuple[StudentRow, ...]
    decisions: tuple[DecisionTally, ...]
    endings: tuple[tuple[str, int], ...]  # (ending title, students), most frequent first
    quiz: QuizSummary | None

    @property
    def joined(self) -> int:
        return len(self.students)

    def at(self, stage: str) -> int:
        return sum(1 for s in self.students if s.stage == stage)

    @property
    def started(self) -> int:
        """Students who made at least one decision (or are further on)."""
        return sum(1 for s in self.students if s.stage in (GAME_OVER, POST_QUIZ, FINISHED_STAGE)
                   or (s.stage == PLAYING and s.turn > 0))

    @property
    def finished(self) -> int:
        return self.at(FINISHED_STAGE)

    def stage_counts(self) -> dict[str, int]:
        counts = Counter(s.stage for s in self.students)
        return {stage: counts.get(stage, 0) for stage in STAGES}

    def turn_counts(self) -> dict[int, int]:
        """Students playing, by the turn they are at (turn 0: about to make their first decision)."""
        return dict(sorted(Counter(s.turn for s in self.students if s.stage == PLAYING).items()))


def student_labels(participants: Iterable[Participant], names: bool) -> dict[str, str]:
    """participant id -> what the screen calls them: S01, S02... in join order, or their pseudonym."""
    return {p.id: printable_line(p.pseudonym) if names else f"S{n:02d}" for n, p in enumerate(participants, 1)}


def scene_heading(scenario, scene_id: str) -> str:
    scene = scenario.scenes.get(scene_id) if scenario is not None else None
    if scene is None:
        return printable_line(scene_id)
    if scene.headline:
        return printable_line(words(scenario, scene.headline))
    for block in scene.text:
        first = words(scenario, block.text)
        if first:
            return shorten(first, HEADING_LIMIT)
    return printable_line(scene_id)


@functools.lru_cache(maxsize=4096)
def words(scenario, text: str) -> str:
    """Writer text on one plain line: {meter} as it stood at the start, [[term]] without brackets.

    Kept: every refresh names the same choices and endings (a scenario is hashed by identity)."""
    meters = {m.id: m.start for m in scenario.meters.values()}
    flags = {f.id: f.start for f in scenario.flags.values()}
    return printable_line(one_line(unlink(substitute(text, meters, flags))))


def tally_decisions(states: Iterable[StudentState], scenario) -> tuple[DecisionTally, ...]:
    """Each decision at least one student made, with every option of it and how many chose it."""
    counts: dict[str, Counter] = defaultdict(Counter)
    first_turn: dict[str, int] = {}
    for state in states:
        for scene, choice, turn in state.decisions:
            counts[scene][choice] += 1
            first_turn[scene] = min(first_turn.get(scene, turn), turn)
    order = {scene_id: n for n, scene_id in enumerate(scenario.scenes)} if scenario is not None else {}
    tallies = []
    for scene_id, chosen in counts.items():
        scene = scenario.scenes.get(scene_id) if scenario is not None else None
        options = []
        if scene is not None:
            options = [OptionCount(c.id, words(scenario, c.text), chosen.get(c.id, 0)) for c in scene.choices]
        known = {o.id for o in options}
        options += [OptionCount(cid, printable_line(cid), n) for cid, n in sorted(chosen.items()) if cid not in known]
        tallies.append(DecisionTally(scene_id, scene_heading(scenario, scene_id), first_turn[scene_id], tuple(options)))
    tallies.sort(key=lambda t: (t.turn, order.get(t.scene, len(order)), t.scene))
    return tuple(tallies)


def tally_polls(polls, scenario) -> tuple[DecisionTally, ...]:
    """A class vote's decisions: each closed vote's count, as the class decided it."""
    tallies = []
    for poll in polls:
        if poll.open or poll.is_end:
            continue
        options = tuple(OptionCount(c["id"], printable_line(c.get("text", "")), int(poll.tally.get(c["id"], 0)))
                        for c in poll.choices if c.get("available"))
        tallies.append(DecisionTally(poll.scene, scene_heading(scenario, poll.scene), poll.turn, options))
    return tuple(tallies)


def tally_endings(states: Iterable[StudentState], scenario) -> tuple[tuple[str, int], ...]:
    found = Counter()
    for state in states:
        if not state.ending:
            continue
        scene = scenario.scenes.get(state.ending) if scenario is not None else None
        title = scene.ending.title if scene is not None and scene.ending is not None else state.ending_title
        found[printable_line(words(scenario, title) if scenario is not None else title) or
              printable_line(state.ending)] += 1
    return tuple(sorted(found.items(), key=lambda item: (-item[1], item[0])))


def student_quiz_scores(events: Iterable[Event], state: StudentState, scenario) -> dict:
    """phase -> the student's score, for each quiz the student finished (a quiz half done does not
    count yet)."""
    from game.classroom.results import quiz_scores

    answers = [e for e in events if e.kind == QUIZ_ANSWER and e.data.get("phase") in state.quiz_done]
    return {phase: by_student[pid] for phase, by_student in quiz_scores(answers, scenario).items()
            for pid in by_student}


def summarize_quiz(scores: Mapping[str, dict]) -> QuizSummary:
    """The class's comparison from each student's scores (participant id -> phase -> score)."""
    from game.classroom.scoring import compare_class

    pre = {pid: s["pre"] for pid, s in scores.items() if "pre" in s}
    post = {pid: s["post"] for pid, s in scores.items() if "post" in s}
    return QuizSummary(pre_done=len(pre), post_done=len(post), discernment=compare_class(pre, post, "d_prime"),
                       accuracy=compare_class(pre, post, "accuracy"))


def quiz_summary(events: Iterable[Event], states: Mapping[str, StudentState], scenario) -> QuizSummary | None:
    """Pre/post scores of the students who finished each quiz, from scratch."""
    if scenario is None or not scenario.quiz:
        return None
    by_student: dict[str, list[Event]] = {}
    for event in events:
        by_student.setdefault(event.participant_id, []).append(event)
    return summarize_quiz({pid: student_quiz_scores(by_student.get(pid, ()), state, scenario)
                           for pid, state in states.items()})


def build_snapshot(record: ClassRecord, participants: list[Participant], states: Mapping[str, StudentState],
                   scenario, quiz: QuizSummary | None, *, names: bool = False, closed: bool | None = None
                   ) -> ClassSnapshot:
    labels = student_labels(participants, names)
    rows = []
    for participant in participants:
        state = states.get(participant.id) or StudentState()
        rows.append(StudentRow(labels[participant.id], state.stage if participant.id in states else JOINED,
                               state.turn))
    kept = [states[p.id] for p in participants if p.id in states]
    return ClassSnapshot(
        code=record.code, name=printable_line(record.name), title=printable_line(record.title),
        quiz_setting=record.quiz, closed=record.closed if closed is None else closed, students=tuple(rows),
        decisions=tally_decisions(kept, scenario), endings=tally_endings(kept, scenario), quiz=quiz)
