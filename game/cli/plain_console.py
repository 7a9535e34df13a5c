"""Plain lines of text in and out, for the plain player, the quiz and joining a class.

One place reads a line (ASCII digits only count as numbers; a pasted blob is read to
its end and refused whole) and one place writes (every byte through PrintableWriter,
so nothing from a story, a save or the keyboard reaches the terminal raw).
"""

from __future__ import annotations

import re
import shutil
import sys
import textwrap

from game.i18n import _f
from game.model.safe_text import PrintableWriter, printable, shorten

# What the prompt takes as a number: ASCII digits only (str.isdigit() also accepts "²" and "٣",
# which int() refuses or reads as another number).
NUMBER = re.compile(r"[0-9]+")
LINE_LIMIT = 4096       # longer input lines are read in pieces and refused whole
ECHO_LIMIT = 200        # an echoed line is cut to this many characters


class PlainConsole:
    def __init__(self, out=None, inp=None):
        if out is None or inp is None:
            tolerant_std_streams()
        # Every byte written goes through this stream, which removes control characters:
        # story text, echoed input, paths and messages never reach the terminal raw.
        self.out = PrintableWriter(out or sys.stdout)
        self.inp = inp or sys.stdin
        self.echo = not getattr(self.inp, "isatty", lambda: False)()
        self.width = min(shutil.get_terminal_size((80, 24)).columns, 100)

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def wrap(self, text: str, indent: str = "", hanging: bool = True) -> None:
        """Wrapped paragraphs; list items hang under their text; web addresses are never cut."""
        for paragraph in printable(text).split("\n"):      # filtered first, so lines are measured right
            if not paragraph.strip():
                self.say()
                continue
            lead = re.match(r"\s*([-*]|\d+\.)\s+", paragraph) if hanging else None
            sub = indent + " " * (len(lead.group(0)) if lead else 0)
            self.say(textwrap.fill(paragraph, self.width, initial_indent=indent, subsequent_indent=sub,
                                   break_long_words=False, break_on_hyphens=False))

    def read_line(self) -> str | None:
        """The next input line without its line break, or None at the end of input.

        A line longer than LINE_LIMIT is read to its end in pieces and comes back cut (it
        is then no command), so no piece of a pasted blob is ever taken as a choice.
        """
        line = self.inp.readline(LINE_LIMIT)
        if not line:
            return None
        rest = line
        while len(rest) == LINE_LIMIT and not rest.endswith("\n"):
            rest = self.inp.readline(LINE_LIMIT)
        return line.rstrip("\n")

    def ask(self, prompt: str = "> ") -> str | None:
        """One line typed, stripped (and echoed when input is not a terminal), or None when input ended."""
        self.out.write(prompt)
        self.out.flush()
        line = self.read_line()
        if line is None:
            self.say()
            return None
        text = line.strip()
        if self.echo:
            self.say(shorten(text, ECHO_LIMIT))
        return text

    def number(self, low: int, high: int, prompt: str = "> ") -> int | str | None:
        """A number from low to high, "q", or None when input ended; asks again otherwise."""
        while True:
            text = self.ask(prompt)
            if text is None:
                return None
            if text.lower() in ("q", "quit"):
                return "q"
            value = small_number(text) if NUMBER.fullmatch(text) else None
            if value is not None and low <= value <= high:
                return value
            self.say(_f("Type a number from {low} to {high} (or q to stop for now).", low=low, high=high))


def small_number(digits: str) -> int | None:
    """ASCII digits as an int, or None when there are too many to be any choice or card
    (int() refuses more than 4,300 digits, and no scene has a billion choices)."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= 9 else None


def tolerant_std_streams() -> None:
    """Undecodable input becomes U+FFFD and unprintable output `?`, instead of an error."""
    for stream in (sys.stdin, sys.stdout):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError, OSError):
            pass
