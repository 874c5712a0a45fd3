"""Who is the client: attribute transactions to clients (SPEC section 2), then name invoices."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from beancount.core import data

from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.metadata import (
    NO_FIELDS,
    read_fields,
    read_refs,
    read_string,
    string_value,
    terms_days,
)
from beancount_plugins.clienthealth.model import ClientHealthError, data_error
from beancount_plugins.clienthealth.naming import invoice_id, name_invoices, named_invoices
from beancount_plugins.clienthealth.pending import account_users, attribute_pending
from beancount_plugins.clienthealth.records import (
    Attribution,
    ClientInfo,
    ClientTxn,
    Collected,
    Leg,
    ReceivableAccounts,
    directive_id,
)
from beancount_plugins.clienthealth.text import cut, written
from beancount_plugins.clienthealth.thresholds import and_more


def _read_directive(
    entry: data.Directive,
    clients: dict[str, ClientInfo],
    projects: list[data.Custom],
    errors: list[ClientHealthError],
) -> None:
    """Read a `custom "client"` directive; keep a `custom "project"` for projects.py."""
    if not isinstance(entry, data.Custom):
        return
    if entry.type == "project":
        projects.append(entry)
    if entry.type != "client":
        return
    client = directive_id(entry, "client", "acme", errors)
    if client is None:
        return
    name = read_string(entry, entry.meta, "name", errors, client)
    terms = None
    if "terms" in entry.meta:
        terms = terms_days(entry.meta["terms"])
        if terms is None:
            errors.append(
                data_error(
                    entry,
                    f"terms: must be a number of days, not {written(entry.meta['terms'])}",
                    client,
                )
            )
    known = clients.get(client) or ClientInfo(None, None, [])
    if terms is not None and known.terms is None and not known.changes:
        known = known._replace(terms=terms)  # the first terms hold from the start
    elif terms is not None:
        known.changes.append((entry.date, terms))
    clients[client] = known._replace(name=name or known.name)


def _tagged_client(
    entry: data.Transaction, prefix: str, errors: list[ClientHealthError]
) -> str | Literal[False] | None:
    """The client of a transaction's several tags, None if none; False: left out, as it has two."""
    tagged = sorted({tag[len(prefix) :] for tag in entry.tags if tag.startswith(prefix)} - {""})
    if len(tagged) > 1:
        tags = and_more([f"#{prefix}{cut(client)}" for client in tagged])
        errors.append(data_error(entry, f"two client tags {tags}: transaction left out"))
        return False
    return tagged[0] if tagged else None


def _posting_ref(meta: data.Meta, collected: Collected) -> str | None:
    """A receivable posting's `invoice:`, checked once the invoice ids are known.

    A transaction with a receivable posting is always kept: it will be the next one.
    """
    position = len(collected.transactions)
    if position not in collected.posting_refs[-1:]:
        collected.posting_refs.append(position)
    return string_value(meta["invoice"])


def _keep(
    collected: Collected,
    entry: data.Transaction,
    client: str | None,
    invoice_ref: str | None,
    receivable: tuple[Leg, ...],
    invoice: bool,
    errors: list[ClientHealthError],
    read: int,
) -> None:
    """Keep a transaction that has, or might get, a client.

    The errors from `read` on are its `client:` and `invoice:` ones, the client's once known.
    """
    position = len(collected.transactions)
    key = None
    if invoice:
        key = invoice_id(entry, invoice_ref)
        collected.invoices.append(position)
    elif invoice_ref is not None:
        collected.refs.append(position)
    if client:
        if read < len(errors):
            errors[read:] = [error._replace(client=client) for error in errors[read:]]
        fields = read_fields(entry, errors, invoice_ref, client)
    else:  # read once rules 3 and 4 find its client
        collected.pending.append(position)
        fields = NO_FIELDS if invoice_ref is None else NO_FIELDS._replace(invoice=invoice_ref)
    txn = (entry, client or "", fields, receivable, key)
    collected.transactions.append(tuple.__new__(ClientTxn, txn))  # hot: no Python call


