"""SPEC section 7: every signal at and just past its threshold, and `warnings`."""

from __future__ import annotations

import datetime
import textwrap
from typing import Any

from beancount.core import data

from beancount_plugins.clienthealth.currency import money_places
from beancount_plugins.clienthealth.model import Report
from tests.helpers import client, invoice, kinds, load, run

ACME = """
2025-01-01 custom "client" "acme"
  name: "Acme GmbH"
"""


def _run(text: str, **config: Any) -> Report:
    return run(ACME + textwrap.dedent(text), **config)


def test_overdue_message() -> None:
    report = _run("""
    2025-04-01 * "Acme GmbH" "Website" ^inv-2025-014 #client-acme
      due: 2025-05-16
      Assets:Receivable    1500.00 EUR
      Income:Consulting
    2025-04-20 * "Acme GmbH" "Part" ^inv-2025-014
      Assets:Bank           300.00 EUR
      Assets:Receivable    -300.00 EUR
    """)
    [overdue] = [s for s in report.signals if s.kind == "overdue"]
    assert overdue.message == (
        # 45 days past due is beyond dunning steps 7 and 21, not 45: level 2, and
        # no reminder yet, so the second reminder is owed (SPEC section 15).
        "invoice inv-2025-014 (Acme GmbH) is 45 days overdue, 1200.00 EUR open: "
        "send the second reminder (no reminder sent yet)"
    )
    assert (overdue.client, overdue.invoice_id) == ("acme", "inv-2025-014")
    assert isinstance(overdue.entry, data.Transaction)
    assert overdue.entry.narration == "Website"
    assert "overdue" in client(report, "acme").signals


DUE = """
2025-04-01 * "Acme GmbH" "Due A - {days}" ^d{days} #client-acme
  due: {due}
  Assets:Receivable    100.00 EUR
  Income:Consulting
"""


def _due(*pairs: tuple[int, str]) -> str:
    return "".join(DUE.format(days=days, due=due) for days, due in pairs)


def test_overdue_at_its_threshold() -> None:
    report = _run(_due((0, "2025-06-30"), (1, "2025-06-29")))
    assert [k for k in kinds(report) if k[0] == "overdue"] == [("overdue", "d1")]
    [message] = [s.message for s in report.signals if s.kind == "overdue"]
    # 1 day is not beyond the first dunning step (7): no level reached yet.
    assert message == (
        "invoice d1 (Acme GmbH) is 1 day overdue, 100.00 EUR open: "
        "the first reminder is due after 7 days overdue"
    )


def test_overdue_grace_days() -> None:
    ledger = _due((5, "2025-06-25"), (6, "2025-06-24"))
    report = _run(ledger, overdue_grace_days=5)
    assert [k for k in kinds(report) if k[0] == "overdue"] == [("overdue", "d6")]


DISPUTED = """
2025-06-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
  Assets:Receivable    1000.00 EUR
  Income:Consulting
2025-06-10 * "Acme GmbH" "Dispute" ^inv-1 #dispute
  disputed: 200.00 EUR
"""


def test_dispute_signal_while_the_dispute_is_open() -> None:
    report = _run(DISPUTED)
    assert kinds(report) == [("dispute", "inv-1"), ("concentration", None)]
    assert client(report, "acme").signals == ("dispute", "concentration")
    [dispute] = [s for s in report.signals if s.kind == "dispute"]
    assert dispute.message.startswith("invoice inv-1 (Acme GmbH) has 200.00 EUR in open dispute")


def test_no_dispute_signal_once_settled() -> None:
    report = _run(
        DISPUTED
        + """
2025-06-20 * "Acme GmbH" "Payment" ^inv-1
  Assets:Bank          1000.00 EUR
  Assets:Receivable   -1000.00 EUR
"""
    )
    assert ("dispute", "inv-1") not in kinds(report)


def _paid_late(days_late: int) -> str:
    paid_on = datetime.date(2025, 3, 31) + datetime.timedelta(days=days_late)
    return f"""
2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
  Assets:Receivable    1000.00 EUR
  Income:Consulting
{paid_on} * "Acme GmbH" "Payment" ^inv-1
  Assets:Bank          1000.00 EUR
  Assets:Receivable   -1000.00 EUR
"""


