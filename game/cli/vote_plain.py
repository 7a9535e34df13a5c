"""A class vote in plain text (`safecity join CODE --plain` in a class made with --vote).

The game is on the projector; this prints each decision's choices as the facilitator opens it,
takes one vote per decision (a typed number; Enter looks again), and says what the class chose.
Typing blocks, so a plain vote cannot be changed; the screens allow it.
"""

from __future__ import annotations

import time

from game.cli.plain_console import PlainConsole, small_number
from game.classroom.records import VOTE
from game.i18n import _, _f
from game.model.safe_text import printable_line

LOOK_EVERY = 1.0


def result_line(poll) -> str:
    text = next((c["text"] for c in poll.choices if c["id"] == poll.chosen), poll.chosen or "")
    how = {"tie": _(" (a tie, decided by the facilitator)"),
           "override": _(" (decided by the facilitator)")}.get(poll.how, "")
    return _f("Decision {number}: the class chose {choice}", number=poll.number, choice=printable_line(text)) + how


def vote_game(console: PlainConsole, joined, url: str | None, *, sleep=time.sleep) -> bool:
    """Vote until the facilitator's game ends (True), or the student stops: q, or input ended (False)."""
    from game.classroom.store import StoreError, open_store

    code = joined.record.code
    told = 0            # the last decision whose result was printed
    voted: set[int] = set()
    waiting_said = False
    store = None
    console.say(_("Class vote: the game is on the projector. You vote on each decision here."))
    try:
        while True:
            try:
                store = store or open_store(url)
                polls = store.polls(code)
            except StoreError as trouble:
                console.say(f"({trouble})")
                sleep(3 * LOOK_EVERY)
                continue
            for poll in polls:
                if not poll.open and not poll.is_end and poll.number > told:
                    console.say(result_line(poll))
                    told = poll.number
            current = polls[-1] if polls else None
            if current is not None and current.is_end:
                console.say(_("The game has ended: its ending is on the projector."))
                return True
            if current is None or not current.open or current.number in voted:
                if not waiting_said:
                    console.say(_("Waiting for the next decision…"))
                    waiting_said = True
                sleep(LOOK_EVERY)
                continue
            waiting_said = False
            console.say()
            console.say(_f("Decision {number}: look at the projector, then vote.", number=current.number))
            for n, choice in enumerate(current.choices, 1):
                locked = "" if choice.get("available") else " (" + _("locked") + ")"
                console.wrap(f"{n}. {printable_line(choice['text'])}{locked}", indent="  ")
            answer = console.ask(_("Your vote (a number; Enter to look again; q to stop): "))
            if answer is None or answer.lower() in ("q", "quit"):
                return False
            number = small_number(answer) if answer.isdigit() else None
            if number is None:
                continue
            if not 1 <= number <= len(current.choices) or not current.choices[number - 1].get("available"):
                console.say(_f("Type the number of an open choice, from 1 to {high}.", high=len(current.choices)))
                continue
            still = store.current_poll(code)
            if still is None or still.number != current.number or not still.open:
                console.say(_("That vote has just closed."))
                continue
            joined.recorder.record(VOTE, scene=current.scene, turn=current.turn, poll=current.number,
                                   choice=current.choices[number - 1]["id"])
            voted.add(current.number)
            console.say(_("Your vote is in. Waiting for the vote to close…"))
    finally:
        if store is not None:
            store.close()
