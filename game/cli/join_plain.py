"""`safecity join CODE` as plain text: pseudonym, pre-quiz, the class's game, post-quiz, closing.

Everything is read from stdin, so a whole class can be scripted (and is, in the tests).
A student who stops (q, end of input, a closed window) comes back with the same
command and pseudonym on the same machine and goes on where they stopped.
"""

from __future__ import annotations

import sys

from game.classroom import flow, pseudonyms
from game.cli.quiz_plain import QuizConsole, explain, run_quiz
from game.i18n import N_, _, _f, set_language
from game.model.safe_text import printable_line

EXIT_DATA = 1

ADVICE = N_("Choose a pseudonym: not your real name. Your teacher sees only the pseudonym, and the class's "
          "results keep nothing else about you.")


def run_join(code: str, pseudonym: str | None = None, url: str | None = None, out=None, inp=None) -> int:
    from game.classroom.store import StoreError
    from game.engine import saves
    from game.paths import resolve_scenario
    from game.session import GameError, LoadFailed, load_for_play

    err = sys.stderr
    console = QuizConsole(out, inp)
    try:
        store, record = flow.open_class(code, url)
    except flow.JoinRefused as refused:
        err.write(printable_line(f"safecity join: {refused}") + "\n")
        return EXIT_DATA
    except StoreError as problem:
        err.write(printable_line(f"safecity join: {problem}") + "\n")
        err.write("safecity join: the game itself still plays on its own: safecity play\n")
        return EXIT_DATA
    scenario_path = resolve_scenario(record.scenario_path)
    try:
        scenario = load_for_play(scenario_path, record.language or None)
    except LoadFailed as failure:
        err.write(printable_line(f"safecity join: the class's scenario cannot be played here: {failure.message}") + "\n")
        store.close()
        return EXIT_DATA
    set_language(record.language or scenario.language)
    console.say(printable_line(_f("Class {name}: {title}", name=record.name, title=scenario.title)))
    try:
        joined = join_as(console, store, record, pseudonym, url)
    except StoreError as problem:
        err.write(printable_line(f"safecity join: {problem}") + "\n")
        err.write("safecity join: try again in a moment; nothing you did is lost\n")
        return EXIT_DATA
    finally:
        store.close()
    if joined is None:
        return EXIT_DATA
    path = joined.path
    if joined.resumed:
        console.say(_f("Welcome back, {name}.", name=path.pseudonym))
    else:
        console.say(_f("You are {name} in this class.", name=path.pseudonym))
    again = _f("To come back later: {command}", command=flow.come_back(joined))
    while path.phase != "done":
        if path.phase in ("pre", "post"):
            if not take_quiz(console, joined, scenario, path.phase):
                console.say(again)
                return 0
        elif path.phase == "game" and joined.record.mode == "vote":
            from game.cli.vote_plain import vote_game
            if not vote_game(console, joined, url):
                console.say(again)
                return 0
            path.advance()
        elif path.phase == "game":
            try:
                finished = play_game(console, joined, scenario_path)
            except (saves.SaveError, LoadFailed, GameError) as problem:
                err.write(printable_line(f"safecity join: {getattr(problem, 'message', problem)}") + "\n")
                return EXIT_DATA
            if not finished:
                return 0          # the player said how to come back
            path.advance()
        else:
            path.advance()
        notice = joined.recorder.notice
        if notice:
            console.say(f"({_(notice)})")
    flow.finish(joined)
    console.say()
    if joined.recorder.notice:
        console.say(f"({_(joined.recorder.notice)})")
        console.say(_f("Before you leave, run this once more: it sends them. {command}",
                       command=flow.come_back(joined)))
    else:
        console.say(_("Thank you: you have finished. You can close this window."))
    return 0


def join_as(console: QuizConsole, store, record, pseudonym: str | None, url):
    """Ask for a pseudonym until one is accepted; None if input ends first."""
    from game.classroom.student import StudentPath

    typed = pseudonym
    while True:
        if typed is None:
            here = StudentPath.started_here(record.code)
            console.say()
            console.wrap(_(ADVICE))
            if here:   # coming back on the same computer: go on as before
                suggestion = here[0]
                console.say(_f("Press Enter to go on as “{name}” (you began this class on this computer), "
                               "or type another pseudonym:", name=suggestion))
            else:
                suggestion = pseudonyms.suggest({p.pseudonym for p in store.participants(record.code)})
                console.say(_f("Press Enter to take “{suggestion}”, or type another pseudonym:",
                               suggestion=suggestion))
            typed = console.ask()
            if typed is None:
                return None
            typed = typed or suggestion
        try:
            return flow.enter(store, record, typed, url)
        except flow.JoinRefused as refused:
            console.say(printable_line(_f("Not this one: {reason}", reason=str(refused))))
            if pseudonym is not None:
                return None       # given on the command line: say why and stop
            typed = None


def take_quiz(console: QuizConsole, joined, scenario, phase: str) -> bool:
    form, items = flow.quiz_items(joined.record, scenario, joined.path, phase)
    if not items:
        flow.finish_quiz(joined, phase, form or "")
        return True
    console.say()
    console.say(_("Before you play: a short quiz.") if phase == "pre" else _("After the game: the same kind of quiz."))
    console.wrap(_("For each case, say whether it is proportionate (lawful and no more intrusive than it needs "
                   "to be), then how sure you are."))
    answered = joined.path.responses(phase)
    done = run_quiz(console, items, answered, lambda r: flow.record_answer(joined, phase, form, r))
    if not done:
        return False
    if phase == joined.path.last_quiz:
        explain(console, scenario, items, joined.path.responses(phase))
    else:
        console.say()
        console.say(_("Thank you. The answers and explanations come after the game."))
    flow.finish_quiz(joined, phase, form)
    return True


def play_game(console: QuizConsole, joined, scenario_path) -> bool:
    """Play the class's game in the plain player; True when it reached an ending."""
    from game.cli.play_plain import PlainPlayer

    session = flow.game_session(joined, scenario_path)
    try:
        console.say()
        console.say(_f("(seed {seed}: everyone in the class meets the same events; h for help)",
                       seed=session.state.seed))
        PlainPlayer(session, console.out, console.inp, again=flow.come_back(joined)).loop()
        return session.ended
    finally:
        session.close()
