"""Properties of the figures on generated ledgers: they always add up.

Per invoice, amount = paid + credited + open and the plugin writes those
figures on its receivable posting; per client, the aging buckets add up to the
open amount and every sum is the sum of its covered invoices in the reporting
currency (per_invoice.converted); the payment score lies in 0..100.
"""

from __future__ import annotations

import contextlib
import dataclasses
import decimal
import re
from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal

from beancount import loader
from beancount.core import data, prices
from beancount.core.amount import Amount
from hypothesis import event, given

from beancount_plugins.clienthealth import clienthealth
from beancount_plugins.clienthealth import config as config_module
from beancount_plugins.clienthealth.currency import EXACT, Converter
from beancount_plugins.clienthealth.engine import analyse
from beancount_plugins.clienthealth.model import STATUSES, ZERO, Invoice, Report
from beancount_plugins.clienthealth.per_invoice import Converted, converted
from tests.ledger_strategies import ledgers
from tests.strategies import budget

#: Client sums that are the sums of the invoices' converted parts.
SUMS = {
    "invoiced": "amount",
    "paid": "paid",
    "credited": "credited",
    "open": "open",
    "disputed": "disputed",
    "open_disputed": "open_disputed",
    "conceded": "conceded",
}


def check_invoice(inv: Invoice) -> None:
    """One invoice's figures are consistent with each other."""
    assert inv.amount > 0
    assert inv.paid >= 0 and inv.credited >= 0 and inv.open >= 0, inv
    assert inv.amount == inv.paid + inv.credited + inv.open, inv
    assert sum((piece.amount for piece in inv.pieces), ZERO) == inv.paid + inv.credited
    assert all(piece.amount > 0 for piece in inv.pieces)
    assert (inv.settled_on is None) == (inv.open > 0), inv
    assert (inv.days_overdue is None) == (inv.settled_on is not None)
    assert inv.days_overdue is None or inv.days_overdue >= 0
    assert inv.days_late is None or inv.days_late >= 0
    assert inv.days_to_pay is None or inv.paid > 0
    assert 0 <= inv.open_disputed <= inv.open
    assert 0 <= inv.disputed <= inv.amount
    assert 0 <= inv.conceded <= min(inv.disputed, inv.credited)
    assert 0 <= inv.net <= inv.amount, inv  # net of sales tax (section 10)
    assert inv.status in STATUSES
    assert (inv.status in ("paid", "written-off")) == (inv.open == 0)


def units(posting: data.Posting) -> Amount:
    """A booked posting's units, which Beancount has filled in."""
    assert posting.units is not None, posting
    return posting.units


def check_annotation(inv: Invoice, annotated: Mapping[int, data.Directive]) -> None:
    """The plugin wrote the invoice's paid and open amounts on its posting."""
    entry = annotated[id(inv.entry)]
    assert isinstance(entry, data.Transaction), entry
    written = [
        p.meta
        for p in entry.postings
        if p.meta and "invoice_open" in p.meta and units(p).currency == inv.currency
    ]
    assert len(written) == 1, written
    assert written[0]["invoice_open"] == Amount(inv.open, inv.currency)
    assert written[0]["invoice_paid"] == Amount(inv.paid, inv.currency)


def check_clients(report: Report, converter: Converter) -> None:
    """Client sums are the sums of their covered invoices, converted, exactly."""
    with decimal.localcontext(EXACT):
        _check_clients(report, converter)


def _check_clients(report: Report, converter: Converter) -> None:
    start = report.window_start
    expected: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for inv in report.invoices:
        covered = start is None or inv.date >= start or inv.open > 0
        if not covered or inv.rate is None:
            continue
        parts = converted(inv, converter)
        assert all(getattr(parts, field) >= 0 for field in Converted._fields), parts
        assert parts.amount == parts.paid + parts.credited + parts.open, parts
        sums = expected[inv.client]
        for figure, part in SUMS.items():
            sums[figure] += getattr(parts, part)
        if inv.days_overdue:
            sums["overdue"] += parts.open
    clients = {c.client: c for c in report.clients}
    assert len(clients) == len(report.clients)
    assert set(expected) <= set(clients), set(expected) - set(clients)
    for client in report.clients:
        sums = expected[client.client]
        for figure in (*SUMS, "overdue"):
            assert getattr(client, figure) == sums[figure], (client.client, figure)
        assert client.invoiced == client.paid + client.credited + client.open
        assert sum(client.aging, ZERO) == client.open, client
        assert client.overdue == client.open - client.aging.current
        assert client.payment_score is None or 0 <= client.payment_score <= 100
        assert client.hours == client.billed_hours + client.unbilled_hours
        assert 0 <= client.invoiced_net <= client.invoiced, client
        assert 0 <= client.paid_net <= client.paid, client
        assert client.hours >= 0 and client.credit >= 0
        for share in (client.unbilled_share, client.revenue_share, client.time_share):
            assert share is None or 0 <= share <= 1


