"""What the tab shows of collections: the chase list, aged receivables, portfolio figures."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from beancount_plugins.clienthealth.chase import chase_total
from beancount_plugins.clienthealth.dunning import expected_late, step_words
from beancount_plugins.clienthealth.model import AGING_BUCKETS, ZERO, Invoice, Report
from beancount_plugins.clienthealth.scoring import aging_bucket
from fava_clienthealth import journal
from fava_clienthealth.i18n import N_
from fava_clienthealth.i18n import gettext as _

#: The words of dunning.STEPS, marked here for the catalog: the engine stays
#: free of Flask, and its words are the msgids (a test holds the two equal).
STEP_WORDS = (
    N_("send the first reminder"),
    N_("send the second reminder"),
    N_("send the final notice"),
)


class ChaseRow(NamedTuple):
    """One invoice of the chase list as the tab shows it."""

    invoice: Invoice
    name: str
    #: Fava's journal of the invoice and what names it (None: a `<file>:<line>` id).
    filter: str | None
    #: The next step in words, translated; "" when none is owed.
    step: str
    #: Its expected date is before A: later than the client's habit.
    late: bool


def chase_rows(report: Report) -> list[ChaseRow]:
    """The chase list in the SPEC's order, each with its journal filter and words."""
    rows = []
    for inv in report.chase:
        words = step_words(inv.next_step)
        rows.append(
            ChaseRow(
                inv,
                report.name_of(inv.client),
                journal.invoice_filter(inv),
                _(words) if words else "",
                expected_late(inv, report.as_of),
            )
        )
    return rows


def total(report: Report) -> Decimal:
    """The chase list's open money in the reporting currency."""
    return chase_total(report)


class AgingCell(NamedTuple):
    """Open money of one client in one bucket, and the journal of those invoices."""

    amount: Decimal
    filter: str | None


class AgingRow(NamedTuple):
    """One client of the aged receivables, in ranking order."""

    client: str
    name: str
    cells: tuple[AgingCell, ...]
    total: AgingCell


#: A cell of more invoices than this gets no journal link: its URL would run to
#: hundreds of kilobytes, on every cell of the totals row.
MAX_LINKED = 100


def _cell(amount: Decimal, invoices: Sequence[Invoice]) -> AgingCell:
    if len(invoices) > MAX_LINKED:
        return AgingCell(amount, None)
    terms = [f for f in (journal.invoice_filter(inv) for inv in invoices) if f]
    return AgingCell(amount, journal.any_of(terms) if terms else None)


def aging_rows(report: Report) -> tuple[list[AgingRow], AgingRow]:
    """Xero's aged receivables: open money by days past due, per client, and the totals.

    The amounts are the ranking's (SPEC section 7); each links to the journal of
    the open invoices it sums.
    """
    listed = {c.client for c in report.clients}
    by_bucket: dict[str, list[list[Invoice]]] = {
        client: [[] for _ in AGING_BUCKETS] for client in listed
    }
    for inv in report.invoices:
        if inv.client in listed and inv.days_overdue is not None and inv.rate is not None:
            by_bucket[inv.client][aging_bucket(inv.days_overdue)].append(inv)
    rows = []
    for c in report.clients:
        if not c.open:
            continue
        groups = by_bucket[c.client]
        cells = tuple(_cell(amount, groups[i]) for i, amount in enumerate(c.aging))
        every = [inv for group in groups for inv in group]
        rows.append(AgingRow(c.client, c.name, cells, _cell(sum(c.aging, ZERO), every)))
    every_cell = []
    for index in range(len(AGING_BUCKETS)):
        invoices = [inv for c in report.clients for inv in by_bucket[c.client][index]]
        amount = sum((row.cells[index].amount for row in rows), ZERO)
        every_cell.append(_cell(amount, invoices))
    everything = [inv for c in report.clients for group in by_bucket[c.client] for inv in group]
    overall = sum((row.total.amount for row in rows), ZERO)
    return rows, AgingRow("", _("Total"), tuple(every_cell), _cell(overall, everything))
