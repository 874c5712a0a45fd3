"""SPEC section 4: what a settlement pays and what it credits (notes, write-offs, fees)."""

from __future__ import annotations

from beancount_plugins.clienthealth.model import Report
from tests.helpers import D, _split, analysed, invoice


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
def test_a_fee_priced_in_another_currency_keeps_the_invoices_decimals(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    2000.00 USD
      Income:Consulting

    2025-03-25 * "Acme GmbH" "Payment, less a fee charged in euros" ^inv-1
      Assets:Bank          1989.00 USD
      Expenses:BankFees      10.00 EUR @ 1.10 USD
      Assets:Receivable   -2000.00 USD
    """
    # 10.00 EUR @ 1.10 USD weighs 11.0000 USD: four decimals the invoice never wrote.
    assert [str(part) for part in _split(report, "inv-1")] == ["1989.00", "11.00", "0.00"]


@analysed()
def test_a_converted_fee_is_rounded_half_up_to_the_entrys_decimals(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    2000.00 USD
      Income:Consulting

    2025-03-25 * "Acme GmbH" "Payment, a fee of 11.485 USD in euros" ^inv-1
      Assets:Bank          1988.51 USD
      Expenses:BankFees      11.485 EUR @ 1.0 USD
      Assets:Receivable   -2000.00 USD
    """
    # Half up, not half even (11.48): and paid + credited is still the invoice.
    assert [str(part) for part in _split(report, "inv-1")] == ["1988.51", "11.49", "0.00"]
