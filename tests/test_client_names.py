"""SPEC section 2: the `custom "client"` directive, and a client's display name."""

from __future__ import annotations

from beancount_plugins.clienthealth.model import Report
from tests.helpers import analysed, client, date, invoice


@analysed()
def test_custom_client_gives_name_and_terms(report: Report) -> None:
    """
    2025-01-01 custom "client" "acme"
      name: "Acme GmbH"
      terms: 14

    2025-03-01 * "ACME Billing Dept" "Website" ^inv-a #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    """
    assert client(report, "acme").name == "Acme GmbH"
    assert str(invoice(report, "inv-a").due) == "2025-03-15"


@analysed()
def test_later_directive_changes_terms_from_its_date_and_keeps_the_name(report: Report) -> None:
    # The first directive holds from the start, even for inv-0 before its date.
    """
    2025-01-15 custom "client" "acme"
      name: "Acme GmbH"
      terms: 14

    2025-01-05 * "Acme" "Before the first directive" ^inv-0 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-01 * "Acme" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-06-01 custom "client" "acme"
      terms: 60

    2025-06-01 * "Acme" "Support" ^inv-2 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    """
    assert client(report, "acme").name == "Acme GmbH"
    assert str(invoice(report, "inv-0").due) == "2025-01-19"
    assert str(invoice(report, "inv-1").due) == "2025-03-15"
    assert str(invoice(report, "inv-2").due) == "2025-07-31"


@analysed()
def test_display_name_is_the_most_frequent_payee_of_invoices(report: Report) -> None:
    """
    2025-03-01 * "Acme" "One" ^inv-1 #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting

    2025-03-02 * "Acme GmbH" "Two" ^inv-2 #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting

    2025-03-03 * "Acme GmbH" "Three" ^inv-3 #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting

    ; Payees of payments and time entries do not count.
    2025-03-10 * "ACME Treasury" "Payment" #client-acme
      Assets:Bank          10.00 EUR
      Assets:Receivable   -10.00 EUR
    2025-03-11 * "ACME Treasury" "Payment" #client-acme
      Assets:Bank          10.00 EUR
      Assets:Receivable   -10.00 EUR
    2025-03-12 * "ACME Treasury" "Call" #client-acme
      hours: 1
    """
    assert client(report, "acme").name == "Acme GmbH"


@analysed()
def test_display_name_without_payee_is_the_client_id(report: Report) -> None:
    """
    2025-03-01 * "Website" ^inv-1 #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting
    """
    assert client(report, "acme").name == "acme"


@analysed()
def test_display_name_tie_is_the_payee_of_the_earliest_invoice(report: Report) -> None:
    """
    2025-03-02 * "Acme GmbH" "Two" ^inv-2 #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting

    2025-03-01 * "ACME" "One" ^inv-1 #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting
    """
    assert client(report, "acme").name == "ACME"


@analysed()
def test_bad_client_directive_is_a_data_error(report: Report) -> None:
    """
    2025-01-01 custom "client" "acme"
      terms: "soon"

    2025-01-01 custom "client" 42

    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting
    """
    assert [e.message.split(":")[2].strip() for e in report.errors] == [
        "terms",
        'custom "client" needs a client id as "acme"',
    ]
    assert all(e.entry is not None and e.entry.date == date("2025-01-01") for e in report.errors)
    # The bad terms are ignored: the default 30 days apply.
    assert invoice(report, "inv-1").due == date("2025-03-31")


@analysed()
def test_the_first_terms_given_hold_from_the_start_even_after_a_name_only_directive(
    report: Report,
) -> None:
    """
    2025-03-01 custom "client" "acme"
      name: "Acme GmbH"

    2025-03-01 custom "client" "acme"
      terms: 14

    2025-01-10 * "Acme" "Before both directives" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    """
    assert client(report, "acme").name == "Acme GmbH"
    assert str(invoice(report, "inv-1").due) == "2025-01-24"
