"""What several commands share: load a scenario, or say why it cannot be used."""

from __future__ import annotations

import sys

from game.loader import load_scenario
from game.model.safe_text import visible_line
from game.model.scenario import Scenario


def load_or_report(path, command: str) -> Scenario | None:
    """The scenario, or None after printing its errors (the command then exits 1)."""
    result = load_scenario(path)
    if result.ok:
        return result.scenario
    for d in result.errors[:20]:
        sys.stderr.write(d.format() + "\n")
    shown = visible_line(str(path))
    sys.stderr.write(f"safecity {command}: {shown} has errors; fix them first (safecity check {shown})\n")
    return None
