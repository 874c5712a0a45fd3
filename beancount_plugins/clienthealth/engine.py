"""One computation for the plugin, the Fava tab and the command line."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import gc
import operator
from collections import Counter, defaultdict, deque
from collections.abc import Iterator, Sequence

from beancount.core import data, prices
from beancount.core.amount import Amount

from beancount_plugins.clienthealth import dunning, ranking
from beancount_plugins.clienthealth import projects as projects_module
from beancount_plugins.clienthealth.attribution import attribute
from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.currency import Converter, Places, reporting_currency
from beancount_plugins.clienthealth.figures import client_figures, display_name
from beancount_plugins.clienthealth.model import (
    PORTFOLIO_KINDS,
    ZERO,
    ClientFigures,
    ClientHealthError,
    Invoice,
    ProjectFigures,
    Report,
    Signal,
    add_days,
    data_error,
)
from beancount_plugins.clienthealth.per_invoice import invoice_figures
from beancount_plugins.clienthealth.records import Attribution
from beancount_plugins.clienthealth.settlement import settle
from beancount_plugins.clienthealth.text import written

#: An Invoice's (date, invoice id), in C: Invoice's fields 2 and 1.
_BY_DATE_AND_ID = operator.itemgetter(2, 1)
assert Invoice._fields[2:0:-1] == ("date", "invoice_id"), "_BY_DATE_AND_ID reads these fields"
#: An Invoice's client, date, open amount and entry, in C.
_COVER_FIELDS = operator.itemgetter(0, 2, 9, 22)
assert tuple(Invoice._fields[i] for i in (0, 2, 9, 22)) == ("client", "date", "open", "entry"), (
    "_COVER_FIELDS reads these fields"
)


def window_start(as_of: datetime.date, window_days: int) -> datetime.date | None:
    """First day of the last `window_days` days up to A included (None: all)."""
    if window_days <= 0:
        return None
    return add_days(as_of, 1 - window_days)


def _min_rate(
    config: Config, converter: Converter, as_of: datetime.date, anchor: data.Directive | None
) -> tuple[Config, list[ClientHealthError]]:
    """Express `min_rate` in the reporting currency, with the prices at A."""
    rate = config.min_rate
    if rate is None or rate.currency == converter.currency or anchor is None:
        return config, []
    factor = converter.lookup(rate.currency, as_of)
    why = f"has no price in {converter.currency}"
    if factor is not None and rate.number is not None:
        try:
            # Rounded as every amount in the reporting currency is: the threshold
            # a message prints is then the one compared against.
            converted = Amount(converter.money(rate.number * factor), converter.currency)
        except ArithmeticError:  # a price beyond what a Decimal holds
            why = f"times its price in {converter.currency} is too large"
        else:
            return dataclasses.replace(config, min_rate=converted), []
    error = data_error(anchor, f"min_rate {written(rate)} {why}: low-yield is off")
    return dataclasses.replace(config, min_rate=None), [error]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector, as long as the engine runs.

    The engine makes no reference cycles: what it drops is freed at once. But
    the many small records it builds would trigger a full collection, which
    walks every object of the loaded ledger and costs as much as the engine.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def analyse(
    entries: Sequence[data.Directive],
    options_map: data.Meta,
    config: Config,
) -> Report:
    """Compute every invoice and client figure, ranking and signal of a ledger."""
    with gc_paused():
        return _analyse(entries, options_map, config)


def _analyse(entries: Sequence[data.Directive], options_map: data.Meta, config: Config) -> Report:
    as_of = config.as_of or datetime.date.today()
    start = window_start(as_of, config.window_days)
    attribution = attribute(entries, config)
    read = projects_module.read_projects(attribution, as_of)
    first_after = _first_after(attribution, as_of)
    known, accounts, errors = attribution.clients, attribution.accounts, attribution.errors
    # Settlement takes the working records of every client transaction and
    # frees each once read: they and the invoices' states are never all held.
    settled, settle_errors = settle(attribution, config, options_map, as_of)
    del attribution
    currency = reporting_currency(
        config.currency, options_map, (invoice.currency for invoice in settled.invoices)
    )
    # The figures' digits and the messages'.
    places = Places(options_map, ((i.currency, i.amount) for i in settled.invoices))
    converter = Converter(
        functools.partial(prices.build_price_map, entries),
        currency,
        places(currency),
    )
    first_invoice: dict[str, datetime.date] = {}
    for state in settled.invoices:  # in ledger order: the first is the earliest
        first_invoice.setdefault(state.client, state.date)
    # Each invoice's state is freed once frozen into its figures: the states
    # and the figures of every invoice are never all held at once.
    states = deque(settled.invoices)
    settled.invoices.clear()
    invoices = [invoice_figures(states.popleft(), as_of, converter) for _ in range(len(states))]
    invoices.sort(key=_BY_DATE_AND_ID)
    invoices = dunning.collect(invoices, config.dunning)
    covered: dict[str, list[Invoice]] = defaultdict(list)
    payees: dict[str, Counter[str]] = defaultdict(Counter)
    latest: dict[str, data.Directive] = dict(settled.last_entry)
    for invoice in invoices:  # hot: once per invoice; its fields read at once, in C
        client, date, open_amount, entry = _COVER_FIELDS(invoice)
        if (start is None or date >= start) or open_amount > ZERO:
            covered[client].append(invoice)
        payee = entry.payee
        if payee:
            payees[client][payee] += 1
        latest[client] = entry

    asked_rate = config.min_rate
    config, rate_errors = _min_rate(config, converter, as_of, next(iter(latest.values()), None))
    # Every client's, listed or not: a signal names the client even when none
    # of its amounts has a price and it has no figures.
    names = {client: display_name(client, known.get(client), payees[client]) for client in latest}
    projects = projects_module.project_figures(
        read.declared, settled.work, invoices, converter, read.latest
    )
    by_client: dict[str, list[ProjectFigures]] = defaultdict(list)
    for project in projects:
        by_client[project.client].append(project)
    clients: list[ClientFigures] = []
    for client in sorted(latest):
        figures = client_figures(
            client,
            names[client],
            covered.get(client, ()),
            settled,
            (start, as_of),
            converter,
            first_invoice.get(client),
        )
        if figures is not None:
            written_off = dunning.written_off(covered.get(client, ()), converter)
            own = by_client.get(client)
            figures = figures._replace(written_off=written_off)
            clients.append(figures._replace(projects=tuple(own)) if own else figures)
    clients = ranking.with_shares(clients)
    low_yield = ranking.low_yield_time(clients, config.min_rate)
    signals, clients = _signals(
        invoices,
        clients,
        projects,
        (names, latest, first_invoice),
        config,
        (currency, places, ranking.min_rate_text(config.min_rate, asked_rate)),
        low_yield,
    )
    errors = errors + read.errors + settle_errors + rate_errors + converter.errors
    return Report(
        as_of,
        start,
        currency,
        ranking.by_risk(clients),
        invoices,
        signals,
        errors,
        dict(settled.work),
        places(currency),
        config.min_rate,
        accounts,
        dunning.chase_list(invoices),
        dunning.portfolio(invoices, start, as_of, converter),
        tuple(projects),
        low_yield.share,
        low_yield.clients,
        first_after,
        names,
    )


def _signals(
    invoices: list[Invoice],
    clients: list[ClientFigures],
    projects: list[ProjectFigures],
    who: tuple[dict[str, str], dict[str, data.Directive], dict[str, datetime.date]],
    config: Config,
    money: tuple[str, Places, str],
    low_yield: ranking.LowYieldTime,
) -> tuple[list[Signal], list[ClientFigures]]:
    """Every signal the config warns of, and each client with the kinds of its own.

    `who`: each client's display name, latest entry and first invoice date; `money`: the reporting
    currency and the digits of each currency.
    """
    names, latest, first_invoice = who
    currency, places, rate_text = money
    bottom = ranking.bottom(clients, config.bottom_share)
    signals: list[Signal] = ranking.invoice_signals(invoices, names, config, places)
    for figures in clients:
        signals.extend(
            ranking.client_signals(
                figures, config, currency, places, bottom, latest[figures.client], rate_text
            )
        )
    signals.extend(projects_module.project_signals(projects, names, config, currency, places))
    signals.extend(
        ranking.low_yield_time_signal(
            low_yield,
            names,
            config,
            _low_yield_anchor(low_yield.clients, latest, first_invoice),
            rate_text,
        )
    )
    signals = [s for s in signals if s.kind in config.warnings]
    kinds: dict[str, list[str]] = defaultdict(list)
    for signal in signals:
        if signal.kind in PORTFOLIO_KINDS:
            continue  # about several clients: the report's, not one client's
        if signal.kind not in kinds[signal.client]:
            kinds[signal.client].append(signal.kind)
    clients = [c._replace(signals=tuple(kinds.get(c.client, ()))) for c in clients]
    return signals, clients


def _low_yield_anchor(
    clients: Sequence[str],
    latest: dict[str, data.Directive],
    first_invoice: dict[str, datetime.date],
) -> data.Directive | None:
    """SPEC 14: the latest invoice among the clients; their latest transaction if none has one.

    `latest` holds a client's latest invoice, or its latest transaction when it has none.
    """
    invoiced = [latest[c] for c in clients if c in first_invoice]
    return max(invoiced or [latest[c] for c in clients], key=lambda e: e.date, default=None)


def _first_after(
    attribution: Attribution, as_of: datetime.date
) -> tuple[tuple[datetime.date, str], ...]:
    """Each client's first transaction dated after A, by date (they are in ledger order)."""
    first: dict[str, datetime.date] = {}
    for txn in reversed(attribution.transactions):
        if txn.entry.date <= as_of:
            break
        first[txn.client] = txn.entry.date
    return tuple(sorted((date, client) for client, date in first.items()))
