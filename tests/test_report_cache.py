"""The tab's report cache: one engine run per config until the ledger reloads, a few kept."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence

import pytest
from beancount.core import data

from beancount_plugins.clienthealth import config as config_module
from beancount_plugins.clienthealth import engine
from beancount_plugins.clienthealth.model import Report
from fava_clienthealth import report_cache
from fava_clienthealth.report_cache import ReportCache
from tests.helpers import load

LEDGER = """
2025-03-01 * "Acme" "Website" ^inv-1 #client-acme
  Assets:Receivable    1200.00 EUR
  Income:Consulting
"""


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[datetime.date | None]:
    """The as_of of each engine run the cache makes."""
    seen: list[datetime.date | None] = []
    analyse = engine.analyse  # what report_cache calls, by its own name

    def counted(
        entries: Sequence[data.Directive], options_map: data.Meta, config: config_module.Config
    ) -> Report:
        seen.append(config.as_of)
        return analyse(entries, options_map, config)

    monkeypatch.setattr(report_cache, "analyse", counted)
    return seen


def config(day: int) -> config_module.Config:
    return dataclasses.replace(config_module.Config(), as_of=datetime.date(2025, 6, day))


def test_a_config_is_computed_once_until_cleared(runs: list[datetime.date | None]) -> None:
    entries, _, options_map = load(LEDGER)
    cache = ReportCache()
    first = cache.get(entries, options_map, config(30))
    assert cache.get(entries, options_map, config(30)) is first
    assert [inv.invoice_id for inv in first.invoices] == ["inv-1"]
    assert len(runs) == 1
    cache.clear()
    cache.get(entries, options_map, config(30))
    assert len(runs) == 2


def test_the_oldest_report_goes_when_the_cache_is_full(runs: list[datetime.date | None]) -> None:
    entries, _, options_map = load(LEDGER)
    cache = ReportCache()
    for day in range(1, report_cache._KEEP + 2):  # one more than it keeps
        cache.get(entries, options_map, config(day))
    cache.get(entries, options_map, config(report_cache._KEEP + 1))  # kept
    assert len(runs) == report_cache._KEEP + 1
    cache.get(entries, options_map, config(1))  # the first is gone: computed again
    assert runs[-1] == datetime.date(2025, 6, 1)
    assert len(runs) == report_cache._KEEP + 2
