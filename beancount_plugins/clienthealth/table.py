"""The ranking as a plain-text table for a terminal of 120 columns."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from decimal import Decimal

from beancount_plugins.clienthealth.currency import round_half_up, whole_percent
from beancount_plugins.clienthealth.explain import no_figures, plural, window_hides
from beancount_plugins.clienthealth.model import ClientFigures, Report
from beancount_plugins.clienthealth.text import one_line, written
from beancount_plugins.clienthealth.thresholds import and_more

WIDTH = 120


def _money(value: Decimal) -> str:
    return f"{round_half_up(value, 0):,}" if value else "-"


#: The yield cell of a client none of whose window's invoices is settled or due yet.
NOT_DUE = "not due"


def _days(value: Decimal | None) -> str:
    return "-" if value is None else f"{round_half_up(value, 0)}"


def _share(value: Decimal | None) -> str:
    return "-" if value is None else whole_percent(value)


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# (title, width, right-aligned, cell) - the columns of the table, in order.
_COLUMNS: list[tuple[str, int, bool, Callable[[ClientFigures], str]]] = [
    ("Client", 20, False, lambda c: one_line(c.name)),
    ("Score", 5, True, lambda c: "-" if c.payment_score is None else str(c.payment_score)),
    ("Pays", 4, True, lambda c: _days(c.avg_days_to_pay)),
    ("Late", 4, True, lambda c: _days(c.days_beyond_terms)),
    ("Open", 9, True, lambda c: _money(c.open)),
    ("Overdue", 9, True, lambda c: _money(c.overdue)),
    ("Disputed", 8, True, lambda c: _money(c.open_disputed)),
    ("Hours", 6, True, lambda c: f"{round_half_up(c.hours, 1)}" if c.hours else "-"),
    ("Unbill", 6, True, lambda c: _share(c.unbilled_share)),
    ("Yield/h", 7, True, lambda c: NOT_DUE if c.yield_pending else _days(c.yield_per_hour)),
    ("Rev", 4, True, lambda c: _share(c.revenue_share)),
]


def _row(cells: list[str], name_width: int) -> str:
    parts = []
    for index, ((_, width, right, _), cell) in enumerate(zip(_COLUMNS, cells, strict=False)):
        width = name_width if index == 0 else width
        cell = _fit(cell, width)
        parts.append(cell.rjust(width) if right else cell.ljust(width))
    return " ".join(parts)


def _name_width(clients: list[ClientFigures]) -> int:
    """The Client column: 20, or wider for long names while the signals keep their longest."""
    others = sum(width for _, width, _, _ in _COLUMNS[1:]) + len(_COLUMNS)
    kinds = max((len(kind) for c in clients for kind in c.signals), default=0)
    room = WIDTH - others - max(kinds, len("Signals"))
    longest = max((len(one_line(c.name)) for c in clients), default=0)
    return max(_COLUMNS[0][1], min(longest, room))


def _empty(report: Report, later: int) -> str:
    """The line in place of the clients: what to do, or why clients have no figures."""
    reason = no_figures(report)
    if reason is None and later:
        return (
            f"No client transaction on or before {report.as_of}, but "
            f"{plural(later, 'client')} after it: try a later --as-of."
        )
    if reason is None:
        return "No client transactions: tag them #client-<id> (see the README)."
    if not window_hides(report):
        return f"{reason} See the data errors on stderr."
    # The invoices up to A are all before the window: an earlier A finds them.
    latest = max((invoice.date for invoice in report.invoices), default=None)
    dated = f" (the last invoice up to {report.as_of} is dated {latest})" if latest else ""
    return f"{reason} Try an earlier --as-of{dated}, or --window-days 0 for all dates."


def _hours(value: Decimal) -> str:
    return f"{round_half_up(value, 1)}" if value else "-"


def _time_lines(report: Report) -> list[str]:
    """Kinds of work (SPEC 12), projects (13) and the low-yield clients' time share (14)."""
    lines: list[str] = []
    kinds = [c for c in report.clients if c.rework_hours or c.meeting_hours or c.presale_hours]
    if kinds:
        lines += ["", f"{'Time by kind':20} {'Rework':>6} {'Share':>5} {'Meet':>6} {'Presale':>7}"]
        lines.extend(
            f"{_fit(c.name, 20):20} {_hours(c.rework_hours):>6} {_share(c.rework_share):>5} "
            f"{_hours(c.meeting_hours):>6} {_hours(c.presale_hours):>7}"
            for c in kinds
        )
    if report.projects:
        names = {c.client: c.name for c in report.clients}
        lines += [
            "",
            f"{'Project':20} {'Client':20} {'Hours':>6} {'Budget':>6} {'Burn':>5} "
            f"{'Rate/h':>7} {'Rework':>6}",
        ]
        lines.extend(
            f"{_fit(p.project, 20):20} {_fit(names.get(p.client, p.client), 20):20} "
            f"{_hours(p.hours):>6} {_hours(p.budget_hours or Decimal(0)):>6} "
            f"{_share(p.burn):>5} {_days(p.effective_rate):>7} {_hours(p.rework_hours):>6}"
            for p in report.projects
        )
    if report.low_yield_time_share is not None:
        low = and_more(report.low_yield_clients) or "none"
        lines += [
            "",
            *textwrap.wrap(
                f"Clients below min_rate {written(report.min_rate)} take "
                f"{whole_percent(report.low_yield_time_share)} of the hours: {low}.",
                WIDTH,
            ),
        ]
    return lines


