"""Clients only after A: one test in the engine, from one report, for the table and the tab."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import pytest
from beancount.core import data

from beancount_plugins.clienthealth import cli, engine, explain
from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.model import Report
from fava_clienthealth import report_cache
from tests.fava_pages import LEDGER, fava, ledger_text, page
from tests.helpers import HEADER, run

#: acme invoices in March, beta only logs hours in May.
LATER = """
2025-03-01 * "Acme" "Website" ^inv-1 #client-acme
  Assets:Receivable    1200.00 EUR
  Income:Consulting

2025-05-01 * "Beta" "Call" #client-beta
  hours: 2
"""


def test_the_clients_only_after_as_of_come_from_the_one_report() -> None:
    early = run(LATER, as_of="2025-01-31")
    assert [client for _, client in early.after_as_of] == ["acme", "beta"]
    assert explain.clients_only_after(early) == ["acme", "beta"]
    # Judged as of a later day (the tab's today), acme's March invoice is not later.
    assert explain.clients_only_after(early, datetime.date(2025, 3, 1)) == []
    assert explain.clients_only_after(early, datetime.date(2025, 2, 28)) == ["acme", "beta"]
    # A day before A is no later than A.
    assert explain.clients_only_after(early, datetime.date(2024, 1, 1)) == ["acme", "beta"]
    # Client data up to A: nothing is only later.
    assert explain.clients_only_after(run(LATER, as_of="2025-03-01")) == []
    assert run(LATER, as_of="2025-06-30").after_as_of == ()


def test_the_table_counts_them_with_one_engine_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ledger.beancount"
    path.write_text(HEADER + LATER)
    runs: list[Config] = []
    analyse = engine.analyse  # what cli calls, by its own name

    def counted(
        entries: Sequence[data.Directive], options_map: data.Meta, config: Config
    ) -> Report:
        runs.append(config)
        return analyse(entries, options_map, config)

    monkeypatch.setattr(cli, "analyse", counted)
    loaded = cli.load_report(str(path), as_of=datetime.date(2025, 1, 31))
    assert loaded.later == 2
    assert len(runs) == 1


def test_the_tab_runs_the_engine_up_to_today_at_most(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[datetime.date | None] = []
    analyse = engine.analyse  # what report_cache calls, by its own name

    def counted(
        entries: Sequence[data.Directive], options_map: data.Meta, config: Config
    ) -> Report:
        runs.append(config.as_of)
        return analyse(entries, options_map, config)

    monkeypatch.setattr(report_cache, "analyse", counted)
    text = ledger_text(body=LEDGER.replace(", 'as_of': '2025-12-31'", "").replace("2025-", "2099-"))
    html = page(fava(tmp_path, text))
    assert "they are dated later" in html
    # The window's report, and every date's up to today for the empty window: none to 2099.
    assert runs
    # The cache runs the engine with as_of set (a None would not compare).
    assert max(cast("list[datetime.date]", runs)) <= datetime.date.today()
