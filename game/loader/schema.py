"""The format, declared once: field names, types, what is required, what each means.

The checker (conform.py) walks story files with these declarations, and the JSON
Schema that editors use is generated from them, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ID_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
SLUG_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
# An absolute http(s) address with a host and no spaces or controls (for editors; the loader
# checks with game.model.safe_text.is_web_url, which this pattern follows).
URL_PATTERN = re.compile(r"[hH][tT][tT][pP][sS]?://[^\s/?#\-\x00-\x1f\x7f-\x9f][^\s\x00-\x1f\x7f-\x9f]*\Z")
EFFECT_TEXT = re.compile(r"\s*([=+-])\s*(-?[0-9]+(?:\.[0-9]+)?)\s*\Z")


class Type:
    """A kind of value in the format; each has a `name` for messages."""


@dataclass(frozen=True)
class Scalar(Type):
    name: str            # what a writer is told: "text", "a number", ...
    kinds: tuple         # accepted Python types
    pattern: re.Pattern | None = None
    pattern_hint: str = ""
    minimum: float | None = None


TEXT = Scalar("text", (str,))
ID = Scalar("an id", (str,), ID_PATTERN, "ids use letters, digits and '_' and do not start with a digit")
SLUG = Scalar("an id", (str,), SLUG_PATTERN, "use letters, digits, '-', '_' or '.'")
URL = Scalar("a web address", (str,), URL_PATTERN,
             "write the full address of a web page, starting with https:// (or http://)")
EXPR = Scalar("a condition", (str, bool))
INT = Scalar("a whole number", (int,))
POSITIVE_INT = Scalar("a whole number", (int,), minimum=1)
COUNT = Scalar("a whole number", (int,), minimum=0)
NUMBER = Scalar("a number", (int, float))
WEIGHT = Scalar("a number", (int, float), minimum=0)
BOOL = Scalar("true or false", (bool,))
GOOD = Scalar("up, down or neither", (str,), re.compile(r"(up|down|neither)\Z"),
              "write `good: up` (higher is better), `good: down` or `good: neither`")
MONTH = Scalar("a month like 2018-06", (str,), re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])\Z"), "write the year and month: 2018-06")
EFFECT_VALUE = Scalar("a number, \"=N\" or true/false", (int, float, bool, str), EFFECT_TEXT,
                      "write +5 or -5 to add, \"=40\" to set a meter, true or false for a flag")


@dataclass(frozen=True)
class ListOf(Type):
    item: Type
    name: str = "a list"
    # A single item is accepted where a list is expected ("later: {...}").
    single_ok: bool = False


@dataclass(frozen=True)
class MapOf(Type):
    value: Type
    key: Scalar = ID
    name: str = "a mapping"


@dataclass(frozen=True)
class Field:
    type: Type
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Obj(Type):
    name: str
    fields: dict = field(default_factory=dict)
    doc: str = ""
    # A plain scalar is accepted as shorthand for this one field ("flag: Label").
    shorthand: str | None = None


@dataclass(frozen=True)
class Either(Type):
    """Text, or a list of conditional text blocks."""

    options: tuple
    name: str = "value"


def F(type_: Type, doc: str = "", required: bool = False) -> Field:
    return Field(type_, required, doc)


EFFECTS = MapOf(EFFECT_VALUE, name="effects")

LATER = Obj("later", {
    "scene": F(ID, "the scene to show later", True),
    "turns": F(COUNT, "how many turns from now", True),
    "if": F(EXPR, "shown only if this still holds when it is due"),
}, "a scene queued some turns ahead: a delayed consequence")

TEXT_BLOCK = Obj("text block", {
    "text": F(TEXT, "Markdown text", True),
    "if": F(EXPR, "shown only when this holds"),
})

SCENE_TEXT = Either((TEXT, ListOf(TEXT_BLOCK)), "text")

LINE = Obj("line", {
    "who": F(ID, "the character who speaks", True),
    "text": F(TEXT, "what they say", True),
    "if": F(EXPR, "said only when this holds"),
}, "a spoken line; `- chief: text` is the short form")



class SayLine(Type):
    """`- chief: text` (short form) or `- {who: chief, text: ..., if: ...}`."""

    name = "a spoken line"
    full = LINE


SAY_LINE = SayLine()

OUTCOME = Obj("outcome", {
    "weight": F(WEIGHT, "relative chance (default 1)"),
    "if": F(EXPR, "possible only when this holds"),
    "effects": F(EFFECTS, "changes to meters and flags"),
    "goto": F(ID, "the scene that follows"),
    "later": F(ListOf(LATER, single_ok=True), "scenes queued for later"),
    "result": F(TEXT, "what the player is told happened"),
})

CHOICE = Obj("choice", {
    "id": F(ID, "unique within the scene; used by saves, replays and translations", True),
    "text": F(TEXT, "what the player reads", True),
    "if": F(EXPR, "hidden (or locked) unless this holds"),
    "locked": F(TEXT, "with `if`: show the choice disabled with this reason instead of hiding it"),
    "effects": F(EFFECTS, "changes to meters and flags"),
    "goto": F(ID, "the scene that follows"),
    "later": F(ListOf(LATER, single_ok=True), "scenes queued for later"),
    "outcomes": F(ListOf(OUTCOME), "weighted random results"),
    "result": F(TEXT, "what the player is told happened"),
})

ROUTE = Obj("route", {
    "if": F(EXPR, "taken when this holds; the first that holds wins"),
    "goto": F(ID, "the scene to go to", True),
})

ENDING = Obj("ending", {
    "title": F(TEXT, "the ending's name", True),
    "tone": F(TEXT, "a word for its mood: bright, mixed, dark..."),
})

SCENE = Obj("scene", {
    "text": F(SCENE_TEXT, "Markdown; {meter} inserts a value; [[term]] links the glossary"),
    "headline": F(TEXT, "the local newspaper's headline"),
    "turn": F(BOOL, "entering this scene starts a new turn"),
    "say": F(ListOf(SAY_LINE), "lines spoken by characters"),
    "facts": F(ListOf(ID), "fact cards to learn more"),
    "effects": F(EFFECTS, "changes applied on entering"),
    "choices": F(ListOf(CHOICE), "what the player may do"),
    "route": F(ListOf(ROUTE), "move on automatically to the first route whose condition holds"),
    "goto": F(ID, "a single 'Continue' to this scene"),
    "ending": F(ENDING, "this scene ends the game"),
    "tags": F(ListOf(TEXT), "free labels for writers and tools"),
})

THRESHOLD = Obj("threshold", {
    "at": F(NUMBER, "the value that triggers it (default: the meter's min or max)"),
    "goto": F(ID, "the scene (usually an ending) the game goes to", True),
})

METER = Obj("meter", {
    "label": F(TEXT, "the name players read", True),
    "start": F(NUMBER, "the value at the start", True),
    "min": F(NUMBER, "lowest value (default 0)"),
    "max": F(NUMBER, "highest value (default 100)"),
    "unit": F(TEXT, "shown after the value"),
    "hidden": F(BOOL, "not shown to the player"),
    "description": F(TEXT, "what it measures"),
    "low": F(THRESHOLD, "falling to `at` or below ends in `goto`"),
    "high": F(THRESHOLD, "rising to `at` or above ends in `goto`"),
    "good": F(GOOD, "which way is better for the player: up, down or neither (the default)"),
})

FLAG = Obj("flag", {
    "label": F(TEXT, "what the ledger says when it is set"),
    "start": F(BOOL, "the value at the start (default false)"),
    "description": F(TEXT, "a note for writers"),
}, shorthand="label")

CHARACTER = Obj("character", {
    "name": F(TEXT, "their name", True),
    "role": F(TEXT, "who they are"),
    "colour": F(TEXT, "a colour name for the player's display"),
})

SOURCE = Obj("source", {
    "name": F(TEXT, "publisher or author", True),
    "url": F(URL, "where to read it: an absolute https:// (or http://) address"),
    "date": F(TEXT, "when it was published, e.g. 2019-10-29"),
})

FACT = Obj("fact", {
    "title": F(TEXT, "a short title", True),
    "text": F(TEXT, "the fact, in your own words", True),
    "source": F(SOURCE, "where it comes from (required)"),
    "date": F(TEXT, "when it happened, if not the source's date: 2020-02-27, 2020-02 or 2020 (cards dated after the "
                    "game's date are marked \"Later\"); `always` for a standing rule"),
    "tags": F(ListOf(TEXT)),
})

GLOSSARY_ENTRY = Obj("glossary entry", {
    "text": F(TEXT, "the definition", True),
    "term": F(TEXT, "the term as shown (default: the key)"),
    "aliases": F(ListOf(TEXT), "other spellings that [[links]] may use"),
}, shorthand="text")

REALITY = Obj("reality item", {
    "id": F(ID, "unique id, for translations", True),
    "when": F(EXPR, "shown in the debrief when this holds at the end"),
    "text": F(TEXT, "what really happened", True),
    "facts": F(ListOf(ID), "fact cards that source it"),
})

EVENT = Obj("event", {
    "id": F(ID, "unique id", True),
    "when": F(EXPR, "fires between scenes when this holds", True),
    "scene": F(ID, "the scene it shows", True),
    "once": F(BOOL, "fire at most once (default true)"),
    "priority": F(INT, "higher fires first (default 0)"),
})

VARIANT = Obj("variant", {
    "label": F(TEXT, "its name on the title screen", True),
    "description": F(TEXT),
    "start": F(ID, "another start scene"),
    "set": F(EFFECTS, "starting values that differ"),
})

QUIZ_ITEM = Obj("quiz item", {
    "id": F(ID, "unique id", True),
    "case": F(TEXT, "a short situation to judge"),
    "proportionate": F(BOOL, "for a case: is it lawful and proportionate?"),
    "question": F(TEXT, "a knowledge question"),
    "options": F(ListOf(TEXT), "its possible answers"),
    "answer": F(POSITIVE_INT, "the right option, counting from 1"),
    "explain": F(TEXT, "shown after answering"),
    "facts": F(ListOf(ID), "fact cards that source it"),
})

CALENDAR = Obj("calendar", {
    "start": F(MONTH, "the month of turn 1", True),
    "months_per_turn": F(POSITIVE_INT, "months in a turn (default 6)"),
})

CLASSROOM = Obj("classroom", {
    "minutes": F(POSITIVE_INT, "playing time"),
    "level": F(TEXT, "who it is for"),
    "warning": F(TEXT, "a content warning, shown on the title screen before play"),
    "objectives": F(ListOf(TEXT), "what students should learn"),
    "discussion": F(ListOf(TEXT), "questions for the debrief"),
})

CODE_KEY = Scalar("a code like SC701", (str,), re.compile(r"SC[0-9]{3}\Z"), "name a diagnostic code: SC701")
LINT_LEVEL = Scalar("a severity", (str,), re.compile(r"(error|warning|info|off)\Z"),
                    "write error, warning, info or off")

HEADER = Obj("scenario", {
    "id": F(SLUG, "unique id of the scenario; saves name it", True),
    "title": F(TEXT, "its title", True),
    "start": F(ID, "the first scene (required: SC307 when missing)"),
    "language": F(TEXT, "language of the text (default en)"),
    "description": F(TEXT),
    "authors": F(ListOf(TEXT)),
    "version": F(TEXT),
    "calendar": F(CALENDAR, "turns shown as dates"),
    "includes": F(ListOf(TEXT), "other files of the folder (globs allowed)"),
    "lint": F(MapOf(LINT_LEVEL, key=CODE_KEY),
              "`safecity check` severities of lint codes for this scenario: SC703: off (error, warning, info, off)"),
})

# Parts that any file of the scenario may hold; the same id may not appear twice.
PARTS = {
    "meters": F(MapOf(METER), "gauges that matter: budget, trust..."),
    "flags": F(MapOf(FLAG), "true/false facts about the city: what was signed"),
    "characters": F(MapOf(CHARACTER), "who speaks"),
    "scenes": F(MapOf(SCENE), "the story"),
    "events": F(ListOf(EVENT), "scenes that fire when a condition holds"),
    "facts": F(MapOf(FACT), "sourced fact cards"),
    "glossary": F(MapOf(GLOSSARY_ENTRY, key=TEXT), "terms and definitions"),
    "reality": F(ListOf(REALITY), "what really happened, for the debrief"),
    "variants": F(MapOf(VARIANT), "other ways to start (an express game...)"),
    "quiz": F(MapOf(ListOf(QUIZ_ITEM), key=SLUG), "pre/post quiz forms"),
}

ROOT_FILE = Obj("scenario file", {
    "scenario": F(HEADER, "what the scenario is", True),
    "classroom": F(CLASSROOM, "for facilitators"),
    **PARTS,
})

INCLUDED_FILE = Obj("included file", {
    "includes": F(ListOf(TEXT), "more files, relative to this one"),
    **PARTS,
})
