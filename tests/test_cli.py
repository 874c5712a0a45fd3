"""The command line: table, JSON and CSV of the ranking, and unreadable ledgers."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from beancount_plugins.clienthealth import cli

LEDGER = """
option "operating_currency" "EUR"
plugin "beancount_plugins.clienthealth" "{'as_of': '2025-06-30', 'min_rate': '80 EUR'}"
2025-01-01 open Assets:Bank
2025-01-01 open Assets:Receivable
2025-01-01 open Income:Consulting
2025-01-01 open Expenses:Fees
2025-01-01 custom "client" "acme"
  name: "Acme GmbH"
  terms: 14
2025-03-01 * "Acme" "Website" ^inv-1 #client-acme
  hours: 10
  Assets:Receivable   1200.00 EUR
  Income:Consulting
2025-04-20 * "Acme" "Payment" ^inv-1
  Assets:Bank   1195.00 EUR
  Expenses:Fees    5.00 EUR
  Assets:Receivable
2025-05-01 * "Acme" "Website 2" ^inv-2 #client-acme
  Assets:Receivable   800.00 EUR
  Income:Consulting
2025-05-03 * "Acme" "Kick-off" #client-acme
  hours: 3
2025-05-10 * "Brill" "Audit" ^inv-3 #client-brill
  hours: 4
  Assets:Receivable   400.00 EUR
  Income:Consulting
2025-05-15 * "Brill" "Payment" ^inv-3
  Assets:Bank   400.00 EUR
  Assets:Receivable
"""


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "books.beancount"
    path.write_text(textwrap.dedent(LEDGER))
    return path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "beancount_plugins.clienthealth.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        env={"BEANCOUNT_DISABLE_LOAD_CACHE": "1", "PATH": ""},
    )


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


def test_missing_ledger_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope.beancount"))
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "nope.beancount" in result.stderr
    assert "Traceback" not in result.stderr


def test_unparsable_ledger_is_one_line_and_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.beancount"
    path.write_text("2025-01-01 open Assets:Bank\n2025-13-45 this is not beancount {\n")
    result = run(str(path))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "bad.beancount:2" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_plugin_config_is_reported_and_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "conf.beancount"
    path.write_text('plugin "beancount_plugins.clienthealth" "{\'window_days\': -3}"\n')
    result = run(str(path))
    assert result.returncode == 1
    assert "window_days" in result.stderr


def test_data_errors_go_to_stderr_not_stdout(tmp_path: Path) -> None:
    path = tmp_path / "data.beancount"
    path.write_text(
        textwrap.dedent(
            """
            2025-01-01 open Assets:Receivable
            2025-01-01 open Income:Consulting
            2025-03-01 * "Acme" "Website" #client-acme
              hours: "three"
              Assets:Receivable   100.00 EUR
              Income:Consulting
            """
        )
    )
    result = run(str(path), "--format", "json", "--as-of", "2025-03-02")
    assert result.returncode == 0
    assert json.loads(result.stdout)["clients"][0]["hours"] == 0
    assert "data.beancount:4: clienthealth: data: hours" in result.stderr


def test_main_returns_status_in_process(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([str(ledger), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["currency"] == "EUR"


#: Every invoice in USD, and no USD->EUR price: the ledger has clients, none with figures.
NO_PRICE = """
option "operating_currency" "EUR"
plugin "beancount_plugins.clienthealth" "{'as_of': '2025-06-30'}"
2025-01-01 open Assets:Bank
2025-01-01 open Assets:Receivable
2025-01-01 open Income:Consulting
2025-02-01 * "Acme" "Work" ^inv-1 #client-acme
  Assets:Receivable   1000.00 USD
  Income:Consulting
2025-03-01 * "Acme" "Pay" ^inv-1
  Assets:Bank   400.00 USD
  Assets:Receivable
