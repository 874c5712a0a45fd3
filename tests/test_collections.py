"""SPEC section 15: dunning levels, next steps, expected dates, the chase list, DSO and CEI."""

from __future__ import annotations

import pytest

from beancount_plugins.clienthealth import config as config_module
from beancount_plugins.clienthealth.dunning import STEPS, level, next_step
from beancount_plugins.clienthealth.forecast import forecast
from tests.helpers import D, client, date, invoice, load, load_with_plugin, messages, run

ACME = """
2025-01-01 custom "client" "acme"
  name: "Acme GmbH"
"""


def _due(*pairs: tuple[str, str]) -> str:
    """One 100.00 EUR invoice per (id, due date), dated 2025-01-01."""
    return ACME + "".join(
        f"""
2025-01-01 * "Acme GmbH" "Work" ^{name} #client-acme
  due: {due}
  Assets:Receivable    100.00 EUR
  Income:Consulting
"""
        for name, due in pairs
    )


# As of 2025-06-30: due 2025-06-23 is 7 days past due, 2025-06-22 is 8, and so on.
LEVELS = {
    "d7": ("2025-06-23", 0),  # 7 is not more than 7
    "d8": ("2025-06-22", 1),
    "d21": ("2025-06-09", 1),  # 30 - 9 = 21: not more than 21
    "d22": ("2025-06-08", 2),
    "d45": ("2025-05-16", 2),  # 15 days of May left + 30 of June = 45
    "d46": ("2025-05-15", 3),
}


def test_dunning_levels_at_below_and_above_each_step() -> None:
    report = run(_due(*((name, due) for name, (due, _) in LEVELS.items())))
    for name, (_, expected) in LEVELS.items():
        inv = invoice(report, name)
        assert inv.days_overdue == int(name[1:])
        assert inv.dunning_level == expected, name
        # No reminder was sent: every level reached owes its step.
        assert inv.next_step == (STEPS[expected - 1].key if expected else None), name


def test_level_and_step_of_a_custom_dunning() -> None:
    assert [level(days, (14, 30)) for days in (14, 15, 30, 31, 400)] == [0, 1, 1, 2, 2]
    assert next_step(2, 0) == "second-reminder"
    assert next_step(2, 2) is None
    assert next_step(0, 0) is None


def test_reminders_that_cover_the_level_owe_no_step() -> None:
    """inv-1 is 30 days past due (level 2) with two reminders; inv-2 with one."""
    report = run(
        _due(("inv-1", "2025-05-31"), ("inv-2", "2025-05-31"))
        + """
2025-06-08 * "Acme GmbH" "Reminder" ^inv-1 ^inv-2 #reminder
2025-06-25 * "Acme GmbH" "Second reminder" ^inv-1 #reminder
"""
    )
    first, second = invoice(report, "inv-1"), invoice(report, "inv-2")
    assert (first.dunning_level, first.reminders, first.next_step) == (2, 2, None)
    assert first.last_reminder == date("2025-06-25")
    assert (second.dunning_level, second.reminders, second.next_step) == (2, 1, "second-reminder")
    assert second.last_reminder == date("2025-06-08")
    overdue = {s.invoice_id: s.message for s in report.signals if s.kind == "overdue"}
    assert overdue["inv-1"] == (
        "invoice inv-1 (Acme GmbH) is 30 days overdue, 100.00 EUR open: "
        "reminders up to date (2 reminders, the last on 2025-06-25)"
    )
    assert overdue["inv-2"] == (
        "invoice inv-2 (Acme GmbH) is 30 days overdue, 100.00 EUR open: "
        "send the second reminder (1 reminder, on 2025-06-08)"
    )


def test_the_overdue_message_names_the_final_notice() -> None:
    """62 days past due (level 3) with two reminders: the final notice is owed."""
    report = run(
        _due(("inv-2025-044", "2025-04-29"))
        + """
2025-05-20 * "Acme GmbH" "Reminder" ^inv-2025-044 #reminder
2025-06-20 * "Acme GmbH" "Reminder" ^inv-2025-044 #reminder
"""
    )
    [message] = [s.message for s in report.signals if s.kind == "overdue"]
    # April 29 -> June 30: 1 + 31 + 30 = 62 days.
    assert message == (
        "invoice inv-2025-044 (Acme GmbH) is 62 days overdue, 100.00 EUR open: "
        "send the final notice (2 reminders, the last on 2025-06-20)"
    )


def test_a_reminder_after_settlement_counts_but_owes_nothing() -> None:
    """Reminded after it was paid, and reminded before it existed: no crash."""
    report = run(
        ACME
        + """
2025-01-05 * "Acme GmbH" "Reminder for an invoice not yet written" ^inv-1 #client-acme #reminder
2025-02-01 * "Acme GmbH" "Work" ^inv-1 #client-acme
  Assets:Receivable    100.00 EUR
  Income:Consulting
2025-03-01 * "Acme GmbH" "Payment" ^inv-1
  Assets:Bank           100.00 EUR
  Assets:Receivable
2025-03-10 * "Acme GmbH" "Reminder sent by mistake" ^inv-1 #reminder
"""
    )
    inv = invoice(report, "inv-1")
    # SPEC section 5: a reminder that names an invoice counts one. The early one
    # names no invoice yet (a data error, as before); the late one counts.
    assert inv.reminders == 1
    assert inv.last_reminder == date("2025-03-10")
    assert (inv.dunning_level, inv.next_step, inv.expected_on) == (None, None, None)
    assert report.chase == ()
    assert any("reminder names no invoice" in m for m in messages(report))


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


def test_the_chase_list_puts_steps_owed_first_then_days_overdue() -> None:
    report = run(
        _due(
            ("covered-90", "2025-04-01"),
            ("owed-10", "2025-06-20"),
            ("owed-40", "2025-05-21"),
            ("early-3", "2025-06-27"),
            ("not-due", "2025-07-30"),
        )
        + """
2025-04-10 * "Acme GmbH" "Reminder" ^covered-90 #reminder
2025-05-10 * "Acme GmbH" "Reminder" ^covered-90 #reminder
2025-06-10 * "Acme GmbH" "Final notice" ^covered-90 #reminder
"""
    )
    # covered-90 is 90 days past due with 3 reminders: nothing owed, so after
    # the two that owe a step (40 days, then 10); early-3 owes nothing yet
    # (3 <= 7) and has fewer days than covered-90; not-due is not past due.
    assert [inv.invoice_id for inv in report.chase] == [
        "owed-40",
        "owed-10",
        "covered-90",
        "early-3",
    ]


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


def test_dunning_takes_one_to_three_increasing_day_counts() -> None:
    assert config_module.parse("{'dunning': [14]}")[0].dunning == (14,)
    assert config_module.parse("{'dunning': (3, 10, 30)}")[0].dunning == (3, 10, 30)
    assert config_module.parse(None)[0].dunning == (7, 21, 45)


@pytest.mark.parametrize(
    "value",
    ["[]", "[7, 7]", "[21, 7]", "[0, 7]", "[-1]", "[7.5]", "[True]", "7", "'7'", "[1, 2, 3, 4]"],
)
def test_a_bad_dunning_is_one_config_error(value: str) -> None:
    entries, errors, _ = load_with_plugin(ACME, f"{{'dunning': {value}}}")
    assert len(entries) == len(load(ACME)[0])  # every entry passes through
    [error] = errors
    assert error.message.startswith("clienthealth: config: 'dunning' must be a list of 1 to 3")


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
