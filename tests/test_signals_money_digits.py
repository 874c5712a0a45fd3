"""SPEC section 7: signal messages print money in the digits the ledger writes."""

from __future__ import annotations

import textwrap

from beancount_plugins.clienthealth.currency import money_places
from tests.helpers import ACME, _run, client, load, run

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
