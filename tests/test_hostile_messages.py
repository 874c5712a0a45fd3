"""Review: messages echo ledger values as the ledger writes them, and never huge."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from beancount_plugins.clienthealth import cli
from beancount_plugins.clienthealth import config as config_module
from beancount_plugins.clienthealth.json_report import report_json
from beancount_plugins.clienthealth.model import Report
from beancount_plugins.clienthealth.table import render_table
from beancount_plugins.clienthealth.text import SHOWN_CHARS, number, written
from fava_clienthealth.view import min_rate_text
from tests.helpers import date, load_with_plugin, messages, run

#: Short enough for one terminal line or two, whatever the ledger holds.
SHORT = 400

N = 100_000
LINK, TAG, CLIENT, PROJECT, ID = "L" * N, "t" * N, "c" * N, "p" * N, "i" * N

#: Every kind of value a message echoes, each 100,000 characters long.
HUGE = f"""
2024-01-01 custom "project" "{PROJECT}"
  client: "{CLIENT}"
  fee: -5 EUR
  budget_hours: -1
2024-01-02 custom "client" "{CLIENT}"
  name: "N{CLIENT}"
  terms: "x{CLIENT}"
2025-01-01 * "Acme" "Invoice" ^{LINK} #client-{TAG}
  invoice: "{ID}"
  hours: 100
  project: "{PROJECT}"
  due: "{ID}"
  Assets:Receivable  100.00 EUR
  Income:Consulting
2025-01-02 * "Acme" "Invoice with the same id" #client-{TAG}
  invoice: "{ID}"
  project: "q{PROJECT}"
  Assets:Receivable  100.00 EUR
  Income:Consulting
2025-01-03 * "Acme" "Two client tags" #client-{TAG} #client-b{CLIENT}
  Assets:Bank  1.00 EUR
  Income:Consulting
2025-02-01 * "Acme" "Payment naming no invoice"
  client: "{CLIENT}"
  invoice: "z{ID}"
  Assets:Bank  10.00 EUR
  Assets:Receivable
2025-02-01 * "Acme" "Reminder" ^zz{LINK} #reminder
2025-02-01 * "Acme" "Dispute" #dispute #client-{TAG}
  invoice: "zz{ID}"
2025-02-02 * "Acme" "Payment of no client" ^{LINK}x
  Assets:Bank  10.00 EUR
  Assets:Receivable
2025-03-01 * "Acme" "Work" #client-{TAG}
  hours: 100
