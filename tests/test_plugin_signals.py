"""SPEC section 8: which entry each signal and data error points at, through a real load."""

from __future__ import annotations

import inspect

from tests.helpers import load_with_plugin, plugin_line_of


def test_the_overdue_message() -> None:
    _, errors, _ = load_with_plugin(
        """
2025-01-01 custom "client" "acme"
  name: "Acme GmbH"
2025-04-01 * "Acme GmbH" "Website" #client-acme
  invoice: "inv-2025-014"
  due: 2025-05-16
  Assets:Receivable    1200.00 EUR
  Income:Consulting
""",
        "{'as_of': '2025-06-30', 'warnings': ['overdue']}",
    )
    assert [e.message for e in errors] == [
        "clienthealth: overdue: invoice inv-2025-014 (Acme GmbH) is 45 days overdue, "
        # 45 days: beyond steps 7 and 21, level 2, no reminder yet (SPEC section 15).
        "1200.00 EUR open: send the second reminder (no reminder sent yet)"
    ]


def test_data_errors_are_clienthealth_data() -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      hours: "many"
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    """
    doc = inspect.getdoc(test_data_errors_are_clienthealth_data)
    _, errors, _ = load_with_plugin(doc, "{'as_of': '2025-06-30', 'warnings': []}")
    [error] = errors
    assert error.message.startswith("clienthealth: data: hours: ")
    assert error.source["lineno"] == plugin_line_of(doc, '"Website"')


def test_client_level_signal_goes_to_the_latest_invoice_up_to_as_of() -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-05-01 * "Acme GmbH" "Latest by A" ^inv-2 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    2025-06-10 * "Acme GmbH" "Payment, later than the invoice" ^inv-1
      Assets:Bank          1000.00 EUR
      Assets:Receivable   -1000.00 EUR
    2025-07-10 * "Acme GmbH" "After A" ^inv-3 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting
    """
    doc = inspect.getdoc(test_client_level_signal_goes_to_the_latest_invoice_up_to_as_of)
    _, errors, _ = load_with_plugin(doc, "{'as_of': '2025-06-30', 'warnings': ['concentration']}")
    [error] = errors
    assert error.message.startswith("clienthealth: concentration: client acme")
    assert error.source["lineno"] == plugin_line_of(doc, '"Latest by A"')


def test_client_signal_without_invoices_goes_to_the_latest_transaction() -> None:
    """
    2025-03-01 * "Acme GmbH" "Workshop" #client-acme
      hours: 4
    2025-03-02 * "Freelancer" "For Acme" #client-acme
      Expenses:Subcontractors    100.00 EUR
      Assets:Bank
    2025-07-01 * "Acme GmbH" "After A" #client-acme
      hours: 1
    """
    doc = inspect.getdoc(test_client_signal_without_invoices_goes_to_the_latest_transaction)
    _, errors, _ = load_with_plugin(doc, "{'as_of': '2025-06-30', 'min_rate': '80 EUR'}")
    # SPEC 14: acme alone is below min_rate and takes all 4 of the 4 hours (> 20%).
    error, share = errors
    # (0 - 100.00) / 4 = -25.00 per hour; no invoice, so no payee: the name is the id
    assert error.message == (
        "clienthealth: low-yield: client acme (acme) yields -25.00 EUR per hour "
        "over 4 hours (below 80 EUR)"
    )
    assert error.source["lineno"] == plugin_line_of(doc, '"For Acme"')
    assert share.message.startswith("clienthealth: low-yield-time: ")
    assert share.source["lineno"] == plugin_line_of(doc, '"For Acme"')
