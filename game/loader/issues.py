"""Builds diagnostics from the code table, so severities live in one place."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from game.model.codes import CODES
from game.model.diagnostics import Diagnostic, Span


def problem(code: str, span: Span, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(code, CODES[code].severity, message, span, hint)


def did_you_mean(name: str, known: Iterable[str]) -> str:
    known = [str(k) for k in known]
    close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    if 0 < len(known) <= 8:
        return "known: " + ", ".join(f"`{k}`" for k in sorted(known))
    return ""
