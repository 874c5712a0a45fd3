"""Shares, the two rankings, the bottom clients and every signal with its message."""

from __future__ import annotations

import decimal
import math
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import NamedTuple

from beancount.core import data
from beancount.core.amount import Amount

from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.currency import (
    EXACT,
    percents_above,
    round_half_up,
    whole_percent,
)
from beancount_plugins.clienthealth.dunning import follow_up
from beancount_plugins.clienthealth.model import ZERO, ClientFigures, Invoice, Signal
from beancount_plugins.clienthealth.text import cut, written
from beancount_plugins.clienthealth.text import number as number_text
from beancount_plugins.clienthealth.thresholds import (
    and_more,
    below_min_rate,
    below_min_score,
    low_yield_time_above,
    min_rate_number,
    most_hours_first,
    presale_above,
    revenue_share_above,
    rework_above,
    unbilled_above,
)


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


def hours_text(hours: Decimal) -> str:
    """Hours as a message prints them: `12.5`."""
    return f"{hours.normalize():f}"


def money_text(number: Decimal, currency: str, places: Callable[[str], int]) -> str:
    """An amount as a message prints it: `1200.00 EUR`."""
    # With the digits the ledger writes for the currency (90000 JPY, 1200.125
    # KWD), half up as every figure: a format such as :.2f rounds half even.
    return f"{number_text(round_half_up(number, places(currency)))} {currency}"


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
    grace = config.overdue_grace_days
    for inv in invoices:  # hot: once per invoice; few have a signal
        days = inv.days_overdue
        overdue = days if days is not None and days > grace else None
        disputed = inv.open_disputed > ZERO
        if overdue is None and not disputed:
            continue
        who = f"invoice {cut(inv.invoice_id)} ({cut(names.get(inv.client, inv.client))})"
        if overdue is not None:
            signals.append(
                Signal(
                    "overdue",
                    inv.client,
                    inv.invoice_id,
                    f"{who} is {overdue} day{'s' * (overdue != 1)} overdue, "
                    f"{money_text(inv.open, inv.currency, places)} open: "
                    f"{follow_up(inv, config.dunning)}",
                    inv.entry,
                )
            )
        if disputed:
            signals.append(
                Signal(
                    "dispute",
                    inv.client,
                    inv.invoice_id,
                    f"{who} has {money_text(inv.open_disputed, inv.currency, places)} "
                    "in open dispute "
                    f"({inv.disputes} dispute{'s' * (inv.disputes != 1)})",
                    inv.entry,
                )
            )
    return signals


def min_rate_text(compared: Amount | None, asked: Amount | None) -> str:
    """`min_rate` as a message prints it: as compared, and as the config wrote it if not so.

    `85.00 EUR = 100 USD`: the config's other currency, converted at A's price.
    """
    if compared is None:
        return ""
    if asked is None or asked.currency == compared.currency:
        return written(compared)
    return f"{written(compared)} = {written(asked)}"


def client_signals(
    c: ClientFigures,
    config: Config,
    currency: str,
    places: Callable[[str], int],
    bottom_clients: set[str],
    entry: data.Directive,
    rate_text: str = "",
) -> list[Signal]:
    """Client-level signals: payment, yield, share and kinds of work (sections 7, 12).

    Money is in the reporting `currency`; `places` gives the digits to print;
    `rate_text` is min_rate_text's (else config.min_rate as written).
    """
    who = f"client {cut(c.client)} ({cut(c.name)})"
    found: list[tuple[str, str]] = []
    # Each test is thresholds.py's; an `is not None` after one tells mypy the figure is set.
    if below_min_score(c.payment_score, config.min_payment_score):
        beyond = c.days_beyond_terms
        how = (
            "nothing paid, only credited"
            if beyond is None
            else f"{round_half_up(beyond, 0)} days beyond terms on average"
        )
        if beyond is not None and c.credited > 0:
            # Else a low score beside days paid on time reads as a contradiction.
            how += (
                f", and {money_text(c.credited, currency, places)} credited "
                f"(credit notes, write-offs), which scores 0"
            )
        found.append(
            (
                "slow-payer",
                f"{who} has a payment score of {c.payment_score} "
                f"(below {number_text(config.min_payment_score)}), {how}",
            )
        )
    if (
        below_min_rate(c.yield_per_hour, min_rate_number(config.min_rate))
        and c.yield_per_hour is not None
    ):
        found.append(
            (
                "low-yield",
                f"{who} yields {money_text(c.yield_per_hour, currency, places)} per hour "
                f"over {hours_text(c.hours)} hours (below {rate_text or written(config.min_rate)})",
            )
        )
    if unbilled_above(c, config) and c.unbilled_share is not None:
        share, limit = percents_above(c.unbilled_share, config.max_unbilled_share)
        found.append(
            (
                "unbilled",
                f"{who} took {hours_text(c.unbilled_hours)} unbilled hours of "
                f"{hours_text(c.hours)} ({share}, above {limit})",
            )
        )
    if revenue_share_above(c, config) and c.revenue_share is not None:
        share, limit = percents_above(c.revenue_share, config.max_revenue_share)
        found.append(
            (
                "concentration",
                f"{who} is {share} of the invoiced revenue (above {limit})",
            )
        )
    if c.client in bottom_clients and c.yield_per_hour is not None:
        found.append(
            (
                "bottom",
                f"{who} is in the bottom {whole_percent(config.bottom_share)} by yield per hour "
                f"({money_text(c.yield_per_hour, currency, places)})",
            )
        )
    found.extend(_kind_signals(c, who, config))
    return [Signal(kind, c.client, None, text, entry) for kind, text in found]


