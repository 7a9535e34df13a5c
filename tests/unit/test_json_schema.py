"""The JSON Schema for editors: shipped, equal to schema.py, and agreeing with the loader."""

from __future__ import annotations

import io
import json
import re
import textwrap
from pathlib import Path

import pytest
import yaml

from game.analysis.json_schema import (
    DRAFT,
    KINDS,
    REGENERATE,
    def_name,
    js_pattern,
    json_schema,
    render,
    shipped_path,
)
from game.cli.schema_cmd import run_schema
from game.loader import load_scenario
from game.loader.files import read_folder
from game.loader.schema import (
    EFFECT_TEXT,
    ID_PATTERN,
    SLUG_PATTERN,
    Either,
    ListOf,
    MapOf,
    Obj,
    SayLine,
)
from game.loader.yaml_reader import parse_text
from tests.conftest import write_files

ROOT = Path(__file__).resolve().parents[2]
STORY = ROOT / "story"


# --- the shipped files ---------------------------------------------------------------------------

@pytest.mark.parametrize("kind", sorted(KINDS))
def test_shipped_schema_equals_generated(kind):
    path = shipped_path(kind)
    assert path.is_file(), f"{path} is missing; generate it with: {REGENERATE}"
    assert path.read_text(encoding="utf-8") == render(json_schema(kind)), (
        f"{path.relative_to(ROOT)} differs from what game/loader/schema.py declares; regenerate it with: {REGENERATE}")


def test_shipped_schemas_live_in_the_package():
    import game
    assert shipped_path("scenario").parent == Path(game.__file__).resolve().parent / "schema"


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        json_schema("translation")


# --- structure, without a validator --------------------------------------------------------------

def _objects(type_, found: dict[str, Obj]) -> dict[str, Obj]:
    if isinstance(type_, Obj):
        if def_name(type_) in found:
            return found
        found[def_name(type_)] = type_
        for spec in type_.fields.values():
            _objects(spec.type, found)
    elif isinstance(type_, ListOf):
        _objects(type_.item, found)
    elif isinstance(type_, MapOf):
        _objects(type_.value, found)
    elif isinstance(type_, Either):
        for option in type_.options:
            _objects(option, found)
    elif isinstance(type_, SayLine):
        _objects(type_.full, found)
    return found


def _object_part(schema: dict) -> dict:
    """The `type: object` part of a definition (a shorthand type is oneOf [scalar, object])."""
    if schema.get("type") in ("object", ["object", "null"]):
        return schema
    objects = [option for option in schema.get("oneOf", []) if option.get("type") == "object"]
    assert len(objects) == 1, schema
    return objects[0]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_field_of_every_object_is_declared(kind):
    schema = json_schema(kind)
    assert schema["$schema"] == DRAFT
    root = KINDS[kind]
    objects = _objects(root, {})
    del objects[def_name(root)]  # the root object is the schema itself
    assert set(schema["$defs"]) == set(objects)
    for name, obj in [(None, root), *objects.items()]:
        declared = _object_part(schema if name is None else schema["$defs"][name])
        assert declared["additionalProperties"] is False, name
        assert list(declared["properties"]) == list(obj.fields), name
        assert declared.get("required", []) == [key for key, spec in obj.fields.items() if spec.required], name
        for key, spec in obj.fields.items():
            if spec.doc:
                assert declared["properties"][key]["description"] == spec.doc, (name, key)


def test_the_expected_object_types_have_definitions():
    defs = json_schema("scenario")["$defs"]
    for name in ("meter", "flag", "character", "scene", "choice", "outcome", "later", "route", "ending",
                 "text_block", "line", "event", "fact", "source", "glossary_entry", "reality_item", "variant",
                 "quiz_item", "calendar", "classroom", "scenario", "threshold"):
        assert name in defs, name
    part = json_schema("part")
    assert {"scenario", "calendar", "classroom"}.isdisjoint(part["$defs"])
    assert "includes" in part["properties"] and "scenario" not in part["properties"]
    assert json_schema("scenario")["required"] == ["scenario"]


def test_patterns_are_converted_to_anchored_json_schema_regexes():
    assert js_pattern(ID_PATTERN) == "^[A-Za-z_][A-Za-z0-9_]*$"
    assert js_pattern(SLUG_PATTERN) == "^[A-Za-z0-9][A-Za-z0-9_.-]*$"
    assert js_pattern(re.compile(r"a|b\Z")) == "^(?:a|b)$"
    assert js_pattern(re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])\Z")) == "^[0-9]{4}-(0[1-9]|1[0-2])$"
    effect = re.compile(js_pattern(EFFECT_TEXT))
    for text in ("+5", " -2.5 ", "=40", "= -3"):
        assert effect.search(text), text
    for text in ("5x", "double", "+", "=4=", "++5"):
        assert not effect.search(text), text
    with pytest.raises(ValueError):
        js_pattern(re.compile(r"[a-z]+"))  # not anchored at the end: it would not mean the same