def test_slow_payer_below_the_minimum_score() -> None:
    # 30 days late: 50, not below 50. 33 days late: 50 - 10 x 3/30 = 49.
    on_line = _run(_paid_late(30))
    assert client(on_line, "acme").payment_score == 50
    assert "slow-payer" not in client(on_line, "acme").signals
    below = _run(_paid_late(33))
    assert client(below, "acme").payment_score == 49
    assert ("slow-payer", None) in kinds(below)
    assert ("slow-payer", None) in kinds(_run(_paid_late(30), min_payment_score=51))


def _yielding(paid: str, hours: str = "10") -> str:
    return f"""
2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
  hours: {hours}
  Assets:Receivable    {paid} EUR
  Income:Consulting
2025-03-02 * "Acme GmbH" "Payment" ^inv-1
  Assets:Bank          {paid} EUR
  Assets:Receivable   -{paid} EUR
"""


def test_low_yield_below_min_rate() -> None:
    exactly = _run(_yielding("800.00"), min_rate="80 EUR")  # 800.00 / 10 = 80
    assert "low-yield" not in client(exactly, "acme").signals
    below = _run(_yielding("799.90"), min_rate="80 EUR")  # 79.99
    assert ("low-yield", None) in kinds(below)
    assert "low-yield" not in client(_run(_yielding("1.00")), "acme").signals  # no min_rate


def test_min_rate_in_another_currency_converts_at_as_of() -> None:
    prices = "2025-01-01 price USD 0.50 EUR\n2025-06-30 price USD 0.80 EUR\n"
    # 100 USD at 0.80 = 80 EUR per hour
    exactly = _run(prices + _yielding("800.00"), min_rate="100 USD")
    assert "low-yield" not in client(exactly, "acme").signals
    below = _run(prices + _yielding("799.90"), min_rate="100 USD")
    assert ("low-yield", None) in kinds(below)


def test_a_converted_min_rate_prints_in_the_reporting_currencys_digits() -> None:
    # 100 USD at 0.8123 is 81.23 EUR, not the 81.2300 that multiplying leaves.
    prices = "2025-06-30 price USD 0.8123 EUR\n"
    report = _run(prices + _yielding("800.00"), min_rate="100 USD")
    [low] = [s for s in report.signals if s.kind == "low-yield"]
    assert low.message.endswith("yields 80.00 EUR per hour over 10 hours (below 81.23 EUR)")


def test_min_rate_without_a_price_is_a_data_error_and_off() -> None:
    report = _run(_yielding("100.00"), min_rate="100 USD")
    assert "low-yield" not in client(report, "acme").signals
    [error] = report.errors
    assert error.message.startswith("clienthealth: data: min_rate 100 USD has no price in EUR")


def _hours(billed: str, unbilled: str) -> str:
    return f"""
2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
  hours: {billed}
  Assets:Receivable    1000.00 EUR
  Income:Consulting
2025-03-02 * "Acme GmbH" "Calls" #client-acme
  hours: {unbilled}
"""


def test_unbilled_above_its_share_with_at_least_8_hours() -> None:
    def unbilled(billed: str, extra: str) -> bool:
        return "unbilled" in client(_run(_hours(billed, extra)), "acme").signals

    assert not unbilled("6", "2")  # 2 / 8 = 0.25: not above
    assert unbilled("5.5", "2.5")  # 2.5 / 8 = 0.3125
    assert not unbilled("0", "7.9")  # all unbilled, but under 8 hours
    assert unbilled("0", "8")  # 8 hours, all unbilled
    assert unbilled("5.9", "2.1")  # 2.1 / 8 = 0.2625


def test_concentration_above_the_revenue_share() -> None:
    def ledger(acme: str, globex: str) -> str:
        return f"""
2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
  Assets:Receivable    {acme} EUR
  Income:Consulting
2025-03-01 * "Globex" "Design" ^inv-2 #client-globex
  Assets:Receivable    {globex} EUR
  Income:Consulting
"""

    half = _run(ledger("500.00", "500.00"))
    assert [k for k in kinds(half) if k[0] == "concentration"] == []
    above = _run(ledger("500.01", "499.99"))
    assert ("concentration", None) in kinds(above, "acme")
    assert ("concentration", None) not in kinds(above, "globex")


