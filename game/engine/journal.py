"""The journal and the ledger in words: each decision so far, its date, headline, what was chosen,
what came of it and what it changed. Computed here once for every front end (the full-screen
journal, the what-if list, the plain player's `j`): they render, they never decide."""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.engine.state import GameState
from game.engine.text import format_number, substitute
from game.engine.view import ledger, turn_date
from game.i18n import _, date_label, labelled, month_name
from game.model.safe_text import printable_line
from game.model.scenario import Scenario
from game.model.text_grammar import plain_markdown, unlink


@dataclass(frozen=True)
class Decision:
    index: int            # position in state.history, for what_if()
    date: str             # "Turn 2 · July 2024"
    heading: str          # the scene's headline ("" when it has none: a scene id is the writer's word)
    choice: str           # what the player chose, in words
    result: str           # what came of it, if the story says
    effects: tuple[str, ...]


def signed(amount: float) -> str:
    if amount > 0:
        return "+" + format_number(amount)
    return "−" + format_number(-amount)


def effect_lines(scenario: Scenario, changes: dict) -> list[str]:
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


def decisions(scenario: Scenario, state: GameState) -> list[Decision]:
    """The decisions so far, oldest first, in words."""
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
        heading = scene_heading(scene, words) if scene is not None else ""
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


SENTENCE_END = re.compile(r"(?<=[.!?…])\s")
LONGEST_HEADING = 70


def scene_heading(scene, words) -> str:
    """What names a decision's scene: its headline, else the first sentence of its first text (when
    that text always shows), else nothing."""
    if scene.headline:
        return words(scene.headline)
    if scene.text and scene.text[0].condition is None:
        return opening_sentence(words(plain_markdown(scene.text[0].text)))
    return ""


def opening_sentence(text: str) -> str:
    """A scene with no headline is named by its first sentence (shortened): what the player read
    there, rather than its id, which is the writer's word."""
    first = SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    return first if len(first) <= LONGEST_HEADING else first[:LONGEST_HEADING - 1].rstrip() + "…"


def ledger_lines(scenario: Scenario, state: GameState) -> list[str]:
    """`January 2024: label`, with `(undone)` when the player took it back."""
    lines = []
    for entry in ledger(scenario, state):
        date = entry.get("date")
        when = f"{month_name(date[1])} {date[0]}" if date else _("Turn {turn}").replace("{turn}", str(entry["turn"]))
        mark = " " + _("(undone)") if not entry.get("value") else ""
        lines.append(printable_line(labelled(when, entry["label"] + mark)))
    return lines