"""

#: low-yield-time names its clients through a helper of its own (ranking.py).
CONFIG = (
    "{'as_of': '2025-06-30', 'min_rate': '80 EUR', 'warnings': ["
    "'overdue', 'dispute', 'slow-payer', 'low-yield', 'unbilled', 'concentration', "
    "'bottom', 'rework', 'free-work', 'over-budget']}"
)


def test_huge_ledger_values_make_short_messages() -> None:
    _, errors, _ = load_with_plugin(HUGE, CONFIG)
    found = messages(errors)
    # Each kind of message that echoes a value is there, and each is short.
    for part in (
        "terms:",
        "due:",
        "two client tags",
        "is used by an earlier invoice",
        "names no invoice",
        "fee:",
        "budget_hours:",
        "names no project",
        "receivable posting with no client",
        "overdue:",
        "slow-payer:",
        "low-yield:",
        "unbilled:",
        "concentration:",
    ):
        assert any(part in message for message in found), (part, [m[:120] for m in found])
    long = [(len(message), message[:120]) for message in found if len(message) > SHORT]
    assert not long
    # The cut value says how long it was.
    assert any(f"({N} characters)" in message for message in found)


def test_huge_ledger_values_keep_their_data_whole() -> None:
    report = run(HUGE, min_rate="80 EUR")
    # Ids and names are data, not messages: complete in the report and its JSON.
    assert any(i.invoice_id == ID for i in report.invoices)
    assert any(c.client == TAG for c in report.clients)
    assert any(s.invoice_id == ID for s in report.signals)
    assert ID in json.dumps(report_json(report))


def test_bean_check_prints_short_message_lines(tmp_path: Path) -> None:
    path = tmp_path / "books.beancount"
    head = f'plugin "beancount_plugins.clienthealth" "{CONFIG}"\n'
    opens = "".join(
        f"2020-01-01 open {account}\n"
        for account in ("Assets:Bank", "Assets:Receivable", "Income:Consulting")
    )
    path.write_text(head + 'option "operating_currency" "EUR"\n' + opens + HUGE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "beancount.scripts.check", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"},
        timeout=120,
        check=False,
    )
    lines = result.stderr.splitlines()
    # `file:line: message` lines; the entry follows, indented, as Beancount prints it.
    heads = [line for line in lines if line.startswith(f"{path}:")]
    assert len(heads) > 10, result.stderr[:2000]
    assert max(len(line) for line in heads) < SHORT + len(str(path))
    # What is left is Beancount's print of each entry, whose values are the ledger's.
    printed = sum(len(line) + 1 for line in lines if not line.startswith(f"{path}:"))
    assert len(result.stderr) - printed < len(heads) * (SHORT + len(str(path)))


def test_the_command_line_prints_short_error_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "books.beancount"
    opens = "".join(
        f"2020-01-01 open {account}\n"
        for account in ("Assets:Bank", "Assets:Receivable", "Income:Consulting")
    )
    path.write_text('option "operating_currency" "EUR"\n' + opens + HUGE, encoding="utf-8")
    assert cli.main([str(path), "--as-of", "2025-06-30", "--format", "json"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) > 5
    assert max(len(line) for line in err) < SHORT + len(str(path))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("-2"), "-2"),
        (Decimal("0.5"), "0.5"),
        (Decimal("1E+400"), "1E+400"),
        (Decimal("1E+999999999"), "1E+999999999"),
        (Decimal("-0." + "0" * 100_000 + "1"), "-1E-100001"),
        (Decimal("1." + "0" * 100 + "1"), "about 1"),
        (Decimal("1" * 401), "about 1.11111111111E+400"),
        (Decimal("100000000000000000000000000000.00"), "100000000000000000000000000000.00"),
    ],
)
def test_a_number_in_a_message_is_short(value: Decimal, text: str) -> None:
    assert number(value) == text


def test_a_value_is_shown_as_the_ledger_writes_it() -> None:
    assert written("text") == '"text"'
    assert written('say "hi"\\') == '"say \\"hi\\"\\\\"'
    assert written(Decimal("-2")) == "-2"
    assert written(date("2025-01-02")) == "2025-01-02"
    assert written(True) == "TRUE"
    assert written(None) == "empty"
    assert written("x" * 100) == '"' + "x" * (SHOWN_CHARS - 1) + "... (102 characters)"


def _problem(report: Report, part: str) -> str:
    [found] = [m for m in messages(report) if part in m]
    return found


def test_min_rate_of_1e400_prints_short() -> None:
    report = run(
        """
        2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
          hours: 10
          Assets:Receivable    1200.00 EUR
          Income:Consulting
        """,
        min_rate="1E+400 EUR",
    )
    [found] = [s.message for s in report.signals if s.kind == "low-yield"]
    assert found.endswith("(below 1E+400 EUR)")
    assert len(found) < SHORT


def test_a_tiny_ledger_number_prints_short() -> None:
    report = run(
        f"""
        2025-03-01 * "Acme GmbH" "Work" #client-acme
          hours: -0.{"0" * 200}1
        """
    )
    # Beancount reads at most about 300 characters of a number.
    assert _problem(report, "hours:") == (
        "clienthealth: data: hours: must be a number >= 0, not -1E-201"
    )


BAD_VALUES = """
2025-01-01 custom "client" "acme"
  terms: 2025-01-02
2025-01-01 custom "project" "relaunch"
  client: "acme"
  budget_hours: 0
2025-03-01 * "Acme GmbH" "Invoice" ^inv-1 #client-acme
  due: "soon"
  hours: -2
  Assets:Receivable    1200.00 EUR
  Income:Consulting
2025-03-02 * "Acme GmbH" "Payment" #client-acme
  invoice: 42
  Assets:Bank    100.00 EUR
  Assets:Receivable
2025-03-03 * "Acme GmbH" "Work" #client-acme
  project: 7
  billed_hours: TRUE
