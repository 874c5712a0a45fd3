"""The report as plain data: the JSON of the command line and the Fava endpoint."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from beancount_plugins.clienthealth.currency import round_half_up
from beancount_plugins.clienthealth.model import (
    AGING_BUCKETS,
    ClientFigures,
    Invoice,
    ProjectFigures,
    Report,
)

#: Client figures that are money in the reporting currency (decimal strings).
MONEY = (
    "invoiced",
    "invoiced_net",
    "paid",
    "paid_net",
    "credited",
    "open",
    "overdue",
    "credit",
    "disputed",
    "open_disputed",
    "conceded",
    "costs",
    "written_off",
)
#: Client figures that are plain JSON numbers, with the places they are rounded to.
NUMBERS = {
    "avg_days_to_pay": 1,
    "days_beyond_terms": 1,
    "dispute_rate": 4,
    "hours": 2,
    "billed_hours": 2,
    "unbilled_hours": 2,
    "unbilled_share": 4,
    "revenue_share": 4,
    "time_share": 4,
    "rework_hours": 2,
    "rework_share": 4,
    "meeting_hours": 2,
    "meeting_share": 4,
    "presale_hours": 2,
}
#: Project figures (SPEC 13): money in the reporting currency, and plain numbers.
PROJECT_MONEY = ("fee", "invoiced", "invoiced_net", "effective_rate")
PROJECT_NUMBERS = {"hours": 2, "rework_hours": 2, "budget_hours": 2, "burn": 4}
#: Invoice figures that are money in the invoice's currency.
INVOICE_MONEY = (
    "amount",
    "net",
    "paid",
    "credited",
    "open",
    "disputed",
    "open_disputed",
    "conceded",
)
INVOICE_OTHER = (
    "days_to_pay",
    "days_late",
    "days_overdue",
    "disputes",
    "reminders",
    "status",
    "dunning_level",
    "next_step",
)
#: Invoice dates of SPEC section 15, ISO strings or null.
INVOICE_DATES = ("last_reminder", "expected_on")
#: Portfolio figures of SPEC section 15 at the JSON's top level, in days or percent.
PORTFOLIO = ("dso", "best_dso", "add", "cei")


def money(number: Decimal) -> str:
    """A decimal string with no exponent, as `1200.00`."""
    return f"{number:f}"


def number(value: Decimal | None, places: int) -> float | int | None:
    """Round half up to `places` for JSON; whole numbers stay integers."""
    if value is None:
        return None
    rounded = round_half_up(value, places)
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)


#: The CSV columns of text from the ledger (names, ids), not figures.
_TEXT_COLUMNS = frozenset({"client", "name", "invoice", "signals", "projects", "action"})

#: What a spreadsheet reads as a formula at the start of a cell (OWASP's list).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """A JSON row as a CSV writes it: null empty, booleans as JSON's `true` and `false`.

    A name or id that a spreadsheet would run as a formula (a payee
    `=HYPERLINK(...)`) starts with `'`, which shows it as text.
    """
    return {key: _csv_cell(value, key in _TEXT_COLUMNS) for key, value in row.items()}


def _csv_cell(value: object, text: bool) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):  # Python's csv would write True
        return "true" if value else "false"
    if text and isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return f"'{value}"
    return value


def client_json(c: ClientFigures, places: int) -> dict[str, Any]:
    """One client, every figure of SPEC section 7 under its name.

    `places`: the reporting currency's digits, which the yield is rounded to.
    """
    result: dict[str, Any] = {"client": c.client, "name": c.name}
    for key in MONEY:
        result[key] = money(getattr(c, key))
    result["aging"] = {
        bucket.key: money(value) for bucket, value in zip(AGING_BUCKETS, c.aging, strict=True)
    }
    for key, digits in NUMBERS.items():
        result[key] = number(getattr(c, key), digits)
    result["payment_score"] = c.payment_score
    result["disputes"] = c.disputes
    result["reminders"] = c.reminders
    yield_per_hour = c.yield_per_hour
    result["yield_per_hour"] = (
        None if yield_per_hour is None else money(round_half_up(yield_per_hour, places))
    )
    result["yield_pending"] = c.yield_pending
    result["signals"] = list(c.signals)
    result["projects"] = [project_json(p, places) for p in c.projects]
    return result


def project_json(p: ProjectFigures, places: int) -> dict[str, Any]:
    """One fixed-fee project, its figures of SPEC section 13."""
    result: dict[str, Any] = {"project": p.project, "client": p.client}
    for key in PROJECT_MONEY:
        value = getattr(p, key)
        result[key] = None if value is None else money(round_half_up(value, places))
    for key, digits in PROJECT_NUMBERS.items():
        result[key] = number(getattr(p, key), digits)
    return result


def invoice_json(inv: Invoice) -> dict[str, Any]:
    """One invoice, its figures of SPEC sections 4 and 5."""
    result: dict[str, Any] = {
        "client": inv.client,
        "invoice": inv.invoice_id,
        "date": inv.date.isoformat(),
        "due": inv.due.isoformat(),
        "currency": inv.currency,
        "settled_on": inv.settled_on.isoformat() if inv.settled_on else None,
    }
    for key in INVOICE_MONEY:
        result[key] = money(getattr(inv, key))
    for key in INVOICE_OTHER:
        result[key] = getattr(inv, key)
    for key in INVOICE_DATES:
        value = getattr(inv, key)
        result[key] = value.isoformat() if value is not None else None
    return result


def portfolio_json(report: Report) -> dict[str, Any]:
    """`dso`, `best_dso`, `add` (days) and `cei` (percent), to one decimal place."""
    figures = report.portfolio
    return {key: None if figures is None else number(getattr(figures, key), 1) for key in PORTFOLIO}


def chase_json(report: Report) -> list[dict[str, Any]]:
    """The chase list: each invoice as in `invoices`, with its client's display name."""
    return [
        {"client": inv.client, "name": report.name_of(inv.client), **invoice_json(inv)}
        for inv in report.chase
    ]


def report_json(report: Report) -> dict[str, Any]:
    """The whole report as SPEC section 9 defines its JSON."""
    return {
        "as_of": report.as_of.isoformat(),
        "currency": report.currency,
        "low_yield_time_share": number(report.low_yield_time_share, 4),
        "clients": [client_json(c, report.places) for c in report.clients],
        "invoices": [invoice_json(inv) for inv in report.invoices],
        **portfolio_json(report),
        "chase": chase_json(report),
    }
