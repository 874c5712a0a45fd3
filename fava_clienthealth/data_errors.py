"""Which of the engine's data errors a page of the tab shows, and where each one is.

Without the plugin line no plugin runs, so Fava's Errors page is empty: an
invoice with no price would vanish from the figures with nothing saying why.
The tab therefore lists the report's errors itself.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import NamedTuple

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


def client_errors(report: Report, client: str) -> tuple[list[ClientHealthError], int]:
    """The errors about a client's entries, as the engine marked them, and how many others."""
    mine = [error for error in report.errors if error.client == client]
    return mine, len(report.errors) - len(mine)
