"""Writer Markdown turned into Textual Content: the one renderer of story text.

Scene texts, say lines, fact cards, glossary definitions and endings are parsed by
markdown-it (CommonMark, raw HTML off) and written into a Content as plain text
with styled spans. Nothing the writer types is ever read as markup, so `[b]`,
`[$accent]` or `[@click=...]` show as they are. [[term]] links and http(s) links are
clickable through `Links` (actions by index); any other link is plain text.
Control characters are removed first (`printable`), so none reaches the terminal.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from textual.content import Content, Span
from textual.style import Style

from game.model.safe_text import printable
from game.model.text_grammar import TERM_LINK
from game.ui.widgets.links import LINK, Links

BOLD, ITALIC, HEADING = Style(bold=True), Style(italic=True), Style(bold=True, underline=True)
# CommonMark without raw HTML (shown as text); nesting is capped so a hostile text stays cheap.
PARSER = MarkdownIt("commonmark", {"html": False, "maxNesting": 20})


class _Writer:
    """Plain text and the spans that style it, built in one pass."""

    def __init__(self, links: Links | None):
        self.links = links
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.length = 0
        self.open: list[tuple[int, Style | None]] = []   # (start, style) of inline spans not closed yet

    def add(self, text: str, style: Style | None = None) -> None:
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
    out = _Writer(links)
    lists: list[list[int]] = []   # per open list: [ordered?, next number, items so far]
    item_start = False            # the first block of a list item follows its mark on the same line
    quote = 0
    for token in PARSER.parse(printable(text)):
        kind = token.type
        if kind in ("paragraph_open", "heading_open", "fence", "code_block", "hr", "html_block"):
            if item_start:
                item_start = False
            elif out.length:
                out.add("\n" if lists else "\n\n")
                if lists:
                    out.add("  " * len(lists))
            if quote:
                out.add("▌ " * quote, ITALIC)
            if kind == "heading_open":
                out.begin(HEADING)
            elif kind == "hr":
                out.add("───")
            elif kind in ("fence", "code_block", "html_block"):
                out.add(token.content.rstrip("\n"))
        elif kind == "heading_close":
            out.end()
        elif kind == "inline":
            _inline(out, token.children or [], ITALIC if quote else None)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrs.get("start", 1) if kind == "ordered_list_open" else 0
            lists.append([kind == "ordered_list_open", int(start or 1), 0])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            if lists:
                lists.pop()
        elif kind == "list_item_open" and lists:
            ordered, number, items = lists[-1]
            if out.length:   # a list starts after a blank line; its items and nested lists follow on
                out.add("\n" if len(lists) > 1 or items else "\n\n")
            out.add("  " * (len(lists) - 1) + (f"{number}. " if ordered else "• "))
            lists[-1][1:] = [number + 1, items + 1]
            item_start = True
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote = max(0, quote - 1)
    return out.content()


def _inline(out: _Writer, children, style: Style | None) -> None:
    if style is not None:
        out.begin(style)
    for child in children:
        kind = child.type
        if kind == "text":
            out.text(child.content)
        elif kind == "strong_open":
            out.begin(BOLD)
        elif kind == "em_open":
            out.begin(ITALIC)
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            out.begin(out.links.url(href) if out.links is not None else None)
        elif kind in ("strong_close", "em_close", "link_close"):
            out.end()
        elif kind == "softbreak":
            out.add(" ")
        elif kind == "hardbreak":
            out.add("\n")
        elif kind == "image":
            out.add(child.content)
        else:                                   # code, raw HTML, anything else: its text as it is
            out.add(child.content)
    if style is not None:
        out.end()
