"""The payment score (PAYDEX scale) and the aging buckets of open amounts."""

from __future__ import annotations

import decimal
from bisect import bisect_left, bisect_right
from decimal import Decimal

from beancount_plugins.clienthealth.currency import EXACT
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
#: Every slope's run (10, 20, 15, 7, 8, 30, 60 days) divides this, so a score
#: times SCALE is a whole number: weighted sums stay exact in Decimal, and a
#: mean of exactly x.5 does not come out as x.4999... and round down.
SCALE = 840


def scaled_score(days: int) -> int:
    """SCALE times the score of an amount paid (or still open) `days` beyond its terms."""
    if days <= _DAYS[0]:
        return SCORE_POINTS[0][1] * SCALE
    if days >= _DAYS[-1]:
        return SCORE_POINTS[-1][1] * SCALE
    index = bisect_right(_DAYS, days)
    (d0, s0), (d1, s1) = SCORE_POINTS[index - 1], SCORE_POINTS[index]
    return s0 * SCALE + (s1 - s0) * (days - d0) * (SCALE // (d1 - d0))


def mean_score(scaled_sum: Decimal, weight: Decimal) -> int:
    """The weighted mean score `scaled_sum / (weight x SCALE)`, rounded half up.

    Exact: floor(mean + 1/2) in whole numbers, with no rounding on the way.
    """
    with decimal.localcontext(EXACT):
        return int((2 * scaled_sum + weight * SCALE) // (2 * weight * SCALE))


#: The bounded aging buckets' last days: a number of days past due goes to the first
#: bucket it does not exceed, else to the last one, which has no end.
_LASTS = [bucket.last for bucket in AGING_BUCKETS if bucket.last is not None]


def aging_bucket(days_overdue: int) -> int:
    """Index in AGING_BUCKETS of an open amount this many days past due."""
    return bisect_left(_LASTS, days_overdue)
