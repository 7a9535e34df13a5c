"""Writer Markdown parsed into a small document that any front end can draw, parsed once per text.

markdown-it (CommonMark, raw HTML off, nesting capped so a hostile text stays cheap) reads the
text; what the renderers need of its tokens is kept as plain tuples (lists, when they come from
the cache; nothing changes them), a *document*:

    ("p",) ("h",) ("/h",) ("hr",) ("code", text)          blocks: paragraph, heading, rule, code
    ("list", ordered, start, mark) ("/list",) ("item",)    lists (mark: "-", "*", "+", "." or ")")
    ("quote",) ("/quote",)                                 block quotes
    ("inline", (child, ...))                               the text of a paragraph or heading

and the inline children are ("text", s), ("code", s) (inline code), ("plain", s) (images' words),
("strong",), ("em",), ("link", href), ("end",) (closes the last of those three), ("soft",)
and ("hard",) (line breaks).

A *template* is writer text with `{name}` in it (text_grammar.py). It is parsed as written, with
each `{name}` held by a placeholder, and the values are put in afterwards (`fill`): a value is
always plain text, never Markdown, and one parse serves every value. `{{` and `}}` are braces.

Documents are remembered by text for the life of the program, and the scenario cache
(loader/cache.py) keeps them between runs, so a game whose story comes from the cache draws its
first scene without importing markdown-it at all (about 25 ms of a start).
"""

from __future__ import annotations

import re

from game.model.safe_text import printable
from game.model.text_grammar import SUBSTITUTION

OPEN, CLOSE = "\ue000", "\ue001"            # a `{name}` while the template is parsed
PLACEHOLDER = re.compile(OPEN + "([^" + OPEN + CLOSE + "]*)" + CLOSE)
_STRAY = re.compile("[" + OPEN + CLOSE + "]")
BLOCKS = frozenset({"p", "h", "/h", "hr", "code", "list", "/list", "item", "quote", "/quote", "inline"})
INLINES = frozenset({"text", "code", "plain", "strong", "em", "link", "end", "soft", "hard"})
_ENCODED_OPEN, _ENCODED_CLOSE = "%EE%80%80", "%EE%80%81"   # OPEN and CLOSE in a link's address
MAX_NESTING = 20                            # as the parser is told: deeper is not a document it made
MAX_START = 10**9                           # a list's first number has at most 9 digits (CommonMark)
MAX_REMEMBERED = 20_000                     # texts; far above a story, a bound for anything else

_parser = None
_documents: dict[tuple[str, bool], tuple] = {}


def document(text: str, template: bool = False) -> tuple:
    """`text` as a document; with `template`, each `{name}` as a placeholder for `fill`."""
    key = (text, template)
    found = _documents.get(key)
    if found is None:
        if len(_documents) >= MAX_REMEMBERED:
            _documents.clear()
        found = _documents[key] = _parse(_prepare(text, template), template)
    return found


def fill(text: str, values: dict[str, str]) -> str:
    """A template's text with its placeholders replaced: a value, or `{name}` as written if none."""
    if OPEN not in text:
        return text
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), "{" + match.group(1) + "}"), text)


def remember(documents: list) -> bool:
    """Take documents kept by the cache: [[text, template, document], ...]. False, and nothing
    taken, if any of them is not a document this module would have made."""
    checked = []
    for item in documents:
        if not (isinstance(item, list) and len(item) == 3 and isinstance(item[0], str)
                and isinstance(item[1], bool) and _is_document(item[2])):
            return False
        checked.append(((item[0], item[1]), item[2]))     # lists as read: never changed, like the tuples
    if len(_documents) + len(checked) >= MAX_REMEMBERED:
        _documents.clear()
    _documents.update(checked)
    return True


def kept(texts) -> list:
    """[[text, template, document], ...] for the cache: `texts` is (text, template) pairs."""
    return [[text, template, document(text, template)] for text, template in dict.fromkeys(texts)]


# -- parsing ------------------------------------------------------------------------------------


def _prepare(text: str, template: bool) -> str:
    """Control characters out, and for a template each `{name}` in a placeholder. The writer's own
    private-use characters that placeholders are made of are replaced: they never fill in a value."""
    text = _STRAY.sub("\ufffd", printable(text))
    if not template:
        return text

    def one(match: re.Match) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        return OPEN + match.group(1) + CLOSE

    return SUBSTITUTION.sub(one, text)


def _parse(text: str, template: bool = False) -> tuple:
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt   # only when a text is not remembered yet

        _parser = MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING})
    out: list[tuple] = []
    for token in _parser.parse(text):
        kind = token.type
        if kind in _MARKS:
            out.append(_MARKS[kind])
        elif kind in ("fence", "code_block", "html_block"):
            out.append(("code", token.content.rstrip("\n")))
        elif kind == "inline":
            out.append(("inline", tuple(_inline(token.children or [], template))))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            start = token.attrs.get("start", 1) if ordered else 0
            out.append(("list", ordered, int(start or 1), token.markup))
    return tuple(out)            # anything else (paragraph and item ends, tables: off) adds nothing


def _inline(children, template: bool = False) -> list[tuple]:
    out: list[tuple] = []
    for child in children:
        kind = child.type
        if kind in _MARKS:
            out.append(_MARKS[kind])
        elif kind == "text":
            out.append(("text", child.content))
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            if template:   # markdown-it percent-encodes the address: find the placeholders again
                href = href.replace(_ENCODED_OPEN, OPEN).replace(_ENCODED_CLOSE, CLOSE)
            out.append(("link", href))
        elif kind == "code_inline":   # never a link, drawn as code
            out.append(("code", child.content))
        else:                   # images, raw HTML (off), anything else: its words as they are
            out.append(("plain", child.content))
    return out


# markdown-it's tokens that become an event with nothing but its kind.
_MARKS = {
    "paragraph_open": ("p",), "heading_open": ("h",), "heading_close": ("/h",), "hr": ("hr",),
    "bullet_list_close": ("/list",), "ordered_list_close": ("/list",), "list_item_open": ("item",),
    "blockquote_open": ("quote",), "blockquote_close": ("/quote",),
    "strong_open": ("strong",), "em_open": ("em",), "strong_close": ("end",), "em_close": ("end",),
    "link_close": ("end",), "softbreak": ("soft",), "hardbreak": ("hard",),
}


# -- checking what the cache gives back ----------------------------------------------------------


def _is_document(value) -> bool:
    if not isinstance(value, list):
        return False
    depth = 0
    for event in value:
        if not (isinstance(event, list) and event and event[0] in BLOCKS):
            return False
        kind = event[0]
        depth += 1 if kind in ("list", "quote") else -1 if kind in ("/list", "/quote") else 0
        if not 0 <= depth <= MAX_NESTING:
            return False
        if kind == "code":
            if len(event) != 2 or not isinstance(event[1], str):
                return False
        elif kind == "list":
            if len(event) != 4 or not isinstance(event[1], bool) or type(event[2]) is not int \
                    or not 0 <= event[2] < MAX_START or not isinstance(event[3], str):
                return False
        elif kind == "inline":
            if len(event) != 2 or not isinstance(event[1], list) or not all(map(_is_inline, event[1])):
                return False
        elif len(event) != 1:
            return False
    return True


def _is_inline(child) -> bool:
    if not (isinstance(child, list) and child and child[0] in INLINES):
        return False
    if child[0] in ("text", "code", "plain", "link"):
        return len(child) == 2 and isinstance(child[1], str)
    return len(child) == 1

