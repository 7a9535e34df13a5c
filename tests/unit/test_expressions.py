"""Writer conditions: parsing, checking, compiling and evaluating, plus hostile input."""

from __future__ import annotations

import pickle
import sys
import time
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.model.scenario import Condition
from game.language.expressions import (
    MAX_DEPTH,
    MAX_LENGTH,
    Arith,
    BoolOp,
    Compare,
    ExprError,
    Name,
    Num,
    Unary,
    Visited,
    compile_expression,
    evaluate,
)

METERS = ["budget", "trust", "liberties"]
FLAGS = ["school_gates", "cameras_on"]
SCENES = ["intro", "cnil_letter", "town-hall"]


def state(meters=None, flags=None, turn=3, visited=None):
    base = {"budget": 12, "trust": 30, "liberties": 35}
    return SimpleNamespace(
        meters=base | (meters or {}),
        flags={"school_gates": False, "cameras_on": True} | (flags or {}),
        turn=turn,
        visited={"cnil_letter": 1} | (visited or {}),
    )


def comp(source, expect="bool", meters=METERS, flags=FLAGS, scenes=SCENES) -> Condition:
    return compile_expression(source, meters=meters, flags=flags, scenes=scenes, expect=expect)


def run(source, expect="bool", **state_kw):
    return evaluate(comp(source, expect), state(**state_kw))


def error(source, expect="bool", **kw) -> ExprError:
    with pytest.raises(ExprError) as info:
        comp(source, expect, **kw)
    return info.value


# --- Evaluation ---------------------------------------------------------------


def test_examples_from_the_spec():
    assert run("budget >= 10 and not school_gates") is True
    assert run("budget >= 10 and not school_gates", flags={"school_gates": True}) is False
    assert run("liberties < 40 or visited(cnil_letter)") is True
    assert run("liberties < 30 or visited(cnil_letter)", visited={"cnil_letter": 0}) is False


def test_compiled_fields():
    c = comp("budget >= 10 and not school_gates or visited(intro) and turn > 2")
    assert c.kind == "bool"
    assert c.source == "budget >= 10 and not school_gates or visited(intro) and turn > 2"
    assert c.names == frozenset({"budget", "school_gates"})  # not "turn"
    assert c.scenes == frozenset({"intro"})
    assert evaluate(c, state()) == c.fn(state())


def test_literals_and_turn():
    assert run("true") is True
    assert run("false") is False
    assert run("2.5 * 2", expect="number") == 5.0
    assert run("10", expect="number") == 10
    assert run("turn", expect="number", turn=7) == 7
    assert run("turn >= 3 and turn < 5", turn=4) is True


def test_missing_state_entries_have_defaults():
    s = SimpleNamespace(meters={}, flags={}, turn=0, visited={})
    assert evaluate(comp("budget == 0 and not school_gates and not visited(intro)"), s) is True
    assert evaluate(comp("visited(intro)", expect="number"), s) == 0


def test_number_results_keep_ints():
    value = run("budget + 10", expect="number")
    assert value == 22 and type(value) is int
    assert run("budget / 4", expect="number") == 3.0


@pytest.mark.parametrize(
    "source",
    [
        "1 + 2 * 3 == 7",
        "(1 + 2) * 3 == 9",
        "10 - 2 - 3 == 5",  # left to right
        "8 / 2 / 2 == 2",
        "2 * 3 / 4 == 1.5",
        "-2 * 3 == -6",
        "- - 3 == 3",
        "-(1 + 2) == -3",
        "not 1 == 2",  # not binds looser than comparison
        "not false and true",  # ... and tighter than and
        "not (false and true)",
        "true or false and false",  # and binds tighter than or
        "not not true",
    ],
)
def test_precedence(source):
    assert run(source) is True


def test_or_binds_looser_than_and():
    assert run("false and false or true") is True
    assert run("false and (false or true)") is False


@pytest.mark.parametrize("trust, expected", [(0, False), (1, True), (50, True), (51, False)])
def test_comparison_chain(trust, expected):
    assert run("0 < trust <= 50", meters={"trust": trust}) is expected


