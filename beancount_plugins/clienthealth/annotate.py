"""Write each invoice's figures back onto its receivable posting as metadata."""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from decimal import Decimal

from beancount.core import data
from beancount.core.amount import Amount

from beancount_plugins.clienthealth.model import ZERO, Invoice
from beancount_plugins.clienthealth.records import ReceivableAccounts

#: The keys the plugin writes, and nothing else.
METADATA_KEYS = (
    "invoice_paid",
    "invoice_open",
    "settled_on",
    "days_to_pay",
    "days_overdue",
    "disputed",
)


#: An Invoice's figures that its metadata shows, in C.
_SHOWN = operator.itemgetter(4, 7, 9, 10, 11, 13, 14)
assert tuple(Invoice._fields[i] for i in (4, 7, 9, 10, 11, 13, 14)) == (
    "currency",
    "paid",
    "open",
    "settled_on",
    "days_to_pay",
    "days_overdue",
    "disputed",
), "_SHOWN reads these fields"
#: An Invoice's entry and currency, in C.
_ENTRY_AND_CURRENCY = operator.itemgetter(22, 4)
assert Invoice._fields[22] == "entry", "_ENTRY_AND_CURRENCY reads these fields"


@functools.lru_cache(maxsize=1024)
def _days(days: int) -> Decimal:
    """A number of days as the Decimal the metadata holds; one per value (they repeat)."""
    return Decimal(days)


def invoice_metadata(invoice: Invoice, meta: data.Meta) -> data.Meta:
    """`meta` with the SPEC section 8 metadata of one invoice; Decimal, date and Amount only."""
    # hot: once per invoice; Amount's own __new__ makes two Python calls to check its types.
    currency, paid, open_amount, settled_on, days_to_pay, days_overdue, disputed = _SHOWN(invoice)
    amount = tuple.__new__
    meta["invoice_paid"] = amount(Amount, (paid, currency))
    meta["invoice_open"] = amount(Amount, (open_amount, currency))
    if settled_on is not None:
        meta["settled_on"] = settled_on
    if days_to_pay is not None:
        meta["days_to_pay"] = _days(days_to_pay)
    if days_overdue is not None:
        meta["days_overdue"] = _days(days_overdue)
    if disputed:
        meta["disputed"] = amount(Amount, (disputed, currency))
    return meta


def _rebuilt(
    entry: data.Transaction, todo: dict[str, Invoice], accounts: ReceivableAccounts
) -> data.Transaction:
    """The entry with each invoice's figures on its first positive receivable posting."""
    new = tuple.__new__  # `_replace` costs several Python calls per record
    postings = list(entry.postings)
    # hot: once per invoice entry; the postings after the last invoice's are kept as they are.
    for index, posting in enumerate(postings):
        account, units, cost, price, flag, meta = posting
        if not accounts[account][0] or units is None:
            continue
        number, currency = units
        if number is not None and number > ZERO:
            found = todo.pop(currency, None)
            if found is not None:
                meta = invoice_metadata(found, dict(meta or ()))
                postings[index] = new(data.Posting, (account, units, cost, price, flag, meta))
                if not todo:
                    break
    return new(data.Transaction, (*entry[:-1], postings))


def annotate(
    entries: Sequence[data.Directive], invoices: list[Invoice], receivable: str
) -> list[data.Directive]:
    """Every entry, in order; invoices rebuilt to carry their figures.

    The figures go on the first positive receivable posting of each invoice's
    currency, so that a bean-query sum over postings counts each invoice once.
    `invoices` is emptied: each invoice's figures are freed once written, so
    that they and the rebuilt entries are not all held at once.
    """
    by_entry: dict[int, tuple[data.Transaction, dict[str, Invoice]]] = {}
    for invoice in invoices:
        entry, currency = _ENTRY_AND_CURRENCY(invoice)
        key = id(entry)
        found = by_entry.get(key)
        if found is None:
            by_entry[key] = (entry, {currency: invoice})
        else:  # an invoice in several currencies
            found[1][currency] = invoice
    invoices.clear()
    if not by_entry:
        return list(entries)
    accounts = ReceivableAccounts(receivable)
    rebuilt: dict[int, data.Transaction] = {}
    while by_entry:  # popped, so that each invoice is freed once written
        key, (entry, todo) = by_entry.popitem()
        rebuilt[key] = _rebuilt(entry, todo, accounts)
    del todo
    # hot: one lookup per entry of the ledger, in C
    return list(map(rebuilt.get, map(id, entries), entries))
