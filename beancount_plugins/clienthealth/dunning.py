"""Collections (SPEC section 15): dunning steps, expected payment dates, the chase list, DSO."""

from __future__ import annotations

import datetime
import decimal
from collections import defaultdict
from collections.abc import Container, Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from beancount_plugins.clienthealth.currency import EXACT, Converter, round_half_up
from beancount_plugins.clienthealth.model import ZERO, Invoice, Portfolio, add_days


class Step(NamedTuple):
    """A dunning level's action: its JSON key, what to do, and what it is called."""

    key: str
    words: str
    name: str


#: Level k (1-based) -> its step. The one table the message, the CLI and the tab use.
STEPS = (
    Step("first-reminder", "send the first reminder", "first reminder"),
    Step("second-reminder", "send the second reminder", "second reminder"),
    Step("final-notice", "send the final notice", "final notice"),
)
STEP_BY_KEY = {step.key: step for step in STEPS}


def level(days_overdue: int, dunning: Sequence[int]) -> int:
    """The dunning level reached: how many steps the days past due are beyond."""
    return sum(1 for days in dunning if days_overdue > days)


def next_step(reached: int, reminders: int) -> str | None:
    """The key of the step owed: the level's, while fewer reminders than the level went out."""
    return STEPS[reached - 1].key if reached and reminders < reached else None


def step_words(key: str | None) -> str:
    """What to do, as words ("send the second reminder"), or "" when nothing is owed."""
    return STEP_BY_KEY[key].words if key in STEP_BY_KEY else ""


def reminders_text(invoice: Invoice) -> str:
    """How many reminders went out and the last one's date, or that none did."""
    count, last = invoice.reminders, invoice.last_reminder
    if not count or last is None:
        return "no reminder sent yet"
    if count == 1:
        return f"1 reminder, on {last}"
    return f"{count} reminders, the last on {last}"


def follow_up(invoice: Invoice, dunning: Sequence[int]) -> str:
    """The end of the `overdue` message: the next step, or why there is none."""
    if invoice.next_step is not None:
        return f"{step_words(invoice.next_step)} ({reminders_text(invoice)})"
    if invoice.reminders:
        return f"reminders up to date ({reminders_text(invoice)})"
    return f"the first reminder is due after {dunning[0]} days overdue"


def payment_delays(
    invoices: Iterable[Invoice], clients: Container[str] | None = None
) -> dict[str, Decimal]:
    """Per client, the amount-weighted mean days beyond terms of all its paid pieces.

    Weighted as `days_beyond_terms` is, by the amounts in the reporting
    currency; amounts with no price are left out. `clients`: only theirs (None: all).
    """
    weights: dict[str, Decimal] = defaultdict(Decimal)
    days: dict[str, Decimal] = defaultdict(Decimal)
    with decimal.localcontext(EXACT):
        for invoice in invoices:  # hot: once per invoice
            rate, client, due = invoice.rate, invoice.client, invoice.due
            if rate is None or (clients is not None and client not in clients):
                continue
            for date, number, paid in invoice.pieces:  # unpacked, with no attribute lookup
                if paid:
                    amount = number * rate
                    weights[client] += amount
                    days[client] += amount * (date - due).days
    return {client: days[client] / weight for client, weight in weights.items() if weight}


def expected_on(due: datetime.date, delay: Decimal | None) -> datetime.date:
    """The due date plus the client's habit, rounded half up to whole days."""
    if delay is None:
        return due
    return add_days(due, int(round_half_up(delay, 0)))


def expected_late(invoice: Invoice, as_of: datetime.date) -> bool:
    """Whether the money was expected before A: the forecast's "late", the chase list's mark."""
    return invoice.expected_on is not None and invoice.expected_on < as_of


def collect(invoices: Sequence[Invoice], dunning: Sequence[int]) -> list[Invoice]:
    """Set the dunning level, the step owed and the expected date of every open invoice."""
    result = list(invoices)
    # Few invoices are open: only their clients' habits are needed.
    owed = [i for i, inv in enumerate(result) if inv.days_overdue is not None and inv.open > ZERO]
    if not owed:
        return result
    delays = payment_delays(invoices, {result[i].client for i in owed})
    for i in owed:
        inv = result[i]
        reached = level(inv.days_overdue or 0, dunning)
        result[i] = inv._replace(
            dunning_level=reached,
            next_step=next_step(reached, inv.reminders),
            expected_on=expected_on(inv.due, delays.get(inv.client)),
        )
    return result


def _worth(invoice: Invoice, number: Decimal) -> Decimal:
    """An invoice amount in the reporting currency, for ordering (as is without a price)."""
    return number * invoice.rate if invoice.rate is not None else number


def chase_list(invoices: Iterable[Invoice]) -> tuple[Invoice, ...]:
    """Open invoices past due: those with a step owed first, then the most days overdue.

    Ties: the larger open amount first, then the invoice id.
    """
    past_due = [inv for inv in invoices if inv.open > 0 and (inv.days_overdue or 0) > 0]
    return tuple(
        sorted(
            past_due,
            key=lambda inv: (
                inv.next_step is None,
                -(inv.days_overdue or 0),
                -_worth(inv, inv.open),
                inv.invoice_id,
                inv.currency,
            ),
        )
    )


def written_off(invoices: Iterable[Invoice], converter: Converter) -> Decimal:
    """The credited amount of the invoices whose status is `written-off`."""
    with decimal.localcontext(EXACT):
        total = sum(
            (
                converter.money(inv.credited * inv.rate)
                for inv in invoices
                if inv.status == "written-off" and inv.rate is not None
            ),
            ZERO,
        )
    return converter.money(total)  # 0.00 when nothing was written off


def _ratio(part: Decimal, whole: Decimal, scale: Decimal) -> Decimal | None:
    return part / whole * scale if whole else None


def portfolio(
    invoices: Sequence[Invoice],
    start: datetime.date | None,
    as_of: datetime.date,
    converter: Converter,
) -> Portfolio:
    """DSO, best possible DSO, ADD and CEI over the window (all dates: since the first invoice)."""
    if start is None:
        start = min((inv.date for inv in invoices), default=as_of)
    days = (as_of - start).days + 1
    money = converter.money
    # hot: once per invoice; quantize is called in C, without money()'s Python frame.
    quantize, quantum = EXACT.quantize, converter.quantum
    r = r0 = s = rc = ZERO
    with decimal.localcontext(EXACT):
        for inv in invoices:
            rate = inv.rate
            if rate is None:
                continue
            if inv.open > ZERO:
                open_amount = quantize(inv.open * rate, quantum)
                r += open_amount
                if not inv.days_overdue:
                    rc += open_amount
            if inv.date < start:
                # What was open of it at the start of the window; most invoices
                # before it were settled by then and add nothing.
                open_at = inv.amount
                for date, amount, _ in inv.pieces:
                    if date < start:
                        open_at -= amount
                if open_at:
                    r0 += quantize(open_at * rate, quantum)
            else:
                s += quantize(inv.amount * rate, quantum)
    r, r0, s, rc = (money(total) for total in (r, r0, s, rc))  # 0.00, not 0
    width = Decimal(days)
    dso = _ratio(r, s, width)
    best = _ratio(rc, s, width)
    return Portfolio(
        days=days,
        open=r,
        open_at_start=r0,
        invoiced=s,
        current=rc,
        dso=dso,
        best_dso=best,
        add=dso - best if dso is not None and best is not None else None,
        cei=_ratio(r0 + s - r, r0 + s - rc, Decimal(100)),
    )