def _collect(
    entries: Iterable[data.Directive],
    config: Config,
    receivables: ReceivableAccounts,
    clients: dict[str, ClientInfo],
    projects: list[data.Custom],
    errors: list[ClientHealthError],
) -> Collected:
    """Rules 1 and 2, and every transaction that rules 3 and 4 might attribute.

    The fields of a transaction with no client yet are read once it has one.
    """
    prefix = config.client_tag_prefix
    width = len(prefix)
    # One string per client id, so that every later lookup by client matches
    # on identity instead of comparing a fresh copy of the id.
    ids: dict[str, str] = {}
    # A dispute or reminder with no client is kept for rules 3 and 4, and is a
    # data error when they find none either, even with no link to follow.
    events = frozenset((config.dispute_tag, config.reminder_tag))
    collected = Collected([], [], [], [], [])
    transaction = data.Transaction
    new = tuple.__new__  # hot: a NamedTuple's own __new__ is a Python call
    for entry in entries:  # hot: runs once per entry of the ledger
        if type(entry) is not transaction and not isinstance(entry, transaction):
            _read_directive(entry, clients, projects, errors)
            continue
        client = invoice_ref = None
        event = False
        meta = entry.meta
        read = len(errors)
        if "client" in meta or "invoice" in meta:
            client, invoice_ref = read_refs(entry, errors)
        tags = entry.tags
        if tags and len(tags) == 1:  # hot: a client's transaction carries its one tag
            (tag,) = tags
            known = ids.get(tag)
            if known is None and len(tag) > width and tag.startswith(prefix):
                known = ids[tag] = tag[width:]
            client = known or client
            event = known is None and tag in events
        elif tags:
            tagged = _tagged_client(entry, prefix, errors)
            if tagged is False:
                continue
            client = tagged or client
            event = not events.isdisjoint(tags)
        receivable: tuple[Leg, ...] = ()
        invoice = False
        for posting in entry.postings:  # hot: runs once per posting of the ledger
            if receivables[posting.account][0]:
                units = posting.units
                if units is not None and isinstance(units.number, Decimal):
                    ref = (
                        _posting_ref(posting.meta, collected)
                        if posting.meta and "invoice" in posting.meta
                        else None
                    )
                    receivable += (new(Leg, (posting, units.number, units.currency, ref)),)
                    invoice = invoice or units.number > 0
        if client and not invoice and invoice_ref is None and read == len(errors):
            # hot: a time entry, payment or cost of a known client, its fields read at once
            fields = read_fields(entry, errors, None, client)
            txn = (entry, client, fields, receivable, None)
            collected.transactions.append(new(ClientTxn, txn))
        elif client or receivable or entry.links or invoice_ref or event:
            _keep(collected, entry, client, invoice_ref, receivable, invoice, errors, read)
    return collected


def attribute(entries: Iterable[data.Directive], config: Config) -> Attribution:
    """Attribute every transaction to its client (SPEC section 2) and id its invoices."""
    errors: list[ClientHealthError] = []
    clients: dict[str, ClientInfo] = {}
    receivables = ReceivableAccounts(config.receivable)
    projects: list[data.Custom] = []
    collected = _collect(entries, config, receivables, clients, projects, errors)
    transactions = collected.transactions
    if collected.pending:
        dropped, users = attribute_pending(collected, receivables, config, projects, errors)
    else:
        dropped, users = set(), account_users(collected, receivables)
    accounts = {account: next(iter(c)) for account, c in users.items() if len(c) == 1}

    invoices, due_dates = name_invoices(collected, dropped, clients, config.default_terms, errors)
    if dropped:
        transactions = [txn for i, txn in enumerate(transactions) if i not in dropped]
    named = [
        named_invoices(txn, invoices) if txn.entry.links or txn.fields.invoice is not None else ()
        for txn in transactions
    ]
    return Attribution(
        transactions, clients, errors, invoices, accounts, named, due_dates, tuple(projects)
    )
