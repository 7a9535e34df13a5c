"""What a class session stores, as plain records shared by the store, the CLI and the screens.

Nothing here names a person: a participant is a pseudonym and a random id, and events
hold what was chosen or answered, never free text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Event kinds, in the order a student meets them.
JOINED = "joined"            # data: {}
QUIZ_ANSWER = "quiz_answer"  # data: {"phase": "pre"|"post", "form": "A", "item": id, "answer": bool|int, "confidence": 1-7, "correct": bool, "ms": int}
QUIZ_DONE = "quiz_done"      # data: {"phase": "pre"|"post", "form": "A"}
CHOICE = "choice"            # data: {"choice": id, "outcome": int|None, "meters": {id: number}, "ms": int}; scene, turn set
UNDO = "undo"                # data: {}; scene, turn set (after the undo)
ENDING = "ending"            # data: {"ending": scene id, "title": text, "meters": {...}, "flags": {...}}; scene, turn set
FINISHED = "finished"        # data: {}: the student reached the closing screen
VOTE = "vote"                # data: {"poll": number, "choice": id}: a class vote (the latest one per poll counts)
KINDS = (JOINED, QUIZ_ANSWER, QUIZ_DONE, CHOICE, UNDO, ENDING, FINISHED, VOTE)

PLAY, VOTE_MODE = "play", "vote"     # a class's mode: each student plays, or the class votes


@dataclass(frozen=True)
class ClassRecord:
    code: str                 # the join code, e.g. "K7M-Q4P"
    name: str                 # what the facilitator called it, e.g. "2nde B"
    scenario: str             # the scenario's id
    scenario_path: str        # where the facilitator's copy of the scenario is (a shipped name or a folder)
    title: str                # the scenario's title, for lists
    variant: str              # "" for the full game
    language: str
    seed: int
    quiz: str                 # "pre,post", "pre", "post" or "none"
    created_at: float
    closed: bool = False
    mode: str = "play"        # "play" or "vote"


@dataclass(frozen=True)
class Poll:
    """One decision of a class vote: the facilitator's game at a choice, and what the class chose."""
    code: str
    number: int               # 1, 2, 3... in the class
    scene: str                # "" for the end of the game (no choices)
    turn: int
    choices: tuple            # ({"id", "text", "available": bool, "locked": why}, ...) as the facilitator's game shows them
    opened_at: float
    closed_at: float | None = None
    chosen: str | None = None
    how: str = ""             # "majority", "tie" (the facilitator broke it), "override", "" while open
    tally: dict = field(default_factory=dict)   # choice id -> votes, when closed

    @property
    def open(self) -> bool:
        return self.closed_at is None

    @property
    def is_end(self) -> bool:
        return not self.scene


@dataclass(frozen=True)
class Participant:
    id: str                   # random, made on the student's machine at join (hex)
    code: str                 # the class
    pseudonym: str
    form_order: str           # "AB" (form A before, B after) or "BA"
    joined_at: float


@dataclass(frozen=True)
class Event:
    participant_id: str
    seq: int                  # 1, 2, 3... per participant: (participant_id, seq) is unique
    kind: str                 # one of KINDS
    at: float                 # when it happened (seconds since the epoch)
    scene: str = ""
    turn: int = 0
    data: dict = field(default_factory=dict)
