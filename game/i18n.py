"""The words of the program itself (not of a scenario), through gettext.

Every string a front end shows goes through `_()`. Catalogues live in
game/locale/<lang>/LC_MESSAGES/safecity.mo; a language without one falls back
to English, so a new translation adds files, not code.
"""

from __future__ import annotations

import gettext
import os
import re
import time
from datetime import datetime, timedelta
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "safecity"

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def set_language(language: str | None) -> None:
    global _current, _language
    _language = language or "en"
    _current = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)


def language() -> str:
    return _language


def available_languages() -> list[str]:
    """English and every language with a compiled catalogue of the program's words."""
    return ["en", *sorted(p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/*.mo"))]


def system_language() -> str | None:
    """The language the computer is set to (LC_ALL, then LC_MESSAGES, then LANG, as gettext reads
    them), if the program speaks it: `fr_FR.UTF-8` gives `fr`. None for C/POSIX or another language."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return code if code in available_languages() else None
    return None


LANGUAGE_NAMES = {"en": "English", "fr": "français"}


def language_name(code: str) -> str:
    """A language's own name (`français`), or its code when the program does not know it."""
    return LANGUAGE_NAMES.get(code, code)


def quote_marks() -> tuple[str, str]:
    """The opening and closing quotation marks of the language spoken now."""
    return ("«\u00a0", "\u00a0»") if _language.split("_")[0] == "fr" else ("“", "”")


# A quotation inside a quotation takes the second marks: « … “ … ” … » in French, “ … ‘ … ’ … ” in English.
_INNER_FRENCH = re.compile("«[\u00a0\u202f ]?|[\u00a0\u202f ]?»")
_INNER_ENGLISH = str.maketrans({"“": "‘", "”": "’"})


def quoted(text: str) -> str:
    """`text` between the quotation marks of the language spoken now: “…” or « … » (with no-break spaces)."""
    if _language.split("_")[0] == "fr":
        inner = _INNER_FRENCH.sub(lambda mark: "“" if "«" in mark.group() else "”", text)
        return f"«\u00a0{inner}\u00a0»"
    return f"“{text.translate(_INNER_ENGLISH)}”"


def requoted(text: str) -> str:
    """`text` with each pair of straight quotes ("…") made the quotation marks of the language spoken
    now: a source's `Cour des comptes, "Les polices municipales"` reads « Les polices municipales » in French."""
    return re.sub(r'"([^"\n]+)"', lambda match: quoted(match.group(1).strip()), text)


# Languages that write 0,8 rather than 0.8 (the decimal comma).
DECIMAL_COMMA = frozenset({"fr", "de", "es", "it", "pt", "nl"})


def decimal_mark() -> str:
    """The decimal separator of the language the program speaks now."""
    return "," if _language.split("_")[0] in DECIMAL_COMMA else "."


def _(message: str) -> str:
    return _current.gettext(message)


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it now (key labels, made at import).

    Whatever shows it translates it then, with `_()`, so it follows a change of language.
    """
    return message


def _f(message: str, **values) -> str:
    """Translate, then fill `{name}` places by plain replacement (never str.format)."""
    text = _current.gettext(message)
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def _nf(singular: str, plural: str, n: int, **values) -> str:
    """The singular or plural form for `n` (by the language's own rule), `{n}` and `{name}` filled."""
    text = _current.ngettext(singular, plural, n).replace("{n}", str(n))
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def alphabetical(text: str) -> tuple[str, str]:
    """A sort key in dictionary order: accents and case count only between otherwise equal words
    (délégué before données, préfet before proportionnalité, règlement before RGPD)."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return plain.casefold(), text.casefold()


def label_mark() -> str:
    """What comes between a label and its value in the language spoken: ": ", or " : " in French."""
    _before, _label, rest = _("{label}: {text}").partition("{label}")
    return rest.partition("{text}")[0] or ": "


def labelled(label: str, text: str) -> str:
    """`label: text` with the language's own colon (a no-break space before it in French)."""
    return f"{label}{label_mark()}{text}"


def month_name(month: int) -> str:
    return _(MONTHS[month - 1])


def date_label(turn: int, date: tuple[int, int] | None) -> str:
    label = _f("Turn {turn}", turn=turn)
    if date:
        label += f" · {month_name(date[1])} {date[0]}"
    return label


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

# When a game was saved, in friendly words: "today at 16:54", "5 Dec 2026, 16:54"; in French
# « aujourd'hui à 16:54 », « le 5 déc. 2026 à 16:54 ». Month names and word order come from the
# catalogue, so a new language adds translations, not code. Each phrase reads after "saved".

SHORT_MONTHS = [N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"),
                N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")]


def moment(stamp: float | None, now: float | None = None) -> str:
    """`stamp` (seconds since the epoch) in the computer's local time."""
    try:
        when = datetime.fromtimestamp(stamp) if stamp else None
    except (OverflowError, OSError, ValueError):   # a save's date is read from a file: it may be absurd
        when = None
    if when is None:
        # TRANSLATORS: follows "saved" ("saved {when}").
        return _("at an unknown time")
    today = datetime.fromtimestamp(time.time() if now is None else now).date()
    clock = clock_time(when)
    if when.date() == today:
        # TRANSLATORS: follows "saved" ("saved {when}"); {time} is 16:54.
        return _f("today at {time}", time=clock)
    if when.date() == today - timedelta(days=1):
        # TRANSLATORS: follows "saved" ("saved {when}"); {time} is 16:54.
        return _f("yesterday at {time}", time=clock)
    return day_and_time(when)


def day_and_time(when: datetime) -> str:
    # TRANSLATORS: follows "saved" ("saved {when}"): 5 Dec 2026, 16:54. {month} is a short month name (Dec).
    return _f("{day} {month} {year}, {time}", day=when.day, month=_(SHORT_MONTHS[when.month - 1]), year=when.year,
              time=clock_time(when))


def clock_time(when: datetime) -> str:
    """16:54, or 16 h 54 in French (its {hour} and {minute} as the language writes a time)."""
    # TRANSLATORS: a time of day; {hour} is 0-23, {minute} two digits.
    return _f("{hour}:{minute}", hour=when.hour, minute=str(when.minute).zfill(2))


DEBRIEF_QUESTIONS = [
    "How do you feel about how your term went?",
    "What happened, and why?",
    "What did you learn?",
    "How does this relate to the real world?",
    "What if you had chosen differently?",
    "What next: what would you do as mayor, or as a citizen?",
]
