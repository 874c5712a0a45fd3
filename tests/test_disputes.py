"""SPEC section 5: disputes, what was conceded, and reminders."""

from __future__ import annotations

import textwrap
from typing import Any

from beancount_plugins.clienthealth.model import Report
from tests.helpers import D, analysed, client, date, invoice, messages, run

INVOICE = """
2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
  Assets:Receivable    1000.00 EUR
  Income:Consulting
"""


def _run(events: str, **config: Any) -> Report:
    return run(INVOICE + textwrap.dedent(events), **config)


def test_disputed_amount() -> None:
    report = _run("""
    2025-04-10 * "Acme GmbH" "Disputes the hours" ^inv-1 #dispute
      disputed: 300.00 EUR
    """)
    inv = invoice(report, "inv-1")
    assert (inv.disputed, inv.open_disputed, inv.disputes) == (D("300.00"), D("300.00"), 1)
    assert inv.status == "disputed"
    assert messages(report) == []


def test_dispute_without_amount_is_of_the_whole_open_amount() -> None:
    report = _run("""
    2025-03-20 * "Acme GmbH" "Part" ^inv-1
      Assets:Bank           400.00 EUR
      Assets:Receivable    -400.00 EUR
    2025-04-10 * "Acme GmbH" "Disputes the rest" #dispute
      invoice: "inv-1"
    """)
    assert invoice(report, "inv-1").disputed == D("600.00")


def test_disputes_add_up() -> None:
    report = _run("""
    2025-04-10 * "Acme GmbH" "One" ^inv-1 #dispute
      disputed: 300.00 EUR
    2025-04-20 * "Acme GmbH" "Two" ^inv-1 #dispute
      disputed: 200.00 EUR
    """)
    inv = invoice(report, "inv-1")
    assert (inv.disputed, inv.disputes) == (D("500.00"), 2)


def test_disputes_are_capped_at_the_invoice_amount() -> None:
    report = _run("""
    2025-04-10 * "Acme GmbH" "One" ^inv-1 #dispute
      disputed: 700.00 EUR
    2025-04-20 * "Acme GmbH" "Two" ^inv-1 #dispute
      disputed: 500.00 EUR
    """)
    assert invoice(report, "inv-1").disputed == D("1000.00")


def test_open_disputed_is_at_most_the_open_amount() -> None:
    report = _run("""
    2025-04-10 * "Acme GmbH" "Dispute" ^inv-1 #dispute
      disputed: 800.00 EUR
    2025-04-20 * "Acme GmbH" "Pays what is not disputed, and some" ^inv-1
      Assets:Bank           600.00 EUR
      Assets:Receivable    -600.00 EUR
    """)
    inv = invoice(report, "inv-1")
    assert (inv.disputed, inv.open, inv.open_disputed) == (D("800.00"), D("400.00"), D("400.00"))


CONCEDED = """
2025-04-10 * "Acme GmbH" "Dispute" ^inv-1 #dispute
  disputed: 300.00 EUR
2025-04-20 * "Acme GmbH" "Credit note" ^inv-1
  Income:Consulting     200.00 EUR
  Assets:Receivable    -200.00 EUR
2025-05-01 * "Acme GmbH" "Payment" ^inv-1
  Assets:Bank           800.00 EUR
  Assets:Receivable    -800.00 EUR
"""


def test_conceded_and_recovered() -> None:
    inv = invoice(_run(CONCEDED), "inv-1")
    # conceded = min(disputed 300, credited after the dispute 200); 100 recovered
    assert (inv.disputed, inv.conceded, inv.open_disputed) == (D("300.00"), D("200.00"), D(0))
    assert inv.disputed - inv.conceded == D("100.00")
    assert inv.status == "paid"


def test_conceded_counts_only_once_settled() -> None:
    inv = invoice(_run(CONCEDED, as_of="2025-04-25"), "inv-1")
    assert (inv.open, inv.conceded, inv.open_disputed) == (D("800.00"), D(0), D("300.00"))


def test_credit_before_the_dispute_is_not_conceded() -> None:
    report = _run("""
    2025-03-15 * "Acme GmbH" "Discount" ^inv-1
      Expenses:Discounts    100.00 EUR
      Assets:Receivable    -100.00 EUR
    2025-04-10 * "Acme GmbH" "Dispute" ^inv-1 #dispute
      disputed: 300.00 EUR
    2025-05-01 * "Acme GmbH" "Payment" ^inv-1
      Assets:Bank           900.00 EUR
      Assets:Receivable    -900.00 EUR
    """)
    assert invoice(report, "inv-1").conceded == 0


def test_conceded_is_at_most_disputed() -> None:
    report = _run("""
    2025-04-10 * "Acme GmbH" "Dispute" ^inv-1 #dispute
      disputed: 300.00 EUR
    2025-04-20 * "Acme GmbH" "Write-off" ^inv-1
      Expenses:BadDebt     1000.00 EUR
      Assets:Receivable   -1000.00 EUR
    """)
    inv = invoice(report, "inv-1")
    assert (inv.credited, inv.conceded, inv.status) == (D("1000.00"), D("300.00"), "written-off")


def test_dispute_and_credit_note_in_one_transaction_is_a_concession() -> None:
    report = _run("""
    2025-04-10 * "Acme GmbH" "Dispute settled with a credit note" ^inv-1 #dispute
      disputed: 250.00 EUR
      Income:Consulting     250.00 EUR
      Assets:Receivable    -250.00 EUR
    2025-05-01 * "Acme GmbH" "Payment" ^inv-1
      Assets:Bank           750.00 EUR
      Assets:Receivable    -750.00 EUR
    """)
    assert invoice(report, "inv-1").conceded == D("250.00")


