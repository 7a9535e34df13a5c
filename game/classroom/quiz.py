"""The quiz as a student takes it: which form comes before and after, and what counts as right.

A `case` is judged proportionate or not, with a confidence from 1 (guessing) to 7
(certain); a knowledge `question` has options. Forms are counterbalanced across a
class: half take A before and B after, half the reverse, so a difference between
the forms does not pass for learning. Explanations are shown only after the last
quiz a student takes (showing them after the pre-quiz would teach the test).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from game.model.text_grammar import unlink
from game.i18n import _, _f
from game.model.safe_text import printable
from game.model.scenario import QuizItem, Scenario

PHASES = ("pre", "post")
ORDERS = ("AB", "BA")          # form A before and B after, or the reverse (drawn by the store at join)
CONFIDENCE = range(1, 8)


@dataclass(frozen=True)
class Response:
    item: str
    kind: str                  # "case" or "knowledge"
    answer: bool | int         # cases: True = proportionate; questions: the option's index (from 0)
    correct: bool
    confidence: int | None = None
    ms: int = 0                # time spent on the item

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Response":
        return cls(**{k: data[k] for k in ("item", "kind", "answer", "correct", "confidence", "ms") if k in data})


def form_names(scenario: Scenario) -> list[str]:
    return sorted(scenario.quiz)


def forms_for(order: str, scenario: Scenario) -> dict[str, str]:
    """phase -> form: "AB" takes the first form before and the second after; "BA" the reverse."""
    names = form_names(scenario)
    if not names:
        return {}
    first, second = names[0], names[1] if len(names) > 1 else names[0]
    return {"pre": first, "post": second} if order != "BA" else {"pre": second, "post": first}


def phases(quiz_setting: str) -> tuple[str, ...]:
    """The quiz phases a class takes, from its setting: "pre,post", "pre", "post" or "none"."""
    wanted = {p.strip() for p in (quiz_setting or "").split(",")}
    return tuple(p for p in PHASES if p in wanted)


def is_correct(item: QuizItem, answer: bool | int) -> bool:
    if item.kind == "case":
        return isinstance(answer, bool) and answer == item.proportionate
    return isinstance(answer, int) and not isinstance(answer, bool) and answer == item.answer


def respond(item: QuizItem, answer: bool | int, confidence: int | None, ms: int = 0) -> Response:
    if confidence is not None and confidence not in CONFIDENCE:
        raise ValueError("confidence goes from 1 to 7")
    if item.kind != "case" and not (isinstance(answer, int) and 0 <= answer < len(item.options)):
        raise ValueError("not one of the options")
    return Response(item.id, item.kind, answer, is_correct(item, answer), confidence, max(0, int(ms)))


def score(responses: list[Response]) -> tuple[int, int]:
    """(right, total), for the student's own summary."""
    return sum(r.correct for r in responses), len(responses)


def said(item: QuizItem, given: Response) -> str:
    """What the student answered, in words."""
    if item.kind == "case":
        return _("proportionate") if given.answer else _("not proportionate")
    if isinstance(given.answer, int) and 0 <= given.answer < len(item.options):
        return printable(unlink(item.options[given.answer]))
    return "?"


def answer_line(item: QuizItem, truth: str, given: Response | None) -> str:
    """`Answer: not proportionate. You said: proportionate ✗`: the answer and the student's, both named."""
    line = _f("Answer: {truth}", truth=truth)
    if given is not None:
        line += ". " + _f("You said: {answer}", answer=said(item, given)) + (" ✓" if given.correct else " ✗")
    return line
