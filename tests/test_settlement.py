"""SPEC section 4: what a settlement pays or credits, and which invoices it applies to."""

from __future__ import annotations

from decimal import Decimal

from beancount.core import data

from beancount_plugins.clienthealth.model import Report
from tests.helpers import D, analysed, client, invoice, messages


def _split(
    report: Report, invoice_id: str, currency: str | None = None
) -> tuple[Decimal, Decimal, Decimal]:
    inv = invoice(report, invoice_id, currency)
    return inv.paid, inv.credited, inv.open


@analysed()
def test_credit_note_is_credited(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-05 * "Acme GmbH" "Credit note" ^inv-1
      Income:Consulting     200.00 EUR
      Assets:Receivable    -200.00 EUR

    2025-03-20 * "Acme GmbH" "Payment" ^inv-1
      Assets:Bank           800.00 EUR
      Assets:Receivable    -800.00 EUR
    """
    assert _split(report, "inv-1") == (D("800.00"), D("200.00"), D(0))
    assert invoice(report, "inv-1").status == "paid"


@analysed()
def test_write_off_is_credited(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-20 * "Acme GmbH" "Payment" ^inv-1
      Assets:Bank           600.00 EUR
      Assets:Receivable    -600.00 EUR

    2025-06-01 * "Acme GmbH" "Write off the rest" ^inv-1
      Expenses:BadDebt      400.00 EUR
      Assets:Receivable    -400.00 EUR
    """
    assert _split(report, "inv-1") == (D("600.00"), D("400.00"), D(0))


@analysed()
def test_bank_fee_is_credited_and_the_rest_paid(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-25 * "Acme GmbH" "Payment, less the bank's fee" ^inv-1
      Assets:Bank           985.00 EUR
      Expenses:BankFees      15.00 EUR
      Assets:Receivable   -1000.00 EUR
    """
    assert _split(report, "inv-1") == (D("985.00"), D("15.00"), D(0))


@analysed()
def test_credited_is_at_most_the_settled_amount(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    ; R = 100, C = 150: credited = min(100, 150) = 100, paid = 0.
    2025-03-25 * "Acme GmbH" "Discount and a refund" ^inv-1
      Expenses:Discounts    150.00 EUR
      Assets:Bank           -50.00 EUR
      Assets:Receivable    -100.00 EUR
    """
    assert _split(report, "inv-1") == (D(0), D("100.00"), D("900.00"))


@analysed()
def test_negative_income_in_a_settlement_is_no_credit(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-25 * "Acme GmbH" "Payment with a tip" ^inv-1
      Assets:Bank          1050.00 EUR
      Income:Other          -50.00 EUR
      Assets:Receivable   -1000.00 EUR
    """
    assert _split(report, "inv-1") == (D("1000.00"), D(0), D(0))


@analysed()
def test_foreign_currency_payment_is_paid(report: Report) -> None:
    """
    2025-01-01 price USD 0.90 EUR

    2025-03-01 * "Acme Inc" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 USD
      Income:Consulting

    ; The EUR fee is not in the receivable's currency (USD): C = 0.
    2025-03-25 * "Acme Inc" "Payment in EUR" ^inv-1
      Assets:Bank           880.00 EUR
      Expenses:BankFees      20.00 EUR
      Assets:Receivable   -1000.00 USD @ 0.90 EUR
    """
    assert _split(report, "inv-1", "USD") == (D("1000.00"), D(0), D(0))


@analysed()
def test_credit_pool_is_shared_in_posting_order(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "One" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-02 * "Acme GmbH" "Two" ^inv-2 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    ; C = 500: the first posting takes it all (credited 500, paid 100).
    2025-03-25 * "Acme GmbH" "Payment with a discount" #client-acme
      Assets:Bank           500.00 EUR
      Expenses:Discounts    500.00 EUR
      Assets:Receivable    -600.00 EUR
        invoice: "inv-1"
      Assets:Receivable    -400.00 EUR
        invoice: "inv-2"
    """
    assert _split(report, "inv-1") == (D("100.00"), D("500.00"), D("400.00"))
    assert _split(report, "inv-2") == (D("400.00"), D(0), D("600.00"))


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
    assert error.message.startswith("clienthealth: data: invoice: 'inv-99' names no invoice")
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
    assert "'inv-1' names no invoice of client globex" in report.errors[0].message


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
        ("clienthealth: data: invoice: must be a string, not Decimal('42') (Decimal)", "acme"),
        ("clienthealth: data: invoice: 'inv-7' names no invoice of client acme", "acme"),
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
        "clienthealth: data: invoice: 'nosuch' names no invoice of client acme",
        "clienthealth: data: invoice: must be a string, not Decimal('5') (Decimal)",
    ]
