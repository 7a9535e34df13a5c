"""The scenario as the engine sees it: frozen, validated, with a source span on each part.

Everything here is built by the loader and never changed afterwards; all that
changes during play lives in engine.state.GameState.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.model.diagnostics import Span
from game.model.record import record

NOWHERE = Span("<none>")


@record
class Condition:
    """A compiled expression (game/language/expressions.py makes them): `source` as written,
    `fn(state)` evaluates it, `kind` is what it gives ("bool" or "number"), `names` the meters and
    flags it reads, `scenes` the scenes passed to visited(), `ast` its syntax tree for the analysis
    tools, `span` where it is written in the story."""

    source: str
    fn: Any = field(compare=False, repr=False)
    names: frozenset[str] = frozenset()
    scenes: frozenset[str] = frozenset()
    ast: Any = None
    span: Span = NOWHERE
    kind: str = "bool"


@record
class Threshold:
    """Where a meter fails: at `at` or beyond, the game goes to scene `goto`."""

    at: float
    goto: str
    span: Span = NOWHERE


@record
class Meter:
    id: str
    label: str
    start: float
    min: float = 0
    max: float = 100
    unit: str = ""
    hidden: bool = False
    description: str = ""
    low: Threshold | None = None
    high: Threshold | None = None
    span: Span = NOWHERE
    good: str = "neither"   # which way is better for the player: "up", "down" or "neither" (GOOD_WAYS)


GOOD_WAYS = ("up", "down", "neither")


@record
class Flag:
    id: str
    label: str = ""       # flags with a label appear in the end-of-game ledger
    start: bool = False
    span: Span = NOWHERE


@record
class Character:
    id: str
    name: str
    role: str = ""
    colour: str = ""
    span: Span = NOWHERE


@record
class Effect:
    """One change: add `amount` to a meter, set a meter to `amount`, or set a flag."""

    target: str
    op: str               # "add", "set" (meters) or "flag"
    amount: float | bool
    span: Span = NOWHERE


@record
class Later:
    """A scene queued `turns` turns ahead, shown then if `condition` (if any) holds."""

    scene: str
    turns: int
    condition: Condition | None = None
    span: Span = NOWHERE


@record
class TextBlock:
    """A paragraph of scene text, shown when its condition holds (always, if none)."""

    text: str
    condition: Condition | None = None
    span: Span = NOWHERE


@record
class Line:
    """A character's spoken line in a scene."""

    character: str
    text: str
    condition: Condition | None = None
    span: Span = NOWHERE


@record
class Outcome:
    weight: float
    effects: tuple[Effect, ...] = ()
    goto: str | None = None
    later: tuple[Later, ...] = ()
    result: str = ""
    condition: Condition | None = None
    span: Span = NOWHERE


