"""Rules 3 and 4: the client of a transaction that names none, by its invoices."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from beancount_plugins.clienthealth.fields import read_fields
from beancount_plugins.clienthealth.model import ClientHealthError, data_error

if TYPE_CHECKING:  # attribution calls this module: its records are for typing only
    from beancount_plugins.clienthealth.attribution import Found, ReceivableAccounts


def _by_reference(found: Found, dropped: set[int], errors: list[ClientHealthError]) -> list[int]:
    """Rule 3: links and `invoice:` (transaction or posting) naming one client's invoices.

    Sets the client of pending transactions in place, adds those left out to
    `dropped`, and returns the positions still without a client.
    """
    transactions = found.transactions
    owners: dict[str, set[str]] = defaultdict(set)
    for index in found.invoices:
        txn = transactions[index]
        if txn.client and txn.invoice_id is not None:
            owners[txn.invoice_id].add(txn.client)
    still = []
    for index in found.pending:
        txn = transactions[index]
        names = set(txn.entry.links)
        if txn.fields.invoice:
            names.add(txn.fields.invoice)
        for leg in txn.receivable:  # a posting's `invoice:` names one too
            ref = (leg.posting.meta or {}).get("invoice")
            if isinstance(ref, str):
                names.add(ref)
        clients = set().union(*(owners.get(name, ()) for name in names))
        if len(clients) > 1:
            errors.append(
                data_error(
                    txn.entry,
                    f"names invoices of several clients {sorted(clients)}: transaction left out",
                )
            )
            dropped.add(index)
        elif clients:
            transactions[index] = txn._replace(client=clients.pop())
        else:
            still.append(index)
    return still


def _by_account(
    found: Found,
    pending: list[int],
    dropped: set[int],
    receivables: ReceivableAccounts,
    errors: list[ClientHealthError],
) -> None:
    """Rule 4: a receivable sub-account that only one client's invoices use.

    Sets the client of `pending` transactions in place, or adds them to `dropped`.
    """
    transactions = found.transactions
    users: dict[str, set[str]] = defaultdict(set)
    for index in found.invoices:
        txn = transactions[index]
        if txn.client:
            for leg in txn.receivable:
                if leg.number > 0:
                    users[leg.posting.account].add(txn.client)
    for index in pending:
        txn = transactions[index]
        if not txn.receivable:
            dropped.add(index)
            continue
        clients: set[str] = set()
        for leg in txn.receivable:
            if receivables[leg.posting.account][1]:
                clients |= users.get(leg.posting.account, set())
        if len(clients) != 1:
            errors.append(
                data_error(
                    txn.entry,
                    "receivable posting with no client: tag the transaction "
                    "#client-<id> or link it to an invoice; transaction left out",
                )
            )
            dropped.add(index)
            continue
        transactions[index] = txn._replace(client=clients.pop())


def attribute_pending(
    found: Found, receivables: ReceivableAccounts, errors: list[ClientHealthError]
) -> set[int]:
    """Rules 3 and 4 for the transactions that rules 1 and 2 left without a client.

    Returns the positions of the transactions left out.
    """
    dropped: set[int] = set()
    still = _by_reference(found, dropped, errors)
    _by_account(found, still, dropped, receivables, errors)
    transactions = found.transactions
    for index in found.pending:
        txn = transactions[index]
        if index not in dropped:
            fields = read_fields(txn.entry, errors, txn.fields.invoice)
            transactions[index] = txn._replace(fields=fields)
    return dropped
