"""Each data error carries the client it is about, where the engine knows one (issue 12)."""

from __future__ import annotations

from beancount_plugins.clienthealth.model import Report
from tests.helpers import analysed


def _by_client(report: Report) -> list[tuple[str | None, str]]:
    return [(e.client, e.message.removeprefix("clienthealth: data: ")[:24]) for e in report.errors]


@analysed(as_of="2025-06-30")
def test_every_data_error_names_its_client(report: Report) -> None:
    """
    2025-01-01 custom "client" "acme"
      terms: "soon"
    2025-01-01 custom "project" "site"
      client: "acme"
      budget_hours: -3

    2025-02-01 * "Acme" "Work" ^inv-1 #client-acme
      hours: "two"
      project: "nope"
      Assets:Receivable   1000.00 CHF
      Income:Consulting
    2025-02-02 * "Acme" "Again" ^inv-1 #client-acme
      Assets:Receivable    100.00 EUR
      Income:Consulting
    2025-02-03 * "Acme" "Chasing" #client-acme #reminder
    2025-02-04 * "Acme" "Pays" #client-acme
      invoice: "inv-9"
      Assets:Bank          100.00 EUR
      Assets:Receivable   -100.00 EUR
    2025-02-05 * "Beta" "Work" #client-beta #client-acme
      Assets:Receivable     10.00 EUR
      Income:Consulting
    """
    assert sorted(_by_client(report), key=str) == sorted(
        [
            ("acme", "terms: must be a number "),
            ("acme", "budget_hours: must be a "),
            ("acme", "hours: must be a number "),
            ("acme", "invoice id inv-1 is used"),
            ("acme", 'invoice: "inv-9" names n'),
            ("acme", "reminder names no invoic"),
            ("acme", 'project: "nope" names no'),
            ("acme", "no price of CHF in EUR o"),
            (None, "two client tags #client-"),
        ],
        key=str,
    )


@analysed(as_of="2025-06-30")
def test_a_bad_invoice_reference_is_the_tagged_clients_error(report: Report) -> None:
    """
    ; invoice: is read before the tag says whose transaction it is: the error is still acme's.
    2025-02-01 * "Acme" "Work" ^inv-1 #client-acme
      Assets:Receivable   1000.00 EUR
      Income:Consulting
    2025-02-04 * "Acme" "Pays" #client-acme
      invoice: 42
      Assets:Bank          100.00 EUR
      Assets:Receivable   -100.00 EUR
    """
    assert _by_client(report) == [("acme", "invoice: must be a strin")]


@analysed(as_of="2025-06-30")
def test_a_bad_reference_is_the_client_rule_4_finds(report: Report) -> None:
    """
    ; No tag and a client: that is no string: only its receivable account says acme.
    2020-01-01 open Assets:Receivable:Acme
    2025-02-01 * "Acme" "Work" ^inv-1 #client-acme
      Assets:Receivable:Acme   1000.00 EUR
      Income:Consulting
    2025-03-01 * "Bank" "Transfer"
      client: 42
      invoice: 7
      Assets:Bank               400.00 EUR
      Assets:Receivable:Acme   -400.00 EUR
    """
    assert _by_client(report) == [
        ("acme", "client: must be a string"),
        ("acme", "invoice: must be a strin"),
    ]