def _kind_signals(c: ClientFigures, who: str, config: Config) -> list[tuple[str, str]]:
    """`rework` and `free-work` (SPEC section 12), each with what to do about it."""
    found = []
    if rework_above(c, config) and c.rework_share is not None:
        share, limit = percents_above(c.rework_share, config.max_rework_share)
        found.append(
            (
                "rework",
                f"{who} had {hours_text(c.rework_hours)} hours of rework of "
                f"{hours_text(c.hours)} ({share}, above {limit}): have each decision signed off "
                "and bill changes to approved work as a change request",
            )
        )
    if presale_above(c, config):
        found.append(
            (
                "free-work",
                f"{who} took {hours_text(c.presale_hours)} unbilled hours before its first invoice "
                f"(above {hours_text(config.max_presale_hours)}): ask for a signed contract "
                "or a paid discovery phase before more meetings or samples",
            )
        )
    return found


class LowYieldTime(NamedTuple):
    """The share of all clients' hours that the clients below `min_rate` take (SPEC 14)."""

    #: None when `min_rate` is unset (or has no price) or no client has hours.
    share: Decimal | None
    #: Most hours first, ties by name: the message names the first few.
    clients: tuple[str, ...]
    hours: Decimal


def low_yield_time(clients: Iterable[ClientFigures], rate: Amount | None) -> LowYieldTime:
    """Sum the hours of the clients below `min_rate`, over every client's hours."""
    listed, floor = list(clients), min_rate_number(rate)
    with decimal.localcontext(EXACT):
        total = sum((c.hours for c in listed), Decimal(0))
        low = sorted(
            (c for c in listed if below_min_rate(c.yield_per_hour, floor)), key=most_hours_first
        )
        hours = sum((c.hours for c in low), Decimal(0))
    if floor is None or not total:
        return LowYieldTime(None, (), hours)
    return LowYieldTime(hours / total, tuple(c.client for c in low), hours)


def low_yield_time_signal(
    found: LowYieldTime,
    names: Mapping[str, str],
    config: Config,
    entry: data.Directive | None,
    rate_text: str = "",
) -> list[Signal]:
    """`low-yield-time` when the clients below `min_rate` take more than the share allowed.

    `entry`: the latest invoice among them (else their latest transaction). It names
    those that take the most hours and counts the rest, so that it stays one readable line.
    """
    limit, share = config.max_low_yield_time_share, found.share
    if share is None or not low_yield_time_above(share, config):
        return []
    if entry is None or not found.clients:
        return []
    who = and_more([f"{client} ({names.get(client, client)})" for client in found.clients])
    return [
        Signal(
            "low-yield-time",
            found.clients[0],
            None,
            f"clients below min_rate {rate_text or written(config.min_rate)} took "
            f"{hours_text(found.hours)} hours, "
            f"{whole_percent(share)} of all clients' hours (above "
            f"{whole_percent(limit)}): {who}; raise their rates or cap the time they get",
            entry,
        )
    ]
