"""SPEC section 6: billed and unbilled hours, costs, and the yield per hour."""

from __future__ import annotations

from decimal import Decimal

from beancount_plugins.clienthealth.model import Report
from tests.helpers import D, analysed, client, kinds, messages


@analysed()
def test_billed_and_unbilled_hours(report: Report) -> None:
    """
    ; Logged before the invoice, linked to it: billed.
    2025-02-20 * "Acme GmbH" "Design work" ^inv-1
      hours: 5

    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      hours: 20
      Assets:Receivable    2000.00 EUR
      Income:Consulting

    2025-03-05 * "Acme GmbH" "Kick-off call, not billed" #client-acme
      hours: 2.5

    2025-03-06 * "Acme GmbH" "Support, billed" #client-acme
      invoice: "inv-1"
      hours: 1.5
    """
    acme = client(report, "acme")
    assert acme.billed_hours == D("26.5")  # 5 + 20 + 1.5
    assert acme.unbilled_hours == D("2.5")
    assert acme.hours == D("29.0")
    assert acme.unbilled_share == D("2.5") / D("29.0")
    assert messages(report) == []
    # The dated hours behind those sums, for charts over time.
    assert [(str(w.date), w.hours, w.billed) for w in report.work["acme"]] == [
        ("2025-02-20", D("5"), True),
        ("2025-03-01", D("20"), True),
        ("2025-03-05", D("2.5"), False),
        ("2025-03-06", D("1.5"), True),
    ]


@analysed(as_of="2025-03-31")
def test_hours_linked_to_an_invoice_after_as_of_are_unbilled_at_as_of(report: Report) -> None:
    # At A inv-4 is not written yet: its hours are not billed, and `unbilled` says so.
    """
    2025-03-05 * "Acme GmbH" "Design work for inv-4" ^inv-4 #client-acme
      hours: 10

    2025-03-06 * "Acme GmbH" "Call" #client-acme
      hours: 2

    2025-04-01 * "Acme GmbH" "Website" ^inv-4 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    """
    acme = client(report, "acme")
    assert (acme.billed_hours, acme.unbilled_hours) == (D(0), D("12"))
    # SPEC 12: no invoice up to A, so all 12 hours are before the first one (> 8).
    assert kinds(report, "acme") == [("unbilled", None), ("free-work", None)]


@analysed()
def test_hours_are_counted_once_where_written(report: Report) -> None:
    """
    2025-01-01 price USD 0.90 EUR

    ; One transaction, two invoices (EUR and USD): its 10 hours count once.
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      hours: 10
      Assets:Receivable    1000.00 EUR
      Assets:Receivable     500.00 USD
      Income:Consulting   -1000.00 EUR
      Income:Consulting    -500.00 USD

    ; A payment carrying hours: counted once, billed (it links an invoice).
    2025-03-20 * "Acme GmbH" "Payment and a last fix" ^inv-1
      hours: 1
      Assets:Bank          1000.00 EUR
      Assets:Receivable   -1000.00 EUR
    """
    acme = client(report, "acme")
    assert (acme.hours, acme.billed_hours, acme.unbilled_hours) == (D(11), D(11), D(0))


@analysed()
def test_costs_are_expenses_of_transactions_that_are_not_settlements(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      hours: 20
      Assets:Receivable    2000.00 EUR
      Income:Consulting

    2025-03-03 * "Freelancer" "Subcontracted design" #client-acme
      Expenses:Subcontractors    300.00 EUR
      Assets:Bank

    2025-03-04 * "DB" "Train to Acme" #client-acme
      Expenses:Travel             89.90 EUR
      Liabilities:Card

    ; The bank fee of a payment is credited, not a cost.
    2025-03-25 * "Acme GmbH" "Payment" ^inv-1
      Assets:Bank          1990.00 EUR
      Expenses:BankFees      10.00 EUR
      Assets:Receivable   -2000.00 EUR

    ; Someone else's expense.
    2025-03-26 * "DB" "Train home"
      Expenses:Travel             50.00 EUR
      Liabilities:Card
    """
    acme = client(report, "acme")
    assert acme.costs == D("389.90")  # 300.00 + 89.90
    assert (acme.paid, acme.credited) == (D("1990.00"), D("10.00"))
    # (1990.00 - 389.90) / 20 = 1600.10 / 20 = 80.005
    assert acme.yield_per_hour == D("80.005")


@analysed()
def test_foreign_currency_costs_convert_at_their_date(report: Report) -> None:
    """
    2025-01-01 price USD 0.90 EUR
    2025-03-10 price USD 0.80 EUR

    2025-03-01 * "Acme GmbH" "Call" #client-acme
      hours: 4

    2025-03-03 * "Upwork" "Subcontractor" #client-acme
      Expenses:Subcontractors    100.00 USD
      Liabilities:Card
    """
    acme = client(report, "acme")
    assert acme.costs == D("90.00")
    assert acme.yield_per_hour == D("-22.5")  # (0 - 90.00) / 4


@analysed()
def test_yield_per_hour_is_none_without_hours(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    2000.00 EUR
      Income:Consulting
    """
    acme = client(report, "acme")
    assert acme.hours == 0
    assert acme.yield_per_hour is None
    assert acme.unbilled_share is None
    assert acme.time_share is None


@analysed(window_days=30)
def test_hours_and_costs_count_in_the_window(report: Report) -> None:
    """
    ; A = 2025-06-30, 30 days: the window starts on 2025-06-01.
    2025-05-31 * "Acme GmbH" "Before" #client-acme
      hours: 7
    2025-05-31 * "Freelancer" "Before" #client-acme
      Expenses:Subcontractors    70.00 EUR
      Assets:Bank
    2025-06-01 * "Acme GmbH" "First day" #client-acme
      hours: 3
    2025-06-01 * "Freelancer" "First day" #client-acme
      Expenses:Subcontractors    30.00 EUR
      Assets:Bank
    """
    acme = client(report, "acme")
    assert (acme.hours, acme.costs) == (D(3), D("30.00"))
    assert acme.yield_per_hour == D(-10)


@analysed()
def test_client_with_only_hours_is_listed(report: Report) -> None:
    """
    2025-03-05 * "Acme GmbH" "Pitch" #client-acme
      hours: 3
    """
    acme = client(report, "acme")
    assert (acme.invoiced, acme.hours, acme.yield_per_hour) == (D(0), D(3), Decimal(0))
    assert acme.payment_score is None
