"""Pseudonyms: the only thing a class keeps about a student, so never a real name.

The join screen says not to type a real name and offers a generated pseudonym
(`Heron-42`). What a student types instead is checked: an e-mail address, a phone
number, something shaped like a first and last name, or control characters are
refused with the reason, so that nothing personal reaches the class's results by
accident. (No check can recognise every name; the screen's advice does the rest.)
"""

from __future__ import annotations

import re
import secrets
import unicodedata

from game.i18n import _, _f
from game.model.safe_text import CONTROL, INVISIBLE

ANIMALS = ("Heron", "Otter", "Lynx", "Falcon", "Badger", "Marten", "Ibis", "Puffin", "Gecko", "Orca", "Bison",
           "Koala", "Tapir", "Panda", "Lemur", "Walrus", "Condor", "Dingo", "Jaguar", "Manta", "Moose", "Narwhal",
           "Ocelot", "Pelican", "Quokka", "Raven", "Salamander", "Toucan", "Viper", "Wombat", "Yak", "Zebra")
MIN_LENGTH, MAX_LENGTH = 2, 24

EMAIL = re.compile(r"@|\b\w+\.(com|fr|org|net|edu|eu|io)\b", re.IGNORECASE)
PHONE = re.compile(r"(\d[\s.\-]?){6,}")
WORD = re.compile(r"[^\W\d_][^\W\d_'’\-]*", re.UNICODE)
GENERATED = re.compile(r"[A-Z][a-z]+-\d{1,3}")


def suggest(taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A fresh pseudonym such as `Heron-42`, not among `taken` (compared without case)."""
    lowered = {t.casefold() for t in taken}
    for _attempt in range(1000):
        name = f"{secrets.choice(ANIMALS)}-{secrets.randbelow(90) + 10}"
        if name.casefold() not in lowered:
            return name
    return f"{secrets.choice(ANIMALS)}-{secrets.randbelow(900_000) + 100_000}"


def tidy(typed: str) -> str:
    """The pseudonym as it will be kept: look-alike letters folded (NFKC: `Ⅾupont` is `Dupont`),
    trimmed, inner spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", typed).split())


def key(pseudonym: str) -> str:
    """What makes two pseudonyms the same in a class: case and spacing do not count."""
    return tidy(pseudonym).casefold()


def problem(typed: str) -> str | None:
    """Why `typed` cannot be a pseudonym (a sentence for the student), or None if it can."""
    if not isinstance(typed, str):
        return _("type a pseudonym")
    if CONTROL.search(typed) or INVISIBLE.search(typed):
        return _("a pseudonym can only hold letters, digits, spaces and - or _")
    name = tidy(typed)
    if len(name) < MIN_LENGTH:
        return _f("a pseudonym has at least {n} characters", n=MIN_LENGTH)
    if len(name) > MAX_LENGTH:
        return _f("a pseudonym has at most {n} characters", n=MAX_LENGTH)
    if EMAIL.search(name):
        return _("that looks like an e-mail address: choose a pseudonym, not your address")
    if PHONE.search(name):
        return _("that looks like a phone number: choose a pseudonym")
    if any(not (c.isalnum() or c in " -_") for c in name):
        return _("a pseudonym can only hold letters, digits, spaces and - or _")
    if GENERATED.fullmatch(name):
        return None
    # Two or more words of letters, in any case and with any separator (`marie curie`,
    # `ÉLODIE MARTIN`, `jean_dupont`): the shape of a first and last name. A pseudonym with a
    # number in it (`Heron-42`, `team 7`) is not refused for its words.
    words = re.split(r"[\s_\-.]+", name)
    lettered = [w for w in words if WORD.fullmatch(w) and len(w) >= 2]
    if len(words) >= 2 and len(lettered) == len(words):
        return _("that looks like a first and last name: please do not use your real name, take a pseudonym")
    return None