@budget(600)
@given(ledgers())
def test_invoice_and_client_figures_add_up(ledger: tuple[str, str]) -> None:
    text, config = ledger
    entries, _, options_map = loader.load_string(text)
    settings, problem = config_module.parse(config)
    assert problem is None

    report = analyse(entries, options_map, settings)
    out, _ = clienthealth(entries, options_map, config)

    annotated = {id(old): new for old, new in zip(entries, out, strict=True)}
    for inv in report.invoices:
        check_invoice(inv)
        check_annotation(inv, annotated)
    converter = Converter(
        prices.build_price_map(entries),  # type: ignore[no-untyped-call]  # beancount's is untyped
        report.currency,
        report.places,  # the digits the engine chose (docs/decisions.md, Money)
    )
    check_clients(report, converter)
    describe(report)


#: What bills earlier time entries: `billed_hours:` and negative hours-commodity postings.
_BILLING = re.compile(r"^  (billed_hours: |Assets:Billable  -)(\S+)", re.MULTILINE)


def _hours_billed(text: str) -> Decimal:
    """All the hours a ledger's invoices could bill, whether valid or not."""
    total = ZERO
    for _, value in _BILLING.findall(text):
        with contextlib.suppress(decimal.InvalidOperation):
            number = Decimal(value)
            total += number if number.is_finite() and number > 0 else ZERO
    return total


def _totals(report: Report) -> tuple[Decimal, Decimal]:
    with decimal.localcontext(EXACT):
        hours = sum((c.hours for c in report.clients), ZERO)
        return hours, sum((c.unbilled_hours for c in report.clients), ZERO)


@budget(200)
@given(ledgers())
def test_billing_earlier_hours_never_counts_them_twice(ledger: tuple[str, str]) -> None:
    """Billing earlier time entries moves their hours from unbilled to billed.

    Against the same ledger without anything that bills earlier entries, the
    hours grow only by what is billed beyond the unbilled hours (at most all
    that is billed), and the unbilled hours only shrink.
    """
    text, config = ledger
    settings = dataclasses.replace(config_module.parse(config)[0], window_days=0)
    plain_text = _BILLING.sub("  ; nothing billed here", text)
    billed = analyse(*_loaded(text), settings)
    plain = analyse(*_loaded(plain_text), settings)
    (hours, unbilled), (plain_hours, plain_unbilled) = _totals(billed), _totals(plain)
    assert plain_hours <= hours <= plain_hours + _hours_billed(text)
    assert unbilled <= plain_unbilled
    if hours != plain_hours or unbilled != plain_unbilled:
        event("bills earlier hours")


def _loaded(text: str) -> tuple[list[data.Directive], data.Meta]:
    entries, _, options_map = loader.load_string(text)
    return entries, options_map


def describe(report: Report) -> None:
    """What the example held (`pytest --hypothesis-show-statistics`)."""
    invoices = report.invoices
    event(f"invoices: {min(len(invoices), 5)}{'+' if len(invoices) >= 5 else ''}")
    for status in {inv.status for inv in invoices}:
        event(f"has a {status} invoice")
    if any(inv.credited for inv in invoices):
        event("has a credited invoice")
    if any(inv.currency != report.currency and inv.rate for inv in invoices):
        event("has a converted invoice")
    if any(inv.rate is None for inv in invoices):
        event("has an invoice without a price")
    if any(c.credit for c in report.clients):
        event("has a client credit")
    if any(c.payment_score is not None for c in report.clients):
        event("has a payment score")
