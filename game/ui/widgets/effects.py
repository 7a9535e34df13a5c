"""What a choice will surely change, in words: the "show effects" setting."""

from __future__ import annotations

from game.engine.text import format_number
from game.engine.view import ChoiceView
from game.i18n import _


def effects_label(choice: ChoiceView) -> str:
    parts = []
    for e in choice.effects:
        if e.kind == "flag":
            continue
        if e.kind == "set":
            parts.append(f"{e.label} = {format_number(e.amount)}")
        else:
            parts.append(f"{e.label} {'+' if e.amount > 0 else '−'}{format_number(abs(e.amount))}")
    if choice.uncertain:
        parts.append(_("uncertain outcome"))
    return ", ".join(parts)
