"""The engine behind the tab: one report per config, kept until the ledger reloads."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Sequence
from decimal import Decimal

from beancount.core import data

from beancount_plugins.clienthealth.attribution import attribute
from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.engine import analyse
from beancount_plugins.clienthealth.model import Report
from beancount_plugins.clienthealth.settlement import Work, settle

#: Reports kept per ledger load: the tab, a client page and the endpoint of one filter.
_KEEP = 8


class Reports:
    """Reports of one ledger by config; `clear()` when the ledger reloads."""

    def __init__(self) -> None:
        self._reports: dict[Config, Report] = {}
        self._work: dict[Config, dict[str, list[Work]]] = {}
        # Fava serves requests on threads; one computes while the others wait for it.
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget every report: the entries changed."""
        with self._lock:
            self._reports.clear()
            self._work.clear()

    def get(
        self, entries: Sequence[data.Directive], options_map: data.Meta, config: Config
    ) -> Report:
        """The engine's report for a config whose as_of is set."""
        with self._lock:
            report = self._reports.get(config)
            if report is None:
                if len(self._reports) >= _KEEP:
                    self._reports.pop(next(iter(self._reports)))
                report = self._reports[config] = analyse(entries, options_map, config)
            return report

    def client_work(
        self,
        entries: Sequence[data.Directive],
        options_map: data.Meta,
        config: Config,
        client: str,
    ) -> list[tuple[datetime.date, Decimal, bool]]:
        """A client's (date, hours, billed) up to A, as the engine's settlement pass reads them.

        The Report carries the hours' totals only; the client page charts them by month.
        """
        with self._lock:
            work = self._work.get(config)
            if work is None:
                if len(self._work) >= _KEEP:
                    self._work.pop(next(iter(self._work)))
                as_of = config.as_of or datetime.date.today()
                ledger, _ = settle(attribute(entries, config), config, options_map, as_of)
                work = self._work[config] = dict(ledger.work)
        return [(item.date, item.hours, item.billed) for item in work.get(client, ())]
