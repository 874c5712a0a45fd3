"""SPEC section 7: the overdue and dispute signals, grace days, and `warnings`."""

from __future__ import annotations

from beancount.core import data

from tests.helpers import _run, client, invoice, kinds, run


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
