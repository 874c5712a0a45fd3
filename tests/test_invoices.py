"""SPEC section 3: invoices, their amounts, ids, due dates and bad metadata."""

from __future__ import annotations

import inspect
from pathlib import Path

from beancount import loader
from beancount.core import data

from beancount_plugins.clienthealth.config import from_mapping
from beancount_plugins.clienthealth.engine import analyse
from beancount_plugins.clienthealth.model import Report
from tests.helpers import HEADER, D, analysed, client, date, invoice, line_of, messages, run


@analysed()
def test_amount_is_the_sum_of_positive_receivable_postings(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    600.00 EUR
      Assets:Receivable    400.00 EUR
      Income:Consulting
    """
    [inv] = report.invoices
    assert (inv.invoice_id, inv.currency, inv.amount) == ("inv-1", "EUR", D("1000.00"))
    assert inv.date == date("2025-03-01")


@analysed()
def test_two_currencies_make_two_invoices_with_one_id(report: Report) -> None:
    """
    2025-01-01 price USD 0.90 EUR

    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Assets:Receivable     500.00 USD
      Income:Consulting    -1000.00 EUR
      Income:Consulting     -500.00 USD
    """
    assert [(i.invoice_id, i.currency, i.amount) for i in report.invoices] == [
        ("inv-1", "EUR", D("1000.00")),
        ("inv-1", "USD", D("500.00")),
    ]
    # 1000.00 + 500.00 USD x 0.90 = 1450.00 EUR
    assert client(report, "acme").invoiced == D("1450.00")


@analysed()
def test_a_transaction_with_no_positive_receivable_posting_is_no_invoice(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Cash sale" #client-acme
      Assets:Bank           1000.00 EUR
      Income:Consulting
    """
    assert report.invoices == []


@analysed()
def test_id_is_the_invoice_metadata_first(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^zz-link ^aa-link #client-acme
      invoice: "inv-2025-014"
      Assets:Receivable    100.00 EUR
      Income:Consulting
    """
    assert [i.invoice_id for i in report.invoices] == ["inv-2025-014"]


@analysed()
def test_id_is_the_only_link(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-7 #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting
    """
    assert [i.invoice_id for i in report.invoices] == ["inv-7"]


@analysed()
def test_id_is_the_first_link_in_sorted_order(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^zz-order ^inv-9 ^po-1 #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting
    """
    assert [i.invoice_id for i in report.invoices] == ["inv-9"]


def test_id_is_file_and_line_without_metadata_or_links() -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting
    """
    doc = inspect.getdoc(test_id_is_file_and_line_without_metadata_or_links)
    assert doc is not None
    report = run(doc)
    [inv] = report.invoices
    # load_string names its file "<string>".
    assert inv.invoice_id == f"<string>:{line_of(doc, 'Website')}"


def test_a_repeated_id_is_a_data_error_and_keeps_file_and_line() -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting

    2025-04-01 * "Globex" "Design" #client-globex
      invoice: "inv-1"
      Assets:Receivable    200.00 EUR
      Income:Consulting
    """
    doc = inspect.getdoc(test_a_repeated_id_is_a_data_error_and_keeps_file_and_line)
    assert doc is not None
    report = run(doc)
    second = f"<string>:{line_of(doc, 'Design')}"
    assert [(i.invoice_id, i.client, i.amount) for i in report.invoices] == [
        ("inv-1", "acme", D("100.00")),
        (second, "globex", D("200.00")),
    ]
    [error] = report.errors
    assert error.message.startswith("clienthealth: data: invoice id inv-1 ")
    assert second in error.message
    assert isinstance(error.entry, data.Transaction)
    assert error.entry.narration == "Design"


@analysed()
def test_due_metadata_gives_the_due_date(report: Report) -> None:
    """
    2025-01-01 custom "client" "acme"
      terms: 14

    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      due: 2025-03-20
      terms: 60
      Assets:Receivable    100.00 EUR
      Income:Consulting
    """
    assert invoice(report, "inv-1").due == date("2025-03-20")


@analysed()
def test_terms_metadata_as_a_number_or_net(report: Report) -> None:
    """
    2025-01-01 custom "client" "acme"
      terms: 14

    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      terms: 30
      Assets:Receivable    100.00 EUR
      Income:Consulting

    2025-03-01 * "Acme GmbH" "Design" ^inv-2 #client-acme
      terms: "net 45"
      Assets:Receivable    100.00 EUR
      Income:Consulting
    """
    assert invoice(report, "inv-1").due == date("2025-03-31")
    assert invoice(report, "inv-2").due == date("2025-04-15")
    assert messages(report) == []


@analysed(default_terms=60)
def test_client_terms_then_default_terms(report: Report) -> None:
    """
    2025-01-01 custom "client" "acme"
      terms: "net 14"

    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting

    2025-03-01 * "Globex" "Design" ^inv-2 #client-globex
      Assets:Receivable    100.00 EUR
      Income:Consulting
    """
    assert invoice(report, "inv-1").due == date("2025-03-15")
    assert invoice(report, "inv-2").due == date("2025-04-30")


@analysed()
def test_default_terms_default_to_30_days(report: Report) -> None:
    """
    2025-03-01 * "Globex" "Design" ^inv-2 #client-globex
      Assets:Receivable    100.00 EUR
      Income:Consulting
    """
    assert invoice(report, "inv-2").due == date("2025-03-31")


def _bad(meta_line: str) -> Report:
    """A report of one Acme invoice whose transaction carries `meta_line`."""
    return run(f"""
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      {meta_line}
      Assets:Receivable    100.00 EUR
      Income:Consulting
    """)


def _one_data_error(report: Report, key: str) -> None:
    [error] = report.errors
    assert error.message.startswith(f"clienthealth: data: {key}: "), error.message
    assert isinstance(error.entry, data.Transaction)
    assert error.entry.narration == "Website"


def test_bad_due_is_ignored() -> None:
    for value in ('"2025-03-10"', "10", "TRUE"):
        report = _bad(f"due: {value}")
        _one_data_error(report, "due")
        assert invoice(report, "inv-1").due == date("2025-03-31")


def test_bad_terms_are_ignored() -> None:
    for value in ('"soon"', "-5", "1.5", "2025-04-01"):
        report = _bad(f"terms: {value}")
        _one_data_error(report, "terms")
        assert invoice(report, "inv-1").due == date("2025-03-31")


def test_bad_hours_are_ignored() -> None:
    for value in ('"lots"', "-2", "5 EUR"):
        report = _bad(f"hours: {value}")
        _one_data_error(report, "hours")
        assert client(report, "acme").hours == 0


def test_bad_disputed_is_ignored() -> None:
    for value in ('"300"', "300", "2025-01-01"):
        report = _bad(f"disputed: {value}")
        _one_data_error(report, "disputed")
        assert invoice(report, "inv-1").disputed == 0


def test_bad_invoice_is_ignored() -> None:
    for value in ("12", "2025-01-01", '""'):
        report = _bad(f"invoice: {value}")
        _one_data_error(report, "invoice")
        assert [i.invoice_id for i in report.invoices] == ["inv-1"]


def test_bad_client_is_ignored() -> None:
    for value in ("12", "TRUE"):
        report = _bad(f"client: {value}")
        _one_data_error(report, "client")
        assert invoice(report, "inv-1").client == "acme"


def test_file_and_line_id_uses_the_files_name(tmp_path: Path) -> None:
    body = """
2025-03-01 * "Acme GmbH" "Website" #client-acme
  Assets:Receivable    100.00 EUR
  Income:Consulting
"""
    path = tmp_path / "books" / "ledger.beancount"
    path.parent.mkdir()
    path.write_text(HEADER + body, encoding="utf-8")
    entries, errors, options_map = loader.load_file(str(path))
    assert not errors
    report = analyse(entries, options_map, from_mapping({"as_of": "2025-06-30"}))
    assert [i.invoice_id for i in report.invoices] == [
        f"ledger.beancount:{line_of(body, 'Website')}"
    ]
