"""SPEC section 4: an invoice's days late and overdue, and its status."""

from __future__ import annotations

from beancount_plugins.clienthealth.model import Piece, Report
from tests.helpers import D, analysed, date, invoice


@analysed()
def test_partial_payments_and_days(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-10 * "Acme GmbH" "First part" ^inv-1
      Assets:Bank           300.00 EUR
      Assets:Receivable    -300.00 EUR

    2025-04-20 * "Acme GmbH" "The rest" ^inv-1
      Assets:Bank           700.00 EUR
      Assets:Receivable    -700.00 EUR
    """
    inv = invoice(report, "inv-1")
    assert (inv.paid, inv.credited, inv.open) == (D("1000.00"), D(0), D(0))
    assert inv.due == date("2025-03-31")
    assert inv.settled_on == date("2025-04-20")
    assert inv.days_to_pay == 50  # 30 days to March 31, then 20 in April
    assert inv.days_late == 20  # 2025-04-20 - 2025-03-31
    assert inv.days_overdue is None
    assert inv.status == "paid"
    assert inv.pieces == (
        Piece(date("2025-03-10"), D("300.00"), True),
        Piece(date("2025-04-20"), D("700.00"), True),
    )


@analysed()
def test_paid_before_due_is_not_late(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-11 * "Acme GmbH" "Payment" ^inv-1
      Assets:Bank          1000.00 EUR
      Assets:Receivable   -1000.00 EUR
    """
    inv = invoice(report, "inv-1")
    assert (inv.days_to_pay, inv.days_late) == (10, 0)


@analysed()
def test_open_invoice_days_overdue(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-10 * "Acme GmbH" "First part" ^inv-1
      Assets:Bank           300.00 EUR
      Assets:Receivable    -300.00 EUR
    """
    inv = invoice(report, "inv-1")
    assert inv.open == D("700.00")
    assert inv.settled_on is None
    assert (inv.days_to_pay, inv.days_late) == (None, None)
    assert inv.days_overdue == 91  # 2025-06-30 - 2025-03-31
    assert inv.status == "overdue"


@analysed()
def test_status_values(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Paid" ^paid #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting
    2025-03-05 * "Acme GmbH" "Payment" ^paid
      Assets:Bank           100.00 EUR
      Assets:Receivable    -100.00 EUR

    2025-03-01 * "Acme GmbH" "Written off" ^written-off #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting
    2025-05-05 * "Acme GmbH" "Write-off" ^written-off
      Expenses:BadDebt      100.00 EUR
      Assets:Receivable    -100.00 EUR

    2025-05-31 * "Acme GmbH" "Due today" ^due-today #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting

    2025-05-30 * "Acme GmbH" "Due yesterday" ^due-yesterday #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting

    2025-03-01 * "Acme GmbH" "Disputed" ^disputed #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting
    2025-04-10 * "Acme GmbH" "Not happy" ^disputed #dispute
    """
    status = {inv.invoice_id: inv.status for inv in report.invoices}
    assert status == {
        "paid": "paid",
        "written-off": "written-off",
        "due-today": "open",
        "due-yesterday": "overdue",
        "disputed": "disputed",
    }
    written_off = invoice(report, "written-off")
    assert (written_off.paid, written_off.credited) == (D(0), D("100.00"))
    assert written_off.settled_on == date("2025-05-05")
    assert written_off.days_to_pay is None
    assert invoice(report, "due-today").days_overdue == 0
    assert invoice(report, "due-yesterday").days_overdue == 1


@analysed()
def test_a_written_off_invoice_has_no_days_late(report: Report) -> None:
    # A write-off is no late payment (decisions.md, issue 17): it was 79.
    """
    2025-03-01 * "Nimbus Ltd" "Design" ^inv-1 #client-nimbus
      Assets:Receivable    1800.00 EUR
      Income:Consulting

    2025-06-18 * "Nimbus Ltd" "Write-off: never paid" ^inv-1
      Expenses:BadDebt     1800.00 EUR
      Assets:Receivable
    """
    inv = invoice(report, "inv-1")
    assert inv.status == "written-off"
    assert inv.settled_on == date("2025-06-18")  # 79 days after its due date, 2025-03-31
    assert (inv.days_to_pay, inv.days_late, inv.days_overdue) == (None, None, None)


@analysed()
def test_a_part_paid_then_written_off_invoice_keeps_days_late(report: Report) -> None:
    # Something was paid: the rest written off on the settling date is late by its days.
    """
    2025-03-01 * "Nimbus Ltd" "Design" ^inv-1 #client-nimbus
      Assets:Receivable    1800.00 EUR
      Income:Consulting

    2025-04-10 * "Nimbus Ltd" "Part payment" ^inv-1
      Assets:Bank           800.00 EUR
      Assets:Receivable

    2025-06-18 * "Nimbus Ltd" "Write-off of the rest" ^inv-1
      Expenses:BadDebt     1000.00 EUR
      Assets:Receivable
    """
    inv = invoice(report, "inv-1")
    assert inv.status == "paid"
    assert inv.days_late == 79  # 2025-06-18 - 2025-03-31
    assert inv.days_to_pay == 109  # 2025-06-18 - 2025-03-01


@analysed()
def test_an_invoice_past_due_and_in_dispute_raises_both(report: Report) -> None:
    # Overdue and in dispute: both signals (decisions.md, issue 17).
    """
    2025-03-01 * "Haggle & Co" "Design" ^inv-1 #client-haggle
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-04-15 * "Haggle & Co" "Disputes the design hours" ^inv-1 #dispute
      disputed: 400.00 EUR
    """
    inv = invoice(report, "inv-1")
    assert inv.status == "disputed"
    assert inv.days_overdue == 91  # 2025-06-30 - 2025-03-31
    kinds = [s.kind for s in report.signals if s.invoice_id == "inv-1"]
    assert kinds == ["overdue", "dispute"]
