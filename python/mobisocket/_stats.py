"""Small statistics for experiment tables: means with Student-t 95 % intervals, Wilson intervals.

Kept dependency-free (no SciPy): the two-sided 95 % Student-t quantiles for up
to 30 degrees of freedom are tabulated (Abramowitz & Stegun, table 26.10);
beyond that the normal quantile 1.96 is used (the error is below 2 %).
"""

from __future__ import annotations

import math
from typing import Iterable

#: t_{0.975, df} for df = 1..30.
_T975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


def t975(df: int) -> float:
    """The two-sided 95 % Student-t quantile for ``df`` degrees of freedom (df >= 1)."""
    if df < 1:
        raise ValueError(f"degrees of freedom must be >= 1 (got {df})")
    return _T975[df - 1] if df <= len(_T975) else 1.96


def finite(values: Iterable[float]) -> list[float]:
    """The values that are numbers (not None, not NaN)."""
    out = []
    for v in values:
        if v is None:
            continue
        v = float(v)
        if not math.isnan(v):
            out.append(v)
    return out


def mean_ci95(values: Iterable[float]) -> tuple[float, float, int]:
    """Mean, half-width of its 95 % confidence interval, and sample size.

    NaN values (an event that did not happen) are left out. With one value
    the half-width is 0 (no spread to estimate); with none, the mean is NaN.
    """
    xs = finite(values)
    n = len(xs)
    if n == 0:
        return math.nan, math.nan, 0
    m = sum(xs) / n
    if n == 1:
        return m, 0.0, 1
    var = sum((x - m) ** 2 for x in xs) / (n - 1)
    return m, t975(n - 1) * math.sqrt(var / n), n


def wilson95(successes: int, trials: int) -> tuple[float, float, float]:
    """A success rate with its Wilson 95 % score interval: (rate, low, high)."""
    if trials <= 0:
        return math.nan, math.nan, math.nan
    z = 1.96
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return p, max(0.0, centre - half), min(1.0, centre + half)
