"""Finds where a piece of a YAML value stands in its file.

A condition or text may be quoted, folded over several lines or written as a
block (`|`, `>`); the parser hands over the value without its quotes and
indentation. To point a writer at the exact word inside it, we walk the raw
file from the value's start alongside the value, treating any run of spaces
and line breaks in one as matching any such run in the other.
"""

from __future__ import annotations


def line_starts(text: str) -> list[int]:
    starts = [0]
    index = text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def locate(text: str, starts: list[int], line: int, col: int, value: str, offset: int) -> tuple[int, int]:
    """The (line, col) of value[offset], given that the value starts at (line, col). Both count from 1."""
    if not 1 <= line <= len(starts):
        return line, col
    raw = starts[line - 1] + col - 1
    end = len(text)
    if raw < end and text[raw] in "|>":
        # A block scalar: its content starts on the next line, after the indentation.
        newline = text.find("\n", raw)
        if newline == -1:
            return line, col
        raw = newline + 1
        while raw < end and text[raw] in " \t\r\n":     # the indentation, and blank lines before the text
            raw += 1
    elif raw < end and text[raw] in "\"'":
        raw += 1
    i = 0
    while i < offset and i < len(value):
        if value[i].isspace():
            while i < len(value) and value[i].isspace() and i < offset:
                i += 1
            while raw < end and text[raw] in " \t\r\n":
                raw += 1
            continue
        if raw >= end or text[raw] != value[i]:
            return line, col  # escapes or folding we cannot follow: the value's start is still right
        raw += 1
        i += 1
    while raw < end and text[raw] in " \t\r\n" and i < len(value) and not value[i].isspace():
        raw += 1
    found_line = _line_of(starts, raw)
    return found_line, raw - starts[found_line - 1] + 1


def _line_of(starts: list[int], position: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        mid = (low + high + 1) // 2
        if starts[mid] <= position:
            low = mid
        else:
            high = mid - 1
    return low + 1
