"""Scoring the classroom quiz: one student's answers, then a class before and after playing.

Pure functions on plain values, standard library only. ``docs/scoring.md`` explains the
same formulas for teachers, with a worked example.

One student, one phase (``score_quiz``)
=======================================

Each ``Answer`` has the item's ``kind`` ("case" or "knowledge"), the ``truth`` (for a
case, True when it is proportionate; for a knowledge question, the index of the correct
option), the student's ``answer`` (True = "proportionate" for a case; an option index for
a question; None = not answered) and an optional ``confidence`` from 1 to 7.

Accuracy
    accuracy = correct / items, over all items; ``case_accuracy`` and
    ``knowledge_accuracy`` the same over cases and over questions only. An unanswered
    item counts as not correct. None when there is no such item.

Discernment (signal detection over the answered cases)
    A *signal* is a case that is NOT proportionate; *noise* is a proportionate case.
    A *hit* is judging a signal "not proportionate"; a *false alarm* is judging a noise
    case "not proportionate" (misses and correct rejections are the rest).

    Raw rates:            H = hits / signals,  F = false alarms / noise
    Hits minus F.A.:      h_minus_f = H - F                      (between -1 and 1)
    Log-linear rates:     H' = (hits + 0.5) / (signals + 1)
                          F' = (false alarms + 0.5) / (noise + 1)
                          (Hautus 1995; applied always, not only to rates of 0 or 1,
                          so a perfect score still gives a finite z)
    Sensitivity:          d' = z(H') - z(F')
    Criterion:            c = -(z(H') + z(F')) / 2
    where z is the standard normal quantile, ``statistics.NormalDist().inv_cdf``.

    d' = 0 means the answers do not tell the two kinds of case apart; it grows as the
    student rejects the disproportionate cases and accepts the proportionate ones. A
    student who answers "not proportionate" to everything has H = F = 1, so H - F = 0 and
    d' = 0 (H' = F'), however "vigilant" that looks.

    Sign of c: c < 0 is a leaning towards "not proportionate" (rejecting, distrust),
    c > 0 a leaning towards "proportionate" (accepting, trust), c = 0 no leaning.
    Rejecting all 5 + 5 cases gives c = -z(5.5/6) = -1.383.

    All of these are None when the answered cases hold no signal or no noise.

Confidence and calibration (answers that carry a confidence)
    mean_confidence = mean of the confidences given;
    confidence_right / confidence_wrong = mean confidence of the correct / wrong answers
    (None when there is no such answer);
    calibration = confidence_right - confidence_wrong (None unless both exist).
    A well-calibrated student is surer when right: calibration > 0.

A class (``compare_class``, ``compare_values``)
===============================================

The chosen measure (``MEASURES``) is taken from each student's pre and post score.
Students with a value in both phases are *paired*; the others are counted
(``pre_only``, ``post_only``) and left out. With n paired students and differences
d_i = post_i - pre_i:

    pre_mean, pre_sd, post_mean, post_sd   over the paired students (SD with n - 1)
    mean_diff = mean(d),  sd_diff = SD(d)
    d_z   = mean_diff / sd_diff                           (Lakens 2013, eq. 6)
    d_av  = mean_diff / ((pre_sd + post_sd) / 2)          (Lakens 2013, eq. 10)
    g_av  = d_av * J,  J = 1 - 3 / (4 (n - 1) - 1)        (Hedges' small-sample correction
            with the n - 1 degrees of freedom of a paired design; Hedges & Olkin 1985,
            Borenstein et al. 2009; called Hedges' g_av by Lakens 2013)
    ci_low, ci_high: percentile bootstrap 95 % interval of mean_diff, 2,000 resamples
            drawn with random.Random(seed), seed 0 by default (see ``stats``).

SDs need n >= 2, the interval needs n >= 2, g_av needs n >= 3 (J is 0 at n = 2); an SD
of 0 (every difference equal) leaves d_z None, and pre_sd + post_sd = 0 leaves d_av and
g_av None. ``too_small`` is True below ``MIN_PAIRED`` (10) paired students: the numbers
are still given, and ``notes`` says the class is too small to conclude.

References: Hautus, M. J. (1995). Corrections for extreme proportions and their biasing
effects on estimated values of d'. Behavior Research Methods, Instruments, & Computers,
27, 46-51. Lakens, D. (2013). Calculating and reporting effect sizes to facilitate
cumulative science. Frontiers in Psychology, 4, 863. Hedges, L. V., & Olkin, I. (1985).
Statistical methods for meta-analysis. Borenstein, M., Hedges, L. V., Higgins, J. P. T.,
& Rothstein, H. R. (2009). Introduction to meta-analysis, ch. 4. Efron, B., & Tibshirani,
R. J. (1993). An introduction to the bootstrap, ch. 13.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from game.classroom import stats

CASE = "case"
KNOWLEDGE = "knowledge"
CONFIDENCE_MIN, CONFIDENCE_MAX = 1, 7

MIN_PAIRED = 10          # below this many paired students a class is too small to conclude
RESAMPLES = 2000
LEVEL = 0.95
SEED = 0

# What compare_class can compare: a StudentScore field each.
MEASURES = ("accuracy", "case_accuracy", "knowledge_accuracy", "d_prime", "h_minus_f",
            "criterion", "mean_confidence", "calibration")


@dataclass(frozen=True)
class Answer:
    """One answered (or skipped) quiz item."""

    kind: str                          # CASE or KNOWLEDGE
    truth: bool | int                  # case: True if proportionate; knowledge: index of the right option
    answer: bool | int | None          # case: True = "proportionate"; knowledge: option index; None = skipped
    confidence: int | None = None      # 1-7, or None

    def __post_init__(self) -> None:
        if self.kind == CASE:
            if not isinstance(self.truth, bool):
                raise ValueError(f"a case's truth must be True or False, not {self.truth!r}")
            if self.answer is not None and not isinstance(self.answer, bool):
                raise ValueError(f"a case's answer must be True, False or None, not {self.answer!r}")
        elif self.kind == KNOWLEDGE:
            if isinstance(self.truth, bool) or not isinstance(self.truth, int) or self.truth < 0:
                raise ValueError(f"a question's truth must be an option index, not {self.truth!r}")
            if self.answer is not None and (isinstance(self.answer, bool) or not isinstance(self.answer, int)):
                raise ValueError(f"a question's answer must be an option index or None, not {self.answer!r}")
        else:
            raise ValueError(f"kind must be {CASE!r} or {KNOWLEDGE!r}, not {self.kind!r}")
        c = self.confidence
        if c is not None and (isinstance(c, bool) or not isinstance(c, int)
                              or not CONFIDENCE_MIN <= c <= CONFIDENCE_MAX):
            raise ValueError(f"confidence must be an integer from {CONFIDENCE_MIN} to {CONFIDENCE_MAX}, not {c!r}")

    @property
    def answered(self) -> bool:
        return self.answer is not None

    @property
    def correct(self) -> bool:
        return self.answer is not None and self.answer == self.truth


def answer_for(item, answer: bool | int | None, confidence: int | None = None) -> Answer:
    """An Answer to a quiz item (anything with ``kind``, ``proportionate`` and ``answer``,
    like ``game.model.scenario.QuizItem``); ``answer`` counts options as the item does."""
    truth = item.proportionate if item.kind == CASE else item.answer
    return Answer(item.kind, truth, answer, confidence)


@dataclass(frozen=True)
class StudentScore:
    """One student's quiz in one phase. Rates are shares from 0 to 1; None = cannot be computed."""

    items: int                          # all items, answered or not
    answered: int
    correct: int
    accuracy: float | None              # correct / items
    cases: int
    case_accuracy: float | None         # correct cases / cases
    knowledge: int
    knowledge_accuracy: float | None    # correct questions / questions
    # Signal detection over the answered cases (signal = not proportionate).
    signals: int
    noise: int
    hits: int                           # signals judged not proportionate
    false_alarms: int                   # noise judged not proportionate
    hit_rate: float | None              # H = hits / signals
    false_alarm_rate: float | None      # F = false alarms / noise
    h_minus_f: float | None             # H - F
    hit_rate_adjusted: float | None     # (hits + 0.5) / (signals + 1)
    false_alarm_rate_adjusted: float | None  # (false alarms + 0.5) / (noise + 1)
    d_prime: float | None               # z(H') - z(F')
    criterion: float | None             # -(z(H') + z(F')) / 2; < 0 leans to "not proportionate"
    # Confidence, over the answered items that carry one.
    rated: int                          # answered items with a confidence
    mean_confidence: float | None
    confidence_right: float | None
    confidence_wrong: float | None
    calibration: float | None           # confidence_right - confidence_wrong


