"""SPEC sections 12 and 14: rework, meetings, hours before the contract, low-yield time."""

from __future__ import annotations

import pytest
from beancount import loader
from hypothesis import given

from beancount_plugins.clienthealth import cli
from beancount_plugins.clienthealth import config as config_module
from beancount_plugins.clienthealth.engine import analyse
from beancount_plugins.clienthealth.json_report import report_json
from beancount_plugins.clienthealth.model import Report
from beancount_plugins.clienthealth.table import render_table
from tests.helpers import D, analysed, client, kinds, line_of, many_clients, run
from tests.ledger_strategies import ledgers
from tests.strategies import budget


@analysed()
def test_rework_meeting_and_presale_hours(report: Report) -> None:
    """
    2025-01-10 * "Acme GmbH" "Discovery meeting" #client-acme #meeting
      hours: 3
    2025-01-20 * "Acme GmbH" "Sample page" #client-acme
      hours: 5
    2025-02-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      hours: 20
      Assets:Receivable    2000.00 EUR
      Income:Consulting
    2025-02-10 * "Acme GmbH" "Homepage again, they changed their mind" #client-acme #rework
      hours: 6
    2025-02-11 * "Acme GmbH" "Review meeting" #client-acme #meeting
      hours: 2
    """
    acme = client(report, "acme")
    assert acme.hours == D(36)  # 3 + 5 + 20 + 6 + 2
    assert acme.rework_hours == D(6)
    assert acme.rework_share == D(6) / D(36)
    assert acme.meeting_hours == D(5)  # 3 + 2
    assert acme.meeting_share == D(5) / D(36)
    # Before the first invoice (2025-02-01): 3 + 5; the invoice's own 20 are not.
    assert acme.presale_hours == D(8)
    # 6 / 36 = 16.7% > 15% with 36 >= 8 hours; 8 presale hours are not above 8.
    assert ("rework", None) in kinds(report, "acme")
    assert ("free-work", None) not in kinds(report, "acme")


@analysed()
def test_rework_and_meeting_on_one_transaction_both_count(report: Report) -> None:
    """
    2025-02-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      hours: 10
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-02-10 * "Acme GmbH" "Workshop to redo the layout" #client-acme #rework #meeting
      hours: 4
    """
    acme = client(report, "acme")
    assert (acme.hours, acme.rework_hours, acme.meeting_hours) == (D(14), D(4), D(4))
    assert acme.presale_hours == 0


@analysed(rework_tag="redo", meeting_tag="call")
def test_rework_and_meeting_tags_are_configurable(report: Report) -> None:
    """
    2025-02-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-02-10 * "Acme GmbH" "Layout again" #client-acme #redo
      hours: 4
    2025-02-11 * "Acme GmbH" "Tagged with the default, not the configured tag" #client-acme #rework
      hours: 1
    2025-02-12 * "Acme GmbH" "Phone" #client-acme #call
      hours: 2
    """
    acme = client(report, "acme")
    assert (acme.rework_hours, acme.meeting_hours) == (D(4), D(2))


@analysed(window_days=30)
def test_presale_hours_count_within_the_window(report: Report) -> None:
    """
    2025-05-01 * "Prospect" "Meeting, before the window" #client-prospect #meeting
      hours: 10
    2025-06-10 * "Prospect" "Sample, in the window" #client-prospect
      hours: 3
    """
    # The window is 2025-06-01..2025-06-30: only the 3 hours of June count.
    prospect = client(report, "prospect")
    assert (prospect.hours, prospect.presale_hours, prospect.meeting_hours) == (D(3), D(3), D(0))


