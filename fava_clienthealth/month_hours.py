"""A client's hours per month, each hour in one part: billed, unbilled, rework or meeting."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from beancount_plugins.clienthealth.model import Work
from fava_clienthealth.i18n import N_


def _months_between(early: datetime.date, late: datetime.date) -> int:
    """Calendar months from early's month to late's."""
    span = relativedelta(late.replace(day=1), early.replace(day=1))
    return span.years * 12 + span.months


def months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The first day of every month from start's to end's."""
    # Counted by relativedelta, stepped by index: rrule(MONTHLY) is ten times
    # slower, which shows on a ledger whose hours span centuries.
    base = start.year * 12 + start.month - 1
    steps = (divmod(base + i, 12) for i in range(_months_between(start, end) + 1))
    return [datetime.date(year, month + 1, 1) for year, month in steps]


#: Empty months a chart draws at most before the first work and after the last.
_SPAN = 24


class MonthHours(NamedTuple):
    """A month's hours, split so that the parts add up: each hour counts in one part.

    Rework first, then meetings (a meeting to redo work is rework), then the
    rest, billed or unbilled (docs/decisions.md).
    """

    month: datetime.date
    billed: Decimal
    unbilled: Decimal
    rework: Decimal = Decimal(0)
    meeting: Decimal = Decimal(0)


#: The parts of MonthHours in stacking order: (field, CSS class, legend label).
HOUR_PARTS = (
    ("billed", "ch-billed", N_("billed")),
    ("unbilled", "ch-unbilled", N_("unbilled")),
    ("rework", "ch-rework", N_("rework")),
    ("meeting", "ch-meeting", N_("meetings")),
)


def _part(work: Work) -> str:
    if work.rework:
        return "rework"
    if work.meeting:
        return "meeting"
    return "billed" if work.billed else "unbilled"


def hours_by_month(
    work: Iterable[Work],
    start: datetime.date | None,
    as_of: datetime.date,
) -> list[MonthHours]:
    """Hours per month of the window, by part, from its start or its first work."""
    sums: dict[datetime.date, dict[str, Decimal]] = {}
    for piece in work:
        date = piece.date
        if (start is None or date >= start) and date <= as_of:
            parts = sums.setdefault(date.replace(day=1), {})
            part = _part(piece)
            parts[part] = parts.get(part, Decimal(0)) + piece.hours
    dated = list(sums)
    if not dated:
        return []
    first, last = min(dated), max(dated)
    # Up to two years around the work are drawn whole, so that months without
    # work show; beyond that (a filter from 1900, an as_of in 9999) the chart
    # starts or ends at a worked month.
    if start is not None and _months_between(start, first) < _SPAN:
        first = start
    if _months_between(last, as_of) < _SPAN:
        last = as_of
    zero = Decimal(0)
    return [
        MonthHours(m, *(sums.get(m, {}).get(name, zero) for name, _kind, _label in HOUR_PARTS))
        for m in months(first, last)
    ]
