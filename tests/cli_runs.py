"""The command line run as a process, and the small ledger the command-line tests read."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

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
