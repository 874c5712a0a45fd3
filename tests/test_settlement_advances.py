"""SPEC section 4: advances, payments in an invoice's own transaction, `invoice:` read once."""

from __future__ import annotations

from beancount_plugins.clienthealth.model import Report
from tests.helpers import D, _split, analysed, client, invoice, messages


@analysed()
def test_posting_invoice_naming_a_later_invoice_is_no_data_error(report: Report) -> None:
    """
    2025-02-01 * "Acme GmbH" "Deposit for the website" #client-acme
      Assets:Bank            300.00 EUR
      Assets:Receivable     -300.00 EUR
        invoice: "inv-9"

    2025-03-01 * "Acme GmbH" "Website" #client-acme
      invoice: "inv-9"
      Assets:Receivable     1000.00 EUR
      Income:Consulting
    """
    # The deposit is credit until inv-9 is written, then pays it on its date.
    assert messages(report) == []
    assert _split(report, "inv-9") == (D("300.00"), D(0), D("700.00"))
    assert invoice(report, "inv-9").pieces[0].date.isoformat() == "2025-03-01"


@analysed()
def test_an_advance_naming_a_later_invoice_waits_for_it(report: Report) -> None:
    """
    2025-01-10 * "Acme" "Old invoice" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    ; A deposit for inv-2, before inv-2 is written: it must not pay inv-1.
    2025-03-01 * "Acme" "Deposit for inv-2" #client-acme
      Assets:Bank           700.00 EUR
      Assets:Receivable    -700.00 EUR
        invoice: "inv-2"

    2025-03-05 * "Acme" "New invoice" ^inv-2 #client-acme
      Assets:Receivable     500.00 EUR
      Income:Consulting

    2025-04-01 * "Acme" "Next invoice" ^inv-3 #client-acme
      Assets:Receivable     400.00 EUR
      Income:Consulting
    """
    assert _split(report, "inv-1") == (D(0), D(0), D("1000.00"))
    # Paid on its own date, as a prepayment is; the 200.00 over it is credit.
    assert _split(report, "inv-2") == (D("500.00"), D(0), D(0))
    assert invoice(report, "inv-2").settled_on == invoice(report, "inv-2").date
    assert _split(report, "inv-3") == (D("200.00"), D(0), D("200.00"))
    assert messages(report) == []


@analysed()
def test_an_advance_for_an_invoice_after_as_of_is_credit(report: Report) -> None:
    """
    2025-05-01 * "Acme" "Deposit for inv-9" #client-acme
      invoice: "inv-9"
      Assets:Bank           300.00 EUR
      Assets:Receivable    -300.00 EUR

    2025-08-01 * "Acme" "Invoice after A" ^inv-9 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    """
    assert client(report, "acme").credit == D("300.00")
    assert messages(report) == []


@analysed()
def test_an_advance_for_an_invoice_in_another_currency_becomes_credit(report: Report) -> None:
    # inv-9 turns out to be in USD: the EUR held for it is credit from its date.
    """
    2025-02-01 * "Acme" "Deposit for inv-9" #client-acme
      invoice: "inv-9"
      Assets:Bank           200.00 EUR
      Assets:Receivable    -200.00 EUR

    2025-03-01 * "Acme" "Invoice in USD" ^inv-9 #client-acme
      Assets:Receivable    1000.00 USD
      Income:Consulting

    2025-04-01 * "Acme" "Next invoice in EUR" ^inv-10 #client-acme
      Assets:Receivable     500.00 EUR
      Income:Consulting
    """
    assert _split(report, "inv-9", "USD") == (D(0), D(0), D("1000.00"))
    assert _split(report, "inv-10") == (D("200.00"), D(0), D("300.00"))
    assert invoice(report, "inv-10").pieces[0].date == invoice(report, "inv-10").date


@analysed(as_of="2025-03-05")
def test_payment_in_the_invoice_own_transaction_pays_that_invoice(report: Report) -> None:
    # Paid on the spot: the transaction's `invoice:` names its own invoice (rule 1).
    """
    2025-01-10 * "Acme GmbH" "Older work" ^inv-1 #client-acme
      Assets:Receivable     500.00 EUR
      Income:Consulting

    2025-03-01 * "Acme GmbH" "Workshop, paid on the spot" #client-acme
      invoice: "inv-2"
      Assets:Receivable    1000.00 EUR
      Income:Consulting
      Assets:Bank          1000.00 EUR
      Assets:Receivable   -1000.00 EUR
    """
    assert _split(report, "inv-2") == (D("1000.00"), D(0), D(0))
    assert _split(report, "inv-1") == (D(0), D(0), D("500.00"))
    assert invoice(report, "inv-1").status == "overdue"


@analysed(as_of="2025-03-05")
def test_deposit_in_the_invoice_own_transaction_pays_its_link(report: Report) -> None:
    # Rule 2: the link of the invoice's own transaction names it, open by then.
    """
    2025-01-10 * "Acme GmbH" "Older work" ^inv-1 #client-acme
      Assets:Receivable     500.00 EUR
      Income:Consulting

    2025-03-01 * "Acme GmbH" "Project, 30% deposit taken" ^inv-2 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
      Assets:Bank           300.00 EUR
      Assets:Receivable    -300.00 EUR
    """
    assert _split(report, "inv-2") == (D("300.00"), D(0), D("700.00"))
    assert _split(report, "inv-1") == (D(0), D(0), D("500.00"))


@analysed(as_of="2025-06-30")
def test_a_settling_posting_s_invoice_is_read_once_whatever_its_date(report: Report) -> None:
    """
    2020-01-01 open Assets:Receivable:Acme

    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable:Acme    1000.00 EUR
      Income:Consulting

    2025-03-10 * "Bank" "Transfer, no tag: the account is acme's"
      Assets:Bank                400.00 EUR
      Assets:Receivable:Acme    -400.00 EUR
        invoice: 42

    2025-07-10 * "Acme GmbH" "Payment after A" #client-acme
      Assets:Bank                100.00 EUR
      Assets:Receivable:Acme    -100.00 EUR
        invoice: "inv-7"
    """
    # The transfer still pays the oldest invoice; each problem is acme's.
    assert _split(report, "inv-1") == (D("400.00"), D(0), D("600.00"))
    assert [(e.message, e.client) for e in report.errors] == [
        ("clienthealth: data: invoice: must be a string, not 42", "acme"),
        ('clienthealth: data: invoice: "inv-7" names no invoice of client acme', "acme"),
    ]


@analysed(as_of="2025-06-30")
def test_an_invoice_posting_s_bad_invoice_is_an_error_and_one_message_is_said_once(
    report: Report,
) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
        invoice: 5
      Income:Consulting

    2025-03-10 * "Acme GmbH" "Payment" #client-acme
      invoice: "nosuch"
      Assets:Bank           300.00 EUR
      Assets:Receivable    -300.00 EUR
        invoice: "nosuch"
    """
    assert _split(report, "inv-1") == (D("300.00"), D(0), D("700.00"))
    assert messages(report) == [
        'clienthealth: data: invoice: "nosuch" names no invoice of client acme',
        "clienthealth: data: invoice: must be a string, not 5",
    ]
