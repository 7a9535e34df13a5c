"""`record`: a frozen dataclass with slots that costs half as much to define.

`@dataclass` writes each method it adds as source text and compiles it, class by class: six for
a frozen class that compares (`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`,
`__delattr__`), about 0.8 ms a class in Python 3.11. The model, the condition language and the
engine's view define some fifty of them, all imported before a game's first frame. A record lets
`dataclass` write only what must know the fields by name (`__init__` and the frozen guards) and
shares one `__eq__`, `__hash__` and `__repr__` that read the fields from a table: the same
behaviour as the dataclass's own (compared and hashed as a tuple of the fields that take part,
shown as `Name(field=value, ...)`), and `dataclasses.fields`, `replace` and `asdict` still work.
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass, fields
from operator import attrgetter

_COMPARED: dict[type, object] = {}   # class -> what gives the values it compares
_HASHED: dict[type, object] = {}
_SHOWN: dict[type, tuple[str, ...]] = {}


def record(cls: type) -> type:
    """`@dataclass(frozen=True, slots=True)`, with the shared comparison, hash and repr."""
    made = dataclass(cls, frozen=True, slots=True, eq=False, repr=False)
    made.__eq__ = _eq
    made.__hash__ = _hash
    made.__repr__ = _repr
    return made


def _getter(names: list[str]):
    """The values of `names` as a tuple (what a dataclass compares and hashes)."""
    if not names:
        return lambda _self: ()
    if len(names) == 1:     # attrgetter of one name gives the value, not a 1-tuple
        name = names[0]
        return lambda self: (getattr(self, name),)
    return attrgetter(*names)


def _compared(cls: type):
    got = _COMPARED.get(cls)
    if got is None:
        got = _COMPARED[cls] = _getter([f.name for f in fields(cls) if f.compare])
    return got


def _eq(self, other) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    get = _compared(self.__class__)
    return get(self) == get(other)


def _hash(self) -> int:
    cls = self.__class__
    got = _HASHED.get(cls)
    if got is None:
        names = [f.name for f in fields(cls) if (f.compare if f.hash is None else f.hash)]
        got = _HASHED[cls] = _getter(names)
    return hash(got(self))


@reprlib.recursive_repr()
def _repr(self) -> str:
    cls = self.__class__
    names = _SHOWN.get(cls)
    if names is None:
        names = _SHOWN[cls] = tuple(f.name for f in fields(cls) if f.repr)
    return f"{cls.__qualname__}(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in names) + ")"
