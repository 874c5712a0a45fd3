"""SPEC section 2, rule 3: links and `invoice:` metadata name an invoice, so its client."""

from __future__ import annotations

from pathlib import Path

from beancount import loader

from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.engine import analyse
from beancount_plugins.clienthealth.model import Report
from tests.helpers import D, analysed, client, date, invoice, messages


@analysed()
def test_link_attributes_a_payment(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-a #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-10 * "Bank transfer" ^inv-a
      Assets:Bank          1000.00 EUR
      Assets:Receivable   -1000.00 EUR
    """
    assert invoice(report, "inv-a").paid == D("1000.00")
    assert invoice(report, "inv-a").status == "paid"
    assert messages(report) == []


@analysed()
def test_invoice_metadata_attributes_a_payment(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-a #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-10 * "Bank transfer"
      invoice: "inv-a"
      Assets:Bank          1000.00 EUR
      Assets:Receivable   -1000.00 EUR
    """
    assert invoice(report, "inv-a").paid == D("1000.00")
    assert messages(report) == []


@analysed()
def test_posting_invoice_metadata_names_the_client(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-a #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-01 * "Globex" "Design" ^inv-g #client-globex
      Assets:Receivable     500.00 EUR
      Income:Consulting

    ; One bank transfer for both invoices, each named on its own posting.
    2025-03-10 * "Bank transfer"
      Assets:Bank          1500.00 EUR
      Assets:Receivable   -1000.00 EUR
        invoice: "inv-a"
      Assets:Receivable    -500.00 EUR
        invoice: "inv-g"
    """
    assert invoice(report, "inv-a").paid == D("0")
    assert messages(report) == [
        "clienthealth: data: names invoices of several clients (acme, globex): transaction left out"
    ]


@analysed()
def test_posting_invoice_metadata_alone_names_the_client(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-a #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-10 * "Bank transfer"
      Assets:Bank          1000.00 EUR
      Assets:Receivable   -1000.00 EUR
        invoice: "inv-a"
    """
    assert invoice(report, "inv-a").paid == D("1000.00")
    assert messages(report) == []


@analysed()
def test_posting_invoice_metadata_is_read_as_settlement_reads_it(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-a #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    ; Padded: rule 3 strips it as settlement does, so the transfer is Acme's and pays inv-a.
    2025-03-10 * "Bank transfer"
      Assets:Bank          1000.00 EUR
      Assets:Receivable   -1000.00 EUR
        invoice: "  inv-a "
    """
    assert invoice(report, "inv-a").paid == D("1000.00")
    assert messages(report) == []


@analysed()
def test_naming_invoices_of_two_clients_is_a_data_error(report: Report) -> None:
    """
    2025-03-01 * "Acme GmbH" "Website" ^inv-a #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-01 * "Globex" "Design" ^inv-g #client-globex
      Assets:Receivable     300.00 EUR
      Income:Consulting

    2025-03-10 * "Bank transfer" ^inv-a ^inv-g
      Assets:Bank          1300.00 EUR
      Assets:Receivable   -1300.00 EUR
    """
    assert invoice(report, "inv-a").paid == 0
    assert invoice(report, "inv-g").paid == 0
    [error] = report.errors
    assert "several clients" in error.message


@analysed()
def test_a_reused_id_names_the_first_invoice_only(report: Report) -> None:
    """
    2025-01-10 * "Acme" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    ; Beta's invoice repeats the number: it is renamed, so ^inv-1 names Acme's.
    2025-02-10 * "Beta" "Audit" ^inv-1 #client-beta
      Assets:Receivable     500.00 EUR
      Income:Consulting

    2025-03-01 * "Acme" "Payment" ^inv-1
      Assets:Bank          1000.00 EUR
      Assets:Receivable
    """
    assert invoice(report, "inv-1").client == "acme"
    assert invoice(report, "inv-1").paid == D("1000.00")
    [message] = messages(report)
    assert "invoice id inv-1 is used by an earlier invoice" in message


@analysed()
def test_an_invoice_rule_4_attributes_is_named_by_rule_3(report: Report) -> None:
    """
    2020-01-01 open Assets:Receivable:Acme

    2025-01-05 * "Acme" "First, tagged" ^inv-0 #client-acme
      Assets:Receivable:Acme   100.00 EUR
      Income:Consulting

    2025-01-08 * "Acme" "Design work" ^inv-1
      hours: 10

    ; No tag: Acme's by its receivable account (rule 4).
    2025-01-10 * "Acme" "Website" ^inv-1
      Assets:Receivable:Acme  1000.00 EUR
      Income:Consulting

    2025-01-20 * "Acme" "Reminder" ^inv-1 #reminder

    ; Posts to the root account, which names nobody: the link does.
    2025-03-01 * "Acme" "Payment" ^inv-1
      Assets:Bank          1000.00 EUR
      Assets:Receivable   -1000.00 EUR
    """
    assert invoice(report, "inv-1").client == "acme"
    assert invoice(report, "inv-1").paid == D("1000.00")
    assert invoice(report, "inv-1").reminders == 1
    assert client(report, "acme").hours == D("10")
    assert messages(report) == []


@analysed()
def test_an_untagged_dispute_or_reminder_naming_no_invoice_is_a_data_error(report: Report) -> None:
    """
    2025-01-10 * "Acme" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-03-01 * "Acme" "Disputes half, typo in the link" ^inv-l #dispute
      disputed: 500.00 EUR

    2025-03-02 * "Acme" "Reminder, typo in invoice:" #reminder
      invoice: "inv-01"

    ; A link alone on someone else's entry is none of ours: no error.
    2025-03-03 * "Hardware store" "Receipt" ^receipt-7
      Expenses:Travel        20.00 EUR
      Assets:Bank
    """
    assert invoice(report, "inv-1").disputed == 0
    assert messages(report) == [
        "clienthealth: data: dispute names no invoice of any client: link it "
        '(^invoice-id) or add invoice: "id"; transaction left out',
        "clienthealth: data: reminder names no invoice of any client: link it "
        '(^invoice-id) or add invoice: "id"; transaction left out',
    ]


@analysed()
def test_an_untagged_dispute_or_reminder_naming_nothing_at_all_is_a_data_error(
    report: Report,
) -> None:
    """
    2025-01-10 * "Acme" "Website" ^inv-1 #client-acme
      Assets:Receivable    1000.00 EUR
      Income:Consulting

    2025-02-10 * "Acme" "Client disputes, link forgotten" #dispute
      disputed: 300.00 EUR

    2025-02-11 * "Acme" "Reminder sent, link forgotten" #reminder #email
    """
    assert invoice(report, "inv-1").disputed == 0
    assert messages(report) == [
        "clienthealth: data: dispute names no invoice of any client: link it "
        '(^invoice-id) or add invoice: "id"; transaction left out',
        "clienthealth: data: reminder names no invoice of any client: link it "
        '(^invoice-id) or add invoice: "id"; transaction left out',
    ]


def test_unlinked_invoices_of_two_files_of_one_name_keep_distinct_ids(tmp_path: Path) -> None:
    invoice_text = (
        '2025-0{m}-01 * "Acme" "Work" #client-acme\n'
        "  Assets:Receivable  100.00 EUR\n"
        "  Income:Consulting\n"
    )
    for year, month in (("2024", 1), ("2025", 2)):
        (tmp_path / year).mkdir()
        (tmp_path / year / "invoices.beancount").write_text(invoice_text.format(m=month))
    main = tmp_path / "books.beancount"
    main.write_text(
        'option "operating_currency" "EUR"\n'
        "2020-01-01 open Assets:Receivable\n2020-01-01 open Income:Consulting\n"
        'include "2024/invoices.beancount"\ninclude "2025/invoices.beancount"\n'
    )
    entries, errors, options_map = loader.load_file(str(main))
    assert errors == []
    report = analyse(entries, options_map, Config(as_of=date("2025-06-30")))
    ids = [inv.invoice_id for inv in report.invoices]
    assert ids[0] == "invoices.beancount:1"
    assert ids[1] == f"{tmp_path / '2025' / 'invoices.beancount'}:1"
    assert messages(report) == []  # not the user's reuse of an id: no error
