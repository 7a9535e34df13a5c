"""The lesson guide: `safecity guide [SCENARIO] -o guide.html`, a printable plan for the lesson.

Built from the scenario's `classroom` data (level, minutes, objectives, discussion questions),
the 55-minute plan, the quiz forms as sheets to print (with the answer key on pages of its
own), the glossary as a handout, and the commands that run the lesson.
"""

from __future__ import annotations

import time

from game.dashboard.snapshot import words as scenario_words
from game.engine.view import discussion
from game.i18n import DEBRIEF_QUESTIONS, _, _f
from game.model.safe_text import printable_line
from game.report.render import common_words, day, render


def plan(minutes: int) -> list[tuple[str, str]]:
    """(minutes, step) of the lesson: the 55-minute plan, with the game's own length in its middle."""
    play = max(10, min(30, minutes or 25))
    end_play = 8 + play
    return [
        ("0-5", _("Students join with the class code and take the quiz before playing (form A or B).")),
        ("5-8", _("Briefing: the role of mayor, the meters, what to look for.")),
        (f"8-{end_play}", _("They play one municipal term: everyone meets the same events (one seed for the "
                            "class). Follow them on the dashboard.")),
        (f"{end_play}-50", _("Debrief on the projector: how the class chose at each decision, then what really "
                             "happened in France, then the discussion questions.")),
        ("50-55", _("The quiz after playing (the other form), then the explanations.")),
    ]


def quiz_sheets(scenario) -> list[dict]:
    sheets = []
    for form, items in sorted(scenario.quiz.items()):
        rows = []
        for item in items:
            text = scenario_words(scenario, item.text)
            if item.kind == "case":
                answer = _("proportionate") if item.proportionate else _("not proportionate")
                options = []
            else:
                options = [scenario_words(scenario, o) for o in item.options]
                answer = options[item.answer] if item.answer is not None and item.answer < len(options) else ""
            rows.append({"kind": item.kind, "text": text, "options": options, "answer": answer,
                         "explain": scenario_words(scenario, item.explain) if item.explain else ""})
        sheets.append({"form": printable_line(form), "items": rows})
    return sheets


def words(scenario) -> dict[str, str]:
    return {
        **common_words(),
        "title": _f("Lesson guide: {title}", title=printable_line(scenario.title)),
        "overview": _("The lesson at a glance"),
        "level": _("Level"),
        "length": _("Length of the game"),
        "minutes": _("minutes"),
        "objectives": _("Learning objectives"),
        "plan": _("A lesson of 55 minutes"),
        "when": _("Minutes"),
        "step": _("Step"),
        "express": _("Shorter slot: the express variant (`--variant express`) plays in about 15 minutes."),
        "run": _("Running the lesson"),
        "before": _("Before the lesson, on your computer"),
        "open_class": _("Open the class (it prints the join code):"),
        "browser": _("Students play in a browser, with nothing to install (they open the address it prints, "
                     "or scan its QR code):"),
        "terminal": _("Or, on computers with Safe City, in a terminal:"),
        "dashboard": _("On the projector, the class live, then the debrief walk-through (keys: a, l, d):"),
        "vote": _("Or play one game together: you play on the projector and the class votes on each decision:"),
        "after": _("After the lesson: the report, then delete the class's data:"),
        "privacy": _("Students choose a pseudonym, never their name; the class's results keep nothing else "
                     "about them."),
        "debrief": _("Questions for the discussion"),
        "quiz_title": _("Quiz"),
        "form": _("Form"),
        "pseudonym_line": _("Pseudonym (not your name):"),
        "case_help": _("For each case: is this use lawful and proportionate? Tick one box, then circle how "
                       "sure you are, from 1 (guessing) to 7 (certain)."),
        "yes": _("Proportionate"),
        "no": _("Not proportionate"),
        "sure": _("How sure?"),
        "key": _("Answer key"),
        "key_note": _("For the teacher: keep these pages apart from the sheets."),
        "answer": _("Answer"),
        "glossary": _("Glossary"),
        "glossary_note": _("A handout: the words of the game."),
    }


def render_guide(scenario, code: str = "K7M-QX4") -> str:
    classroom = scenario.classroom
    objectives = [scenario_words(scenario, o) for o in classroom.objectives]
    questions = discussion(scenario) or [_(q) for q in DEBRIEF_QUESTIONS]
    glossary = sorted(((scenario_words(scenario, g.term), scenario_words(scenario, g.text))
                       for g in scenario.glossary.values()), key=lambda pair: pair[0].casefold())
    return render("guide.html.j2", w=words(scenario), scenario_title=printable_line(scenario.title),
                  level=printable_line(classroom.level), minutes=classroom.minutes, objectives=objectives,
                  plan=plan(classroom.minutes), questions=questions, sheets=quiz_sheets(scenario),
                  glossary=glossary, code=code, has_express="express" in scenario.variants,
                  made=day(time.time()))
