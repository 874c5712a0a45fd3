"""SPEC section 15: the portfolio's figures: written off, DSO, best DSO, ADD and CEI."""

from __future__ import annotations

import pytest

from tests.helpers import ACME, D, client, run


def test_written_off_is_the_credit_of_written_off_invoices() -> None:
    report = run(
        ACME
        + """
2025-01-01 * "Acme GmbH" "Work" ^gone #client-acme
  Assets:Receivable    800.00 EUR
  Income:Consulting
2025-01-01 * "Acme GmbH" "Work" ^haggled #client-acme
  Assets:Receivable    500.00 EUR
  Income:Consulting
2025-03-01 * "Acme GmbH" "Write-off" ^gone
  Expenses:BadDebt     800.00 EUR
  Assets:Receivable
2025-03-01 * "Acme GmbH" "Paid less a discount" ^haggled
  Assets:Bank          450.00 EUR
  Expenses:Discounts    50.00 EUR
  Assets:Receivable
"""
    )
    # Only `gone` is written-off (nothing paid); `haggled` is paid, its 50 credited.
    assert client(report, "acme").written_off == D("800.00")
    assert client(report, "acme").credited == D("850.00")


PORTFOLIO = (
    ACME
    + """
2025-02-01 * "Acme GmbH" "Before the window" ^old #client-acme
  Assets:Receivable   1000.00 EUR
  Income:Consulting
2025-03-10 * "Acme GmbH" "Part payment before the window" ^old
  Assets:Bank          400.00 EUR
  Assets:Receivable
2025-04-10 * "Acme GmbH" "Rest" ^old
  Assets:Bank          600.00 EUR
  Assets:Receivable
2025-04-01 * "Acme GmbH" "Overdue" ^a #client-acme
  Assets:Receivable   2000.00 EUR
  Income:Consulting
2025-05-01 * "Acme GmbH" "Paid" ^c #client-acme
  Assets:Receivable   1000.00 EUR
  Income:Consulting
2025-05-20 * "Acme GmbH" "Payment" ^c
  Assets:Bank         1000.00 EUR
  Assets:Receivable
2025-06-15 * "Acme GmbH" "Not yet due" ^b #client-acme
  Assets:Receivable   1000.00 EUR
  Income:Consulting
"""
)


def test_dso_best_dso_add_and_cei_by_hand() -> None:
    report = run(PORTFOLIO, window_days=100)
    figures = report.portfolio
    assert figures is not None
    # Window: 100 days up to 2025-06-30, from 2025-03-23. R0: `old` less the 400
    # paid before the start = 600. S = a + c + b = 2000 + 1000 + 1000 = 4000.
    # R = a + b = 3000, Rc = b = 1000 (due 2025-07-15).
    assert (figures.days, figures.open_at_start, figures.invoiced) == (100, D(600), D(4000))
    assert (figures.open, figures.current) == (D(3000), D(1000))
    assert figures.dso == 75  # 3000 / 4000 x 100
    assert figures.best_dso == 25  # 1000 / 4000 x 100
    assert figures.add == 50  # 75 - 25
    # (600 + 4000 - 3000) / (600 + 4000 - 1000) x 100 = 1600 / 3600 x 100 = 44.44...
    assert figures.cei == pytest.approx(D("44.4444"), abs=D("0.0001"))


def test_all_dates_window_starts_at_the_first_invoice() -> None:
    report = run(PORTFOLIO, window_days=0)
    figures = report.portfolio
    assert figures is not None
    # From 2025-02-01 to 2025-06-30: 28 + 31 + 30 + 31 + 30 = 150 days; nothing
    # was open before it, S = 5000, R = 3000, Rc = 1000.
    assert (figures.days, figures.open_at_start, figures.invoiced) == (150, D(0), D(5000))
    assert figures.dso == 90  # 3000 / 5000 x 150
    assert figures.best_dso == 30  # 1000 / 5000 x 150
    assert figures.cei == 50  # (0 + 5000 - 3000) / (0 + 5000 - 1000) x 100


def test_portfolio_figures_without_invoices_are_none() -> None:
    report = run(ACME)
    figures = report.portfolio
    assert figures is not None
    assert (figures.dso, figures.best_dso, figures.add, figures.cei) == (None, None, None, None)