def _share(k: int, n: int) -> float | None:
    return k / n if n else None


def score_quiz(answers: Iterable[Answer]) -> StudentScore:
    """Score one student's answers to one quiz form (see the module docstring)."""
    answers = list(answers)
    for a in answers:
        if not isinstance(a, Answer):
            raise TypeError(f"expected an Answer, not {type(a).__name__}")
    cases = [a for a in answers if a.kind == CASE]
    questions = [a for a in answers if a.kind == KNOWLEDGE]
    correct = sum(a.correct for a in answers)

    judged = [a for a in cases if a.answered]
    signals = sum(1 for a in judged if a.truth is False)
    noise = len(judged) - signals
    hits = sum(1 for a in judged if a.truth is False and a.answer is False)
    false_alarms = sum(1 for a in judged if a.truth is True and a.answer is False)
    if signals and noise:
        h, f = hits / signals, false_alarms / noise
        h_adj, f_adj = stats.log_linear_rate(hits, signals), stats.log_linear_rate(false_alarms, noise)
        zh, zf = stats.z(h_adj), stats.z(f_adj)
        sdt = (h, f, h - f, h_adj, f_adj, zh - zf, -(zh + zf) / 2 + 0.0)   # + 0.0: never -0.0
    else:
        sdt = (_share(hits, signals), _share(false_alarms, noise), None, None, None, None, None)

    rated = [a for a in answers if a.answered and a.confidence is not None]
    right = [a.confidence for a in rated if a.correct]
    wrong = [a.confidence for a in rated if not a.correct]
    c_right, c_wrong = stats.mean(right), stats.mean(wrong)

    return StudentScore(
        items=len(answers), answered=sum(a.answered for a in answers), correct=correct,
        accuracy=_share(correct, len(answers)),
        cases=len(cases), case_accuracy=_share(sum(a.correct for a in cases), len(cases)),
        knowledge=len(questions), knowledge_accuracy=_share(sum(a.correct for a in questions), len(questions)),
        signals=signals, noise=noise, hits=hits, false_alarms=false_alarms,
        hit_rate=sdt[0], false_alarm_rate=sdt[1], h_minus_f=sdt[2],
        hit_rate_adjusted=sdt[3], false_alarm_rate_adjusted=sdt[4], d_prime=sdt[5], criterion=sdt[6],
        rated=len(rated), mean_confidence=stats.mean([a.confidence for a in rated]),
        confidence_right=c_right, confidence_wrong=c_wrong,
        calibration=c_right - c_wrong if c_right is not None and c_wrong is not None else None,
    )


