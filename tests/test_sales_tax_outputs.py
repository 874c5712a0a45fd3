"""SPEC section 10: net beside gross in the JSON, the CSV, the table and the tab."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.fava_pages import TAB, fava, page, shown, tables, texts
from tests.helpers import HEADER

TAX = """
2020-01-01 open Liabilities:VAT
2020-01-01 open Liabilities:HST
"""


def cli(ledger: Path, output: str) -> str:
    """The command line's output in a format; it must exit 0."""
    command = [sys.executable, "-m", "beancount_plugins.clienthealth.cli", str(ledger)]
    return subprocess.run(
        [*command, "--format", output], check=True, capture_output=True, text=True
    ).stdout


def test_net_figures_are_in_the_json_and_the_csv(tmp_path: Path) -> None:
    ledger = tmp_path / "books.beancount"
    ledger.write_text(
        HEADER
        + TAX
        + """
plugin "beancount_plugins.clienthealth" "{'as_of': '2025-06-30'}"
2025-03-01 * "Acme GmbH" "Relaunch" ^inv-1 #client-acme
  Assets:Receivable      1190.00 EUR
  Income:Consulting     -1000.00 EUR
  Liabilities:VAT        -190.00 EUR

2025-04-10 * "Acme GmbH" "Half of it" ^inv-1
  Assets:Bank             595.00 EUR
  Assets:Receivable
"""
    )
    report = json.loads(cli(ledger, "json"))
    [acme] = report["clients"]
    assert (acme["invoiced"], acme["invoiced_net"]) == ("1190.00", "1000.00")
    assert (acme["paid"], acme["paid_net"]) == ("595.00", "500.00")  # 595 x 1000 / 1190
    keys = list(acme)
    assert keys.index("invoiced_net") == keys.index("invoiced") + 1
    assert keys.index("paid_net") == keys.index("paid") + 1
    [inv] = report["invoices"]
    assert (inv["amount"], inv["net"]) == ("1190.00", "1000.00")
    [columns] = csv.DictReader(io.StringIO(cli(ledger, "csv")))
    assert (columns["invoiced_net"], columns["paid_net"]) == ("1000.00", "500.00")


def test_the_tab_and_the_table_show_net_beside_gross(tmp_path: Path) -> None:
    text = """\
        option "title" "Studio"
        option "operating_currency" "EUR"
        2025-01-01 custom "fava-extension" "fava_clienthealth" "{'as_of': '2025-06-30'}"
        2025-01-01 open Assets:Bank
        2025-01-01 open Assets:Receivable
        2025-01-01 open Income:Consulting
        2025-01-01 open Liabilities:VAT
        2025-03-01 * "Acme GmbH" "Relaunch" ^inv-1 #client-acme
          hours: 5
          Assets:Receivable      1190.00 EUR
          Income:Consulting     -1000.00 EUR
          Liabilities:VAT        -190.00 EUR
        2025-04-10 * "Acme GmbH" "Half of it" ^inv-1
          Assets:Bank             595.00 EUR
          Assets:Receivable
        """
    client_ = fava(tmp_path, text)
    overview = texts(tables(page(client_))["ch-ranking"], 0)
    # The ranking has no room for a net revenue column (it must fit 1280 px):
    # its yield and revenue share are net; the client page shows net beside gross.
    assert "Net revenue" not in overview
    assert overview["Revenue / time"] == "100% / 100%"
    assert overview["Yield / h"] == "100.00"  # 595 x 1000 / 1190 = 500 net paid / 5 hours
    acme = page(client_, f"{TAB}?client=acme")
    shown_text = " ".join(shown(acme).split())
    assert "Invoiced net of tax 1000.00" in shown_text
    assert "Paid net of tax 500.00" in shown_text
    [table] = [t for t in tables(acme).values() if "Due" in [h["text"] for h in t["head"]]]
    assert texts(table, 0)["Net"] == "1000.00"
    ledger = tmp_path / "ledger.beancount"
    plugin = "plugin \"beancount_plugins.clienthealth\" \"{'as_of': '2025-06-30'}\"\n"
    ledger.write_text(plugin + textwrap.dedent(text))
    table_text = cli(ledger, "table")
    # The table has no room for a net column: its yield and revenue share are net.
    assert "Rev: share of revenue net of sales tax." in table_text
    acme = next(line for line in table_text.splitlines() if line.startswith("Acme GmbH"))
    assert " 100 " in acme  # yield per hour, 500 net paid / 5 hours
