"""The working records that attribution hands to settlement and the figures."""

from __future__ import annotations

import bisect
import datetime
import re
from decimal import Decimal
from operator import itemgetter
from typing import NamedTuple

from beancount.core import account_types, data
from beancount.core.amount import Amount

from beancount_plugins.clienthealth.model import ClientHealthError, data_error


class Fields(NamedTuple):
    """A transaction's client-health metadata, each None when absent or invalid."""

    invoice: str | None = None
    hours: Decimal | None = None
    due: datetime.date | None = None
    terms: int | None = None
    disputed: Amount | None = None
    #: Hours of earlier time entries that an invoice bills (SPEC section 11).
    billed_hours: Decimal | None = None
    #: The project the transaction's hours and amounts count to (SPEC section 13);
    #: projects.py reports one that is no string or names no declared project.
    project: str | None = None


class Leg(NamedTuple):
    """A posting on a receivable account, with its units read out."""

    posting: data.Posting
    number: Decimal
    currency: str
    #: The posting's own `invoice:`, read as every `invoice:` is (metadata.string_value).
    invoice: str | None


class ClientTxn(NamedTuple):
    """A transaction of one client, with what the engine reads of it."""

    entry: data.Transaction
    #: The client's id; "" while rules 3 and 4 have yet to find it.
    client: str
    fields: Fields
    receivable: tuple[Leg, ...]
    #: The invoice id, when the transaction has a positive receivable posting.
    invoice_id: str | None

    # tuple.__new__, as `_replace` costs several Python calls: rules 3 and 4 run on many.
    def with_client(self, client: str) -> ClientTxn:
        """The transaction attributed to `client`."""
        entry, _, fields, receivable, invoice_id = self
        return tuple.__new__(ClientTxn, (entry, client, fields, receivable, invoice_id))

    def with_fields(self, fields: Fields) -> ClientTxn:
        """The transaction with its fields read."""
        entry, client, _, receivable, invoice_id = self
        return tuple.__new__(ClientTxn, (entry, client, fields, receivable, invoice_id))


class ClientInfo(NamedTuple):
    """What a client's `custom "client"` directives say of it (docs/decisions.md).

    The first terms given hold from the start, whatever their directive's
    date; later ones from their date on, for the invoices dated then or
    after. A directive changes only what it sets: the latest name wins.
    """

    name: str | None
    terms: int | None
    #: Terms of later directives, from their dates: [(date, days), ...] in ledger order.
    changes: list[tuple[datetime.date, int]]

    def terms_on(self, date: datetime.date) -> int | None:
        """The client's terms for an invoice of this date."""
        later = bisect.bisect_right(self.changes, date, key=itemgetter(0))
        return self.changes[later - 1][1] if later else self.terms


class Collected(NamedTuple):
    """The transactions the pass over the entries kept, and lists of positions in them."""

    transactions: list[ClientTxn]
    #: Transactions with no client yet, for rules 3 and 4.
    pending: list[int]
    #: Transactions with a positive receivable posting: invoices.
    invoices: list[int]
    #: Transactions whose `invoice:` must name an invoice of their client.
    refs: list[int]
    #: Transactions with a receivable posting that has its own `invoice:`, to check.
    posting_refs: list[int]


class Attribution(NamedTuple):
    """Every client transaction in ledger order, and the client directives."""

    transactions: list[ClientTxn]
    clients: dict[str, ClientInfo]
    errors: list[ClientHealthError]
    #: Every invoice id of the ledger -> its client.
    invoices: dict[str, str]
    #: Receivable sub-account -> the one client whose invoices use it (rule 4).
    accounts: dict[str, str]
    #: For each transaction, the invoices of its client that it names (naming.named_invoices).
    named: list[tuple[str, ...]]
    #: Invoice id -> its due date (SPEC section 3).
    due_dates: dict[str, datetime.date]
    #: The `custom "project"` directives, in ledger order, read by projects.py.
    projects: tuple[data.Custom, ...] = ()


class ReceivableAccounts(dict[str, tuple[bool, bool]]):
    """Account -> (is a receivable, is a sub-account below the matched root).

    A dict that classifies each account the first time it is looked up.
    """

    def __init__(self, pattern: str) -> None:
        super().__init__()
        self._regex = re.compile(pattern)

    def __missing__(self, account: str) -> tuple[bool, bool]:
        match = self._regex.search(account)
        below = match is not None and account[match.end() :].strip(":") != ""
        known = self[account] = (match is not None, below)
        return known


class AccountKinds(dict[str, str]):
    """Account -> its type (the root account), found the first time it is looked up."""

    def __missing__(self, account: str) -> str:
        kind = self[account] = account_types.get_account_type(account)
        return kind

    def pays_out(self, entry: data.Transaction, receivable: tuple[Leg, ...]) -> bool:
        """Whether a would-be invoice only pays money out to the client (a refund).

        Every posting is on the receivable's own root (Assets: a bank, cash),
        none on income, tax or any other account, and none settles a receivable.
        """
        postings = entry.postings
        if not receivable or len(postings) <= len(receivable):
            return False
        if any(leg.number < 0 for leg in receivable):
            return False
        root = self[receivable[0].posting.account]
        return all(self[posting.account] == root for posting in postings)


def directive_id(
    entry: data.Custom, kind: str, example: str, errors: list[ClientHealthError]
) -> str | None:
    """The id a `custom "client"` or `custom "project"` directive names, else a data error."""
    value = entry.values[0].value if entry.values else None
    if isinstance(value, str) and value:
        return value
    error = data_error(entry, f'custom "{kind}" needs a {kind} id as "{example}"')
    # With no value at all Beancount leaves `values` None, which its printer
    # cannot print: bean-check would die on the entry, so name its place only.
    errors.append(error if entry.values is not None else error._replace(entry=None))
    return None
