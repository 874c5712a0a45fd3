"""The command line on unreadable ledgers and errors: one line, exit 1, stderr not stdout."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from tests import cli_runs
from tests.cli_runs import run

#: The fixture of cli_runs: LEDGER written to books.beancount in tmp_path.
ledger = cli_runs.ledger


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
