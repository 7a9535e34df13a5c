"""A source's date is written as a reader says it, in the language spoken, never cut across two lines."""

from __future__ import annotations

import pytest

from game.engine.sources import source_date, source_words
from game.i18n import set_language
from game.model.scenario import Source


@pytest.mark.parametrize("lang,date,words", [
    ("en", "2019-02", "February\u00a02019"), ("en", "2020-02-27", "27\u00a0February\u00a02020"),
    ("fr", "2019-02", "février\u00a02019"), ("fr", "2021-07-01", "1er\u00a0juillet\u00a02021"), ("fr", "2020-02-27", "27\u00a0février\u00a02020"),
    ("en", "2019", "2019"), ("en", "spring 2019", "spring 2019"), ("en", "2019-13", "2019-13"), ("en", "", ""),
])
def test_a_source_date_in_words(lang, date, words):
    set_language(lang)
    try:
        assert source_date(date) == words
    finally:
        set_language("en")


def test_a_source_in_words_quotes_as_the_language_does():
    source = Source('Cour des comptes, "Les polices municipales"', "https://www.ccomptes.fr/", "2020-10")
    set_language("fr")
    try:
        assert source_words(source, with_url=True) == ("Cour des comptes, «\u00a0Les polices municipales\u00a0», "
                                                       "octobre\u00a02020, https://www.ccomptes.fr/")
    finally:
        set_language("en")
