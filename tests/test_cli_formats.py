"""The command line's table, JSON and CSV of the ranking, and its overrides."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

import pytest

from beancount_plugins.clienthealth import cli
from tests import cli_runs
from tests.cli_runs import run

#: The fixture of cli_runs: LEDGER written to books.beancount in tmp_path.
ledger = cli_runs.ledger


def test_json_has_the_spec_shape(ledger: Path) -> None:
    result = run(str(ledger), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # SPEC 14 adds low_yield_time_share, section 15 the portfolio figures and the chase list.
    assert set(report) == {
        "as_of",
        "currency",
        "low_yield_time_share",
        "clients",
        "invoices",
        *("dso", "best_dso", "add", "cei", "chase"),
    }
    assert report["as_of"] == "2025-06-30"
    assert report["currency"] == "EUR"
    # Risk order: acme scores 47 (see test_figures), brill paid 20 days early.
    assert [c["client"] for c in report["clients"]] == ["acme", "brill"]
    acme = report["clients"][0]
    assert acme["name"] == "Acme GmbH"
    assert acme["invoiced"] == "2000.00"
    assert acme["paid"] == "1195.00"
    assert acme["credited"] == "5.00"
    assert acme["aging"] == {
        "current": "0.00",
        "1-30": "0.00",
        "31-60": "800.00",
        "61-90": "0.00",
        "91+": "0.00",
    }
    assert acme["payment_score"] == 47
    assert acme["hours"] == 13
    assert acme["unbilled_share"] == pytest.approx(3 / 13, abs=1e-4)
    assert acme["yield_per_hour"] == "91.92"  # 1195 / 13
    assert acme["signals"] == ["overdue", "slow-payer", "concentration"]
    brill = report["clients"][1]
    assert brill["avg_days_to_pay"] == 5
    assert brill["credit"] == "0.00"
    assert brill["signals"] == []
    assert [i["invoice"] for i in report["invoices"]] == ["inv-1", "inv-2", "inv-3"]
    first = report["invoices"][0]
    assert first["amount"] == "1200.00"
    assert first["settled_on"] == "2025-04-20"
    assert first["days_to_pay"] == 50
    assert first["days_late"] == 36
    assert first["days_overdue"] is None
    assert first["status"] == "paid"
    assert report["invoices"][1]["days_overdue"] == 46
    assert report["invoices"][1]["status"] == "overdue"


def test_as_of_and_window_days_override_the_plugin_config(ledger: Path) -> None:
    result = run(str(ledger), "--format", "json", "--as-of", "2025-05-12", "--window-days", "5")
    report = json.loads(result.stdout)
    assert report["as_of"] == "2025-05-12"
    # The window 2025-05-08..12 covers inv-3 and the still open inv-2; inv-1 was paid.
    assert [c["client"] for c in report["clients"]] == ["acme", "brill"]
    assert report["clients"][0]["invoiced"] == "800.00"
    assert [i["invoice"] for i in report["invoices"]] == ["inv-1", "inv-2", "inv-3"]
    assert report["invoices"][2]["status"] == "open"


def test_json_is_deterministic(ledger: Path) -> None:
    assert (
        run(str(ledger), "--format", "json").stdout == run(str(ledger), "--format", "json").stdout
    )


def test_table_fits_120_columns_and_spells_out_signals(ledger: Path) -> None:
    result = run(str(ledger))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Client health as of 2025-06-30")
    assert all(len(line) <= 120 for line in lines)
    acme = next(i for i, line in enumerate(lines) if line.startswith("Acme GmbH"))
    assert lines.index(next(line for line in lines if line.startswith("Brill"))) > acme
    text = " ".join(lines[acme : acme + 2])
    for signal in ("overdue", "slow-payer", "concentration"):
        assert signal in text
    # The column is the open disputed amount, not all that was ever disputed.
    assert "Disputed: open and in dispute" in result.stdout


def test_table_rounds_hours_half_up(tmp_path: Path) -> None:
    """0.25 hours show as 0.3, as the JSON rounds; half even would show 0.2."""
    path = tmp_path / "quarter.beancount"
    path.write_text(
        textwrap.dedent("""
        plugin "beancount_plugins.clienthealth" "{'as_of': '2025-06-30'}"
        2025-03-01 * "Acme" "Call" #client-acme
          hours: 0.25
        """)
    )
    # The ranking's row comes first; the kinds-of-work lines below it name acme too.
    row = next(line for line in run(str(path)).stdout.splitlines() if line.startswith("acme"))
    assert " 0.3 " in row


def test_csv_has_one_row_per_client(ledger: Path) -> None:
    result = run(str(ledger), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["client"] for row in rows] == ["acme", "brill"]
    assert rows[0]["aging_31-60"] == "800.00"
    assert rows[0]["signals"] == "overdue slow-payer concentration"
    assert rows[1]["payment_score"] != ""
    # Booleans as the JSON writes them, not Python's True and False.
    assert {row["yield_pending"] for row in rows} <= {"true", "false"}


def test_yield_is_rounded_to_the_reporting_currencys_digits(tmp_path: Path) -> None:
    """A yen ledger: 12345 JPY over 10 hours yields 1235 JPY, half up, not 1234.50."""
    path = tmp_path / "yen.beancount"
    path.write_text(
        textwrap.dedent("""
        option "operating_currency" "JPY"
        plugin "beancount_plugins.clienthealth" "{'as_of': '2025-06-30'}"
        2025-01-01 open Assets:Bank
        2025-01-01 open Assets:Receivable
        2025-01-01 open Income:Consulting
        2025-03-01 * "Initech" "Audit" ^inv-1 #client-initech
          hours: 10
          Assets:Receivable   12345 JPY
          Income:Consulting
        2025-03-20 * "Initech" "Payment" ^inv-1
          Assets:Bank   12345 JPY
          Assets:Receivable
        """)
    )
    [client] = json.loads(run(str(path), "--format", "json").stdout)["clients"]
    assert client["paid"] == "12345"
    assert client["yield_per_hour"] == "1235"
    [row] = csv.DictReader(io.StringIO(run(str(path), "--format", "csv").stdout))
    assert row["yield_per_hour"] == "1235"


def test_main_returns_status_in_process(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([str(ledger), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["currency"] == "EUR"


def test_a_name_a_spreadsheet_would_run_is_written_as_text(tmp_path: Path) -> None:
    path = tmp_path / "books.beancount"
    path.write_text(
        textwrap.dedent("""
        option "operating_currency" "EUR"
        plugin "beancount_plugins.clienthealth" "{'as_of': '2025-06-30'}"
        2025-01-01 open Assets:Receivable
        2025-01-01 open Income:Consulting
        2025-03-01 * "=HYPERLINK(\\"http://x\\")" "Audit" ^inv-1 #client-evil
          Assets:Receivable   100.00 EUR
          Income:Consulting
        """)
    )
    for args in (["--format", "csv"], ["--chase", "--format", "csv"]):
        [row] = list(csv.DictReader(io.StringIO(run(str(path), *args).stdout)))
        # The payee's formula is shown as text, not run; the figures are as they were.
        assert row["name"] == '\'=HYPERLINK("http://x")'
        assert row["client"] == "evil"
    [ranking] = list(csv.DictReader(io.StringIO(run(str(path), "--format", "csv").stdout)))
    assert (ranking["invoiced"], ranking["open"]) == ("100.00", "100.00")
