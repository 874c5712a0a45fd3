"""A cache of the engine's reports for the tab: one per config, kept until the ledger reloads."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from beancount.core import data

from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.engine import analyse
from beancount_plugins.clienthealth.model import Report

#: Reports kept per ledger load: the tab, a client page and the endpoint of one filter.
_KEEP = 8


class ReportCache:
    """Reports of one ledger by config; `clear()` when the ledger reloads."""

    def __init__(self) -> None:
        self._reports: dict[Config, Report] = {}
        # Fava serves requests on threads; one computes while the others wait for it.
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget every report: the entries changed."""
        with self._lock:
            self._reports.clear()

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
