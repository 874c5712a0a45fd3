"""Each invoice's figures at A, and its amounts in the reporting currency."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import NamedTuple

from beancount_plugins.clienthealth.currency import Converter
from beancount_plugins.clienthealth.model import ZERO, Invoice
from beancount_plugins.clienthealth.receivables import InvoiceState
from beancount_plugins.clienthealth.salestax import net_part


def _status(invoice: InvoiceState, open_disputed: Decimal, as_of: datetime.date) -> str:
    if invoice.open <= 0:
        return "paid" if invoice.paid > 0 else "written-off"
    if open_disputed > 0:
        return "disputed"
    return "overdue" if as_of > invoice.due else "open"


def invoice_figures(invoice: InvoiceState, as_of: datetime.date, converter: Converter) -> Invoice:
    """Freeze an invoice's state into its figures as of A (SPEC section 4)."""
    open_amount = invoice.open
    settled = invoice.settled_on
    open_disputed = min(invoice.disputed, open_amount)
    date, due, paid = invoice.date, invoice.due, invoice.paid
    paid_on = settled if settled is not None and paid > 0 else None
    # hot: once per invoice; in Invoice's field order, as tuple.__new__ takes no keywords.
    return tuple.__new__(
        Invoice,
        (
            invoice.client,
            invoice.invoice,
            date,
            due,
            invoice.currency,
            invoice.amount,
            invoice.net,
            paid,
            invoice.credited,
            open_amount,
            settled,
            (paid_on - date).days if paid_on else None,  # days_to_pay
            max(0, (paid_on - due).days) if paid_on else None,  # days_late
            max(0, (as_of - due).days) if settled is None else None,  # days_overdue
            invoice.disputed,
            open_disputed,
            # conceded
            min(invoice.disputed, invoice.credited_since_dispute)
            if settled
            else invoice.amount * 0,
            invoice.disputes,
            invoice.reminders,
            _status(invoice, open_disputed, as_of),
            tuple(invoice.pieces),
            converter.rate(invoice.currency, date, invoice.entry, invoice.client),
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


def converted(invoice: Invoice, converter: Converter) -> Converted:
    """Round each part half up, then give the rounding rest to the largest part."""
    rate = invoice.rate
    if rate is None:
        return _NOTHING
    money = converter.money
    amount = money(invoice.amount * rate)
    parts = [invoice.paid, invoice.credited, invoice.open]
    split = [money(part * rate) for part in parts]
    rest = amount - sum(split)
    if rest:
        split[max(range(3), key=parts.__getitem__)] += rest
    paid, credited, open_amount = split
    return Converted(
        amount,
        paid,
        credited,
        open_amount,
        money(invoice.disputed * rate),
        min(money(invoice.open_disputed * rate), open_amount),
        money(invoice.conceded * rate),
        # Rounded on their own: net and paid net are not parts of the amount's split.
        min(money(invoice.net * rate), amount),
        min(money(net_part(invoice.paid, invoice.net, invoice.amount) * rate), paid),
    )
