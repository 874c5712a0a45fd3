"""The client page's journal links, followed through Fava: which entries Fava then lists.

Each test opens the client page, takes a journal link as the page built it,
and asks Fava's own `journal` API with that link's query string, the data
Fava's journal page shows for the link.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path
from typing import cast
from urllib.parse import parse_qs, urlsplit

import pytest
from beancount import loader
from beancount.core import data
from fava.beans import abc
from fava.core.filters import AdvancedFilter
from flask.testing import FlaskClient

from fava_clienthealth import journal
from tests.fava_pages import fava, page

TAB = "/jr/extension/ClientHealth/"

#: acme's payment only links its invoice (the README's example), a dispute
#: does too; `ACME` is another client; globex is known by its receivable
#: sub-account; beta names its invoice with `invoice:` metadata.
LEDGER = """\
option "title" "JR"
option "operating_currency" "EUR"
plugin "beancount_plugins.clienthealth" "{'as_of': '2025-06-30'}"
2025-01-01 custom "fava-extension" "fava_clienthealth"

2025-01-01 open Assets:Bank EUR
2025-01-01 open Assets:Receivable EUR
2025-01-01 open Assets:Receivable:Globex EUR
2025-01-01 open Income:Consulting EUR

2025-02-01 * "Acme GmbH" "Acme work" ^inv-a1 #client-acme
  Assets:Receivable  1000.00 EUR
  Income:Consulting

2025-02-10 * "Acme GmbH" "Acme dispute" ^inv-a1 #dispute
  disputed: 100.00 EUR

2025-03-01 * "Acme GmbH" "Acme payment" ^inv-a1
  Assets:Bank  1000.00 EUR
  Assets:Receivable

2025-02-05 * "ACME Corp" "Other ACME work" ^inv-u1
  client: "ACME"
  Assets:Receivable  700.00 EUR
  Income:Consulting

2025-02-06 * "Globex" "Globex work" ^inv-g1 #client-globex
  Assets:Receivable:Globex  800.00 EUR
  Income:Consulting

2025-03-06 * "Globex" "Globex payment"
  Assets:Bank  800.00 EUR
  Assets:Receivable:Globex

2025-02-02 * "Beta" "Beta work"
  client: "beta co"
  invoice: "B-1 (2025)"
  Assets:Receivable  500.00 EUR
  Income:Consulting

2025-03-02 * "Beta" "Beta payment" #client-beta
  client: "beta co"
  Assets:Bank  500.00 EUR
  Assets:Receivable
    invoice: "B-1 (2025)"
"""


@pytest.fixture
def jr(tmp_path: Path) -> FlaskClient:
    return fava(tmp_path, LEDGER)


def journal_links(client: FlaskClient, query: str) -> dict[str, str]:
    """The client page's journal links: label -> query string."""
    text = page(client, f"{TAB}?{query}")
    found = re.findall(r'<a href="([^"]*/journal/[^"]*)">([^<]*)</a>', text)
    return {label: urlsplit(html.unescape(href)).query for href, label in found}


def listed(client: FlaskClient, query: str) -> list[str]:
    """The narrations of the transactions Fava's journal lists for a link's query."""
    response = client.get(f"/jr/api/journal?{query}")
    assert response.status_code == 200, response.text[:2000]
    entries = response.get_json()["data"]
    return sorted(e["narration"] for e in entries if e.get("t") == "Transaction")


def test_client_journal_lists_what_the_engine_attributes(jr: FlaskClient) -> None:
    link = journal_links(jr, "client=acme")["Journal of this client"]
    # Rule 3: the untagged payment and dispute that link to acme's invoice.
    assert listed(jr, link) == ["Acme dispute", "Acme payment", "Acme work"]


def test_client_journal_is_case_sensitive(jr: FlaskClient) -> None:
    link = journal_links(jr, "client=ACME")["Journal of this client"]
    assert listed(jr, link) == ["Other ACME work"]
    # Fava matches `key:"regex"` ignoring case: acme's link must not list `ACME`'s.
    assert "Other ACME work" not in listed(
        jr, journal_links(jr, "client=acme")["Journal of this client"]
    )


def test_client_journal_of_a_receivable_sub_account(jr: FlaskClient) -> None:
    link = journal_links(jr, "client=globex")["Journal of this client"]
    # Rule 4: the untagged payment on Assets:Receivable:Globex is globex's.
    assert listed(jr, link) == ["Globex payment", "Globex work"]


