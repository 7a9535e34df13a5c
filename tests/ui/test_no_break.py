"""A line never starts with the « » » or « : » that a non-breaking space ties to the word before."""

from __future__ import annotations

import pytest
from textual.content import Content
from textual.style import Style
from textual.visual import RenderOptions

import game.ui.app  # noqa: F401  - importing the app keeps non-breaking spaces whole, for every screen
from game.ui.widgets.hanging import Hanging

NBSP = "\u00a0"
TEXT = f"un logiciel qui repère les «{NBSP}situations anormales{NBSP}» avant qu'elles dégénèrent{NBSP}: trois ans"


def lines_of(visual, width: int) -> list[str]:
    strips = visual.render_strips(width, None, Style(), RenderOptions(lambda *_: None, {}))
    return [strip.text.rstrip() for strip in strips]


@pytest.mark.parametrize("width", range(12, 60))
@pytest.mark.parametrize("kind", ["paragraph", "list item"])
def test_no_line_starts_with_what_a_non_breaking_space_ties_to_the_word_before(width, kind):
    visual = Content(TEXT) if kind == "paragraph" else Hanging(Content("- " + TEXT))
    lines = [line.removeprefix("- ").strip() for line in lines_of(visual, width)]
    assert not [line for line in lines if line.startswith(("»", ":"))], lines
    assert not [line for line in lines if line.endswith("«")], lines
    shown = [word for word in " ".join(lines).split(" ") if word]   # split at ordinary spaces only
    assert shown == TEXT.split(" ")   # every word shown, in order, none cut


def test_ordinary_spaces_still_break_lines():
    lines = lines_of(Content("one two three four five six seven eight nine ten"), 12)
    assert len(lines) >= 4 and all(len(line) <= 12 for line in lines)