@analysed()
def test_time_that_the_first_invoice_bills_is_no_presale(report: Report) -> None:
    """
    2025-03-03 * "Acme GmbH" "Design" #client-acme
      hours: 10
    2025-03-10 * "Acme GmbH" "Build, linked to the invoice" ^inv-1 #client-acme
      hours: 6
    2025-03-12 * "Acme GmbH" "Kick-off meeting, never billed" #client-acme #meeting
      hours: 9
    2025-03-31 * "Acme GmbH" "March" ^inv-1 #client-acme
      billed_hours: 10
      Assets:Receivable    1600.00 EUR
      Income:Consulting
    """
    # Time kept through the first month and billed at its end was not free: only
    # the meeting that no invoice bills is work before the contract (SPEC part three).
    acme = client(report, "acme")
    assert (acme.hours, acme.billed_hours, acme.presale_hours) == (D(25), D(16), D(9))
    assert ("free-work", None) in kinds(report, "acme")


@analysed()
def test_billed_time_entries_raise_no_free_work(report: Report) -> None:
    """
    2025-03-03 * "Acme GmbH" "Design" #client-acme
      hours: 10
    2025-03-31 * "Acme GmbH" "March" ^inv-1 #client-acme
      billed_hours: 10
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    """
    acme = client(report, "acme")
    assert (acme.hours, acme.presale_hours) == (D(10), D(0))
    assert ("free-work", None) not in kinds(report, "acme")


@analysed()
def test_presale_hours_are_all_hours_without_an_invoice(report: Report) -> None:
    """
    2025-03-01 * "Prospect" "First meeting" #client-prospect #meeting
      hours: 4
    2025-03-15 * "Prospect" "Free sample" #client-prospect
      hours: 5
    """
    prospect = client(report, "prospect")
    assert prospect.presale_hours == D(9)  # 4 + 5, no invoice up to A
    [signal] = [s for s in report.signals if s.kind == "free-work"]
    assert signal.message == (
        "client prospect (prospect) took 9 unbilled hours before its first invoice (above 8): "
        "ask for a signed contract or a paid discovery phase before more meetings or samples"
    )
    # On the client's latest transaction: it has no invoice.
    doc = test_presale_hours_are_all_hours_without_an_invoice.__doc__
    assert signal.entry.meta["lineno"] == line_of(doc, '"Free sample"')


REWORK_LEDGER = """
2025-02-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
  hours: {plain}
  Assets:Receivable    1000.00 EUR
  Income:Consulting
2025-02-10 * "Acme GmbH" "Redo" #client-acme #rework
  hours: {rework}
"""


@pytest.mark.parametrize(
    ("plain", "rework", "fires"),
    [
        ("17", "3", False),  # 3 / 20 = 15%: at the limit, not above
        ("17.5", "2.5", False),  # 2.5 / 20 = 12.5%: below
        ("16.5", "3.5", True),  # 3.5 / 20 = 17.5%: above
        ("0", "7.5", False),  # 100% but 7.5 < 8 hours
        ("0", "8", True),  # 100% of exactly 8 hours
    ],
)
def test_rework_signal_at_below_and_above_the_limit(plain: str, rework: str, fires: bool) -> None:
    report = run(REWORK_LEDGER.format(plain=plain, rework=rework))
    assert (("rework", None) in kinds(report, "acme")) is fires


def test_rework_message_says_what_to_do() -> None:
    report = run(REWORK_LEDGER.format(plain="14", rework="6"))
    [signal] = [s for s in report.signals if s.kind == "rework"]
    # 6 / 20 = 30%
    assert signal.message == (
        "client acme (Acme GmbH) had 6 hours of rework of 20 (30%, above 15%): "
        "have each decision signed off and bill changes to approved work as a change request"
    )


PRESALE_LEDGER = """
2025-01-10 * "Prospect" "Meetings" #client-prospect #meeting
  hours: {hours}
2025-02-01 * "Prospect" "First order" ^inv-1 #client-prospect
  Assets:Receivable    500.00 EUR
  Income:Consulting
"""


@pytest.mark.parametrize(
    ("hours", "limit", "fires"),
    [("8", 8, False), ("7.5", 8, False), ("8.5", 8, True), ("12", 12, False), ("12.25", 12, True)],
)
def test_free_work_signal_at_below_and_above_the_limit(hours: str, limit: int, fires: bool) -> None:
    report = run(PRESALE_LEDGER.format(hours=hours), max_presale_hours=limit)
    assert (("free-work", None) in kinds(report, "prospect")) is fires


