"""The debrief walk-through, decision by decision: how the class chose, what really happened in
France (the scenario's reality items and fact cards, with their sources), then the endings and
the scenario's own discussion questions.

A reality item belongs to the first decision it is about: it cites one of the decision's fact
cards, or its condition reads a flag one of the decision's choices sets, or asks whether a scene
a choice of the decision queues was visited. Items about no decision come with the endings. Pure data, no
Textual: the screens draw these strings as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.dashboard.snapshot import ClassSnapshot, DecisionTally, words
from game.model.safe_text import is_web_url, printable_line
from game.engine.sources import source_words

DECISION, ENDINGS, DISCUSSION = "decision", "endings", "discussion"


@dataclass(frozen=True)
class FactNote:
    title: str
    text: str
    source: str           # "name, date" on one line
    url: str              # "" unless an http(s) address


@dataclass(frozen=True)
class RealityNote:
    text: str
    facts: tuple[FactNote, ...]


@dataclass(frozen=True)
class DebriefStep:
    kind: str                            # DECISION, ENDINGS or DISCUSSION
    decision: DecisionTally | None = None
    reality: tuple[RealityNote, ...] = ()
    facts: tuple[FactNote, ...] = ()     # the decision's fact cards not already under a reality item
    endings: tuple[tuple[str, int], ...] = ()
    questions: tuple[str, ...] = ()      # the scenario's discussion questions ("" none: the screen has its own)


def fact_note(scenario, fact_id: str) -> FactNote | None:
    fact = scenario.facts.get(fact_id)
    if fact is None:
        return None
    source = source_words(fact.source)
    url = fact.source.url if is_web_url(fact.source.url) else ""
    return FactNote(words(scenario, fact.title), words(scenario, fact.text), source, printable_line(url))


def _touches(scenario, scene) -> tuple[set[str], set[str]]:
    """(flags the scene's choices set, the scenes they queue for later, with the scene itself).

    Not the scenes a choice goes to next: that is usually the next decision, about something else.
    """
    flags, scenes = set(), {scene.id}
    for choice in scene.choices:
        effects = list(choice.effects) + [e for o in choice.outcomes for e in o.effects]
        flags.update(e.target for e in effects if e.op == "flag")
        scenes.update(later.scene for later in [*choice.later, *(lt for o in choice.outcomes for lt in o.later)])
    return flags, scenes


def _about(item, scene, flags: set[str], scenes: set[str]) -> bool:
    if set(item.facts) & set(scene.facts):
        return True
    condition = item.condition
    return condition is not None and bool(set(condition.names) & flags or set(condition.scenes) & scenes)


def _reality_note(scenario, item) -> RealityNote:
    notes = tuple(n for n in (fact_note(scenario, f) for f in item.facts) if n is not None)
    return RealityNote(words(scenario, item.text), notes)


def debrief_steps(snapshot: ClassSnapshot, scenario) -> list[DebriefStep]:
    """One step per decision the class met (in the order it met them), then the endings, then the
    discussion questions."""
    steps: list[DebriefStep] = []
    used: set[str] = set()
    for decision in snapshot.decisions:
        scene = scenario.scenes.get(decision.scene) if scenario is not None else None
        if scene is None:
            steps.append(DebriefStep(DECISION, decision))
            continue
        flags, scenes = _touches(scenario, scene)
        items = [item for item in scenario.reality if item.id not in used and _about(item, scene, flags, scenes)]
        used.update(item.id for item in items)
        reality = tuple(_reality_note(scenario, item) for item in items)
        cited = {n.title for note in reality for n in note.facts}
        facts = tuple(n for n in (fact_note(scenario, f) for f in scene.facts) if n is not None and n.title not in cited)
        steps.append(DebriefStep(DECISION, decision, reality, facts))
    rest = tuple(_reality_note(scenario, item) for item in (scenario.reality if scenario is not None else ())
                 if item.id not in used)
    steps.append(DebriefStep(ENDINGS, reality=rest, endings=snapshot.endings))
    questions = tuple(printable_line(words(scenario, q)) for q in scenario.classroom.discussion) \
        if scenario is not None else ()
    steps.append(DebriefStep(DISCUSSION, questions=questions))
    return steps
