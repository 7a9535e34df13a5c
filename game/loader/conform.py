"""Checks story data against the declarations in schema.py.

It reports wrong types, unknown and missing fields, and drops what is invalid
so that the builder only ever sees well-typed values. Positions are looked up
only when something is wrong, which keeps the walk fast on large scenarios.
"""

from __future__ import annotations

from game.loader.issues import did_you_mean, problem
from game.loader.schema import (
    Either, ListOf, MapOf, Obj, SayLine, Scalar, Type, EFFECT_TEXT, URL,
)
from game.model.safe_text import character_names, invisible_characters, is_web_url, INVISIBLE
from game.loader.yaml_reader import YList, YMap
from game.model.diagnostics import Diagnostic, Span

INVALID = object()
MAX_NUMBER = 1_000_000_000


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def describe(value) -> str:
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YList):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    text = str(value)
    return f"the text \"{text[:40]}{'…' if len(text) > 40 else ''}\""


class Conformer:
    def __init__(self, out: list[Diagnostic]):
        self.out = out

    def report(self, code: str, span: Span, message: str, hint: str = "") -> None:
        self.out.append(problem(code, span, message, hint))

    def check(self, value, type_: Type, where) -> object:
        """Return the value if it fits `type_` (fixed up in place), else INVALID.

        `where` is a zero-argument callable giving the value's Span, called only
        when there is something to report.
        """
        if isinstance(type_, Scalar):
            return self._scalar(value, type_, where)
        if isinstance(type_, Obj):
            return self._obj(value, type_, where)
        if isinstance(type_, ListOf):
            return self._list(value, type_, where)
        if isinstance(type_, MapOf):
            return self._map(value, type_, where)
        if isinstance(type_, Either):
            return self._either(value, type_, where)
        if isinstance(type_, SayLine):
            return self._say(value, type_, where)
        raise TypeError(type_)  # pragma: no cover - a mistake in schema.py

    def _scalar(self, value, type_: Scalar, where):
        if isinstance(value, bool) and bool not in type_.kinds:
            ok = False
        else:
            ok = isinstance(value, type_.kinds)
        if not ok:
            if value is None:
                self.report("SC201", where(), f"expected {type_.name} here, found nothing",
                            "write a value after the colon, or remove the line")
            else:
                hint = ""
                if type_.name == "true or false" and isinstance(value, str) and value.lower() in ("yes", "no", "on", "off"):
                    hint = "write true or false"
                elif str in type_.kinds and isinstance(value, (int, float)):
                    hint = "put it in quotes if it is meant as text"
                elif str in type_.kinds and isinstance(value, YMap) and len(value) == 1:
                    hint = "text that contains ': ' must be put in quotes, or the part before it becomes a key"
                self.report("SC201", where(), f"expected {type_.name}, found {describe(value)}", hint)
            return INVALID
        if type_ is URL:
            if not is_web_url(value):
                self.report("SC207", where(), f"`{value}` is not {type_.name}: {url_problem(value)}", type_.pattern_hint)
                return INVALID
        elif type_.pattern is not None and isinstance(value, str) and not type_.pattern.match(value):
            code = "SC205" if type_.name == "an id" else "SC204"
            self.report(code, where(), f"`{value}` is not {type_.name}{_invisible(value)}", type_.pattern_hint)
            return INVALID
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not -MAX_NUMBER <= value <= MAX_NUMBER:
            shown = f"{value:,}" if isinstance(value, int) and len(str(value)) <= 20 else "this number"
            self.report("SC204", where(), f"{shown} is too large here",
                        f"numbers in a story stay between -{MAX_NUMBER:,} and {MAX_NUMBER:,}")
            return INVALID
        if type_.minimum is not None and isinstance(value, (int, float)) and not isinstance(value, bool) \
                and value < type_.minimum:
            self.report("SC204", where(), f"{value} is too small here: the least allowed is {type_.minimum:g}")
            return INVALID
        return value

    def _obj(self, value, type_: Obj, where):
        if type_.shorthand and not isinstance(value, (YMap, YList)) and value is not None:
            short = type_.fields[type_.shorthand].type
            return value if self.check(value, short, where) is not INVALID else INVALID
        if not isinstance(value, YMap):
            expected = f"{_a(type_.name)} (a mapping of fields)"
            if type_.shorthand:
                expected += f", or text for its {type_.shorthand}"
            self.report("SC201", where(), f"expected {expected}, found {describe(value)}")
            return INVALID
        fields = type_.fields
        for key in list(value):
            spec = fields.get(key)
            if spec is None:
                self.report("SC202", value.key_span(key), f"`{key}` is not a field of {_a(type_.name)}",
                            did_you_mean(key, fields))
                value.drop(key)
                continue
            checked = self.check(value[key], spec.type, _at(value, key))
            if checked is INVALID:
                value.drop(key)
        for key, spec in fields.items():
            if spec.required and key not in value and not self._reported_invalid(value, key):
                self.report("SC203", Span(value.file, value.line, value.col),
                            f"this {type_.name} needs a `{key}` field", spec.doc)
        return value

    @staticmethod
    def _reported_invalid(value: YMap, key: str) -> bool:
        # A field removed above as invalid was already reported once.
        return value.was_dropped(key)

    def _list(self, value, type_: ListOf, where):
        if not isinstance(value, YList):
            if type_.single_ok and isinstance(value, YMap):
                return INVALID if self.check(value, type_.item, where) is INVALID else value
            if value is None:
                return INVALID if self._empty(where, "a list") else INVALID
            self.report("SC201", where(), f"expected a list (lines starting with `- `), found {describe(value)}")
            return INVALID
        item = type_.item
        bad = []
        for index, element in enumerate(value):
            if self.check(element, item, _item(value, index)) is INVALID:
                bad.append(index)
        for index in reversed(bad):
            del value[index]
            del value.item_pos[index]
        return value

    def _empty(self, where, what: str) -> bool:
        self.report("SC201", where(), f"expected {what} here, found nothing",
                    "write the items below it, or remove the line")
        return True

    def _map(self, value, type_: MapOf, where):
        if not isinstance(value, YMap):
            if value is None:
                self._empty(where, f"{type_.name} (a mapping)")
                return INVALID
            self.report("SC201", where(), f"expected {type_.name} (a mapping of names to values), found {describe(value)}")
            return INVALID
        key_type = type_.key
        for key in list(value):
            if key_type.pattern is not None and not key_type.pattern.match(key):
                self.report("SC205", value.key_span(key), f"`{key}` is not a valid id{_invisible(key)}",
                            key_type.pattern_hint)
                value.drop(key)
                continue
            if self.check(value[key], type_.value, _at(value, key)) is INVALID:
                value.drop(key)
        return value

    def _either(self, value, type_: Either, where):
        for option in type_.options:
            if _fits_shape(value, option):
                return self.check(value, option, where)
        names = " or ".join(o.name if not isinstance(o, ListOf) else "a list of text blocks" for o in type_.options)
        self.report("SC201", where(), f"expected {names}, found {describe(value)}")
        return INVALID

    def _say(self, value, type_: SayLine, where):
        if isinstance(value, YMap) and "who" not in value and len(value) >= 1:
            # Short form: the first key is the speaker, its value the line.
            speaker = next(iter(value))
            extra = [k for k in value if k not in (speaker, "if")]
            if extra:
                self.report("SC202", value.key_span(extra[0]),
                            f"a short-form line holds one `speaker: text` pair (and an optional `if`), "
                            f"not `{extra[0]}`", "write one line per list item")
                return INVALID
            if self.check(value[speaker], type_.full.fields["text"].type, _at(value, speaker)) is INVALID:
                return INVALID
            if "if" in value and self.check(value["if"], type_.full.fields["if"].type, _at(value, "if")) is INVALID:
                return INVALID
            return value
        checked = self.check(value, type_.full, where)
        if checked is INVALID or "who" not in value or "text" not in value:
            return INVALID  # already reported; a line without speaker or words is dropped whole
        return checked


