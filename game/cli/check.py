"""`safecity check PATH`: report every problem in a scenario, for writers and CI."""

from __future__ import annotations

import json
import sys

from game.analysis.lint import apply_severities, lint
from game.loader import load_scenario
from game.model.diagnostics import Severity, sort_key
from game.model.safe_text import PrintableWriter, shorten, visible_line
from game.paths import scenario_path_problem

EXIT_CLEAN, EXIT_STORY_ERRORS, EXIT_USAGE = 0, 1, 2


def run_check(path, fmt: str = "text", out=None) -> int:
    out = PrintableWriter(out or sys.stdout)     # paths and story text may hold anything
    problem = scenario_path_problem(path)      # never raises (a name too long), never opens a FIFO
    if problem:
        sys.stderr.write(f"safecity check: {shorten(str(path))}: {problem}\n")
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
        json.dump({"path": visible_line(str(path)), "errors": errors, "warnings": warnings,
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
            out.write(f"{visible_line(str(path))}: ok ({counts})\n")
    return EXIT_STORY_ERRORS if errors else EXIT_CLEAN


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
