"""The scene and its choices in one pane of fixed size.

The text scrolls at the top (PageUp/PageDown, the mouse wheel); the choices sit
below a rule, numbered, chosen with 1-9 (bound on the screen), the arrows and
Enter, or a click. Locked choices stay visible, in italics, with their reason
in words. The highlighted choice is marked with ▸ as well as by colour, and
with the "show effects" setting its sure effects are written under it.

Everything is drawn here rather than by child widgets so that a new scene
never changes any widget's size: see line_pane.py for why that matters.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.strip import Strip
from textual.style import Style

from game.model.text_grammar import unlink
from game.engine.view import ChoiceView
from game.i18n import _
from game.model.safe_text import printable, printable_line
from game.ui.widgets.effects import effects_label
from game.ui.widgets.line_pane import LinePane, wrap

MIN_TEXT_ROWS = 2
MARK, NO_MARK = "▸ ", "  "
BOLD = Style(bold=True)


class StoryView(LinePane, can_focus=True):
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("home", "edge(-1)", show=False),
        Binding("end", "edge(1)", show=False),
        Binding("enter", "select", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
    ]
    COMPONENT_CLASSES = {"story-view--cursor", "story-view--locked", "story-view--rule", "story-view--effects"}
    DEFAULT_CSS = """
    StoryView { width: 1fr; height: 1fr; padding: 0 1; }
    StoryView > .story-view--cursor {
        color: $block-cursor-blurred-foreground; background: $block-cursor-blurred-background; text-style: bold;
    }
    StoryView:focus > .story-view--cursor {
        color: $block-cursor-foreground; background: $block-cursor-background; text-style: bold;
    }
    StoryView > .story-view--locked { color: $text-muted; text-style: italic; }
    StoryView > .story-view--rule { color: $accent; }
    StoryView > .story-view--effects { color: $text-muted; }
    """

    class Chosen(Message):
        """A choice was taken with Enter or a click: `choice` is the one on screen (its id says which)."""

        def __init__(self, choice: ChoiceView) -> None:
            super().__init__()
            self.choice = choice

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.choices: tuple[ChoiceView, ...] = ()
        self.highlighted: int | None = None
        self.show_effects = True
        self._block: tuple[tuple, list[tuple[int, Strip]]] | None = None  # (key, lines of the choices)
        self._first_choice_row = 0    # the first choice line shown when they do not all fit
        self._scene = Content("")     # the scene's text, without the note above it

    # -- what the screen calls -------------------------------------------------------

    def show_scene(self, content: Content | str, choices: tuple[ChoiceView, ...], *, show_effects: bool,
                   status: str = "", same_place: bool = False) -> None:
        """A new scene: its text from the top, its choices with the first available one highlighted.

        `status` is a note shown above the text, in bold ("Undone.", a reload problem).
        `same_place`: the game has not moved (settings changed, the story reloaded): the
        highlighted choice and the scroll stay where they were if that choice is still open.
        """
        keep = (same_place and self.highlighted is not None and [c.id for c in choices] == [c.id for c in self.choices]
                and choices[self.highlighted].available)
        self.choices = choices
        self.show_effects = show_effects
        self._scene = content if isinstance(content, Content) else Content(printable(content))
        self._block = None
        if not keep:
            self.highlighted = next((i for i, c in enumerate(choices) if c.available), None)
            self._first_choice_row = 0
        self.show(self._with_note(status), keep_scroll=keep)

    def show_note(self, status: str) -> None:
        """A note above the same scene ("That choice is locked..."): the highlighted choice, the
        choices' window and the text's scroll all stay as they are, so Enter still takes the
        choice the player had highlighted."""
        self.show(self._with_note(status), keep_scroll=True)

    def _with_note(self, status: str) -> Content:
        if not status:
            return self._scene
        # An arrow, not a guillemet: in French » closes a quotation.
        note = Content.styled(f"→ {printable(status)}", BOLD, strip_control_codes=False)
        return Content.assemble(note, "\n\n", self._scene)

    # -- geometry ------------------------------------------------------------------------

    def choice_rows(self) -> list[tuple[int, Strip]]:
        """Every line of the choices as (choice index, line), cached per width and highlight."""
        width = self.size.width
        key = (width, self.highlighted, self.show_effects, id(self.choices), self.has_focus)
        if self._block is None or self._block[0] != key:
            self._block = (key, self._build_choice_rows(width))
        return self._block[1]

    def visible_choice_rows(self) -> list[tuple[int, Strip]]:
        """As many choice lines as fit under the rule, from the remembered first line.

        The window only moves when the keyboard takes the highlight out of view (see
        `follow_highlight`), never under the mouse, so a click lands where it points.
        """
        rows = self.choice_rows()
        room = max(0, self.size.height - MIN_TEXT_ROWS - 1)
        if len(rows) <= room:
            return rows
        start = max(0, min(self._first_choice_row, len(rows) - room))
        return rows[start:start + room]

    def follow_highlight(self) -> None:
        """Scroll the choices so the highlighted one shows (all of it if it fits, else its start)."""
        rows = self.choice_rows()
        room = max(0, self.size.height - MIN_TEXT_ROWS - 1)
        marked = [i for i, (index, _line) in enumerate(rows) if index == self.highlighted]
        if not marked or len(rows) <= room:
            return
        start = self._first_choice_row
        if marked[0] < start:
            start = marked[0]
        elif marked[-1] >= start + room:
            start = min(marked[0], marked[-1] - room + 1)
        self._first_choice_row = max(0, start)

    def hidden_choices(self) -> bool:
        return len(self.visible_choice_rows()) < len(self.choice_rows())

    def text_rows(self) -> int:
        return max(0, self.size.height - 1 - len(self.visible_choice_rows()))

    def _build_choice_rows(self, width: int) -> list[tuple[int, Strip]]:
        rows: list[tuple[int, Strip]] = []
        if width <= 0:
            return rows
        effects_room = 0
        for index, choice in enumerate(self.choices):
            rows.extend((index, line) for line in self._choice_lines(index, choice, width))
            effects_room = max(effects_room, len(self._effects_lines(index, choice, width)))
        # The same room for effects under every choice, so moving the highlight never moves the text.
        blank = Strip.blank(width, self.visual_style.rich_style)
        if self.highlighted is not None:
            lines = self._effects_lines(self.highlighted, self.choices[self.highlighted], width)
            at = max(i for i, (index, _line) in enumerate(rows) if index == self.highlighted) + 1
            rows[at:at] = [(self.highlighted, line) for line in lines + [blank] * (effects_room - len(lines))]
        else:
            rows.extend((-1, blank) for _ in range(effects_room))
        return rows

    def rule(self, width: int) -> Strip:
        """The line between text and choices; it says so when the text goes on beyond the pane."""
        style = self.get_visual_style("story-view--rule").rich_style
        parts = []
        total, rows = len(self.text_lines(width)), self.text_rows()
        if self.first_line + rows < total:
            parts.append(_("▼ more: PgDn"))
        elif self.first_line > 0:
            parts.append(_("▲ back: PgUp"))
        if self.hidden_choices():
            parts.append(_("more choices: ↑ ↓"))
        words = "".join(f" {part} ─" for part in parts)
        return Strip([Segment(("─" + words + "─" * width)[:width], style)])

    def _choice_lines(self, index: int, choice: ChoiceView, width: int) -> list[Strip]:
        number = f"{index + 1}. "
        mark = MARK if index == self.highlighted else NO_MARK
        indent = len(mark) + len(number)
        if choice.is_continue:
            body = Content(_("Continue"))
        elif not choice.available:
            body = Content(f"({_('locked')}) {printable_line(unlink(choice.text))} — {printable_line(choice.locked)}")
        else:
            body = Content(printable_line(unlink(choice.text)))
        if index == self.highlighted:
            style = self.get_visual_style("story-view--cursor")
        elif not choice.available:
            style = self.get_visual_style("story-view--locked")
        else:
            style = self.visual_style
        lines = body.wrap(max(1, width - indent))
        content = [Content.assemble(mark, (number, BOLD), lines[0])]
        content += [Content(" " * indent) + line for line in lines[1:]]
        return [strip for line in content for strip in wrap(self, line, width, style)]

    def _effects_lines(self, index: int, choice: ChoiceView, width: int) -> list[Strip]:
        if not self.show_effects or not choice.available:
            return []
        label = effects_label(choice)
        if not label:
            return []
        text = f"→ {printable_line(label)}"
        indent = len(MARK) + len(f"{index + 1}. ")
        lines = Content(text).wrap(max(1, width - indent))
        style = self.get_visual_style("story-view--effects")
        return [strip for line in lines for strip in wrap(self, Content(" " * indent) + line, width, style)]

    # -- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        text_rows = self.text_rows()
        if y < text_rows:
            return self.text_line(y)
        if y == text_rows:
            return self.rule(self.size.width)
        rows = self.visible_choice_rows()
        at = y - text_rows - 1
        if at < len(rows):
            return rows[at][1]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

    def refresh_choices(self) -> None:
        self._block = None
        self.refresh()

    def on_focus(self) -> None:
        self.refresh_choices()

    def on_blur(self) -> None:
        self.refresh_choices()

    def on_resize(self) -> None:
        self._block = None
        super().on_resize()
        self.follow_highlight()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._block = None      # the cached lines carry the old theme's colours

    # -- keys and the mouse ------------------------------------------------------------------

    def available(self) -> list[int]:
        return [i for i, c in enumerate(self.choices) if c.available]

    def action_move(self, step: int) -> None:
        options = self.available()
        if not options:
            return
        if self.highlighted not in options:
            target = options[0]
        else:
            position = options.index(self.highlighted) + step
            target = options[max(0, min(len(options) - 1, position))]
        self.highlight(target)

    def action_edge(self, side: int) -> None:
        options = self.available()
        if options:
            self.highlight(options[0] if side < 0 else options[-1])

    def highlight(self, index: int, *, follow: bool = True) -> None:
        if index != self.highlighted:
            self.highlighted = index
            self._block = None
            if follow:
                self.follow_highlight()
            self.refresh()

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Chosen(self.choices[self.highlighted]))

    def action_page(self, direction: int) -> None:
        self.scroll_text(direction * max(1, self.text_rows() - 1))

    def choice_at(self, y: int) -> int | None:
        rows = self.visible_choice_rows()
        at = y - self.text_rows() - 1
        index = rows[at][0] if 0 <= at < len(rows) else -1
        return index if index >= 0 else None

    def on_click(self, event) -> None:
        index = self.choice_at(event.y)
        if index is not None:
            event.stop()
            self.post_message(self.Chosen(self.choices[index]))

    def on_mouse_move(self, event) -> None:
        index = self.choice_at(event.y)
        if index is not None and self.choices[index].available:
            self.highlight(index, follow=False)