@record
class Choice:
    id: str
    text: str
    condition: Condition | None = None
    locked: str = ""      # shown disabled with this reason when the condition fails
    effects: tuple[Effect, ...] = ()
    goto: str | None = None
    later: tuple[Later, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    result: str = ""
    span: Span = NOWHERE


@record
class Route:
    goto: str
    condition: Condition | None = None
    span: Span = NOWHERE


@record
class Ending:
    title: str
    tone: str = ""
    span: Span = NOWHERE


@record
class Scene:
    id: str
    text: tuple[TextBlock, ...] = ()
    headline: str = ""
    turn: bool = False
    say: tuple[Line, ...] = ()
    facts: tuple[str, ...] = ()
    effects: tuple[Effect, ...] = ()
    choices: tuple[Choice, ...] = ()
    route: tuple[Route, ...] = ()
    goto: str | None = None
    ending: Ending | None = None
    tags: tuple[str, ...] = ()
    span: Span = NOWHERE

    def choice(self, choice_id: str) -> Choice | None:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        return None


@record
class Event:
    id: str
    when: Condition
    scene: str
    once: bool = True
    priority: int = 0
    span: Span = NOWHERE


@record
class Source:
    name: str
    url: str = ""
    date: str = ""


@record
class Fact:
    id: str
    title: str
    text: str
    source: Source
    span: Span = NOWHERE
    date: str = ""              # when the fact happened (YYYY, YYYY-MM or YYYY-MM-DD); "" = the source's date

    def when(self) -> tuple[int, int] | None:
        """(year, month) the fact belongs to, from `date` or else the source's date; None if neither reads."""
        return parse_month(self.date or self.source.date)


def parse_month(text: str) -> tuple[int, int] | None:
    """(year, month) of "2019", "2019-10" or "2019-10-29"; a bare year counts as its January."""
    parts = str(text).strip().split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None
    month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12 else 1
    return int(parts[0]), month


@record
class GlossaryEntry:
    id: str
    term: str
    text: str
    span: Span = NOWHERE
    aliases: tuple[str, ...] = ()          # other names, shown ("Also: ..."), in the language played
    other_names: tuple[str, ...] = ()      # names in the story's own language, for [[links]] only (not shown)


@record
class RealityItem:
    id: str
    text: str
    condition: Condition | None = None
    facts: tuple[str, ...] = ()
    span: Span = NOWHERE


@record
class Calendar:
    start_year: int
    start_month: int
    months_per_turn: int = 6


@record
class Variant:
    """A named way to start: another start scene and/or other starting values."""

    id: str
    label: str
    description: str = ""
    start: str | None = None
    effects: tuple[Effect, ...] = ()
    span: Span = NOWHERE


@record
class Classroom:
    minutes: int = 0
    level: str = ""
    warning: str = ""           # a content warning, shown on the title screen before play
    objectives: tuple[str, ...] = ()
    discussion: tuple[str, ...] = ()


@record
class QuizItem:
    """A short case to judge (lawful and proportionate or not) or a knowledge question."""

    id: str
    kind: str                   # "case" or "knowledge"
    text: str
    proportionate: bool | None = None   # cases
    options: tuple[str, ...] = ()       # knowledge questions
    answer: int | None = None           # index into options
    explain: str = ""
    facts: tuple[str, ...] = ()
    span: Span = NOWHERE


@dataclass(frozen=True, eq=False)
class Scenario:
    """A whole story. Compared and hashed by identity: each load is its own."""

    id: str
    title: str
    language: str
    start: str
    meters: dict[str, Meter]
    flags: dict[str, Flag]
    characters: dict[str, Character]
    scenes: dict[str, Scene]
    events: tuple[Event, ...] = ()
    facts: dict[str, Fact] = field(default_factory=dict)
    glossary: dict[str, GlossaryEntry] = field(default_factory=dict)
    reality: tuple[RealityItem, ...] = ()
    variants: dict[str, Variant] = field(default_factory=dict)
    quiz: dict[str, tuple[QuizItem, ...]] = field(default_factory=dict)
    calendar: Calendar | None = None
    classroom: Classroom = Classroom()
    description: str = ""
    authors: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()     # translations available besides `language`
    fingerprint: str = ""               # hash of every file's bytes, for saves
    root: str = ""                      # the folder it was loaded from
    lint: dict = field(default_factory=dict)  # code -> "error" | "warning" | "info" | "off", for check
    # The glossary by every name of every entry (id, term, aliases; any case): built on first use,
    # once per loaded scenario (a translated copy gets its own).
    _terms: dict = field(default_factory=dict, compare=False, repr=False)

    def term(self, name: str) -> GlossaryEntry | None:
        """The glossary entry called `name` by its id, term or an alias (any case), or None."""
        if not self._terms and self.glossary:
            for key, entry in self.glossary.items():
                for called in (key, entry.term, *entry.aliases, *entry.other_names):
                    self._terms.setdefault(called.strip().casefold(), entry)
        return self._terms.get(name.strip().casefold()) if name else None
