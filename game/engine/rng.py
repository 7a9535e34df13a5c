"""The game's one random generator: splitmix64, whose whole state is one integer.

An integer fits in a JSON save and gives the same numbers on every Python
version, so a seed plus a list of choices replays a game exactly.
"""

from __future__ import annotations

MASK = (1 << 64) - 1


def seed_state(seed: int) -> int:
    return seed & MASK


def next_float(state: int) -> tuple[int, float]:
    """Return the generator's next state and a float in [0, 1)."""
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    z ^= z >> 31
    return state, (z >> 11) / float(1 << 53)
