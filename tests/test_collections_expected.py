"""SPEC section 15: the date an open invoice is expected to be paid, and the forecast."""

from __future__ import annotations

from beancount_plugins.clienthealth.forecast import forecast
from tests.helpers import ACME, D, _due, date, invoice, run


def test_expected_on_without_paid_history_is_the_due_date() -> None:
    report = run(_due(("inv-1", "2025-06-10")))
    assert invoice(report, "inv-1").expected_on == date("2025-06-10")


PAYS = (
    ACME
    + """
2025-01-01 * "Acme GmbH" "Work" ^p1 #client-acme
  due: 2025-02-01
  Assets:Receivable   1000.00 EUR
  Income:Consulting
2025-01-01 * "Acme GmbH" "Work" ^p2 #client-acme
  due: 2025-03-01
  Assets:Receivable   3000.00 EUR
  Income:Consulting
2025-05-01 * "Acme GmbH" "Open" ^open-1 #client-acme
  due: 2025-06-01
  Assets:Receivable    500.00 EUR
  Income:Consulting
"""
)


def test_expected_on_adds_the_late_habit_weighted_by_amount() -> None:
    report = run(
        PAYS
        + """
2025-02-11 * "Acme GmbH" "Payment, 10 days late" ^p1
  Assets:Bank          1000.00 EUR
  Assets:Receivable
2025-03-03 * "Acme GmbH" "Payment, 2 days late" ^p2
  Assets:Bank          3000.00 EUR
  Assets:Receivable
"""
    )
    # (1000 x 10 + 3000 x 2) / 4000 = 16000 / 4000 = 4 days after 2025-06-01.
    assert invoice(report, "open-1").expected_on == date("2025-06-05")


def test_expected_on_rounds_half_up_and_counts_early_payments() -> None:
    report = run(
        PAYS.replace("3000.00", "1000.00")
        + """
2025-01-25 * "Acme GmbH" "Payment, 7 days early" ^p1
  Assets:Bank          1000.00 EUR
  Assets:Receivable
2025-02-21 * "Acme GmbH" "Payment, 8 days early" ^p2
  Assets:Bank          1000.00 EUR
  Assets:Receivable
"""
    )
    # (1000 x -7 + 1000 x -8) / 2000 = -7.5, half up (away from zero) -8 days.
    assert invoice(report, "open-1").expected_on == date("2025-05-24")


def test_expected_on_uses_paid_history_before_the_window() -> None:
    """The paid invoice is a year old, far out of a 30-day window: it still counts."""
    report = run(
        ACME
        + """
2024-01-01 * "Acme GmbH" "Old work" ^old #client-acme
  Assets:Receivable   1000.00 EUR
  Income:Consulting
2024-02-20 * "Acme GmbH" "Payment, 20 days late" ^old
  Assets:Bank         1000.00 EUR
  Assets:Receivable
2025-06-01 * "Acme GmbH" "New work" ^new #client-acme
  Assets:Receivable    200.00 EUR
  Income:Consulting
""",
        window_days=30,
    )
    # Due 2024-01-31, paid 2024-02-20: 20 days late. New one due 2025-07-01, + 20.
    assert invoice(report, "new").expected_on == date("2025-07-21")


def test_forecast_sorts_open_money_by_expected_week() -> None:
    """As of Monday 2025-06-30: one invoice late, one in week 2, one after 13 weeks."""
    report = run(_due(("late", "2025-06-20"), ("week-2", "2025-07-09"), ("later", "2025-12-01")))
    result = forecast(report.invoices, report.as_of, report.places)
    assert result.late == D("100.00")  # expected 2025-06-20, before A
    assert [week.start for week in result.weeks][:2] == [date("2025-06-30"), date("2025-07-07")]
    assert len(result.weeks) == 13
    assert result.weeks[1].current == D("100.00")  # 2025-07-09 is in 07-07..07-13
    assert sum(w.current + w.overdue for w in result.weeks) == D("100.00")
    # 13 weeks from 2025-06-30 end on 2025-09-28: 2025-12-01 is later.
    assert result.later == D("100.00")


def test_forecast_at_the_end_of_the_calendar_does_not_overflow() -> None:
    report = run(_due(("inv-1", "9999-12-20")), as_of="9999-12-30")
    result = forecast(report.invoices, report.as_of, report.places)
    # 9999-12-27 is a Monday; the week after it would leave the calendar.
    assert [week.start for week in result.weeks] == [date("9999-12-27")]
    assert result.late == D("100.00")
