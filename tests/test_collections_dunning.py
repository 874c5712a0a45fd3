"""SPEC section 15: dunning levels, the next step a reminder owes, and the chase list."""

from __future__ import annotations

import pytest

from beancount_plugins.clienthealth import config as config_module
from beancount_plugins.clienthealth.dunning import STEPS, level, next_step
from tests.helpers import ACME, _due, date, invoice, load, load_with_plugin, messages, run

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
    # is a data error that says it is dated before the invoice; the late one counts.
    assert inv.reminders == 1
    assert inv.last_reminder == date("2025-03-10")
    assert (inv.dunning_level, inv.next_step, inv.expected_on) == (None, None, None)
    assert report.chase == ()
    assert messages(report) == [
        "clienthealth: data: reminder of 2025-01-05 is dated before invoice inv-1 "
        "of 2025-02-01, which it names: it is not counted"
    ]


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
