"""Every client figure over the window, from its invoices, hours and costs."""

from __future__ import annotations

import datetime
import decimal
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from operator import add
from typing import NamedTuple

from beancount_plugins.clienthealth.currency import EXACT, Converter
from beancount_plugins.clienthealth.model import AGING_BUCKETS, ZERO, Aging, ClientFigures, Invoice
from beancount_plugins.clienthealth.per_invoice import Converted, converted
from beancount_plugins.clienthealth.receivables import SettlementResult
from beancount_plugins.clienthealth.records import ClientInfo
from beancount_plugins.clienthealth.scoring import aging_bucket, mean_score, scaled_score


class _Means:
    """Amount-weighted means of days to pay, days beyond terms and the score."""

    def __init__(self) -> None:
        self.paid = self.to_pay = ZERO
        self.beyond_weight = self.beyond = ZERO
        #: score sums times SCALE: whole numbers, exact (see scoring.SCALE)
        self.score_weight = self.score = ZERO

    def add(self, invoice: Invoice, rate: Decimal, as_of: datetime.date) -> None:
        due = invoice.due
        for date, number, paid in invoice.pieces:  # hot: unpacked, with no attribute lookup
            amount = number * rate
            if paid:
                beyond = (date - due).days
                self.paid += amount
                self.to_pay += amount * (date - invoice.date).days
                self.beyond_weight += amount
                self.beyond += amount * beyond
                self.score += amount * scaled_score(beyond)
            self.score_weight += amount
        if invoice.open > ZERO and as_of > due:
            amount = invoice.open * rate
            beyond = (as_of - due).days
            self.beyond_weight += amount
            self.beyond += amount * beyond
            self.score_weight += amount
            self.score += amount * scaled_score(beyond)

    def result(self) -> tuple[Decimal | None, Decimal | None, int | None]:
        return (
            self.to_pay / self.paid if self.paid else None,
            self.beyond / self.beyond_weight if self.beyond_weight else None,
            mean_score(self.score, self.score_weight) if self.score_weight else None,
        )


def display_name(client: str, info: ClientInfo | None, payees: Counter[str]) -> str:
    """The `custom "client"` name, else the payee of most of its invoices, else its id."""
    if info is not None and info.name:
        return info.name
    if payees:
        return payees.most_common(1)[0][0]
    return client


class Hours(NamedTuple):
    """A client's hours in the window, by billing and by kind (SPEC sections 6 and 12)."""

    billed: Decimal = ZERO
    unbilled: Decimal = ZERO
    rework: Decimal = ZERO
    meeting: Decimal = ZERO
    #: Unbilled, dated before the client's first invoice up to A (all, while it has none).
    presale: Decimal = ZERO


def _hours(
    settled: SettlementResult,
    client: str,
    start: datetime.date | None,
    first_invoice: datetime.date | None,
) -> Hours:
    billed = unbilled = rework = meeting = presale = ZERO
    # hot: once per piece of work; unpacked, as a Work's attributes cost a Python lookup each.
    for date, hours, is_billed, is_rework, is_meeting, _ in settled.work.get(client, ()):
        if start is None or date >= start:
            if is_billed:
                billed += hours
            else:
                unbilled += hours
                # Work an invoice bills was not free, whenever it was done: time
                # kept through the first month and billed at its end is no presale.
                if first_invoice is None or date < first_invoice:
                    presale += hours
            # A transaction tagged both is rework and a meeting: each counts it.
            if is_rework:
                rework += hours
            if is_meeting:
                meeting += hours
    return Hours(billed, unbilled, rework, meeting, presale)


def _costs(
    settled: SettlementResult, client: str, start: datetime.date | None, converter: Converter
) -> Decimal:
    costs = ZERO
    for cost in settled.costs.get(client, ()):
        if (start is None or cost.date >= start) and cost.amount.number is not None:
            rate = converter.rate(cost.amount.currency, cost.date, cost.entry, client)
            if rate is not None:
                costs += converter.money(cost.amount.number * rate)
    return costs


def _credit(settled: SettlementResult, client: str, converter: Converter) -> Decimal:
    """Money paid in advance and not applied yet; a surplus credit note is no payment.

    Money paid for an invoice dated after A (by its `invoice:`) is credit too.
    """
    held = [pair for by_id in settled.ahead.get(client, {}).values() for pair in by_id.items()]
    credit = ZERO
    for currency, lots in [*settled.credits.get(client, {}).items(), *held]:
        for lot in lots:
            if not lot.paid:
                continue
            rate = converter.rate(currency, lot.date, settled.last_entry[client], client)
            if rate is not None:
                credit += converter.money(lot.amount * rate)
    return credit


