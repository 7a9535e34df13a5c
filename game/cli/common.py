"""What several commands share: load a scenario, or say why it cannot be used."""

from __future__ import annotations

import sys

from game.loader import load_scenario
from game.model.safe_text import PrintableWriter
from game.model.scenario import Scenario


def load_or_report(path, command: str, language: str | None = None) -> Scenario | None:
    """The scenario (in `language`, if given), or None after printing its errors (the command then exits 1)."""
    result = load_scenario(path, language)
    if result.ok:
        return result.scenario
    err = PrintableWriter(sys.stderr)       # paths and story text may hold anything
    for d in result.errors[:20]:
        err.write(d.format() + "\n")
    err.write(f"safecity {command}: {path} has errors; fix them first (safecity check {path})\n")
    return None
