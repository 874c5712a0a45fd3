"""SPEC section 7: slow payer, low yield, unbilled and concentration at their thresholds."""

from __future__ import annotations

import datetime

from tests.helpers import _run, client, kinds


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
    # And as the config wrote it, which the user knows.
    assert low.message.endswith(
        "yields 80.00 EUR per hour over 10 hours (below 81.23 EUR = 100 USD)"
    )


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
    partly_credited = _run(
        """
2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
  Assets:Receivable    1000.00 EUR
  Income:Consulting
2025-03-20 * "Acme GmbH" "Paid on time, the rest written off" ^inv-1
  Assets:Bank           300.00 EUR
  Expenses:BadDebt      700.00 EUR
  Assets:Receivable   -1000.00 EUR
"""
    )
    # Paid early, yet a score of 24: the message says the credited 700 scores 0.
    [message] = [s.message for s in partly_credited.signals if s.kind == "slow-payer"]
    assert message == (
        "client acme (Acme GmbH) has a payment score of 26 (below 50), "
        "-11 days beyond terms on average, and 700.00 EUR credited "
        "(credit notes, write-offs), which scores 0"
    )
    assert "over 7.5 hours" in messages["low-yield"]


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
