"""The command line with nothing to rank: it says why, and what to do (tags, as_of)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests import cli_runs
from tests.cli_runs import run

#: The fixture of cli_runs: LEDGER written to books.beancount in tmp_path.
ledger = cli_runs.ledger

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
