"""Reads one YAML file into plain Python values that remember where they came from.

Why not yaml.safe_load: it silently keeps the last of two duplicate keys, expands
alias bombs without limit, turns `no` into False, and forgets line numbers. We
take the C parser's event stream (fast, and it never recurses) and build the
values ourselves, checking limits as we go.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

import yaml

from game.model.diagnostics import Diagnostic, Span
from game.model.safe_text import CONTROL, character_names
from game.loader.fs import os_problem
from game.loader.issues import problem

try:  # the C parser is much faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
# Aliases may repeat a piece of the document; the total size after expansion is
# capped at this many nodes beyond the document itself...
ALIAS_BUDGET = 100_000
# ...and at this many characters of text (keys and values) added by the aliases: one
# long text repeated by thousands of aliases is as costly as thousands of nodes.
ALIAS_TEXT_BUDGET = 4 * MAX_FILE_BYTES
# One text (a value or a key): the longest shipped text is under 1,000 characters.
MAX_TEXT_CHARS = 100_000
# Problems reported per file before the rest are left for the next check.
MAX_PROBLEMS = 20


class YMap(dict):
    """A mapping with the position of itself, of each key and of each value."""

    __slots__ = ("file", "line", "col", "key_pos", "val_pos", "dropped")

    def pos(self, key=None) -> Span:
        if key is None or key not in self.val_pos:
            return Span(self.file, self.line, self.col)
        line, col = self.val_pos[key]
        return Span(self.file, line, col)

    def drop(self, key) -> None:
        """Remove a value found invalid (and reported): the record of it stays, for `was_dropped`."""
        del self[key]
        try:
            self.dropped.add(key)
        except AttributeError:
            self.dropped = {key}

    def was_dropped(self, key) -> bool:
        """True if the writer wrote `key` here and it was removed as invalid (already reported): later
        checks then say nothing more about it (no "missing" after "wrong")."""
        return key in getattr(self, "dropped", ())

    def written(self, key) -> bool:
        """True if the writer wrote `key` here, valid or not."""
        return key in self or self.was_dropped(key)

    def key_span(self, key) -> Span:
        if key not in self.key_pos:
            return Span(self.file, self.line, self.col)
        line, col = self.key_pos[key]
        return Span(self.file, line, col)


class YList(list):
    """A sequence with the position of itself and of each item."""

    __slots__ = ("file", "line", "col", "item_pos")

    def pos(self, index=None) -> Span:
        if index is None or not (0 <= index < len(self.item_pos)):
            return Span(self.file, self.line, self.col)
        line, col = self.item_pos[index]
        return Span(self.file, line, col)


class ReadError(Exception):
    """A file that cannot be used: one diagnostic, or several found in one reading."""

    def __init__(self, diagnostic: Diagnostic, more: list[Diagnostic] | None = None):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        self.diagnostics = [diagnostic, *(more or [])]


_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_OK_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def plain_scalar(text: str):
    """Resolve an unquoted scalar: only true/false are booleans, dates stay text."""
    if text in _BOOLS:
        return _BOOLS[text]
    if text in _NULLS:
        return None
    first = text[0]
    if first.isdigit() or first in "+-.":
        if len(text) > 40 and (_INT.match(text) or _FLOAT.match(text)):
            # Far beyond any story's numbers; int() of thousands of digits is slow or refused.
            return float("-inf") if first == "-" else float("inf")
        if _INT.match(text):
            return int(text)
        if _FLOAT.match(text):
            return float(text)
    return text


def read_bytes(path: Path, shown: str) -> str:
    """Read a story file as text, with a diagnostic for each way it can be unfit."""
    try:
        # Non-blocking: opening a named pipe must not wait for a writer; what was opened is
        # then checked (fstat), so a file swapped after a first look is checked too.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as err:
        raise ReadError(problem("SC100", Span(shown), f"cannot read the file: {os_problem(err)}",
                                _os_hint(err))) from None
    except ValueError:  # a NUL in the path
        raise ReadError(problem("SC100", Span(shown), "cannot read the file: the path holds a NUL character")) from None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a named pipe, a device...)"
                raise ReadError(problem("SC100", Span(shown), f"this is {kind}, not a story file",
                                        "story files are plain YAML text files"))
            size = info.st_size
            if size > MAX_FILE_BYTES:
                raise ReadError(problem("SC105", Span(shown),
                                        f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                                        "split it into several files and list them under `includes`"))
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise ReadError(problem("SC100", Span(shown), f"cannot read the file: {os_problem(err)}")) from None
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise ReadError(problem("SC105", Span(shown), f"the file is larger than the limit of {MAX_FILE_BYTES:,} bytes",
                                "split it into several files and list them under `includes`"))
    if b"\x00" in data:
        raise ReadError(problem("SC104", Span(shown), "this looks like a binary file, not YAML text",
                                "story files are plain text saved as UTF-8"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        line_start = data.rfind(b"\n", 0, err.start) + 1
        col = len(data[line_start:err.start].decode("utf-8", errors="replace")) + 1
        raise ReadError(problem("SC103", Span(shown, line, col),
                                f"byte 0x{data[err.start]:02x} is not valid UTF-8",
                                "save the file as UTF-8 (most editors offer it under 'Save with encoding')")) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _os_hint(err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "a symbolic link here leads back to itself; replace it with the file it should point to"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "give the file read permission (chmod a+r)"
    if err.errno == errno.ENAMETOOLONG:
        return "use a shorter path"
    return ""


def parse_text(text: str, shown: str):
    """Parse YAML text into YMap / YList / scalars. Raises ReadError."""
    return _Builder(shown).build(text)


def read_yaml(path: Path, shown: str):
    return parse_text(read_bytes(path, shown), shown)


class _Builder:
    def __init__(self, shown: str):
        self.file = shown
        self.anchors: dict[str, tuple[object, tuple[int, int]]] = {}  # value, (nodes, characters)
        self.open_anchors: set[str] = set()
        self.expanded = 0
        self.expanded_chars = 0
        # Texts refused (control characters, too long): reported together once the file is read.
        self.problems: list[Diagnostic] = []

    def fail(self, code: str, mark, message: str, hint: str = "") -> ReadError:
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        return ReadError(problem(code, Span(self.file, line, col), message, hint))

    def build(self, text: str):
        try:
            root = self._build(text)
        except ReadError as err:
            if self.problems:  # texts refused before the error stopped the reading: report them too
                raise ReadError(self.problems[0], self.problems[1:] + err.diagnostics) from None
            raise
        if self.problems:
            raise ReadError(self.problems[0], self.problems[1:])
        return root

    def _build(self, text: str):
        events = yaml.parse(text, Loader=_Loader)
        try:
            return self._document(events)
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            message = (err.problem or err.context or "invalid YAML").strip()
            if err.context and err.problem:
                message = f"{err.problem} ({err.context})"
            if "end of stream" in (err.problem or "") and err.context_mark is not None:
                # An unclosed quote or bracket: show where it was opened, not the end of the file.
                mark = err.context_mark
            if "maximum nesting depth" in message:
                raise self.fail("SC106", mark, f"the YAML nests too deeply here (more than {MAX_DEPTH} levels)",
                                "flatten the structure; no part of the format needs this depth") from None
            raise self.fail("SC101", mark, message, _syntax_hint(message, _char_at(text, mark), _value_start(text, mark))) from None
        except yaml.reader.ReaderError as err:
            line, col = _line_col(text, err.position)
            code = f"U+{err.character:04X}" if isinstance(err.character, int) else repr(err.character)
            raise ReadError(problem("SC101", Span(self.file, line, col),
                                    f"the character {code} is not allowed in YAML text",
                                    "delete it; it is often an invisible character pasted from another program")) from None
        except yaml.YAMLError as err:
            raise self.fail("SC101", None, f"invalid YAML: {err}") from None
        except RecursionError:  # pragma: no cover - the depth limit comes first
            raise self.fail("SC106", None, "the YAML nests too deeply") from None

    def _document(self, events):
        root = None
        documents = 0
        for event in events:
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.fail("SC108", event.start_mark,
                                    "this file holds several YAML documents (a second `---`)",
                                    "keep one document per file; split the rest into another file")
            elif kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.ScalarEvent, yaml.AliasEvent):
                root, _ = self._node(event, events, 1)
        return root

    def _node(self, event, events, depth):
        """Build one node from its first event; returns (value, (size in nodes, characters of text))."""
        kind = type(event)
        if kind is yaml.ScalarEvent:
            value = self._scalar(event)
            size = (1, len(value) if isinstance(value, str) else 1)
            if event.anchor:
                self.anchors[event.anchor] = (value, size)
            return value, size
        if kind is yaml.AliasEvent:
            return self._alias(event)
        if depth > MAX_DEPTH:
            raise self.fail("SC106", event.start_mark,
                            f"the YAML nests more than {MAX_DEPTH} levels deep here",
                            "flatten the structure; no part of the format needs this depth")
        tag = event.tag
        if tag not in _OK_TAGS:
            raise self.fail("SC108", event.start_mark, f"the tag `{tag}` is not accepted",
                            "remove the tag; story files hold plain maps, lists and text")
        anchor = event.anchor
        if anchor:
            self.open_anchors.add(anchor)
        if kind is yaml.MappingStartEvent:
            value, size = self._mapping(event, events, depth)
        else:
            value, size = self._sequence(event, events, depth)
        if anchor:
            self.open_anchors.discard(anchor)
            self.anchors[anchor] = (value, size)
        return value, size

    def _scalar(self, event):
        tag = event.tag
        if tag not in _OK_TAGS:
            raise self.fail("SC108", event.start_mark, f"the tag `{tag}` is not accepted",
                            "remove the tag; write the value as plain text or a number")
        text = event.value
        if len(text) > MAX_TEXT_CHARS:  # rare: the fast checks below come first in practice
            self._refuse("SC110", event.start_mark,
                         f"this text is {len(text):,} characters long; the limit is {MAX_TEXT_CHARS:,}",
                         "no screen shows this much at once: split it into several scenes or texts")
            text = text[:MAX_TEXT_CHARS]
        if not (text.isascii() and text.isprintable()) and CONTROL.search(text):
            # Quoted escapes ("\e", "\x9b", "\u0085") make characters that raw YAML refuses (SC101).
            found = set(CONTROL.findall(text))
            self._refuse("SC109", event.start_mark,
                         f"this text holds the control character{'s' * (len(found) > 1)} {character_names(found)}",
                         "remove it: control characters can move the cursor, rewrite the screen or set the "
                         "clipboard; write a line break as a real new line")
            text = CONTROL.sub("", text)
        if event.implicit[0] and not event.style:
            return plain_scalar(text)
        return text

    def _refuse(self, code: str, mark, message: str, hint: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem(code, Span(self.file, mark.line + 1, mark.column + 1), message, hint))

    def _alias(self, event):
        name = event.anchor
        if name in self.open_anchors:
            raise self.fail("SC107", event.start_mark, f"the alias *{name} refers to itself",
                            "an anchor cannot be used inside its own value")
        if name not in self.anchors:
            raise self.fail("SC101", event.start_mark, f"the alias *{name} has no matching &{name} anchor above it",
                            "text starting with * must be put in quotes: key: \"*...\"")
        value, size = self.anchors[name]
        self.expanded += size[0]
        self.expanded_chars += size[1]
        if self.expanded > ALIAS_BUDGET:
            raise self.fail("SC107", event.start_mark,
                            f"aliases expand to more than {ALIAS_BUDGET:,} values",
                            "write the repeated parts out, or repeat them less")
        if self.expanded_chars > ALIAS_TEXT_BUDGET:
            raise self.fail("SC107", event.start_mark,
                            f"aliases expand to more than {ALIAS_TEXT_BUDGET:,} characters of text",
                            "write the repeated parts out, or repeat long texts less")
        # Shared by reference: the budget above, not copying, bounds later walks.
        return value, size

    def _mapping(self, start, events, depth):
        result = YMap()
        result.file = self.file
        result.line = start.start_mark.line + 1
        result.col = start.start_mark.column + 1
        key_pos: dict = {}
        val_pos: dict = {}
        result.key_pos = key_pos
        result.val_pos = val_pos
        nodes, chars = 1, 0
        merges = []
        for event in events:
            if type(event) is yaml.MappingEndEvent:
                break
            key_mark = event.start_mark
            key, key_size = self._node(event, events, depth + 1)
            value_event = next(events)
            value_mark = value_event.start_mark
            value, value_size = self._node(value_event, events, depth + 1)
            nodes += key_size[0] + value_size[0]
            chars += key_size[1] + value_size[1]
            if key == "<<" and type(event) is yaml.ScalarEvent and not event.style:
                merges.append((value, value_mark))
                continue
            if isinstance(key, (YMap, YList)):
                raise self.fail("SC201", key_mark, "a key must be a simple word, not a list or a mapping")
            if key is None:
                raise self.fail("SC201", key_mark, "a key is empty", "write a name before the colon")
            if not isinstance(key, str):
                key = str(key).lower() if isinstance(key, bool) else str(key)
            if key in key_pos:
                first_line = key_pos[key][0]
                raise self.fail("SC102", key_mark, f"the key `{key}` appears twice (first on line {first_line})",
                                "YAML would silently keep only the last one; remove or rename one of them")
            result[key] = value
            key_pos[key] = (key_mark.line + 1, key_mark.column + 1)
            val_pos[key] = (value_mark.line + 1, value_mark.column + 1)
        for value, mark in merges:
            self._merge(result, value, mark)
        return result, (nodes, chars)

    def _merge(self, target: YMap, value, mark) -> None:
        sources = value if isinstance(value, YList) else [value]
        for source in sources:
            if not isinstance(source, YMap):
                raise self.fail("SC201", mark, "`<<` merges a mapping (or a list of mappings) into this one")
            for key, item in source.items():
                if key not in target:
                    target[key] = item
                    target.key_pos[key] = source.key_pos[key]
                    target.val_pos[key] = source.val_pos[key]

    def _sequence(self, start, events, depth):
        result = YList()
        result.file = self.file
        result.line = start.start_mark.line + 1
        result.col = start.start_mark.column + 1
        item_pos: list = []
        result.item_pos = item_pos
        nodes, chars = 1, 0
        for event in events:
            if type(event) is yaml.SequenceEndEvent:
                break
            mark = event.start_mark
            value, value_size = self._node(event, events, depth + 1)
            nodes += value_size[0]
            chars += value_size[1]
            result.append(value)
            item_pos.append((mark.line + 1, mark.column + 1))
        return result, (nodes, chars)


def _line_col(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _char_at(text: str, mark) -> str:
    if mark is None:
        return ""
    lines = text.split("\n", mark.line + 1)
    if mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


QUOTE_FIRST = re.compile(r"""^\s*(?:-\s+)?[^\s:#]+:\s+([\[{*&!|>@`%])""")


def _value_start(text: str, mark) -> str:
    """The character a value starts with on the error's line, if it is one that YAML reads specially."""
    if mark is None:
        return ""
    lines = text.split("\n", mark.line + 1)
    for index in (mark.line, mark.line - 1):
        if 0 <= index < len(lines):
            found = QUOTE_FIRST.match(lines[index])
            if not found or found.group(1) in "|>":
                continue
            first = found.group(1)
            # The line above is to blame only for a bracket it opens and never closes: a closed
            # `tags: [a, b]` above an unquoted `headline: a: b` is not the trouble.
            if index == mark.line - 1 and not _unclosed(lines[index], first):
                continue
            return first
    return ""


def _unclosed(line: str, first: str) -> bool:
    pairs = {"[": "]", "{": "}"}
    return first in pairs and line.count(first) > line.count(pairs[first])


def _syntax_hint(message: str, char: str = "", first: str = "") -> str:
    if first and not (first in "[{" and "flow" in message):  # an unclosed [list] is not quoting trouble
        return f"text starting with {first} must be put in quotes: key: \"{first}...\""
    if "tab" in message or char == "\t":
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in message:
        return "a colon followed by a space starts a key; put text that contains ': ' in quotes"
    if "could not find expected ':'" in message:
        return "check the indentation of this line and the one above"
    if "expected '-' indicator" in message:
        return ("an indentation problem: this line does not line up with the list it is in. Every item of a "
                "list starts with `- ` at the same column, and what belongs to an item is indented under it; "
                "count the spaces of this line and the one above")
    if "did not find expected key" in message:
        return ("an indentation problem: this line does not line up with the keys of the mapping it is in "
                "(the keys of one mapping start at the same column); or a text here holds `: ` or starts with "
                "`-` and must be put in quotes")
    if "expected <block end>" in message:
        return ("an indentation problem: this line is indented more or less than the lines it belongs with; "
                "count the spaces of this line and the one above")
    return ""