def render_table(report: Report, later: int = 0) -> str:
    """A heading, then one line per client in risk order with its signals.

    `later`: how many clients the ledger has after A, for the empty state.
    """
    window = f"since {report.window_start}" if report.window_start else "all dates"
    acting = sum(1 for c in report.clients if c.signals)
    # With no client there is no amount, nor a currency to name (it may be a guess).
    currency = f", amounts in {report.currency}" if report.clients else ""
    lines = [
        f"Client health as of {report.as_of} ({window}){currency}: "
        f"{plural(len(report.clients), 'client')}, {acting} need action",
    ]
    portfolio = report.portfolio
    if portfolio is not None and portfolio.dso is not None:
        cei = "-" if portfolio.cei is None else f"{round_half_up(portfolio.cei, 1)}%"
        lines.append(
            f"DSO {round_half_up(portfolio.dso, 1)} days "
            f"(best possible {round_half_up(portfolio.best_dso or Decimal(0), 1)}), CEI {cei}"
        )
    lines.append("")
    name_width = _name_width(report.clients)
    used = sum(width for _, width, _, _ in _COLUMNS[1:]) + name_width + len(_COLUMNS)
    signals_width = WIDTH - used
    lines.append(_row([title for title, *_ in _COLUMNS], name_width) + " Signals")
    lines.append("-" * min(WIDTH, used + len("Signals")))
    for client in report.clients:
        signals = textwrap.wrap(", ".join(client.signals), signals_width) or ["-"]
        cells = [cell(client) for *_, cell in _COLUMNS]
        lines.append(_row(cells, name_width) + " " + signals[0])
        lines.extend(" " * used + more for more in signals[1:])
    if not report.clients:
        lines.extend(textwrap.wrap(_empty(report, later), WIDTH))
    lines.extend(_time_lines(report))
    lines.append("")
    lines.append(
        "Score: payment score 0-100 (80 = pays on terms); Pays: average days to pay; "
        "Late: days beyond terms;"
    )
    lines.append(
        "Disputed: open and in dispute; Unbill: unbilled share of hours; "
        "Rev: share of revenue net of sales tax."
    )
    if any(c.yield_pending for c in report.clients):
        lines.append(
            f"Yield/h {NOT_DUE}: no invoice of the window is paid or due yet, "
            "so its yield is not known."
        )
    return "\n".join(lines) + "\n"
