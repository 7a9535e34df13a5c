"""What a load gives: the scenario (or None) and what is wrong with the story."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.model.diagnostics import Diagnostic
from game.model.scenario import Scenario


@dataclass
class LoadResult:
    scenario: Scenario | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not self.errors
