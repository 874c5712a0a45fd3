"""Who is the client: attribute transactions to clients and name their invoices."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from pathlib import PurePath
from typing import NamedTuple

from beancount.core import data

from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.fields import (
    Fields,
    read_fields,
    read_refs,
    read_string,
    terms_days,
)
from beancount_plugins.clienthealth.model import ClientHealthError, data_error


class Leg(NamedTuple):
    """A posting on a receivable account, with its units read out."""

    posting: data.Posting
    number: Decimal
    currency: str


class ClientTxn(NamedTuple):
    """A transaction of one client, with what the engine reads of it."""

    entry: data.Transaction
    client: str
    fields: Fields
    receivable: tuple[Leg, ...]
    #: The invoice id, when the transaction has a positive receivable posting.
    invoice_id: str | None
    #: Invoices of the client it names: its `invoice:` first, then its links.
    named: tuple[str, ...]


class ClientInfo(NamedTuple):
    """What a `custom "client"` directive says of a client."""

    name: str | None
    terms: int | None


class Attribution(NamedTuple):
    """Every client transaction in ledger order, and the client directives."""

    transactions: list[ClientTxn]
    clients: dict[str, ClientInfo]
    errors: list[ClientHealthError]


class ReceivableAccounts:
    """Which accounts are receivables, and which are below a receivable root."""

    def __init__(self, pattern: str) -> None:
        self._regex = re.compile(pattern)
        self._known: dict[str, tuple[bool, bool]] = {}

    def classify(self, account: str) -> tuple[bool, bool]:
        """(is a receivable, is a sub-account below the matched root)."""
        known = self._known.get(account)
        if known is None:
            match = self._regex.search(account)
            below = match is not None and account[match.end() :].strip(":") != ""
            known = self._known[account] = (match is not None, below)
        return known

    def legs(self, entry: data.Transaction) -> tuple[Leg, ...]:
        """The transaction's postings on receivable accounts that have units."""
        known = self._known
        legs: tuple[Leg, ...] = ()
        for posting in entry.postings:  # hot: runs once per posting of the ledger
            account = posting.account
            if (known.get(account) or self.classify(account))[0]:
                units = posting.units
                if units is not None and isinstance(units.number, Decimal):
                    legs += (Leg(posting, units.number, units.currency),)
        return legs


def _is_invoice(receivable: Iterable[Leg]) -> bool:
    return any(leg.number > 0 for leg in receivable)


def _client_info(entry: data.Custom, errors: list[ClientHealthError]) -> str | None:
    value = entry.values[0].value if entry.values else None
    if not isinstance(value, str) or not value:
        errors.append(data_error(entry, 'custom "client" needs a client id as "acme"'))
        return None
    return value


def _read_client_directive(
    entry: data.Custom, clients: dict[str, ClientInfo], errors: list[ClientHealthError]
) -> None:
    client = _client_info(entry, errors)
    if client is None:
        return
    name = read_string(entry, entry.meta, "name", errors)
    terms = None
    if "terms" in entry.meta:
        terms = terms_days(entry.meta["terms"])
        if terms is None:
            errors.append(
                data_error(entry, f"terms: must be a number of days, not {entry.meta['terms']!r}")
            )
    clients[client] = ClientInfo(name, terms)


class _Candidate(NamedTuple):
    entry: data.Transaction
    client: str | None
    invoice_ref: str | None
    receivable: tuple[Leg, ...]
    #: Its id as an invoice (before any duplicate is renamed); None if not an invoice.
    invoice_key: str | None


@functools.lru_cache(maxsize=64)
def _file_name(filename: str) -> str:
    return PurePath(filename).name


def fallback_id(entry: data.Directive) -> str:
    """`<file>:<line>` of an entry, the id of an invoice with no other."""
    return f"{_file_name(str(entry.meta.get('filename', '?')))}:{entry.meta.get('lineno', 0)}"


def _invoice_id(entry: data.Transaction, invoice_ref: str | None) -> str:
    if invoice_ref:
        return invoice_ref
    links = entry.links
    if links:
        return min(links)
    return fallback_id(entry)


def _collect(
    entries: Iterable[data.Directive],
    config: Config,
    receivables: ReceivableAccounts,
    clients: dict[str, ClientInfo],
    errors: list[ClientHealthError],
) -> tuple[list[_Candidate], list[int]]:
    """Rules 1 and 2, and every transaction that rules 3 and 4 might attribute.

    Also the positions of the candidates with no client yet, for rules 3 and 4.
    """
    prefix = config.client_tag_prefix
    candidates: list[_Candidate] = []
    pending: list[int] = []
    transaction, custom = data.Transaction, data.Custom
    for entry in entries:  # hot: runs once per entry of the ledger
        if type(entry) is not transaction and not isinstance(entry, transaction):
            if isinstance(entry, custom) and entry.type == "client":
                _read_client_directive(entry, clients, errors)
            continue
        tags: set[str] = set()
        if entry.tags:
            tags = {tag[len(prefix) :] for tag in entry.tags if tag.startswith(prefix)}
            tags.discard("")
        meta = entry.meta
        client, invoice_ref = (
            read_refs(entry, errors) if "client" in meta or "invoice" in meta else (None, None)
        )
        if len(tags) > 1:
            errors.append(
                data_error(entry, f"two client tags {sorted(tags)}: transaction left out")
            )
            continue
        receivable = receivables.legs(entry)
        if tags:
            client = tags.pop()
        if client or receivable or entry.links or invoice_ref:
            key = (
                _invoice_id(entry, invoice_ref) if receivable and _is_invoice(receivable) else None
            )
            if client is None:
                pending.append(len(candidates))
            candidates.append(_Candidate(entry, client, invoice_ref, receivable, key))
    return candidates, pending


