"""SPEC section 2: who the client is, in the order of the rules."""

from __future__ import annotations

from pathlib import Path

from beancount import loader
from beancount.core import data

from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.engine import analyse
from beancount_plugins.clienthealth.model import Report
from tests.helpers import D, analysed, client, date, invoice, messages


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
        "clienthealth: data: names invoices of several clients ['acme', 'globex']: "
        "transaction left out"
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
    assert "invoice id 'inv-1' is used by an earlier invoice" in message


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
