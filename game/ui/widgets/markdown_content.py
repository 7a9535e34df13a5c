"""Writer Markdown turned into Textual Content: the one renderer of story text.

Scene texts, say lines, fact cards, glossary definitions and endings are parsed once
(game/model/markdown.py: CommonMark, raw HTML off) and written into a Content as plain
text with styled spans. A scene's values are put into its parsed text as plain text. Nothing the writer types is ever read as markup, so `[b]`,
`[$accent]` or `[@click=...]` show as they are. [[term]] links and http(s) links are
clickable through `Links` (actions by index); any other link is plain text.
Control characters are removed before the parse (`printable`), so none reaches the terminal.
"""

from __future__ import annotations

from textual.content import Content, Span
from textual.style import Style

from game.model.markdown import document, fill
from game.model.text_grammar import TERM_LINK
from game.ui.widgets.links import LINK, Links

BOLD, ITALIC, HEADING = Style(bold=True), Style(italic=True), Style(bold=True, underline=True)
CODE = "bold $text-accent"   # a command to type (`safecity play --plain`): set apart, never a link


class _Writer:
    """Plain text and the spans that style it, built in one pass."""

    def __init__(self, links: Links | None, values: dict[str, str]):
        self.links = links
        self.values = values
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.length = 0
        self.open: list[tuple[int, Style | None]] = []   # (start, style) of inline spans not closed yet

    def add(self, text: str, style: Style | str | None = None) -> None:
        if text:
            start = self.length
            self.parts.append(text)
            self.length += len(text)
            if style is not None:
                self.spans.append(Span(start, self.length, style))

    def begin(self, style: Style | None) -> None:
        self.open.append((self.length, style))

    def end(self) -> None:
        if self.open:
            start, style = self.open.pop()
            if style is not None and self.length > start:
                self.spans.append(Span(start, self.length, style))

    def text(self, text: str) -> None:
        """Text with [[term]] links in it."""
        at = 0
        for match in TERM_LINK.finditer(text):
            self.add(text[at:match.start()])
            term = match.group(1).strip()
            self.add(match.group(1), self.links.term(term) if self.links is not None else LINK)
            at = match.end()
        self.add(text[at:])

    def content(self) -> Content:
        # Spans are sorted by start so that an outer style (a heading) comes before inner ones.
        self.spans.sort(key=lambda span: span.start)
        return Content("".join(self.parts), self.spans, strip_control_codes=False)


def markdown_content(text: str, links: Links | None = None) -> Content:
    """`text` (Markdown) as Content; with `links`, [[terms]] and web links are clickable."""
    return _render([document(text)], links, {})


def template_content(texts, values: dict[str, str], links: Links | None = None) -> Content:
    """Templates (Markdown with `{name}`: a scene's shown blocks, one after another) as Content,
    each `{name}` filled from `values` as plain text (see game/model/markdown.py)."""
    return _render([document(text, template=True) for text in texts], links, values)


def _render(documents, links: Links | None, values: dict[str, str]) -> Content:
    """Documents drawn one after another as the Markdown of their texts joined by blank lines
    reads: a list that ends one and a list of the same kind that starts the next are one list."""
    out = _Writer(links, values)
    lists: list[list] = []        # per open list: [ordered?, next number, items so far, mark]
    item_start = False            # the first block of a list item follows its mark on the same line
    quote = 0
    ended: list | None = None     # a list that closed the last document: the next may go on with it
    for doc in documents:
        if ended is not None and doc:     # an empty text in between changes nothing
            first = doc[0]
            if first[0] == "list" and (first[1], first[3]) == (ended[0], ended[3]):
                lists.append(ended)
                doc = doc[1:]
            ended = None
        for index, event in enumerate(doc):
            kind = event[0]
            if kind in ("p", "h", "code", "hr"):
                if item_start:
                    item_start = False
                elif out.length:
                    out.add("\n" if lists else "\n\n")
                    if lists:
                        out.add("  " * len(lists))
                if quote:
                    out.add("▌ " * quote, ITALIC)
                if kind == "h":
                    out.begin(HEADING)
                elif kind == "hr":
                    out.add("───")
                elif kind == "code":
                    out.add(fill(event[1], values))
            elif kind == "/h":
                out.end()
            elif kind == "inline":
                _inline(out, event[1], ITALIC if quote else None)
            elif kind == "list":
                lists.append([event[1], event[2], 0, event[3]])
            elif kind == "/list":
                if lists:
                    closed = lists.pop()
                    if not lists and index == len(doc) - 1:
                        ended = closed
            elif kind == "item" and lists:
                ordered, number, items, _mark = lists[-1]
                if out.length:   # a list starts after a blank line; its items and nested lists follow on
                    out.add("\n" if len(lists) > 1 or items else "\n\n")
                out.add("  " * (len(lists) - 1) + (f"{number}. " if ordered else "• "))
                lists[-1][1:3] = [number + 1, items + 1]
                item_start = True
            elif kind == "quote":
                quote += 1
            elif kind == "/quote":
                quote = max(0, quote - 1)
    return out.content()


def _inline(out: _Writer, children, style: Style | None) -> None:
    if style is not None:
        out.begin(style)
    for child in children:
        kind = child[0]
        if kind == "text":
            out.text(fill(child[1], out.values))
        elif kind == "strong":
            out.begin(BOLD)
        elif kind == "em":
            out.begin(ITALIC)
        elif kind == "link":
            href = fill(child[1], out.values)
            out.begin(out.links.url(href) if out.links is not None else None)
        elif kind == "end":
            out.end()
        elif kind == "code":
            out.add(fill(child[1], out.values), CODE)
        elif kind == "soft":
            out.add(" ")
        elif kind == "hard":
            out.add("\n")
        else:                                   # an image's words: the text as it is
            out.add(fill(child[1], out.values))
    if style is not None:
        out.end()
