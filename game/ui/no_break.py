"""Lines never break at a non-breaking space.

French typography puts a non-breaking space before : ; ! ? and inside « », so that a line never
starts with « » » or « : ». Rich and Textual find the places to break a line with patterns in
which `\\s` is any space, the non-breaking ones included, so a French line could start with
a lone « » ». `keep_non_breaking_spaces()` gives both the same patterns with the non-breaking
spaces counted as part of the word (the patterns are module globals, read at every wrap).
tests/ui/test_no_break.py checks the result, so a new Rich or Textual that changes them is seen.
"""

from __future__ import annotations

import re

NON_BREAKING = "\u00a0\u2007\u202f"   # no-break space, figure space, narrow no-break space
WORD = rf"(?:[^\s]|[{NON_BREAKING}])"
SPACE = rf"[^\S{NON_BREAKING}]"


def keep_non_breaking_spaces() -> None:
    import rich._wrap
    import textual._wrap

    if hasattr(rich._wrap, "re_word"):      # Content and Rich's Text wrap with this one
        rich._wrap.re_word = re.compile(rf"{SPACE}*{WORD}+{SPACE}*")
    if hasattr(textual._wrap, "re_chunk"):  # Textual's own wrapper (text areas, logs)
        textual._wrap.re_chunk = re.compile(rf"{WORD}+{SPACE}*|{SPACE}+")
