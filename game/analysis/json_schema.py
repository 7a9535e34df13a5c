"""A JSON Schema (draft 2020-12) of the story format, generated from game/loader/schema.py.

Editors that use the YAML language server read it to complete field names and
underline mistakes as the writer types. It is derived from the same declarations
that conform.py checks, and the copies shipped in game/schema/ are kept equal to
this output by tests/unit/test_json_schema.py.

Regenerate the shipped copies after changing schema.py:

    uv run python -m game.analysis.json_schema --write
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from game.loader.conform import MAX_NUMBER
from game.loader.schema import (
    INCLUDED_FILE,
    ROOT_FILE,
    Either,
    ListOf,
    MapOf,
    Obj,
    SayLine,
    Scalar,
    Type,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
KINDS = {"scenario": ROOT_FILE, "part": INCLUDED_FILE}
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
REGENERATE = "uv run python -m game.analysis.json_schema --write"

_TITLES = {
    "scenario": ("Safe City scenario (scenario.yaml)",
                 "The main file of a Safe City scenario folder. Generated from game/loader/schema.py."),
    "part": ("Safe City scenario part (an included file)",
             "A file listed under `includes` of a Safe City scenario. Generated from game/loader/schema.py."),
}
_JSON_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number"}


def json_schema(kind: str = "scenario") -> dict:
    """The JSON Schema of a scenario's main file ("scenario") or of an included file ("part")."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    builder = _Builder()
    root = builder.object_schema(KINDS[kind])
    title, description = _TITLES[kind]
    schema = {
        "$schema": DRAFT,
        "$comment": f"Generated from game/loader/schema.py; do not edit. Regenerate with: {REGENERATE}",
        "title": title,
        "description": description,
        **root,
        "$defs": builder.defs,
    }
    if kind == "part":
        schema["type"] = ["object", "null"]  # an empty included file is read as an empty mapping
    return schema


def render(schema: dict) -> str:
    """The text of a schema file: pretty JSON with sorted keys and a final newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def shipped_path(kind: str) -> Path:
    """Where the package keeps the generated schema of `kind`."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    return SCHEMA_DIR / f"{kind}.schema.json"


def js_pattern(pattern: re.Pattern) -> str:
    """A Python `match(...)` regex ending in \\Z as an anchored JSON-Schema (ECMA 262) regex."""
    body = pattern.pattern
    if pattern.flags & ~re.UNICODE or not body.endswith(r"\Z"):
        raise ValueError(f"cannot convert {body!r}: schema.py patterns end in \\Z and use no flags")
    body = body[:-2]
    body = body.removeprefix("^")
    if r"\Z" in body or r"\A" in body or "(?P" in body:
        raise ValueError(f"cannot convert {pattern.pattern!r} to a JSON-Schema regex")
    if _top_level_alternation(body):
        body = f"(?:{body})"
    return f"^{body}$"


def _top_level_alternation(body: str) -> bool:
    depth, in_class, i = 0, False, 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        i += 1
    return False


