"""Records of the client-health engine: invoices, clients, signals and errors."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import NamedTuple

from beancount.core import data
from beancount.core.amount import Amount

ZERO = Decimal(0)

#: Warning kinds, in the order the SPEC lists them.
SIGNAL_KINDS = (
    "overdue",
    "dispute",
    "slow-payer",
    "low-yield",
    "unbilled",
    "concentration",
    "bottom",
    "rework",
    "free-work",
    "over-budget",
    "low-yield-time",
)

#: Kinds about the whole portfolio, not one client: no client's own signals list them.
PORTFOLIO_KINDS = frozenset({"low-yield-time"})

#: Invoice status values.
STATUSES = ("paid", "written-off", "open", "overdue", "disputed")


class ClientHealthError(NamedTuple):
    """A Beancount error: `bean-check` prints `source` as file:line, then `message`."""

    source: data.Meta
    message: str
    entry: data.Directive | None
    #: The client it is about, where the engine knows one: the tab lists it on that page.
    client: str | None = None


class UnclaimedError(ClientHealthError):
    """A data error about a transaction no client claims (a receivable posting untagged).

    It does not make a ledger one with client transactions: an untagged ledger
    is told to tag them, not that its clients have no figures.
    """

    __slots__ = ()


class Piece(NamedTuple):
    """A part of an invoice that was settled on one date, paid or credited."""

    date: datetime.date
    amount: Decimal
    paid: bool


class Invoice(NamedTuple):
    """One invoice (a client's positive receivable postings in one currency) as of A."""

    client: str
    invoice_id: str
    date: datetime.date
    due: datetime.date
    currency: str
    amount: Decimal
    #: The amount less the sales tax it charges (SPEC section 10): the revenue.
    net: Decimal
    paid: Decimal
    credited: Decimal
    open: Decimal
    settled_on: datetime.date | None
    days_to_pay: int | None
    days_late: int | None
    days_overdue: int | None
    disputed: Decimal
    open_disputed: Decimal
    conceded: Decimal
    disputes: int
    reminders: int
    status: str
    pieces: tuple[Piece, ...]
    #: Reporting-currency units per invoice-currency unit on the invoice date,
    #: None when the ledger has no price for it.
    rate: Decimal | None
    entry: data.Transaction
    #: The date of the latest reminder up to A (SPEC section 15).
    last_reminder: datetime.date | None = None
    #: Collections (SPEC section 15), set by `dunning.collect` on open invoices:
    #: the dunning level reached, the step owed (a key of dunning.STEPS), the
    #: date the money is expected.
    dunning_level: int | None = None
    next_step: str | None = None
    expected_on: datetime.date | None = None


class AgingBucket(NamedTuple):
    """Open amounts past due by more days than the bucket before holds, up to `last`."""

    #: Its key in the JSON's `aging` and the CSV's `aging_<key>` column.
    key: str
    #: The most days past due it holds; None: no end.
    last: int | None


#: The aging buckets of open amounts by days past due (SPEC section 7), in the
#: order of `Aging`'s fields: the one definition of their bounds and order.
AGING_BUCKETS = (
    AgingBucket("current", 0),  # not due yet: 0 days past due or less
    AgingBucket("1-30", 30),
    AgingBucket("31-60", 60),
    AgingBucket("61-90", 90),
    AgingBucket("91+", None),
)


class Aging(NamedTuple):
    """Open amounts by days past due: one field per bucket of AGING_BUCKETS, in its order."""

    current: Decimal = ZERO
    d1_30: Decimal = ZERO
    d31_60: Decimal = ZERO
    d61_90: Decimal = ZERO
    d91_plus: Decimal = ZERO


class ClientFigures(NamedTuple):
    """Every figure of one client over the window, in the reporting currency."""

    client: str
    name: str
    invoiced: Decimal
    #: Invoiced less sales tax, and the paid part of it (SPEC section 10).
    invoiced_net: Decimal
    paid: Decimal
    paid_net: Decimal
    credited: Decimal
    open: Decimal
    overdue: Decimal
    credit: Decimal
    aging: Aging
    avg_days_to_pay: Decimal | None
    days_beyond_terms: Decimal | None
    payment_score: int | None
    disputed: Decimal
    open_disputed: Decimal
    conceded: Decimal
    dispute_rate: Decimal | None
    disputes: int
    reminders: int
    hours: Decimal
    billed_hours: Decimal
    unbilled_hours: Decimal
    unbilled_share: Decimal | None
    costs: Decimal
    yield_per_hour: Decimal | None
    revenue_share: Decimal | None
    time_share: Decimal | None
    signals: tuple[str, ...]
    #: The credited amount of its invoices that are `written-off` (SPEC section 15).
    written_off: Decimal = ZERO
    #: SPEC section 12: kinds of work over the window.
    rework_hours: Decimal = ZERO
    rework_share: Decimal | None = None
    meeting_hours: Decimal = ZERO
    meeting_share: Decimal | None = None
    presale_hours: Decimal = ZERO
    #: SPEC section 13: the client's fixed-fee projects, in id order.
    projects: tuple[ProjectFigures, ...] = ()
    #: No invoice of the window is settled or past due yet, so the yield per
    #: hour is not known yet and is None (docs/SPEC.md section 16).
    yield_pending: bool = False


class ProjectFigures(NamedTuple):
    """A fixed-fee project over its whole life up to A (SPEC section 13)."""

    project: str
    client: str
    #: The fee in the reporting currency (None: none set, or no price).
    fee: Decimal | None
    #: Owed, with sales tax, like a client's `invoiced`; and net of it (SPEC 10).
    invoiced: Decimal
    invoiced_net: Decimal
    hours: Decimal
    rework_hours: Decimal
    budget_hours: Decimal | None
    burn: Decimal | None
    effective_rate: Decimal | None
    #: The project's latest transaction up to A, else its directive.
    entry: data.Directive


class Work(NamedTuple):
    """Hours of work for a client on one date, billed or not, and of which kind."""

    date: datetime.date
    hours: Decimal
    billed: bool
    rework: bool = False
    meeting: bool = False
    #: The `project:` the hours were written with, checked in projects.py.
    project: str | None = None


class Signal(NamedTuple):
    """Something that needs action: a warning kind about a client or an invoice."""

    kind: str
    client: str
    #: The id of the invoice it is about, if it is about one.
    invoice_id: str | None
    message: str
    entry: data.Directive


class Portfolio(NamedTuple):
    """Collection figures over the window of W days, in the reporting currency.

    R: receivables open at A; R0: open at the window's start; S: invoiced in
    the window; Rc: the part of R not yet due.
    """

    days: int
    open: Decimal
    open_at_start: Decimal
    invoiced: Decimal
    current: Decimal
    dso: Decimal | None
    best_dso: Decimal | None
    add: Decimal | None
    cei: Decimal | None


class Report(NamedTuple):
    """The engine's whole answer for one ledger, as of one date."""

    as_of: datetime.date
    window_start: datetime.date | None
    currency: str
    clients: list[ClientFigures]
    invoices: list[Invoice]
    signals: list[Signal]
    errors: list[ClientHealthError]
    #: Each client's hours up to A, in ledger order, whatever the window.
    work: dict[str, list[Work]]
    #: Fractional digits the ledger writes for the reporting currency.
    places: int
    #: `min_rate` as compared: in the reporting currency (None: unset, or no price).
    min_rate: Amount | None
    #: Receivable sub-account -> the one client whose invoices use it, in the
    #: whole ledger (SPEC section 2, rule 4).
    accounts: dict[str, str]
    #: Open invoices past due, in the order to chase them (SPEC section 15).
    chase: tuple[Invoice, ...] = ()
    #: DSO, best possible DSO, ADD and CEI over the window (SPEC section 15).
    portfolio: Portfolio | None = None
    #: Every project of the ledger, by client then id (SPEC section 13).
    projects: tuple[ProjectFigures, ...] = ()
    #: Share of all clients' hours taken by clients below `min_rate` (SPEC 14).
    low_yield_time_share: Decimal | None = None
    #: The clients below `min_rate` that have hours, most hours first, ties by name.
    low_yield_clients: tuple[str, ...] = ()
    #: Each client's first transaction dated after A, as (date, client) by date:
    #: attribution reads the whole ledger, so the report knows who comes later.
    after_as_of: tuple[tuple[datetime.date, str], ...] = ()
    #: Every client's display name up to A, with figures or not (none has a price).
    names: Mapping[str, str] = MappingProxyType({})

    def name_of(self, client: str) -> str:
        """The client's display name (SPEC section 2), else its id."""
        return self.names.get(client, client)


def add_days(date: datetime.date, days: int) -> datetime.date:
    """`date` moved by `days`, held within the calendar (9999-12-31 is "never")."""
    try:
        return date + datetime.timedelta(days=days)
    except OverflowError:
        return datetime.date.max if days > 0 else datetime.date.min


def data_error(entry: data.Directive, text: str, client: str | None = None) -> ClientHealthError:
    """A `clienthealth: data:` error on the entry it is about, and the client, if one's."""
    return ClientHealthError(entry.meta, f"clienthealth: data: {text}", entry, client)