@dataclass(frozen=True)
class ClassComparison:
    """A class's scores before and after playing, on one measure, paired by student."""

    measure: str
    students: int                 # every student id given, in either phase
    paired: int                   # n: students with a value in both phases
    pre_only: int                 # a value before playing only (left out)
    post_only: int                # a value after playing only (left out)
    pre_mean: float | None
    pre_sd: float | None
    post_mean: float | None
    post_sd: float | None
    mean_diff: float | None       # mean of post - pre
    sd_diff: float | None
    d_z: float | None             # mean_diff / sd_diff
    d_av: float | None            # mean_diff / ((pre_sd + post_sd) / 2)
    g_av: float | None            # d_av * (1 - 3 / (4 (n - 1) - 1))
    ci_low: float | None          # percentile bootstrap interval of mean_diff
    ci_high: float | None
    level: float                  # 0.95
    resamples: int                # 2000
    seed: int
    min_paired: int               # 10
    too_small: bool               # paired < min_paired
    notes: tuple[str, ...]        # plain sentences for the report: who was left out, too small...

    @property
    def unpaired(self) -> int:
        """Students left out: one phase missing (or no value in either)."""
        return self.students - self.paired


def _value(score, measure: str) -> float | None:
    if score is None:
        return None
    if isinstance(score, StudentScore):
        return getattr(score, measure)
    return score


