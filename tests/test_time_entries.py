"""SPEC section 11: time kept as entries, in `hours:` or an hours commodity, billed later."""

from __future__ import annotations

from decimal import Decimal

from beancount_plugins.clienthealth.model import Report
from tests.helpers import D, analysed, client, invoice, kinds, line_of, load_with_plugin, messages


def work(report: Report, client_id: str) -> list[tuple[str, Decimal, bool]]:
    return [(str(w.date), w.hours, w.billed) for w in report.work[client_id]]


@analysed()
def test_month_of_time_entries_billed_by_one_invoice(report: Report) -> None:
    """
    2025-03-03 * "Acme GmbH" "Design" #client-acme
      hours: 9

    2025-03-12 * "Acme GmbH" "Build" #client-acme
      hours: 9

    2025-03-24 * "Acme GmbH" "Launch" #client-acme
      hours: 9

    2025-03-31 * "Acme GmbH" "March" ^inv-03 #client-acme
      billed_hours: 27
      Assets:Receivable      2700.00 EUR
      Income:Consulting
    """
    acme = client(report, "acme")
    # 9 + 9 + 9 = 27 hours, all billed by inv-03, none counted twice.
    assert (acme.hours, acme.billed_hours, acme.unbilled_hours) == (D(27), D(27), D(0))
    assert ("unbilled", None) not in kinds(report)
    assert messages(report) == []


@analysed(hours_commodity="H")
def test_hours_kept_in_a_commodity_billed_by_one_invoice(report: Report) -> None:
    """
    2020-01-01 open Assets:Billable
    2020-01-01 open Equity:Time
    2020-01-01 open Liabilities:VAT

    2025-03-03 * "Acme GmbH" "Design" #client-acme
      Assets:Billable         4.50 H
      Equity:Time            -4.50 H

    2025-03-10 * "Acme GmbH" "Build" #client-acme
      Assets:Billable         5.50 H
      Equity:Time            -5.50 H

    2025-03-31 * "Acme GmbH" "March" ^inv-03 #client-acme
      Assets:Receivable      1190.00 EUR
      Assets:Billable        -10.00 H @@ 1000.00 EUR
      Liabilities:VAT        -190.00 EUR

    2025-04-15 * "Acme GmbH" "Paid" ^inv-03
      Assets:Bank            1190.00 EUR
      Assets:Receivable
    """
    acme = client(report, "acme")
    # Positive postings only: 4.5 + 5.5 = 10 hours (not 0 with Equity:Time's).
    assert (acme.hours, acme.billed_hours, acme.unbilled_hours) == (D(10), D(10), D(0))
    # The H posting's weight is no revenue posting: net = 1190 - 190 VAT.
    assert invoice(report, "inv-03").net == D("1000.00")
    assert acme.yield_per_hour == D(100)  # 1000 / 10
    assert messages(report) == []


@analysed(hours_commodity="H")
def test_the_invoices_counter_posting_in_hours_is_not_new_work(report: Report) -> None:
    """
    2020-01-01 open Assets:Billable
    2020-01-01 open Equity:Time
    2020-01-01 open Liabilities:VAT

    2025-03-03 * "Maple Co" "Wireframes" #client-maple
      Assets:Billable        10.00 H
      Equity:Time           -10.00 H

    2025-03-31 * "Maple Co" "Invoice 2025-03" ^mp-03 #client-maple
      Assets:Receivable    1190.00 EUR
      Income:Consulting   -1000.00 EUR
      Liabilities:VAT      -190.00 EUR
      Assets:Billable       -10.00 H
      Equity:Time            10.00 H

    2025-04-15 * "Maple Co" "Paid" ^mp-03
      Assets:Bank          1190.00 EUR
      Assets:Receivable
    """
    # The time entry reversed: Equity:Time's +10 H balances the billing, it was
    # read as 10 more hours worked on the invoice (20 hours, yield 50).
    maple = client(report, "maple")
    assert (maple.hours, maple.billed_hours, maple.unbilled_hours) == (D(10), D(10), D(0))
    assert maple.yield_per_hour == D(100)  # 1000 net / 10


@analysed(hours_commodity="H")
def test_a_balanced_pair_in_hours_on_an_invoice_is_its_billed_work_once(report: Report) -> None:
    """
    2020-01-01 open Assets:Billable
    2020-01-01 open Equity:Time

    2025-03-31 * "Maple Co" "Workshop, billed on the day" ^mp-03 #client-maple
      Assets:Receivable     300.00 EUR
      Income:Consulting    -300.00 EUR
      Assets:Billable         3.00 H
      Equity:Time            -3.00 H
    """
    # Three hours, billed on the invoice: not 3 worked and 3 more billed from nothing.
    maple = client(report, "maple")
    assert (maple.hours, maple.billed_hours, maple.unbilled_hours) == (D(3), D(3), D(0))


@analysed()
def test_commodity_is_not_read_without_hours_commodity(report: Report) -> None:
    """
    2020-01-01 open Assets:Billable
    2020-01-01 open Equity:Time

    2025-03-03 * "Acme GmbH" "Design" #client-acme
      Assets:Billable         4.50 H
      Equity:Time            -4.50 H
    """
    assert report.clients == []


