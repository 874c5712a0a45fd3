"""Shares, the two rankings, the bottom clients and every signal with its message."""

from __future__ import annotations

import decimal
import math
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

from beancount.core import data

from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.currency import EXACT, round_half_up, whole_percent
from beancount_plugins.clienthealth.dunning import follow_up
from beancount_plugins.clienthealth.model import ClientFigures, Invoice, Signal


def with_shares(clients: list[ClientFigures]) -> list[ClientFigures]:
    """Set each client's share of all clients' invoiced net amount and hours.

    Revenue is net of sales tax (SPEC section 10): a client's tax rate does not
    make it a larger share.
    """
    with decimal.localcontext(EXACT):  # so that no share exceeds 1, however large
        invoiced = sum((c.invoiced_net for c in clients), Decimal(0))
        hours = sum((c.hours for c in clients), Decimal(0))
    return [
        c._replace(
            revenue_share=c.invoiced_net / invoiced if invoiced else None,
            time_share=c.hours / hours if hours else None,
        )
        for c in clients
    ]


def by_risk(clients: Iterable[ClientFigures]) -> list[ClientFigures]:
    """Payment score ascending (none last), then overdue descending, then id."""
    return sorted(
        clients,
        key=lambda c: (
            c.payment_score is None,
            c.payment_score or 0,
            -c.overdue,
            c.client,
        ),
    )


def by_yield(clients: Iterable[ClientFigures]) -> list[ClientFigures]:
    """Yield per hour ascending (none last), then id."""
    return sorted(
        clients,
        key=lambda c: (
            c.yield_per_hour is None,
            c.yield_per_hour or Decimal(0),
            c.client,
        ),
    )


def bottom(clients: Iterable[ClientFigures], share: Decimal) -> set[str]:
    """The floor(n x share) clients of the n with hours that yield least."""
    with_hours = [c for c in by_yield(clients) if c.yield_per_hour is not None]
    return {c.client for c in with_hours[: math.floor(len(with_hours) * share)]}


def _hours(hours: Decimal) -> str:
    return f"{hours.normalize():f}"


def _money(number: Decimal, currency: str, places: Callable[[str], int]) -> str:
    # With the digits the ledger writes for the currency (90000 JPY, 1200.125
    # KWD), half up as every figure: a format such as :.2f rounds half even.
    return f"{round_half_up(number, places(currency)):f} {currency}"


def invoice_signals(
    invoices: Iterable[Invoice],
    names: Mapping[str, str],
    config: Config,
    places: Callable[[str], int],
) -> list[Signal]:
    """`overdue` and `dispute` signals of open invoices; `overdue` says the next step.

    `places` gives the fractional digits to print for a currency.
    """
    signals = []
    for inv in invoices:
        who = f"invoice {inv.invoice} ({names.get(inv.client, inv.client)})"
        if inv.days_overdue is not None and inv.days_overdue > config.overdue_grace_days:
            signals.append(
                Signal(
                    "overdue",
                    inv.client,
                    inv.invoice,
                    f"{who} is {inv.days_overdue} day{'s' * (inv.days_overdue != 1)} overdue, "
                    f"{_money(inv.open, inv.currency, places)} open: "
                    f"{follow_up(inv, config.dunning)}",
                    inv.entry,
                )
            )
        if inv.open_disputed > 0:
            signals.append(
                Signal(
                    "dispute",
                    inv.client,
                    inv.invoice,
                    f"{who} has {_money(inv.open_disputed, inv.currency, places)} in open dispute "
                    f"({inv.disputes} dispute{'s' * (inv.disputes != 1)})",
                    inv.entry,
                )
            )
    return signals


def client_signals(
    c: ClientFigures,
    config: Config,
    currency: str,
    places: Callable[[str], int],
    bottom_clients: set[str],
    entry: data.Directive,
) -> list[Signal]:
    """Client-level signals: slow-payer, low-yield, unbilled, concentration, bottom.

    Money is in the reporting `currency`; `places` gives the digits to print.
    """
    who = f"client {c.client} ({c.name})"
    found: list[tuple[str, str]] = []
    if c.payment_score is not None and c.payment_score < config.min_payment_score:
        beyond = c.days_beyond_terms
        how = (
            "nothing paid, only credited"
            if beyond is None
            else f"{round_half_up(beyond, 0)} days beyond terms on average"
        )
        found.append(
            (
                "slow-payer",
                f"{who} has a payment score of {c.payment_score} "
                f"(below {config.min_payment_score}), {how}",
            )
        )
    rate = config.min_rate
    if (
        rate is not None
        and rate.number is not None
        and c.yield_per_hour is not None
        and c.yield_per_hour < rate.number
    ):
        found.append(
            (
                "low-yield",
                f"{who} yields {_money(c.yield_per_hour, currency, places)} per hour "
                f"over {_hours(c.hours)} hours (below {rate})",
            )
        )
    if (
        c.unbilled_share is not None
        and c.hours >= 8
        and c.unbilled_share > config.max_unbilled_share
    ):
        found.append(
            (
                "unbilled",
                f"{who} took {_hours(c.unbilled_hours)} unbilled hours of {_hours(c.hours)} "
                f"({whole_percent(c.unbilled_share)}, "
                f"above {whole_percent(config.max_unbilled_share)})",
            )
        )
    if c.revenue_share is not None and c.revenue_share > config.max_revenue_share:
        found.append(
            (
                "concentration",
                f"{who} is {whole_percent(c.revenue_share)} of the invoiced revenue "
                f"(above {whole_percent(config.max_revenue_share)})",
            )
        )
    if c.client in bottom_clients and c.yield_per_hour is not None:
        found.append(
            (
                "bottom",
                f"{who} is in the bottom {whole_percent(config.bottom_share)} by yield per hour "
                f"({_money(c.yield_per_hour, currency, places)})",
            )
        )
    return [Signal(kind, c.client, None, text, entry) for kind, text in found]
