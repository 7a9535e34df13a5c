"""`safecity quiz`: practise a scenario's quiz alone, then see the score with explanations and sources."""

from __future__ import annotations

import sys

from game.cli.quiz_plain import QuizConsole, explain, run_quiz
from game.i18n import _, _f, set_language
from game.model.safe_text import printable_line

EXIT_DATA, EXIT_USAGE = 1, 2


def practice_items(scenario_name: str | None, form: str | None, language: str | None):
    """(scenario path, form) to practise, or an exit code after saying why on stderr."""
    from game.classroom.quiz import form_names
    from game.paths import resolve_scenario
    from game.session import LoadFailed, load_for_play

    path = resolve_scenario(scenario_name)
    if path is None:
        sys.stderr.write("safecity quiz: no scenario found; give the path of a scenario folder\n")
        return EXIT_USAGE
    try:
        scenario = load_for_play(path, language)
    except LoadFailed as failure:
        for d in failure.diagnostics[:10]:
            sys.stderr.write(d.format() + "\n")
        sys.stderr.write(printable_line(f"safecity quiz: {failure.message}") + "\n")
        return EXIT_USAGE if failure.usage else EXIT_DATA
    forms = form_names(scenario)
    if not forms:
        sys.stderr.write(printable_line(f"safecity quiz: {scenario.title} has no quiz") + "\n")
        return EXIT_DATA
    chosen = form.strip().upper() if form else forms[0]
    if chosen not in scenario.quiz:
        sys.stderr.write(printable_line(f"safecity quiz: no form {chosen!r} (forms: {', '.join(forms)})") + "\n")
        return EXIT_USAGE
    return path, chosen


def run_quiz_cmd(scenario_name: str | None, form: str | None, language: str | None, out=None, inp=None) -> int:
    from game.session import load_for_play

    found = practice_items(scenario_name, form, language)
    if isinstance(found, int):
        return found
    path, chosen = found
    scenario = load_for_play(path, language)
    set_language(language or scenario.language)
    console = QuizConsole(out, inp)
    items = scenario.quiz[chosen]
    console.say(printable_line(_f("{title}: quiz, form {form}", title=scenario.title, form=chosen)))
    console.wrap(_("For each case, say whether it is proportionate (lawful and no more intrusive than it needs "
                   "to be), then how sure you are."))
    responses = []
    if not run_quiz(console, items, [], responses.append):
        return 0
    explain(console, scenario, items, responses)
    return 0