def test_shorthands_single_items_and_short_lines():
    schema = json_schema("scenario")
    defs = schema["$defs"]
    assert [option["type"] for option in defs["flag"]["oneOf"]] == ["string", "object"]
    assert [option["type"] for option in defs["glossary_entry"]["oneOf"]] == ["string", "object"]
    later = defs["choice"]["properties"]["later"]["oneOf"]
    assert later[0] == {"$ref": "#/$defs/later"} and later[1]["type"] == "array"
    say = defs["scene"]["properties"]["say"]["items"]["oneOf"]
    assert say[0] == {"$ref": "#/$defs/line"} and say[1]["minProperties"] == 1
    effect = defs["choice"]["properties"]["effects"]["additionalProperties"]
    assert set(effect["type"]) == {"number", "string", "boolean"}
    assert defs["outcome"]["properties"]["weight"]["minimum"] == 0
    assert defs["quiz_item"]["properties"]["answer"]["minimum"] == 1
    assert defs["scene"]["properties"]["choices"]["items"] == {"$ref": "#/$defs/choice"}
    assert schema["properties"]["meters"]["propertyNames"]["pattern"] == "^[A-Za-z_][A-Za-z0-9_]*$"


# Keywords that mean the same in draft-07, which the YAML language server validates with today.
PORTABLE_KEYWORDS = {
    "$schema", "$comment", "$ref", "$defs", "title", "description", "type", "properties", "required",
    "additionalProperties", "propertyNames", "items", "oneOf", "anyOf", "not", "pattern", "minimum", "maximum",
    "minProperties", "maxProperties", "patternErrorMessage",
}


def _keywords(schema, found: set) -> set:
    if isinstance(schema, dict):
        for key, value in schema.items():
            found.add(key)
            if key in ("properties", "$defs"):
                for sub in value.values():
                    _keywords(sub, found)
            elif isinstance(value, (dict, list)):
                _keywords(value, found)
    elif isinstance(schema, list):
        for item in schema:
            _keywords(item, found)
    return found


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_only_keywords_that_editors_understand(kind):
    used = _keywords(json_schema(kind), set())
    assert used <= PORTABLE_KEYWORDS, used - PORTABLE_KEYWORDS


def test_refs_all_resolve():
    for kind in KINDS:
        schema = json_schema(kind)
        refs = re.findall(r'"\$ref": "#/\$defs/([^"]+)"', render(schema))
        assert refs and set(refs) <= set(schema["$defs"])


# --- the command ---------------------------------------------------------------------------------

def test_run_schema_prints_the_schema():
    out = io.StringIO()
    assert run_schema("part", out=out) == 0
    assert json.loads(out.getvalue()) == json_schema("part")


def test_run_schema_writes_a_file(tmp_path):
    target = tmp_path / ".safecity.schema.json"
    out = io.StringIO()
    assert run_schema("scenario", target, out=out) == 0
    assert target.read_text(encoding="utf-8") == render(json_schema("scenario"))
    assert "# yaml-language-server: $schema=.safecity.schema.json" in out.getvalue()


def test_run_schema_refuses_an_unknown_kind(capsys):
    assert run_schema("translation") == 2
    assert "unknown kind" in capsys.readouterr().err


# --- agreement with the loader (needs the optional jsonschema package) ---------------------------

class _StoryLoader(yaml.SafeLoader):
    """yaml.safe_load as the game reads YAML (yaml_reader.py): only true/false are booleans,
    dates and `yes`/`no` stay text, numbers are plain decimals. Editors read YAML 1.2, which agrees."""


_StoryLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp",
                           "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StoryLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                   list("tTfF"))
_StoryLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_StoryLoader.add_implicit_resolver("tag:yaml.org,2002:float",
                                   re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
                                   list("-+0123456789."))


def safe_load(text: str):
    return yaml.load(text, Loader=_StoryLoader)  # a SafeLoader subclass: builds plain data only


def _story_files(folder: Path) -> list[tuple[Path, str]]:
    """The scenario's main file and every file it includes, as the loader finds them."""
    read = read_folder(folder)
    assert read.files, folder
    return [(f.path, "scenario" if f.path.name == "scenario.yaml" and f.path.parent == read.root else "part")
            for f in read.files]


def _validator(kind: str, draft: str = "Draft202012Validator"):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json_schema(kind)
    cls = getattr(jsonschema, draft)
    if draft == "Draft202012Validator":
        cls.check_schema(schema)
    else:  # read as draft-07, as the YAML language server does today
        schema = {**schema, "$schema": "http://json-schema.org/draft-07/schema#"}
    return cls(schema)


@pytest.mark.parametrize("folder", ["tutorial", "safe-city"])
def test_shipped_stories_are_valid(folder):
    validators = {kind: _validator(kind) for kind in KINDS}
    files = _story_files(STORY / folder)
    assert len(files) > 3
    for path, kind in files:
        text = path.read_text(encoding="utf-8")
        data = safe_load(text)
        assert data == parse_text(text, path.name), f"{path}: the test's YAML reading differs from the game's"
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validators[kind].iter_errors(data)]
        assert not errors, f"{path.relative_to(ROOT)}:\n" + "\n".join(errors)


