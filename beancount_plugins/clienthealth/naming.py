"""Name each invoice, and decide what each client transaction names (SPEC sections 3-4)."""

from __future__ import annotations

import datetime
import functools
import os
from typing import cast

from beancount.core import data

from beancount_plugins.clienthealth.metadata import names_no_invoice, not_a_string
from beancount_plugins.clienthealth.model import ClientHealthError, add_days, data_error
from beancount_plugins.clienthealth.records import AccountKinds, ClientInfo, ClientTxn, Collected
from beancount_plugins.clienthealth.text import cut


@functools.lru_cache(maxsize=64)
def _file_name(filename: str) -> str:
    # Not pathlib, which bean-check does not import: it would bring in urllib and
    # ipaddress, as costly as the plugin's own pass over a small ledger.
    return os.path.basename(filename)  # noqa: PTH119


def fallback_id(entry: data.Directive, whole_path: bool = False) -> str:
    """`<file>:<line>` of an entry, the id of an invoice with no other."""
    filename = str(entry.meta.get("filename", "?"))
    return f"{filename if whole_path else _file_name(filename)}:{entry.meta.get('lineno', 0)}"


def _free_fallback_id(entry: data.Directive, taken: dict[str, str]) -> str:
    """`<file>:<line>`, with the file's whole path if its name alone is taken."""
    short = fallback_id(entry)
    return short if short not in taken else fallback_id(entry, whole_path=True)


def invoice_id(entry: data.Transaction, invoice_ref: str | None) -> str:
    """An invoice's id: its `invoice:`, else its first link, else its place."""
    if invoice_ref:
        return invoice_ref
    links = entry.links
    if links:
        return min(links)
    return fallback_id(entry)


def _due_date(txn: ClientTxn, clients: dict[str, ClientInfo], default_terms: int) -> datetime.date:
    """`due:`, else the date plus `terms:`, the client's terms then, or the default."""
    if txn.fields.due is not None:
        return txn.fields.due
    terms = txn.fields.terms
    if terms is None:
        info = clients.get(txn.client)
        terms = info.terms_on(txn.entry.date) if info is not None else None
    if terms is None:
        terms = default_terms
    return add_days(txn.entry.date, terms)


def name_invoices(
    collected: Collected,
    dropped: set[int],
    clients: dict[str, ClientInfo],
    default_terms: int,
    errors: list[ClientHealthError],
) -> tuple[dict[str, str], dict[str, datetime.date]]:
    """Each invoice's id, renamed where an earlier invoice took it, and its due date.

    Returns invoice id -> client and invoice id -> due date. Reports each
    `invoice:`, on a transaction or on a settling posting, that names no
    invoice of its client, and a posting's that is no string.
    """
    transactions = collected.transactions
    invoices: dict[str, str] = {}
    due_dates: dict[str, datetime.date] = {}
    kinds = AccountKinds()
    for index in collected.invoices:
        if index in dropped:
            continue
        txn = transactions[index]
        invoice = cast(str, txn.invoice_id)  # set on every invoice by attribution
        if invoice in invoices:
            renamed = _free_fallback_id(txn.entry, invoices)
            # Two files of one name (2024/invoices, 2025/invoices) are no reused id,
            # and a refund that links its client's invoice it pays back reuses none.
            refund = invoices[invoice] == txn.client and kinds.pays_out(txn.entry, txn.receivable)
            if invoice != fallback_id(txn.entry) and not refund:
                errors.append(
                    data_error(
                        txn.entry,
                        f"invoice id {cut(invoice)} is used by an earlier invoice; "
                        f"this one is {cut(renamed)}",
                        txn.client,
                    )
                )
            txn = transactions[index] = txn._replace(invoice_id=renamed)
            invoice = renamed
        invoices[invoice] = txn.client
        due_dates[invoice] = _due_date(txn, clients, default_terms)
    _check_refs(collected, dropped, invoices, errors)
    return invoices, due_dates


def _check_refs(
    collected: Collected,
    dropped: set[int],
    invoices: dict[str, str],
    errors: list[ClientHealthError],
) -> None:
    """Report each `invoice:` naming no invoice of its client, each posting's not a string.

    A message is said once per transaction (SPEC section 3).
    """
    transactions = collected.transactions
    told: dict[int, set[str]] = {}  # position -> the messages its transaction has
    for index in collected.refs:
        txn = transactions[index]
        if index not in dropped and invoices.get(str(txn.fields.invoice)) != txn.client:
            text = names_no_invoice(cast(str, txn.fields.invoice), txn.client)
            errors.append(data_error(txn.entry, text, txn.client))
            told[index] = {errors[-1].message}
    for index in collected.posting_refs:
        txn = transactions[index]
        if index in dropped:
            continue
        said = told.setdefault(index, set())
        for leg in txn.receivable:
            meta = leg.posting.meta
            if not meta or "invoice" not in meta:
                continue
            if leg.invoice is None:
                error = not_a_string(txn.entry, "invoice", meta["invoice"], txn.client)
            elif leg.number < 0 and invoices.get(leg.invoice) != txn.client:
                error = data_error(txn.entry, names_no_invoice(leg.invoice, txn.client), txn.client)
            else:
                continue
            if error.message not in said:
                said.add(error.message)
                errors.append(error)


def named_invoices(txn: ClientTxn, invoices: dict[str, str]) -> tuple[str, ...]:
    """Invoices of its client that a transaction names: `invoice:` first, then its links.

    An invoice's own id counts: a settlement in the invoice's transaction (paid
    on the spot) pays that invoice, which is open by then (docs/decisions.md).
    """
    client, ref = txn.client, txn.fields.invoice
    links = txn.entry.links
    if ref is None:
        if not links:
            return ()
        if len(links) == 1:  # hot: most transactions that name one have one link
            (link,) = links
            return (link,) if invoices.get(link) == client else ()
    named: list[str] = []
    if ref is not None and invoices.get(ref) == client:
        named.append(ref)
    if links:
        # Links are distinct: only `invoice:` can name one of them again.
        named.extend(link for link in sorted(links) if link != ref and invoices.get(link) == client)
    return tuple(named)
