"""`record`: a frozen dataclass with slots that costs a sixth as much to define.

`@dataclass` writes each method it adds as source text and compiles it, class by class: six for
a frozen class that compares (`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`,
`__delattr__`), about 0.8 ms a class in Python 3.11. The model, the condition language and the
engine's view define some fifty of them, all imported before a game's first frame. For a record,
`dataclass` only gathers the fields and makes the slots; the record compiles one method, its
`__init__` (it must know the fields by name), and shares the rest: one `__eq__`, `__hash__` and
`__repr__` that read the fields from a table, and frozen guards that refuse every assignment.
The behaviour is the dataclass's own (compared and hashed as a tuple of the fields that take
part, shown as `Name(field=value, ...)`, `FrozenInstanceError` on assignment, defaults, default
factories and keyword-only fields alike), and `dataclasses.fields`, `replace`, `asdict`, `copy`
and `pickle` still work.
"""

from __future__ import annotations

import dataclasses
import keyword
import reprlib
from dataclasses import MISSING, FrozenInstanceError, dataclass, fields
from operator import attrgetter

_COMPARED: dict[type, object] = {}   # class -> what gives the values it compares
_HASHED: dict[type, object] = {}
_SHOWN: dict[type, tuple[str, ...]] = {}


def record(cls: type) -> type:
    """`@dataclass(frozen=True, slots=True)`, with the shared comparison, hash, repr and guards."""
    if not cls.__dict__.get("__doc__"):
        cls.__doc__ = cls.__name__      # dataclass would ask `inspect` for a signature to write one
    made = dataclass(cls, init=False, slots=True, eq=False, repr=False)
    made.__init__ = _init(made)
    made.__eq__ = _eq
    made.__hash__ = _hash
    made.__repr__ = _repr
    made.__setattr__ = _refuse_set
    made.__delattr__ = _refuse_delete
    made.__getstate__ = _getstate
    made.__setstate__ = _setstate
    return made


class _Factory:
    """The default of a parameter whose field has a default factory (as dataclass does)."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _init(cls: type):
    """The dataclass's own `__init__`, written for the fields of `cls`, with values set under the guard."""
    _check(cls)
    names = {"__record_set": object.__setattr__, "__record_factory": _FACTORY}
    positional, keywords, body = [], [], []
    for f in fields(cls):
        value = f.name
        if f.default is not MISSING:
            names[f"__record_d_{f.name}"] = f.default
            value = f"__record_d_{f.name}"
        elif f.default_factory is not MISSING:
            names[f"__record_f_{f.name}"] = f.default_factory
            value = f"__record_f_{f.name}()"
        if f.init:
            if f.default_factory is not MISSING:
                parameter = f"{f.name}=__record_factory"
                body.append(f"if {f.name} is __record_factory: {f.name} = {value}")
            else:
                parameter = f.name if f.default is MISSING else f"{f.name}={value}"
            (keywords if f.kw_only else positional).append(parameter)
            body.append(f"__record_set(__record_self, {f.name!r}, {f.name})")
        elif value != f.name:
            body.append(f"__record_set(__record_self, {f.name!r}, {value})")
    if hasattr(cls, "__post_init__"):
        body.append("__record_self.__post_init__()")
    parameters = ", ".join(["__record_self", *positional, *(["*", *keywords] if keywords else [])])
    source = f"def __init__({parameters}):\n" + "".join(f"    {line}\n" for line in body or ["pass"])
    exec(source, names)   # made of the checked field names of the program's own classes only
    made = names["__init__"]
    made.__qualname__ = f"{cls.__qualname__}.__init__"
    made.__annotations__ = {**{f.name: f.type for f in fields(cls) if f.init}, "return": None}
    return made


def _check(cls: type) -> None:
    """Only the program's own class definitions come here, never story data, and only what a
    record's __init__ can be written for: fields named by identifiers (not the names the record
    uses itself), no InitVar, and no field without a default after one with a default."""
    initvar = getattr(dataclasses, "_FIELD_INITVAR", None)
    if any(getattr(f, "_field_type", None) is initvar for f in cls.__dataclass_fields__.values()):
        raise TypeError(f"{cls.__name__}: a record takes no InitVar")
    defaulted = False
    for f in fields(cls):
        if not f.name.isidentifier() or keyword.iskeyword(f.name) or f.name.startswith("__record"):
            raise TypeError(f"{cls.__name__}: a record's fields must be named by identifiers (not {f.name!r})")
        if f.init and not f.kw_only:
            has_default = f.default is not MISSING or f.default_factory is not MISSING
            if defaulted and not has_default:
                raise TypeError(f"{cls.__name__}: non-default argument {f.name!r} follows default argument")
            defaulted = defaulted or has_default


def _refuse_set(self, name: str, value) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delete(self, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self) -> list:
    return [getattr(self, f.name) for f in fields(self)]


def _setstate(self, state: list) -> None:
    for f, value in zip(fields(self), state):
        object.__setattr__(self, f.name, value)


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
