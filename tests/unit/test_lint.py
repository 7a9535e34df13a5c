"""Lint severities set per scenario with `lint:` in the `scenario:` header."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from game.analysis.lint import apply_severities, lint
from game.loader import load_scenario
from game.model.diagnostics import Severity

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "SC705-silent-character"


def with_lint(tmp_path: Path, settings: str) -> Path:
    folder = tmp_path / "story"
    shutil.copytree(FIXTURE, folder)
    path = folder / "scenario.yaml"
    header = f"  start: intro\n  lint:\n{settings}" if settings else "  start: intro\n"
    text = path.read_text(encoding="utf-8").replace("  start: intro\n", header, 1)
    path.write_text(text, encoding="utf-8")
    return folder


def check(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "game", "check", str(folder)], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


def findings(folder: Path):
    result = load_scenario(folder)
    assert result.ok, result.diagnostics
    return apply_severities(lint(result.scenario), result.scenario.lint)


def test_default_severity_is_a_warning_and_check_passes(tmp_path):
    folder = with_lint(tmp_path, "")
    (d,) = findings(folder)
    assert (d.code, d.severity) == ("SC705", Severity.WARNING)
    proc = check(folder)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "SC705 warning" in proc.stdout and "1 warning" in proc.stdout


def test_off_hides_the_finding(tmp_path):
    folder = with_lint(tmp_path, "    SC705: off\n")
    assert load_scenario(folder).scenario.lint == {"SC705": "off"}
    assert findings(folder) == []
    proc = check(folder)
    assert proc.returncode == 0 and "SC705" not in proc.stdout and "ok" in proc.stdout


def test_info_lowers_it(tmp_path):
    folder = with_lint(tmp_path, "    SC705: info\n")
    (d,) = findings(folder)
    assert d.severity is Severity.INFO
    proc = check(folder)
    assert proc.returncode == 0 and "SC705 info" in proc.stdout


def test_error_makes_check_exit_1(tmp_path):
    folder = with_lint(tmp_path, "    SC705: error\n")
    proc = check(folder)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "SC705 error" in proc.stdout and "1 error" in proc.stdout


def test_a_bad_setting_is_reported_by_the_loader(tmp_path):
    folder = with_lint(tmp_path, "    SC705: loud\n    nonsense: off\n")
    result = load_scenario(folder)
    assert sorted(d.code for d in result.diagnostics) == ["SC204", "SC205"]
    assert not result.ok


def test_lint_is_not_part_of_loading():
    assert [d.code for d in load_scenario(FIXTURE).diagnostics] == []


def test_shipped_stories_have_no_lint_warnings():
    for story in ("tutorial", "safe-city"):
        result = load_scenario(ROOT / "story" / story)
        assert result.ok
        bad = [d.format() for d in apply_severities(lint(result.scenario), result.scenario.lint)
               if d.severity is not Severity.INFO]
        assert not bad, bad
