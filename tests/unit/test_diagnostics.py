"""One broken scenario per diagnostic code, each checked for its code AND its position.

Every folder under tests/data/ is a scenario with (at most) one mistake, and an
`expected.txt` beside it listing, one per line, what the loader must report:

    scenario.yaml:7:15: SC301
    i18n/fr.yaml:3:5: SC202 | did you mean `text`

that is `file:line:col: CODE`, the file relative to the fixture folder, and
optionally ` | text` that the hint must contain. Lines starting with `#` are
comments (each file starts with one saying what the mistake is). The test
asserts that exactly these (file, line, col, code) are reported, no more and no
fewer, that every message is non-empty and that unknown-id codes offer a
"did you mean" hint. Folders are named `<code>-<name>[-<variant>]`.

Fixtures of lint codes (SC7xx, folders named `SC7...`) are checked with
load_scenario followed by `lint()`, as `safecity check` runs them; the others
with load_scenario alone.

A few fixtures are generated into tmp_path instead of being committed (a 9 MiB
file has no place in the repository): see GENERATED.

Fixtures whose expectation the loader does not meet yet are marked xfail
(strict) in KNOWN_BUGS, with the reason; fixing the bug makes them pass, and
strict=True then asks for the mark to be removed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from game.analysis.lint import lint
from game.loader import load_scenario
from game.model.codes import CODES
from game.model.diagnostics import Severity

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"

# Codes for a reference to something that does not exist: the writer most often
# made a typo, so the hint must propose the closest id (the fixtures use typos).
# SC307 is not listed: with no `start:` at all there is nothing to match; its
# fixture with a typo asks for the hint explicitly.
UNKNOWN_ID_CODES = {"SC301", "SC302", "SC303", "SC304", "SC305", "SC309", "SC402", "SC601"}

_LINE = re.compile(r"(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>SC\d{3})(?: \| (?P<hint>.+))?\Z")

# Loader bugs: the fixture states what should happen; the loader does otherwise.
KNOWN_BUGS: dict[str, str] = {}


# --- fixtures generated at test time ---------------------------------------------

# The valid scenario most committed fixtures were made from (one change each).
BASE = """\
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

characters:
  chief:
    name: Chief Martin

scenes:
  intro:
    text: The budget is {budget}.
    say:
      - chief: We could buy cameras.
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
"""


def _too_large(folder: Path) -> None:
    # A valid scenario padded with comments to 9 MiB (the limit is 8 MiB).
    text = BASE
    padding = ("# " + "x" * 1021 + "\n") * (9 * 1024)
    (folder / "scenario.yaml").write_text(text + padding, encoding="utf-8")


def _too_large_included(folder: Path) -> None:
    text = BASE.replace("  start: intro\n", "  start: intro\n  includes:\n    - big.yaml\n")
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")
    (folder / "big.yaml").write_text("scenes: {}\n" + ("# " + "x" * 1021 + "\n") * (9 * 1024), encoding="utf-8")


def _text_too_large(folder: Path) -> None:
    # One choice text of 100,001 characters (the limit is 100,000; the longest shipped text is under 1,000).
    text = BASE.replace("        text: Wait\n", "        text: " + "w" * 100_001 + "\n")
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")


def _long_text_repeated(folder: Path) -> None:
    # A 90,000-character text referred to by 400 aliases: 36 million characters from a 90 kB file.
    text = BASE.replace("    text: The budget is {budget}.\n", "    text: &long " + "x" * 90_000 + "\n")
    text = text.replace("      title: The end\n", "      title: The end\n    tags: [" + ", ".join(["*long"] * 400) + "]\n")
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")


GENERATED = {
    "SC110-text-too-large": (_text_too_large, ["scenario.yaml:32:15: SC110"]),
    "SC107-alias-bomb-long-text": (_long_text_repeated, ["scenario.yaml:37:2616: SC107"]),
    "SC105-file-too-large": (_too_large, ["scenario.yaml:0:0: SC105"]),
    "SC105-file-too-large-included": (_too_large_included, ["big.yaml:0:0: SC105"]),
}


# --- helpers ---------------------------------------------------------------------

def fixture_dirs() -> list[Path]:
    return sorted(p for p in DATA.iterdir() if p.is_dir() and (p / "expected.txt").is_file())


def parse_expected(lines) -> list[tuple[str, int, int, str, str | None]]:
    result = []
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        assert match, f"bad expected line: {raw!r}"
        result.append((match["file"], int(match["line"]), int(match["col"]), match["code"], match["hint"]))
    return result


def relative_file(shown: str, folder: Path) -> str:
    """A diagnostic's file, relative to the fixture folder (it is shown relative to the cwd)."""
    return Path(os.path.relpath(Path(shown).absolute(), folder.absolute())).as_posix()


def is_lint_fixture(folder: Path) -> bool:
    return folder.name.startswith("SC7")


def reported(folder: Path):
    result = load_scenario(folder, all_languages=True)
    diagnostics = list(result.diagnostics)
    if is_lint_fixture(folder):
        assert result.ok, f"a lint fixture must load cleanly: {[d.format() for d in result.diagnostics]}"
        diagnostics += lint(result.scenario)
    return [(relative_file(d.span.file, folder), d.span.line, d.span.col, d.code, d) for d in diagnostics]


