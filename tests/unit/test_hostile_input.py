"""Story files are untrusted: broken, mutated and hostile input gives diagnostics, never a traceback.

Three parts:
- property tests (hypothesis): a valid scenario mutated line by line and byte by
  byte, and random YAML structures dropped into random places of it;
- explicit hostile cases (alias bombs, deep nesting, huge files, NUL bytes, bad
  UTF-8, Python tags, escaping includes, symlinks...), each with the code it
  must give and a time bound (a generous safety bound, not a benchmark);
- the command line on a few hostile folders: exit code 1, no "Traceback".

Loader bugs found this way are pinned by tests marked xfail(strict=True) with
the reason; the property tests skip (reject) only those exact known crashes,
recognised by exception type and the function that raised it, so that any
other exception still fails them.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import textwrap
import time
import traceback
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, reject, settings
from hypothesis import strategies as st

from game.loader import load_scenario
from game.loader.yaml_reader import MAX_TEXT_CHARS
from game.model.codes import CODES

ROOT = Path(__file__).resolve().parents[2]
CLEAN = ROOT / "tests" / "data" / "clean"

LIMIT = 3.0  # seconds: "within a second or two", with room for a slow 2-core CI machine

# Exceptions the loader is known to raise (each pinned by an xfail test below):
# (exception type, function of game/ that raised it).
KNOWN_CRASHES: set[tuple[type, str]] = set()

# No hypothesis deadline: it turns a slow moment of a busy machine into a Flaky error.
# load_checked bounds each load's time itself, generously.
# In CI (CI=true) the examples are fixed, so a run there tries exactly what a local CI=true run
# tried; locally each run explores new ones.
SETTINGS = dict(deadline=None, database=None, derandomize=bool(os.environ.get("CI")),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.filter_too_much])


# --- helpers ---------------------------------------------------------------------

def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def clean_files() -> dict[str, str]:
    return {rel: (CLEAN / rel).read_text(encoding="utf-8")
            for rel in ("scenario.yaml", "parts/ends.yaml", "i18n/fr.yaml")}


def known_crash(err: BaseException) -> bool:
    frames = [f for f in traceback.extract_tb(err.__traceback__) if f"{os.sep}game{os.sep}" in f.filename]
    return bool(frames) and (type(err), frames[-1].name) in KNOWN_CRASHES


def check_result(result, folder: Path) -> None:
    """What every load must give, whatever the input."""
    line_counts: dict[str, int | None] = {}
    for d in result.diagnostics:
        assert d.code in CODES, d
        assert d.severity is CODES[d.code].severity, d
        assert isinstance(d.message, str) and d.message.strip(), d
        assert isinstance(d.span.file, str) and d.span.file, d
        assert d.span.line >= 0 and d.span.col >= 0, d
        if d.span.line == 0:
            assert d.span.col == 0, d
        if d.span.line > 0:
            if d.span.file not in line_counts:
                line_counts[d.span.file] = _line_count(Path(d.span.file), folder)
            lines = line_counts[d.span.file]
            assert lines is None or d.span.line <= lines + 1, f"{d.format()}: the file has {lines} lines"
    if not result.errors:
        assert result.scenario is not None


def _line_count(path: Path, folder: Path) -> int | None:
    """An upper bound on the lines of a story file of `folder` (None for other files): YAML breaks lines at \\r too."""
    path = path if path.is_absolute() else Path.cwd() / path
    if not path.is_file() or not path.resolve().is_relative_to(folder.resolve()):
        return None
    data = path.read_bytes()
    return data.count(b"\n") + data.count(b"\r") + 1


def load_checked(folder: Path):
    """load_scenario, asserting no exception escapes (known crashes are rejected)."""
    start = time.perf_counter()
    try:
        result = load_scenario(folder, all_languages=True)
    except Exception as err:  # noqa: BLE001 - the point of the test
        if known_crash(err):
            event(f"known crash: {type(err).__name__}")
            reject()
        raise
    elapsed = time.perf_counter() - start
    assert elapsed < 2 * LIMIT, f"took {elapsed:.2f}s"
    check_result(result, folder)
    event("first code: " + (result.diagnostics[0].code if result.diagnostics else "none"))
    return result


def timed_load(folder: Path, limit: float = LIMIT):
    start = time.perf_counter()
    result = load_scenario(folder, all_languages=True)
    elapsed = time.perf_counter() - start
    check_result(result, folder)
    assert elapsed < limit, f"took {elapsed:.2f}s"
    return result


def codes(result) -> list[str]:
    return [d.code for d in result.diagnostics]


def scenario(tmp_path: Path, main: str | bytes, name: str = "s", **files: str | bytes) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    write(folder, {"scenario.yaml": main, **{k.replace("__", "/").replace("_yaml", ".yaml"): v
                                              for k, v in files.items()}})
    return folder


BASE = textwrap.dedent("""\
    scenario:
      id: demo
      title: Demo
      start: intro

    meters:
      budget:
        label: Budget
        start: 50

    flags:
      signed: The contract is signed

    scenes:
      intro:
        text: The budget is {budget}.
        choices:
          - id: sign
            text: Sign the contract
            if: budget >= 10
            effects:
              budget: -10
              signed: true
            goto: end
          - id: wait
            text: Wait
            goto: end
      end:
        ending:
          title: The end
    """)


def with_includes(*patterns: str) -> str:
    lines = "".join(f"    - {yaml.safe_dump(p, default_style=chr(39)).strip()}\n" for p in patterns)
    return BASE.replace("  start: intro\n", "  start: intro\n  includes:\n" + lines, 1)


# --- property tests: mutated scenarios -------------------------------------------

YAML_VALUES = [
    "", "~", "null", "[]", "{}", "42", "-7", "3.5", "1.0e400", "true", "no", "yes", "[a, b]", "{a: 1}", "{a: {b: [c]}}",
    "&a x", "*a", "*nope", "&a [*a]", "!!str x", "!!int 5", "!!python/object/apply:os.system ['true']", "!local x",
    "|", ">-", "'unterminated", '"unterminated', '"esc \\x00 \\uffff"', "- item", "? x", "[[[[", "]]", "}{",
    "{budget}", "{{", "[[surveillance]]", "[[nope]]", "visited(intro)", "visited(nope)", "budget >= 10 and",
    "not not signed", "((((budget))))", "budget => 10", "max(budget)", "1/0 > 1", "=40", "+5", "--5",
    "../x.yaml", "/etc/passwd", "*.yaml", "parts/*.yaml", "**/*.yaml", "intro", "end", "vote", "chief",
    "cctv_study", "2018-13", "a: b: c", "- - -", "%", "@x", "`x`", "#", "\t", "\u2028", "\ufeff", "\x85",
]
SPECIAL_CHARS = list(":-[]{}&*!|>'\"%@`#,?\t\r\n\\ \x00\x07\x1b\ufeff\u2028\u00e9")
chars = st.one_of(st.sampled_from(SPECIAL_CHARS), st.characters(blacklist_categories=("Cs",)))


@st.composite
def mutated(draw, text: str) -> bytes:
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "value", "value", "line",
                                   "truncate"]))
        n = len(lines)
        if n == 0:
            lines = [""]
            n = 1
        i = draw(st.integers(0, n - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, n - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            col = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:col] + draw(st.text(chars, min_size=1, max_size=5)) + lines[i][col:]
        elif op == "indent":
            stripped = lines[i].lstrip(" ")
            indent = len(lines[i]) - len(stripped)
            new = draw(st.sampled_from([indent + 1, indent + 2, max(indent - 1, 0), max(indent - 2, 0), 0, 40]))
            lines[i] = draw(st.sampled_from([" " * new, "\t", " \t"])) + stripped
        elif op == "value":
            if ": " in lines[i] or lines[i].rstrip().endswith(":"):
                key = lines[i].split(":", 1)[0]
                lines[i] = f"{key}: {draw(st.sampled_from(YAML_VALUES))}"
            else:
                lines[i] = lines[i] + " " + draw(st.sampled_from(YAML_VALUES))
        elif op == "line":
            lines.insert(i, draw(st.text(chars, max_size=30)))
        elif op == "truncate":
            joined = "\n".join(lines)
            lines = joined[:draw(st.integers(0, len(joined)))].split("\n")
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:  # sometimes, raw bytes: invalid UTF-8, NUL, a BOM
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\xe9", b"\xc3", b"\x00", b"\xef\xbb\xbf", b"\x80\x80"])) \
            + data[at:]
    return data


@settings(max_examples=400, **SETTINGS)
@given(data=st.data())
def test_mutated_scenario_gives_diagnostics_not_tracebacks(tmp_path_factory, data):
    files = clean_files()
    target = data.draw(st.sampled_from(["scenario.yaml"] * 4 + ["parts/ends.yaml", "i18n/fr.yaml"]), label="file")
    files[target] = data.draw(mutated(files[target]), label="content")
    folder = write(tmp_path_factory.mktemp("mutated"), files)
    load_checked(folder)


# --- property tests: random structures in random places --------------------------

FIELD_NAMES = ["scenario", "id", "title", "start", "includes", "meters", "flags", "characters", "scenes", "events",
               "facts", "glossary", "reality", "variants", "quiz", "classroom", "calendar", "label", "min", "max",
               "low", "high", "at", "goto", "text", "say", "who", "if", "choices", "effects", "outcomes", "weight",
               "later", "turns", "scene", "route", "ending", "tone", "headline", "turn", "tags", "source", "name",
               "when", "once", "priority", "set", "case", "question", "options", "answer", "proportionate",
               "<<", "intro", "vote", "budget", "signed", "chief", "sign", "wait"]
INTERESTING = ["intro", "vote", "watched", "budget", "signed", "chief", "cctv_study", "budget >= 10", "not signed",
               "visited(intro)", "{budget}", "{nope}", "[[surveillance]]", "[[nope]]", "=40", "+5", "2018-06",
               "parts/*.yaml", "../x.yaml", "/etc/passwd", "*.yaml", "", " ", "a b", "1x"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
                    st.sampled_from(INTERESTING))
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=10))
structures = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                           st.dictionaries(keys, inner, max_size=4)),
                          max_leaves=25)

PLACES = [
    (), ("scenario",), ("scenario", "start"), ("scenario", "includes"), ("scenario", "calendar"), ("meters",),
    ("meters", "budget"), ("meters", "budget", "low"), ("meters", "budget", "start"), ("flags",), ("flags", "signed"),
    ("characters",), ("characters", "chief"), ("glossary",), ("facts",), ("facts", "cctv_study"),
    ("facts", "cctv_study", "source"), ("scenes",), ("scenes", "intro"), ("scenes", "intro", "text"),
    ("scenes", "intro", "say"), ("scenes", "intro", "say", 0), ("scenes", "intro", "choices"),
    ("scenes", "intro", "choices", 0), ("scenes", "intro", "choices", 0, "effects"),
    ("scenes", "intro", "choices", 0, "if"), ("scenes", "intro", "choices", 0, "later"),
    ("scenes", "intro", "choices", 0, "outcomes"), ("scenes", "intro", "new_scene"), ("scenes", "new_scene"),
    ("events",), ("events", 0), ("reality",), ("reality", 0), ("variants",), ("variants", "express"), ("quiz",),
    ("quiz", "pre"), ("quiz", "pre", 0), ("classroom",), ("classroom", "objectives"),
]
I18N_PLACES = [(), ("scenario",), ("meters",), ("meters", "budget"), ("flags",), ("characters",), ("facts",),
               ("glossary",), ("reality",), ("reality", "r1"), ("variants",), ("quiz",), ("quiz", "pre"),
               ("quiz", "pre", "q1"), ("classroom",), ("scenes",), ("scenes", "intro"), ("scenes", "intro", "say"),
               ("scenes", "intro", "choices"), ("scenes", "intro", "choices", "sign"), ("scenes", "watched"),
               ("scenes", "watched", "ending")]
# Parts the clean fixture lacks, added so that every section has something to translate.
EXTRA = {
    "reality": [{"id": "r1", "when": "signed", "text": "Cameras went up.", "facts": ["cctv_study"]}],
    "variants": {"express": {"label": "Express", "start": "intro", "set": {"budget": "=20"}}},
    "quiz": {"pre": [{"id": "q1", "question": "Who decides?", "options": ["The mayor", "The council"], "answer": 2},
                     {"id": "q2", "case": "Cameras in a park.", "proportionate": False}]},
    "classroom": {"minutes": 30, "objectives": ["Weigh evidence"], "discussion": ["Who watches?"]},
}
I18N_EXTRA = {
    "reality": {"r1": "Les caméras ont été installées."},
    "variants": {"express": "Express"},
    "quiz": {"pre": {"q1": {"text": "Qui décide ?", "options": ["Le maire", "Le conseil"]}}},
    "classroom": {"objectives": ["Peser les preuves"]},
    "meters": {"budget": "Budget"},
}


def place(doc, path, value):
    """Put `value` at `path` in `doc`, making the mappings on the way if they are missing."""
    if not path:
        return value
    node = doc
    for step in path[:-1]:
        if isinstance(node, dict) and not isinstance(node.get(step), (dict, list)):
            node[step] = {}
        node = node[step]
    if isinstance(node, list) and path[-1] >= len(node):
        node.append(value)
    else:
        node[path[-1]] = value
    return doc


@settings(max_examples=300, **SETTINGS)
@given(value=structures, where=st.sampled_from(PLACES + [("i18n",) + p for p in I18N_PLACES]))
def test_random_structures_in_random_places(tmp_path_factory, value, where):
    files = clean_files()
    doc = {**yaml.safe_load(files["scenario.yaml"]), **copy.deepcopy(EXTRA)}
    doc["events"] = [{"id": "audit", "when": "signed", "scene": "watched"}]
    i18n = {**yaml.safe_load(files["i18n/fr.yaml"]), **copy.deepcopy(I18N_EXTRA)}
    if where[:1] == ("i18n",):
        i18n = place(i18n, where[1:], value)
    else:
        doc = place(doc, where, value)
    files["scenario.yaml"] = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    files["i18n/fr.yaml"] = yaml.safe_dump(i18n, allow_unicode=True, sort_keys=False)
    folder = write(tmp_path_factory.mktemp("structure"), files)
    load_checked(folder)


# --- explicit hostile cases --------------------------------------------------------

def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        name, prev = chr(ord("a") + i), chr(ord("a") + i - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs(tmp_path):
    bomb = "".join("  " + line + "\n" for line in billion_laughs().splitlines())
    main = BASE.replace("meters:\n", "lol:\n" + bomb + "\nmeters:\n", 1).replace(
        "      end:\n", "      end:\n        tags: *i\n", 1)
    result = timed_load(scenario(tmp_path, main))
    assert codes(result) == ["SC107"]


def test_billion_laughs_alone(tmp_path):
    result = timed_load(scenario(tmp_path, billion_laughs(12)))
    assert codes(result) == ["SC107"]


def test_alias_bomb_of_mappings(tmp_path):
    lines = ["a: &a {x: 1, y: 2, z: 3, w: 4}"]
    for i in range(1, 12):
        name, prev = chr(ord("a") + i), chr(ord("a") + i - 1)
        lines.append(f"{name}: &{name} {{" + ", ".join(f"k{j}: *{prev}" for j in range(8)) + "}")
    result = timed_load(scenario(tmp_path, "\n".join(lines) + "\n"))
    assert codes(result) == ["SC107"]


@pytest.mark.parametrize("text, line, col", [
    ("scenario: &a [*a]\n", 1, 15),
    ("scenario: &a {id: *a}\n", 1, 19),
    ("scenario: &a\n  - &b [*b, *a]\n", 2, 9),
])
def test_recursive_alias(tmp_path, text, line, col):
    result = timed_load(scenario(tmp_path, text))
    assert [(d.code, d.span.line, d.span.col) for d in result.diagnostics] == [("SC107", line, col)]


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a: ", "}"), ("[{a: ", "}]")])
def test_deep_flow_nesting_is_refused_fast(tmp_path, opening, closing):
    n = 100_000
    result = timed_load(scenario(tmp_path, opening * n + "x" + closing * n + "\n"))
    assert result.errors and result.scenario is None
    assert set(codes(result)) <= {"SC101", "SC106"}


def test_deep_bracket_nesting_is_sc106(tmp_path):
    n = 100_000
    result = timed_load(scenario(tmp_path, "[" * n + "]" * n + "\n"))
    assert codes(result) == ["SC106"]


def test_deep_mapping_nesting_is_sc106(tmp_path):
    n = 100_000
    result = timed_load(scenario(tmp_path, "{a: " * n + "1" + "}" * n + "\n"))
    assert codes(result) == ["SC106"]


def test_deep_block_nesting_is_sc106(tmp_path):
    text = "".join("  " * i + "-\n" for i in range(1000))
    result = timed_load(scenario(tmp_path, text))
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("SC106", 65)]


def test_nine_mib_file(tmp_path):
    main = BASE + ("# " + "x" * 1021 + "\n") * (9 * 1024)
    result = timed_load(scenario(tmp_path, main))
    assert codes(result) == ["SC105"]


def test_nine_mib_single_line_included(tmp_path):
    folder = scenario(tmp_path, with_includes("big.yaml"), big_yaml="scenes: {}\n#" + "x" * (9 * 1024 * 1024))
    result = timed_load(folder)
    assert codes(result) == ["SC105"] and result.diagnostics[0].span.file.endswith("big.yaml")


@pytest.mark.parametrize("content", [
    BASE.encode().replace(b"Demo", b"De\x00mo"),
    b"\x00" * 1000,
    BASE.encode() + b"#" + b"x" * 100_000 + b"\x00",
    BASE.encode("utf-16"),
])
def test_nul_bytes(tmp_path, content):
    result = timed_load(scenario(tmp_path, content))
    assert codes(result) == ["SC104"]


@pytest.mark.parametrize("content, line, col", [
    (BASE.encode().replace(b"title: Demo", b"title: Caf\xe9"), 3, 13),
    (b"\xff\xfe" + BASE.encode(), 1, 1),
    (BASE.encode().replace(b"      title: The end", b"      title: The \xc3("), 30, 18),
    (BASE.encode() + b"# tail \x80", 31, 8),
    (BASE.encode().replace(b"Sign the contract", b"Sign\r\n \x92the contract\x92"), 20, 2),
])
def test_invalid_utf8(tmp_path, content, line, col):
    result = timed_load(scenario(tmp_path, content))
    assert [(d.code, d.span.line, d.span.col) for d in result.diagnostics] == [("SC103", line, col)]


@pytest.mark.parametrize("template", [
    'scenario: !!python/object/apply:os.system ["touch {marker}"]\n',
    BASE.replace("title: Demo", 'title: !!python/object/apply:os.system ["touch {marker}"]'),
    BASE.replace("title: Demo", "title: !!python/object/apply:subprocess.check_output [[touch, {marker}]]"),
    BASE.replace("start: 50", 'start: !!python/object/new:os.system ["touch {marker}"]'),
    "!!python/name:os.system\n",
    BASE.replace("      budget: -10", '      ? !!python/object/apply:os.system ["touch {marker}"]\n      : 1'),
])
def test_python_tags_never_run(tmp_path, template):
    marker = tmp_path / "ran"
    result = timed_load(scenario(tmp_path, template.replace("{marker}", str(marker))))
    assert codes(result) == ["SC108"]
    assert not marker.exists()


@pytest.mark.parametrize("text, line", [
    (BASE + "---\nscenes: {}\n", 31),
    ("--- \nscenario: {}\n--- \n", 3),
    ("a: 1\n...\n---\nb: 2\n", 3),
])
def test_several_documents(tmp_path, text, line):
    result = timed_load(scenario(tmp_path, text))
    assert [(d.code, d.span.line, d.span.col) for d in result.diagnostics] == [("SC108", line, 1)]


def test_text_at_the_length_limit_is_fine(tmp_path):
    result = timed_load(scenario(tmp_path, BASE.replace("text: Wait\n", "text: " + "w" * MAX_TEXT_CHARS + "\n")))
    assert result.ok and result.diagnostics == []


@pytest.mark.parametrize("length", [MAX_TEXT_CHARS + 1, 1_000_000, 7_000_000])
def test_text_beyond_the_length_limit_is_sc110(tmp_path, length):
    # A single 7 MB word: refused quickly, with the limit in the message.
    result = timed_load(scenario(tmp_path, BASE.replace("text: Wait\n", "text: " + "w" * length + "\n")))
    assert [(d.code, d.span.line, d.span.col) for d in result.diagnostics] == [("SC110", 26, 15)]
    assert f"{MAX_TEXT_CHARS:,}" in result.diagnostics[0].message


def test_long_key_is_sc110(tmp_path):
    # An explicit key (`? key`): YAML limits implicit ones to 1,024 characters.
    result = timed_load(scenario(tmp_path, BASE.replace("flags:\n", "flags:\n  ? " + "k" * 200_000 + "\n  : Label\n", 1)))
    assert codes(result) == ["SC110"]


def _alias_amplified(reference: str, count: int = 2000, length: int = 1_000_000) -> str:
    """One long text anchored once and referred to `count` times: a small file, a huge story."""
    main = BASE.replace("text: The budget is {budget}.", "text: &big " + "x" * length, 1)
    return main.replace("    ending:\n", "    tags: [" + ", ".join([reference] * count) + "]\n    ending:\n", 1)


def test_one_long_text_repeated_by_aliases_is_sc107(tmp_path):
    # 1 MB referred to 2,000 times: 2 GB of text from a 1 MB file (check took over 20 s, the player ran out of memory).
    result = timed_load(scenario(tmp_path, _alias_amplified("*big", length=MAX_TEXT_CHARS)))
    assert codes(result) == ["SC107"]
    assert "characters" in result.diagnostics[0].message


def test_one_megabyte_text_repeated_2000_times(tmp_path):
    result = timed_load(scenario(tmp_path, _alias_amplified("*big")))
    # The text is refused (and cut to the limit), and its repetitions still exceed the budget.
    assert sorted(codes(result)) == ["SC107", "SC110"]


def test_long_texts_in_nested_aliases_are_counted(tmp_path):
    # Characters inside a list (and a mapping key) count too, not only a text referred to directly.
    main = BASE.replace("text: The budget is {budget}.", "text: The budget is {budget}.\n    tags: &t [" +
                        ", ".join(["y" * 90_000] * 10) + "]", 1)
    main = main.replace("    ending:\n", "    variants_of_tags: [" + ", ".join(["*t"] * 50) + "]\n    ending:\n", 1)
    result = timed_load(scenario(tmp_path, main))
    assert "SC107" in codes(result)


def test_aliases_within_the_text_budget_load(tmp_path):
    result = timed_load(scenario(tmp_path, _alias_amplified("*big", count=20, length=1000)))
    assert result.ok, [d.format() for d in result.diagnostics]


def test_one_megabyte_flow_list(tmp_path):
    result = timed_load(scenario(tmp_path, BASE.replace("    ending:\n", "    tags: [" + ", ".join(
        ["x"] * 300_000) + "]\n    ending:\n")))
    assert result.ok


@pytest.mark.parametrize("line", [":" * 1_000_000, "k" * 1_000_000 + ": 1", "[" + "a," * 500_000,
                                  "'" + "x" * 1_000_000, "&" + "a" * 1_000_000 + " x"])
def test_one_megabyte_junk_line(tmp_path, line):
    result = timed_load(scenario(tmp_path, line + "\n"))
    assert result.errors


def test_expression_100k_characters(tmp_path):
    main = BASE.replace("if: budget >= 10", "if: " + "budget + " * 11_000 + "1 > 0")  # under the text limit
    result = timed_load(scenario(tmp_path, main))
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("SC401", 20)]
    assert "too long" in result.diagnostics[0].message


def test_expression_10k_parentheses(tmp_path):
    main = BASE.replace("if: budget >= 10", "if: " + "(" * 10_000 + "budget" + ")" * 10_000 + " >= 10")
    result = timed_load(scenario(tmp_path, main))
    assert codes(result) == ["SC401"]


@pytest.mark.parametrize("expr", ["(" * 900 + "signed" + ")" * 900, "not " * 400 + "signed",
                                  "-" * 1000 + "budget > 1", "abs(" * 300 + "budget" + ")" * 300 + " > 1",
                                  "budget * 2 + " * 150 + "1 > 0", "signed and " * 180 + "signed"])
def test_deep_expressions(tmp_path, expr):
    main = BASE.replace("if: budget >= 10", "if: " + yaml.safe_dump(expr, default_style='"', width=10**6).strip())
    result = timed_load(scenario(tmp_path, main))
    assert set(codes(result)) <= {"SC401"}


def test_ten_thousand_includes_of_one_glob(tmp_path):
    folder = scenario(tmp_path, with_includes(*["parts/*.yaml"] * 10_000),
                      parts__a_yaml="scenes:\n  other:\n    goto: end\n")
    # Linear in the number of includes (each is globbed and resolved again): ~1.5 s here.
    result = timed_load(folder, limit=6.0)
    assert result.ok


def test_ten_thousand_includes_matching_nothing(tmp_path):
    result = timed_load(scenario(tmp_path, with_includes(*["nope/*.yaml"] * 10_000)), limit=6.0)
    assert codes(result) == ["SC502"] * 10_000


@pytest.mark.parametrize("pattern", ["/etc/passwd", "../../etc/passwd", "../" * 40 + "etc/passwd", "~/.bashrc",
                                     "parts/../../x.yaml", "../*.yaml", "/etc/*", "//etc/passwd"])
def test_include_outside_the_folder(tmp_path, pattern):
    (tmp_path / "outside.yaml").write_text("scenes: {}\n")
    result = timed_load(scenario(tmp_path, with_includes(pattern), parts__a_yaml="scenes: {}\n"))
    assert [(d.code, d.span.line, d.span.col) for d in result.diagnostics] == [("SC501", 6, 7)]
    assert "root:" not in "".join(d.message + d.hint for d in result.diagnostics)


def test_symlink_pointing_outside(tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("scenes:\n  stolen:\n    goto: end\n")
    folder = scenario(tmp_path, with_includes("parts/*.yaml"))
    (folder / "parts").mkdir()
    (folder / "parts" / "link.yaml").symlink_to(outside)
    result = timed_load(folder)
    assert [(d.code, d.span.line, d.span.col) for d in result.diagnostics] == [("SC501", 6, 7)]
    assert "stolen" not in result.scenario.scenes


def test_symlinked_directory_pointing_outside(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.yaml").write_text("scenes: {}\n")
    folder = scenario(tmp_path, with_includes("parts/*.yaml"))
    (folder / "parts").symlink_to(tmp_path / "elsewhere")
    result = timed_load(folder)
    assert codes(result) == ["SC501"]


def test_symlink_to_etc_passwd(tmp_path):
    folder = scenario(tmp_path, with_includes("passwd.yaml"))
    (folder / "passwd.yaml").symlink_to("/etc/passwd")
    result = timed_load(folder)
    assert codes(result) == ["SC501"]


def test_directory_named_like_a_yaml_file(tmp_path):
    folder = scenario(tmp_path, with_includes("parts/*.yaml"))
    (folder / "parts" / "deep.yaml").mkdir(parents=True)
    (folder / "parts" / "real.yaml").write_text("scenes: {}\n")
    result = timed_load(folder)
    assert result.ok, [d.format() for d in result.diagnostics]


def test_glob_matching_only_a_directory(tmp_path):
    folder = scenario(tmp_path, with_includes("*.yaml"))
    (folder / "dir.yaml").mkdir()
    result = timed_load(folder)
    assert codes(result) == ["SC502"]  # the main file and directories are not included


def test_include_of_a_directory_named_like_a_yaml_file(tmp_path):
    folder = scenario(tmp_path, with_includes("dir.yaml"))
    (folder / "dir.yaml").mkdir()
    result = timed_load(folder)
    assert codes(result) == ["SC502"]


def test_include_of_a_directory_says_it_is_a_directory(tmp_path):
    folder = scenario(tmp_path, with_includes("dir.yaml"))
    (folder / "dir.yaml").mkdir()
    (message,) = [d.message for d in timed_load(folder).diagnostics]
    assert "does not exist" not in message


def test_including_the_main_file_is_not_called_missing(tmp_path):
    result = timed_load(scenario(tmp_path, with_includes("scenario.yaml")))
    assert all("does not exist" not in d.message for d in result.diagnostics)


def test_root_file_is_a_directory(tmp_path):
    (tmp_path / "s" / "scenario.yaml").mkdir(parents=True)
    result = timed_load(tmp_path / "s")
    assert codes(result) == ["SC100"] and result.scenario is None


def test_translation_is_a_directory(tmp_path):
    folder = scenario(tmp_path, BASE)
    (folder / "i18n" / "fr.yaml").mkdir(parents=True)
    result = timed_load(folder)
    assert codes(result) == ["SC100"]


def test_translation_directory_hint_is_consistent(tmp_path):
    folder = scenario(tmp_path, BASE)
    (folder / "i18n" / "fr.yaml").mkdir(parents=True)
    (d,) = timed_load(folder).diagnostics
    assert "fr" not in d.hint.replace("known languages:", "")


@pytest.mark.parametrize("content, code, line", [
    ("", "SC203", 1), ("\n\n\n", "SC203", 1), ("null\n", "SC203", 1), ("~\n", "SC203", 1), ("# only a comment\n", "SC203", 1),
    ("- a\n- b\n", "SC201", 1), ("hello\n", "SC201", 1), ("42\n", "SC201", 1), ("true\n", "SC201", 1),
    ("'text'\n", "SC201", 1), ("[]\n", "SC201", 1), ("{}\n", "SC203", 1), ("---\n", "SC203", 1),
    ("scenario:\n", "SC201", 1), ("scenario: []\n", "SC201", 1),
])
def test_degenerate_main_file(tmp_path, content, code, line):
    result = timed_load(scenario(tmp_path, content))
    assert [(d.code, d.span.line) for d in result.diagnostics] == [(code, line)]
    assert result.scenario is None


@pytest.mark.parametrize("content", ["", "null\n", "- a\n", "hello\n", "42\n", "{}\n"])
def test_degenerate_included_and_translation_files(tmp_path, content):
    folder = scenario(tmp_path, with_includes("part.yaml"), part_yaml=content, i18n__fr_yaml=content)
    result = timed_load(folder)
    assert set(codes(result)) <= {"SC201", "SC602"}


def test_control_characters_give_sc101(tmp_path):
    result = timed_load(scenario(tmp_path, BASE.replace("title: Demo", "title: De\x07mo")))
    assert codes(result) == ["SC101"]


# Control characters written as escapes in double quotes: raw ones are SC101 (above), escaped
# ones reach the value. Each must be refused wherever a string can stand.
ESCAPES = {
    "clipboard": r'"x\e]52;c;cm0gLXJmIH4=\e\\"',
    "title": r'"x\e]0;title\a"',
    "clear": r'"x\e[2J"',
    "fake-choice": r'"x\e[2K\rFAKE CHOICE"',
    "c1-csi": r'"x\x9b31m"',
    "nel": r'"x\u0085"',
    "nul": r'"x\0"',
    "del": r'"x\x7f"',
    "c1-osc": r'"x\u009d0;t\u009c"',
}


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_escaped_control_characters_in_texts_are_sc109(tmp_path, name):
    main = BASE.replace("        text: Wait\n", f"        text: {ESCAPES[name]}\n", 1)
    result = timed_load(scenario(tmp_path, main))
    assert [(d.code, d.span.line, d.span.col) for d in result.diagnostics] == [("SC109", 26, 15)]
    assert "U+" in result.diagnostics[0].message and result.diagnostics[0].hint


@pytest.mark.parametrize("old, new", [
    ("  id: demo\n", '  id: "demo\\e[2J"\n'),                                    # the scenario id
    ("      - id: wait\n", '      - id: "wait\\e[2J"\n'),                          # a choice id
    ("        goto: end\n", '        goto: "end\\e[2J"\n'),                # a reference
    ("  end:\n", '  "end\\e[2K\\rFAKE":\n'),                                       # a key
    ("    label: Budget\n", '    label: "Budget\\x9b2J"\n'),                       # a label
    ("  title: Demo\n", '  title: "Demo\\e]0;x\\a"\n'),                              # the title
    ("      title: The end\n", '      title: "The end\\e]8;;https://x\\e\\\\"\n'),  # an ending
    ("        if: budget >= 10\n", '        if: "budget >= 10\\e[8m"\n'),  # a condition
    ("          budget: -10\n", '          "budget\\e[1m": -10\n'),                 # an effect key
    ("  signed: The contract", '  "signed\\u0085": The contract'),
])
def test_escaped_control_characters_everywhere_are_sc109(tmp_path, old, new):
    assert old in BASE
    result = timed_load(scenario(tmp_path, BASE.replace(old, new, 1)))
    assert codes(result) == ["SC109"]


def test_control_characters_in_included_and_translation_files_are_sc109(tmp_path):
    main = with_includes("more.yaml")
    folder = scenario(tmp_path, main, more_yaml='scenes:\n  more:\n    text: "x\\e[2J"\n    goto: end\n',
                      i18n__fr_yaml='scenes:\n  intro:\n    text: "Le budget\\x9b2J"\n')
    result = timed_load(folder)
    assert sorted((Path(d.span.file).name, d.code) for d in result.diagnostics
                  if d.code != "SC301") == [("fr.yaml", "SC109"), ("more.yaml", "SC109")]


def test_every_control_character_of_a_file_is_reported(tmp_path):
    main = BASE.replace("        text: Wait\n", '        text: "\\e[2J"\n').replace(
        "  title: Demo\n", '  title: "\\a"\n')
    result = timed_load(scenario(tmp_path, main))
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("SC109", 3), ("SC109", 26)]


def test_control_characters_before_a_syntax_error_are_reported_too(tmp_path):
    main = BASE.replace("  title: Demo\n", '  title: "\\e[2J"\n') + "broken: [\n"
    result = timed_load(scenario(tmp_path, main))
    assert [d.code for d in result.diagnostics] == ["SC109", "SC101"]


def test_tabs_and_line_breaks_stay_allowed(tmp_path):
    main = BASE.replace("        text: Wait\n", '        text: "Wait\\tand\\nsee"\n')
    result = timed_load(scenario(tmp_path, main))
    assert result.ok and result.diagnostics == []


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\u202e", "\u2066", "\u2069", "\u2060", "\ufeff", "\u200f"])
def test_invisible_characters_in_ids_are_sc205_and_named(tmp_path, char):
    escaped = f"\\u{ord(char):04x}"
    main = BASE.replace("      - id: wait\n", f'      - id: "wa{escaped}it"\n')
    result = timed_load(scenario(tmp_path, main))
    assert codes(result) == ["SC205"]
    assert f"U+{ord(char):04X}" in result.diagnostics[0].message


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>",
    "mailto:someone@example.org", "-https://example.org", "--incognito", "docs/study.html", "/etc/passwd",
    "//example.org/x", "https://example.org/a study", " https://example.org", "https://", "http://-x.org",
    "ftp://example.org", "www.example.org", "https://exa\u200bmple.org",
])
def test_bad_source_urls_are_sc207(tmp_path, url):
    quoted = '"' + url.replace("\\", "\\\\").replace('"', '\\"').replace("\u200b", "\\u200b") + '"'
    main = BASE.replace("meters:\n", "facts:\n  study:\n    title: A study\n    text: It found little.\n"
                                     f"    source:\n      name: A journal\n      url: {quoted}\n\nmeters:\n", 1)
    result = timed_load(scenario(tmp_path, main))
    assert [(d.code, d.span.line, d.span.col) for d in result.diagnostics] == [("SC207", 12, 12)]
    assert result.diagnostics[0].hint


@pytest.mark.parametrize("url", ["https://example.org", "http://example.org/a?b=c#d", "HTTPS://EXAMPLE.ORG/x"])
def test_web_urls_are_accepted(tmp_path, url):
    main = BASE.replace("meters:\n", "facts:\n  study:\n    title: A study\n    text: It found little.\n"
                                     f"    source:\n      name: A journal\n      url: {url}\n\nmeters:\n", 1)
    result = timed_load(scenario(tmp_path, main))
    assert result.ok, [d.format() for d in result.diagnostics]


def test_shipped_scenarios_have_only_web_urls():
    for name in ("safe-city", "tutorial"):
        result = load_scenario(ROOT / "story" / name, all_languages=True)
        assert result.ok, [d.format() for d in result.errors]


def test_many_duplicate_choice_ids(tmp_path):
    main = BASE.replace("    choices:\n", "    choices:\n" + "      - {id: a, text: b, goto: end}\n" * 20_000)
    result = timed_load(scenario(tmp_path, main))
    assert set(codes(result)) == {"SC306"} and len(result.diagnostics) == 19_999


def test_many_flags(tmp_path):
    main = BASE.replace("flags:\n", "flags:\n" + "".join(f"  f{i}: Flag {i}\n" for i in range(50_000)))
    assert timed_load(scenario(tmp_path, main)).ok


def test_many_files(tmp_path):
    files = {f"parts/p{i}.yaml": f"scenes:\n  s{i}:\n    goto: end\n" for i in range(600)}
    folder = scenario(tmp_path, with_includes("parts/*.yaml"))
    write(folder, files)
    result = timed_load(folder)
    assert codes(result) == ["SC502"]  # more than 500 files


# --- known loader bugs found by the tests above ------------------------------------

def _no_exception(folder: Path):
    result = load_scenario(folder, all_languages=True)  # must not raise
    check_result(result, folder)
    return result


def test_huge_integer_literal(tmp_path):
    result = _no_exception(scenario(tmp_path, BASE.replace("start: 50", "start: " + "9" * 5000)))
    assert [(d.code, d.span.line, d.span.col) for d in result.diagnostics] in ([("SC201", 9, 12)], [("SC204", 9, 12)])


def test_integer_beyond_float_range(tmp_path):
    result = _no_exception(scenario(tmp_path, BASE.replace("start: 50", "start: " + "9" * 400)))
    assert [(d.code, d.span.line, d.span.col) for d in result.diagnostics] == [("SC204", 9, 12)]


def test_threshold_beyond_float_range(tmp_path):
    main = BASE.replace("    start: 50\n", "    start: 50\n    low:\n      at: " + "9" * 400 + "\n      goto: end\n")
    result = _no_exception(scenario(tmp_path, main))
    assert codes(result) == ["SC204"]


def test_spoken_line_with_only_a_bad_who(tmp_path):
    main = BASE.replace("    choices:\n", "    say:\n      - {who: 5}\n    choices:\n", 1)
    result = _no_exception(scenario(tmp_path, main))
    assert "SC201" in codes(result)


def test_main_file_symlinked_outside(tmp_path):
    (tmp_path / "outside.yaml").write_text(BASE)
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "scenario.yaml").symlink_to(tmp_path / "outside.yaml")
    result = _no_exception(folder)
    assert codes(result) in (["SC501"], ["SC100"])


def test_translation_symlinked_outside(tmp_path):
    (tmp_path / "outside.yaml").write_text("scenes:\n  intro:\n    text: Dehors\n")
    folder = scenario(tmp_path, BASE)
    (folder / "i18n").mkdir()
    (folder / "i18n" / "fr.yaml").symlink_to(tmp_path / "outside.yaml")
    result = timed_load(folder)
    assert codes(result) == ["SC501"]


_RUNNER = "import sys; from game.loader import load_scenario; load_scenario(sys.argv[1], all_languages=True)"


def _loads_within(folder: Path, seconds: float) -> bool:
    try:
        subprocess.run([sys.executable, "-c", _RUNNER, str(folder)], cwd=ROOT, capture_output=True,
                       timeout=seconds, check=False)
    except subprocess.TimeoutExpired:
        return False
    return True


def test_recursive_glob_through_symlink_loops(tmp_path):
    folder = scenario(tmp_path, with_includes("**/*.yaml"), parts__a_yaml="scenes: {}\n")
    (folder / "parts" / "up1").symlink_to("..")
    (folder / "parts" / "up2").symlink_to("..")
    assert _loads_within(folder, 4)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_include_of_a_named_pipe(tmp_path):
    folder = scenario(tmp_path, with_includes("pipe.yaml"))
    os.mkfifo(folder / "pipe.yaml")
    assert _loads_within(folder, 3)


def test_include_of_a_named_pipe_is_reported(tmp_path):
    folder = scenario(tmp_path, with_includes("pipe.yaml"))
    os.mkfifo(folder / "pipe.yaml")
    result = timed_load(folder)
    assert codes(result) == ["SC100"] and "pipe" in result.diagnostics[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@pytest.mark.parametrize("where", ["scenario.yaml", "i18n/fr.yaml"])
def test_main_and_translation_files_that_are_named_pipes(tmp_path, where):
    folder = tmp_path / "s"
    (folder / "i18n").mkdir(parents=True)
    if where != "scenario.yaml":
        (folder / "scenario.yaml").write_text(BASE)
    os.mkfifo(folder / where)
    result = timed_load(folder)
    assert codes(result) == ["SC100"]


def _loop(folder: Path, name: str) -> None:
    (folder / (name + ".a")).symlink_to(name + ".b")
    (folder / (name + ".b")).symlink_to(name + ".a")
    (folder / name).symlink_to(name + ".a")


@pytest.mark.parametrize("pattern", ["loop.yaml", "*.yaml", "**/*.yaml", "parts/loop.yaml", "parts/*.yaml"])
def test_symlink_loop_among_included_files(tmp_path, pattern):
    folder = scenario(tmp_path, with_includes(pattern), parts__ok_yaml="scenes: {}\n")
    _loop(folder, "loop.yaml")
    _loop(folder / "parts", "loop.yaml")
    result = timed_load(folder)
    assert "SC100" in codes(result)
    assert all(d.code in ("SC100", "SC502") for d in result.diagnostics), [d.format() for d in result.diagnostics]
    assert any("loop" in d.message for d in result.diagnostics)


def test_symlink_loop_as_a_folder_on_the_include_path(tmp_path):
    folder = scenario(tmp_path, with_includes("sub/x.yaml", "sub/*.yaml"))
    (folder / "sub").symlink_to("sub2")
    (folder / "sub2").symlink_to("sub")
    result = timed_load(folder)
    assert codes(result) == ["SC100", "SC100"]


@pytest.mark.parametrize("name", ["scenario.yaml", "."])
def test_symlink_loop_as_the_main_file_or_folder(tmp_path, name):
    if name == ".":
        target = tmp_path / "s"
        target.symlink_to("s")
    else:
        target = tmp_path / "s"
        target.mkdir()
        _loop(target, "scenario.yaml")
    result = timed_load(target)
    assert codes(result) == ["SC100"] and "loop" in result.diagnostics[0].message


def test_symlink_loop_as_a_translation(tmp_path):
    folder = scenario(tmp_path, BASE)
    (folder / "i18n").mkdir()
    _loop(folder / "i18n", "fr.yaml")
    result = timed_load(folder)
    assert codes(result) == ["SC100"]


@pytest.mark.parametrize("where", ["scenario.yaml", "part.yaml", "i18n/fr.yaml"])
def test_dangling_symlinks(tmp_path, where):
    folder = tmp_path / "s"
    (folder / "i18n").mkdir(parents=True)
    if where != "scenario.yaml":
        (folder / "scenario.yaml").write_text(with_includes("part.yaml"))
    if where == "i18n/fr.yaml":
        (folder / "part.yaml").write_text("scenes: {}\n")
    (folder / where).symlink_to("gone.yaml")
    result = timed_load(folder)
    assert codes(result) == ["SC100"] and "does not exist" in result.diagnostics[0].message


def test_path_longer_than_the_system_allows(tmp_path):
    result = timed_load(tmp_path / ("x" * 300))
    assert codes(result) == ["SC100"] and "longer" in result.diagnostics[0].message
    result = timed_load(tmp_path / "/".join(["y" * 200] * 30))
    assert codes(result) == ["SC100"]


@pytest.mark.parametrize("pattern", ["x" * 300 + ".yaml", "/".join(["y" * 200] * 30) + "/a.yaml",
                                     "x" * 300 + "/*.yaml"])
def test_include_path_longer_than_the_system_allows(tmp_path, pattern):
    result = timed_load(scenario(tmp_path, with_includes(pattern)))
    assert codes(result) and all(d.code in ("SC100", "SC502") for d in result.diagnostics)


@pytest.mark.parametrize("where", ["scenario.yaml", "part.yaml", "i18n/fr.yaml"])
def test_directory_where_a_file_is_expected(tmp_path, where):
    folder = tmp_path / "s"
    (folder / "i18n").mkdir(parents=True)
    if where != "scenario.yaml":
        (folder / "scenario.yaml").write_text(with_includes("part.yaml"))
    if where == "i18n/fr.yaml":
        (folder / "part.yaml").write_text("scenes: {}\n")
    (folder / where).mkdir()
    result = timed_load(folder)
    assert codes(result) in (["SC100"], ["SC502"])


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads every file")
@pytest.mark.parametrize("where", ["scenario.yaml", "part.yaml", "i18n/fr.yaml"])
def test_file_without_read_permission(tmp_path, where):
    folder = scenario(tmp_path, with_includes("part.yaml"), part_yaml="scenes: {}\n", i18n__fr_yaml="{}\n")
    (folder / where).chmod(0)
    try:
        result = timed_load(folder)
    finally:
        (folder / where).chmod(0o644)
    assert codes(result) == ["SC100"] and "permission" in result.diagnostics[0].message


# --- the command line on hostile folders --------------------------------------------

def run_check(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "game", "check", str(folder)], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=30)


HOSTILE = {
    "alias-bomb": (billion_laughs(12), "SC107"),
    "deep": ("{a: " * 100_000 + "1" + "}" * 100_000, "SC106"),
    "nul": (b"scenario:\x00\n", "SC104"),
    "latin1": (BASE.encode().replace(b"Demo", b"D\xe9mo"), "SC103"),
    "python-tag": ('scenario: !!python/object/apply:os.system ["echo hi"]\n', "SC108"),
    "escape": (with_includes("../../etc/passwd"), "SC501"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_cli_on_hostile_folder(tmp_path, name):
    content, code = HOSTILE[name]
    proc = run_check(scenario(tmp_path, content))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f" {code} error: " in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "hi\n" not in proc.stdout


def test_cli_on_crashing_folder(tmp_path):
    main = BASE.replace("    choices:\n", "    say:\n      - {}\n    choices:\n", 1)
    proc = run_check(scenario(tmp_path, main))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr


@pytest.mark.parametrize("where", ["scenario.yaml", "part.yaml", "i18n/fr.yaml"])
def test_file_without_read_permission_even_as_root(tmp_path, monkeypatch, where):
    # Root reads every file: the refusal the system would give a writer is simulated.
    import errno
    from game.loader import yaml_reader

    folder = scenario(tmp_path, with_includes("part.yaml"), part_yaml="scenes: {}\n", i18n__fr_yaml="{}\n")
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):
        if Path(path).as_posix().endswith(where):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(yaml_reader.os, "open", refusing_open)
    result = timed_load(folder)
    assert codes(result) == ["SC100"] and "permission" in result.diagnostics[0].message


ODD_PATHS = ["loop", "loop-include", "dangling", "fifo", "folder-as-file", "long-name", "long-path"]


def _odd_path(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "s"
    folder.mkdir()
    if name == "loop":
        _loop(folder, "scenario.yaml")
    elif name == "loop-include":
        (folder / "scenario.yaml").write_text(with_includes("*.yaml"))
        _loop(folder, "x.yaml")
    elif name == "dangling":
        (folder / "scenario.yaml").symlink_to("gone.yaml")
    elif name == "fifo":
        os.mkfifo(folder / "scenario.yaml")
    elif name == "folder-as-file":
        (folder / "scenario.yaml").mkdir()
    elif name == "long-name":
        return tmp_path / ("x" * 300)
    elif name == "long-path":
        return tmp_path / "/".join(["y" * 200] * 30)
    return folder


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@pytest.mark.parametrize("name", ODD_PATHS)
@pytest.mark.parametrize("command", ["check", "graph", "explore"])
def test_cli_on_odd_paths(tmp_path, name, command):
    target = _odd_path(tmp_path, name)
    proc = subprocess.run([sys.executable, "-m", "game", command, str(target)], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=30)
    assert "Traceback" not in proc.stdout + proc.stderr
    if name.startswith("long-"):
        # A path the system cannot even look up is a wrong command line (exit 2), like a missing one.
        assert proc.returncode == 2 and "longer than the system allows" in proc.stderr, proc.stderr
        return
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert " SC100 error: " in proc.stdout + proc.stderr


UNSAFE = ["\x1b", "\x9b", "\x07", "\x85", "\x9d", "\r", "\u202e", "\u200b"]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_cli_never_prints_raw_control_or_invisible_characters(tmp_path, fmt):
    # A bad id, an unknown key and a bad URL holding escapes and overrides: the messages quote them.
    main = BASE.replace("      - id: wait\n", '      - id: "wa\\u202eit\\u200b"\n').replace(
        "meters:\n", '"sce\\u202enes\\u200b": {}\n\nmeters:\n', 1).replace(
        "  signed: The contract is signed\n", '  signed: The contract is signed\n  "sp\\u2066oken": Spoken\n')
    folder = scenario(tmp_path, main, more_yaml='scenes:\n  x:\n    text: "\\e]52;c;eA==\\a\\x9b2J\\u0085\\r"\n')
    weird = tmp_path / "s\x1b[31m\u202e"
    folder.rename(weird)
    proc = subprocess.run([sys.executable, "-m", "game", "check", "--format", fmt, str(weird)], cwd=ROOT,
                          capture_output=True, timeout=30)
    out = proc.stdout.decode("utf-8") + proc.stderr.decode("utf-8")
    assert proc.returncode == 1, out
    assert "Traceback" not in out
    for char in UNSAFE:
        assert char not in out, f"U+{ord(char):04X} printed raw"
    assert "<U+202E>" in out and "<U+001B>" in out  # shown, not hidden


def test_cli_never_prints_raw_sequences_from_a_translation_or_include(tmp_path):
    folder = scenario(tmp_path, with_includes("more.yaml"), more_yaml='scenes:\n  "\\e[2Jx": {text: a, goto: end}\n',
                      i18n__fr_yaml='scenes:\n  "intro\\x9b": "\\e]0;t\\a"\n')
    proc = subprocess.run([sys.executable, "-m", "game", "check", str(folder)], cwd=ROOT, capture_output=True,
                          timeout=30)
    out = proc.stdout.decode("utf-8") + proc.stderr.decode("utf-8")
    assert proc.returncode == 1 and "SC109" in out
    assert not any(char in out for char in UNSAFE), out
