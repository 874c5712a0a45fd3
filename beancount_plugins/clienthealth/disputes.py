"""Disputes and reminders: what they note on the invoices they name (SPEC section 5)."""

from __future__ import annotations

import datetime
from typing import NamedTuple

from beancount_plugins.clienthealth.metadata import event_names_no_invoice
from beancount_plugins.clienthealth.model import ZERO, ClientHealthError, data_error
from beancount_plugins.clienthealth.receivables import InvoiceState
from beancount_plugins.clienthealth.records import ClientTxn
from beancount_plugins.clienthealth.text import cut, written


class EarlyEvent(NamedTuple):
    """A dispute or reminder dated before every invoice it names (none read yet)."""

    txn: ClientTxn
    kind: str
    named: tuple[str, ...]


#: Invoice id -> the early events that name it, told once the first invoice they name is read.
Early = dict[str, list[EarlyEvent]]


def note_event(
    txn: ClientTxn,
    named: tuple[str, ...],
    dispute: bool,
    opened: dict[str, tuple[InvoiceState, ...]],
    errors: list[ClientHealthError],
    early: Early,
) -> None:
    """Count a dispute or a reminder on the invoices it names that have been read.

    A reminder counts on each and dates the latest one. A dispute contests
    `disputed:` of the oldest named invoice in that amount's currency, else
    the whole open amount of each; what is disputed never exceeds the amount.
    One that names only invoices not read yet (dated later) waits in `early`
    for the first of them, whose date its data error gives.
    """
    kind = "dispute" if dispute else "reminder"
    invoices = [invoice for name in named for invoice in opened.get(name, ())]
    if not invoices and named:
        event = EarlyEvent(txn, kind, named)
        for name in named:
            early.setdefault(name, []).append(event)
        return
    if not invoices:
        errors.append(data_error(txn.entry, event_names_no_invoice(kind, txn.client), txn.client))
        return
    if not dispute:
        for invoice in invoices:
            invoice.reminders += 1
            invoice.last_reminder = txn.entry.date
        return
    amount = txn.fields.disputed
    if amount is not None:
        matching = [i for i in invoices if i.currency == amount.currency]
        if matching:
            invoices = [min(matching, key=lambda invoice: invoice.date)]
        else:
            errors.append(
                data_error(
                    txn.entry,
                    f"disputed: {written(amount)} is not in the invoice's currency "
                    f"{invoices[0].currency}: the whole open amount is disputed",
                    txn.client,
                )
            )
            amount = None
    for invoice in invoices:
        number = amount.number if amount is not None else invoice.open
        invoice.disputed = min(invoice.amount, invoice.disputed + max(number or ZERO, ZERO))
        invoice.disputes += 1


def event_before_invoice(
    kind: str, date: datetime.date, invoice: str, invoice_date: datetime.date
) -> str:
    """The message for a dispute or reminder dated before every invoice it names."""
    # Entries of one day go in file order: one above its invoice comes before it too.
    when = "dated before" if date < invoice_date else "written above"
    return (
        f"{kind} of {date} is {when} invoice {cut(invoice)} of {invoice_date}, "
        "which it names: it is not counted"
    )


def tell_early(
    early: Early, invoice: str, date: datetime.date, errors: list[ClientHealthError]
) -> None:
    """The data errors of the events dated before `invoice` (of `date`), now read.

    An event that names several later invoices is told once, at the first of them.
    """
    for event in early.pop(invoice, ()):
        for other in event.named:
            if other in early:
                early[other] = [e for e in early[other] if e is not event]
        entry = event.txn.entry
        text = event_before_invoice(event.kind, entry.date, invoice, date)
        errors.append(data_error(entry, text, event.txn.client))
