"""The dashboard's data: what a class looks like from its events, read cheaply from the store."""

from __future__ import annotations

import subprocess
import sys

from game.classroom.records import UNDO
from game.dashboard.debrief import DECISION, DISCUSSION, ENDINGS, debrief_steps
from game.dashboard.feed import ClassFeed
from game.dashboard.student import FINISHED_STAGE, GAME_OVER, JOINED, PLAYING, PRE_QUIZ, follow
from tests.dashboard.scripted import Student, join, make_class


def test_the_data_layer_never_loads_textual():
    code = ("import sys\nimport game.dashboard.feed, game.dashboard.snapshot, game.dashboard.debrief, "
            "game.dashboard.qr, game.dashboard.big_text, game.cli.dashboard_cmd\n"
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == ""


def test_students_are_counted_where_they_are_and_named_only_when_asked(store, tutorial):
    record = make_class(store, tutorial)
    students = [Student(store, tutorial, join(store, record.code, i), pick=i) for i in range(5)]
    students[1].joined()
    students[1].quiz("pre")                       # done with the quiz, about to play
    students[2].joined()
    students[2].send("quiz_answer", phase="pre", form="A", item="x", answer=True, confidence=3, correct=True, ms=1)
    students[3].joined()
    students[3].quiz("pre")
    students[3].decide()
    students[3].decide()
    students[4].whole_class()
    snapshot = ClassFeed(store, record, tutorial).refresh()
    assert [s.stage for s in snapshot.students] == [JOINED, PLAYING, PRE_QUIZ, PLAYING, FINISHED_STAGE]
    assert [s.label for s in snapshot.students] == ["S01", "S02", "S03", "S04", "S05"]
    assert snapshot.joined == 5 and snapshot.started == 2 and snapshot.finished == 1
    playing = snapshot.students[3].turn
    assert playing == students[3].state.history[-1]["turn"] and playing >= 1
    assert snapshot.turn_counts() == {0: 1, playing: 1}
    named = ClassFeed(store, record, tutorial, names=True).refresh()
    assert [s.label for s in named.students][:2] == ["Heron-00", "Heron-01"]


def test_the_distribution_counts_the_choices_that_stand_after_an_undo(store, tutorial):
    record = make_class(store, tutorial)
    first, second = (Student(store, tutorial, join(store, record.code, i), pick=i) for i in range(2))
    for student in (first, second):
        student.joined()
        student.decide()
    feed = ClassFeed(store, record, tutorial)
    market = feed.poll().decisions[0]
    assert market.scene == "market" and market.total == 2
    counts = {o.id: o.count for o in market.options}
    assert counts == {"cameras": 1, "smart_cameras": 1, "patrols": 0, "study_first": 0}
    assert [o.text for o in market.options][0] == ("Install six ordinary cameras over the market, "
                                                   "with the prefect's approval")   # no [[ ]] left
    second.send(UNDO, "market", 1)                 # the second student takes it back
    counts = {o.id: o.count for o in feed.poll().decisions[0].options}
    assert counts["smart_cameras"] == 0 and counts["cameras"] == 1


def test_a_poll_reads_nothing_new_when_nothing_changed_and_only_the_new_rows_otherwise(store, tutorial):
    record = make_class(store, tutorial)
    student = Student(store, tutorial, join(store, record.code, 0))
    student.joined()
    feed = ClassFeed(store, record, tutorial)
    reads = []
    real = store.events_after

    def counting(code, row_id=0):
        rows = real(code, row_id)
        reads.append(len(rows))
        return rows

    store.events_after = counting
    assert feed.poll() is not None
    assert feed.poll() is None and feed.poll() is None
    student.decide()
    assert feed.poll().decisions[0].total == 1
    assert reads == [1, 1]                         # the whole class once, then the one new row


def test_a_row_that_commits_late_makes_the_feed_read_the_class_again(store, tutorial):
    """PostgreSQL may show a row after one with a higher id was read: the counts then disagree."""
    record = make_class(store, tutorial)
    students = [Student(store, tutorial, join(store, record.code, i), pick=i) for i in range(2)]
    for student in students:
        student.joined()
    feed = ClassFeed(store, record, tutorial)
    feed.poll()
    students[0].decide()
    students[1].decide()
    real = store.events_after
    store.events_after = lambda code, row_id=0: [r for r in real(code, row_id)
                                                 if r[1].participant_id != students[0].participant.id] \
        if row_id else real(code, row_id)          # the first student's row is "not visible yet"
    snapshot = feed.poll()
    assert feed.full_reads == 1 and snapshot.decisions[0].total == 2


def test_endings_and_the_quiz_count_only_what_is_finished(store, tutorial):
    record = make_class(store, tutorial)
    students = [Student(store, tutorial, join(store, record.code, i), pick=i) for i in range(4)]
    for student in students[:3]:
        student.whole_class()
    students[3].joined()
    students[3].quiz("pre", right=False)
    students[3].finish_game()
    students[3].send("quiz_answer", phase="post", form="B", item="b1", answer=True, confidence=7, correct=True, ms=1)
    snapshot = ClassFeed(store, record, tutorial).refresh()
    assert sum(n for _title, n in snapshot.endings) == 4
    assert snapshot.students[3].stage != GAME_OVER       # answering the post-quiz
    quiz = snapshot.quiz
    assert (quiz.pre_done, quiz.post_done) == (4, 3)
    assert quiz.discernment.paired == 3 and quiz.discernment.too_small
    assert quiz.accuracy.pre_mean == 0.0 and quiz.accuracy.post_mean == 1.0


def test_the_debrief_steps_through_each_decision_with_what_really_happened(store, tutorial):
    record = make_class(store, tutorial)
    for i in range(3):
        Student(store, tutorial, join(store, record.code, i), pick=i).whole_class()
    snapshot = ClassFeed(store, record, tutorial).refresh()
    steps = debrief_steps(snapshot, tutorial)
    kinds = [s.kind for s in steps]
    assert kinds == [DECISION] * len(snapshot.decisions) + [ENDINGS, DISCUSSION]
    market = steps[0]
    assert market.decision.scene == "market"
    texts = " ".join(n.text for n in market.reality) + " ".join(f.title for f in market.facts)
    assert "Research on street cameras is mixed" in texts
    assert all(f.source for note in market.reality for f in note.facts)
    school = next(s for s in steps if s.decision is not None and s.decision.scene == "school")
    assert any("face-scanning gates" in n.text for n in school.reality)
    assert not any("face-scanning gates" in n.text for n in market.reality)
    assert steps[-1].questions == tuple(tutorial.classroom.discussion)
    urls = [f.url for s in steps for n in s.reality for f in n.facts] + [f.url for s in steps for f in s.facts]
    assert urls and all(u.startswith("https://") or u == "" for u in urls)


def test_the_quiz_follows_within_seconds_and_equals_a_comparison_from_scratch(store, tutorial):
    from game.dashboard.snapshot import quiz_summary

    record = make_class(store, tutorial)
    students = [Student(store, tutorial, join(store, record.code, i), pick=i) for i in range(5)]
    for student in students[:3]:
        student.whole_class(right_after=student.pick != 1)
    feed = ClassFeed(store, record, tutorial, quiz_seconds=60)
    assert feed.refresh().quiz.post_done == 3
    for student in students[3:]:
        student.whole_class()
    snapshot = feed.poll()
    assert snapshot.finished == 5 and snapshot.quiz.post_done == 3    # the move at once, the quiz later
    assert not feed.quiz_due()                                        # computed less than a minute ago
    feed.quiz_seconds = 0
    assert feed.quiz_due()
    quiz = feed.update_quiz().quiz
    assert not feed.quiz_due()
    events = store.events(record.code)
    from_scratch = quiz_summary(events, {p.id: follow(
        [e for e in events if e.participant_id == p.id]) for p in store.participants(record.code)}, tutorial)
    assert quiz == from_scratch and quiz.post_done == 5
