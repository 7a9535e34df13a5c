"""The quiz, one case or question at a time: judge it, then say how sure you are.

Keys: 1 / 2 for proportionate or not (or the option's number), then 1-7 for confidence;
arrows and Enter work too. Each answer is kept at once, so a closed window resumes at
the next item. Explanations come only after the last quiz of the class (or at the end
of a practice quiz), never after the pre-quiz: they would teach the test.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from game.classroom.quiz import Response, answer_line, respond, score
from game.model.text_grammar import unlink
from game.i18n import N_, _, _f
from game.model.safe_text import printable
from game.ui.widgets.key_bar import KeyBar
from game.engine.sources import source_words


class QuizScreen(Screen):
    """Asks `items` not yet answered; `on_answer(response)` keeps each; `on_done()` when all are answered."""

    BINDINGS = [*[Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)],
                Binding("q", "app.quit", N_("Quit"))]
    DEFAULT_CSS = """
    QuizScreen { layout: vertical; }
    QuizScreen #quiz-top { height: 2; padding: 0 1; background: $panel; }
    QuizScreen #quiz-body { height: 1fr; padding: 1 2; }
    QuizScreen #quiz-text { margin-bottom: 1; }
    QuizScreen #quiz-ask { text-style: bold; margin-top: 1; }
    QuizScreen #quiz-options { height: auto; max-height: 12; }
    """

    def __init__(self, title: str, items, answered: list[Response], on_answer, on_done):
        super().__init__()
        self.heading = title
        self.items = list(items)
        self.done = {r.item for r in answered}
        self.on_answer = on_answer
        self.on_done = on_done
        self.index = -1
        self.pending_answer: bool | None = None     # a case judged, waiting for its confidence
        self.started = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Static(id="quiz-top")
        with VerticalScroll(id="quiz-body"):
            yield Static(id="quiz-text")
            yield Static(id="quiz-ask")
            yield OptionList(id="quiz-options")
        yield KeyBar()

    def on_mount(self) -> None:
        self.next_item()

    @property
    def item(self):
        return self.items[self.index]

    def next_item(self) -> None:
        self.index += 1
        while self.index < len(self.items) and self.items[self.index].id in self.done:
            self.index += 1
        if self.index >= len(self.items):
            self.on_done()
            return
        self.pending_answer = None
        self.started = time.monotonic()
        item = self.item
        kind = _f("Case {n} of {total}", n=self.index + 1, total=len(self.items)) if item.kind == "case" \
            else _f("Question {n} of {total}", n=self.index + 1, total=len(self.items))
        self.query_one("#quiz-top", Static).update(Text(f"{self.heading}\n{kind}", style="bold"))
        self.query_one("#quiz-text", Static).update(Text(printable(unlink(item.text))))
        if item.kind == "case":
            self.ask(_("Is this proportionate?"), [_("Yes, proportionate"), _("No, not proportionate")])
        else:
            self.ask(_("Your answer:"), [printable(unlink(o)) for o in item.options])

    def ask(self, question: str, options: list[str]) -> None:
        self.query_one("#quiz-ask", Static).update(Text(question))
        menu = self.query_one("#quiz-options", OptionList)
        menu.clear_options()
        menu.add_options([Option(Text(f"{n}. {label}"), id=str(n)) for n, label in enumerate(options, 1)])
        menu.highlighted = 0
        menu.focus()

    def ask_confidence(self) -> None:
        labels = [_("1 — guessing"), "2", "3", _("4 — half sure"), "5", "6", _("7 — certain")]
        self.query_one("#quiz-ask", Static).update(Text(_("How sure are you?")))
        menu = self.query_one("#quiz-options", OptionList)
        menu.clear_options()
        menu.add_options([Option(Text(label), id=str(n)) for n, label in enumerate(labels, 1)])
        menu.highlighted = 3
        menu.focus()

    @on(OptionList.OptionSelected, "#quiz-options")
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.action_pick(int(event.option.id))

    def action_pick(self, number: int) -> None:
        if not 0 <= self.index < len(self.items):
            return
        item = self.item
        if item.kind == "case":
            if self.pending_answer is None:
                if number in (1, 2):
                    self.pending_answer = number == 1
                    self.ask_confidence()
                return
            if not 1 <= number <= 7:
                return
            response = respond(item, self.pending_answer, number, self.elapsed())
        else:
            if not 1 <= number <= len(item.options):
                return
            response = respond(item, number - 1, None, self.elapsed())
        self.on_answer(response)
        self.next_item()

    def elapsed(self) -> int:
        return int((time.monotonic() - self.started) * 1000)


class ExplanationsScreen(Screen):
    """The score, then each item: the right answer, the student's, why, and the sources."""

    BINDINGS = [Binding("c,enter", "go_on", N_("Continue")), Binding("q", "app.quit", N_("Quit"))]
    DEFAULT_CSS = """
    ExplanationsScreen { layout: vertical; }
    ExplanationsScreen #explain { height: 1fr; padding: 0 2; }
    ExplanationsScreen .item { margin-top: 1; }
    ExplanationsScreen .why { padding-left: 2; }
    ExplanationsScreen .source { padding-left: 4; color: $text-muted; }
    ExplanationsScreen Button { margin: 1 0; }
    """

    def __init__(self, scenario, items, responses: list[Response], on_done):
        super().__init__()
        self.scenario = scenario
        self.items = list(items)
        self.responses = {r.item: r for r in responses}
        self.on_done = on_done

    def compose(self) -> ComposeResult:
        right, total = score(list(self.responses.values()))
        with VerticalScroll(id="explain"):
            yield Static(Text(_f("Your score: {right} of {total}", right=right, total=total), style="bold"))
            for number, item in enumerate(self.items, 1):
                given = self.responses.get(item.id)
                yield Static(Text(f"{number}. {printable(unlink(item.text))}", style="bold"), classes="item")
                if item.kind == "case":
                    truth = _("proportionate") if item.proportionate else _("not proportionate")
                else:
                    truth = printable(unlink(item.options[item.answer])) if item.answer is not None else ""
                yield Static(Text(answer_line(item, truth, given)), classes="why")
                if item.explain:
                    yield Static(Text(printable(unlink(item.explain))), classes="why")
                for fact_id in item.facts:
                    fact = self.scenario.facts.get(fact_id)
                    if fact is not None:
                        source = source_words(fact.source, with_url=True)
                        cited = f"{fact.title} ({source})"
                        yield Static(Text(printable(_f("Source: {source}", source=cited))), classes="source")
            yield Button(Text(_("Continue (c)")), id="go-on", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#explain").focus()

    @on(Button.Pressed, "#go-on")
    def action_go_on(self) -> None:
        self.on_done()


class ClosingScreen(Screen):
    """The end of a class: thanks, and whether the results are all sent."""

    BINDINGS = [Binding("t", "app.title", N_("Title screen")), Binding("q", "app.quit", N_("Quit"))]
    DEFAULT_CSS = """
    ClosingScreen { align: center middle; }
    ClosingScreen > #closing { width: 64; max-width: 100%; height: auto; border: thick $accent;
                               background: $surface; padding: 1 2; }
    ClosingScreen #closing-notice { color: $warning; margin-top: 1; }
    """

    def __init__(self, pseudonym: str, notice: str = ""):
        super().__init__()
        self.pseudonym = pseudonym
        self.notice = notice

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="closing"):
            yield Static(Text(_f("Thank you, {name}: you have finished.", name=printable(self.pseudonym)),
                              style="bold"))
            yield Static(Text(_("Your teacher will now lead the discussion. You can close this window.")))
            yield Static(Text(self.notice), id="closing-notice")
        yield KeyBar()
