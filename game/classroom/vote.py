"""A class vote: the facilitator plays one game on the projector, the class votes on each decision.

This module decides, for every front end (the facilitator's screen, the students' screens):
which decisions are put to the vote (those with two or more open choices), how a vote is
counted (each student's latest vote; only open choices count), what a closed vote plays (the
majority; a tie or an override is the facilitator's, and recorded as such), and how the
facilitator's game, saved on their computer after every decision, and the class's polls in
the database stay in step after a crash or a restart.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.classroom.records import ClassRecord, Poll

MAJORITY, TIE, OVERRIDE, ENDED = "majority", "tie", "override", "ended"


def poll_choices(view) -> list[dict]:
    """The choices of a decision as the students' screens show them (plain text: glossary marks
    taken out, no story logic left for a front end)."""
    from game.model.text_grammar import unlink

    return [{"id": c.id, "text": unlink(c.text), "available": bool(c.available), "locked": c.locked or ""}
            for c in view.choices]


def is_decision(view) -> bool:
    """A decision the class votes on: two or more open choices (a Continue is just played)."""
    return view.ending is None and sum(1 for c in view.choices if c.available and not c.is_continue) >= 2


def count(poll: Poll, votes: dict[str, str]) -> dict[str, int]:
    """choice id -> votes, for every open choice of the poll (0 included), from each student's latest vote."""
    tally = {c["id"]: 0 for c in poll.choices if c.get("available")}
    for choice in votes.values():
        if choice in tally:
            tally[choice] += 1
    return tally


@dataclass(frozen=True)
class Outcome:
    chosen: str | None          # None: the facilitator must break a tie
    how: str                    # MAJORITY, TIE or OVERRIDE
    tied: tuple[str, ...] = ()  # the choices level at the top (a tie, or nobody voted)


def decide(tally: dict[str, int], *, override: str | None = None, tie_break: str | None = None) -> Outcome:
    """What a closed vote plays. `override`: the facilitator plays another choice (recorded as such);
    `tie_break`: the facilitator's pick among the choices level at the top."""
    if override is not None:
        if override not in tally:
            raise ValueError(f"{override!r} is not an open choice of this vote")
        return Outcome(override, OVERRIDE)
    if not tally:
        raise ValueError("a vote without open choices")
    best = max(tally.values())
    tied = tuple(choice for choice, votes in tally.items() if votes == best)
    if len(tied) == 1:
        return Outcome(tied[0], MAJORITY)
    if tie_break in tied:
        return Outcome(tie_break, TIE, tied)
    return Outcome(None, TIE, tied)


class ClassVote:
    """The facilitator's side: their game (a Session saved on their computer) and the class's polls."""

    def __init__(self, store, record: ClassRecord, session):
        self.store = store
        self.record = record
        self.session = session

    @classmethod
    def open(cls, store, record: ClassRecord):
        """The class's vote game: continued if this computer has it, else a new one with the class's seed."""
        from game.classroom.student import class_dir
        from game.paths import resolve_scenario
        from game.session import Session

        save = class_dir(record.code) / "facilitator.game.json"
        path = resolve_scenario(record.scenario_path)
        if save.exists():
            session = Session.resume(path, language=record.language or None, save_path=save, force=True)
        else:
            save.parent.mkdir(parents=True, exist_ok=True)
            session = Session.new(path, seed=record.seed, variant=record.variant or None,
                                  language=record.language or None, save_path=save)
        vote = cls(store, record, session)
        vote.catch_up()
        return vote

    # -- where the game is ------------------------------------------------------------

    @property
    def view(self):
        return self.session.view()

    def poll(self) -> Poll | None:
        """The poll of the decision on screen (opened if needed), the end marker once the game has
        ended, or None at a Continue."""
        view = self.view
        if self.session.ended:
            current = self.store.current_poll(self.record.code)
            if current is None or not current.is_end:
                current = self.store.open_poll(self.record.code, "", view.turn, [])
            return current
        if not is_decision(view):
            return None
        return self.store.open_poll(self.record.code, view.scene, view.turn, poll_choices(view))

    def catch_up(self) -> None:
        """After a crash between playing a vote's choice and closing its poll: close it as played."""
        current = self.store.current_poll(self.record.code)
        if current is None or not current.open or current.is_end:
            return
        view = self.view
        if current.scene == view.scene and current.turn == view.turn:
            return                                  # still the decision on screen: the vote goes on
        played = next((h["choice"] for h in reversed(self.session.state.history)
                       if h.get("scene") == current.scene), None)
        tally = count(current, self.store.votes(self.record.code, current.number))
        self.store.close_poll(self.record.code, current.number, played or "", MAJORITY if played else "", tally)

    # -- the vote -----------------------------------------------------------------------

    def tally(self, poll: Poll) -> tuple[dict[str, int], int]:
        """(choice id -> votes, how many students voted) of an open poll, live from the database."""
        votes = self.store.votes(self.record.code, poll.number)
        return count(poll, votes), len(votes)

    def close(self, poll: Poll, *, override: str | None = None, tie_break: str | None = None) -> Outcome:
        """Close the vote and play what it chose (the game is saved, then the poll is closed)."""
        tally, _voters = self.tally(poll)
        outcome = decide(tally, override=override, tie_break=tie_break)
        if outcome.chosen is None:
            return outcome                           # a tie: the facilitator picks, then closes again
        self.session.choose(outcome.chosen)
        self.store.close_poll(self.record.code, poll.number, outcome.chosen, outcome.how, tally)
        self.poll()                                  # the next decision opens at once
        return outcome

    def go_on(self) -> None:
        """Play a Continue (nothing to vote on)."""
        view = self.view
        choice = next((c for c in view.choices if c.available), None)
        if choice is not None and not is_decision(view):
            self.session.choose(choice.id)
            self.poll()

    def close_game(self) -> None:
        self.session.close()