def test_warnings_filters_signals_but_not_data_errors() -> None:
    ledger = (
        _due((10, "2025-06-20"))
        + DISPUTED.replace("inv-1", "inv-2")
        + """
2025-06-11 * "Acme GmbH" "Reminder of nothing" #reminder #client-acme
"""
    )
    everything = _run(ledger)
    assert {k for k, _ in kinds(everything)} == {"overdue", "dispute", "concentration"}
    report = _run(ledger, warnings=["overdue"])
    assert kinds(report) == [("overdue", "d10")]
    assert client(report, "acme").signals == ("overdue",)
    assert len(report.errors) == 1  # the reminder naming no invoice
    assert _run(ledger, warnings=[]).signals == []


def test_message_shares_and_days_round_half_up() -> None:
    """5.3 of 20 hours is 26.5%: 27%. Two halves paid 32 and 33 days late: 32.5 days, 33."""
    unbilled = _run(_hours("14.7", "5.3"))
    [message] = [s.message for s in unbilled.signals if s.kind == "unbilled"]
    assert message.endswith("took 5.3 unbilled hours of 20 (27%, above 25%)")
    late = _run("""
2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
  Assets:Receivable    1000.00 EUR
  Income:Consulting
2025-05-02 * "Acme GmbH" "Half" ^inv-1
  Assets:Bank           500.00 EUR
  Assets:Receivable    -500.00 EUR
2025-05-03 * "Acme GmbH" "Half" ^inv-1
  Assets:Bank           500.00 EUR
  Assets:Receivable    -500.00 EUR
""")
    [message] = [s.message for s in late.signals if s.kind == "slow-payer"]
    assert message.endswith("33 days beyond terms on average")


def test_slow_payer_messages_say_how_late_or_that_nothing_was_paid() -> None:
    late = _run(_paid_late(33))
    [message] = [s.message for s in late.signals if s.kind == "slow-payer"]
    assert message == (
        "client acme (Acme GmbH) has a payment score of 49 (below 50), "
        "33 days beyond terms on average"
    )
    written_off = _run(
        """
2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
  hours: 7.50
  Assets:Receivable    1000.00 EUR
  Income:Consulting
2025-05-01 * "Acme GmbH" "Write-off" ^inv-1
  Expenses:BadDebt     1000.00 EUR
  Assets:Receivable   -1000.00 EUR
""",
        min_rate="80 EUR",
    )
    messages = {s.kind: s.message for s in written_off.signals}
    assert messages["slow-payer"].endswith("(below 50), nothing paid, only credited")
    assert "over 7.5 hours" in messages["low-yield"]


def test_signal_names_a_client_whose_amounts_have_no_price() -> None:
    """No JPY price: Initech has no figures, but its overdue invoice names it."""
    report = run("""
    2025-01-01 custom "client" "initech"
      name: "Initech KK"
    2025-04-01 * "Initech" "Localisation" ^inv-jp-1 #client-initech
      due: 2025-05-01
      Assets:Receivable    90000 JPY
      Income:Consulting
    """)
    assert "initech" not in [c.client for c in report.clients]
    [overdue] = [s for s in report.signals if s.kind == "overdue"]
    assert overdue.message.startswith("invoice inv-jp-1 (Initech KK) is ")
    assert any("no price of JPY" in e.message for e in report.errors)


# Money in messages: the digits the ledger most often writes for the currency
# (Beancount's display context), rounded half up.


def test_yen_amounts_print_without_decimals() -> None:
    """A ledger that writes JPY in whole yen gets whole yen in its messages."""
    report = _run("""
    2025-04-01 * "Acme GmbH" "Localisation" ^inv-jp-1 #client-acme
      due: 2025-05-01
      Assets:Receivable    90000 JPY
      Income:Consulting
    2025-06-10 * "Acme GmbH" "Dispute" ^inv-jp-1 #dispute
      disputed: 20000 JPY
    """)
    messages = {s.kind: s.message for s in report.signals}
    assert messages["overdue"] == (
        # 60 > 45: level 3, no reminder sent.
        "invoice inv-jp-1 (Acme GmbH) is 60 days overdue, 90000 JPY open: "
        "send the final notice (no reminder sent yet)"
    )
    assert messages["dispute"] == (
        "invoice inv-jp-1 (Acme GmbH) has 20000 JPY in open dispute (1 dispute)"
    )


