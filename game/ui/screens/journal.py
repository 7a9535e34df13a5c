"""The journal: every decision so far with its date and effects, then the ledger of what was signed."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from game.engine.text import format_number, substitute
from game.model.text_grammar import unlink
from game.engine.view import ledger, turn_date
from game.i18n import N_, _, date_label, month_name
from game.model.safe_text import printable, printable_line
from game.ui.widgets.key_bar import SCROLL, KeyBar


@dataclass(frozen=True)
class Decision:
    index: int            # position in state.history, for what_if()
    date: str             # "Turn 2 · July 2024"
    heading: str          # the scene's headline ("" when it has none)
    choice: str           # what the player chose, in words
    result: str           # what came of it, if the story says
    effects: tuple[str, ...]


def signed(amount: float) -> str:
    if amount > 0:
        return "+" + format_number(amount)
    return "−" + format_number(-amount)


def effect_lines(scenario, changes: dict) -> list[str]:
    """`Budget 60 → 50 (−10)`, `✔ label` / `✘ label`; hidden meters and unlabelled flags are left out."""
    lines = []
    for target, pair in changes.items():
        try:
            before, after = pair
        except (TypeError, ValueError):
            continue
        if before == after:
            continue
        meter = scenario.meters.get(target)
        if meter is not None:
            if meter.hidden:
                continue
            unit = f" {meter.unit}" if meter.unit else ""
            lines.append(printable_line(f"{meter.label} {format_number(before)} → {format_number(after)}{unit} "
                                        f"({signed(after - before)})"))
            continue
        flag = scenario.flags.get(target)
        if flag is not None and flag.label:
            lines.append(("✔ " if after else "✘ ") + printable_line(flag.label))
    return lines


def decisions(session) -> list[Decision]:
    """The decisions so far, oldest first, in words."""
    scenario, state = session.scenario, session.state
    found = []
    for index, entry in enumerate(state.history):
        turn = entry.get("turn", 0)
        changes = entry.get("changes", {}) or {}
        # The meters as they stood when the choice was made, for {meter} in the texts.
        meters = dict(entry.get("meters", {}) or {})
        meters.update({k: v[0] for k, v in changes.items() if k in scenario.meters})

        def words(text: str) -> str:
            return printable_line(unlink(substitute(text, meters, state.flags)).strip())

        scene = scenario.scenes.get(entry.get("scene", ""))
        # A scene without a headline is named by its date and the choice: its id is the writer's, not the player's.
        heading = words(scene.headline) if scene is not None and scene.headline else ""
        choice = scene.choice(entry.get("choice", "")) if scene is not None else None
        text = words(choice.text) if choice is not None else printable_line(entry.get("choice", ""))
        result = ""
        if choice is not None:
            result = choice.result
            outcome = entry.get("outcome")
            if isinstance(outcome, int) and 0 <= outcome < len(choice.outcomes):
                result = choice.outcomes[outcome].result or result
        found.append(Decision(index, date_label(turn, turn_date(scenario, turn)), heading, text,
                              words(result) if result else "", tuple(effect_lines(scenario, changes))))
    return found


def ledger_lines(session) -> list[str]:
    """`January 2024: label`, with `(undone)` when the player took it back."""
    lines = []
    for entry in ledger(session.scenario, session.state):
        date = entry.get("date")
        when = f"{month_name(date[1])} {date[0]}" if date else _("Turn {turn}").replace("{turn}", str(entry["turn"]))
        mark = " " + _("(undone)") if not entry.get("value") else ""
        lines.append(printable_line(f"{when}: {entry['label']}{mark}"))
    return lines


def decision_heading(decision: Decision, numbered: bool = True) -> Text:
    text = Text(f"{decision.index + 1}. {decision.date}" if numbered else decision.date, style="bold")
    if decision.heading:
        text.append(" — ")
        text.append(decision.heading, style="italic")
    return text


def decision_body(decision: Decision) -> Text:
    text = Text(_("You chose:") + " ", style="bold")
    text.append(decision.choice)
    if decision.result:
        text.append("\n")
        text.append(decision.result, style="italic")
    for line in decision.effects:
        text.append("\n• " + line)
    return text


def decision_text(decision: Decision, effects: bool = False) -> Text:
    """A decision in a few lines, for numbered lists: the date and headline, then the choice (and its effects)."""
    text = decision_heading(decision, numbered=False)
    text.append("\n" + _("You chose:") + " ")
    text.append(decision.choice)
    if effects:
        for line in decision.effects:
            text.append("\n• " + line)
    return text


class JournalScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", N_("Back")), SCROLL]

    DEFAULT_CSS = """
    JournalScreen { align: center middle; }
    JournalScreen > #journal {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1; border-title-style: bold;
    }
    JournalScreen .heading { text-style: bold underline; margin-top: 1; }
    JournalScreen .decision { margin-top: 1; }
    JournalScreen .decision-body { padding-left: 3; }
    JournalScreen .empty { color: $text-muted; }
    """

    def __init__(self, session, **kwargs):
        super().__init__(**kwargs)
        self.session = session

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="journal") as journal:
            journal.border_title = _("Journal: your decisions so far")
            found = decisions(self.session)
            if not found:
                yield Static(_("No decisions yet. Each choice you make will be written here."), classes="empty")
            for decision in found:
                yield Static(decision_heading(decision), classes="decision")
                yield Static(decision_body(decision), classes="decision-body")
            yield Static(_("The ledger so far"), classes="heading")
            lines = ledger_lines(self.session)
            if lines:
                yield Static(Text(printable("\n".join("• " + line for line in lines))))
            else:
                yield Static(_("Nothing signed yet."), classes="empty")
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.is_attached:
            return   # the app quit as it came (a burst of keys): its children are gone
        self.query_one("#journal", VerticalScroll).focus()  # ↑/↓, Page Up/Down, Home/End scroll

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#journal", VerticalScroll).scroll_page_down()
