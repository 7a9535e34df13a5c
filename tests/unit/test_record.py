"""A record behaves as the frozen dataclass it replaces: compared, hashed, shown and copied alike."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest

from game.model.record import record


def both(*fields_):
    """The same class made twice: as a record and as @dataclass(frozen=True, slots=True)."""
    namespace = {"__annotations__": {}}
    for name, default in fields_:
        namespace["__annotations__"][name] = "object"
        if default is not dataclasses.MISSING:
            namespace[name] = default
    return record(type("Thing", (), dict(namespace))), dataclass(frozen=True, slots=True)(type("Thing", (), dict(namespace)))


CASES = {
    "several fields": ([("a", dataclasses.MISSING), ("b", 2)], [(1,), (1, 3), (2,)]),
    "one field": ([("a", dataclasses.MISSING)], [(1,), (2,), ("x",)]),
    "no field": ([], [(), ()]),
    "not compared": ([("a", dataclasses.MISSING), ("fn", field(default=None, compare=False, repr=False))],
                     [(1,), (1, len), (2, len)]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_record_compares_hashes_and_shows_as_its_dataclass(case):
    declared, argument_sets = CASES[case]
    mine, theirs = both(*declared)
    for left in argument_sets:
        for right in argument_sets:
            assert (mine(*left) == mine(*right)) == (theirs(*left) == theirs(*right))
        assert hash(mine(*left)) == hash(theirs(*left))
        assert repr(mine(*left)) == repr(theirs(*left))
    assert mine(*argument_sets[0]) != object()


def test_a_record_is_frozen_has_slots_and_works_with_the_dataclass_helpers():
    Thing, _ = both(("a", dataclasses.MISSING), ("b", 2))
    thing = Thing(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        thing.a = 5
    assert not hasattr(thing, "__dict__")
    assert dataclasses.replace(thing, b=3) == Thing(1, 3)
    assert dataclasses.asdict(thing) == {"a": 1, "b": 2}
    assert [f.name for f in dataclasses.fields(Thing)] == ["a", "b"]
    assert {Thing(1), Thing(1), Thing(2)} == {Thing(1), Thing(2)}


def test_a_record_that_holds_itself_shows_without_recursing():
    Box, _ = both(("items", dataclasses.MISSING))
    items = []
    box = Box(items)
    items.append(box)
    assert repr(box) == "Thing(items=[...])"