def test_longer_chains_and_equality_of_flags():
    assert run("1 < 2 < 3 < 4") is True
    assert run("1 < 3 < 2") is False
    assert run("school_gates == false") is True
    assert run("school_gates != cameras_on") is True
    assert run("school_gates == cameras_on == false") is False


def test_chain_is_a_single_node():
    tree = comp("0 < trust <= 50").ast
    assert tree == Compare(("<", "<="), (Num(0), Name("trust"), Num(50)))


def test_ast_is_small_frozen_nodes_ignoring_spacing():
    a = comp("budget+1>2 and not school_gates").ast
    b = comp("  budget + 1 > 2   and   not school_gates ").ast
    assert a == b
    assert a == BoolOp("and", (
        Compare((">",), (Arith(("+",), (Name("budget"), Num(1))), Num(2))),
        Unary("not", Name("school_gates")),
    ))
    with pytest.raises(AttributeError):
        a.op = "or"  # type: ignore[misc]


def test_visited_as_number_and_as_condition():
    assert run("visited(cnil_letter)") is True
    assert run("visited(intro)") is False
    assert run("not visited(intro)") is True
    assert run("visited(cnil_letter) and visited(intro)", visited={"intro": 2}) is True
    assert run("visited(intro) >= 2", visited={"intro": 2}) is True
    assert run("visited(intro)", expect="number", visited={"intro": 3}) == 3
    assert comp("visited(intro)").ast == Visited("intro")


def test_visited_accepts_scene_ids_with_hyphens():
    c = comp("visited( town-hall )")
    assert c.scenes == {"town-hall"}
    assert evaluate(c, state(visited={"town-hall": 1})) is True


def test_functions():
    assert run("min(budget, trust)", expect="number") == 12
    assert run("max(budget, trust, 99)", expect="number") == 99
    assert run("min(3, budget, trust) + max(1, 2)", expect="number") == 5
    assert run("abs(budget - trust)", expect="number") == 18
    assert run("abs(-2.5) == 2.5") is True


def test_division_by_zero_is_zero():
    assert run("budget / 0", expect="number") == 0
    assert run("budget / (trust - trust) == 0") is True
    assert run("budget / trust > 0", meters={"trust": 0}) is False


def test_constants_fold_and_need_no_state():
    assert evaluate(comp("1 + 2 * 3 == 7 and (true or false)"), None) is True
    assert evaluate(comp("10 / 0", expect="number"), None) == 0
    assert evaluate(comp("false and budget > 3"), None) is False
    assert comp("false and budget > 3").names == {"budget"}  # still reported as read


def test_meter_wins_over_flag_with_the_same_name():
    c = comp("x > 1", meters=["x"], flags=["x"])
    assert evaluate(c, SimpleNamespace(meters={"x": 2}, flags={"x": False}, turn=0, visited={}))


def test_names_are_case_sensitive():
    e = error("BUDGET > 1")
    assert e.code == "SC402"


def test_huge_numbers_never_crash_at_runtime():
    big = "9" * 400
    assert run(f"budget * {big} * 2.5 > 0") is True
    assert run(f"{big} * 2.5 - budget > 0") is True
    assert run(f"budget * {big} / 3 > 0") is True


def test_yaml_scalars_are_accepted_as_their_text():
    # YAML reads `if: true` as a bool and `value: 10` as an int.
    assert evaluate(comp(True), None) is True
    assert evaluate(comp(10, expect="number"), None) == 10
    assert error(None).message == "the condition is empty"
    assert error(["budget"]).code == "SC401"


def test_expect_must_be_bool_or_number():
    with pytest.raises(ValueError):
        comp("true", expect="text")


