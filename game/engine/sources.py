"""Where a fact comes from, in words: the source's name with the language's quotation marks and
its date as a reader says it ("February 2019", « 1er février 2019 »). Every front end (cards,
debrief, quiz, plain lines, the class report) names a source through here."""

from __future__ import annotations

import re

from game.i18n import language, month_name, requoted
from game.model.safe_text import printable_line

ISO_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def source_date(date: str) -> str:
    """`2019-02` -> February 2019, `2019-02-05` -> 5 February 2019; any other text as written."""
    found = ISO_DATE.fullmatch(date.strip())
    if found is None or not 1 <= int(found.group(2)) <= 12:
        return date
    year, month, day = found.group(1), month_name(int(found.group(2))), found.group(3)
    if day is None:
        return f"{month}\u00a0{year}"   # a date is never cut across two lines
    day_number = int(day)
    ordinal = "1er" if day_number == 1 and language().split("_")[0] == "fr" else str(day_number)
    return f"{ordinal}\u00a0{month}\u00a0{year}"


def source_words(source, with_url: bool = False) -> str:
    """`name, date` (and `, address`) on one line of plain text."""
    parts = [requoted(source.name or ""), source_date(str(source.date or ""))]
    if with_url:
        parts.append(source.url or "")
    return printable_line(", ".join(part for part in parts if part))
