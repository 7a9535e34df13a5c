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


def test_a_record_is_built_as_its_dataclass_with_factories_keywords_and_inheritance():
    import copy
    import inspect
    import pickle

    def make(decorate):
        @decorate
        class Base:
            start: int = field(default=0, kw_only=True, compare=False)

        @decorate
        class Thing(Base):
            a: object
            b: tuple = ()
            c: dict = field(default_factory=dict)
            seen: list = field(default_factory=list, init=False, compare=False, repr=False)

            def __post_init__(self):
                self.seen.append("made")
        return Thing

    mine, theirs = make(record), make(dataclass(frozen=True, slots=True))
    assert str(inspect.signature(mine)) == str(inspect.signature(theirs)) == \
        "(a: 'object', b: 'tuple' = (), c: 'dict' = <factory>, *, start: 'int' = 0) -> None"
    for args, kwargs in [((1,), {}), ((1, (2,), {"x": 1}), {"start": 5}), ((), {"a": 3, "c": {}})]:
        left, right = mine(*args, **kwargs), theirs(*args, **kwargs)
        assert [getattr(left, f.name) for f in dataclasses.fields(left)] == \
               [getattr(right, f.name) for f in dataclasses.fields(right)]
        assert left.seen == ["made"]
    assert mine(1).c is not mine(1).c                      # a new dict each time
    with pytest.raises(TypeError):
        mine(1, 2, 3, 4)                                   # `start` is keyword-only
    thing = mine(1, start=7)
    for change in (lambda: setattr(thing, "a", 2), lambda: delattr(thing, "a"), lambda: setattr(thing, "z", 1)):
        with pytest.raises(dataclasses.FrozenInstanceError):
            change()
    for copied in (copy.copy(thing), copy.deepcopy(thing)):
        assert copied == thing and copied.start == 7
    Pickled = make(record)
    globals()["Pickled"] = Pickled                         # pickle finds classes by module and name
    Pickled.__qualname__ = "Pickled"
    try:
        assert pickle.loads(pickle.dumps(Pickled(1, start=3))).start == 3
    finally:
        del globals()["Pickled"]


@pytest.mark.parametrize("annotations", [{"a b": "int"}, {"__record_set": "int"},
                                         {"a": "dataclasses.InitVar[int]"}])
def test_a_record_refuses_what_its_init_cannot_be_written_for(annotations):
    with pytest.raises(TypeError):
        record(type("Odd", (), {"__annotations__": annotations, "__module__": __name__}))


def test_a_record_takes_fields_named_like_its_own_helpers_and_orders_defaults_as_dataclass_does():
    Named = record(type("Named", (), {"__annotations__": {"self": "int", "_set": "int", "_d_x": "int"}}))
    thing = Named(1, 2, 3)
    assert (thing.self, thing._set, thing._d_x) == (1, 2, 3)
    with pytest.raises(TypeError, match="non-default argument"):
        record(type("Bad", (), {"__annotations__": {"a": "int", "b": "int"}, "a": 1}))