def _invisible(text: str) -> str:
    """Why an id that looks right is not: the characters that do not show."""
    found = INVISIBLE.findall(text)
    if not found:
        return ""
    return f": it holds the invisible character{'s' * (len(set(found)) > 1)} {character_names(found)}"


def url_problem(url: str) -> str:
    """Why `url` is not a link a player may open, in a writer's words."""
    text = url.strip()
    scheme, sep, rest = text.partition(":")
    if invisible_characters(url):
        return f"it holds the invisible character {character_names(INVISIBLE.findall(url))}"
    if any(c.isspace() for c in url):
        return "it holds spaces"
    if text.startswith("-"):
        return "it starts with '-'"
    if sep and scheme.isalpha() and scheme.lower() not in ("http", "https"):
        return f"`{scheme}:` links are not opened; only http:// and https:// are"
    if not text.lower().startswith(("http://", "https://")):
        return "it is not an absolute address (it does not start with https://)"
    return "it has no host name after the //"


def _fits_shape(value, type_: Type) -> bool:
    if isinstance(type_, ListOf):
        return isinstance(value, YList)
    if isinstance(type_, (Obj, MapOf)):
        return isinstance(value, YMap)
    if isinstance(type_, Scalar):
        return isinstance(value, type_.kinds) and not isinstance(value, (YMap, YList))
    return False


def _at(container: YMap, key):
    return lambda: container.pos(key)


def _item(container: YList, index: int):
    return lambda: container.pos(index)


def parse_effect_value(value):
    """Return (op, amount) for a valid effect value: ("add"|"set", number) or ("flag", bool)."""
    if isinstance(value, bool):
        return "flag", value
    if isinstance(value, (int, float)):
        return "add", value
    match = EFFECT_TEXT.match(value)
    sign, number = match.group(1), float(match.group(2))
    number = int(number) if number.is_integer() else number
    if sign == "=":
        return "set", number
    return "add", number if sign == "+" else -number
