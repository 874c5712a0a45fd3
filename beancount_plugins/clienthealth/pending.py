"""Rules 3 and 4: the client of a transaction that names none, by its invoices."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from beancount.core import data

from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.metadata import (
    event_names_no_invoice,
    names_no_invoice,
    read_fields,
)
from beancount_plugins.clienthealth.model import ClientHealthError, UnclaimedError, data_error
from beancount_plugins.clienthealth.records import ClientTxn, Collected, ReceivableAccounts
from beancount_plugins.clienthealth.text import cut
from beancount_plugins.clienthealth.thresholds import and_more


def _owners(collected: Collected, dropped: set[int]) -> dict[str, str]:
    """Invoice id -> its client, for the ids whose first invoice has a client.

    The first invoice, in ledger order, keeps an id: a later one that repeats
    it is renamed (SPEC section 3), so the id names the first one's client.
    """
    transactions = collected.transactions
    owners: dict[str, str] = {}
    decided: set[str] = set()
    for index in collected.invoices:
        txn = transactions[index]
        if index in dropped or txn.invoice_id is None or txn.invoice_id in decided:
            continue
        decided.add(txn.invoice_id)
        if txn.client:
            owners[txn.invoice_id] = txn.client
    return owners


def _names(txn: ClientTxn) -> AbstractSet[str]:
    """The invoice ids a transaction names: its links, and `invoice:` on it or a posting."""
    entry, _, fields, receivable, _ = txn
    refs = [leg.invoice for leg in receivable if leg.invoice is not None]
    if fields.invoice:
        refs.append(fields.invoice)
    # hot: most pending transactions (a personal entry's receipt link) name links only
    return entry.links.union(refs) if refs else entry.links


def _by_reference(
    collected: Collected, pending: list[int], dropped: set[int], errors: list[ClientHealthError]
) -> list[int]:
    """Rule 3: links and `invoice:` naming one client's invoices.

    Sets the client of `pending` transactions in place, adds those left out to
    `dropped`, and returns the positions still without a client.
    """
    transactions = collected.transactions
    owners = _owners(collected, dropped)
    still = []
    for index in pending:
        txn = transactions[index]
        clients = {owners[name] for name in _names(txn) if name in owners}
        if len(clients) > 1:
            named = and_more([cut(client) for client in sorted(clients)])
            errors.append(
                data_error(
                    txn.entry, f"names invoices of several clients ({named}): transaction left out"
                )
            )
            dropped.add(index)
        elif clients:
            transactions[index] = txn.with_client(clients.pop())
        else:
            still.append(index)
    return still


def account_users(collected: Collected, receivables: ReceivableAccounts) -> dict[str, set[str]]:
    """Receivable sub-account -> the clients whose invoices post to it (rule 4)."""
    transactions = collected.transactions
    users: dict[str, set[str]] = defaultdict(set)
    for index in collected.invoices:
        txn = transactions[index]
        if txn.client:
            for leg in txn.receivable:
                if leg.number > 0 and receivables[leg.posting.account][1]:
                    users[leg.posting.account].add(txn.client)
    return users


def _by_account(collected: Collected, pending: list[int], users: dict[str, set[str]]) -> list[int]:
    """Rule 4: a receivable sub-account that only one client's invoices use.

    Sets the client of `pending` transactions in place; returns the others.
    """
    transactions = collected.transactions
    still = []
    for index in pending:
        txn = transactions[index]
        clients: set[str] = set()
        for leg in txn.receivable:
            clients |= users.get(leg.posting.account, set())
        if len(clients) == 1:
            transactions[index] = txn.with_client(clients.pop())
        else:
            still.append(index)
    return still


def _client_accounts(collected: Collected) -> set[str]:
    """The receivable accounts on which some posting belongs to a client."""
    return {
        leg.posting.account
        for txn in collected.transactions
        if txn.client
        for leg in txn.receivable
    }


def _project_link(txn: ClientTxn, projects: Sequence[data.Custom]) -> tuple[str, str] | None:
    """A link of the transaction that is a project's id (`^acme-relaunch`), and its client.

    Rule 3 follows links to invoices only: a payment linked to its project
    has no client, and its message says so rather than "link it to an invoice".
    """
    links = txn.entry.links
    for entry in projects:
        value = entry.values[0].value if entry.values else None
        client = entry.meta.get("client")
        if isinstance(value, str) and value in links and isinstance(client, str):
            return value, client
    return None


def _no_client_advice(
    txn: ClientTxn, projects: Sequence[data.Custom], config: Config, account: str
) -> str:
    """The data error of a receivable posting no rule attributes, and what to do."""
    head = f"receivable posting with no client on {cut(account)}, which clients' invoices use"
    found = _project_link(txn, projects) if txn.entry.links and projects else None
    if found is not None:
        project, client = found
        tag = f"#{config.client_tag_prefix}{cut(client)}"
        return (
            f"{head}: ^{cut(project)} is project {cut(project)} of client {cut(client)}, "
            f'not an invoice: tag the transaction {tag} or add invoice: "<id>" naming '
            "the invoice it settles"
        )
    return (
        f"{head}: tag the transaction #{config.client_tag_prefix}<id> or link it to an "
        "invoice, or narrow the 'receivable' config so that it leaves this account out"
    )


def _leave_out(
    collected: Collected,
    pending: list[int],
    dropped: set[int],
    config: Config,
    projects: Sequence[data.Custom],
    errors: list[ClientHealthError],
) -> None:
    """Drop what no rule attributed; a data error where it was meant for a client.

    A receivable account that no client's posting uses (a personal IOU on
    `Assets:Receivable:Bob`) is none of the plugin's business: no error.
    """
    used: set[str] | None = None  # accounts of clients' receivable postings, once needed
    for index in pending:
        txn = collected.transactions[index]
        dropped.add(index)
        tags = txn.entry.tags
        if txn.receivable:
            if used is None:
                used = _client_accounts(collected)
            accounts = sorted({leg.posting.account for leg in txn.receivable} & used)
            if not accounts:
                continue
            problem = _no_client_advice(txn, projects, config, accounts[0])
        elif config.dispute_tag in tags or config.reminder_tag in tags:
            kind = "dispute" if config.dispute_tag in tags else "reminder"
            problem = event_names_no_invoice(kind, None)
        elif txn.fields.invoice is not None:
            problem = names_no_invoice(txn.fields.invoice, None)
        else:
            continue  # a link of someone else's entry: none of ours
        error = data_error(txn.entry, f"{problem}; transaction left out")
        errors.append(UnclaimedError(*error))


def attribute_pending(
    collected: Collected,
    receivables: ReceivableAccounts,
    config: Config,
    projects: Sequence[data.Custom],
    errors: list[ClientHealthError],
) -> tuple[set[int], dict[str, set[str]]]:
    """Rules 3 and 4 for the transactions that rules 1 and 2 left without a client.

    Rule 3 runs again once the first round attributed anything, so that a link
    to an invoice that rules 3 or 4 attributed counts too (one more round, not
    as many as a chain of untagged invoices would need: the pass stays
    linear). Returns the positions of the transactions left out, and rule 4's
    account users.
    """
    dropped: set[int] = set()
    still = _by_reference(collected, collected.pending, dropped, errors)
    users = account_users(collected, receivables)
    after = _by_account(collected, still, users)
    if after and len(after) + len(dropped) < len(collected.pending):
        after = _by_reference(collected, after, dropped, errors)
    _leave_out(collected, after, dropped, config, projects, errors)
    transactions = collected.transactions
    found: dict[int, str] = {}  # id of an entry -> the client rules 3 and 4 found
    for index in collected.pending:
        txn = transactions[index]
        if index not in dropped:
            found[id(txn.entry)] = txn.client
            fields = read_fields(txn.entry, errors, txn.fields.invoice, txn.client)
            transactions[index] = txn.with_fields(fields)
    # Its `client:` and `invoice:` were read before its client was known.
    errors[:] = [
        error._replace(client=found[id(error.entry)])
        if error.client is None and id(error.entry) in found
        else error
        for error in errors
    ]
    return dropped, users