def check_fixture(folder: Path, expected) -> None:
    got = reported(folder)
    want = Counter((f, line, col, code) for f, line, col, code, _ in expected)
    have = Counter((f, line, col, code) for f, line, col, code, _ in got)
    listing = "\n".join(f"  {f}:{line}:{col}: {d.code} {d.severity.value}: {d.message}  (hint: {d.hint})"
                        for f, line, col, _, d in got)
    assert have == want, f"reported:\n{listing or '  nothing'}\nexpected:\n" + "\n".join(
        f"  {f}:{line}:{col}: {code}" for f, line, col, code, _ in expected)
    for _, _, _, code, d in got:
        assert d.message.strip(), f"{code}: empty message"
        assert d.severity in ((Severity.ERROR, Severity.WARNING, Severity.INFO) if code.startswith("SC7")
                              else (Severity.ERROR, Severity.WARNING))
        assert d.severity is CODES[code].severity
        if code in UNKNOWN_ID_CODES:
            assert "did you mean" in d.hint, f"{code}: hint {d.hint!r} proposes no close id"
    for f, line, col, code, hint in expected:
        if hint:
            hints = [d.hint for g, l_, c, k, d in got if (g, l_, c, k) == (f, line, col, code)]
            assert any(hint in h for h in hints), f"{code} at {f}:{line}:{col}: no hint contains {hint!r}: {hints}"


def _params():
    for folder in fixture_dirs():
        marks = []
        if folder.name in KNOWN_BUGS:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[folder.name]))
        yield pytest.param(folder, id=folder.name, marks=marks)


# --- the fixtures ------------------------------------------------------------------

@pytest.mark.parametrize("folder", list(_params()))
def test_fixture_reports_expected_diagnostics(folder: Path):
    expected = parse_expected((folder / "expected.txt").read_text(encoding="utf-8").splitlines())
    check_fixture(folder, expected)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_fixture(name, tmp_path):
    make, lines = GENERATED[name]
    folder = tmp_path / name
    folder.mkdir()
    make(folder)
    check_fixture(folder, parse_expected(lines))


def test_every_code_has_a_fixture():
    names = [p.name for p in fixture_dirs()] + list(GENERATED)
    covered = {name.split("-", 1)[0] for name in names}
    missing = sorted(set(CODES) - covered)
    assert not missing, f"codes without a broken fixture under tests/data/: {missing}"


def test_fixture_names_and_expectations_agree():
    """A fixture named after a code expects that code (so a renamed code leaves no stale fixture)."""
    folders = [p for p in DATA.iterdir() if p.is_dir()]
    for folder in folders:
        assert (folder / "expected.txt").is_file(), f"{folder.name} has no expected.txt"
        if folder.name == "clean":
            assert not parse_expected((folder / "expected.txt").read_text(encoding="utf-8").splitlines())
            continue
        code, _, rest = folder.name.partition("-")
        assert code in CODES, f"{folder.name}: {code} is not a code in codes.py"
        assert rest.startswith(CODES[code].name), f"{folder.name} should be named {code}-{CODES[code].name}[-variant]"
        expected = parse_expected((folder / "expected.txt").read_text(encoding="utf-8").splitlines())
        assert code in {e[3] for e in expected}, f"{folder.name}: expected.txt does not list {code}"
    for name in KNOWN_BUGS:
        assert (DATA / name).is_dir(), f"KNOWN_BUGS names a missing fixture: {name}"


def test_clean_fixture_loads():
    result = load_scenario(DATA / "clean", all_languages=True)
    assert result.ok and result.diagnostics == []
    assert result.scenario.start == "intro" and "fr" in result.scenario.languages


def test_tagged_yaml_never_runs_its_command(tmp_path, monkeypatch):
    """The SC108 fixture's tag would write pwned.txt if a loader ever constructed it."""
    monkeypatch.chdir(tmp_path)
    codes = [d.code for d in load_scenario(DATA / "SC108-yaml-unsupported").diagnostics]
    assert codes == ["SC108"]
    assert not (tmp_path / "pwned.txt").exists()


# --- the command line, once per exit code --------------------------------------------

def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "game", "check", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


def test_cli_exit_0_on_clean_fixture():
    proc = run_cli("tests/data/clean")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ok" in proc.stdout and "Traceback" not in proc.stderr


def test_cli_exit_1_on_broken_fixture():
    proc = run_cli("tests/data/SC301-unknown-scene")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "tests/data/SC301-unknown-scene/scenario.yaml:30:15: SC301 error:" in proc.stdout
    assert "hint: did you mean `end`?" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_cli_exit_2_on_bad_invocation():
    proc = run_cli("tests/data/clean", "--no-such-option")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "--no-such-option" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_exit_2_on_missing_path():
    proc = run_cli("tests/data/no-such-scenario")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "no-such-scenario" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_json_output():
    proc = run_cli("tests/data/SC301-unknown-scene", "--format", "json")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert report["errors"] == 1 and report["warnings"] == 0
    (d,) = report["diagnostics"]
    assert d["code"] == "SC301" and d["severity"] == "error"
    assert d["file"].replace("\\", "/") == "tests/data/SC301-unknown-scene/scenario.yaml"
    assert (d["line"], d["col"]) == (30, 15)
    assert d["message"] and "did you mean" in d["hint"]


def test_cli_json_output_clean():
    proc = run_cli("tests/data/clean", "--format", "json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout)["diagnostics"] == []
