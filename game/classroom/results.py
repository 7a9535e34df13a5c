"""A class's recorded events turned into what a facilitator reads: quiz scores, before and after.

The store keeps answers as events; the scenario knows the right answers. This joins
the two and hands them to the pure scoring functions (scoring.py), so the command
line, the dashboard and the report all compute a class's results the same way.
"""

from __future__ import annotations

from game.classroom.records import QUIZ_ANSWER, Event
from game.classroom.scoring import ClassComparison, StudentScore, answer_for, compare_class, score_quiz


def quiz_scores(events: list[Event], scenario) -> dict[str, dict[str, StudentScore]]:
    """phase -> participant id -> the student's score, from their quiz answers.

    An answer to an item the scenario no longer has is left out; the last answer to an
    item counts (a student may have answered again after coming back).
    """
    answers: dict[tuple[str, str], dict[str, object]] = {}
    for event in events:
        if event.kind != QUIZ_ANSWER:
            continue
        data = event.data
        form = scenario.quiz.get(str(data.get("form", "")), ())
        item = next((i for i in form if i.id == data.get("item")), None)
        if item is None:
            continue
        try:
            answer = answer_for(item, data.get("answer"), data.get("confidence"))
        except (ValueError, TypeError):
            continue
        answers.setdefault((str(data.get("phase", "")), event.participant_id), {})[item.id] = answer
    scores: dict[str, dict[str, StudentScore]] = {}
    for (phase, participant), by_item in answers.items():
        scores.setdefault(phase, {})[participant] = score_quiz(by_item.values())
    return scores


def compare(events: list[Event], scenario, measure: str = "d_prime") -> ClassComparison:
    """The class's pre/post comparison on `measure` (discernment by default)."""
    scores = quiz_scores(events, scenario)
    return compare_class(scores.get("pre", {}), scores.get("post", {}), measure)