def test_warnings_switch_off_the_new_kinds() -> None:
    text = REWORK_LEDGER.format(plain="0", rework="20")
    assert ("rework", None) in kinds(run(text), "acme")
    assert ("free-work", None) not in kinds(run(text), "acme")
    quiet = run(text, warnings=["overdue"])
    assert not {"rework", "free-work"} & {kind for kind, _ in kinds(quiet)}


LOW_YIELD = """
2025-02-01 * "Cheap Ltd" "Work" ^inv-1 #client-cheap
  hours: {cheap}
  Assets:Receivable    100.00 EUR
  Income:Consulting
2025-02-02 * "Good GmbH" "Work" ^inv-2 #client-good
  hours: {good}
  Assets:Receivable    5000.00 EUR
  Income:Consulting
2025-02-20 * "Good GmbH" "Payment" ^inv-2 #client-good
  Assets:Bank    5000.00 EUR
  Assets:Receivable
"""


@pytest.mark.parametrize(
    ("cheap", "good", "fires"),
    [
        ("2", "8", False),  # 2 / 10 = 20%: at the limit
        ("1", "9", False),  # 10%: below
        ("3", "7", True),  # 30%: above
    ],
)
def test_low_yield_time_at_below_and_above_the_limit(cheap: str, good: str, fires: bool) -> None:
    # cheap paid nothing: yields 0 < 80; good yields 5000 / good hours >= 80 (at most 9 h).
    report = run(LOW_YIELD.format(cheap=cheap, good=good), min_rate="80 EUR")
    assert report.low_yield_time_share == D(cheap) / D(10)
    assert report.low_yield_clients == ("cheap",)
    assert (("low-yield-time", None) in kinds(report)) is fires


def test_low_yield_time_message_names_the_clients_on_their_latest_invoice() -> None:
    text = LOW_YIELD.format(cheap="3", good="7")
    report = run(text, min_rate="80 EUR")
    [signal] = [s for s in report.signals if s.kind == "low-yield-time"]
    assert signal.message == (
        "clients below min_rate 80 EUR took 3 hours, 30% of all clients' hours (above 20%): "
        "cheap (Cheap Ltd); raise their rates or cap the time they get"
    )
    assert signal.entry.meta["lineno"] == line_of(text, '"Cheap Ltd" "Work"')
    # About the portfolio: no one client lists it among its signals.
    assert all("low-yield-time" not in c.signals for c in report.clients)
    assert report_json(report)["low_yield_time_share"] == 0.3


def test_low_yield_time_goes_on_the_latest_invoice_not_a_later_time_entry() -> None:
    """SPEC 14: on the latest invoice among them, though a prospect of them worked later."""
    text = """
2025-06-05 * "Zed" "Invoice" ^z-1 #client-zed
  hours: 10
  Assets:Receivable    500.00 EUR
  Income:Consulting
2025-06-12 * "Prospect" "Pitch" #client-prospect
  hours: 6
2025-06-20 * "Zed" "Payment" ^z-1 #client-zed
  Assets:Bank    500.00 EUR
  Assets:Receivable
"""
    report = run(text, min_rate="80 EUR", as_of="2025-06-30")
    [signal] = [s for s in report.signals if s.kind == "low-yield-time"]
    assert set(report.low_yield_clients) == {"zed", "prospect"}
    assert signal.entry.meta["lineno"] == line_of(text, '"Zed" "Invoice"')


def test_low_yield_time_share_is_none_without_min_rate() -> None:
    report = run(LOW_YIELD.format(cheap="9", good="1"))
    assert report.low_yield_time_share is None
    assert report_json(report)["low_yield_time_share"] is None
    assert ("low-yield-time", None) not in kinds(report)


