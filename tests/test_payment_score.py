"""SPEC section 7: the payment score, dollar-weighted on the PAYDEX scale."""

from __future__ import annotations

import datetime
import itertools
from fractions import Fraction

import pytest

from beancount_plugins.clienthealth import scoring
from tests.helpers import D, client, run

DUE = datetime.date(2025, 3, 1)


def _paid(days_beyond: int, amount: str = "1000.00", name: str = "inv-1") -> str:
    """An invoice due 2025-03-01, paid `days_beyond` days after its due date."""
    paid_on = DUE + datetime.timedelta(days=days_beyond)
    return f"""
2025-01-01 * "Acme GmbH" "Invoice" ^{name} #client-acme
  due: {DUE}
  Assets:Receivable    {amount} EUR
  Income:Consulting
{paid_on} * "Acme GmbH" "Payment" ^{name}
  Assets:Bank          {amount} EUR
  Assets:Receivable   -{amount} EUR
"""


def _score(ledger: str, as_of: str = "2025-12-31") -> int | None:
    return client(run(ledger, as_of=as_of), "acme").payment_score


@pytest.mark.parametrize(
    ("days", "score"),
    [
        (-30, 100),
        (-20, 90),
        (0, 80),
        (15, 70),
        (22, 60),
        (30, 50),
        (60, 40),
        (90, 30),
        (120, 20),
        (180, 0),
        # flat beyond both ends
        (-45, 100),
        (240, 0),
    ],
)
def test_score_at_the_published_points(days: int, score: int) -> None:
    assert _score(_paid(days)) == score


@pytest.mark.parametrize(
    ("days", "score"),
    [
        (-25, 95),  # halfway between (-30, 100) and (-20, 90)
        (-10, 85),  # halfway between (-20, 90) and (0, 80)
        (6, 76),  # 80 - 10 x 6/15 = 76
        (26, 55),  # halfway between (22, 60) and (30, 50)
        (45, 45),  # halfway between (30, 50) and (60, 40)
        (150, 10),  # halfway between (120, 20) and (180, 0)
    ],
)
def test_score_is_linear_in_between(days: int, score: int) -> None:
    assert _score(_paid(days)) == score


def test_rounding_is_half_up() -> None:
    # Paid one day early: 80 + 0.5 = 80.5, rounds half up to 81 (half even: 80).
    assert _score(_paid(-1)) == 81
    # 100 at 80 (on time) and 100 at 81 (two days early): mean 80.5 -> 81.
    assert _score(_paid(0, "100.00", "inv-1") + _paid(-2, "100.00", "inv-2")) == 81
    # 300 at 80 and 100 at 78 (3 days late: 80 - 10 x 3/15) -> (24000 + 7800) / 400
    # = 79.5 -> 80.
    assert _score(_paid(0, "300.00", "inv-1") + _paid(3, "100.00", "inv-2")) == 80


def test_rounding_is_exact_where_decimals_repeat() -> None:
    # 11.00 paid 1 day late: 80 - 10/15 = 238/3; 1.00 paid 44 days late:
    # 50 - 10 x 14/30 = 136/3. Mean: (11 x 238/3 + 136/3) / 12 = 2754/36 = 76.5 -> 77,
    # though in 28-digit decimals it is 76.4999... and would round down.
    assert _score(_paid(1, "11.00", "inv-1") + _paid(44, "1.00", "inv-2")) == 77


def test_score_is_dollar_weighted() -> None:
    # 3000 on time (80) and 1000 at 60 days (40): (240000 + 40000) / 4000 = 70.
    assert _score(_paid(0, "3000.00", "inv-1") + _paid(60, "1000.00", "inv-2")) == 70


def test_credited_amounts_score_zero() -> None:
    ledger = """
2025-01-01 * "Acme GmbH" "Invoice" ^inv-1 #client-acme
  due: 2025-03-01
  Assets:Receivable    1000.00 EUR
  Income:Consulting
2025-03-01 * "Acme GmbH" "Half paid on time" ^inv-1
  Assets:Bank           500.00 EUR
  Assets:Receivable    -500.00 EUR
2025-03-01 * "Acme GmbH" "Half written off" ^inv-1
  Expenses:BadDebt      500.00 EUR
  Assets:Receivable    -500.00 EUR
"""
    # 500 x 80 + 500 x 0 over 1000 = 40.
    assert _score(ledger) == 40


def test_open_past_due_scores_by_days_since_due() -> None:
    ledger = """
2025-01-01 * "Acme GmbH" "Invoice" ^inv-1 #client-acme
  due: 2025-03-01
  Assets:Receivable    1000.00 EUR
  Income:Consulting
"""
    # A - due = 2025-04-30 - 2025-03-01 = 60 days: 40.
    assert _score(ledger, as_of="2025-04-30") == 40


def test_open_not_yet_due_is_left_out() -> None:
    ledger = (
        _paid(0)
        + """
2025-06-01 * "Acme GmbH" "Not due" ^inv-2 #client-acme
  Assets:Receivable    5000.00 EUR
  Income:Consulting
"""
    )
    assert _score(ledger, as_of="2025-06-30") == 80


def test_no_score_without_amounts() -> None:
    ledger = """
2025-06-01 * "Acme GmbH" "Not due" ^inv-2 #client-acme
  Assets:Receivable    5000.00 EUR
  Income:Consulting
2025-06-02 * "Globex" "Call" #client-globex
  hours: 2
"""
    report = run(ledger, as_of="2025-06-30")
    assert client(report, "acme").payment_score is None
    assert client(report, "globex").payment_score is None


def test_dispute_rate_is_disputed_over_invoiced() -> None:
    ledger = (
        _paid(0, "3000.00", "inv-1")
        + """
2025-02-01 * "Acme GmbH" "Invoice" ^inv-2 #client-acme
  Assets:Receivable    1000.00 EUR
  Income:Consulting
2025-02-10 * "Acme GmbH" "Dispute" ^inv-2 #dispute
  disputed: 100.00 EUR
"""
    )
    acme = client(run(ledger, as_of="2025-06-30"), "acme")
    assert acme.dispute_rate == D("0.025")  # 100 / 4000
    assert client(run(_paid(0), as_of="2025-06-30"), "acme").dispute_rate == 0


def test_scaled_scores_are_exact_on_every_day() -> None:
    points = scoring.SCORE_POINTS
    for days in range(-40, 200):
        if days <= points[0][0]:
            expected = Fraction(points[0][1])
        elif days >= points[-1][0]:
            expected = Fraction(points[-1][1])
        else:
            (d0, s0), (d1, s1) = next(
                (p, q) for p, q in itertools.pairwise(points) if p[0] <= days <= q[0]
            )
            expected = s0 + Fraction(s1 - s0) * Fraction(days - d0, d1 - d0)
        assert Fraction(scoring.scaled_score(days), scoring.SCALE) == expected, days