# --- Errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    "source, code, col, hint_part",
    [
        # syntax
        ("budget = 10", "SC401", 8, "use == to compare"),
        ("budget > 1 && school_gates", "SC401", 12, "and / or / not"),
        ("budget > 1 || school_gates", "SC401", 12, "and / or / not"),
        ("!school_gates", "SC401", 1, "and / or / not"),
        ("budget => 10", "SC401", 8, ">="),
        ("(budget > 1", "SC401", 1, "add the missing `)`"),
        ("budget > (1 + 2", "SC401", 10, "add the missing `)`"),
        ("budget > 1)", "SC401", 11, "add the missing `(`"),
        ("budget >=", "SC401", 8, "remove the trailing `>=`"),
        ("budget > 1 and", "SC401", 12, "remove the trailing `and`"),
        ("budget +", "SC401", 8, "remove the trailing `+`"),
        ("", "SC401", 1, "budget >= 10"),
        ("   ", "SC401", 1, "budget >= 10"),
        ("budget.total > 1", "SC401", 1, "on its own"),
        ("budget[0] > 1", "SC401", 1, "on its own"),
        ("'yes' == school_gates", "SC401", 1, "without quotes"),
        ('visited("intro")', "SC401", 9, "without quotes"),
        ("budget +* 2 > 1", "SC401", 9, "a value on each side"),
        ("budget > 1 school_gates", "SC401", 12, "and` or `or"),
        ("budget == not school_gates", "SC401", 11, "parentheses"),
        ("()", "SC401", 2, "missing before `)`"),
        ("10abc > 1", "SC401", 1, "cannot start with a digit"),
        (".5 < budget", "SC401", 1, "0.5"),
        ("budget % 2 == 0", "SC401", 8, "+ - * /"),
        ("budget ** 2 > 1", "SC401", 8, "multiply"),
        ("{budget} > 1", "SC401", 1, "without braces"),
        # unknown names
        ("budgte > 10", "SC402", 1, "did you mean `budget`?"),
        ("trust > 1 and shcool_gates", "SC402", 15, "did you mean `school_gates`?"),
        ("True", "SC402", 1, "lowercase"),
        ("intro", "SC402", 1, "visited(intro)"),
        ("zzz", "SC402", 1, "budget, cameras_on, liberties, school_gates, trust"),
        # types and functions
        ("trust", "SC403", 1, "compare it: `trust > 0`"),
        ("trust and school_gates", "SC403", 1, "compare it: `trust > 0`"),
        ("not budget - 1", "SC403", 5, "compare it: `budget - 1 > 0`"),
        ("school_gates > 0", "SC403", 1, "`school_gates` or `not school_gates`"),
        ("budget + school_gates > 0", "SC403", 10, "`school_gates` or `not school_gates`"),
        ("budget == true", "SC403", 1, "numbers with numbers"),
        ("visited(intro) == true", "SC403", 1, "`visited(intro) > 0`"),
        ("-(budget > 1) == 1", "SC403", 3, "calculations"),
        ("len(budget) > 1", "SC403", 1, "known functions: abs, count, max, min, visited"),
        ("maxi(budget, 1) > 1", "SC403", 1, "did you mean `max`?"),
        ("min(budget) > 1", "SC403", 1, "min(a, b)"),
        ("abs(budget, trust) > 1", "SC403", 1, "abs(x)"),
        ("visited() ", "SC403", 1, "visited(cnil_letter)"),
        ("visited(intro, cnil_letter)", "SC403", 14, "visited(a) and visited(b)"),
        # scenes
        ("visited(cnil_leter)", "SC301", 1, "did you mean `cnil_letter`?"),
        ("visited(budget)", "SC301", 1, "not a scene"),
    ],
)
def test_errors(source, code, col, hint_part):
    e = error(source)
    assert (e.code, e.col) == (code, col), str(e)
    assert hint_part in e.hint, str(e)
    assert e.message and "\n" not in e.message


def test_expect_number_rejects_conditions():
    e = error("budget > 10", expect="number")
    assert (e.code, e.col) == ("SC403", 1)
    assert "number" in e.message


def test_messages_name_the_offending_token():
    assert "`budgte`" in error("budgte > 1").message
    assert "`=`" in error("budget = 1").message
    assert "`foo`" in error("foo(1) > 0").message
    assert "`nowhere`" in error("visited(nowhere)").message
    assert "`*`" in error("1 + * 2").message


def test_did_you_mean_uses_declared_names():
    e = error("libertes < 40", meters=["liberties", "budget"], flags=[])
    assert e.hint == "did you mean `liberties`?"
    e = error("Budget > 1")
    assert "`budget`" in e.hint
    assert error("qqq", meters=[], flags=[]).hint == "this scenario declares no meters or flags"


def test_hyphenated_meter_names_get_a_hint():
    e = error("trust-level > 3", meters=["trust-level"])
    assert e.code == "SC402" and "`trust-level`" in e.hint


