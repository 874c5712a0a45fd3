"""The tab's page as a typed record: the report, its summary, charts and empty states."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

from beancount_plugins.clienthealth.chase import unpriced_open
from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.explain import clients_only_after
from beancount_plugins.clienthealth.model import (
    ClientFigures,
    ClientHealthError,
    Invoice,
    Report,
    Signal,
)
from fava_clienthealth import (
    chase_view,
    data_errors,
    view,
)
from fava_clienthealth.page_charts import Charts, Drawing, client_page_charts, tab_charts


class Summary(NamedTuple):
    """The line at the top of the tab."""

    as_of: datetime.date
    window_start: datetime.date | None
    currency: str
    open: Decimal
    overdue: Decimal
    open_disputed: Decimal
    clients: int
    need_action: int
    hours: Decimal
    #: DSO, best possible DSO (days) and CEI (percent) of the window (SPEC section 15).
    dso: Decimal | None = None
    best_dso: Decimal | None = None
    cei: Decimal | None = None


class Request(NamedTuple):
    """What the page is asked for: Fava's request and the ledger's settings, read."""

    #: The config for the time filter, its as_of set.
    config: Config
    problems: Sequence[str]
    has_plugin: bool
    #: Whether Fava's time filter set the window (else the config's as_of and window_days).
    time_filter: bool
    #: Whether the config sets as_of (else A is today).
    as_of_set: bool
    #: Fava's filters set on the page that the figures ignore (translated names).
    ignored_filters: Sequence[str]
    #: The client of a client's page (`?client=`), else None for the tab.
    client: str | None
    #: The day the page is asked for: the tab judges as of today at the latest.
    today: datetime.date


@dataclasses.dataclass(frozen=True)
class Page:
    """Everything the template shows; `client` is set on a client's page."""

    report: Report
    config: Config
    problems: Sequence[str]
    has_plugin: bool
    summary: Summary
    charts: Charts
    #: No client in this window, but some at other dates: the window hides them.
    elsewhere: bool
    #: No client up to today (or the config's later as_of), only after it.
    later: bool
    #: The data errors this page lists: all of them, or the client's on its page.
    errors: Sequence[ClientHealthError]
    time_filter: bool
    as_of_set: bool
    ignored_filters: Sequence[str]
    #: A client's page's URL and the journal's for a filter, made without Fava's
    #: url_for for each of a page's thousands of links: it is slow.
    client_url: Callable[[str], str]
    journal_url: Callable[[str], str]
    #: On a client's page, how many errors are about other entries.
    other_errors: int = 0
    client: str | None = None
    figures: ClientFigures | None = None
    invoices: Sequence[Invoice] = ()
    signals: Sequence[Signal] = ()
    #: On the tab: what to chase today, and its open money in the reporting currency.
    chase: Sequence[chase_view.ChaseRow] = ()
    chase_total: Decimal = Decimal(0)
    #: The chase list's open money that no price converts, left out of the total.
    chase_unpriced: Mapping[str, Decimal] = dataclasses.field(default_factory=dict)
    #: On the tab: the aged receivables, a row per client, and their totals.
    aging: Sequence[chase_view.AgingRow] = ()
    aging_total: chase_view.AgingRow | None = None

    @property
    def window_causes(self) -> list[str]:
        """The config's settings that make a window without a client: `as_of 2024-12-31`."""
        # Without a time filter the window is the config's; as_of is the config's when set.
        causes = [f"as_of {self.report.as_of}"] if self.as_of_set else []
        if self.config.window_days:
            causes.append(f"window_days {self.config.window_days}")
        return causes


def summary(report: Report) -> Summary:
    """Totals over the listed clients; a client needs action when it has any signal."""
    clients = report.clients
    return Summary(
        as_of=report.as_of,
        window_start=report.window_start,
        currency=report.currency,
        open=sum((c.open for c in clients), Decimal(0)),
        overdue=sum((c.overdue for c in clients), Decimal(0)),
        open_disputed=sum((c.open_disputed for c in clients), Decimal(0)),
        clients=len(clients),
        need_action=sum(1 for c in clients if c.signals),
        hours=sum((c.hours for c in clients), Decimal(0)),
        dso=report.portfolio.dso if report.portfolio else None,
        best_dso=report.portfolio.best_dso if report.portfolio else None,
        cei=report.portfolio.cei if report.portfolio else None,
    )


def build(
    report: Report,
    every_date: Callable[[], Report],
    asked: Request,
    drawing: Drawing,
) -> Page | None:
    """The tab, or a client's page; None for a client the ledger has at no date.

    `every_date` gives the report over all dates up to today (or a later A),
    which only an empty window or an unknown client needs.
    """
    config, client = asked.config, asked.client
    page = Page(
        report=report,
        config=config,
        problems=asked.problems,
        has_plugin=asked.has_plugin,
        summary=summary(report),
        charts=Charts(),
        elsewhere=not report.clients and bool(every_date().clients),
        later=bool(clients_only_after(report, asked.today)),
        errors=report.errors,
        time_filter=asked.time_filter,
        as_of_set=asked.as_of_set,
        ignored_filters=asked.ignored_filters,
        client_url=drawing.client_url,
        journal_url=drawing.journal_url,
    )
    if client is None:
        aging, aging_total = chase_view.aging_rows(report)
        return dataclasses.replace(
            page,
            charts=tab_charts(report, config, drawing),
            chase=chase_view.chase_rows(report),
            chase_total=chase_view.total(report),
            chase_unpriced=unpriced_open(report),
            aging=aging,
            aging_total=aging_total,
        )
    invoices = view.client_invoices(report, client)
    errors, other_errors = data_errors.client_errors(report, client)
    known = invoices or errors or client in report.work
    if not known and view.find_client(every_date(), client) is None:
        return None
    return dataclasses.replace(
        page,
        charts=client_page_charts(report, client, invoices, drawing.digits),
        errors=errors,
        other_errors=other_errors,
        client=client,
        figures=view.find_client(report, client),
        invoices=invoices,
        signals=view.client_signals(report, client),
    )
