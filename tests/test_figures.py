"""SPEC section 7: conversion, the window, aging and the days figures."""

from __future__ import annotations

from beancount_plugins.clienthealth.model import Aging, Report
from tests.helpers import D, analysed, client, invoice, run


@analysed()
def test_conversion_uses_the_price_on_the_transaction_date(report: Report) -> None:
    """
    2025-02-01 price USD 0.90 EUR
    2025-03-01 price USD 0.92 EUR
    2025-04-01 price USD 0.95 EUR

    2025-03-01 * "Acme Inc" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 USD
      Income:Consulting

    2025-04-10 * "Acme Inc" "Part" ^inv-1
      Assets:Bank           600.00 USD
      Assets:Receivable    -600.00 USD
    """
    acme = client(report, "acme")
    # Every figure of the invoice at its date's price, 0.92.
    assert (acme.invoiced, acme.paid, acme.open) == (D("920.00"), D("552.00"), D("368.00"))
    assert report.currency == "EUR"
    assert report.errors == []


@analysed()
def test_converted_parts_add_up_to_the_converted_amount(report: Report) -> None:
    """
    2025-01-01 price USD 0.50 EUR

    2025-03-01 * "Acme Inc" "Website" ^inv-1 #client-acme
      Assets:Receivable    1.00 USD
      Income:Consulting

    2025-03-10 * "Acme Inc" "A cent" ^inv-1
      Assets:Bank          0.01 USD
      Assets:Receivable   -0.01 USD
    """
    acme = client(report, "acme")
    # 0.005 -> 0.01 and 0.495 -> 0.50 round to 0.51; the rest (-0.01) goes to open.
    assert (acme.invoiced, acme.paid, acme.open) == (D("0.50"), D("0.01"), D("0.49"))


@analysed()
def test_missing_price_is_left_out_with_one_error_per_currency(report: Report) -> None:
    """
    2025-04-01 price GBP 1.20 EUR

    2025-03-01 * "Acme AG" "One" ^inv-1 #client-acme
      Assets:Receivable    100.00 CHF
      Income:Consulting
    2025-03-02 * "Acme AG" "Two" ^inv-2 #client-acme
      Assets:Receivable    200.00 CHF
      Income:Consulting
    ; The only GBP price is later than the invoice.
    2025-03-03 * "Acme AG" "Three" ^inv-3 #client-acme
      Assets:Receivable    300.00 GBP
      Income:Consulting
    2025-03-04 * "Acme AG" "Four" ^inv-4 #client-acme
      Assets:Receivable    400.00 EUR
      Income:Consulting
    """
    assert client(report, "acme").invoiced == D("400.00")
    assert sorted(e.message.split(" ")[5] for e in report.errors) == ["CHF", "GBP"]
    for error in report.errors:
        assert error.message.startswith("clienthealth: data: no price of ")
    # The invoices themselves are still there, in their own currency.
    assert invoice(report, "inv-2").amount == D("200.00")


WINDOW = """
2025-04-01 * "Acme GmbH" "Paid, before the window" ^inv-1 #client-acme
  Assets:Receivable    100.00 EUR
  Income:Consulting
2025-04-02 * "Acme GmbH" "Paid, first day of the window" ^inv-2 #client-acme
  Assets:Receivable    200.00 EUR
  Income:Consulting
2025-01-10 * "Acme GmbH" "Still open" ^inv-3 #client-acme
  Assets:Receivable    400.00 EUR
  Income:Consulting
2025-04-05 * "Acme GmbH" "Payment" ^inv-1 ^inv-2
  Assets:Bank           300.00 EUR
  Assets:Receivable    -300.00 EUR
"""


def test_window_covers_recent_and_still_open_invoices() -> None:
    # A = 2025-06-30, 90 days: the window starts on 2025-04-02 (A - 89 days).
    report = run(WINDOW, window_days=90)
    assert str(report.window_start) == "2025-04-02"
    acme = client(report, "acme")
    assert (acme.invoiced, acme.paid, acme.open) == (D("600.00"), D("200.00"), D("400.00"))


def test_window_of_zero_days_covers_everything() -> None:
    report = run(WINDOW, window_days=0)
    assert report.window_start is None
    assert client(report, "acme").invoiced == D("700.00")