def test_new_figures_are_in_the_json_and_the_csv() -> None:
    report = run(REWORK_LEDGER.format(plain="14", rework="6"))
    [acme] = report_json(report)["clients"]
    # 6 rework of 20 hours; no meetings; no hours before the invoice (same day).
    assert (acme["rework_hours"], acme["rework_share"]) == (6, 0.3)
    assert (acme["meeting_hours"], acme["meeting_share"], acme["presale_hours"]) == (0, 0, 0)
    header, row = cli.to_csv(report).splitlines()
    values = dict(zip(header.split(","), row.split(","), strict=True))
    assert (values["rework_hours"], values["rework_share"], values["presale_hours"]) == (
        "6",
        "0.3",
        "0",
    )


@given(ledgers())
@budget(150)
def test_kinds_of_hours_never_exceed_hours(ledger: tuple[str, str]) -> None:
    text, config = ledger
    entries, _, options_map = loader.load_string(text)
    settings, problem = config_module.parse(config)
    assert problem is None
    report = analyse(entries, options_map, settings)
    for c in report.clients:
        for part in (c.rework_hours, c.meeting_hours, c.presale_hours):
            assert 0 <= part <= c.hours, c
        for share in (c.rework_share, c.meeting_share):
            assert (share is None) == (not c.hours)
            assert share is None or 0 <= share <= 1
    whole = {client: sum(w.hours for w in work) for client, work in report.work.items()}
    for project in report.projects:
        assert 0 <= project.rework_hours <= project.hours <= whole.get(project.client, 0)
    share = report.low_yield_time_share
    assert share is None or 0 <= share <= 1


def test_table_shows_kinds_of_work_and_the_low_yield_time_share() -> None:
    rework = REWORK_LEDGER.format(plain="0", rework="10").replace("inv-1", "inv-9")
    report = run(LOW_YIELD.format(cheap="3", good="7") + rework, min_rate="80 EUR")
    lines = render_table(report).splitlines()
    kinds_at = next(i for i, line in enumerate(lines) if line.startswith("Time by kind"))
    # Only acme has kinds of work: 10 rework hours of 10, 100%; no meetings, and
    # nothing before its invoice (the same day).
    assert lines[kinds_at + 1].split() == ["Acme", "GmbH", "10.0", "100%", "-", "-"]
    assert lines[kinds_at + 2] == ""
    # Below 80 EUR: cheap (3 h) and acme (10 h), both unpaid, of 3 + 7 + 10 = 20 hours.
    assert "Clients below min_rate 80 EUR take 65% of the hours: acme, cheap." in lines


def test_low_yield_time_names_the_clients_with_the_most_hours_and_counts_the_rest() -> None:
    """Sixty clients, thirty below min_rate: one readable line, not thirty names."""
    report = run(many_clients(60), min_rate="80 EUR")
    # Most hours first: the unpaid (even) clients with the most hours are c58, c56, ...
    assert report.low_yield_clients[:3] == ("c58", "c56", "c54")
    assert len(report.low_yield_clients) == 30
    [signal] = [s for s in report.signals if s.kind == "low-yield-time"]
    named = ", ".join(f"c{i} (Client {i})" for i in (58, 56, 54, 52, 50))
    assert f": {named} and 25 more; raise their rates" in signal.message
    assert "c48" not in signal.message
    assert len(signal.message) < 300
    table = render_table(report)
    # 1 + 3 + ... + 59 = 900 of 1 + 2 + ... + 60 = 1830 hours.
    assert "take 49% of the hours: c58, c56, c54, c52, c50 and 25 more." in " ".join(table.split())


def test_low_yield_time_ties_on_hours_are_named_by_name() -> None:
    text = "".join(
        LOW_YIELD.format(cheap="3", good="1")
        .replace("cheap", who)
        .replace("Cheap Ltd", name)
        .replace("inv-", f"inv-{who}-")
        .replace("good", f"good-{who}")
        for who, name in [("zz", "Alpha"), ("aa", "Omega")]
    )
    report = run(text, min_rate="80 EUR")
    # Three hours each: Alpha (id zz) is named before Omega (id aa).
    assert report.low_yield_clients == ("zz", "aa")
