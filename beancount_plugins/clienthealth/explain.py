"""Why a report lists no client: the empty states of the command line's table and the tab.

"No client yet: tag your invoices" is only right when the ledger has no client
transaction at all. A ledger whose invoices have no price in the reporting
currency, or whose clients are all outside the window, needs another answer,
or its user goes looking for a tagging mistake that is not there.
"""

from __future__ import annotations

import datetime

from beancount_plugins.clienthealth.model import ClientHealthError, Report, UnclaimedError


def plural(count: int, word: str) -> str:
    """`1 invoice`, `2 invoices`."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def missing_prices(report: Report) -> list[str]:
    """Currencies of invoices that have no price in the reporting currency, sorted."""
    return sorted({inv.currency for inv in report.invoices if inv.rate is None})


def errors_up_to_as_of(report: Report) -> list[ClientHealthError]:
    """The data errors about entries dated up to A (or about no entry).

    Attribution reads the whole ledger, so an error may be about an entry
    after A, which cannot be why nothing up to A has figures.
    """
    return [e for e in report.errors if e.entry is None or e.entry.date <= report.as_of]


def has_client_data(report: Report) -> bool:
    """Whether the ledger has client transactions up to A: invoices, or data errors about them.

    Every other data error is about a client's entry (or a `custom "client"`),
    so a report with such errors but no invoice still had something to read;
    an error about a transaction no client claims is a reason to tag, not that.
    """
    if report.invoices:
        return True
    return any(not isinstance(e, UnclaimedError) for e in errors_up_to_as_of(report))


def clients_only_after(report: Report, day: datetime.date | None = None) -> list[str]:
    """The clients of a ledger whose every transaction is after A (or a later `day`), by id.

    Empty when the ledger has client data up to A, or a client transaction
    from A to `day`: then the clients are not all later. The command line
    counts them; the tab, judging as of today at the latest, passes today.
    """
    until = max(day or report.as_of, report.as_of)
    later = report.after_as_of
    if has_client_data(report) or not later or later[0][0] <= until:
        return []
    return sorted({client for _, client in later})


def window_hides(report: Report) -> bool:
    """Whether the window is why no client is listed: invoices up to A, every one priced.

    An open invoice is always in the window, so these are all settled before it.
    """
    return bool(report.invoices) and not missing_prices(report)


def window_text(report: Report) -> str:
    """The dates the figures cover, as a sentence that says no client is in them."""
    start = report.window_start or "the start"
    return f"No client has an invoice, hours or costs from {start} to {report.as_of}."


def no_figures(report: Report) -> str | None:
    """Why clients exist but none is listed; None when the ledger has none to list.

    Prices first: a client whose amounts all lack a price has no figures, and
    the data errors name the currency. Otherwise invoices with a price are
    all outside the window (an open one is always in it), whatever other
    data errors say; only with no invoice at all are the errors the cause.
    """
    if report.clients or not has_client_data(report):
        return None
    clients = {inv.client for inv in report.invoices}
    head = (
        f"{plural(len(report.invoices), 'invoice')} of {plural(len(clients), 'client')}"
        if report.invoices
        else "Client transactions"
    )
    missing = missing_prices(report)
    if missing:
        return (
            f"{head}, but no client has figures: "
            f"no price of {', '.join(missing)} in {report.currency}."
        )
    if not window_hides(report):
        return f"{head}, but no client has figures: the data errors say why."
    return f"{head}, but none in the window. {window_text(report)}"
