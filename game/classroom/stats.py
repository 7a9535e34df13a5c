"""Small statistics for the class report, with the standard library only.

Everything here is a pure function of its arguments, never returns NaN and never
divides by zero: where a number cannot be computed it is ``None``.

- ``mean(xs)``: the arithmetic mean, ``None`` for no values.
- ``sd(xs)``: the sample standard deviation, with n - 1 in the denominator
  (``statistics.stdev``); ``None`` below two values, and exactly ``0.0`` when all the
  values are equal up to rounding (``all_equal``), so that a division by it is
  recognised as impossible instead of giving a huge number.
- ``z(p)``: the standard normal quantile, ``statistics.NormalDist().inv_cdf(p)``.
- ``log_linear_rate(k, n)``: (k + 0.5) / (n + 1), the rate corrected as Hautus (1995)
  proposes, always strictly between 0 and 1 so its z is finite.
- ``percentile(sorted_xs, q)``: the q-quantile (0 <= q <= 1) with linear interpolation
  between order statistics at position q (m - 1) (the default of numpy and of R's
  type 7).
- ``bootstrap_mean_interval(xs, level, resamples, seed)``: the percentile bootstrap
  interval of the mean: draw ``resamples`` samples of len(xs) values with replacement
  using ``random.Random(seed)``, take each sample's mean, and return the
  (1 - level)/2 and (1 + level)/2 percentiles of those means (Efron & Tibshirani 1993,
  ch. 13). The values are sorted before resampling, so the same multiset of values and
  the same seed always give the same interval, whatever order they came in.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Sequence

_NORMAL = statistics.NormalDist()

# Values whose spread is below this share of their size are treated as equal
# (differences of quiz scores computed in floating point may differ in the last bit).
EQUAL_TOLERANCE = 1e-12


def check_finite(xs: Sequence[float], what: str = "value") -> list[float]:
    """The values as floats; ValueError for NaN, infinities, booleans or non-numbers."""
    out = []
    for x in xs:
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise ValueError(f"{what} must be a number, not {x!r}")
        x = float(x)
        if not math.isfinite(x):
            raise ValueError(f"{what} must be finite, not {x!r}")
        out.append(x)
    return out


def mean(xs: Sequence[float]) -> float | None:
    return statistics.fmean(xs) if len(xs) else None


def all_equal(xs: Sequence[float]) -> bool:
    """True when every value is the same, allowing for floating-point rounding."""
    if not xs:
        return True
    lo, hi = min(xs), max(xs)
    return hi - lo <= EQUAL_TOLERANCE * max(1.0, abs(lo), abs(hi))


def sd(xs: Sequence[float]) -> float | None:
    """Sample standard deviation (n - 1); None below two values; 0.0 when all are equal."""
    if len(xs) < 2:
        return None
    if all_equal(xs):
        return 0.0
    return statistics.stdev(xs)


def z(p: float) -> float:
    """The standard normal quantile of p, for 0 < p < 1."""
    return _NORMAL.inv_cdf(p)


def log_linear_rate(k: int, n: int) -> float:
    """(k + 0.5) / (n + 1): a rate that is never 0 or 1 (Hautus 1995)."""
    if n < 0 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    return (k + 0.5) / (n + 1)


def percentile(sorted_xs: Sequence[float], q: float) -> float:
    """The q-quantile of already sorted values, interpolating linearly (R type 7)."""
    if not sorted_xs:
        raise ValueError("percentile of no values")
    if not 0.0 <= q <= 1.0:
        raise ValueError(f"q must be between 0 and 1, not {q}")
    pos = q * (len(sorted_xs) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_xs) - 1)
    frac = pos - lo
    return sorted_xs[lo] + (sorted_xs[hi] - sorted_xs[lo]) * frac


def bootstrap_mean_interval(xs: Sequence[float], level: float = 0.95, resamples: int = 2000,
                            seed: int = 0) -> tuple[float, float] | None:
    """Percentile bootstrap interval of the mean; None below two values."""
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be between 0 and 1, not {level}")
    if resamples < 1:
        raise ValueError(f"resamples must be at least 1, not {resamples}")
    values = sorted(xs)
    n = len(values)
    if n < 2:
        return None
    rng = random.Random(seed)
    means = sorted(math.fsum(rng.choices(values, k=n)) / n for _ in range(resamples))
    low = percentile(means, (1.0 - level) / 2.0)
    high = percentile(means, (1.0 + level) / 2.0)
    # Rounding must not put the interval beside the values it summarises.
    low, high = max(low, values[0]), min(high, values[-1])
    return (low, high) if low <= high else (high, low)