BASE = """
scenario:
  id: demo
  title: Demo
  start: intro
  calendar: {start: 2024-01, months_per_turn: 6}
meters:
  budget: {label: Budget, start: 50}
flags:
  signed: The contract is signed
characters:
  chief: {name: Chief Martin}
glossary:
  CNIL: France's data protection authority.
scenes:
  intro:
    turn: true
    text: The budget is {budget}.
    say:
      - chief: We could buy cameras.
        if: budget > 10
    choices:
      - id: sign
        text: Sign the contract
        effects: {budget: -10, signed: true}
        later: {scene: end, turns: 1}
        goto: end
      - id: gamble
        text: Gamble
        outcomes:
          - {weight: 1, goto: end, effects: {budget: "=5"}}
          - {weight: 2, goto: end}
  end:
    ending: {title: The end}
"""

# (what changes in BASE, the code the loader reports). Each is also invalid for the JSON Schema.
BROKEN = {
    "unknown scene field": (("    turn: true", "    turn: true\n    headlne: Cameras!"), "SC202"),
    "unknown top-level part": (("characters:", "charactres:\n  x: {name: X}\ncharacters:"), "SC202"),
    "two speakers in a short line": (("      - chief: We could buy cameras.\n        if: budget > 10",
                                      "      - {chief: We could buy cameras., mayor: No}"), "SC202"),
    "text for a number": (("start: 50", "start: fifty"), "SC201"),
    "yes for a boolean": (("turn: true", "turn: yes"), "SC201"),
    "number for text": (("title: Demo", "title: 42"), "SC201"),
    "text for an ending": (("ending: {title: The end}", "ending: The end"), "SC201"),
    "list for a flag": (("signed: The contract is signed", "signed: [The contract is signed]"), "SC201"),
    "nothing for a meter": (("  budget: {label: Budget, start: 50}", "  budget:"), "SC201"),
    "missing meter label": (("{label: Budget, start: 50}", "{start: 50}"), "SC203"),
    "missing choice id": (("      - id: gamble\n        text: Gamble", "      - text: Gamble"), "SC203"),
    "missing scenario title": (("  title: Demo\n", ""), "SC203"),
    "bad choice id": (("id: sign", "id: sign-it"), "SC205"),
    "bad scenario slug": (("id: demo", "id: -demo"), "SC205"),
    "bad meter key": (("  budget: {label", "  2budget: {label"), "SC205"),
    "negative weight": (("{weight: 2,", "{weight: -2,"), "SC204"),
    "bad effect text": (('"=5"', '"double"'), "SC204"),
    "bad month": (("start: 2024-01", "start: 2024-13"), "SC204"),
}


def _broken(change: tuple[str, str]) -> str:
    old, new = change
    assert old in BASE, old
    return BASE.replace(old, new, 1)


def test_base_snippet_is_valid_for_both(tmp_path):
    result = load_scenario(write_files(tmp_path, {"scenario.yaml": BASE}))
    assert result.ok, "\n".join(d.format() for d in result.diagnostics)
    for draft in ("Draft202012Validator", "Draft7Validator"):
        errors = list(_validator("scenario", draft).iter_errors(safe_load(BASE)))
        assert not errors, (draft, [e.message for e in errors])


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_snippet_is_invalid_for_both(name, tmp_path):
    change, code = BROKEN[name]
    text = _broken(change)
    result = load_scenario(write_files(tmp_path, {"scenario.yaml": text}))
    codes = {d.code for d in result.errors}
    assert code in codes, (name, [d.format() for d in result.diagnostics])
    for draft in ("Draft202012Validator", "Draft7Validator"):
        assert list(_validator("scenario", draft).iter_errors(safe_load(text))), f"{name}: {draft} accepts it"


PART_BASE = """
scenes:
  extra:
    text: More.
    goto: intro
"""


@pytest.mark.parametrize("part, code", [
    (PART_BASE, None),
    (PART_BASE + "scenario: {id: again, title: Again}\n", "SC202"),
    (PART_BASE.replace("text: More.", "text: [More.]"), "SC201"),
    (PART_BASE + "events:\n  - {id: e1, when: true}\n", "SC203"),
    (PART_BASE.replace("  extra:", "  extra scene:"), "SC205"),
])
def test_included_files_agree(part, code, tmp_path):
    main = BASE.replace("  start: intro\n", "  start: intro\n  includes: [more.yaml]\n")
    result = load_scenario(write_files(tmp_path, {"scenario.yaml": main, "more.yaml": part}))
    errors = list(_validator("part").iter_errors(safe_load(textwrap.dedent(part))))
    if code is None:
        assert result.ok, [d.format() for d in result.diagnostics]
        assert not errors, [e.message for e in errors]
    else:
        assert code in {d.code for d in result.errors}, [d.format() for d in result.diagnostics]
        assert errors, "the JSON Schema accepts it"
