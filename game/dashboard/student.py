"""Where one student is, from their own events in order: the stage, the turn, the decisions that stand.

An undo takes back the student's last decision, so the class's distribution counts only
the choices that stand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.classroom.records import CHOICE, ENDING, FINISHED, QUIZ_ANSWER, QUIZ_DONE, UNDO, VOTE, Event

# Stages, in the order a student goes through them.
JOINED, PRE_QUIZ, PLAYING, GAME_OVER, POST_QUIZ, FINISHED_STAGE = "joined", "pre", "playing", "ending", "post", "finished"
STAGES = (JOINED, PRE_QUIZ, PLAYING, GAME_OVER, POST_QUIZ, FINISHED_STAGE)


@dataclass
class StudentState:
    stage: str = JOINED
    turn: int = 0
    decisions: list[tuple[str, str, int]] = field(default_factory=list)   # (scene, choice id, turn), oldest first
    ending: str = ""                                                  # the ending scene's id
    ending_title: str = ""
    quiz_done: set[str] = field(default_factory=set)                  # "pre", "post"
    quiz_answers: dict[str, int] = field(default_factory=dict)        # phase -> answers given

    def quiz_key(self) -> tuple:
        """What the student's finished quizzes hold: it changes when their scores may have."""
        return tuple(sorted((phase, self.quiz_answers.get(phase, 0)) for phase in self.quiz_done))


def follow(events: list[Event]) -> StudentState:
    """A student's state after their events (any order: they are sorted by seq here)."""
    state = StudentState()
    for event in sorted(events, key=lambda e: e.seq):
        kind, data = event.kind, event.data if isinstance(event.data, dict) else {}
        if kind == CHOICE:
            state.stage, state.turn = PLAYING, int(event.turn or 0)
            state.decisions.append((event.scene, str(data.get("choice", "")), state.turn))
        elif kind == UNDO:
            if state.decisions:
                state.decisions.pop()
            state.stage, state.turn = PLAYING, int(event.turn or 0)
            state.ending = state.ending_title = ""
        elif kind == ENDING:
            state.stage, state.turn = GAME_OVER, int(event.turn or 0)
            state.ending = str(data.get("ending", "") or event.scene)
            state.ending_title = str(data.get("title", ""))
        elif kind == QUIZ_ANSWER:
            phase = str(data.get("phase", ""))
            state.quiz_answers[phase] = state.quiz_answers.get(phase, 0) + 1
            state.stage = POST_QUIZ if data.get("phase") == "post" else PRE_QUIZ
        elif kind == QUIZ_DONE:
            phase = str(data.get("phase", ""))
            state.quiz_done.add(phase)
            if phase == "pre" and state.stage == PRE_QUIZ:
                state.stage = PLAYING          # the game starts: turn 0 until the first decision
        elif kind == VOTE:
            # A class vote: the student takes part in the class's game, at the turn of the decision voted on
            # (the votes themselves are counted from the class's polls, not as the student's decisions).
            if state.stage in (JOINED, PRE_QUIZ, PLAYING):
                state.stage, state.turn = PLAYING, max(state.turn, int(event.turn or 0))
        elif kind == FINISHED:
            state.stage = FINISHED_STAGE
    return state
