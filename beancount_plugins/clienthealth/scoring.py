"""The payment score (PAYDEX scale) and the aging buckets of open amounts."""

from __future__ import annotations

from bisect import bisect_right
from decimal import ROUND_HALF_UP, Decimal

from beancount_plugins.clienthealth.model import AGING_BUCKETS

#: (days beyond terms, score): the published points; linear between, flat outside.
SCORE_POINTS = (
    (-30, 100),
    (-20, 90),
    (0, 80),
    (15, 70),
    (22, 60),
    (30, 50),
    (60, 40),
    (90, 30),
    (120, 20),
    (180, 0),
)
_DAYS = [days for days, _ in SCORE_POINTS]


def score_of_days(days: int) -> Decimal:
    """The score of an amount paid (or still open) `days` beyond its terms."""
    if days <= _DAYS[0]:
        return Decimal(SCORE_POINTS[0][1])
    if days >= _DAYS[-1]:
        return Decimal(SCORE_POINTS[-1][1])
    index = bisect_right(_DAYS, days)
    (d0, s0), (d1, s1) = SCORE_POINTS[index - 1], SCORE_POINTS[index]
    return Decimal(s0) + Decimal(s1 - s0) * Decimal(days - d0) / Decimal(d1 - d0)


def round_score(weighted: Decimal) -> int:
    """Round half up to a whole score."""
    return int(weighted.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def aging_bucket(days_overdue: int) -> int:
    """Index in AGING_BUCKETS of an open amount this many days past due."""
    if days_overdue <= 0:
        return 0
    if days_overdue <= 30:
        return 1
    if days_overdue <= 60:
        return 2
    if days_overdue <= 90:
        return 3
    return len(AGING_BUCKETS) - 1