def test_a_year_window_is_the_calendar_year_at_its_last_day() -> None:
    assert str(run(WINDOW, as_of="2025-12-31").window_start) == "2025-01-01"


@analysed()
def test_aging_buckets_at_their_edges(report: Report) -> None:
    """
    ; Days past due at A = 2025-06-30: 0, 1, 30, 31, 60, 61, 90, 91.
    2025-03-01 * "Acme GmbH" "d0" ^d0 #client-acme
      due: 2025-06-30
      Assets:Receivable      1.00 EUR
      Income:Consulting
    2025-03-01 * "Acme GmbH" "d1" ^d1 #client-acme
      due: 2025-06-29
      Assets:Receivable      2.00 EUR
      Income:Consulting
    2025-03-01 * "Acme GmbH" "d30" ^d30 #client-acme
      due: 2025-05-31
      Assets:Receivable      4.00 EUR
      Income:Consulting
    2025-03-01 * "Acme GmbH" "d31" ^d31 #client-acme
      due: 2025-05-30
      Assets:Receivable      8.00 EUR
      Income:Consulting
    2025-03-01 * "Acme GmbH" "d60" ^d60 #client-acme
      due: 2025-05-01
      Assets:Receivable     16.00 EUR
      Income:Consulting
    2025-03-01 * "Acme GmbH" "d61" ^d61 #client-acme
      due: 2025-04-30
      Assets:Receivable     32.00 EUR
      Income:Consulting
    2025-03-01 * "Acme GmbH" "d90" ^d90 #client-acme
      due: 2025-04-01
      Assets:Receivable     64.00 EUR
      Income:Consulting
    2025-03-01 * "Acme GmbH" "d91" ^d91 #client-acme
      due: 2025-03-31
      Assets:Receivable    128.00 EUR
      Income:Consulting
    """
    assert [invoice(report, f"d{n}").days_overdue for n in (0, 1, 30, 31, 60, 61, 90, 91)] == [
        0,
        1,
        30,
        31,
        60,
        61,
        90,
        91,
    ]
    acme = client(report, "acme")
    assert acme.aging == Aging(D("1.00"), D("6.00"), D("24.00"), D("96.00"), D("128.00"))
    assert acme.open == D("255.00")
    assert acme.overdue == D("254.00")


@analysed()
def test_avg_days_to_pay_and_days_beyond_terms(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "One" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-03-01 * "Acme GmbH" "Two" ^inv-2 #client-acme
      Assets:Receivable    3000.00 EUR
      Income:Consulting
    2025-04-01 * "Acme GmbH" "Three, open and overdue" ^inv-3 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-06-01 * "Acme GmbH" "Four, open, not due" ^inv-4 #client-acme
      Assets:Receivable    5000.00 EUR
      Income:Consulting

    2025-03-11 * "Acme GmbH" "Payment" ^inv-1
      Assets:Bank          1000.00 EUR
      Assets:Receivable   -1000.00 EUR
    2025-03-31 * "Acme GmbH" "Payment" ^inv-2
      Assets:Bank          3000.00 EUR
      Assets:Receivable   -3000.00 EUR
    """
    acme = client(report, "acme")
    # Paid: 1000 after 10 days, 3000 after 30: (10000 + 90000) / 4000 = 25.
    assert acme.avg_days_to_pay == D(25)
    # Beyond terms: 1000 x -20, 3000 x 0, and inv-3 open 60 days past due
    # (2025-06-30 - 2025-05-01): (-20000 + 0 + 60000) / 5000 = 8.
    assert acme.days_beyond_terms == D(8)


@analysed()
def test_days_figures_are_none_without_payments(report: Report) -> None:
    """
    2025-06-01 * "Acme GmbH" "Open, not due" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    """
    acme = client(report, "acme")
    assert (acme.avg_days_to_pay, acme.days_beyond_terms, acme.payment_score) == (
        None,
        None,
        None,
    )


@analysed()
def test_revenue_and_time_shares(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      hours: 10
      Assets:Receivable    3000.00 EUR
      Income:Consulting
    2025-03-01 * "Globex" "Design" ^inv-2 #client-globex
      hours: 30
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    """
    acme, globex = client(report, "acme"), client(report, "globex")
    assert (acme.revenue_share, globex.revenue_share) == (D("0.75"), D("0.25"))
    assert (acme.time_share, globex.time_share) == (D("0.25"), D("0.75"))
