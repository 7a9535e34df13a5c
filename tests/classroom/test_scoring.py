"""Quiz scoring: one student's discernment and calibration, and a class before and after.

Expected values are worked out by hand in the comments; z(p) is the standard normal
quantile: z(0.75) = 0.67449, z(0.25) = -0.67449, z(5.5/6 = 0.91667) = 1.38299.
"""

from __future__ import annotations

import dataclasses
import math
import random
from statistics import NormalDist

import pytest
from hypothesis import given, settings, strategies as st

from game.classroom import stats
from game.classroom.scoring import (
    CASE, KNOWLEDGE, MEASURES, MIN_PAIRED, Answer, ClassComparison, StudentScore, answer_for,
    compare_class, compare_values, score_quiz,
)
from game.model.scenario import QuizItem

PROPORTIONATE, NOT = True, False


def cases(hits: int, false_alarms: int, signals: int = 5, noise: int = 5, confidence: int | None = None):
    """Case answers: `signals` not-proportionate cases of which `hits` are judged not
    proportionate, and `noise` proportionate ones of which `false_alarms` are."""
    out = [Answer(CASE, NOT, NOT if i < hits else PROPORTIONATE, confidence) for i in range(signals)]
    out += [Answer(CASE, PROPORTIONATE, NOT if i < false_alarms else PROPORTIONATE, confidence)
            for i in range(noise)]
    return out


def no_nan(record) -> None:
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        assert not (isinstance(value, float) and not math.isfinite(value)), (f.name, value)


# --- one student ---------------------------------------------------------------------

def test_four_hits_and_one_false_alarm():
    score = score_quiz(cases(hits=4, false_alarms=1))
    # H = 4/5 = 0.8, F = 1/5 = 0.2, H - F = 0.6
    assert (score.signals, score.noise, score.hits, score.false_alarms) == (5, 5, 4, 1)
    assert score.hit_rate == pytest.approx(0.8)
    assert score.false_alarm_rate == pytest.approx(0.2)
    assert score.h_minus_f == pytest.approx(0.6)
    # H' = (4 + 0.5) / (5 + 1) = 0.75, F' = (1 + 0.5) / (5 + 1) = 0.25
    assert score.hit_rate_adjusted == pytest.approx(0.75)
    assert score.false_alarm_rate_adjusted == pytest.approx(0.25)
    # d' = z(.75) - z(.25) = 0.67449 + 0.67449 = 1.349; c = -(0.67449 - 0.67449) / 2 = 0
    assert score.d_prime == pytest.approx(1.349, abs=5e-4)
    assert score.criterion == pytest.approx(0.0, abs=1e-12)
    # 4 hits + 4 correct rejections of 10 cases
    assert score.accuracy == score.case_accuracy == pytest.approx(0.8)
    assert score.knowledge_accuracy is None


def test_perfect_answers_give_a_finite_d_prime():
    score = score_quiz(cases(hits=5, false_alarms=0))
    # H' = 5.5/6 = 0.91667, F' = 0.5/6 = 0.08333: d' = 2 z(0.91667) = 2 * 1.38299 = 2.766
    assert math.isfinite(score.d_prime)
    assert score.d_prime == pytest.approx(2.766, abs=5e-4)
    assert score.criterion == pytest.approx(0.0, abs=1e-12)
    assert score.h_minus_f == 1.0
    assert score.case_accuracy == 1.0


def test_rejecting_everything_shows_no_discernment_but_a_strong_bias():
    score = score_quiz(cases(hits=5, false_alarms=5))
    # H = F = 1: H - F = 0; H' = F' = 5.5/6, so d' = 0 and c = -z(0.91667) = -1.383
    assert score.h_minus_f == 0.0
    assert score.d_prime == pytest.approx(0.0, abs=1e-12)
    assert score.criterion == pytest.approx(-1.383, abs=5e-4)
    assert score.case_accuracy == 0.5          # half the cases are not proportionate


def test_accepting_everything_leans_the_other_way():
    score = score_quiz(cases(hits=0, false_alarms=0))
    # H = F = 0: H' = F' = 0.5/6; c = -z(0.08333) = +1.383
    assert score.d_prime == pytest.approx(0.0, abs=1e-12)
    assert score.criterion == pytest.approx(1.383, abs=5e-4)