def test_error_str_and_pickle():
    e = error("budget = 1")
    assert str(e) == "SC401 at column 8: `=` is not a comparison (hint: use == to compare)"
    again = pickle.loads(pickle.dumps(e))
    assert (again.code, again.message, again.col, again.hint) == (e.code, e.message, e.col, e.hint)


# --- Limits against hostile input ----------------------------------------------


def test_length_limit():
    ok = "1" + " " * (MAX_LENGTH - 10) + "== 1"
    assert run(ok) is True
    e = error("1 == 1" + " " * MAX_LENGTH)
    assert e.code == "SC401" and "too long" in e.message


def test_ten_thousand_parentheses_fail_fast():
    start = time.perf_counter()
    e = error("(" * 10_000)
    assert e.code == "SC401"
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(
    "source",
    [
        "(" * 999 + "1" + ")" * 999,
        "not " * 400 + "true",
        "- " * 900 + "1 > 0",
        "abs(" * 300 + "1" + ")" * 300 + " > 0",
        "(" * 990,
        "1 + (" * 300 + "1" + ")" * 300 + " > 0",
        "budget and (" * 150 + "true" + ")" * 150,
    ],
)
def test_deep_nesting_is_a_syntax_error(source):
    e = error(source)
    assert e.code == "SC401" and "nested too deeply" in e.message


def test_nesting_up_to_the_limit_is_fine():
    assert run("(" * MAX_DEPTH + "true" + ")" * MAX_DEPTH) is True
    assert run("not " * MAX_DEPTH + "true") is True
    assert error("(" * (MAX_DEPTH + 1) + "true" + ")" * (MAX_DEPTH + 1)).col == MAX_DEPTH + 1


def test_long_flat_chains_do_not_recurse():
    source = " + ".join(["budget"] * 200) + " > 0"  # under the length limit
    assert run(source) is True
    source = " and ".join(["school_gates == false"] * 70)
    assert run(source) is True


def test_limits_hold_when_called_deep_in_the_stack():
    # The loader may call us from deep inside its own recursion.
    # Calls cost the parser the most Python frames per level.
    worst = "abs(" * (MAX_DEPTH - 2) + "-budget" + ")" * (MAX_DEPTH - 2) + " > 0"

    def dig(n):
        if n:
            return dig(n - 1)
        c = comp(worst)
        return evaluate(c, state()), error("(" * 1000).code

    headroom = sys.getrecursionlimit() - 600
    assert dig(headroom) == (True, "SC401")


# --- Properties -----------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_random_text_compiles_or_raises_expr_error(source):
    try:
        comp(source)
    except ExprError as e:
        assert e.code in {"SC401", "SC402", "SC403", "SC301"}
        assert 1 <= e.col <= max(len(source), 1) + 1


TOKENS = [
    "budget", "trust", "school_gates", "turn", "visited(intro)", "visited(", "min(", "abs(", "max(",
    "1", "0", "2.5", "true", "false", "and", "or", "not", "(", ")", ",", "+", "-", "*", "/",
    "==", "!=", "<", "<=", ">", ">=", "=", "&&", "nope",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join),
    st.sampled_from(["bool", "number"]),
    st.integers(-5, 5),
    st.booleans(),
)
def test_token_soup_compiles_or_raises_and_never_crashes_at_runtime(source, expect, value, flag):
    try:
        c = comp(source, expect)
    except ExprError:
        return
    s = state(meters={"budget": value, "trust": 0}, flags={"school_gates": flag}, visited={"intro": value})
    result = evaluate(c, s)
    if expect == "bool":
        assert isinstance(result, bool)
    else:
        assert isinstance(result, (int, float)) and not isinstance(result, bool)


def test_count_says_how_many_flags_or_conditions_hold():
    assert run("count(school_gates, cameras_on) == 1")
    assert run("count(school_gates, cameras_on, budget > 10) >= 2")
    assert not run("count(school_gates) > 0")
    assert run("count(school_gates, cameras_on) == 2", flags={"school_gates": True})
    assert "true/false" in error("count(budget) > 0").message
    assert "at least one" in error("count() > 0").message