"""


def test_table_without_figures_names_the_data_errors_not_the_tags(tmp_path: Path) -> None:
    path = tmp_path / "usd.beancount"
    path.write_text(textwrap.dedent(NO_PRICE))
    result = run(str(path))
    assert result.returncode == 0
    assert "tag them #client-" not in result.stdout
    assert "1 invoice of 1 client, but no client has figures" in result.stdout
    assert "no price of USD in EUR" in result.stdout
    assert "no price of USD in EUR" in result.stderr


def test_table_of_an_empty_ledger_teaches_the_tags(tmp_path: Path) -> None:
    path = tmp_path / "empty.beancount"
    path.write_text('option "operating_currency" "EUR"\n')
    assert "tag them #client-<id>" in run(str(path)).stdout


def test_csv_without_clients_is_the_header_alone(ledger: Path, tmp_path: Path) -> None:
    header = run(str(ledger), "--format", "csv").stdout.splitlines()[0]
    path = tmp_path / "empty.beancount"
    path.write_text('option "operating_currency" "EUR"\n')
    result = run(str(path), "--format", "csv")
    assert result.returncode == 0
    assert result.stdout == header + "\n"
    assert header.startswith("client,name,invoiced,")
    assert header.endswith(",signals,aging_current,aging_1-30,aging_31-60,aging_61-90,aging_91+")


def test_table_before_the_first_client_says_so_not_tag_them(ledger: Path) -> None:
    """LEDGER's first client transaction is on 2025-03-01: nothing to tag, A is early."""
    result = run(str(ledger), "--as-of", "2025-01-31")
    assert result.returncode == 0
    assert "tag them" not in result.stdout
    assert "No client transaction on or before 2025-01-31, but 2 clients after it" in result.stdout
    assert "try a later --as-of" in result.stdout


def test_a_directory_is_not_a_file(tmp_path: Path) -> None:
    result = run(str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip() == f"clienthealth: cannot read {tmp_path}: not a file"


def test_other_ledger_errors_are_counted_not_hidden(ledger: Path) -> None:
    # The plugin's own signals are not "other errors"; an unbalanced transaction is.
    assert "other error" not in run(str(ledger)).stderr
    with ledger.open("a") as books:
        books.write(
            '2025-05-20 * "Typo"\n  Assets:Bank  10.00 EUR\n  Income:Consulting  -1.00 EUR\n'
        )
    result = run(str(ledger))
    assert result.returncode == 0
    assert "clienthealth: the ledger has 1 other error (bean-check lists them)" in result.stderr


def test_table_after_the_window_points_to_an_earlier_as_of(ledger: Path) -> None:
    """LEDGER's invoices end on 2025-05-10, all paid but one: none is open a year later."""
    with ledger.open("a") as books:  # settle inv-2, and a dispute that names nothing
        books.write(
            '2025-05-20 * "Acme" "Pay" ^inv-2\n  Assets:Bank  800.00 EUR\n  Assets:Receivable\n'
            '2025-05-21 * "Acme" "Haggles, link forgotten" #dispute\n'
        )
    result = run(str(ledger), "--as-of", "2027-01-31")
    assert "but none in the window" in result.stdout
    assert "data errors say why" not in result.stdout  # the dispute's error is not the cause
    text = " ".join(result.stdout.split())
    assert "Try an earlier --as-of (the last invoice up to 2027-01-31 is dated 2025-05-10)" in text
    assert "later --as-of" not in text


def test_before_the_first_client_a_later_bad_entry_is_not_the_cause(ledger: Path) -> None:
    with ledger.open("a") as books:  # a data error on an entry after --as-of
        books.write('2025-05-25 * "Acme" "Call" #client-acme\n  hours: "two"\n')
    result = run(str(ledger), "--as-of", "2025-01-31")
    assert "data errors say why" not in result.stdout
    assert "but 2 clients after it: try a later --as-of" in result.stdout


def test_before_the_first_client_unpriced_clients_count_too(tmp_path: Path) -> None:
    path = tmp_path / "usd.beancount"
    path.write_text(textwrap.dedent(NO_PRICE))  # acme's only invoice is in USD, unpriced
    result = run(str(path), "--as-of", "2025-01-31")
    assert "tag them" not in result.stdout
    assert "but 1 client after it: try a later --as-of" in result.stdout