def test_d_prime_rewards_telling_cases_apart_more_than_rejecting():
    discerning = score_quiz(cases(hits=4, false_alarms=1))
    suspicious = score_quiz(cases(hits=5, false_alarms=4))
    # suspicious: H' = 5.5/6, F' = 4.5/6: d' = 1.38299 - 0.67449 = 0.709 < 1.349
    assert suspicious.d_prime == pytest.approx(0.709, abs=5e-4)
    assert suspicious.d_prime < discerning.d_prime
    assert suspicious.criterion < 0 and discerning.criterion == pytest.approx(0.0, abs=1e-12)


def test_accuracy_over_all_items_cases_and_knowledge():
    answers = cases(hits=4, false_alarms=1) + [
        Answer(KNOWLEDGE, 1, 1), Answer(KNOWLEDGE, 0, 0), Answer(KNOWLEDGE, 2, 0)]
    score = score_quiz(answers)
    # cases 8/10, knowledge 2/3, all (8 + 2)/13
    assert score.case_accuracy == pytest.approx(0.8)
    assert score.knowledge_accuracy == pytest.approx(2 / 3)
    assert score.accuracy == pytest.approx(10 / 13)
    assert (score.items, score.cases, score.knowledge, score.correct) == (13, 10, 3, 10)
    assert score.d_prime == pytest.approx(1.349, abs=5e-4)   # knowledge answers do not touch d'


def test_calibration_right_versus_wrong():
    answers = [Answer(CASE, NOT, NOT, 6), Answer(CASE, PROPORTIONATE, PROPORTIONATE, 7),
               Answer(CASE, NOT, PROPORTIONATE, 3), Answer(KNOWLEDGE, 1, 0, 2),
               Answer(KNOWLEDGE, 0, 0)]                     # no confidence: not rated
    score = score_quiz(answers)
    # rated: 6, 7 right; 3, 2 wrong. mean (6+7+3+2)/4 = 4.5; right 6.5, wrong 2.5, gap 4
    assert score.rated == 4
    assert score.mean_confidence == pytest.approx(4.5)
    assert score.confidence_right == pytest.approx(6.5)
    assert score.confidence_wrong == pytest.approx(2.5)
    assert score.calibration == pytest.approx(4.0)


def test_calibration_is_none_without_wrong_answers_or_confidence():
    all_right = score_quiz(cases(hits=5, false_alarms=0, confidence=5))
    assert all_right.confidence_right == 5.0
    assert all_right.confidence_wrong is None and all_right.calibration is None
    unrated = score_quiz(cases(hits=3, false_alarms=2))
    assert unrated.mean_confidence is None and unrated.rated == 0
    assert unrated.confidence_right is None and unrated.calibration is None


def test_overconfidence_shows_as_a_negative_gap():
    # sure when wrong (7), unsure when right (2): 2 - 7 = -5
    score = score_quiz([Answer(CASE, NOT, NOT, 2), Answer(CASE, PROPORTIONATE, NOT, 7)])
    assert score.calibration == pytest.approx(-5.0)


def test_skipped_answers_count_as_not_correct_and_stay_out_of_detection():
    answers = cases(hits=4, false_alarms=1) + [Answer(CASE, NOT, None, 4), Answer(KNOWLEDGE, 0, None)]
    score = score_quiz(answers)
    assert (score.items, score.answered, score.correct) == (12, 10, 8)
    assert score.accuracy == pytest.approx(8 / 12)
    assert score.case_accuracy == pytest.approx(8 / 11)
    assert score.signals == 5                              # the skipped case is not a miss
    assert score.d_prime == pytest.approx(1.349, abs=5e-4)
    assert score.rated == 0                                # a skipped answer's confidence is ignored


def test_empty_and_one_sided_quizzes_give_none_not_nan():
    empty = score_quiz([])
    assert empty.accuracy is None and empty.d_prime is None and empty.mean_confidence is None
    only_signals = score_quiz(cases(hits=3, false_alarms=0, noise=0))
    assert only_signals.hit_rate == pytest.approx(0.6)
    assert only_signals.false_alarm_rate is None
    assert only_signals.d_prime is None and only_signals.criterion is None and only_signals.h_minus_f is None
    for s in (empty, only_signals):
        no_nan(s)


