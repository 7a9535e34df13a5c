"""`safecity check PATH`: report every problem in a scenario, for writers and CI."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from game.analysis.lint import apply_severities, lint
from game.loader import load_scenario
from game.model.diagnostics import Severity, sort_key

EXIT_CLEAN, EXIT_STORY_ERRORS, EXIT_USAGE = 0, 1, 2


def run_check(path, fmt: str = "text", out=None) -> int:
    out = out or sys.stdout
    if not Path(path).exists():
        sys.stderr.write(f"safecity check: {path}: no such file or folder\n")
        return EXIT_USAGE
    result = load_scenario(path, all_languages=True)
    diagnostics = list(result.diagnostics)
    if result.ok:
        # Lint only a scenario that loads cleanly; its `lint:` header sets the severities.
        findings = apply_severities(lint(result.scenario), result.scenario.lint)
        diagnostics = sorted(diagnostics + findings, key=sort_key)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = sum(1 for d in diagnostics if d.severity is Severity.WARNING)
    if fmt == "json":
        json.dump({"path": str(path), "errors": errors, "warnings": warnings,
                   "diagnostics": [d.to_json() for d in diagnostics]}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for d in diagnostics:
            out.write(d.format() + "\n")
        if errors or warnings:
            out.write(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}\n")
        else:
            s = result.scenario
            counts = ", ".join(_count(len(items), noun) for items, noun in
                               ((s.scenes, "scene"), (s.meters, "meter"), (s.flags, "flag"), (s.facts, "fact")))
            out.write(f"{path}: ok ({counts})\n")
    return EXIT_STORY_ERRORS if errors else EXIT_CLEAN


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
