"""Every diagnostic code the loader can report, with its name and default severity.

The table is the single place codes are defined: the loader refers to them by
name, docs/authoring.md documents each one, and a test checks that every code
has a broken fixture under tests/data/.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.model.diagnostics import Severity

E = Severity.ERROR
W = Severity.WARNING
I = Severity.INFO


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str


_TABLE = [
    # Files and YAML
    Code("SC100", "file-unreadable", E, "a story file or folder cannot be read"),
    Code("SC101", "yaml-syntax", E, "the file is not valid YAML"),
    Code("SC102", "duplicate-key", E, "the same key appears twice in one mapping"),
    Code("SC103", "not-utf8", E, "the file is not UTF-8 text"),
    Code("SC104", "binary-file", E, "the file looks binary (it contains NUL bytes)"),
    Code("SC105", "file-too-large", E, "the file is larger than the size limit"),
    Code("SC106", "too-deep", E, "the YAML nests deeper than the limit"),
    Code("SC107", "alias-bomb", E, "YAML aliases expand beyond the budget, or refer to themselves"),
    Code("SC108", "yaml-unsupported", E, "a YAML feature the format does not accept (tags, several documents)"),
    Code("SC109", "control-character", E, "a text holds a control character (an escape sequence, a bell...)"),
    Code("SC110", "text-too-large", E, "one text (a value or a key) is longer than the limit"),
    # Shape of the data
    Code("SC201", "wrong-type", E, "a value has the wrong type"),
    Code("SC202", "unknown-field", E, "a field the format does not define"),
    Code("SC203", "missing-field", E, "a required field is missing"),
    Code("SC204", "bad-value", E, "a value of the right type that makes no sense here"),
    Code("SC205", "bad-id", E, "an id that is not letters, digits, '_' or '-'"),
    Code("SC206", "scene-shape", E, "a scene mixes ways of moving on, or has none"),
    Code("SC207", "bad-url", E, "a link that is not an absolute http:// or https:// address"),
    # References between parts
    Code("SC301", "unknown-scene", E, "a reference to a scene that does not exist"),
    Code("SC302", "unknown-fact", E, "a reference to a fact that does not exist"),
    Code("SC303", "unknown-character", E, "a line spoken by a character that does not exist"),
    Code("SC304", "unknown-variable", E, "an effect on a meter or flag that does not exist"),
    Code("SC305", "unknown-term", E, "a [[term]] link to a glossary entry that does not exist"),
    Code("SC306", "duplicate-id", E, "the same id is defined twice"),
    Code("SC307", "missing-start", E, "the start scene is missing or unknown"),
    Code("SC308", "fact-without-source", E, "a fact card without a source"),
    Code("SC309", "unknown-substitution", E, "a {name} in text that is not a meter or flag"),
    Code("SC310", "stray-brace", W, "a { or } in text that opens or closes no {name}: players would see it as written"),
    Code("SC311", "no-ending", E, "a story without any ending scene: no game can finish"),
    # Expressions
    Code("SC401", "expression-syntax", E, "a condition that cannot be parsed"),
    Code("SC402", "unknown-name", E, "a condition names something the scenario does not declare"),
    Code("SC403", "expression-type", E, "a condition mixes numbers and true/false, or calls an unknown function"),
    # Includes
    Code("SC501", "include-escapes", E, "an include path leaves the scenario folder"),
    Code("SC502", "include-missing", E, "an include path matches no file"),
    Code("SC503", "include-cycle", E, "files include each other in a cycle"),
    # Translations
    Code("SC601", "translation-orphan", E, "a translation for an id the scenario does not have"),
    Code("SC602", "translation-shape", E, "a translation that does not match its source (wrong type or count)"),
    # Lint: `safecity check` only, after a clean load; severities can be set per scenario (`lint:`)
    Code("SC701", "unreachable-scene", W, "a scene no path from a start leads to"),
    Code("SC702", "unreachable-ending", W, "an ending no path from a start leads to"),
    Code("SC703", "unused-variable", W, "a meter or flag never read, or a flag never written"),
    Code("SC704", "unused-fact", I, "a fact card no scene, reality item or quiz item shows"),
    Code("SC705", "silent-character", W, "a character who says nothing in any scene"),
    Code("SC706", "route-without-fallback", W, "a scene whose last route has a condition"),
    Code("SC707", "text-too-long", W, "a scene or choice text too long for an 80x24 screen"),
    Code("SC708", "missing-translation", I, "texts a translation leaves untranslated"),
    Code("SC709", "condition-never-true", W, "a condition no state within the meters' ranges can meet"),
    Code("SC710", "later-after-end", W, "a `later` scene due after the last turn any game can reach"),
    Code("SC711", "unlinked-term", I, "a glossary term that no text links with [[term]]"),
    Code("SC712", "invisible-character", W, "a text holds an invisible or direction-changing character"),
    Code("SC713", "unchanging-meter", W, "a meter that no effect or outcome ever changes"),
    Code("SC714", "fact-from-the-future", W, "a decision shows a fact card dated after the game's date there"),
]

CODES: dict[str, Code] = {c.code: c for c in _TABLE}
BY_NAME: dict[str, Code] = {c.name: c for c in _TABLE}
