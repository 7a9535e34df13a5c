"""The grammar of writer text, in one place: `{name}` inserts a value, `{{` and `}}` are literal
braces, `[[term]]` links a glossary entry. The loader checks it, the engine fills it in, the
analysis tools read it and the front ends draw its links: all through these patterns."""

from __future__ import annotations

import re

# `{{`, `}}`, or `{name}` (group 1: the name, as written; the loader reports unknown names).
SUBSTITUTION = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
# `[[term]]` (group 1: the term, as written).
TERM_LINK = re.compile(r"\[\[([^\[\]]+)\]\]")
# Markdown's **strong** / __strong__ and *emphasis*, for front ends that show plain text.
EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)")


def inserted_names(text: str) -> list[str]:
    """The names of every `{name}` in `text`, as written."""
    return [match.group(1) for match in SUBSTITUTION.finditer(text) if match.group(1) is not None]


def linked_terms(text: str) -> list[str]:
    """The terms of every `[[term]]` in `text`, stripped."""
    return [match.group(1).strip() for match in TERM_LINK.finditer(text)]


def unlink(text: str) -> str:
    """Plain text for front ends that cannot show links: [[CNIL]] -> CNIL."""
    return TERM_LINK.sub(lambda match: match.group(1), text)


def plain_markdown(text: str) -> str:
    """Text for plain lines: no [[links]], no ** or * around emphasis."""
    return EMPHASIS.sub(lambda match: match.group(2) or match.group(3), unlink(text))