def test_dispute_naming_no_invoice_is_a_data_error() -> None:
    report = _run("""
    2025-04-10 * "Acme GmbH" "Unhappy about something" #dispute #client-acme
    """)
    assert invoice(report, "inv-1").disputes == 0
    [error] = report.errors
    assert error.message.startswith("clienthealth: data: dispute names no invoice")
    assert error.entry is not None
    assert error.entry.date == date("2025-04-10")


def test_dispute_in_another_currency_is_of_the_whole_open_amount() -> None:
    report = _run("""
    2025-04-10 * "Acme GmbH" "Dispute" ^inv-1 #dispute
      disputed: 300.00 USD
    """)
    assert invoice(report, "inv-1").disputed == D("1000.00")
    [error] = report.errors
    assert error.message.startswith("clienthealth: data: disputed: 300.00 USD")


def test_dispute_amount_of_several_invoices_goes_to_the_oldest() -> None:
    report = _run("""
    2025-03-05 * "Acme GmbH" "Website 2" ^inv-2 #client-acme
      Assets:Receivable     500.00 EUR
      Income:Consulting
    2025-04-10 * "Acme GmbH" "Dispute" ^inv-2 ^inv-1 #dispute
      disputed: 300.00 EUR
    """)
    assert invoice(report, "inv-1").disputed == D("300.00")
    assert invoice(report, "inv-2").disputed == 0


def test_reminders_are_counted() -> None:
    report = _run("""
    2025-04-10 * "Acme GmbH" "First reminder" ^inv-1 #reminder
    2025-04-24 * "Acme GmbH" "Second reminder" #reminder
      invoice: "inv-1"
    """)
    assert invoice(report, "inv-1").reminders == 2
    assert client(report, "acme").reminders == 2
    assert messages(report) == []


def test_reminder_naming_no_invoice_is_a_data_error() -> None:
    report = _run("""
    2025-04-10 * "Acme GmbH" "Reminder" #reminder #client-acme
    """)
    assert invoice(report, "inv-1").reminders == 0
    [error] = report.errors
    assert error.message.startswith("clienthealth: data: reminder names no invoice")


def test_custom_dispute_and_reminder_tags() -> None:
    report = _run(
        """
    2025-04-10 * "Acme GmbH" "Dispute" ^inv-1 #contested
      disputed: 100.00 EUR
    2025-04-11 * "Acme GmbH" "Reminder" ^inv-1 #dunning
    2025-04-12 * "Acme GmbH" "Not a dispute now" ^inv-1 #dispute #reminder
    """,
        dispute_tag="contested",
        reminder_tag="dunning",
    )
    inv = invoice(report, "inv-1")
    assert (inv.disputed, inv.disputes, inv.reminders) == (D("100.00"), 1, 1)


@analysed()
def test_client_dispute_figures(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "One" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-03-02 * "Acme GmbH" "Two" ^inv-2 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-04-10 * "Acme GmbH" "Dispute" ^inv-1 #dispute
      disputed: 300.00 EUR
    2025-04-10 * "Acme GmbH" "Dispute" ^inv-2 #dispute
      disputed: 200.00 EUR
    2025-04-20 * "Acme GmbH" "Credit note" ^inv-2
      Income:Consulting     200.00 EUR
      Assets:Receivable    -200.00 EUR
    2025-05-01 * "Acme GmbH" "Payment" ^inv-2
      Assets:Bank           800.00 EUR
      Assets:Receivable    -800.00 EUR
    """
    acme = client(report, "acme")
    assert (acme.disputed, acme.open_disputed, acme.conceded) == (
        D("500.00"),
        D("300.00"),
        D("200.00"),
    )
    assert acme.disputes == 2
    assert acme.dispute_rate == D("0.25")  # 500 / 2000


def test_dispute_amount_goes_to_the_oldest_whatever_the_ids_sort_order() -> None:
    report = _run("""
    2025-03-05 * "Acme GmbH" "Website 2" ^aa-2 #client-acme
      Assets:Receivable     500.00 EUR
      Income:Consulting
    2025-04-10 * "Acme GmbH" "Dispute" ^aa-2 ^inv-1 #dispute
      disputed: 300.00 EUR
    """)
    # inv-1 (2025-03-01, from _run's ledger) is older than aa-2, though "aa-2" sorts first.
    assert invoice(report, "inv-1").disputed == D("300.00")
    assert invoice(report, "aa-2").disputed == 0


@analysed()
def test_an_invoice_in_two_currencies_counts_its_events_once(report: Report) -> None:
    """
    2025-01-01 price USD 0.90 EUR

    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Assets:Receivable     500.00 USD
      Income:Consulting   -1000.00 EUR
      Income:Consulting    -500.00 USD

    2025-04-10 * "Acme GmbH" "Reminder" ^inv-1 #reminder
    2025-04-20 * "Acme GmbH" "Dispute" ^inv-1 #dispute
    """
    assert [(i.currency, i.disputes, i.reminders) for i in report.invoices] == [
        ("EUR", 1, 1),
        ("USD", 1, 1),
    ]
    acme = client(report, "acme")
    assert (acme.disputes, acme.reminders) == (1, 1)


@analysed()
def test_nothing_conceded_keeps_the_amounts_digits(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-10 * "Acme GmbH" "Disputes the invoice" ^inv-1 #dispute
      disputed: 300.00 EUR

    2025-04-01 * "Acme GmbH" "Pays in full after all" ^inv-1
      Assets:Bank          1000.00 EUR
      Assets:Receivable
    """
    # Settled, disputed, nothing credited: conceded is 0.00 like every zero amount.
    assert str(invoice(report, "inv-1").conceded) == "0.00"