def test_scipy_agrees_on_d_prime():
    norm = pytest.importorskip("scipy.stats").norm
    for hits, fas in [(4, 1), (5, 0), (2, 3), (5, 5)]:
        expected = norm.ppf((hits + 0.5) / 6) - norm.ppf((fas + 0.5) / 6)
        assert score_quiz(cases(hits, fas)).d_prime == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("bad", [
    dict(kind="essay", truth=True, answer=True),
    dict(kind=CASE, truth=1, answer=True),                 # a case's truth is a bool
    dict(kind=CASE, truth=True, answer=0),
    dict(kind=KNOWLEDGE, truth=True, answer=1),             # an index, not a bool
    dict(kind=KNOWLEDGE, truth=-1, answer=1),
    dict(kind=KNOWLEDGE, truth=1, answer="b"),
    dict(kind=CASE, truth=True, answer=True, confidence=0),
    dict(kind=CASE, truth=True, answer=True, confidence=8),
    dict(kind=CASE, truth=True, answer=True, confidence=4.5),
])
def test_answers_are_checked(bad):
    with pytest.raises(ValueError):
        Answer(**bad)


def test_answer_for_a_quiz_item():
    case = QuizItem(id="badge", kind=CASE, text="...", proportionate=True)
    question = QuizItem(id="cnil", kind=KNOWLEDGE, text="...", options=("a", "b", "c"), answer=2)
    assert answer_for(case, False, 6) == Answer(CASE, True, False, 6)
    assert answer_for(question, 2) == Answer(KNOWLEDGE, 2, 2, None)
    assert answer_for(question, 2).correct


def test_the_shipped_forms_reward_discernment_not_rejection():
    from game.loader import load_scenario
    from game.paths import shipped_scenarios
    folder = shipped_scenarios().get("safe-city")
    if folder is None:
        pytest.skip("the shipped scenario is not there")
    quiz = load_scenario(folder).scenario.quiz
    assert quiz
    for form, items in quiz.items():
        right = score_quiz(answer_for(i, i.proportionate if i.kind == CASE else i.answer) for i in items)
        reject = score_quiz(answer_for(i, False if i.kind == CASE else i.answer) for i in items)
        assert right.d_prime == pytest.approx(2.766, abs=5e-4), form      # 5 + 5 cases, all right
        assert right.accuracy == 1.0
        assert reject.d_prime == pytest.approx(0.0, abs=1e-12) and reject.h_minus_f == 0.0, form
        assert reject.case_accuracy == 0.5 and reject.criterion < -1


# --- a class -------------------------------------------------------------------------

def test_a_small_class_worked_by_hand():
    pre = {"a": 5, "b": 6, "c": 4, "d": 7}
    post = {"a": 7, "b": 6, "c": 7, "d": 8}
    r = compare_values(pre, post)
    # differences 2, 0, 3, 1: mean 1.5; squared deviations .25+2.25+2.25+.25 = 5, SD = sqrt(5/3) = 1.29099
    assert r.paired == 4
    assert r.mean_diff == pytest.approx(1.5)
    assert r.sd_diff == pytest.approx(math.sqrt(5 / 3))
    # d_z = 1.5 / 1.29099 = 1.16190
    assert r.d_z == pytest.approx(1.16190, abs=1e-5)
    # pre: mean 5.5, SD sqrt(5/3) = 1.29099; post: mean 7, deviations 0, -1, 0, 1, SD sqrt(2/3) = 0.81650
    assert (r.pre_mean, r.post_mean) == (pytest.approx(5.5), pytest.approx(7.0))
    assert r.pre_sd == pytest.approx(1.29099, abs=1e-5)
    assert r.post_sd == pytest.approx(0.81650, abs=1e-5)
    # d_av = 1.5 / ((1.29099 + 0.81650) / 2) = 1.5 / 1.053745 = 1.42349
    assert r.d_av == pytest.approx(1.42349, abs=1e-5)
    # J = 1 - 3 / (4 * 3 - 1) = 8/11: g_av = 1.42349 * 8 / 11 = 1.03527
    assert r.g_av == pytest.approx(1.03527, abs=1e-5)
    assert r.too_small and any("too small" in note for note in r.notes)
    assert r.ci_low <= r.mean_diff <= r.ci_high


