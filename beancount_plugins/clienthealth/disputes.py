"""Disputes and reminders: what they note on the invoices they name (SPEC section 5)."""

from __future__ import annotations

from beancount_plugins.clienthealth.metadata import event_names_no_invoice
from beancount_plugins.clienthealth.model import ZERO, ClientHealthError, data_error
from beancount_plugins.clienthealth.receivables import InvoiceState
from beancount_plugins.clienthealth.records import ClientTxn


def note_event(
    txn: ClientTxn,
    named: tuple[str, ...],
    dispute: bool,
    opened: dict[str, tuple[InvoiceState, ...]],
    errors: list[ClientHealthError],
) -> None:
    """Count a dispute or a reminder on the invoices it names that have been read.

    A reminder counts on each and dates the latest one. A dispute contests
    `disputed:` of the oldest named invoice in that amount's currency, else
    the whole open amount of each; what is disputed never exceeds the amount.
    """
    kind = "dispute" if dispute else "reminder"
    invoices = [invoice for name in named for invoice in opened.get(name, ())]
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
                    f"disputed: {amount} is not in the invoice's currency "
                    f"{invoices[0].currency}: the whole open amount is disputed",
                    txn.client,
                )
            )
            amount = None
    for invoice in invoices:
        number = amount.number if amount is not None else invoice.open
        invoice.disputed = min(invoice.amount, invoice.disputed + max(number or ZERO, ZERO))
        invoice.disputes += 1
