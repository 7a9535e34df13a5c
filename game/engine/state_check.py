"""A saved game state checked field by field before the engine sees it.

A save is a file a crash, an old version or a curious student can change. Every
field of the state is checked for its type and a sensible range here, so that a
damaged save becomes one clear sentence ("`history[3].turn` should be a whole
number") instead of a crash somewhere in the engine or a screen later on.
Checking the state against a scenario (do its scenes and meters exist?) is
`saves.fit_problems`; this module knows nothing of scenarios.
"""

from __future__ import annotations

import math

from game.engine.state import GameState

MAX_INT = 2**63                 # seeds, generator states and counters fit in 64 bits
MAX_TURN = 100_000
MAX_ITEMS = 100_000             # entries in any list or mapping of a state
MAX_TEXT = 1_000_000            # characters in any one string (a result text at most)


class StateProblem(ValueError):
    """Where in the saved state a value does not fit, and why."""


def _fail(where: str, what: str):
    raise StateProblem(f"`{where}` {what}")


def _int(value, where: str, low: int = -MAX_INT, high: int = MAX_INT) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        _fail(where, "should be a whole number")
    if not low <= value <= high:
        _fail(where, f"is out of range ({low} to {high})")
    return value


def _number(value, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _fail(where, "should be a number")
    if isinstance(value, float) and not math.isfinite(value):
        _fail(where, "is not a finite number")
    if abs(value) > MAX_INT:
        _fail(where, "is far too large")
    return value


def _bool(value, where: str) -> bool:
    if not isinstance(value, bool):
        _fail(where, "should be true or false")
    return value


def _text(value, where: str) -> str:
    if not isinstance(value, str):
        _fail(where, "should be text")
    if len(value) > MAX_TEXT:
        _fail(where, "is far too long")
    return value


def _list(value, where: str) -> list:
    if not isinstance(value, list):
        _fail(where, "should be a list")
    if len(value) > MAX_ITEMS:
        _fail(where, "has far too many entries")
    return value


def _mapping(value, where: str, check_value) -> dict:
    if not isinstance(value, dict):
        _fail(where, "should be a mapping")
    if len(value) > MAX_ITEMS:
        _fail(where, "has far too many entries")
    for key, item in value.items():
        _text(key, f"{where} key")
        check_value(item, f"{where}.{key}")
    return value


def _record(value, where: str, fields: dict, optional: frozenset = frozenset()) -> dict:
    """A mapping with exactly these fields (those in `optional` may be missing)."""
    if not isinstance(value, dict):
        _fail(where, "should be a mapping")
    unknown = set(value) - set(fields)
    if unknown:
        _fail(where, f"has unexpected fields: {', '.join(sorted(map(str, unknown)))}")
    for name, check in fields.items():
        if name not in value:
            if name in optional:
                continue
            _fail(where, f"has no `{name}`")
        check(value[name], f"{where}.{name}")
    return value


def _value(value, where: str):
    """A meter's number or a flag's true/false."""
    if isinstance(value, bool):
        return value
    return _number(value, where)


def _change(value, where: str):
    pair = _list(value, where)
    if len(pair) != 2:
        _fail(where, "should be a pair [before, after]")
    _value(pair[0], f"{where}[0]")
    _value(pair[1], f"{where}[1]")
    return pair


def _changes(value, where: str):
    return _mapping(value, where, _change)


def _optional_int(value, where: str):
    return None if value is None else _int(value, where, 0, MAX_ITEMS)


def _each(check):
    def run(value, where: str):
        for index, item in enumerate(_list(value, where)):
            check(item, f"{where}[{index}]")
        return value
    return run


def _turn(value, where):
    return _int(value, where, 0, MAX_TURN)


def _count(value, where):
    return _int(value, where, 0, MAX_INT)


_HISTORY = {"turn": _turn, "scene": _text, "choice": _text, "outcome": _optional_int,
            "step": lambda v, w: _int(v, w, 0, MAX_ITEMS), "changes": _changes,
            "meters": lambda v, w: _mapping(v, w, _number)}
_LEDGER = {"flag": _text, "value": _bool, "turn": _turn, "scene": _text}
_SCHEDULED = {"scene": _text, "due": lambda v, w: _int(v, w, -MAX_TURN, 2 * MAX_TURN), "key": _text}

FIELDS = {
    "scenario_id": _text,
    "seed": lambda v, w: _int(v, w, -MAX_INT, 2 * MAX_INT),
    "rng": lambda v, w: _int(v, w, 0, 2 * MAX_INT - 1),    # the generator's whole state: 64 bits
    "scene": _text,
    "turn": _turn,
    "meters": lambda v, w: _mapping(v, w, _number),
    "flags": lambda v, w: _mapping(v, w, _bool),
    "visited": lambda v, w: _mapping(v, w, _count),
    "scheduled": _each(lambda v, w: _record(v, w, _SCHEDULED)),
    "resume": _each(_text),
    "fired": lambda v, w: _mapping(v, w, _turn),
    "path": _each(_text),
    "history": _each(lambda v, w: _record(v, w, _HISTORY)),
    "ledger": _each(lambda v, w: _record(v, w, _LEDGER)),
    "variant": _text,
    "ended": _bool,
    "last": lambda v, w: _record(v, w, {"result": _text, "changes": _changes}, frozenset({"result", "changes"})),
}


def checked_state(data) -> GameState:
    """A GameState from saved JSON, every field checked; raises StateProblem saying where."""
    if not isinstance(data, dict):
        raise StateProblem("the saved state is not a mapping")
    _record(data, "state", FIELDS)
    history = data["history"]
    path = data["path"]
    for index, entry in enumerate(history):
        if entry["step"] >= len(path):
            _fail(f"state.history[{index}].step", "points past the end of the path")
    # A state's sequences are tuples (JSON has only lists): nothing can change them in place.
    sequences = {name: tuple(data[name]) for name in ("scheduled", "resume", "path", "history", "ledger")}
    return GameState(**{**data, **sequences})
