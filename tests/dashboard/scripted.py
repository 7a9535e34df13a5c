"""Scripted classes for the dashboard's tests and benchmark: students whose events are written
straight into a class store, as the students' own processes would write them."""

from __future__ import annotations

import time

from game.classroom.records import (CHOICE, ENDING, FINISHED, JOINED, QUIZ_ANSWER, QUIZ_DONE, ClassRecord, Event,
                                    Participant)
from game.engine.runtime import choose, start
from game.engine.view import view

SEED = 7
CODE = "K7M-QX4"


def make_class(store, scenario, code: str = CODE, quiz: str = "pre,post", name: str = "2nde B",
               path: str = "tutorial", mode: str = "play") -> ClassRecord:
    record = ClassRecord(code, name, scenario.id, path, scenario.title, "", "en", SEED, quiz, time.time(), mode=mode)
    store.create_class(record)
    return record


def join(store, code: str, index: int) -> Participant:
    participant = Participant(f"{index:04d}" + "ab" * 14, code, f"Heron-{index:02d}", "AB" if index % 2 else "BA",
                              time.time() + index / 1000)
    return store.join(participant)


class Student:
    """One student's path: the events they send, one step at a time."""

    def __init__(self, store, scenario, participant: Participant, pick: int = 0, variant: str | None = None,
                 buffer: list | None = None):
        self.store, self.scenario, self.participant, self.pick = store, scenario, participant, pick
        self.seq = 0
        self.state = start(scenario, SEED, variant)
        self.buffer = buffer          # a list: events are kept there instead of sent (to send many at once)

    def send(self, kind: str, scene: str = "", turn: int = 0, **data) -> None:
        self.seq += 1
        event = Event(self.participant.id, self.seq, kind, time.time(), scene, turn, data)
        if self.buffer is not None:
            self.buffer.append(event)
        else:
            self.store.record([event])

    def joined(self) -> None:
        self.send(JOINED)

    def quiz(self, phase: str, right: bool = True) -> None:
        form = "A" if (self.participant.form_order == "AB") == (phase == "pre") else "B"
        for item in self.scenario.quiz[form]:
            truth = item.proportionate if item.kind == "case" else item.answer
            answer = truth if right else (not truth if item.kind == "case" else (truth + 1) % len(item.options))
            self.send(QUIZ_ANSWER, phase=phase, form=form, item=item.id, answer=answer,
                      confidence=5 if item.kind == "case" else None, correct=right, ms=1000)
        self.send(QUIZ_DONE, phase=phase, form=form)

    def decide(self) -> bool:
        """Play on to the next decision and make it (the `pick`-th open choice); False at the end."""
        while not self.state.ended:
            choices = view(self.scenario, self.state).choices
            open_ = [c for c in choices if c.available]
            choice = open_[self.pick % len(open_)]
            before = len(self.state.history)
            self.state = choose(self.scenario, self.state, choice.id)
            if len(self.state.history) > before:
                entry = self.state.history[-1]
                self.send(CHOICE, entry["scene"], entry["turn"], choice=entry["choice"], outcome=entry["outcome"],
                          meters=dict(self.state.meters), ms=900)
                return True
        return False

    def finish_game(self) -> None:
        while self.decide():
            pass
        scene = self.scenario.scenes[self.state.scene]
        self.send(ENDING, self.state.scene, self.state.turn, ending=self.state.scene, title=scene.ending.title,
                  meters=dict(self.state.meters), flags=dict(self.state.flags))

    def whole_class(self, right_after: bool = True) -> None:
        self.joined()
        self.quiz("pre", right=False)
        self.finish_game()
        self.quiz("post", right=right_after)
        self.send(FINISHED)
