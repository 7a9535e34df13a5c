"""Problems found in a scenario, as values: code, severity, location, message, hint.

Writers see these; they never see a Python traceback. Codes are stable so that
documentation, tests and per-scenario severity settings can name them.
"""

from __future__ import annotations

from enum import Enum

from game.model.record import record
from game.model.safe_text import visible, visible_line


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@record
class Span:
    """A place in a story file. Lines and columns count from 1."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        file = visible_line(self.file)  # a path is the writer's (or anyone's) text too
        if self.line <= 0:
            return file
        return f"{file}:{self.line}:{self.col}"


@record
class Diagnostic:
    code: str
    severity: Severity
    message: str
    span: Span
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        """One report for a terminal. Messages quote ids, keys, values and paths from the story:
        a control or invisible character among them is written out as <U+XXXX>, never raw."""
        text = f"{self.span}: {self.code} {self.severity.value}: {visible_line(self.message)}"
        if self.hint:
            text += f"\n    hint: {visible_line(self.hint)}"
        return text

    def to_json(self) -> dict:
        """The same for `check --format json`, made safe the same way (JSON written with
        ensure_ascii=False would keep C1 controls and bidirectional overrides raw)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": visible_line(self.span.file),
            "line": self.span.line,
            "col": self.span.col,
            "message": visible(self.message),
            "hint": visible(self.hint),
        }


def sort_key(d: Diagnostic) -> tuple:
    return (d.span.file, d.span.line, d.span.col, d.code)
