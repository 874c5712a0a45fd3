"""SPEC section 7: ranking by cash-flow risk and by yield, and the bottom clients."""

from __future__ import annotations

import pytest

from beancount_plugins.clienthealth import ranking
from beancount_plugins.clienthealth.model import Report
from tests.helpers import run

RISK = """
    2025-03-01 * "A" "Paid on time: 80" ^a-1 #client-a
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-03-31 * "A" "Payment" ^a-1
      Assets:Bank          1000.00 EUR
      Assets:Receivable   -1000.00 EUR

    ; b, d, e: open 60 days past due (due 2025-05-01): 40 each.
    2025-04-01 * "B" "Open" ^b-1 #client-b
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-04-01 * "D" "Open, more overdue" ^d-1 #client-d
      Assets:Receivable    2000.00 EUR
      Income:Consulting
    2025-04-01 * "E" "Open" ^e-1 #client-e
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    ; c and f have no score.
    2025-06-01 * "C" "Call" #client-c
      hours: 2
    2025-06-20 * "F" "Not due" ^f-1 #client-f
      Assets:Receivable    1000.00 EUR
      Income:Consulting
"""


@pytest.fixture(scope="module")
def risk_report() -> Report:
    return run(RISK)


def test_risk_order(risk_report: Report) -> None:
    scores = {c.client: c.payment_score for c in risk_report.clients}
    assert scores == {"a": 80, "b": 40, "c": None, "d": 40, "e": 40, "f": None}
    # Score ascending; d before b and e (more overdue); b before e (id); none last.
    assert [c.client for c in risk_report.clients] == ["d", "b", "e", "a", "c", "f"]


def test_risk_order_puts_more_overdue_first_among_unscored() -> None:
    clients = [c._replace(payment_score=None) for c in run(RISK).clients]
    assert [c.client for c in ranking.by_risk(clients)] == ["d", "b", "e", "a", "c", "f"]


def test_yield_order() -> None:
    report = run("""
    2025-03-01 * "X" "Website" ^x-1 #client-x
      hours: 10
      Assets:Receivable     500.00 EUR
      Income:Consulting
    2025-03-02 * "X" "Payment" ^x-1
      Assets:Bank           500.00 EUR
      Assets:Receivable    -500.00 EUR
    2025-03-01 * "Y" "Unpaid work" #client-y
      hours: 10
    2025-03-01 * "Freelancer" "For Y" #client-y
      Expenses:Subcontractors    100.00 EUR
      Assets:Bank
    2025-03-01 * "Z" "Website" ^z-1 #client-z
      hours: 1
      Assets:Receivable     120.00 EUR
      Income:Consulting
    2025-03-02 * "Z" "Payment" ^z-1
      Assets:Bank           120.00 EUR
      Assets:Receivable    -120.00 EUR
    2025-03-01 * "W" "No hours" ^w-1 #client-w
      Assets:Receivable     120.00 EUR
      Income:Consulting
    """)
    ordered = ranking.by_yield(report.clients)
    assert [(c.client, c.yield_per_hour) for c in ordered] == [
        ("y", -10),
        ("x", 50),
        ("z", 120),
        ("w", None),
    ]


def _clients(with_hours: int, without_hours: int = 0) -> str:
    """Clients c00, c01 ... yielding 100, 200 ... per hour, and some without hours."""
    parts = []
    for k in range(with_hours):
        amount = f"{100 * (k + 1)}.00"
        parts.append(f"""
2025-03-01 * "C{k:02}" "Work" ^c{k:02}-1 #client-c{k:02}
  hours: 1
  Assets:Receivable    {amount} EUR
  Income:Consulting
2025-03-02 * "C{k:02}" "Payment" ^c{k:02}-1
  Assets:Bank          {amount} EUR
  Assets:Receivable   -{amount} EUR
""")
    for k in range(without_hours):
        parts.append(f"""
2025-03-01 * "N{k:02}" "No hours" ^n{k:02}-1 #client-n{k:02}
  Assets:Receivable    1.00 EUR
  Income:Consulting
""")
    return "".join(parts)


def _bottom(report: Report) -> list[str]:
    return sorted(s.client for s in report.signals if s.kind == "bottom")


@pytest.mark.parametrize(
    ("with_hours", "without_hours", "expected"),
    [
        (6, 0, []),  # floor(6 x 0.15) = floor(0.9) = 0
        (6, 3, []),  # clients without hours do not count: still 6
        (7, 0, ["c00"]),  # floor(1.05) = 1
        (7, 5, ["c00"]),
        (20, 0, ["c00", "c01", "c02"]),  # floor(3.0) = 3
    ],
)
def test_bottom_clients(with_hours: int, without_hours: int, expected: list[str]) -> None:
    report = run(_clients(with_hours, without_hours))
    assert _bottom(report) == expected
    bottom = {c.client for c in report.clients if "bottom" in c.signals}
    assert sorted(bottom) == expected


def test_bottom_share() -> None:
    # floor(6 x 0.5) = 3
    assert _bottom(run(_clients(6), bottom_share=0.5)) == ["c00", "c01", "c02"]
    assert _bottom(run(_clients(20), bottom_share=0)) == []