def test_bootstrap_of_two_differences_by_hand():
    # differences 0 and 1: resample means 0, .5, 1 with chances 1/4, 1/2, 1/4, so the
    # 2.5th and 97.5th percentiles of 2,000 means are 0 and 1.
    r = compare_values({"a": 0, "b": 0}, {"a": 0, "b": 1})
    assert (r.ci_low, r.ci_high) == (0.0, 1.0)


def test_students_missing_a_phase_are_counted_and_left_out():
    pre = {"a": 1.0, "b": 2.0, "c": 3.0, "gone": 9.0}
    post = {"a": 2.0, "b": 3.0, "c": 5.0, "late": 0.0, "absent": None}
    r = compare_values(pre, post)
    assert (r.students, r.paired, r.pre_only, r.post_only, r.unpaired) == (6, 3, 1, 1, 3)
    assert r.mean_diff == pytest.approx(4 / 3)             # (1 + 1 + 2) / 3: "gone" and "late" left out
    assert any("3 students did not take both quizzes" in note for note in r.notes)


def test_compare_class_uses_the_chosen_measure():
    discerning = score_quiz(cases(hits=4, false_alarms=1, confidence=5))       # d' 1.349, accuracy .8
    rejecting = score_quiz(cases(hits=5, false_alarms=5, confidence=6))        # d' 0, accuracy .5
    pre = {"a": rejecting, "b": rejecting, "c": discerning}
    post = {"a": discerning, "b": discerning, "c": discerning, "d": rejecting}
    by_accuracy = compare_class(pre, post, "accuracy")
    assert by_accuracy.measure == "accuracy" and by_accuracy.paired == 3 and by_accuracy.post_only == 1
    assert by_accuracy.mean_diff == pytest.approx((0.3 + 0.3 + 0) / 3)
    by_d = compare_class(pre, post, "d_prime")
    assert by_d.mean_diff == pytest.approx(2 * 1.3490 / 3, abs=1e-3)
    by_hf = compare_class(pre, post, "h_minus_f")
    assert by_hf.mean_diff == pytest.approx(2 * 0.6 / 3)
    by_conf = compare_class(pre, post, "mean_confidence")
    assert by_conf.mean_diff == pytest.approx(-2 / 3)                          # 6 -> 5 for two of three
    for measure in MEASURES:
        no_nan(compare_class(pre, post, measure))
    with pytest.raises(ValueError):
        compare_class(pre, post, "happiness")


def test_a_measure_that_cannot_be_computed_counts_as_missing():
    unrated = score_quiz(cases(hits=4, false_alarms=1))                        # no confidence
    rated = score_quiz(cases(hits=4, false_alarms=1, confidence=4))
    r = compare_class({"a": unrated, "b": rated}, {"a": rated, "b": rated}, "mean_confidence")
    assert (r.paired, r.pre_only, r.post_only, r.students) == (1, 0, 1, 2)


def test_the_interval_is_deterministic_for_a_seed_and_order():
    rng = random.Random(7)
    pre = {f"s{i}": rng.uniform(0, 1) for i in range(25)}
    post = {k: v + rng.uniform(-0.1, 0.4) for k, v in pre.items()}
    first = compare_values(pre, post)
    shuffled = list(pre.items())
    random.Random(1).shuffle(shuffled)
    again = compare_values(dict(shuffled), dict(reversed(list(post.items()))))
    assert (first.ci_low, first.ci_high) == (again.ci_low, again.ci_high)
    assert first == again
    assert first.resamples == 2000 and first.seed == 0 and first.level == 0.95
    other = compare_values(pre, post, seed=1)
    assert (other.ci_low, other.ci_high) != (first.ci_low, first.ci_high)
    assert first.ci_low < first.mean_diff < first.ci_high
    assert other.ci_low < other.mean_diff < other.ci_high
    assert not first.too_small and not any("too small" in note for note in first.notes)


def test_the_interval_narrows_as_the_class_grows():
    diffs = [0.3, -0.1, 0.2, 0.5, 0.0, 0.1, 0.4, -0.2, 0.3, 0.2]
    def width(copies: int) -> float:
        ds = diffs * copies
        r = compare_values({str(i): 0.0 for i in range(len(ds))}, {str(i): d for i, d in enumerate(ds)})
        assert r.ci_low < r.mean_diff < r.ci_high
        return r.ci_high - r.ci_low
    # the standard error shrinks as 1 / sqrt(n): 4 times the students, about half the width
    w10, w40 = width(1), width(4)
    assert w40 < 0.7 * w10
    assert width(16) < 0.7 * w40