def _by_reference(
    candidates: list[_Candidate],
    pending: list[int],
    dropped: set[int],
    errors: list[ClientHealthError],
) -> list[int]:
    """Rule 3: a link or `invoice:` naming an invoice of exactly one client.

    Sets the client of `pending` candidates in place, adds those left out to
    `dropped`, and returns the positions still without a client.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    for cand in candidates:
        if cand.client and cand.invoice_key is not None:
            owners[cand.invoice_key].add(cand.client)
    still = []
    for index in pending:
        cand = candidates[index]
        names = set(cand.entry.links)
        if cand.invoice_ref:
            names.add(cand.invoice_ref)
        found = set().union(*(owners.get(name, ()) for name in names))
        if len(found) > 1:
            errors.append(
                data_error(
                    cand.entry,
                    f"names invoices of several clients {sorted(found)}: transaction left out",
                )
            )
            dropped.add(index)
        elif found:
            candidates[index] = cand._replace(client=found.pop())
        else:
            still.append(index)
    return still


def _by_account(
    candidates: list[_Candidate],
    pending: list[int],
    dropped: set[int],
    receivables: ReceivableAccounts,
    errors: list[ClientHealthError],
) -> None:
    """Rule 4: a receivable sub-account that only one client's invoices use.

    Sets the client of `pending` candidates in place, or adds them to `dropped`.
    """
    users: dict[str, set[str]] = defaultdict(set)
    for cand in candidates:
        if cand.client and cand.receivable:
            for leg in cand.receivable:
                if leg.number > 0:
                    users[leg.posting.account].add(cand.client)
    for index in pending:
        cand = candidates[index]
        if not cand.receivable:
            dropped.add(index)
            continue
        found: set[str] = set()
        for leg in cand.receivable:
            if receivables.classify(leg.posting.account)[1]:
                found |= users.get(leg.posting.account, set())
        if len(found) != 1:
            errors.append(
                data_error(
                    cand.entry,
                    "receivable posting with no client: tag the transaction "
                    "#client-<id> or link it to an invoice; transaction left out",
                )
            )
            dropped.add(index)
            continue
        candidates[index] = cand._replace(client=found.pop())


def attribute(entries: Iterable[data.Directive], config: Config) -> Attribution:
    """Attribute every transaction to its client (SPEC section 2) and id its invoices."""
    errors: list[ClientHealthError] = []
    clients: dict[str, ClientInfo] = {}
    receivables = ReceivableAccounts(config.receivable)
    candidates, pending = _collect(entries, config, receivables, clients, errors)
    if pending:
        dropped: set[int] = set()
        pending = _by_reference(candidates, pending, dropped, errors)
        _by_account(candidates, pending, dropped, receivables, errors)
        if dropped:
            candidates = [c for i, c in enumerate(candidates) if i not in dropped]

    ids: dict[str, str] = {}  # invoice id -> its client
    invoice_ids: list[str | None] = []
    for cand in candidates:
        invoice_id = cand.invoice_key
        if invoice_id is not None:
            if invoice_id in ids:
                errors.append(
                    data_error(
                        cand.entry,
                        f"invoice id {invoice_id!r} is used by an earlier invoice; "
                        f"this one is {fallback_id(cand.entry)}",
                    )
                )
                invoice_id = fallback_id(cand.entry)
            ids[invoice_id] = str(cand.client)
        invoice_ids.append(invoice_id)

    transactions = []
    for cand, invoice_id in zip(candidates, invoice_ids, strict=True):
        client = str(cand.client)
        named: list[str] = []
        ref = cand.invoice_ref
        if ref is not None and invoice_id is None:
            if ids.get(ref) == client:
                named.append(ref)
            else:
                errors.append(
                    data_error(cand.entry, f"invoice: {ref!r} names no invoice of client {client}")
                )
        if cand.entry.links:
            named.extend(
                link
                for link in sorted(cand.entry.links)
                if link != invoice_id and link not in named and ids.get(link) == client
            )
        fields = read_fields(cand.entry, errors, client, ref)
        transactions.append(
            ClientTxn(cand.entry, client, fields, cand.receivable, invoice_id, tuple(named))
        )
    return Attribution(transactions, clients, errors)
