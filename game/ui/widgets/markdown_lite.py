"""The small Markdown that scene texts use, turned into Rich markup for one Static.

Textual's Markdown widget builds a widget per block and held the first frame
back by about 400 ms; scene texts only need paragraphs, emphasis, lists,
headings and [[term]] links, which one Static draws at once. Writer text is
escaped before any markup is added, so it can never inject markup itself.
"""

from __future__ import annotations

import re

from rich.markup import escape

BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
ITALIC = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
LINK = re.compile(r"\\?\[\\?\[([^\[\]]+?)\\?\]\\?\]")
BULLET = re.compile(r"^(\s*)[-*+]\s+")
NUMBERED = re.compile(r"^(\s*)(\d+)[.)]\s+")
HEADING = re.compile(r"^(#{1,6})\s+")


def _inline(text: str, link_action: str) -> str:
    out = escape(text)
    out = LINK.sub(lambda m: _link(m.group(1), link_action), out)
    out = BOLD.sub(lambda m: f"[b]{m.group(2)}[/b]", out)
    out = ITALIC.sub(lambda m: f"[i]{m.group(2)}[/i]", out)
    return out


def _link(term: str, action: str) -> str:
    term = term.strip()
    if not action:
        return f"[u]{term}[/u]"
    quoted = term.replace("\\", "").replace("'", "\\'")
    return f"[u][@click={action}('{quoted}')]{term}[/][/u]"


def to_markup(text: str, link_action: str = "") -> str:
    """Markdown -> Rich markup. `link_action` (e.g. "app.glossary_term") makes [[terms]] clickable."""
    blocks: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(_inline(" ".join(line.strip() for line in paragraph), link_action))
            paragraph.clear()

    lines: list[str] = []
    for raw in text.splitlines():
        if not raw.strip():
            flush()
            _flush_list(blocks, lines)
            continue
        heading = HEADING.match(raw)
        bullet = BULLET.match(raw)
        numbered = NUMBERED.match(raw)
        if heading:
            flush()
            _flush_list(blocks, lines)
            blocks.append(f"[b u]{_inline(raw[heading.end():].strip(), link_action)}[/b u]")
        elif bullet or numbered:
            flush()
            match = bullet or numbered
            mark = "•" if bullet else f"{numbered.group(2)}."
            indent = "  " * (len(match.group(1)) // 2)
            lines.append(f"{indent}{mark} {_inline(raw[match.end():].strip(), link_action)}")
        elif lines:
            lines[-1] += " " + _inline(raw.strip(), link_action)  # a list item going on
        else:
            paragraph.append(raw)
    flush()
    _flush_list(blocks, lines)
    return "\n\n".join(blocks)


def _flush_list(blocks: list[str], lines: list[str]) -> None:
    if lines:
        blocks.append("\n".join(lines))
        lines.clear()
