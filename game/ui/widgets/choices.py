"""The choices: numbered, chosen with 1-9, arrows and Enter, or the mouse.

Locked choices stay visible, disabled, with their reason in words.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.engine.text import format_number, unlink
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


class ChoiceList(OptionList):
    DEFAULT_CSS = """
    ChoiceList { height: auto; max-height: 10; border: tall $accent; padding: 0 1; }
    ChoiceList:focus { border: tall $accent; }
    """

    def show_choices(self, choices: tuple[ChoiceView, ...]) -> None:
        self.clear_options()
        options = []
        for number, choice in enumerate(choices, 1):
            text = Text(f"{number}. ", style="bold")
            if choice.is_continue:
                text.append(_("Continue"))
            elif not choice.available:
                text.append(f"({_('locked')}) ", style="italic")
                text.append(unlink(choice.text))
                text.append(f" — {choice.locked}", style="italic")
            else:
                text.append(unlink(choice.text))
            options.append(Option(text, id=choice.id, disabled=not choice.available))
        self.add_options(options)
        self.highlighted = next((i for i, c in enumerate(choices) if c.available), None)
