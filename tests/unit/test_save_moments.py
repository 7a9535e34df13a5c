"""When a game was saved, as the player reads it: friendly words in the player's language, the
short month names checked against the Unicode CLDR's (through Babel, a tool of the tests only)."""

from __future__ import annotations

from datetime import datetime

import pytest
from babel.dates import format_date

from game.i18n import set_language
from game.i18n import moment

SAVED = datetime(2026, 12, 5, 16, 54).timestamp()   # the computer's local time, whatever its zone
LATER = datetime(2027, 1, 20, 9, 0).timestamp()


@pytest.fixture(params=["en", "fr"])
def language(request):
    set_language(request.param)
    yield request.param
    set_language("en")


def test_a_save_of_another_day_shows_its_date_and_time_in_words(language):
    assert moment(SAVED, now=LATER) == {"en": "5 Dec 2026, 16:54", "fr": "le 5 déc. 2026 à\u00a016\u00a0h\u00a054"}[language]


def test_today_and_yesterday_are_said_so(language):
    today = datetime(2026, 12, 5, 23, 59).timestamp()
    tomorrow = datetime(2026, 12, 6, 0, 1).timestamp()
    words = {"en": ("today at 16:54", "yesterday at 16:54"), "fr": ("aujourd'hui à\u00a016\u00a0h\u00a054", "hier à\u00a016\u00a0h\u00a054")}
    assert (moment(SAVED, now=today), moment(SAVED, now=tomorrow)) == words[language]


@pytest.mark.parametrize("month", range(1, 13))
def test_every_short_month_name_is_the_usual_one(language, month):
    saved = datetime(2025, month, 17, 8, 5)
    shown = moment(saved.timestamp(), now=LATER)
    assert format_date(saved.date(), "d MMM y", locale=language) in shown


@pytest.mark.parametrize("stamp", [0, None, 1e300, float("nan")])
def test_an_unknown_or_absurd_date_is_said_unknown(language, stamp):
    assert moment(stamp, now=LATER) == {"en": "at an unknown time", "fr": "à une date inconnue"}[language]