def compare_class(pre: Mapping[str, StudentScore | None], post: Mapping[str, StudentScore | None],
                  measure: str = "accuracy", *, level: float = LEVEL, resamples: int = RESAMPLES,
                  seed: int = SEED, min_paired: int = MIN_PAIRED) -> ClassComparison:
    """Compare a class's quiz scores before (``pre``) and after (``post``) playing, keyed by
    student id, on one of ``MEASURES``. A student whose measure is None (say d' with no
    cases answered) counts as missing that phase."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    return compare_values({k: _value(s, measure) for k, s in pre.items()},
                          {k: _value(s, measure) for k, s in post.items()},
                          measure=measure, level=level, resamples=resamples, seed=seed, min_paired=min_paired)


def compare_values(pre: Mapping[str, float | None], post: Mapping[str, float | None], *,
                   measure: str = "value", level: float = LEVEL, resamples: int = RESAMPLES,
                   seed: int = SEED, min_paired: int = MIN_PAIRED) -> ClassComparison:
    """The paired comparison of any numbers keyed by student id (None = missing).
    ValueError for NaN or infinite values."""
    for phase in (pre, post):
        stats.check_finite([v for v in phase.values() if v is not None], f"{measure} score")
    has_pre = {k for k, v in pre.items() if v is not None}
    has_post = {k for k, v in post.items() if v is not None}
    ids = sorted(has_pre & has_post)             # sorted: the same class gives the same numbers
    befores = [float(pre[k]) for k in ids]
    afters = [float(post[k]) for k in ids]
    diffs = [b - a for a, b in zip(befores, afters)]
    n = len(ids)

    pre_sd, post_sd, sd_diff = stats.sd(befores), stats.sd(afters), stats.sd(diffs)
    mean_diff = stats.mean(diffs)
    if n >= 2 and stats.all_equal(diffs):
        mean_diff = diffs[0]                     # not a rounding away from the common value
    d_z = mean_diff / sd_diff if sd_diff else None
    mean_sd = (pre_sd + post_sd) / 2 if pre_sd is not None and post_sd is not None else None
    d_av = mean_diff / mean_sd if mean_sd else None
    g_av = d_av * (1 - 3 / (4 * (n - 1) - 1)) if d_av is not None and n >= 3 else None
    interval = stats.bootstrap_mean_interval(diffs, level, resamples, seed)

    notes = []
    students = len(set(pre) | set(post))
    left_out = students - n
    if left_out:
        notes.append(f"{left_out} student{'s' if left_out != 1 else ''} did not take both quizzes "
                     f"and {'are' if left_out != 1 else 'is'} left out of the comparison.")
    if n == 0:
        notes.append("No student took both quizzes: there is nothing to compare.")
    elif n < min_paired:
        notes.append(f"Only {n} student{'s' if n != 1 else ''} took both quizzes, fewer than {min_paired}: "
                     "the class is too small to conclude anything; the numbers are shown for discussion only.")
    if n >= 2 and sd_diff == 0:
        notes.append("Every student changed by the same amount, so no effect size can be computed.")

    return ClassComparison(
        measure=measure, students=students, paired=n,
        pre_only=len(has_pre - has_post), post_only=len(has_post - has_pre),
        pre_mean=stats.mean(befores), pre_sd=pre_sd, post_mean=stats.mean(afters), post_sd=post_sd,
        mean_diff=mean_diff, sd_diff=sd_diff, d_z=d_z, d_av=d_av, g_av=g_av,
        ci_low=interval[0] if interval else None, ci_high=interval[1] if interval else None,
        level=level, resamples=resamples, seed=seed, min_paired=min_paired,
        too_small=n < min_paired, notes=tuple(notes),
    )
