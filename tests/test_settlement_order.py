"""SPEC section 4: which invoices a settlement applies to: `invoice:`, links, then FIFO."""

from __future__ import annotations

from beancount.core import data

from beancount_plugins.clienthealth.model import Report
from tests.helpers import D, analysed, invoice, messages


@analysed()
def test_posting_invoice_beats_transaction_invoice_beats_fifo(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "One" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-03-02 * "Acme GmbH" "Two" ^inv-2 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-03-03 * "Acme GmbH" "Three" ^inv-3 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-10 * "Acme GmbH" "Payment" #client-acme
      invoice: "inv-2"
      Assets:Bank          1300.00 EUR
      Assets:Receivable    -300.00 EUR
        invoice: "inv-3"
      Assets:Receivable   -1000.00 EUR
    """
    assert invoice(report, "inv-1").paid == 0
    assert invoice(report, "inv-2").paid == D("1000.00")
    assert invoice(report, "inv-3").paid == D("300.00")


@analysed()
def test_links_oldest_first_up_to_the_open_amount(report: Report) -> None:
    """
    2025-02-01 * "Acme GmbH" "Zero" ^inv-0 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-03-01 * "Acme GmbH" "One" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-03-02 * "Acme GmbH" "Two" ^inv-2 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-10 * "Acme GmbH" "Payment" ^inv-2 ^inv-1 ^bank-2025-03
      Assets:Bank          1500.00 EUR
      Assets:Receivable   -1500.00 EUR
    """
    assert invoice(report, "inv-0").paid == 0
    assert invoice(report, "inv-1").paid == D("1000.00")
    assert invoice(report, "inv-2").paid == D("500.00")
    # ^bank-2025-03 names no invoice: simply not an invoice link.
    assert messages(report) == []


@analysed()
def test_what_links_leave_goes_first_in_first_out(report: Report) -> None:
    """
    2025-02-01 * "Acme GmbH" "Zero" ^inv-0 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-03-01 * "Acme GmbH" "One" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-03-02 * "Acme GmbH" "Two" ^inv-2 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-03-03 * "Acme GmbH" "Three" ^inv-3 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-10 * "Acme GmbH" "Payment" ^inv-2
      Assets:Bank          2500.00 EUR
      Assets:Receivable   -2500.00 EUR
    """
    # inv-2 takes 1000, then the oldest open: inv-0 1000, inv-1 500.
    assert [invoice(report, f"inv-{n}").paid for n in range(4)] == [
        D("1000.00"),
        D("500.00"),
        D("1000.00"),
        0,
    ]


@analysed()
def test_fifo_in_the_settlements_currency(report: Report) -> None:
    """
    2025-01-01 price USD 0.90 EUR

    2025-03-01 * "Acme GmbH" "One" ^inv-1 #client-acme
      Assets:Receivable    1000.00 USD
      Income:Consulting
    2025-03-02 * "Acme GmbH" "Two" ^inv-2 #client-acme
      Assets:Receivable     400.00 EUR
      Income:Consulting
    2025-03-03 * "Acme GmbH" "Three" ^inv-3 #client-acme
      Assets:Receivable     400.00 EUR
      Income:Consulting

    2025-03-10 * "Acme GmbH" "Payment" #client-acme
      Assets:Bank           500.00 EUR
      Assets:Receivable    -500.00 EUR
    """
    assert invoice(report, "inv-1").paid == 0
    assert invoice(report, "inv-2").paid == D("400.00")
    assert invoice(report, "inv-3").paid == D("100.00")


@analysed()
def test_invoice_naming_no_invoice_is_a_data_error_and_links_follow(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "One" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-03-02 * "Acme GmbH" "Two" ^inv-2 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-10 * "Acme GmbH" "Payment" ^inv-2 #client-acme
      invoice: "inv-99"
      Assets:Bank           300.00 EUR
      Assets:Receivable    -300.00 EUR
    """
    assert invoice(report, "inv-1").paid == 0
    assert invoice(report, "inv-2").paid == D("300.00")
    [error] = report.errors
    assert error.message.startswith('clienthealth: data: invoice: "inv-99" names no invoice')
    assert isinstance(error.entry, data.Transaction)
    assert error.entry.narration == "Payment"


@analysed()
def test_invoice_of_another_client_is_a_data_error_and_fifo_follows(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "One" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-03-02 * "Globex" "Two" ^inv-g #client-globex
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-10 * "Globex" "Payment" #client-globex
      Assets:Bank           300.00 EUR
      Assets:Receivable    -300.00 EUR
        invoice: "inv-1"
    """
    assert invoice(report, "inv-1").paid == 0
    assert invoice(report, "inv-g").paid == D("300.00")
    assert len(report.errors) == 1
    assert '"inv-1" names no invoice of client globex' in report.errors[0].message
