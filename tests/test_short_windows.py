"""Short windows are honest: no yield per hour before any pay of the window is due."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from fava.application import create_app

from beancount_plugins.clienthealth.json_report import report_json
from beancount_plugins.clienthealth.table import render_table
from tests.helpers import D, run
from tests.helpers import client as find

EXAMPLE = Path(__file__).parent.parent / "example-ledger" / "consultancy.beancount"

JUNE = """
2025-06-30 * "Acme GmbH" "June" ^inv-6 #client-acme
  hours: 10
  Assets:Receivable   1000.00 EUR
  Income:Consulting
"""
CONFIG: dict[str, Any] = {"min_rate": "80 EUR", "window_days": 30}


def test_a_client_whose_invoices_are_not_due_yet_has_no_yield_yet() -> None:
    # As of 2025-06-30 the June invoice is due 2025-07-30: nothing is owed yet,
    # so 0.00 / 10 hours would be a low yield the window invents.
    report = run(JUNE, as_of="2025-06-30", **CONFIG)
    acme = find(report, "acme")
    assert acme.yield_per_hour is None
    assert acme.yield_pending is True
    assert acme.hours == D(10)
    assert not [s for s in report.signals if s.kind in ("low-yield", "bottom")]
    assert report_json(report)["clients"][0]["yield_pending"] is True
    assert "not due" in render_table(report)


def test_on_its_due_date_it_is_still_not_due() -> None:
    report = run(JUNE, as_of="2025-07-30", window_days=60, min_rate="80 EUR")
    assert find(report, "acme").yield_pending is True


def test_once_the_invoice_is_past_due_unpaid_the_yield_is_zero() -> None:
    # A day after the due date the money is late: 0.00 per hour is the truth.
    report = run(JUNE, as_of="2025-07-31", window_days=60, min_rate="80 EUR")
    acme = find(report, "acme")
    assert acme.yield_pending is False
    assert acme.yield_per_hour == D(0)
    kinds = {s.kind for s in report.signals if s.client == "acme"}
    assert {"overdue", "low-yield"} <= kinds  # the only client: concentration too


def test_one_settled_invoice_judges_the_window() -> None:
    # An invoice of the window paid in full is settled: the window's yield
    # counts, June's hours too: 1000 paid / 20 hours = 50.00.
    report = run(
        textwrap.dedent("""
        2025-06-01 * "Acme GmbH" "May" ^inv-5 #client-acme
          hours: 10
          Assets:Receivable   1000.00 EUR
          Income:Consulting
        2025-06-15 * "Acme GmbH" "Paid May" ^inv-5
          Assets:Bank   1000.00 EUR
          Assets:Receivable
        """)
        + JUNE,
        as_of="2025-06-30",
        **CONFIG,
    )
    acme = find(report, "acme")
    assert acme.yield_pending is False
    assert acme.yield_per_hour == D("50")


def test_a_prospect_with_no_invoice_is_judged_as_before() -> None:
    # No invoice at all: free work yields 0.00, pending nothing.
    report = run(
        """
        2025-06-10 * "Zeta" "Free sample" #client-zeta
          hours: 12
        """,
        as_of="2025-06-30",
        **CONFIG,
    )
    zeta = find(report, "zeta")
    assert (zeta.yield_pending, zeta.yield_per_hour) == (False, D(0))


def test_the_example_in_june_raises_no_low_yield_for_clients_good_over_the_year(
    tmp_path: Path,
) -> None:
    """Issue 16: `?time=2025-06` on the example: June's work is paid in July."""
    app = create_app([str(EXAMPLE)], load=True, poll_watcher=True)
    app.testing = True
    client = app.test_client()
    year = client.get("/kessler-digital/extension/ClientHealth/clients?time=2025").get_json()
    june = client.get("/kessler-digital/extension/ClientHealth/clients?time=2025-06").get_json()
    good = {
        c["client"]
        for c in year["clients"]
        if c["yield_per_hour"] is not None and D(c["yield_per_hour"]) >= 80
    }
    # Nordwind, Meridian, Hoffmann, Bluefin, Falkenrot, Ostheim, Lindqvist, Brandt:
    # each yields over 80 EUR an hour over 2025 (README).
    assert {"nordwind", "meridian", "hoffmann"} <= good
    flagged = {c["client"] for c in june["clients"] if "low-yield" in c["signals"]}
    assert flagged & good == set()
    nordwind = next(c for c in june["clients"] if c["client"] == "nordwind")
    assert (nordwind["yield_per_hour"], nordwind["yield_pending"]) == (None, True)
