"""A list whose options are numbered on screen and chosen by their number, as choices are.

One key model on every screen with a list: the arrows move, Enter takes the highlighted
option, a number takes the option it names (the same as Enter on it), Esc goes back. The
keys are shown in one place, the key bar at the bottom (see key_bar.py): the list puts
"1-9 Choose" there while it has the focus. A number that names a disabled option moves
nothing and says why when the screen gives a reason (`why_disabled`).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.i18n import N_
from game.ui.widgets.hanging import Hanging

MOST = 9   # keys 1-9


def number_keys() -> list[Binding]:
    """The keys 1-9 as bindings, "1-9 Choose" shown once.

    A screen whose numbered list shares it with another pane (the glossary's definition) binds
    them too, with the same action, so a number still takes its option once the focus has moved
    to the pane: the screen's `action_pick` passes it to the list (see `ListNumbers`).
    """
    return [
        Binding("1", "pick(1)", N_("Choose"), key_display="1-9"),
        *[Binding(str(n), f"pick({n})", show=False) for n in range(2, MOST + 1)],
    ]


def numbered(number: int, prompt) -> Content:
    """`prompt` with its number before it ("3. "); past 9, indented to line up."""
    if not isinstance(prompt, Content):   # a Rich Text (styled, never markup) or a plain string
        prompt = Content(prompt) if isinstance(prompt, str) else Content.from_rich_text(prompt)
    mark = f"{number}. " if number <= MOST else "   "
    # The lines after the first line up under the prompt's first word.
    lines = prompt.split("\n", allow_blank=True)
    return Content.assemble(mark, Content("\n" + " " * len(mark)).join(lines))


class NumberedList(OptionList):
    """An OptionList whose first nine options are taken with the keys 1-9."""

    BINDINGS = number_keys()

    def __init__(self, *options, why_disabled=None, **kwargs):
        super().__init__(*options, **kwargs)
        self.why_disabled = why_disabled   # option -> a sentence, or None

    @staticmethod
    def numbered_options(options: list[Option]) -> list[Option]:
        """The same options, their prompts numbered from 1."""
        return [Option(Hanging(numbered(n, option.prompt)), id=option.id, disabled=option.disabled)
                for n, option in enumerate(options, 1)]

    def action_pick(self, number: int) -> None:
        # Keys still queued for this list once its choice opened another screen (a burst) do nothing.
        if not 1 <= number <= self.option_count or not self.is_attached or self.screen is not self.app.screen:
            return
        option = self.get_option_at_index(number - 1)
        if option.disabled:
            reason = self.why_disabled(option) if self.why_disabled is not None else None
            if reason:
                self.notify(reason, timeout=4, markup=False)
            return
        self.highlighted = number - 1
        self.action_select()

    def action_select(self) -> None:
        if self.is_attached and self.screen is self.app.screen:
            super().action_select()


class ListNumbers:
    """For a screen: the keys 1-9 take an option of its list `NUMBERED` wherever the focus is on it."""

    NUMBERED = ""   # the CSS selector of the screen's numbered list

    def action_pick(self, number: int) -> None:
        found = self.query(self.NUMBERED)
        if not found:
            return   # an empty list is not shown
        numbered_list = found.first(NumberedList)
        numbered_list.focus()
        numbered_list.action_pick(number)
