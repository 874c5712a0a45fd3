"""Issue 17.8 and 17.11: small things a user sees in the table, the charts and bench."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest

from beancount_plugins.clienthealth import cli
from beancount_plugins.clienthealth.table import render_table
from fava_clienthealth import month_hours, yield_chart
from tests.helpers import HEADER, run

LONG_NAME = "Acme Consolidated Holdings International"  # 40 characters

LONG = f"""
2025-03-01 * "{LONG_NAME}" "Website" ^inv-1 #client-acme
  hours: 192.0
  Assets:Receivable    1200.00 EUR
  Income:Consulting
"""


def test_the_table_gives_long_names_the_room_there_is() -> None:
    # One signal kind at most 13 letters ("concentration"): the name column
    # gets 120 - 73 (the other columns and their spaces) - 13 = 34 characters.
    table = render_table(run(LONG))
    [row] = [line for line in table.splitlines() if line.startswith("Acme")]
    assert row.startswith(LONG_NAME[:33] + "…")
    assert max(len(line) for line in table.splitlines()) <= 120


def test_short_names_keep_the_20_character_column() -> None:
    table = render_table(run(LONG.replace(LONG_NAME, "Acme")))
    [header] = [line for line in table.splitlines() if line.startswith("Client  ")]
    assert header.startswith("Client" + " " * 14 + " Score")


def test_a_name_with_a_newline_stays_on_its_row() -> None:
    # A payee written over two lines: its newline is escaped, the row stays one line.
    table = render_table(run(LONG.replace(LONG_NAME, "Evil\nCorp")))
    assert any(line.startswith("Evil\\nCorp ") for line in table.splitlines())
    assert not any(line.startswith("Corp") for line in table.splitlines())


def test_an_empty_ledger_names_no_currency() -> None:
    # No operating currency and no invoice: "amounts in EUR" was a guess.
    report = run("2020-01-01 open Assets:Cash\n", header=False)
    heading = render_table(report).splitlines()[0]
    assert "amounts in" not in heading
    assert heading.endswith(": 0 clients, 0 need action")


def test_one_client_is_singular() -> None:
    assert ": 1 client, 1 need action" in render_table(run(LONG)).splitlines()[0]


def test_an_untagged_ledger_is_told_to_tag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Receivable postings, none tagged: was "Client transactions, but no
    # client has figures: the data errors say why."
    path = tmp_path / "books.beancount"
    path.write_text(
        HEADER
        + """
2025-03-01 * "Acme GmbH" "Website"
  Assets:Receivable    1200.00 EUR
  Income:Consulting
""",
        encoding="utf-8",
    )
    assert cli.main([str(path), "--as-of", "2025-06-30"]) == 0
    captured = capsys.readouterr()
    assert "No client transactions: tag them #client-<id>" in captured.out
    # SPEC section 10's companion rule (issue 13): a receivable account that no
    # client's posting uses is none of the plugin's business, so no data error.
    assert captured.err == ""


def test_yield_bar_tooltip_writes_hours_as_the_table_does() -> None:
    # 192.0 hours in the ledger: the table says 192, so does the tooltip now.
    report = run(
        LONG.replace("Assets:Receivable    1200.00 EUR", "Assets:Receivable 19200.00 EUR")
        + '2025-03-20 * "Acme" "Pay" ^inv-1\n  Assets:Bank 19200.00 EUR\n  Assets:Receivable\n'
    )
    chart = str(yield_chart.yield_bars(report.clients, None, lambda v: f"{v} EUR", str))
    assert "per hour over 192 hours" in chart
    assert "192.0" not in chart


def test_months_of_the_hours_chart() -> None:
    day = datetime.date
    assert month_hours.months(day(2024, 11, 15), day(2025, 2, 1)) == [
        day(2024, 11, 1), day(2024, 12, 1), day(2025, 1, 1), day(2025, 2, 1)
    ]  # fmt: skip
    assert month_hours.months(day(9999, 11, 5), day.max) == [day(9999, 11, 1), day(9999, 12, 1)]
    assert month_hours.months(day(2025, 3, 2), day(2025, 2, 28)) == []
    # 0001-01 to 9999-12: 9999 years of 12 months, and fast.
    assert len(month_hours.months(day.min, day.max)) == 9999 * 12


def test_bench_generate_has_help_and_writes_a_ledger(tmp_path: Path) -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "bench.generate", "--help"],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert shown.returncode == 0
    assert "--transactions" in shown.stdout
    out = tmp_path / "bench.beancount"
    made = subprocess.run(
        [sys.executable, "-m", "bench.generate", "--transactions", "40", "--clients", "3",
         "-o", str(out)],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert made.returncode == 0
    assert out.read_text(encoding="utf-8").startswith('option "title" "Bench Consultancy"')
