"""SPEC section 4: credit and prepayments, surplus credit notes, and entries up to the date A."""

from __future__ import annotations

from beancount_plugins.clienthealth.model import Piece, Report
from tests.helpers import D, analysed, client, date, invoice, run


@analysed(as_of="2025-02-15")
def test_prepayment_is_credit_until_the_next_invoice(report: Report) -> None:
    """
    2025-02-01 * "Acme GmbH" "Retainer" #client-acme
      Assets:Bank           500.00 EUR
      Assets:Receivable    -500.00 EUR

    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1200.00 EUR
      Income:Consulting
    """
    assert report.invoices == []
    assert client(report, "acme").credit == D("500.00")


@analysed()
def test_prepayment_is_paid_on_the_next_invoice_date(report: Report) -> None:
    """
    2025-02-01 * "Acme GmbH" "Retainer" #client-acme
      Assets:Bank           500.00 EUR
      Assets:Receivable    -500.00 EUR

    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1200.00 EUR
      Income:Consulting

    2025-03-21 * "Acme GmbH" "The rest" ^inv-1
      Assets:Bank           700.00 EUR
      Assets:Receivable    -700.00 EUR
    """
    inv = invoice(report, "inv-1")
    assert inv.pieces == (
        Piece(date("2025-03-01"), D("500.00"), True),
        Piece(date("2025-03-21"), D("700.00"), True),
    )
    assert (inv.settled_on, inv.days_to_pay) == (date("2025-03-21"), 20)
    assert client(report, "acme").credit == 0