"""


def test_data_errors_show_values_as_written_not_python_reprs() -> None:
    found = messages(run(BAD_VALUES))
    prefix = "clienthealth: data: "
    assert sorted(found) == sorted(
        prefix + text
        for text in (
            "terms: must be a number of days, not 2025-01-02",
            "budget_hours: must be a number above 0, not 0 (project relaunch)",
            'due: must be a date, not "soon"',
            "hours: must be a number >= 0, not -2",
            "invoice: must be a string, not 42",
            "project: must be a string, not 7",
            "billed_hours: must be a number >= 0, not TRUE",
        )
    ), found
    for message in found:
        for python in ("Decimal(", "datetime.", "(str)", "(Decimal)", "'"):
            assert python not in message, message


@pytest.mark.parametrize("fee", ["-5.00 EUR", '"a lot"', "12000"])
def test_a_bad_fee_says_zero_or_more_and_names_the_project(fee: str) -> None:
    report = run(
        f"""
        2025-01-01 custom "project" "relaunch"
          client: "acme"
          fee: {fee}
        2025-03-01 * "Acme GmbH" "Work" #client-acme
          hours: 1
        """
    )
    found = _problem(report, "fee:")
    assert "fee: must be an amount of zero or more, as 12000.00 EUR" in found
    assert "(project relaunch)" in found
    assert "'" not in found


def test_a_reminder_before_its_invoice_says_so() -> None:
    report = run(
        """
        2025-01-05 * "Acme GmbH" "Reminder, too early" ^inv-1 #client-acme #reminder
        2025-02-01 * "Acme GmbH" "Work" ^inv-1 #client-acme
          Assets:Receivable    100.00 EUR
          Income:Consulting
        2025-01-06 * "Acme GmbH" "Dispute, too early" ^inv-1 #client-acme #dispute
        """
    )
    assert sorted(messages(report)) == [
        "clienthealth: data: dispute of 2025-01-06 is dated before invoice inv-1 "
        "of 2025-02-01, which it names: it is not counted",
        "clienthealth: data: reminder of 2025-01-05 is dated before invoice inv-1 "
        "of 2025-02-01, which it names: it is not counted",
    ]


def test_a_reminder_before_an_invoice_dated_after_a_says_so() -> None:
    report = run(
        """
        2025-06-01 * "Acme GmbH" "Reminder, too early" ^inv-1 #client-acme #reminder
        2025-07-01 * "Acme GmbH" "Work" ^inv-1 #client-acme
          Assets:Receivable    100.00 EUR
          Income:Consulting
        """
    )
    assert messages(report) == [
        "clienthealth: data: reminder of 2025-06-01 is dated before invoice inv-1 "
        "of 2025-07-01, which it names: it is not counted"
    ]


def _rework(rework_hours: str) -> Report:
    return run(
        f"""
        2025-03-01 * "Acme GmbH" "Work" ^inv-1 #client-acme
          hours: 100
          Assets:Receivable    10000.00 EUR
          Income:Consulting
        2025-03-02 * "Acme GmbH" "Redone" ^inv-1 #client-acme #rework
          hours: {rework_hours}
        """
    )


@pytest.mark.parametrize(
    ("hours", "shares"),
    [
        ("18.2", "(15.4%, above 15%)"),  # 18.2 / 118.2 = 15.397...%
        ("17.65", "(15.002%, above 15%)"),  # 17.65 / 117.65 = 15.0021...%
        ("30", "(23%, above 15%)"),  # 30 / 130: whole percentages, as before
    ],
)
def test_a_share_above_its_limit_never_prints_as_equal(hours: str, shares: str) -> None:
    [found] = [s.message for s in _rework(hours).signals if s.kind == "rework"]
    assert shares in found, found


def test_a_payment_with_only_a_project_link_is_told_what_to_do() -> None:
    report = run(
        """
        2025-01-01 custom "project" "relaunch"
          client: "acme"
        2025-03-01 * "Acme GmbH" "Invoice" ^inv-1 #client-acme
          project: "relaunch"
          Assets:Receivable    100.00 EUR
          Income:Consulting
        2025-03-10 * "Acme GmbH" "Payment" ^relaunch
          Assets:Bank          100.00 EUR
          Assets:Receivable
        """
    )
    found = _problem(report, "receivable posting with no client")
    assert "link it to an invoice" not in found
    assert "^relaunch is project relaunch of client acme, not an invoice" in found
    assert '#client-acme or add invoice: "<id>"' in found


def test_min_rate_of_1e400_prints_short_in_the_table_and_the_tab() -> None:
    report = run(
        """
        2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
          hours: 10
          Assets:Receivable    1200.00 EUR
          Income:Consulting
        """,
        min_rate="1E+400 EUR",
    )
    assert "Clients below min_rate 1E+400 EUR take" in render_table(report)
    config = config_module.from_mapping({"min_rate": "1E+400 EUR"})
    assert min_rate_text(report, config) == "1E+400 EUR"
