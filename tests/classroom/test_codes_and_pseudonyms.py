"""Join codes are easy to read aloud and type; pseudonyms never carry a real name, address or number."""

from __future__ import annotations

import pytest

from game.classroom import codes, pseudonyms
from game.classroom.quiz import forms_for, phases, respond
from game.model.scenario import QuizItem


def test_codes_have_no_look_alike_characters_and_forgive_typing():
    made = {codes.new_code() for _ in range(500)}
    assert len(made) == 500
    for code in made:
        assert len(code) == 7 and code[3] == "-"
        assert not set(code) & set("0O1Il2Z5S8B")
        assert codes.normalise(code.lower().replace("-", " ")) == code
    assert codes.normalise("K7M-QX4") == "K7M-QX4"
    for bad in ("", "K7M-QX", "K7M-QX44", "O0O-000", "K7M-QX!", "x" * 100, "K7M\x1b-QX4"):
        assert codes.normalise(bad) is None, bad


@pytest.mark.parametrize("typed, words", [
    ("Marie Dupont", "first and last name"),
    ("Jean-Pierre Martin", "first and last name"),
    ("Élodie Müller", "first and last name"),
    ("marie curie", "first and last name"),
    ("ÉLODIE MARTIN", "first and last name"),
    ("jean_dupont", "first and last name"),
    ("Marie \u216eupont", "first and last name"),
    ("marie.dupont@lycee.fr", "e-mail"),
    ("me@x", "e-mail"),
    ("06 12 34 56 78", "phone"),
    ("0612345678", "phone"),
    ("x", "at least"),
    ("a" * 25, "at most"),
    ("a\x1b[2Jb", "only hold"),
    ("ab\u202ecd", "only hold"),
    ("<script>", "only hold"),
])
def test_pseudonyms_that_could_identify_a_student_are_refused_with_the_reason(typed, words):
    assert words in (pseudonyms.problem(typed) or "")


@pytest.mark.parametrize("typed", ["Heron-42", "BlueHeron", "team 7", "hero_1", "Lynx", "faucon 3"])
def test_ordinary_pseudonyms_are_accepted(typed):
    assert pseudonyms.problem(typed) is None


def test_suggested_pseudonyms_are_valid_and_avoid_those_taken():
    taken = {pseudonyms.suggest() for _ in range(50)}
    for _ in range(200):
        name = pseudonyms.suggest(taken)
        assert pseudonyms.problem(name) is None and name.casefold() not in {t.casefold() for t in taken}
    assert pseudonyms.key("  heron-42 ") == pseudonyms.key("Heron-42")


class FakeScenario:
    quiz = {"A": (), "B": ()}


def test_each_order_takes_one_form_before_and_the_other_after():
    assert forms_for("AB", FakeScenario) == {"pre": "A", "post": "B"}
    assert forms_for("BA", FakeScenario) == {"pre": "B", "post": "A"}
    assert phases("pre,post") == ("pre", "post") and phases("none") == () and phases("post") == ("post",)


def test_answers_are_judged_against_the_item():
    case = QuizItem("c", "case", "A case", proportionate=False)
    question = QuizItem("k", "knowledge", "A question", options=("a", "b", "c"), answer=2)
    assert respond(case, False, 6).correct and not respond(case, True, 6).correct
    assert respond(question, 2, None).correct and not respond(question, 0, None).correct
    with pytest.raises(ValueError):
        respond(case, True, 8)
    with pytest.raises(ValueError):
        respond(question, 5, None)
