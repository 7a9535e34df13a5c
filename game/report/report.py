"""The class report: `safecity class report CODE -o report.html`, one printable page for after the lesson."""

from __future__ import annotations

from game.i18n import _, _f
from game.report import charts
from game.report.data import ReportData
from game.report.render import common_words, day, number, render


def words(data: ReportData) -> dict[str, str]:
    record = data.record
    return {
        **common_words(),
        "title": _f("Class report: {name}", name=record.name),
        "summary": _("The session"),
        "scenario": _("Scenario"),
        "variant": _("Variant"),
        "full_game": _("the full game"),
        "language": _("Language"),
        "code": _("Class code"),
        "seed": _("Seed (the same events for everyone)"),
        "mode": _("How the class played"),
        "mode_play": _("each student played their own game"),
        "mode_vote": _("a class vote: one game on the projector, the class voted on each decision"),
        "joined": _("Students who joined"),
        "finished": _("Students who finished"),
        "when": _("First and last step"),
        "decisions": _("The decisions"),
        "decisions_intro": _("How the class chose at each decision, in the order the class met them, with what "
                             "really happened in France."),
        "decisions_vote_intro": _("How the class voted at each decision (the votes when the vote closed), with what "
                                  "really happened in France."),
        "answers": _("answers"),
        "option": _("Choice"),
        "count": _("Students"),
        "really": _("What really happened"),
        "no_decisions": _("No decision was recorded in this class."),
        "endings": _("Endings"),
        "ending": _("Ending"),
        "no_endings": _("No student reached an ending."),
        "meters": _("The meters at the end"),
        "meter": _("Meter"),
        "start": _("At the start"),
        "mean": _("Class mean"),
        "lowest": _("Lowest"),
        "highest": _("Highest"),
        "no_meters": _("No ending with meters was recorded."),
        "quiz": _("The quiz before and after playing"),
        "quiz_none": _("This class took no quiz."),
        "measure": _("Measure"),
        "paired": _("Students with both quizzes"),
        "before": _("Before"),
        "after": _("After"),
        "change": _("Change (95% interval)"),
        "too_few": _f("Too few students took both quizzes (fewer than {n}): the change and its effect size are "
                      "not worth reading.", n=10),
        "effect": _("Effect size"),
        "quiz_note": _("Discernment (d′) measures telling proportionate uses from disproportionate ones; "
                       "d_z and g_av are effect sizes of the change (see the project's scoring guide)."),
        "discussion": _("Questions for the discussion"),
        "later": _("Other things that really happened"),
    }


def quiz_rows(data: ReportData) -> list[dict]:
    quiz = data.snapshot.quiz
    if quiz is None:
        return []
    rows = []
    for label, comparison, digits in ((_("Discernment (d′)"), quiz.discernment, 2),
                                      (_("Share of right answers"), quiz.accuracy, 2)):
        rows.append({"label": label, "c": comparison, "digits": digits})
    return rows


def render_report(data: ReportData) -> str:
    """The whole page, as one string of HTML."""
    decisions = []
    for step in data.decisions:
        tally = step.decision
        decisions.append({
            "step": step,
            "chart": charts.counts_chart([o.text for o in tally.options], [o.count for o in tally.options]),
        })
    endings = data.snapshot.endings
    ending_chart = charts.counts_chart([title for title, _n in endings], [n for _t, n in endings]) if endings else ""
    rows = quiz_rows(data)
    quiz_chart = ""
    if rows and any(r["c"].pre_mean is not None or r["c"].post_mean is not None for r in rows):
        quiz_chart = charts.pre_post_chart([(r["label"], r["c"].pre_mean, r["c"].post_mean) for r in rows],
                                           _("Before"), _("After"))
    return render("report.html.j2", w=words(data), data=data, record=data.record, decisions=decisions,
                  ending_chart=ending_chart, quiz_rows=rows, quiz_chart=quiz_chart, made=day(data.made_at))
