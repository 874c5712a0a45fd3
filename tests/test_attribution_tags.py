"""SPEC section 2, rules 1 and 2: client tags, pushtag and `client:` metadata."""

from __future__ import annotations

from beancount_plugins.clienthealth.model import Report
from tests.helpers import D, analysed, client, invoice, messages


@analysed()
def test_tag_beats_client_metadata(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      client: "globex"
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    """
    assert invoice(report, "inv-1").client == "acme"
    assert [c.client for c in report.clients] == ["acme"]
    assert messages(report) == []


@analysed()
def test_client_metadata_beats_link(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-a #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-02 * "Globex" "Design" ^inv-g
      client: "globex"
      Assets:Receivable    400.00 EUR
      Income:Consulting

    ; Links to Acme's invoice, but says it is Globex's: Globex's oldest open
    ; invoice (FIFO) is paid, Acme's is not.
    2025-03-10 * "Globex" "Payment" ^inv-a
      client: "globex"
      Assets:Bank          400.00 EUR
      Assets:Receivable   -400.00 EUR
    """
    assert invoice(report, "inv-g").client == "globex"
    assert invoice(report, "inv-g").paid == D("400.00")
    assert invoice(report, "inv-a").paid == 0


@analysed()
def test_pushtag_names_the_client(report: Report) -> None:
    """
    pushtag #client-acme

    2025-03-01 * "Acme GmbH" "Website" ^inv-a
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-05 * "Acme GmbH" "Call"
      hours: 2

    poptag #client-acme
    """
    assert invoice(report, "inv-a").client == "acme"
    assert client(report, "acme").unbilled_hours == D(2)


@analysed()
def test_two_client_tags_are_a_data_error_and_the_transaction_is_left_out(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-a #client-acme #client-globex
      hours: 10
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    """
    assert report.invoices == []
    assert report.clients == []
    [error] = report.errors
    assert error.message.startswith("clienthealth: data: two client tags")
    assert "acme" in error.message and "globex" in error.message


@analysed(client_tag_prefix="customer-")
def test_client_tag_prefix(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-a #customer-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-02 * "Globex" "Design" ^inv-g #client-globex
      client: "globex"
      Assets:Receivable     300.00 EUR
      Income:Consulting
    """
    assert invoice(report, "inv-a").client == "acme"
    # #client-globex is just a tag now; the client: metadata names it.
    assert invoice(report, "inv-g").client == "globex"


@analysed()
def test_hours_of_a_transaction_with_no_client_are_not_read(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      hours: 5
      Assets:Receivable    100.00 EUR
      Income:Consulting

    2025-03-02 * "Someone" "Call"
      hours: 7
    """
    assert client(report, "acme").hours == D(5)
    assert [c.client for c in report.clients] == ["acme"]
    assert messages(report) == []
