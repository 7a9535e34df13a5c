"""Wrapped text whose list items, quotes and spoken lines keep their indent on every line.

The Markdown renderer (markdown_content.py) writes a list item as `  • text`, a quote as
`▌ text` and a spoken line as `  “text`. Wrapped as plain Content, the second line of a long
item would start at the left edge, under the bullet. `Hanging` wraps the text after such a
mark in the width left beside it, so the lines that follow start under the text (a quote's
bar is repeated on each of them).
"""

from __future__ import annotations

import re
from dataclasses import replace

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

# The marks that open an indented line: list bullets and numbers (after their nesting indent),
# quote bars, the opening quotation mark of a spoken line, or just the spaces of an indented line.
MARK = re.compile(r"(?: *(?:• |\d{1,3}\. )|(?:▌ )+|  [“«]\u00a0?| +)")
NARROWEST = 12   # below this many cells beside the mark, plain wrapping reads better


class Hanging(Visual):
    """`content` wrapped with hanging indents (see the module's docstring)."""

    def __init__(self, content: Content):
        self.content = content
        self._lines: list[tuple[Content, Content | None, int]] | None = None

    @property
    def plain(self) -> str:
        return self.content.plain

    def __str__(self) -> str:
        return self.content.plain

    def lines(self) -> list[tuple[Content, Content | None, int]]:
        """Each line of the text as (the text after its mark, the mark or None, the mark's width)."""
        if self._lines is None:
            found = []
            for line in self.content.split("\n", allow_blank=True):
                match = MARK.match(line.plain)
                if match is None or not match.group(0):
                    found.append((line, None, 0))
                else:
                    found.append((line[match.end():], line[:match.end()], cell_len(match.group(0))))
            self._lines = found
        return self._lines

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.content.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        height = 0
        for text, mark, indent in self.lines():
            if mark is None or width - indent < NARROWEST:
                whole = text if mark is None else mark + text
                height += whole.get_height(rules, width)
            else:
                height += text.get_height(rules, width - indent) if text else 1
        return height

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if not width:
            return []
        # A selection is measured in lines of the whole text: it cannot be given to one line of it.
        options = replace(options, selection=None, selection_style=None)
        strips: list[Strip] = []
        for text, mark, indent in self.lines():
            if mark is None or width - indent < NARROWEST:
                whole = text if mark is None else mark + text
                strips += whole.render_strips(width, None, style, options)
            else:
                head = mark.render_strips(indent, None, style, options)[:1]
                body = text.render_strips(width - indent, None, style, options) if text else [Strip([])]
                # A quote's bar goes down the whole quote; other marks leave a blank under them.
                under = head[0] if mark.plain.startswith("▌") else Strip.blank(indent, style.rich_style)
                for row, line in enumerate(body):
                    strips.append(Strip.join([head[0] if row == 0 else under, line]))
            if height is not None and len(strips) >= height:
                return strips[:height]
        return strips