@analysed()
def test_fifo_over_two_invoices(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Week 1" #client-acme
      hours: 5

    2025-03-10 * "Acme GmbH" "Week 2" #client-acme
      hours: 5

    2025-03-15 * "Acme GmbH" "Mid-March" ^inv-1 #client-acme
      billed_hours: 7
      Assets:Receivable       700.00 EUR
      Income:Consulting

    2025-03-20 * "Acme GmbH" "Week 3" #client-acme
      hours: 5

    2025-03-31 * "Acme GmbH" "End of March" ^inv-2 #client-acme
      billed_hours: 3
      Assets:Receivable       300.00 EUR
      Income:Consulting
    """
    # inv-1 bills week 1 (5) and 2 of week 2; inv-2 the other 3 of week 2,
    # oldest first: week 3 (5) stays unbilled. Week 2 is split, in date order.
    assert work(report, "acme") == [
        ("2025-03-01", D(5), True),
        ("2025-03-10", D(2), True),
        ("2025-03-10", D(3), True),
        ("2025-03-20", D(5), False),
    ]
    acme = client(report, "acme")
    assert (acme.hours, acme.billed_hours, acme.unbilled_hours) == (D(15), D(10), D(5))


@analysed()
def test_more_billed_than_logged_is_work_on_the_invoice(report: Report) -> None:
    """
    2025-03-05 * "Acme GmbH" "Logged" #client-acme
      hours: 4

    2025-03-31 * "Acme GmbH" "March" ^inv-1 #client-acme
      billed_hours: 10
      Assets:Receivable      1000.00 EUR
      Income:Consulting
    """
    # 4 logged and billed, 10 - 4 = 6 more worked on the invoice, billed there.
    assert work(report, "acme") == [("2025-03-05", D(4), True), ("2025-03-31", D(6), True)]
    acme = client(report, "acme")
    assert (acme.hours, acme.billed_hours, acme.unbilled_hours) == (D(10), D(10), D(0))


@analysed()
def test_hours_on_the_invoice_stay_new_work_and_later_entries_stay_unbilled(report: Report) -> None:
    """
    2025-03-05 * "Acme GmbH" "Logged" #client-acme
      hours: 3

    2025-03-31 * "Acme GmbH" "March" ^inv-1 #client-acme
      hours: 5
      billed_hours: 3
      Assets:Receivable      800.00 EUR
      Income:Consulting

    2025-04-02 * "Acme GmbH" "April, not billed yet" #client-acme
      hours: 2
    """
    acme = client(report, "acme")
    # 3 logged and billed + 5 on the invoice = 8 billed; April's 2 unbilled.
    assert (acme.hours, acme.billed_hours, acme.unbilled_hours) == (D(10), D(8), D(2))


@analysed()
def test_linked_hours_are_not_billed_twice(report: Report) -> None:
    """
    2025-03-05 * "Acme GmbH" "Logged for inv-1" ^inv-1 #client-acme
      hours: 4

    2025-03-06 * "Acme GmbH" "Logged" #client-acme
      hours: 6

    2025-03-31 * "Acme GmbH" "March" ^inv-1 #client-acme
      billed_hours: 6
      Assets:Receivable      1000.00 EUR
      Income:Consulting
    """
    # The linked 4 are billed by their link; billed_hours bills the other 6.
    acme = client(report, "acme")
    assert (acme.hours, acme.billed_hours, acme.unbilled_hours) == (D(10), D(10), D(0))


@analysed()
def test_bad_billed_hours_is_a_data_error_and_the_invoice_stays(report: Report) -> None:
    """
    2025-03-05 * "Acme GmbH" "Logged" #client-acme
      hours: 3

    2025-03-31 * "Acme GmbH" "March" ^inv-1 #client-acme
      billed_hours: -3
      Assets:Receivable      300.00 EUR
      Income:Consulting

    2025-04-30 * "Acme GmbH" "April" ^inv-2 #client-acme
      billed_hours: "three"
      Assets:Receivable      300.00 EUR
      Income:Consulting
    """
    assert [inv.invoice_id for inv in report.invoices] == ["inv-1", "inv-2"]
    assert messages(report) == [
        "clienthealth: data: billed_hours: must be a number >= 0, not -3",
        'clienthealth: data: billed_hours: must be a number >= 0, not "three"',
    ]
    assert client(report, "acme").unbilled_hours == D(3)


def test_bad_billed_hours_names_the_file_and_line() -> None:
    text = """
    2025-03-31 * "Acme GmbH" "March" ^inv-1 #client-acme
      billed_hours: "lots"
      Assets:Receivable      300.00 EUR
      Income:Consulting
    """
    entries, errors, _ = load_with_plugin(text)
    [error] = [e for e in errors if e.message.startswith("clienthealth: data:")]
    assert "billed_hours: must be a number >= 0" in error.message
    assert error.source["lineno"] == 1 + line_of(text, "March")
    assert len(entries) == len(load_with_plugin(text, "{}")[0])


def test_bad_hours_commodity_is_one_config_error_naming_the_key() -> None:
    text = """
    2025-03-31 * "Acme GmbH" "March" ^inv-1 #client-acme
      Assets:Receivable      300.00 EUR
      Income:Consulting
    """
    for bad in ("'h'", "5", "'H H'"):
        _, errors, _ = load_with_plugin(text, f"{{'hours_commodity': {bad}}}")
        [error] = errors
        assert error.message.startswith(
            "clienthealth: config: 'hours_commodity' must be a commodity name"
        ), bad


def test_bad_tax_accounts_is_one_config_error_naming_the_key() -> None:
    _, errors, _ = load_with_plugin("", "{'tax_accounts': '^Liabilities:(VAT'}")
    [error] = errors
    assert error.message.startswith(
        "clienthealth: config: 'tax_accounts' is not a valid regular expression"
    )
