"""SPEC section 2, rule 4: receivable sub-accounts of one client, and the `receivable` pattern."""

from __future__ import annotations

from beancount.core import data

from beancount_plugins.clienthealth.model import Report
from tests.helpers import D, analysed, invoice, messages


@analysed()
def test_link_beats_receivable_subaccount(report: Report) -> None:
    """
    2020-01-01 open Assets:Receivable:Acme
    2020-01-01 open Assets:Receivable:Globex

    2025-03-01 * "Acme GmbH" "Website" ^inv-a #client-acme
      Assets:Receivable:Acme    1000.00 EUR
      Income:Consulting

    2025-03-01 * "Globex" "Design" ^inv-g #client-globex
      Assets:Receivable:Globex   300.00 EUR
      Income:Consulting

    ; Posts to Acme's account but links Globex's invoice: it is Globex's.
    2025-03-10 * "Bank transfer" ^inv-g
      Assets:Bank                300.00 EUR
      Assets:Receivable:Acme    -300.00 EUR
    """
    assert invoice(report, "inv-g").paid == D("300.00")
    assert invoice(report, "inv-a").paid == 0


@analysed()
def test_receivable_subaccount_of_one_client(report: Report) -> None:
    """
    2020-01-01 open Assets:Receivable:Acme

    2025-03-01 * "Acme GmbH" "Website" ^inv-a #client-acme
      Assets:Receivable:Acme    1000.00 EUR
      Income:Consulting

    2025-03-10 * "Bank transfer"
      Assets:Bank                600.00 EUR
      Assets:Receivable:Acme    -600.00 EUR
    """
    inv = invoice(report, "inv-a")
    assert (inv.paid, inv.open) == (D("600.00"), D("400.00"))
    assert messages(report) == []


@analysed()
def test_receivable_root_names_no_client(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-a #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-10 * "Bank transfer"
      Assets:Bank          600.00 EUR
      Assets:Receivable   -600.00 EUR
    """
    assert invoice(report, "inv-a").paid == 0
    [error] = report.errors
    assert error.message.startswith("clienthealth: data: receivable posting with no client")
    assert isinstance(error.entry, data.Transaction)
    assert error.entry.narration == "Bank transfer"


@analysed()
def test_subaccount_shared_by_two_clients_names_no_client(report: Report) -> None:
    """
    2020-01-01 open Assets:Receivable:Shared

    2025-03-01 * "Acme GmbH" "Website" ^inv-a #client-acme
      Assets:Receivable:Shared    1000.00 EUR
      Income:Consulting

    2025-03-01 * "Globex" "Design" ^inv-g #client-globex
      Assets:Receivable:Shared     300.00 EUR
      Income:Consulting

    2025-03-10 * "Bank transfer"
      Assets:Bank                  300.00 EUR
      Assets:Receivable:Shared    -300.00 EUR
    """
    assert invoice(report, "inv-a").paid == 0
    assert invoice(report, "inv-g").paid == 0
    assert len(report.errors) == 1
    assert "receivable posting with no client" in report.errors[0].message


@analysed()
def test_receivable_invoice_with_no_client_is_a_data_error(report: Report) -> None:
    """
    2025-02-01 * "Acme GmbH" "Website" ^inv-a #client-acme
      Assets:Receivable    500.00 EUR
      Income:Consulting

    2025-03-01 * "Someone" "Website" ^inv-x
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    """
    # SPEC part two (issue 13): only an account that clients use makes the
    # client-less invoice an error, so the ledger now has a client's invoice too.
    assert [inv.invoice_id for inv in report.invoices] == ["inv-a"]
    assert len(report.errors) == 1
    assert report.errors[0].message.startswith("clienthealth: data: receivable posting")
    assert isinstance(report.errors[0].entry, data.Transaction)
    assert report.errors[0].entry.payee == "Someone"


@analysed()
def test_receivable_no_client_uses_is_none_of_ours(report: Report) -> None:
    """
    2020-01-01 open Assets:Receivable:Bob

    2025-03-01 * "Acme GmbH" "Website" ^inv-a #client-acme
      Assets:Receivable        1000.00 EUR
      Income:Consulting

    2025-03-05 * "Lent Bob money for the concert"
      Assets:Receivable:Bob      50.00 EUR
      Assets:Bank

    2025-03-08 * "Bob pays back"
      Assets:Bank                50.00 EUR
      Assets:Receivable:Bob

    2025-03-10 * "Bank transfer"
      Assets:Bank               600.00 EUR
      Assets:Receivable        -600.00 EUR
    """
    # Bob's IOU account has no client posting: no error, no invoice, no client.
    assert [inv.invoice_id for inv in report.invoices] == ["inv-a"]
    assert [c.client for c in report.clients] == ["acme"]
    # The untagged transfer is on the account acme's invoice uses: an error
    # that says both ways out.
    [error] = report.errors
    assert isinstance(error.entry, data.Transaction)
    assert error.entry.narration == "Bank transfer"
    assert "Assets:Receivable," in error.message
    assert "tag the transaction #client-<id>" in error.message
    assert "narrow the 'receivable' config" in error.message
    assert invoice(report, "inv-a").paid == 0


@analysed(receivable="^Assets:Debtors(:|$)")
def test_receivable_pattern(report: Report) -> None:
    """
    2020-01-01 open Assets:Debtors

    2025-03-01 * "Acme GmbH" "Website" ^inv-a #client-acme
      Assets:Debtors       1000.00 EUR
      Income:Consulting

    2025-03-02 * "Acme GmbH" "Not an invoice now" ^inv-b #client-acme
      Assets:Receivable     300.00 EUR
      Income:Consulting
    """
    assert [inv.invoice_id for inv in report.invoices] == ["inv-a"]
