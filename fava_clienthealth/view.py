"""What the template shows: signal badges, figures as text and empty states."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from beancount_plugins.clienthealth import explain, thresholds
from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.currency import round_half_up, whole_percent
from beancount_plugins.clienthealth.model import (
    ClientFigures,
    Invoice,
    Report,
    Signal,
)
from beancount_plugins.clienthealth.text import written
from fava_clienthealth.i18n import N_, ngettext
from fava_clienthealth.i18n import gettext as _

# The signals' own tests, for the tab's cells (`v.rework_above(c, config)`): defined once.
min_rate_number = thresholds.min_rate_number
below_min_score = thresholds.below_min_score
below_min_rate = thresholds.below_min_rate
rework_above = thresholds.rework_above
presale_above = thresholds.presale_above
over_budget = thresholds.over_budget
low_yield_time_above = thresholds.low_yield_time_above


#: Fava's filters other than time, by URL argument: the figures need every entry.
IGNORED_FILTERS = {"account": N_("account"), "filter": N_("tag and payee")}

#: An amount in a message: its digits are hidden in incognito mode, ids and days are not.
AMOUNT = re.compile(r"-?\d[\d,.']*(?= [A-Z][A-Z0-9'._-]{0,22}\b)")

#: What a table shows for a figure that has no value.
DASH = "\N{EN DASH}"

#: Sort value for a missing figure: ascending order puts it last, as both rankings do.
MISSING = "999999999"


def no_figures(report: Report) -> str | None:
    """Clients exist but none has figures: why, pointing at the data problems listed above."""
    reason = explain.no_figures(report)
    if reason is None or not report.errors:
        return reason
    return f"{reason} {_('The data problems above say more.')}"


def min_rate_text(report: Report, config: Config) -> str:
    """The min_rate the figures are compared against, and the configured one if converted."""
    configured, compared = config.min_rate, report.min_rate
    if configured is None:
        return ""
    # Written as messages write it: 1E+400 EUR, not its 401 digits.
    if compared is None:
        return _(
            "%(rate)s (no price in %(currency)s: off)",
            rate=written(configured),
            currency=report.currency,
        )
    if compared == configured:
        return written(compared)
    return f"{written(compared)} ({written(configured)})"


def invoice_sort_value(invoice: Invoice, value: Decimal) -> str:
    """An invoice amount's sort key in the reporting currency (as is without a price).

    So that a column of invoices in several currencies sorts by what they are
    worth: 150000 JPY below 1000 EUR.
    """
    return sort_value(value * invoice.rate if invoice.rate is not None else value)


def sort_value(value: Decimal | int | None) -> str:
    """A `data-sort-value` that Fava's numeric sort reads (it keeps digits, '-' and '.')."""
    if value is None:
        return MISSING
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def share_gap(c: ClientFigures) -> Decimal | None:
    """Revenue share minus time share: below zero, the client takes more time than it pays for."""
    if c.revenue_share is None or c.time_share is None:
        return None
    return c.revenue_share - c.time_share


def and_more(more: int) -> str:
    """`and 225 more`: the clients a list counts after those it names (thresholds.named_first)."""
    return ngettext("and %(num)s more", "and %(num)s more", more)


def names_and_more(names: Sequence[str]) -> str:
    """The first few names joined, then the rest counted, as the plugin's messages do."""
    return thresholds.and_more(names, and_more)


def unplotted(clients: Sequence[ClientFigures]) -> list[str]:
    """Names of the clients "Worth keeping?" cannot place: no payment score or no hours."""
    return [c.name for c in clients if c.payment_score is None or c.yield_per_hour is None]


def find_client(report: Report, client: str) -> ClientFigures | None:
    """The client's figures, if it is listed in this window."""
    return next((c for c in report.clients if c.client == client), None)


def low_yield_clients(report: Report) -> tuple[list[ClientFigures], int]:
    """The clients below `min_rate` the summary names (most hours first), and how many more.

    The plugin's `low-yield-time` message names the same few (SPEC 14).
    """
    by_id = {c.client: c for c in report.clients}
    shown, more = thresholds.named_first(report.low_yield_clients)
    return [by_id[client] for client in shown if client in by_id], more


def client_invoices(report: Report, client: str) -> list[Invoice]:
    """The client's invoices, newest first, whatever their date."""
    return sorted(
        (inv for inv in report.invoices if inv.client == client),
        key=lambda inv: (inv.date, inv.invoice_id),
        reverse=True,
    )


def client_signals(report: Report, client: str) -> list[Signal]:
    """The client's signals with their messages, client-level ones first."""
    signals = [s for s in report.signals if s.client == client]
    return sorted(signals, key=lambda s: s.invoice_id is not None)


def late_days(invoice: Invoice) -> int | None:
    """Days late once settled, else days overdue while open."""
    return invoice.days_late if invoice.settled_on is not None else invoice.days_overdue


def percent(share: Decimal | None) -> str:
    """A share as a whole percentage, or a dash."""
    return DASH if share is None else whole_percent(share)


def days(value: Decimal | int | None) -> str:
    """Days to one decimal place at most, or a dash."""
    if value is None:
        return DASH
    text = f"{round_half_up(Decimal(value), 1):f}".removesuffix(".0")
    return "0" if text == "-0" else text


def hours(value: Decimal) -> str:
    """Hours as written in a ledger, without trailing zeros."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent_number(value: Decimal | None) -> str:
    """A figure that is a percentage already (CEI), to one decimal place, or a dash."""
    return DASH if value is None else f"{days(value)}%"


def ignored_filters(args: dict[str, str]) -> list[str]:
    """The names of the set Fava filters that the tab does not apply, in the page's language."""
    return [_(name) for key, name in IGNORED_FILTERS.items() if args.get(key, "").strip()]


def mask_amounts(message: str, mask: Callable[[str], str]) -> str:
    """A message with only its amounts (`3000.00 EUR`) passed through Fava's incognito mask."""
    return AMOUNT.sub(lambda match: mask(match.group()), message)