def test_too_small_below_the_minimum():
    nine = compare_values({str(i): 0 for i in range(MIN_PAIRED - 1)}, {str(i): i for i in range(MIN_PAIRED - 1)})
    ten = compare_values({str(i): 0 for i in range(MIN_PAIRED)}, {str(i): i for i in range(MIN_PAIRED)})
    assert MIN_PAIRED == 10
    assert nine.too_small and nine.d_z is not None and nine.ci_low is not None   # numbers still shown
    assert not ten.too_small and ten.min_paired == 10
    assert compare_values({"a": 0}, {"a": 1}, min_paired=1).too_small is False


def test_no_paired_student():
    for pre, post in [({}, {}), ({"a": 0.5}, {"b": 0.7})]:
        r = compare_values(pre, post)
        assert r.paired == 0 and r.too_small
        assert r.mean_diff is r.sd_diff is r.d_z is r.g_av is r.ci_low is r.ci_high is None
        assert r.pre_mean is None and r.post_sd is None
        assert any("nothing to compare" in note for note in r.notes)
        no_nan(r)


def test_one_paired_student():
    r = compare_values({"a": 0.4}, {"a": 0.9})
    assert r.paired == 1 and r.mean_diff == pytest.approx(0.5)
    assert r.sd_diff is None and r.d_z is None and r.d_av is None and r.g_av is None
    assert r.ci_low is None and r.ci_high is None and r.too_small
    no_nan(r)


def test_two_paired_students_have_d_z_but_no_g_av():
    r = compare_values({"a": 0.0, "b": 1.0}, {"a": 1.0, "b": 3.0})
    # differences 1 and 2: mean 1.5, SD sqrt(0.5) = 0.70711, d_z = 2.12132; J would be 1 - 3/3 = 0
    assert r.d_z == pytest.approx(1.5 / math.sqrt(0.5))
    assert r.g_av is None
    no_nan(r)


def test_everyone_changing_by_the_same_amount_has_no_effect_size():
    # 0.4 - 0.3, 0.6 - 0.5 and 0.8 - 0.7 differ in the last bits of floating point
    r = compare_values({"a": 0.3, "b": 0.5, "c": 0.7}, {"a": 0.4, "b": 0.6, "c": 0.8})
    assert r.sd_diff == 0.0 and r.d_z is None
    assert r.mean_diff == pytest.approx(0.1)
    assert r.ci_low == pytest.approx(0.1) and r.ci_high == pytest.approx(0.1)
    assert r.d_av is not None                              # pre and post still vary
    assert any("same amount" in note for note in r.notes)
    same = compare_values({"a": 1, "b": 1}, {"a": 1, "b": 1})
    assert same.mean_diff == 0.0 and same.d_z is None and same.d_av is None and same.g_av is None
    for x in (r, same):
        no_nan(x)


def test_nan_and_infinity_are_refused():
    for bad in (math.nan, math.inf):
        with pytest.raises(ValueError):
            compare_values({"a": bad}, {"a": 1.0})
        with pytest.raises(ValueError):
            compare_values({"a": 1.0}, {"a": bad})


def test_records_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        score_quiz([]).accuracy = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        compare_values({}, {}).paired = 3
    assert isinstance(score_quiz([]), StudentScore) and isinstance(compare_values({}, {}), ClassComparison)


# --- the small statistics ------------------------------------------------------------

def test_stats_helpers():
    assert stats.log_linear_rate(0, 5) == pytest.approx(0.5 / 6)
    assert stats.log_linear_rate(5, 5) == pytest.approx(5.5 / 6)
    with pytest.raises(ValueError):
        stats.log_linear_rate(6, 5)
    assert stats.z(0.5) == 0.0 and stats.z(0.975) == pytest.approx(NormalDist().inv_cdf(0.975))
    assert stats.percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5      # position .5 * 3 = 1.5
    assert stats.percentile([1.0, 2.0, 3.0, 4.0], 0.0) == 1.0
    assert stats.percentile([1.0, 2.0, 3.0, 4.0], 1.0) == 4.0
    assert stats.sd([1.0]) is None and stats.sd([2.0, 2.0]) == 0.0
    assert stats.mean([]) is None
    assert stats.bootstrap_mean_interval([1.0]) is None


