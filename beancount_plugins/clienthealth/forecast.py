"""Cash-in forecast: the open money by the week it is expected (`expected_on`), 13 weeks on."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from dateutil.relativedelta import MO, relativedelta

from beancount_plugins.clienthealth.currency import round_half_up
from beancount_plugins.clienthealth.dunning import expected_late
from beancount_plugins.clienthealth.model import ZERO, Invoice

#: How many weeks the forecast covers, the current one first.
WEEKS = 13


class Week(NamedTuple):
    """Open money expected in the week from `start` (a Monday) to `start` + 6 days."""

    start: datetime.date
    #: Not yet due.
    current: Decimal
    #: Past due, but the client's habit puts its payment in this week.
    overdue: Decimal


class Forecast(NamedTuple):
    """The open money by when it is expected, in the reporting currency."""

    #: Expected before A: later than the client's habit already.
    late: Decimal
    weeks: tuple[Week, ...]
    #: Expected after the last week.
    later: Decimal


def first_monday(as_of: datetime.date) -> datetime.date:
    """The Monday of A's week (A itself on a Monday)."""
    return as_of + relativedelta(weekday=MO(-1))


def _week_starts(start: datetime.date) -> list[datetime.date]:
    """The WEEKS Mondays from `start` and the day after the last week.

    Near the calendar's end (an `as_of` in 9999) fewer weeks fit: the last one
    then runs to 9999-12-31.
    """
    starts = []
    for index in range(WEEKS + 1):
        try:
            starts.append(start + relativedelta(weeks=index))
        except OverflowError:
            starts.append(datetime.date.max)
            break
    return starts


def forecast(invoices: Iterable[Invoice], as_of: datetime.date, places: int) -> Forecast:
    """Sort each open invoice's money into late, one of the WEEKS weeks, or later.

    Amounts are converted at the invoice-date rate, as every client figure is;
    an invoice with no price is left out.
    """
    start = first_monday(as_of)
    starts = _week_starts(start)
    current = [ZERO] * WEEKS
    overdue = [ZERO] * WEEKS
    late = later = ZERO
    for inv in invoices:
        if inv.open <= 0 or inv.expected_on is None or inv.rate is None:
            continue
        amount = round_half_up(inv.open * inv.rate, places)
        expected = inv.expected_on
        if expected_late(inv, as_of):
            late += amount
        elif expected >= starts[-1]:
            later += amount
        else:
            index = (expected - start).days // 7
            if inv.days_overdue:
                overdue[index] += amount
            else:
                current[index] += amount
    weeks = tuple(
        Week(week, current[index], overdue[index]) for index, week in enumerate(starts[:-1])
    )
    return Forecast(late, weeks, later)
