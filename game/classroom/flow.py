"""Joining a class and playing it, for every front end (the plain player and the terminal screens).

The front ends ask the student and show things; this module decides: whether a code
names an open class, whether a pseudonym may be used, whether the student is coming
back to a path started on this machine, which form they take before and after, where
their game is saved, and what is recorded at each step.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from game.classroom import codes, pseudonyms, quiz
from game.classroom.records import CHOICE, ENDING, FINISHED, JOINED, QUIZ_ANSWER, QUIZ_DONE, UNDO, ClassRecord, Participant
from game.classroom.student import StudentPath
from game.i18n import _, _f


class JoinRefused(Exception):
    """The student cannot join (as typed): the message says why and what to do."""


@dataclass
class Joined:
    record: ClassRecord
    path: StudentPath
    recorder: object            # game.classroom.outbox.Recorder
    resumed: bool


def open_class(typed_code: str, url: str | None = None):
    """(store, class record) for a code as a student typed it; raises JoinRefused or StoreError."""
    from game.classroom.store import open_store

    code = codes.normalise(typed_code)
    if code is None:
        raise JoinRefused(_f("“{code}” is not a class code: a class code has six characters from {alphabet}, "
                             "like K7M-QX4", code=str(typed_code)[:20], alphabet=codes.ALPHABET))
    store = open_store(url)
    record = store.get_class(code)
    if record is None:
        store.close()
        raise JoinRefused(_f("there is no class with the code {code}: check it with your teacher", code=code))
    return store, record


def enter(store, record: ClassRecord, typed_pseudonym: str, url: str | None = None, seat: str | None = None) -> Joined:
    """Join `record` as `typed_pseudonym`, or come back to a path started on this machine.

    `seat` (browser play, where every tab shares the server's folder) ties a path to the browser
    that began it: a classmate who types the same pseudonym elsewhere is refused, not let in."""
    from game.classroom.outbox import Recorder
    from game.classroom.store import ClassClosed, PseudonymTaken, StoreError

    why = pseudonyms.problem(typed_pseudonym)
    if why:
        raise JoinRefused(why)
    name = pseudonyms.tidy(typed_pseudonym)
    path = StudentPath.find(record.code, name)
    if path is not None and seat:
        if path.seat and path.seat != seat:
            raise JoinRefused(_f("“{name}” is being played from another browser: choose another pseudonym. "
                                 "If it is yours, ask your teacher to release it (safecity class release)",
                                 name=name))
        if not path.seat:
            path.seat = seat          # begun in a terminal on this computer: the browser takes it on
            path.store()
    resumed = path is not None
    if path is None:
        # The store draws the form order inside the join, so a whole class joining at once stays balanced.
        participant = Participant(uuid.uuid4().hex, record.code, name, "", time.time())
        try:
            participant = store.join(participant)
        except PseudonymTaken:
            raise JoinRefused(_f("the pseudonym “{name}” is already taken in this class: choose another one",
                                 name=name)) from None
        except ClassClosed:
            raise JoinRefused(_("this class is closed: no one can join it any more")) from None
        path = StudentPath(record.code, participant.id, name, participant.form_order, record.quiz,
                           seat=seat or "")
        path.start()
        path.store()
    else:
        participant = Participant(path.participant_id, record.code, path.pseudonym, path.form_order, time.time())
        try:
            store.join(participant)   # the same id again: nothing changes, or the join is finally recorded
        except (PseudonymTaken, ClassClosed):
            pass                      # already in the class under this id: coming back is always allowed
        except StoreError:
            pass                      # busy or away: the student goes on, the recorder joins again later
    recorder = Recorder(url, participant, path.outbox_path)
    if not resumed:
        recorder.record(JOINED)
    return Joined(record, path, recorder, resumed)


def quiz_items(record: ClassRecord, scenario, path: StudentPath, phase: str):
    """(form name, the items of that form) for this student in this phase."""
    form = quiz.forms_for(path.form_order, scenario).get(phase)
    return form, (scenario.quiz.get(form, ()) if form else ())


def record_answer(joined: Joined, phase: str, form: str, response: quiz.Response) -> None:
    joined.path.add_response(phase, response)
    joined.recorder.record(QUIZ_ANSWER, phase=phase, form=form, item=response.item, answer=response.answer,
                           confidence=response.confidence, correct=response.correct, ms=response.ms)


def finish_quiz(joined: Joined, phase: str, form: str) -> None:
    joined.recorder.record(QUIZ_DONE, phase=phase, form=form)
    joined.path.advance()


def game_listener(joined: Joined):
    """A Session listener that records each decision, undo and ending of the class game."""
    last = {"at": time.monotonic(), "decisions": None}

    def listen(what: str, session) -> None:
        state = session.state
        now = time.monotonic()
        ms = int((now - last["at"]) * 1000)
        last["at"] = now
        before, last["decisions"] = last["decisions"], len(state.history)
        # A decision is a step that added to the history; a Continue adds nothing and is not recorded.
        if what == "choice" and state.history and before is not None and len(state.history) > before:
            entry = state.history[-1]
            joined.recorder.record(CHOICE, scene=entry["scene"], turn=entry["turn"], choice=entry["choice"],
                                   outcome=entry["outcome"], meters=dict(state.meters), ms=ms)
        elif what == "undo":
            joined.recorder.record(UNDO, scene=state.scene, turn=state.turn)
        elif what == "ending":
            scene = session.scenario.scenes.get(state.scene)
            title = scene.ending.title if scene is not None and scene.ending is not None else ""
            joined.recorder.record(ENDING, scene=state.scene, turn=state.turn, ending=state.scene, title=title,
                                   meters=dict(state.meters), flags=dict(state.flags))

    return listen


def game_session(joined: Joined, scenario_path, *, listeners=()):
    """The class's game for this student: continued if it was started here, else a new one."""
    from game.session import Session

    record, path = joined.record, joined.path
    if path.save_path.exists():
        session = Session.resume(scenario_path, language=record.language or None, save_path=path.save_path,
                                 force=True)
    else:
        session = Session.new(scenario_path, seed=record.seed, variant=record.variant or None,
                              language=record.language or None, save_path=path.save_path)
    session.listeners.extend(listeners)
    listener = game_listener(joined)
    listener("start", session)   # counts the decisions already made (a game continued)
    session.listeners.append(listener)
    return session


def finish(joined: Joined) -> None:
    """The student reached the closing screen: recorded once, whatever happens after."""
    if not joined.path.finished:
        joined.path.phase, joined.path.finished = "done", True
        joined.path.store()
        joined.recorder.record(FINISHED)
    for wait in (0.0, 0.5, 1.0, 2.0):   # the last results: a few tries before the student leaves
        time.sleep(wait)
        if joined.recorder.flush():
            return


def come_back(joined: Joined) -> str:
    """The command that continues this student's class on this computer (and sends what is left)."""
    import shlex

    return f"safecity join {joined.record.code} --pseudonym {shlex.quote(joined.path.pseudonym)}"
