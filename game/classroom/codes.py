"""Join codes: short, easy to read aloud and to type, with no look-alike characters.

No 0/O, 1/I/l, 2/Z, 5/S or 8/B: a code copied from a projector or said across a room
is typed right the first time. Six characters from 22 give about 113 million codes,
shown in two groups of three (`K7M-QX4`); typing is forgiving: case, spaces and
dashes do not matter.
"""

from __future__ import annotations

import secrets

ALPHABET = "ACDEFGHJKMNPQRTWXY3479"
LENGTH = 6


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:3]}-{raw[3:]}"


def normalise(typed: str) -> str | None:
    """The code a student meant, in its canonical form, or None if it cannot be one."""
    if not isinstance(typed, str) or len(typed) > 40:
        return None
    raw = "".join(c for c in typed.upper() if not c.isspace() and c not in "-_.")
    if len(raw) != LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return f"{raw[:3]}-{raw[3:]}"
