"""Each invoice's figures at A, and its amounts in the reporting currency."""

from __future__ import annotations

import datetime
import itertools
import operator
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from beancount_plugins.clienthealth.currency import EXACT, ONE, Converter
from beancount_plugins.clienthealth.model import ZERO, Invoice
from beancount_plugins.clienthealth.receivables import InvoiceState
from beancount_plugins.clienthealth.salestax import net_part


def _status(invoice: InvoiceState, open_disputed: Decimal, as_of: datetime.date) -> str:
    # Compared with ZERO, not 0: an int is made a Decimal on every comparison.
    if invoice.open <= ZERO:
        return "paid" if invoice.paid > ZERO else "written-off"
    if open_disputed > ZERO:
        return "disputed"
    return "overdue" if as_of > invoice.due else "open"


def invoice_figures(invoice: InvoiceState, as_of: datetime.date, converter: Converter) -> Invoice:
    """Freeze an invoice's state into its figures as of A (SPEC section 4)."""
    open_amount = invoice.open
    settled = invoice.settled_on
    disputed = invoice.disputed
    # hot: once per invoice; min() by hand, as the builtin's call costs more than the test.
    open_disputed = open_amount if open_amount < disputed else disputed
    date, due, paid, currency = invoice.date, invoice.due, invoice.paid, invoice.currency
    paid_on = settled if settled is not None and paid > ZERO else None
    # Most invoices are in the reporting currency: their rate needs no lookup.
    rate = (
        ONE
        if currency == converter.currency
        else converter.rate(currency, date, invoice.entry, invoice.client)
    )
    # In Invoice's field order, as tuple.__new__ takes no keywords.
    return tuple.__new__(
        Invoice,
        (
            invoice.client,
            invoice.invoice_id,
            date,
            due,
            currency,
            invoice.amount,
            invoice.net,
            paid,
            invoice.credited,
            open_amount,
            settled,
            (paid_on - date).days if paid_on else None,  # days_to_pay
            max(0, (paid_on - due).days) if paid_on else None,  # days_late
            max(0, (as_of - due).days) if settled is None else None,  # days_overdue
            disputed,
            open_disputed,
            # conceded
            min(disputed, invoice.credited_since_dispute) if settled else invoice.amount * ZERO,
            invoice.disputes,
            invoice.reminders,
            _status(invoice, open_disputed, as_of),
            tuple(invoice.pieces),
            rate,
            invoice.entry,
            invoice.last_reminder,
            None,  # dunning_level, next_step and expected_on: set by dunning.collect
            None,
            None,
        ),
    )


class Converted(NamedTuple):
    """An invoice's amounts in the reporting currency, split without rounding drift."""

    amount: Decimal
    paid: Decimal
    credited: Decimal
    open: Decimal
    disputed: Decimal
    open_disputed: Decimal
    conceded: Decimal
    #: Net of sales tax: the amount, and the paid part (paid x net / amount).
    net: Decimal
    paid_net: Decimal


_NOTHING = Converted(*(ZERO,) * len(Converted._fields))


#: An invoice's amount, paid, credited, open, disputed, open_disputed, conceded
#: and net, in C: the parts `converted` rounds, in Converted's order but net last.
_PARTS = operator.itemgetter(5, 7, 8, 9, 14, 15, 16, 6)
assert tuple(Invoice._fields[i] for i in (5, 7, 8, 9, 14, 15, 16, 6)) == (
    "amount",
    "paid",
    "credited",
    "open",
    "disputed",
    "open_disputed",
    "conceded",
    "net",
), "_PARTS reads these fields"


def converted(invoice: Invoice, converter: Converter) -> Converted:
    """Round each part half up, then give the rounding rest to the largest part.

    Called in the EXACT context (figures._invoice_sums): no sum here rounds.
    """
    rate = invoice.rate
    if rate is None:
        return _NOTHING
    # hot: once per invoice of the window; every part is multiplied and rounded
    # in C (a map), without money()'s Python frame.
    parts: Iterable[Decimal] = _PARTS(invoice)
    paid_net = net_part(invoice.paid, invoice.net, invoice.amount)
    if rate is not ONE:  # the reporting currency's own invoices: x times 1 is x
        parts = map(operator.mul, parts, itertools.repeat(rate))
        paid_net *= rate
    quantum = converter.quantum
    amount, paid, credited, open_amount, disputed, open_disputed, conceded, net = map(
        EXACT.quantize, parts, itertools.repeat(quantum)
    )
    split = [paid, credited, open_amount]
    rest = amount - sum(split)
    if rest:
        unrounded = [invoice.paid, invoice.credited, invoice.open]
        split[max(range(3), key=unrounded.__getitem__)] += rest
    paid, credited, open_amount = split
    # Built as invoice_figures builds Invoice.
    return tuple.__new__(
        Converted,
        (
            amount,
            paid,
            credited,
            open_amount,
            disputed,
            min(open_disputed, open_amount),
            conceded,
            # Rounded on their own: net and paid net are not parts of the amount's split.
            min(net, amount),
            min(EXACT.quantize(paid_net, quantum), paid),
        ),
    )
