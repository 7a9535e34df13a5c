"""The debrief walk-through: ← and → step decision by decision through how the class chose,
what really happened in France (with sources), then the endings and the discussion questions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.dashboard.base import ClassLine, ClassScreen
from game.dashboard.charts import bar_line, heading, muted, option_block, wrapped
from game.dashboard.debrief import DECISION, DISCUSSION, ENDINGS, DebriefStep, FactNote, debrief_steps
from game.dashboard.snapshot import ClassSnapshot
from game.i18n import DEBRIEF_QUESTIONS, N_, _, _f
from game.ui.widgets.key_bar import KeyBar


def source_line(fact: FactNote, width: int) -> Content:
    where = ", ".join(p for p in (fact.source, fact.url) if p)
    return muted("    " + wrapped(_f("Source: {source}", source=where), width - 4, "      ")) if where else Content("")


def step_lines(step: DebriefStep, width: int) -> list[Content]:
    """The step's lines for a text `width` columns wide."""
    lines: list[Content] = []
    bars = max(6, min(80, width - 16))
    if step.kind == DECISION and step.decision is not None:
        d = step.decision
        total = d.total
        top = max((o.count for o in d.options), default=0)
        lines.append(Content.styled(d.heading, "bold"))
        lines.append(muted(_f("Turn {turn} · answers: {n}", turn=d.turn, n=total)))
        for option in d.options:
            lines.append(option_block(option.text, option.count, total, bars, top > 0 and option.count == top))
        lines += reality_lines(step, width)
    elif step.kind == ENDINGS:
        lines.append(Content.styled(_("How the class's terms ended"), "bold"))
        total = sum(n for _t, n in step.endings)
        if not step.endings:
            lines.append(muted(_("No one has reached an ending yet.")))
        label_width = min(40, max((len(t) for t, _n in step.endings), default=10), max(10, width // 2))
        lines += [bar_line(t, n, total, max(6, min(80, width - label_width - 14)), label_width)
                  for t, n in step.endings]
        lines += reality_lines(step, width)
    elif step.kind == DISCUSSION:
        lines.append(Content.styled(_("Let's talk about it"), "bold"))
        questions = step.questions or tuple(_(q) for q in DEBRIEF_QUESTIONS)
        lines += [Content(f"{n}. " + wrapped(q, width - 3, "   ")) for n, q in enumerate(questions, 1)]
    return lines


def reality_lines(step: DebriefStep, width: int) -> list[Content]:
    if not step.reality and not step.facts:
        return []
    lines = [Content(""), heading(_("What really happened in France"))]
    for note in step.reality:
        lines.append(Content("• " + wrapped(note.text, width - 2)))
        lines += [source_line(f, width) for f in note.facts if f.source or f.url]
    for fact in step.facts:
        lines.append(Content.assemble("• ", (fact.title, "bold"), "\n  ", Content(wrapped(fact.text, width - 2))))
        lines.append(source_line(fact, width))
    return lines


class DebriefScreen(ClassScreen):
    BINDINGS = [
        # Priority: the scrolling area in focus would take ← and → for itself.
        Binding("right,n,space", "step(1)", N_("Next"), priority=True),
        Binding("left,p", "step(-1)", N_("Previous"), priority=True),
        Binding("home", "first", N_("First"), show=False, priority=True),
        Binding("end", "last", N_("Last"), show=False, priority=True),
    ]

    DEFAULT_CSS = """
    DebriefScreen #where { height: 1; padding: 0 1; color: $text-muted; }
    DebriefScreen #step-scroll { height: 1fr; padding: 0 2; }
    DebriefScreen #step { margin-top: 1; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.index = 0
        self.steps: list[DebriefStep] = []
        self._key: str | None = None     # the step in view, kept as the class's numbers change

    def compose(self) -> ComposeResult:
        yield ClassLine()
        yield Static(id="where")
        with VerticalScroll(id="step-scroll"):
            yield Static(id="step")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#step-scroll").focus()
        self.redraw()

    @staticmethod
    def step_key(step: DebriefStep) -> str:
        return step.decision.scene if step.decision is not None else step.kind

    def show(self, snapshot: ClassSnapshot | None, problem: str = "") -> None:
        super().show(snapshot, problem)
        if snapshot is None:
            return
        self.steps = debrief_steps(snapshot, self.app.scenario)
        keys = [self.step_key(s) for s in self.steps]
        if self._key in keys:
            self.index = keys.index(self._key)
        self.index = max(0, min(self.index, len(self.steps) - 1))
        self.draw()

    def draw(self) -> None:
        if not self.steps:
            return
        step = self.steps[self.index]
        moved, self._key = self._key != self.step_key(step), self.step_key(step)
        decisions = sum(1 for s in self.steps if s.kind == DECISION)
        if step.kind == DECISION:
            where = _f("Debrief · decision {n} of {total}", n=self.index + 1, total=decisions)
        elif step.kind == ENDINGS:
            where = _("Debrief · the endings")
        else:
            where = _("Debrief · discussion")
        self.query_one("#where", Static).update(Content(where + "   " + _("← previous · → next")))
        text_width = max(30, self.size.width - 8)          # the padding and the scroll bar
        self.query_one("#step", Static).update(Content("\n").join(step_lines(step, text_width)))
        if moved:
            self.query_one("#step-scroll", VerticalScroll).scroll_home(animate=False)

    def action_step(self, delta: int) -> None:
        self.index = max(0, min(self.index + delta, len(self.steps) - 1))
        self.draw()

    def action_first(self) -> None:
        self.index = 0
        self.draw()

    def action_last(self) -> None:
        self.index = max(0, len(self.steps) - 1)
        self.draw()
