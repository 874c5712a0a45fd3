"""Hours as the ledger is read: time entries, and the invoices that bill them (SPEC 6 and 11)."""

from __future__ import annotations

import datetime
from collections import defaultdict, deque
from collections.abc import Container
from decimal import Decimal

from beancount.core import data

from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.model import ZERO, Work
from beancount_plugins.clienthealth.records import ClientTxn, Fields


def commodity_hours(
    entry: data.Transaction, commodity: str | None, invoice: bool = False
) -> tuple[Decimal, Decimal]:
    """(worked, billed): the hours commodity's positive and negative units, both >= 0.

    Only the positive ones are hours worked: a balanced time entry
    (`Assets:Billable 4.50 H` / `Equity:Time -4.50 H`) is 4.5 hours, not 0.
    On an invoice the negative ones bill earlier hours, and a positive posting
    that balances them is their counter-posting (`Assets:Billable -10 H` /
    `Equity:Time 10 H`): only positive units beyond the billed are worked there.
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
    if invoice:
        worked = max(worked - billed, ZERO)
    return worked, billed


def hours_of(
    entry: data.Transaction, fields: Fields, commodity: str | None, invoice: bool = False
) -> tuple[Decimal | None, Decimal | None]:
    """A transaction's hours worked and hours billed from earlier time entries.

    `hours:` and `billed_hours:` win over postings in the hours commodity that
    would say the same again (docs/decisions.md).
    """
    hours, billed_hours = fields.hours, fields.billed_hours
    if commodity is not None:
        worked, billed = commodity_hours(entry, commodity, invoice)
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


class WorkLog:
    """Each client's hours as the ledger is read: billed, or time entries a later invoice bills."""

    def __init__(
        self,
        work: dict[str, list[Work]],
        opened: Container[str],
        config: Config,
    ) -> None:
        self._work = work
        #: The id of every invoice read so far.
        self._opened = opened
        self._commodity = config.hours_commodity
        #: Whether a transaction with neither `hours:` nor `billed_hours:` may
        #: work hours: with an hours commodity, its postings may.
        self.reads_postings = self._commodity is not None
        self._rework_tag, self._meeting_tag = config.rework_tag, config.meeting_tag
        self._timesheets = Timesheets()
        #: Hours that link only to invoices not read yet: (list, index, names).
        self._billed_later: list[tuple[list[Work], int, tuple[str, ...]]] = []

    def time(self, txn: ClientTxn, named: tuple[str, ...]) -> None:
        """The hours a transaction works, and those of earlier entries an invoice bills.

        Hours on an invoice or linked to one are billed (SPEC section 6).
        Other hours are a time entry, which a later invoice may bill (section 11).
        Their kind (SPEC 12) is the transaction's rework and meeting tags, both
        when it has both; their project is its `project:` (SPEC 13).
        """
        entry, client, fields, _, invoice_id = txn
        # hot: without an hours commodity hours_of would return the fields as they are
        hours, billed_hours = fields.hours, fields.billed_hours
        if self._commodity is not None:
            hours, billed_hours = hours_of(entry, fields, self._commodity, invoice_id is not None)
        if hours is None and (billed_hours is None or invoice_id is None):
            return
        work = self._work[client]
        if hours is not None:
            billed = invoice_id is not None
            if not billed and named:
                billed = self._read_any(named)
                if not billed:  # named invoices dated later: billed if they are up to A
                    self._billed_later.append((work, len(work), named))
            elif not billed:
                self._timesheets.entered(client, len(work))
            tags = entry.tags
            # hot: once per time entry; tuple.__new__ spares Work's own __new__, a Python call.
            work.append(
                tuple.__new__(
                    Work,
                    (
                        entry.date,
                        hours,
                        billed,
                        self._rework_tag in tags,
                        self._meeting_tag in tags,
                        fields.project,
                    ),
                )
            )
        if billed_hours is not None and invoice_id is not None:
            self._timesheets.bill(client, work, entry.date, billed_hours)

    def finish(self) -> None:
        """Bill the hours whose invoice came later, on or before A; A's are billed by then."""
        for work, index, named in self._billed_later:
            if self._read_any(named):
                work[index] = work[index]._replace(billed=True)
        self._timesheets.tidy()  # last: it moves the work that the loop above finds by place

    def _read_any(self, names: tuple[str, ...]) -> bool:
        """Whether an invoice of one of these ids (the client's names) has been read."""
        return any(name in self._opened for name in names)