def test_three_decimal_amounts_print_three_decimals() -> None:
    """A ledger that writes KWD with fils (3 digits) keeps them, trailing zeros too."""
    report = _run("""
    2025-04-01 * "Acme GmbH" "Website" ^inv-kw-1 #client-acme
      due: 2025-05-16
      Assets:Receivable    1500.125 KWD
      Income:Consulting
    2025-04-20 * "Acme GmbH" "Part" ^inv-kw-1
      Assets:Bank           300.000 KWD
      Assets:Receivable    -300.000 KWD
    2025-06-10 * "Acme GmbH" "Dispute" ^inv-kw-1 #dispute
      disputed: 200.500 KWD
    """)
    messages = {s.kind: s.message for s in report.signals}
    assert messages["overdue"].endswith(
        "is 45 days overdue, 1200.125 KWD open: send the second reminder (no reminder sent yet)"
    )
    assert messages["dispute"].startswith(
        "invoice inv-kw-1 (Acme GmbH) has 200.500 KWD in open dispute"
    )


def test_a_yield_rounds_half_up_in_the_reporting_currencys_digits() -> None:
    # 800.25 / 10 = 80.025 EUR and 12345 / 10 = 1234.5 JPY: half even would
    # say 80.02 and 1234.
    euros = _run(_yielding("800.25"), min_rate="81 EUR")
    [message] = [s.message for s in euros.signals if s.kind == "low-yield"]
    assert message == (
        "client acme (Acme GmbH) yields 80.03 EUR per hour over 10 hours (below 81 EUR)"
    )
    yen = _run(_yielding("12345").replace("EUR", "JPY"), currency="JPY", min_rate="1500 JPY")
    [message] = [s.message for s in yen.signals if s.kind == "low-yield"]
    assert message == (
        "client acme (Acme GmbH) yields 1235 JPY per hour over 10 hours (below 1500 JPY)"
    )


def test_a_currency_the_ledger_never_writes_keeps_money_places() -> None:
    # CHF, the reporting currency, is only a price's base: the ledger writes no
    # CHF number, so its messages keep money_places's fallback, not EUR's 3 digits.
    ledger = """
    2025-01-01 price CHF 1.25 EUR
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      hours: 3
      Assets:Receivable    1000.000 EUR
      Income:Consulting
    2025-03-02 * "Acme GmbH" "Payment" ^inv-1
      Assets:Bank          1000.000 EUR
      Assets:Receivable   -1000.000 EUR
    """
    _, _, options_map = load(ACME + textwrap.dedent(ledger))
    assert (money_places(options_map, "CHF"), money_places(options_map, "EUR")) == (2, 3)
    report = _run(ledger, currency="CHF", min_rate="300 CHF")
    # 1000.000 EUR x 0.8 = 800.00 CHF over 3 hours: 266.666... CHF per hour
    [message] = [s.message for s in report.signals if s.kind == "low-yield"]
    assert message == (
        "client acme (Acme GmbH) yields 266.67 CHF per hour over 3 hours (below 300 CHF)"
    )


def test_rates_with_more_digits_do_not_change_the_money_digits() -> None:
    """Daily rates write EUR with four digits; the invoices with two: figures keep two."""
    rates = "".join(f"2025-01-0{day} price JPY 0.006{day} EUR\n" for day in range(1, 6))
    invoice = """
2025-01-10 * "Acme GmbH" "Website" ^inv-1 #client-acme
  Assets:Receivable    1200.00 EUR
  Income:Consulting
"""
    text = ACME + rates + invoice
    _, _, options_map = load(text)
    assert money_places(options_map, "EUR") == 4  # Beancount's display context
    report = run(text)
    [overdue] = [s for s in report.signals if s.kind == "overdue"]
    assert ", 1200.00 EUR open: " in overdue.message
    assert str(client(report, "acme").invoiced) == "1200.00"


def test_grace_days_delay_only_the_overdue_signal() -> None:
    """Due 2025-06-25, five days of grace, as of 2025-06-30: overdue, but no signal yet."""
    report = _run(
        """
2025-05-26 * "Acme GmbH" "Website" ^inv-1 #client-acme
  Assets:Receivable    1000.00 EUR
  Income:Consulting
""",
        overdue_grace_days=5,
    )
    inv = invoice(report, "inv-1")
    assert (inv.status, inv.days_overdue) == ("overdue", 5)
    assert client(report, "acme").overdue == 1000
    assert "overdue" not in [s.kind for s in report.signals]
