"""Which of the engine's data errors a page of the tab shows, and where each one is.

Without the plugin line no plugin runs, so Fava's Errors page is empty: an
invoice with no price would vanish from the figures with nothing saying why.
The tab therefore lists the report's errors itself.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import NamedTuple

from beancount.core import data

from beancount_plugins.clienthealth.model import ClientHealthError, Report

#: How many errors a page lists; the rest are counted ("and 7 more").
SHOWN = 20

#: The prefix every data error's message starts with; the notice's heading says it.
_PREFIX = "clienthealth: data: "


class Place(NamedTuple):
    """Where an error is: the file as Fava's editor opens it, its line, and a short label."""

    path: str
    line: int | None
    label: str


def place(error: ClientHealthError) -> Place:
    """The error's file and line; the label is `ledger.beancount:12`, as ids name files."""
    path = str(error.source.get("filename") or "")
    line = error.source.get("lineno")
    line = line if isinstance(line, int) else None
    name = PurePath(path).name or path
    return Place(path, line, f"{name}:{line}" if line is not None else name)


def message(error: ClientHealthError) -> str:
    """The message without its `clienthealth: data:` prefix."""
    return error.message.removeprefix(_PREFIX)


def _location(meta: data.Meta) -> tuple[object, object]:
    return meta.get("filename"), meta.get("lineno")


def client_errors(
    report: Report, client: str, tag_prefix: str
) -> tuple[list[ClientHealthError], int]:
    """The errors about a client's entries, and how many others the report has.

    An error is the client's when its entry is one of the client's invoices,
    carries its tag or `client:` metadata, names one of its invoices (link or
    `invoice:`), or is its `custom "client"` directive. The engine keeps no
    other record of who an entry belongs to, so an error on an entry that only
    its receivable account ties to the client counts among the others.
    """
    invoices = [inv for inv in report.invoices if inv.client == client]
    ids = {inv.invoice for inv in invoices}
    places = {_location(inv.entry.meta) for inv in invoices}
    tag = f"{tag_prefix}{client}"
    mine = [e for e in report.errors if _is_about(e.entry, client, tag, ids, places)]
    return mine, len(report.errors) - len(mine)


def _is_about(
    entry: data.Directive | None,
    client: str,
    tag: str,
    ids: set[str],
    places: set[tuple[object, object]],
) -> bool:
    if isinstance(entry, data.Custom):
        # A value may be an Amount, whose == fails on a string: compare strings only.
        value = entry.values[0].value if entry.values else None
        return entry.type == "client" and isinstance(value, str) and value == client
    if not isinstance(entry, data.Transaction):
        return False
    if _location(entry.meta) in places or tag in entry.tags:
        return True
    written = entry.meta.get("client"), entry.meta.get("invoice")
    # Metadata may hold any type: compare strings only.
    if isinstance(written[0], str) and written[0] == client:
        return True
    return (isinstance(written[1], str) and written[1] in ids) or bool(entry.links & ids)
