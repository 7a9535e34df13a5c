"""Writer text at play time: {name} filled in (the grammar itself is game/model/text_grammar.py).

Substitution looks names up in the state's meters and flags and nothing else;
there is no attribute access and no format specification, so writer text can
never reach into Python objects.
"""

from __future__ import annotations

import re

from game.i18n import decimal_mark
from game.model.text_grammar import SUBSTITUTION, inserted_names


def format_number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", decimal_mark())
    return str(value)


def substitute(text: str, meters: dict, flags: dict) -> str:
    if "{" not in text and "}" not in text:
        return text

    def one(match: re.Match) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1)
        if name in meters:
            return format_number(meters[name])
        if name in flags:
            from game.i18n import _     # the program's words, in the language being played
            return _("yes") if flags[name] else _("no")
        return token  # the loader reports unknown names; never fail at play time

    return SUBSTITUTION.sub(one, text)



def shown_values(texts, meters: dict, flags: dict) -> tuple[tuple[str, str], ...]:
    """(name, what `{name}` shows) for every name inserted in `texts`, as `substitute` fills it in."""
    names = dict.fromkeys(name for text in texts if "{" in text for name in inserted_names(text))
    return tuple((name, substitute("{" + name + "}", meters, flags)) for name in names)