def def_name(obj: Obj) -> str:
    """The key of an object type under `$defs`: its name in snake_case ("text block" -> "text_block")."""
    return obj.name.replace(" ", "_")


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict] = {}
        self._owners: dict[str, Obj] = {}

    def type_schema(self, type_: Type) -> dict:
        if isinstance(type_, Scalar):
            return self.scalar(type_)
        if isinstance(type_, Obj):
            return self.ref(type_)
        if isinstance(type_, ListOf):
            array = {"type": "array", "items": self.type_schema(type_.item)}
            if type_.single_ok:  # "later: {...}" as well as "later: [{...}]"
                return {"oneOf": [self.type_schema(type_.item), array]}
            return array
        if isinstance(type_, MapOf):
            mapping = {"type": "object", "additionalProperties": self.type_schema(type_.value)}
            if type_.key.pattern is not None:
                mapping["propertyNames"] = self.scalar(type_.key)
            return mapping
        if isinstance(type_, Either):
            return {"oneOf": [self.type_schema(option) for option in type_.options]}
        if isinstance(type_, SayLine):
            return self.say_line(type_)
        raise TypeError(f"no JSON Schema for {type_!r}")  # a new kind of Type in schema.py

    def scalar(self, type_: Scalar) -> dict:
        names: list[str] = []
        for kind in type_.kinds:
            name = _JSON_TYPES[kind]
            if name not in names:
                names.append(name)
        if "number" in names and "integer" in names:
            names.remove("integer")
        out: dict = {"type": names[0] if len(names) == 1 else names}
        if type_.pattern is not None:  # JSON Schema applies `pattern` to strings only
            out["pattern"] = js_pattern(type_.pattern)
            if type_.pattern_hint:
                out["patternErrorMessage"] = type_.pattern_hint  # shown by the YAML language server
        if "number" in names or "integer" in names:
            out["minimum"] = type_.minimum if type_.minimum is not None else -MAX_NUMBER
            out["maximum"] = MAX_NUMBER
        return out

    def ref(self, obj: Obj) -> dict:
        name = def_name(obj)
        owner = self._owners.get(name)
        if owner is None:
            self._owners[name] = obj
            self.defs[name] = {}  # reserved first: a type may refer to itself
            self.defs[name] = self.object_def(obj)
        elif owner is not obj:
            raise ValueError(f"two object types are named {obj.name!r} in schema.py")
        return {"$ref": f"#/$defs/{name}"}

    def object_def(self, obj: Obj) -> dict:
        body = self.object_schema(obj)
        head = {"title": obj.name}
        if obj.doc:
            head["description"] = obj.doc
        if not obj.shorthand:
            return {**head, **body}
        short = self.field_schema(obj.fields[obj.shorthand])
        short["description"] = f"short form: just the {obj.shorthand}" + (
            f" ({obj.fields[obj.shorthand].doc})" if obj.fields[obj.shorthand].doc else "")
        return {**head, "oneOf": [short, body]}

    def object_schema(self, obj: Obj) -> dict:
        out: dict = {
            "type": "object",
            "properties": {key: self.field_schema(spec) for key, spec in obj.fields.items()},
            "additionalProperties": False,
        }
        required = [key for key, spec in obj.fields.items() if spec.required]
        if required:
            out["required"] = required
        return out

    def field_schema(self, spec) -> dict:
        out = dict(self.type_schema(spec.type))
        if spec.doc:
            out["description"] = spec.doc
        return out

    def say_line(self, type_: SayLine) -> dict:
        full = type_.full
        short = {
            "description": "short form: `speaker: text`, with an optional `if`",
            "type": "object",
            "minProperties": 1,
            "not": {"required": ["who"]},
            "properties": {"if": self.field_schema(full.fields["if"])},
            "additionalProperties": self.field_schema(full.fields["text"]),
            # one speaker, plus `if` when it is there
            "anyOf": [{"maxProperties": 1}, {"required": ["if"], "maxProperties": 2}],
        }
        return {"oneOf": [self.ref(full), short]}


def main(argv: list[str] | None = None) -> int:
    """`python -m game.analysis.json_schema [--write | --check]`: print, rewrite or compare the shipped files."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--write"]:
        for kind in KINDS:
            shipped_path(kind).parent.mkdir(parents=True, exist_ok=True)
            shipped_path(kind).write_text(render(json_schema(kind)), encoding="utf-8")
            print(f"wrote {shipped_path(kind)}")
        return 0
    if args == ["--check"]:
        stale = [kind for kind in KINDS if not shipped_path(kind).is_file()
                 or shipped_path(kind).read_text(encoding="utf-8") != render(json_schema(kind))]
        for kind in stale:
            print(f"{shipped_path(kind)} is out of date; regenerate with: {REGENERATE}", file=sys.stderr)
        return 1 if stale else 0
    if not args:
        sys.stdout.write(render(json_schema()))
        return 0
    print("usage: python -m game.analysis.json_schema [--write | --check]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
