"""The chase list as rows: the CSV of the command line and the tab, and the terminal table."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from beancount_plugins.clienthealth.currency import round_half_up
from beancount_plugins.clienthealth.dunning import step_words
from beancount_plugins.clienthealth.json_report import chase_json, csv_row
from beancount_plugins.clienthealth.model import ZERO, Invoice, Report

#: The CSV's columns, in order: the chase list's JSON keys that say what to do,
#: and `action`, the next step in words.
CHASE_FIELDS = (
    "client",
    "name",
    "invoice",
    "date",
    "due",
    "currency",
    "open",
    "days_overdue",
    "dunning_level",
    "reminders",
    "last_reminder",
    "next_step",
    "action",
    "expected_on",
)


def open_in_reporting(invoice: Invoice, places: int) -> Decimal | None:
    """The open amount in the reporting currency at the invoice-date rate, or None."""
    if invoice.rate is None:
        return None
    return round_half_up(invoice.open * invoice.rate, places)


def chase_total(report: Report) -> Decimal:
    """The chase list's open money in the reporting currency (unpriced amounts left out)."""
    total = ZERO
    for invoice in report.chase:
        amount = open_in_reporting(invoice, report.places)
        if amount is not None:
            total += amount
    return round_half_up(total, report.places)


def unpriced_open(report: Report) -> dict[str, Decimal]:
    """The chase list's open money that has no price in the reporting currency, by currency."""
    found: dict[str, Decimal] = {}
    for invoice in report.chase:
        if invoice.rate is None:
            found[invoice.currency] = found.get(invoice.currency, ZERO) + invoice.open
    return dict(sorted(found.items()))


def unpriced_text(report: Report) -> str:
    """unpriced_open in words, `300.00 CHF, 40.00 GBP`: what the total leaves out."""
    return ", ".join(f"{amount:f} {currency}" for currency, amount in unpriced_open(report).items())


def chase_rows(report: Report) -> list[dict[str, Any]]:
    """One dict per invoice of the chase list, with CHASE_FIELDS as keys."""
    rows = []
    for item in chase_json(report):
        item["action"] = step_words(item["next_step"])
        rows.append({key: item[key] for key in CHASE_FIELDS})
    return rows


def chase_csv(report: Report) -> str:
    """The chase list as CSV, header included even when it is empty."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CHASE_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in chase_rows(report):
        writer.writerow(csv_row(row))
    return out.getvalue()


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


#: (title, width, right-aligned) of the table's columns.
_COLUMNS = (
    ("Client", 20, False),
    ("Invoice", 14, False),
    ("Open", 16, True),
    ("Days", 5, True),
    ("Reminders", 16, False),
    ("Next step", 26, False),
    ("Expected", 10, False),
)


def _line(cells: list[str]) -> str:
    parts = []
    for (_, width, right), cell in zip(_COLUMNS, cells, strict=True):
        cell = _fit(cell, width)
        parts.append(cell.rjust(width) if right else cell.ljust(width))
    return " ".join(parts).rstrip()


def render_chase(report: Report) -> str:
    """What to chase today: a heading, one line per invoice past due, the total."""
    lines = [f"What to chase as of {report.as_of}, open invoices past due", ""]
    lines.append(_line([title for title, _, _ in _COLUMNS]))
    lines.append("-" * (sum(width for _, width, _ in _COLUMNS) + len(_COLUMNS) - 1))
    for row in chase_rows(report):
        reminders = str(row["reminders"])
        if row["last_reminder"]:
            reminders += f", {row['last_reminder']}"
        cells = [
            row["name"],
            row["invoice"],
            f"{row['open']} {row['currency']}",
            str(row["days_overdue"]),
            reminders,
            row["action"] or "-",
            row["expected_on"] or "-",
        ]
        lines.append(_line(cells))
    if not report.chase:
        lines.append("No invoice is past due.")
    lines.append("")
    count = len(report.chase)
    unpriced = unpriced_text(report)
    lines.append(
        f"Total: {count} invoice{'s' * (count != 1)}, "
        f"{chase_total(report):f} {report.currency} open"
        + (f", and {unpriced} with no price in {report.currency}" if unpriced else "")
    )
    lines.append(
        "Days: days overdue; Reminders: sent, the last one's date; "
        "Expected: due date plus the client's habit."
    )
    return "\n".join(lines) + "\n"