def _invoice_sums(
    invoices: Iterable[Invoice], as_of: datetime.date, converter: Converter
) -> tuple[dict[str, Decimal] | None, list[Decimal], _Means, dict[str, tuple[int, int]]]:
    """Sums of the converted parts (None: no invoice has a price), aging, means, events."""
    sums: list[Decimal] = [ZERO] * len(Converted._fields)
    overdue = ZERO
    priced = False
    aging = [ZERO] * len(AGING_BUCKETS)
    means = _Means()
    #: invoice id -> (disputes, reminders): an invoice in two currencies is one
    #: document, and a reminder of it is one reminder, not one per currency.
    events: dict[str, tuple[int, int]] = {}
    for invoice in invoices:
        if invoice.rate is None:
            continue
        priced = True
        conv = converted(invoice, converter)
        sums = list(map(add, sums, conv))  # hot: in C, with no comprehension's frame
        if invoice.days_overdue is not None:
            aging[aging_bucket(invoice.days_overdue)] += conv.open
            if invoice.days_overdue > 0:
                overdue += conv.open
        means.add(invoice, invoice.rate, as_of)
        seen = events.get(invoice.invoice_id, (0, 0))
        events[invoice.invoice_id] = (
            max(seen[0], invoice.disputes),
            max(seen[1], invoice.reminders),
        )
    totals = dict(zip(Converted._fields, sums, strict=True))
    totals["overdue"] = overdue
    return (totals if priced else None), aging, means, events


def yield_pending(invoices: Sequence[Invoice], as_of: datetime.date) -> bool:
    """Whether every invoice of the window is still open and not yet due at A.

    Then nothing the client owes for the window's work is due: a yield per
    hour of 0.00 would be a problem the window invents (June's work is paid
    in July), so the yield is not known yet (docs/SPEC.md section 16).
    """
    return bool(invoices) and all(inv.open > 0 and as_of <= inv.due for inv in invoices)


def client_figures(
    client: str,
    name: str,
    invoices: Iterable[Invoice],
    settled: SettlementResult,
    window: tuple[datetime.date | None, datetime.date],
    converter: Converter,
    first_invoice: datetime.date | None,
) -> ClientFigures | None:
    """A client's figures over its covered invoices, hours and costs (section 7).

    `first_invoice`: the date of the client's first invoice up to A, if any.
    """
    start, as_of = window
    invoices = list(invoices)
    pending = yield_pending(invoices, as_of)
    # Money is summed exactly, however large: a default context rounds to 28
    # digits and invoiced would drift from paid + credited + open.
    with decimal.localcontext(EXACT):
        sums, aging, means, events = _invoice_sums(invoices, as_of, converter)
        kinds = _hours(settled, client, start, first_invoice)
        billed, unbilled = kinds.billed, kinds.unbilled
        costs = _costs(settled, client, start, converter)
        credit = _credit(settled, client, converter)
        hours = billed + unbilled
    if not (sums or hours or costs or credit):
        return None
    totals = sums or dict.fromkeys((*Converted._fields, "overdue"), ZERO)
    disputes = sum(count for count, _ in events.values())
    reminders = sum(count for _, count in events.values())
    avg_days, beyond, score = means.result()
    # Quantize again so that sums that stayed zero print as 0.00, like the others.
    for key in (*Converted._fields, "overdue"):
        totals[key] = converter.money(totals[key])
    costs, credit = converter.money(costs), converter.money(credit)
    aging = [converter.money(value) for value in aging]
    invoiced = totals["amount"]
    return ClientFigures(
        client=client,
        name=name,
        invoiced=invoiced,
        invoiced_net=totals["net"],
        paid=totals["paid"],
        paid_net=totals["paid_net"],
        credited=totals["credited"],
        open=totals["open"],
        overdue=totals["overdue"],
        credit=credit,
        aging=Aging(*aging),
        avg_days_to_pay=avg_days,
        days_beyond_terms=beyond,
        payment_score=score,
        disputed=totals["disputed"],
        open_disputed=totals["open_disputed"],
        conceded=totals["conceded"],
        dispute_rate=totals["disputed"] / invoiced if invoiced else None,
        disputes=disputes,
        reminders=reminders,
        hours=hours,
        billed_hours=billed,
        unbilled_hours=unbilled,
        unbilled_share=unbilled / hours if hours else None,
        costs=costs,
        yield_per_hour=(
            EXACT.subtract(totals["paid_net"], costs) / hours if hours and not pending else None
        ),
        revenue_share=None,
        time_share=None,
        signals=(),
        yield_pending=bool(hours) and pending,
        rework_hours=kinds.rework,
        rework_share=kinds.rework / hours if hours else None,
        meeting_hours=kinds.meeting,
        meeting_share=kinds.meeting / hours if hours else None,
        presale_hours=kinds.presale,
    )
