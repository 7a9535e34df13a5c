"""Text that may reach a terminal: what a story, a save or a player may not put there.

Story files, saves and typed input are untrusted. A control character in them could
move the cursor, clear the screen, set the window title or write the clipboard
(escape sequences), and bidirectional overrides or invisible characters could make an
id or a choice read differently from what it is. The loader refuses them in texts
(SC109) and every front end passes what it prints through `printable`, so a sequence
never reaches the terminal raw even when it comes from elsewhere (a path, an error).
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 controls (0x80-0x9f: 0x9b is a
# one-byte CSI on terminals that honour 8-bit controls).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Lone surrogates: how Python keeps undecodable bytes of a path, an argument or input
# (surrogateescape); written back the same way they would be those raw bytes again (0x9b...).
SURROGATE = re.compile(r"[\ud800-\udfff]")
# Characters that change how the text around them is shown without showing themselves:
# bidirectional embeddings, overrides and isolates, zero-width spaces and joiners, the
# byte-order mark, the Arabic letter mark, word joiner and invisible operators.
INVISIBLE = re.compile(r"[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# The characters that make a terminal show the text after them reordered ("Trojan Source").
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# One line: the same, and no line breaks either.
LINE_BREAKS = re.compile(r"[\n\t\u2028\u2029\x85]")


def control_characters(text: str) -> list[str]:
    """The control characters in `text` (tab and newline allowed), as U+XXXX names."""
    return sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(text)})


def invisible_characters(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in INVISIBLE.findall(text)})


def printable(text: str) -> str:
    """`text` without control characters (newlines and tabs kept) and without the characters that
    reorder what follows them (bidi embeddings, overrides, isolates): safe to write to a terminal.
    Undecodable bytes (lone surrogates) become U+FFFD."""
    if not isinstance(text, str):
        text = str(text)
    return BIDI.sub("", CONTROL.sub("", SURROGATE.sub("\ufffd", text)))


def printable_line(text: str) -> str:
    """One line, safe to write to a terminal: controls removed, line breaks made spaces,
    invisible and direction-changing characters removed (for ids, names, paths)."""
    return INVISIBLE.sub("", LINE_BREAKS.sub(" ", printable(text)))


# Spaces a line may break at: every white space but the no-break ones (French puts them before ? : ;).
BREAKING_SPACES = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def one_line(text: str) -> str:
    """`text` on one line, each run of spaces and line breaks made one space; no-break spaces stay
    (`" ".join(text.split())` would make them ordinary spaces, and a line could then start with « ? »)."""
    return BREAKING_SPACES.sub(" ", text).strip(" ")


def is_web_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host: the only links a player may open.

    `javascript:`, `file:`, `data:` and a leading `-` (which a browser would take as an
    option) are refused, and so is anything with spaces or control characters.
    """
    if not isinstance(url, str) or not url or url != url.strip() or CONTROL.search(url) or INVISIBLE.search(url):
        return False
    if any(c.isspace() for c in url):
        return False
    scheme, sep, rest = url.partition("://")
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return bool(sep) and scheme.lower() in ("http", "https") and bool(host) and not host.startswith("-")


def shorten(text: str, limit: int = 80) -> str:
    """`printable_line(text)`, cut to `limit` characters with an ellipsis: for echoing
    something long that the player or a file supplied (a pasted line, a value, a path)."""
    line = printable_line(text)
    return line if len(line) <= limit else line[: max(limit - 1, 0)] + "…"


class PrintableWriter:
    """A text stream whose every write goes through `printable`: one choke point for a
    front end that prints story text, input echoes, paths and error messages.

    Removing the control characters one by one is stateless, so a sequence split across
    two writes loses its ESC all the same. Everything else (flush, isatty, encoding...)
    is the wrapped stream's.
    """

    def __init__(self, stream):
        self.stream = stream.stream if isinstance(stream, PrintableWriter) else stream

    def write(self, text: str) -> int:
        self.stream.write(printable(text))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name):
        return getattr(self.stream, name)


# Names writers may recognise, for the characters a diagnostic reports.
_NAMES = {
    0x00: "NUL", 0x07: "BEL, bell", 0x08: "BS, backspace", 0x0B: "VT, vertical tab", 0x0C: "FF, form feed",
    0x0D: "CR, carriage return", 0x1B: "ESC, escape", 0x7F: "DEL, delete", 0x85: "NEL, next line",
    0x9B: "CSI, control sequence introducer", 0x9D: "OSC, operating system command",
    0x200B: "zero width space", 0x200C: "zero width non-joiner", 0x200D: "zero width joiner",
    0x200E: "left-to-right mark", 0x200F: "right-to-left mark", 0x202A: "left-to-right embedding",
    0x202B: "right-to-left embedding", 0x202C: "pop directional formatting", 0x202D: "left-to-right override",
    0x202E: "right-to-left override", 0x2060: "word joiner", 0x2066: "left-to-right isolate",
    0x2067: "right-to-left isolate", 0x2068: "first strong isolate", 0x2069: "pop directional isolate",
    0xFEFF: "zero width no-break space (byte-order mark)", 0x061C: "Arabic letter mark",
}


def character_name(char: str) -> str:
    """U+001B (ESC, escape): the code, and a name where one helps."""
    code = ord(char)
    name = _NAMES.get(code)
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def character_names(chars) -> str:
    """The distinct characters of `chars`, named, in code order: "U+001B (ESC, escape), U+0007 (...)"."""
    return ", ".join(character_name(c) for c in sorted(set(chars)))


_UNSAFE = re.compile(CONTROL.pattern[:-1] + INVISIBLE.pattern[1:-1] + "]")
_UNSAFE_LINE = re.compile(CONTROL.pattern[:-1] + INVISIBLE.pattern[1:-1] + r"\n\t\u2028\u2029]")


def visible(text: str) -> str:
    """`text` safe to write to a terminal, with each control, invisible or direction-changing
    character written out as <U+XXXX> rather than dropped, so that a writer sees what is there
    (newlines and tabs kept)."""
    if not isinstance(text, str):
        text = str(text)
    return _UNSAFE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def visible_line(text: str) -> str:
    """The same on one line: line breaks and tabs written out too (for paths and ids)."""
    if not isinstance(text, str):
        text = str(text)
    return _UNSAFE_LINE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)
