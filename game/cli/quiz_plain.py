"""The quiz as plain lines of text: one case or question at a time, numbers typed on stdin.

Used by `safecity join` (before and after the game) and `safecity quiz` (practice alone).
Only ASCII digits count as answers; `q` stops (what was answered is kept).
"""

from __future__ import annotations

import time

from game.classroom.quiz import Response, respond, score
from game.model.text_grammar import unlink
from game.i18n import _, _f
from game.cli.plain_console import PlainConsole
from game.classroom.quiz import answer_line
from game.engine.sources import source_words


class QuizConsole(PlainConsole):
    """The plain console, as the quiz and the class's steps use it."""


def ask_item(console: QuizConsole, item, number: int, total: int) -> Response | str | None:
    """Ask one item; a Response, "q", or None when input ended."""
    started = time.monotonic()
    console.say()
    console.say(_f("Case {n} of {total}", n=number, total=total) if item.kind == "case"
                else _f("Question {n} of {total}", n=number, total=total))
    console.wrap(unlink(item.text), "  ")
    if item.kind == "case":
        console.say(_("Is this proportionate?  1 = yes, proportionate   2 = no, not proportionate"))
        picked = console.number(1, 2)
        if not isinstance(picked, int):
            return picked
        console.say(_("How sure are you?  1 = guessing ... 7 = certain"))
        sure = console.number(1, 7)
        if not isinstance(sure, int):
            return sure
        return respond(item, picked == 1, sure, int((time.monotonic() - started) * 1000))
    for index, option in enumerate(item.options, 1):
        console.wrap(f"{index}. {unlink(option)}", "  ")
    picked = console.number(1, len(item.options))
    if not isinstance(picked, int):
        return picked
    return respond(item, picked - 1, None, int((time.monotonic() - started) * 1000))


def run_quiz(console: QuizConsole, items, answered: list[Response], on_response) -> bool:
    """Ask every item not answered yet; True when the whole form is answered."""
    done = {r.item for r in answered}
    total = len(items)
    for number, item in enumerate(items, 1):
        if item.id in done:
            continue
        response = ask_item(console, item, number, total)
        if not isinstance(response, Response):
            return False
        on_response(response)
    return True


def explain(console: QuizConsole, scenario, items, responses: list[Response]) -> None:
    """Each item with the right answer, the student's, why, and the sources."""
    by_item = {r.item: r for r in responses}
    right, total = score(responses)
    console.say()
    console.say(_f("Your score: {right} of {total}", right=right, total=total))
    for number, item in enumerate(items, 1):
        given = by_item.get(item.id)
        console.say()
        console.wrap(f"{number}. {unlink(item.text)}")
        if item.kind == "case":
            truth = _("proportionate") if item.proportionate else _("not proportionate")
        else:
            truth = unlink(item.options[item.answer]) if item.answer is not None else ""
        console.wrap(answer_line(item, truth, given), "  ")
        if item.explain:
            console.wrap(unlink(item.explain), "  ")
        for fact_id in item.facts:
            fact = scenario.facts.get(fact_id)
            if fact is not None:
                source = source_words(fact.source, with_url=True)
                cited = f"{fact.title} ({source})"
                console.wrap(_f("Source: {source}", source=cited), "    ")
