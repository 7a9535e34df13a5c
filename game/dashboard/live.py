"""The live screen: where each student is, how the class chose at each decision (newest first),
the endings, and the quiz before and after, redrawn whenever the class moves."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.dashboard import student as st
from game.dashboard.base import ClassLine, ClassScreen
from game.dashboard.charts import bar_line, chart_width, comparison_lines, heading, muted, option_block
from game.dashboard.snapshot import ClassSnapshot, DecisionTally, StudentRow
from game.i18n import _, _f
from game.ui.widgets.key_bar import KeyBar

WIDE = 120          # from this width the decisions get a column of their own
STUDENT_CHIPS = 120  # more students than this: the counts above say it all


def stage_label(stage: str) -> str:
    return {st.JOINED: _("Waiting to start"), st.PRE_QUIZ: _("Quiz before playing"),
            st.GAME_OVER: _("Game over"), st.POST_QUIZ: _("Quiz after playing"),
            st.FINISHED_STAGE: _("Finished")}.get(stage, stage)


def chip(row: StudentRow) -> str:
    """`S07 T3`: a student and where they are, in a few characters."""
    stage, turn = row.stage, row.turn
    where = {st.JOINED: "·", st.PRE_QUIZ: _("quiz"), st.GAME_OVER: _("end"), st.POST_QUIZ: _("quiz 2"),
             st.FINISHED_STAGE: "✓"}.get(stage) or _f("T{turn}", turn=turn)
    return f"{row.label} {where}"


def progress_lines(snapshot: ClassSnapshot, width: int) -> list[Content]:
    counts = snapshot.stage_counts()
    total = max(1, snapshot.joined)
    rows: list[tuple[str, int]] = [(stage_label(st.JOINED), counts[st.JOINED])]
    if "pre" in snapshot.quiz_setting:
        rows.append((stage_label(st.PRE_QUIZ), counts[st.PRE_QUIZ]))
    turns = snapshot.turn_counts()
    for turn in range(0, max(turns, default=0) + 1):
        rows.append((_f("Turn {turn}", turn=turn) if turn else _("Starting the game"), turns.get(turn, 0)))
    rows.append((stage_label(st.GAME_OVER), counts[st.GAME_OVER]))
    if "post" in snapshot.quiz_setting:
        rows.append((stage_label(st.POST_QUIZ), counts[st.POST_QUIZ]))
    rows.append((stage_label(st.FINISHED_STAGE), counts[st.FINISHED_STAGE]))
    label_width = min(22, max(len(label) for label, _n in rows))
    bars = max(6, width - label_width - 14)
    lines = [heading(_("Where the students are"))]
    lines += [bar_line(label, n, total, bars, label_width) for label, n in rows]
    if snapshot.students and snapshot.joined <= STUDENT_CHIPS:
        lines.append(Content(""))
        lines.append(Content("   ".join(chip(s) for s in snapshot.students)))
    return lines


def summary_line(snapshot: ClassSnapshot) -> Content:
    """Where the students are, in one line for a small screen: only the places someone is at."""
    counts = snapshot.stage_counts()
    parts = [(stage_label(st.JOINED), counts[st.JOINED]), (stage_label(st.PRE_QUIZ), counts[st.PRE_QUIZ])]
    parts += [(_f("Turn {turn}", turn=t) if t else _("Starting the game"), n) for t, n in snapshot.turn_counts().items()]
    parts += [(stage_label(s), counts[s]) for s in (st.GAME_OVER, st.POST_QUIZ, st.FINISHED_STAGE)]
    shown = [Content.assemble(label + " ", (str(n), "bold $accent")) for label, n in parts if n]
    return Content(" · ").join(shown) if shown else muted(_("No student yet."))


def decision_lines(decision: DecisionTally, width: int) -> list[Content]:
    total = decision.total
    top = max((o.count for o in decision.options), default=0)
    title = _f("Turn {turn}", turn=decision.turn) + " · " + decision.heading
    lines = [Content.assemble(heading(title), muted("  " + _f("(answers: {n})", n=total)))]
    for option in decision.options:
        lines.append(option_block(option.text, option.count, total, max(6, width - 16), top > 0 and option.count == top))
    return lines


def ending_lines(snapshot: ClassSnapshot, width: int) -> list[Content]:
    lines = [heading(_("Endings"))]
    if not snapshot.endings:
        return lines + [muted(_("No one has reached an ending yet."))]
    total = sum(n for _title, n in snapshot.endings)
    label_width = min(40, max(len(title) for title, _n in snapshot.endings), max(10, width // 2))
    return lines + [bar_line(title, n, total, max(6, width - label_width - 14), label_width)
                    for title, n in snapshot.endings]


def quiz_lines(snapshot: ClassSnapshot, has_scenario: bool = True) -> list[Content]:
    """The quiz part; `has_scenario`: the class's scenario is on this computer, so a missing
    comparison is one still being computed (it arrives a moment after the rest)."""
    quiz = snapshot.quiz
    if snapshot.quiz_setting == "none":
        return []
    lines = [heading(_("Quiz before and after playing"))]
    if quiz is None:
        if has_scenario:
            return lines + [muted(_("Comparing the two quizzes…"))]
        return lines + [muted(_("The quiz results need the class's scenario on this computer."))]
    lines.append(Content(_f("Finished the quiz before playing: {pre}   after playing: {post}",
                            pre=quiz.pre_done, post=quiz.post_done)))
    lines += comparison_lines(_("Discernment d′ (telling lawful cases from unlawful ones)"), quiz.discernment)
    lines += comparison_lines(_("Answers right (%)"), quiz.accuracy, digits=0, scale=100)
    paired = quiz.discernment.paired
    if paired == 0:
        lines.append(muted(_("No student has taken both quizzes yet.")))
    elif quiz.discernment.too_small:
        lines.append(Content.styled(_f("Too few students: {n} took both quizzes, fewer than {least}. "
                                       "The numbers are for discussion only.", n=paired,
                                       least=quiz.discernment.min_paired), "bold $warning"))
    else:
        lines.append(muted(_f("{n} students took both quizzes.", n=paired)))
    return lines


class LiveScreen(ClassScreen):
    # Small screens: one scrolling page, the decisions first. Wide ones: two columns that scroll
    # apart, so the counts stay in view beside a long list of decisions.
    DEFAULT_CSS = """
    LiveScreen #live { height: 1fr; padding: 0 1; }
    LiveScreen #summary { height: auto; padding: 0 1; }
    LiveScreen.wide #summary { display: none; }
    LiveScreen #columns { layout: vertical; height: auto; }
    LiveScreen.wide #columns { layout: horizontal; height: 1fr; }
    LiveScreen #left, LiveScreen #right { height: auto; }
    LiveScreen.wide #left { width: 1fr; height: 100%; margin-right: 2; }
    LiveScreen.wide #right { width: 1fr; height: 100%; }
    LiveScreen .part { margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        yield ClassLine()
        yield Static(id="summary")        # small screens: where the students are, above the decisions
        with VerticalScroll(id="live"):
            with Horizontal(id="columns"):
                # Decisions first: on a narrow screen they come before the counts.
                with VerticalScroll(id="left"):
                    yield Static(id="decisions", classes="part")
                with VerticalScroll(id="right"):
                    yield Static(id="progress", classes="part")
                    yield Static(id="endings", classes="part")
                    yield Static(id="quiz", classes="part")
        yield KeyBar()

    def on_mount(self) -> None:
        self.redraw()

    def show(self, snapshot: ClassSnapshot | None, problem: str = "") -> None:
        super().show(snapshot, problem)
        wide = self.size.width >= WIDE
        if wide != self.has_class("wide") or self.focused is None:
            self.set_class(wide, "wide")
            self.query_one("#left" if wide else "#live").focus()   # ↑↓ scroll the decisions
        column = (self.size.width - 6) // 2 if wide else self.size.width - 4
        width = chart_width(column, share=1.0, least=30, most=90)
        if snapshot is None:
            return
        self.query_one("#summary", Static).update(summary_line(snapshot))
        self.query_one("#progress", Static).update(Content("\n").join(progress_lines(snapshot, width)))
        self.query_one("#endings", Static).update(Content("\n").join(ending_lines(snapshot, width)))
        has_scenario = getattr(getattr(self.app, "feed", None), "scenario", None) is not None
        self.query_one("#quiz", Static).update(Content("\n").join(quiz_lines(snapshot, has_scenario)))
        parts = [heading(_("Decisions, the newest first"))]
        if not snapshot.decisions:
            parts.append(muted(_("No decision made yet.")))
        for decision in reversed(snapshot.decisions):
            parts += decision_lines(decision, width) + [Content("")]
        self.query_one("#decisions", Static).update(Content("\n").join(parts))
        self.call_after_refresh(self.fit_parts)

    def fit_parts(self) -> None:
        """Give each part, once drawn, the height its text needs at its width, in its styles.

        An automatic height was not enough: a part whose text grew while the screen was being
        switched to (the quiz's comparison, computed apart) could keep the height of its earlier
        text, the quiz cut to two lines on a busy machine. A height set in the styles always lays
        the columns out again."""
        for part in self.query(".part, #summary").results(Static):
            text = part.content          # what update() gave it last
            width = part.content_size.width
            if not isinstance(text, Content) or width <= 0:
                continue
            needed = max(1, len(text.wrap(width)))
            if part.styles.height is None or part.styles.height.value != needed or part.size.height != needed:
                part.styles.height = needed
