"""The tab's charts as records: each chart's SVG and text, drawn with Fava's money format."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

from markupsafe import Markup

from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.currency import round_half_up
from beancount_plugins.clienthealth.forecast import forecast
from beancount_plugins.clienthealth.model import Invoice, Report
from beancount_plugins.clienthealth.thresholds import min_rate_number
from fava_clienthealth import (
    cell_bars,
    days_chart,
    forecast_chart,
    hours_chart,
    month_hours,
    svg,
    worth_chart,
    yield_chart,
)
from fava_clienthealth.svg import Money

NO_CHART = Markup("")


class Chart(NamedTuple):
    """A chart drawn as inline SVG, and its text for those who cannot see it."""

    svg: Markup = NO_CHART
    text: str = ""
    #: What the chart leaves out of its bars, in words; empty when it draws everyone.
    note: str = ""


EMPTY_CHART = Chart()


@dataclasses.dataclass(frozen=True)
class Charts:
    """The page's charts; those of the other kind of page are empty."""

    #: The tab's: "Worth keeping?", yield per hour and the cash-in forecast.
    worth: Chart = EMPTY_CHART
    yields: Chart = EMPTY_CHART
    forecast: Chart = EMPTY_CHART
    #: The tab's aging bar of each listed client, by client id.
    aging: Mapping[str, Markup] = dataclasses.field(default_factory=dict)
    #: A client page's: days to pay, hours per month, each project's burn bar by id.
    days: Chart = EMPTY_CHART
    hours: Chart = EMPTY_CHART
    burn: Mapping[str, Markup] = dataclasses.field(default_factory=dict)


class Drawing(NamedTuple):
    """How Fava writes what the page shows: money, masked digits, client and journal links."""

    money: Money
    mask: Callable[[str], str]
    #: How the charts' axes write numbers: in Fava's `locale`.
    digits: Callable[[float], str]
    client_url: Callable[[str], str]
    #: The journal's URL for a filter, with the page's other filters.
    journal_url: Callable[[str], str]


def drawing(
    report: Report,
    format_decimal: Callable[[Decimal, str], str],
    mask: Callable[[str], str],
    urls: tuple[Callable[[str], str], Callable[[str], str]],
    digits: Callable[[float], str] = svg.number,
) -> Drawing:
    """How the charts write the report's money: Fava's format, half up, then masked.

    `urls`: a client's page's URL, and the journal's URL for a filter.
    """
    currency, places = report.currency, report.places

    def money(value: Decimal) -> str:
        # Half up first: Fava's format rounds half even (88.245 would show 88.24).
        shown = format_decimal(round_half_up(value, places), currency)
        return f"{mask(shown)} {currency}"

    return Drawing(money, mask, digits, *urls)


def tab_charts(report: Report, config: Config, drawing: Drawing) -> Charts:
    """The tab's charts: who is worth keeping, yield per hour, cash in, each client's aging."""
    money, mask, digits, client_url, _ = drawing
    min_rate = min_rate_number(report.min_rate)
    clients = report.clients
    largest = max((c.open for c in clients), default=Decimal(0))
    words = cell_bars.aging_words()
    cash_in = forecast(report.invoices, report.as_of, report.places)
    return Charts(
        worth=Chart(
            worth_chart.worth_keeping(
                clients,
                config.min_payment_score,
                min_rate,
                report.currency,
                money,
                client_url,
                mask,
                digits,
            ),
            worth_chart.worth_text(clients, config.min_payment_score, min_rate),
        ),
        yields=Chart(
            yield_chart.yield_bars(clients, min_rate, money, client_url, mask, digits),
            yield_chart.yield_text(clients, min_rate, money),
            yield_chart.left_out_text(clients),
        ),
        forecast=Chart(
            forecast_chart.forecast_bars(cash_in, money, mask, digits),
            forecast_chart.forecast_text(cash_in, money),
        ),
        aging={c.client: cell_bars.aging_bar(c, largest, money, words) for c in clients},
    )


def client_page_charts(
    report: Report, client: str, invoices: Sequence[Invoice], digits: svg.Digits = svg.number
) -> Charts:
    """A client's charts: days to pay, hours per month, and its projects' burn bars."""
    hours = month_hours.hours_by_month(
        report.work.get(client, ()), report.window_start, report.as_of
    )
    return Charts(
        days=Chart(
            days_chart.days_to_pay(invoices, report.as_of, digits),
            days_chart.days_text(invoices),
        )
        if invoices
        else EMPTY_CHART,
        hours=Chart(
            hours_chart.hours_over_time(hours, digits), hours_chart.hours_text_summary(hours)
        )
        if hours
        else EMPTY_CHART,
        burn={
            project.project: cell_bars.burn_bar(project)
            for project in report.projects
            if project.client == client
        },
    )
