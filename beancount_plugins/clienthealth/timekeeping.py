"""Time entries and the invoices that bill them later (SPEC sections 6 and 11)."""

from __future__ import annotations

import datetime
from collections import defaultdict, deque
from decimal import Decimal

from beancount.core import data

from beancount_plugins.clienthealth.model import ZERO, Work
from beancount_plugins.clienthealth.records import Fields


def commodity_hours(entry: data.Transaction, commodity: str | None) -> tuple[Decimal, Decimal]:
    """(positive, negative) units of the hours commodity a transaction posts, both >= 0.

    Only the positive ones are hours worked: a balanced time entry
    (`Assets:Billable 4.50 H` / `Equity:Time -4.50 H`) is 4.5 hours, not 0.
    """
    worked = billed = ZERO
    if commodity is None:
        return worked, billed
    for posting in entry.postings:
        units = posting.units
        if units is None or units.currency != commodity:
            continue
        number = units.number
        if isinstance(number, Decimal) and number.is_finite():
            if number > 0:
                worked += number
            else:
                billed -= number
    return worked, billed


def hours_of(
    entry: data.Transaction, fields: Fields, commodity: str | None
) -> tuple[Decimal | None, Decimal | None]:
    """A transaction's hours worked and hours billed from earlier time entries.

    `hours:` and `billed_hours:` win over postings in the hours commodity that
    would say the same again (docs/decisions.md).
    """
    hours, billed_hours = fields.hours, fields.billed_hours
    if commodity is not None:
        worked, billed = commodity_hours(entry, commodity)
        hours = worked if hours is None and worked else hours
        billed_hours = billed if billed_hours is None and billed else billed_hours
    return hours, billed_hours


class Timesheets:
    """Which time entries of each client are still unbilled, oldest first.

    A time entry is a client's hours on a transaction that is neither an
    invoice nor linked to one. An invoice that bills earlier hours
    (`billed_hours:`) marks them billed in place; a time entry billed in part
    is split in two Work records, the billed part where it was.
    """

    def __init__(self) -> None:
        #: client -> positions of its unbilled time entries in its work list
        self._unbilled: dict[str, deque[int]] = defaultdict(deque)
        #: client -> its work list, when a split part was appended out of date order
        self._split: dict[str, list[Work]] = {}

    def entered(self, client: str, index: int) -> None:
        """A time entry at this position of the client's work list awaits its invoice."""
        self._unbilled[client].append(index)

    def bill(self, client: str, work: list[Work], date: datetime.date, hours: Decimal) -> None:
        """Bill `hours` of the client's unbilled time entries; the excess is new work."""
        queue = self._unbilled.get(client)
        left = hours
        while left > 0 and queue:
            index = queue[0]
            item = work[index]
            if item.hours <= left:
                queue.popleft()
                work[index] = item._replace(billed=True)
                left -= item.hours
                continue
            work[index] = item._replace(hours=left, billed=True)
            work.append(item._replace(hours=item.hours - left))
            queue[0] = len(work) - 1
            self._split[client] = work
            left = ZERO
        if left > 0:
            work.append(Work(date, left, True))

    def tidy(self) -> None:
        """Put the work lists with split entries back in date order (stable: ledger order)."""
        for work in self._split.values():
            work.sort(key=lambda item: item.date)
        self._split = {}