@analysed()
def test_overpayment_is_credit_for_the_next_invoice(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "One" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-10 * "Acme GmbH" "Payment" ^inv-1
      Assets:Bank          1200.00 EUR
      Assets:Receivable   -1200.00 EUR

    2025-04-01 * "Acme GmbH" "Two" ^inv-2 #client-acme
      Assets:Receivable     300.00 EUR
      Income:Consulting
    """
    assert invoice(report, "inv-1").paid == D("1000.00")
    inv2 = invoice(report, "inv-2")
    assert (inv2.paid, inv2.open) == (D("200.00"), D("100.00"))
    assert inv2.pieces == (Piece(date("2025-04-01"), D("200.00"), True),)
    assert client(report, "acme").credit == 0


LATE = """
2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
  Assets:Receivable    1000.00 EUR
  Income:Consulting

2025-07-01 * "Acme GmbH" "Next" ^inv-2 #client-acme
  Assets:Receivable     500.00 EUR
  Income:Consulting

2025-07-05 * "Acme GmbH" "Payment" ^inv-1
  Assets:Bank          1000.00 EUR
  Assets:Receivable   -1000.00 EUR
"""


def test_entries_after_as_of_are_ignored() -> None:
    report = run(LATE, as_of="2025-06-30")
    assert [i.invoice_id for i in report.invoices] == ["inv-1"]
    inv = invoice(report, "inv-1")
    assert (inv.paid, inv.open, inv.status) == (D(0), D("1000.00"), "overdue")


def test_entries_on_as_of_count() -> None:
    report = run(LATE, as_of="2025-07-05")
    assert [i.invoice_id for i in report.invoices] == ["inv-1", "inv-2"]
    assert invoice(report, "inv-1").status == "paid"
    assert invoice(report, "inv-1").settled_on == date("2025-07-05")


@analysed()
def test_same_day_payment_written_first_is_applied_on_the_invoice(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Payment" #client-acme
      Assets:Bank          1000.00 EUR
      Assets:Receivable   -1000.00 EUR

    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    """
    inv = invoice(report, "inv-1")
    assert (inv.paid, inv.settled_on, inv.days_to_pay) == (D("1000.00"), date("2025-03-01"), 0)


@analysed()
def test_a_surplus_credit_note_is_no_credit_paid_in_advance(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-05 * "Acme GmbH" "Credit note larger than the invoice" ^inv-1
      Income:Consulting    1200.00 EUR
      Assets:Receivable   -1200.00 EUR

    2025-03-06 * "Acme GmbH" "Prepayment" #client-acme
      Assets:Bank           300.00 EUR
      Assets:Receivable    -300.00 EUR
    """
    # `credit` is money paid in advance: the prepayment, not the 200 credited surplus.
    assert client(report, "acme").credit == D("300.00")


@analysed()
def test_nothing_paid_keeps_the_invoice_digits(report: Report) -> None:
    """
    2025-06-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    """
    inv = invoice(report, "inv-1")
    assert (str(inv.paid), str(inv.credited), str(inv.disputed)) == ("0.00", "0.00", "0.00")


@analysed()
def test_a_surplus_credit_note_credits_the_next_invoice_but_is_no_credit(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "One" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    ; A credit note of 1200.00 on an invoice of 1000.00: 200.00 is owed back.
    2025-03-10 * "Acme GmbH" "Credit note" ^inv-1
      Income:Consulting    1200.00 EUR
      Assets:Receivable   -1200.00 EUR

    2025-04-01 * "Acme GmbH" "Two" ^inv-2 #client-acme
      Assets:Receivable     300.00 EUR
      Income:Consulting
    """
    assert invoice(report, "inv-1").credited == D("1000.00")
    inv2 = invoice(report, "inv-2")
    assert (inv2.paid, inv2.credited, inv2.open) == (D(0), D("200.00"), D("100.00"))
    # `credit` is money paid in advance (SPEC 7); a credit note is none.
    assert client(report, "acme").credit == 0


@analysed()
def test_a_refund_of_an_overpayment_pays_back_the_credit_and_is_no_invoice(
    report: Report,
) -> None:
    """
    2025-03-01 * "Acme GmbH" "One" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-10 * "Acme GmbH" "Payment, 100 too much" ^inv-1
      Assets:Bank          1100.00 EUR
      Assets:Receivable   -1100.00 EUR

    2025-03-20 * "Acme GmbH" "Refund of the overpayment" #client-acme
      Assets:Receivable     100.00 EUR
      Assets:Bank          -100.00 EUR
    """
    # Money paid back is no work invoiced: invoiced and paid stay 1000, the credit is gone.
    assert [inv.invoice_id for inv in report.invoices] == ["inv-1"]
    acme = client(report, "acme")
    assert (acme.invoiced, acme.paid, acme.open, acme.credit) == (
        D("1000.00"),
        D("1000.00"),
        D(0),
        D(0),
    )


@analysed()
def test_money_paid_out_beyond_the_clients_credit_is_an_invoice(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "An advance to the client" #client-acme
      Assets:Receivable     100.00 EUR
      Assets:Bank          -100.00 EUR

    2025-03-05 * "Acme GmbH" "Website" ^inv-2 #client-acme
      Assets:Receivable     500.00 EUR
      Income:Consulting
    """
    # No credit to pay back: as SPEC section 3 says, a positive receivable posting
    # of a client is an invoice, whatever it balances against.
    assert len(report.invoices) == 2
    assert client(report, "acme").invoiced == D("600.00")


@analysed()
def test_a_refund_takes_the_latest_paid_credit_and_leaves_the_rest(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Retainer" #client-acme
      Assets:Bank           300.00 EUR
      Assets:Receivable    -300.00 EUR

    2025-03-10 * "Acme GmbH" "Part of the retainer back" #client-acme
      Assets:Receivable     100.00 EUR
      Assets:Bank          -100.00 EUR

    2025-04-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable     500.00 EUR
      Income:Consulting
    """
    # 300 paid ahead, 100 paid back: the invoice takes the 200 left.
    inv = invoice(report, "inv-1")
    assert (inv.paid, inv.open) == (D("200.00"), D("300.00"))
    assert client(report, "acme").invoiced == D("500.00")


def test_a_refund_that_links_the_invoice_it_pays_back_reuses_no_id() -> None:
    report = run(
        """
        2025-03-01 * "Acme GmbH" "One" ^inv-1 #client-acme
          Assets:Receivable    1000.00 EUR
          Income:Consulting

        2025-03-10 * "Acme GmbH" "Payment, 100 too much" ^inv-1
          Assets:Bank          1100.00 EUR
          Assets:Receivable   -1100.00 EUR

        2025-03-20 * "Acme GmbH" "Refund of the overpayment" ^inv-1
          Assets:Receivable     100.00 EUR
          Assets:Bank          -100.00 EUR
        """
    )
    assert [e.message for e in report.errors] == []
    assert [inv.invoice_id for inv in report.invoices] == ["inv-1"]
    assert client(report, "acme").credit == 0


@analysed()
def test_a_refund_pays_out_what_a_credit_note_left_over(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "One" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-10 * "Acme GmbH" "Payment" ^inv-1
      Assets:Bank          1000.00 EUR
      Assets:Receivable   -1000.00 EUR

    2025-03-15 * "Acme GmbH" "Credit note: the order is cancelled" #client-acme
      Income:Consulting     1000.00 EUR
      Assets:Receivable    -1000.00 EUR

    2025-03-20 * "Acme GmbH" "Money back" #client-acme
      Assets:Receivable     1000.00 EUR
      Assets:Bank          -1000.00 EUR

    2025-04-01 * "Acme GmbH" "Two" ^inv-2 #client-acme
      Assets:Receivable     500.00 EUR
      Income:Consulting
    """
    # The credit note's surplus is paid back: nothing is left for inv-2 to take.
    assert [inv.invoice_id for inv in report.invoices] == ["inv-1", "inv-2"]
    inv2 = invoice(report, "inv-2")
    assert (inv2.paid, inv2.credited, inv2.open) == (D(0), D(0), D("500.00"))


def test_money_paid_out_linking_another_clients_invoice_still_reuses_its_id() -> None:
    report = run(
        """
        2025-03-01 * "Acme GmbH" "One" ^inv-1 #client-acme
          Assets:Receivable    1000.00 EUR
          Income:Consulting

        2025-03-02 * "Beta" "Paid out to beta, linking acme's invoice" ^inv-1 #client-beta
          Assets:Receivable     100.00 EUR
          Assets:Bank          -100.00 EUR
        """
    )
    # Beta holds no credit: an invoice of beta's, whose id is acme's invoice's.
    [error] = report.errors
    assert "invoice id inv-1 is used by an earlier invoice" in error.message


@analysed()
def test_a_refunded_deposit_for_a_later_invoice_is_paid_back_not_invoiced(report: Report) -> None:
    """
    2025-02-01 * "Acme GmbH" "Deposit for the project" #client-acme
      invoice: "inv-5"
      Assets:Bank          1000.00 EUR
      Assets:Receivable   -1000.00 EUR

    2025-03-01 * "Acme GmbH" "Project cancelled, the deposit paid back" #client-acme
      Assets:Receivable    1000.00 EUR
      Assets:Bank         -1000.00 EUR

    2025-04-01 * "Acme GmbH" "Another job" ^inv-6 #client-acme
      Assets:Receivable     300.00 EUR
      Income:Consulting

    2025-09-01 * "Acme GmbH" "The project after all, later" ^inv-5 #client-acme
      Assets:Receivable     500.00 EUR
      Income:Consulting
    """
    # The deposit held for inv-5 is credit (decisions.md) and the refund pays it
    # back: no invoice of 1000 open, and inv-5 finds nothing held for it.
    assert [inv.invoice_id for inv in report.invoices] == ["inv-6"]
    acme = client(report, "acme")
    assert (acme.invoiced, acme.paid, acme.credit) == (D("300.00"), D(0), D(0))