def test_client_journal_finds_a_payment_whose_posting_names_an_unlinked_invoice(
    tmp_path: Path,
) -> None:
    client = fava(
        tmp_path,
        LEDGER
        + """
2025-02-03 * "Ostheim" "Ost work"
  client: "ostheim"
  invoice: "OST-1"
  Assets:Receivable  300.00 EUR
  Income:Consulting

2025-03-03 * "Ostheim" "Ost payment"
  Assets:Bank  300.00 EUR
  Assets:Receivable
    invoice: "OST-1"
""",
    )
    link = journal_links(client, "client=ostheim")["Journal of this client"]
    assert listed(client, link) == ["Ost payment", "Ost work"]


def test_client_journal_under_a_time_filter_keeps_rule_4_of_the_whole_ledger(
    tmp_path: Path,
) -> None:
    # Shared is globex's alone up to March only: for the engine it is nobody's,
    # so the untagged February payment on it is no client's, in any window.
    client = fava(
        tmp_path,
        LEDGER
        + """
2025-01-01 open Assets:Receivable:Shared EUR
2025-01-20 * "Globex" "Globex shared work" ^inv-g2 #client-globex
  Assets:Receivable:Shared  100.00 EUR
  Income:Consulting

2025-02-10 * "Someone" "Untagged payment on Shared"
  Assets:Bank  100.00 EUR
  Assets:Receivable:Shared

2025-06-01 * "Acme GmbH" "Acme shared work" ^inv-a9 #client-acme
  Assets:Receivable:Shared  100.00 EUR
  Income:Consulting
""",
    )
    link = journal_links(client, "client=globex&time=2025-Q1")["Journal of this client"]
    assert "Untagged payment on Shared" not in listed(client, link)
    assert "Globex payment" in listed(client, link)  # Assets:Receivable:Globex is still its own


def test_client_journal_of_a_client_id_with_spaces(jr: FlaskClient) -> None:
    link = journal_links(jr, "client=beta co")["Journal of this client"]
    assert listed(jr, link) == ["Beta payment", "Beta work"]


def test_links_clear_the_account_filter(jr: FlaskClient) -> None:
    links = journal_links(jr, "client=acme&account=Income")
    # The tab's figures ignore the account filter; its links must not hide the payment.
    assert listed(jr, links["inv-a1"]) == ["Acme dispute", "Acme payment", "Acme work"]
    assert listed(jr, links["Journal of this client"]) == [
        "Acme dispute",
        "Acme payment",
        "Acme work",
    ]
    for query in links.values():
        assert parse_qs(query, keep_blank_values=True).get("account", [""]) == [""]


def test_client_journal_keeps_the_time_filter(jr: FlaskClient) -> None:
    links = journal_links(jr, "client=acme&time=2025-02")
    # The page's figures are of the time filter's window; so is its client journal.
    assert parse_qs(links["Journal of this client"])["time"] == ["2025-02"]
    assert listed(jr, links["Journal of this client"]) == ["Acme dispute", "Acme work"]
    # An invoice's journal shows what settles it, whatever the date.
    assert listed(jr, links["inv-a1"]) == ["Acme dispute", "Acme payment", "Acme work"]


def test_invoice_journal_finds_a_posting_that_names_it(jr: FlaskClient) -> None:
    links = journal_links(jr, "client=beta co")
    assert listed(jr, links["B-1 (2025)"]) == ["Beta payment", "Beta work"]


def test_thousands_of_links_stay_one_filter_fava_can_apply() -> None:
    entries, errors, _ = loader.load_string(
        """
        2025-01-01 * "Last" ^inv-2999
        2025-01-01 * "Other" ^inv-x
        """,
        dedent=True,
    )
    assert not errors
    # Beancount's directives are Fava's by ABC registration, which mypy does not see.
    directives = cast("list[abc.Directive]", entries)
    terms = [f"^inv-{number}" for number in range(3000)]
    # Flat, Fava nests one call per `,` and fails past about 1000 terms.
    with pytest.raises(RecursionError):
        AdvancedFilter(", ".join(terms)).apply(directives)
    found = cast(
        "Sequence[data.Directive]", AdvancedFilter(journal.any_of(terms)).apply(directives)
    )
    assert [e.narration for e in found if isinstance(e, data.Transaction)] == ["Last"]