def test_the_worked_examples_of_the_teachers_page():
    # docs/scoring.md: Camille's form A
    camille = ([Answer(CASE, NOT, NOT, c) for c in (6, 6, 5, 7)] + [Answer(CASE, NOT, PROPORTIONATE, 4)]
               + [Answer(CASE, PROPORTIONATE, PROPORTIONATE, c) for c in (5, 6, 6, 4)]
               + [Answer(CASE, PROPORTIONATE, NOT, 3)]
               + [Answer(KNOWLEDGE, 1, 1, 5), Answer(KNOWLEDGE, 0, 0, 6), Answer(KNOWLEDGE, 2, 0, 4)])
    s = score_quiz(camille)
    assert round(s.accuracy, 2) == 0.77 and s.case_accuracy == 0.8 and round(s.knowledge_accuracy, 2) == 0.67
    assert round(s.d_prime, 2) == 1.35 and s.criterion == 0.0 and math.copysign(1, s.criterion) == 1
    # confidences 67 / 13; right 56 / 10; wrong (4 + 3 + 4) / 3
    assert round(s.mean_confidence, 2) == 5.15
    assert s.confidence_right == pytest.approx(5.6) and round(s.confidence_wrong, 2) == 3.67
    assert round(s.calibration, 2) == 1.93
    # Tom rejects everything with confidence 6
    tom = score_quiz(cases(hits=5, false_alarms=5, confidence=6))
    assert (tom.case_accuracy, tom.h_minus_f, tom.calibration) == (0.5, 0.0, 0.0)
    assert round(tom.criterion, 2) == -1.38
    # the class of four, in percent
    r = compare_values({"A": 50, "B": 60, "C": 40, "D": 70}, {"A": 70, "B": 60, "C": 70, "D": 80})
    assert (r.pre_mean, round(r.pre_sd, 1), r.post_mean, round(r.post_sd, 1)) == (55, 12.9, 70, 8.2)
    assert (r.mean_diff, round(r.sd_diff, 1), round(r.d_z, 2), round(r.d_av, 2), round(r.g_av, 2)) \
        == (15, 12.9, 1.16, 1.42, 1.04)
    assert (r.ci_low, r.ci_high) == (5, 25) and r.too_small


# --- properties ----------------------------------------------------------------------

answers_st = st.lists(st.one_of(
    st.builds(Answer, st.just(CASE), st.booleans(), st.one_of(st.none(), st.booleans()),
              st.one_of(st.none(), st.integers(1, 7))),
    st.builds(Answer, st.just(KNOWLEDGE), st.integers(0, 3), st.one_of(st.none(), st.integers(0, 3)),
              st.one_of(st.none(), st.integers(1, 7)))), max_size=16)


@settings(max_examples=150, deadline=None)
@given(answers_st)
def test_any_quiz_scores_without_nan_and_within_range(answers):
    s = score_quiz(answers)
    no_nan(s)
    for share in (s.accuracy, s.case_accuracy, s.knowledge_accuracy, s.hit_rate, s.false_alarm_rate):
        assert share is None or 0.0 <= share <= 1.0
    if s.d_prime is not None:
        assert -1.0 <= s.h_minus_f <= 1.0
        if s.signals == s.noise:      # same denominators: d' and H - F agree in sign
            assert (s.d_prime > 1e-12) == (s.h_minus_f > 0) and (s.d_prime < -1e-12) == (s.h_minus_f < 0)
    if s.calibration is not None:
        assert -6 <= s.calibration <= 6


scores_st = st.dictionaries(st.sampled_from("abcdefghijkl"),
                            st.one_of(st.none(), st.sampled_from([0.0, 0.1, 0.25, 1 / 3, 0.5, 0.7, 1.0, 2.766])),
                            max_size=12)


@settings(max_examples=100, deadline=None)
@given(scores_st, scores_st)
def test_any_class_compares_without_nan(pre, post):
    r = compare_values(pre, post, resamples=200)
    no_nan(r)
    assert r.paired + r.unpaired == r.students == len(set(pre) | set(post))
    assert r.too_small == (r.paired < 10)
    if r.ci_low is not None:
        assert r.ci_low <= r.mean_diff + 1e-12 and r.mean_diff <= r.ci_high + 1e-12
