"""Bugs the property tests found, each with the minimal ledger that showed it.

Every test loads its docstring ledger through a real `plugin` line, as
`bean-check` does; docs/reliability.md lists them.
"""

from __future__ import annotations

import decimal
import json
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from beancount import loader
from beancount.core import data
from fava.application import create_app

from beancount_plugins.clienthealth import cli, clienthealth
from beancount_plugins.clienthealth.currency import EXACT


def load(doc: str | None) -> tuple[data.Directives, list[str], dict[str, Any]]:
    """Load the ledger of a docstring (after its first paragraph); the error messages."""
    ledger = (doc or "").split("\n\n", 1)[1]
    entries, errors, options_map = loader.load_string(textwrap.dedent(ledger))
    return entries, [e.message for e in errors], options_map


def last_posting_meta(entries: data.Directives) -> data.Meta:
    """The metadata of the first posting of the last entry, a transaction (the invoice)."""
    last = entries[-1]
    assert isinstance(last, data.Transaction), last
    meta = last.postings[0].meta
    assert meta is not None
    return meta


def assert_no_internal_error(messages: list[str]) -> None:
    assert not [m for m in messages if "internal" in m or "Error applying plugin" in m], messages


def test_invoice_due_after_the_last_calendar_day() -> None:
    """An invoice of 9999-12-31 is due 30 days later: after date.max.

    plugin "beancount_plugins.clienthealth" "{'as_of': '9999-12-31'}"
    1800-01-01 open Assets:Receivable
    1800-01-01 open Income:Consulting
    9999-12-31 * "Acme" "Website" #client-acme
      Assets:Receivable  100.00 EUR
      Income:Consulting
    """
    entries, messages, _ = load(test_invoice_due_after_the_last_calendar_day.__doc__)
    assert_no_internal_error(messages)
    meta = last_posting_meta(entries)
    assert str(meta["invoice_open"]) == "100.00 EUR"
    assert meta["days_overdue"] == 0


def test_window_that_starts_before_the_first_calendar_day() -> None:
    """The window of 365 days up to 0001-01-01 starts before date.min.

    plugin "beancount_plugins.clienthealth" "{'as_of': '0001-01-01'}"
    """
    _, messages, _ = load(test_window_that_starts_before_the_first_calendar_day.__doc__)
    assert messages == []


def test_terms_longer_than_the_calendar() -> None:
    """`default_terms` of ten million days puts the due date past 9999-12-31.

    plugin "beancount_plugins.clienthealth" "{'as_of': '2025-06-30', 'default_terms': 10000000}"
    1800-01-01 open Assets:Receivable
    1800-01-01 open Income:Consulting
    2025-01-31 * "Acme" "Website" #client-acme
      Assets:Receivable  100.00 EUR
      Income:Consulting
    """
    entries, messages, _ = load(test_terms_longer_than_the_calendar.__doc__)
    assert_no_internal_error(messages)
    assert not [m for m in messages if "overdue" in m]
    assert last_posting_meta(entries)["days_overdue"] == 0


def test_plugin_called_directly_with_a_far_as_of() -> None:
    """The same as the first test, through the plugin function."""
    entries, _, options_map = loader.load_string(
        textwrap.dedent(
            """
            1800-01-01 open Assets:Receivable
            1800-01-01 open Income:Consulting
            9999-12-31 * "Acme" "Website" #client-acme
              Assets:Receivable  100.00 EUR
              Income:Consulting
            """
        )
    )
    out, errors = clienthealth(entries, options_map, "{'as_of': '9999-12-31'}")
    assert len(out) == len(entries)
    assert_no_internal_error([e.message for e in errors])


def test_yield_per_hour_beyond_28_digits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A huge payment over a billionth of an hour: the yield has 33 digits.

    plugin "beancount_plugins.clienthealth" "{'as_of': '2025-06-30'}"
    2020-01-01 open Assets:Receivable
    2020-01-01 open Assets:Bank
    2020-01-01 open Income:Consulting
    2025-01-01 * "Acme" "Big" ^inv-1 #client-acme
      hours: 0.000000001
      Assets:Receivable  999999999999999999999999 EUR
      Income:Consulting
    2025-01-05 * "Acme" "Pay" ^inv-1
      Assets:Bank  999999999999999999999999 EUR
      Assets:Receivable
    """
    path = tmp_path / "books.beancount"
    path.write_text(
        textwrap.dedent((test_yield_per_hour_beyond_28_digits.__doc__ or "").split("\n\n", 1)[1])
    )
    assert cli.main([str(path), "--format", "json"]) == 0
    client = json.loads(capsys.readouterr().out)["clients"][0]
    # The ledger writes EUR in whole units, so the yield has no decimals either.
    assert client["yield_per_hour"] == "999999999999999999999999000000000"
    assert cli.main([str(path)]) == 0
    assert "Acme" in capsys.readouterr().out


def test_config_that_is_not_a_literal_says_where() -> None:
    """A name where a literal belongs: the error showed `<ast.Name object at 0x7f..>`.

    plugin "beancount_plugins.clienthealth" "{'as_of': today}"
    """
    _, messages, _ = load(test_config_that_is_not_a_literal_says_where.__doc__)
    assert messages == [
        "clienthealth: config: config is not a Python literal: "
        "'as_of': today (line 1, column 11) is not a literal"
    ]


FAR_CLIENT_PAGE = """\
option "title" "Far"
plugin "beancount_plugins.clienthealth" "{'as_of': '9999-12-31'}"
2000-01-01 custom "fava-extension" "fava_clienthealth"
1800-01-01 open Assets:Receivable
1800-01-01 open Income:Consulting
2024-06-01 * "Acme" "Invoice" ^inv-1 #client-acme
  Assets:Receivable  0.01 EUR
  Income:Consulting
"""


def test_client_page_charts_up_to_the_last_calendar_month(tmp_path: Path) -> None:
    """The client page's months ran past 9999-12 and answered 500 (FAR_CLIENT_PAGE)."""
    path = tmp_path / "books.beancount"
    path.write_text(FAR_CLIENT_PAGE)
    app = create_app([str(path)], load=True, poll_watcher=True)
    app.testing = True
    response = app.test_client().get("/far/extension/ClientHealth/?client=acme")
    assert response.status_code == 200


def test_a_bad_extension_config_is_in_favas_error_list(tmp_path: Path) -> None:
    """`custom "fava-extension" "fava_clienthealth" "0"` was only shown on the tab."""
    path = tmp_path / "books.beancount"
    path.write_text(
        'option "title" "Far"\n2000-01-01 custom "fava-extension" "fava_clienthealth" "0"\n'
    )
    app = create_app([str(path)], load=True, poll_watcher=True)
    ledger = app.config["LEDGERS"]["far"]
    ours = [e for e in ledger.errors if "config" in e.message]
    assert [e.message for e in ours] == [
        "The extension's config is ignored: config must be a dict, not int"
    ]
    assert ours[0].source["lineno"] == 2


AMOUNT_AS_INVOICE = """\
option "title" "Far"
plugin "beancount_plugins.clienthealth" "{'as_of': '2025-06-30'}"
2000-01-01 custom "fava-extension" "fava_clienthealth"
2020-01-01 open Assets:Receivable
2020-01-01 open Income:Consulting
2025-01-01 * "Acme" "Website" #client-acme
  invoice: 10.54 EUR
  Assets:Receivable  100.00 EUR
  Income:Consulting
"""


def test_client_page_of_an_invoice_whose_invoice_metadata_is_an_amount(tmp_path: Path) -> None:
    """`invoice: 10.54 EUR` made the client page compare an Amount to a string: 500."""
    path = tmp_path / "books.beancount"
    path.write_text(AMOUNT_AS_INVOICE)
    app = create_app([str(path)], load=True, poll_watcher=True)
    app.testing = True
    response = app.test_client().get("/far/extension/ClientHealth/?client=acme")
    assert response.status_code == 200
    assert "books.beancount:6" in response.text


def test_client_sums_add_up_for_amounts_of_ten_to_the_29(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invoice of 10^24 EUR at 123456.789 USD: client sums of 30 digits.

    plugin "beancount_plugins.clienthealth" "{'as_of': '2025-08-30', 'currency': 'USD'}"
    1800-01-01 open Assets:Bank
    1800-01-01 open Assets:Receivable
    1800-01-01 open Income:Consulting
    2024-06-01 price EUR 123456.789 USD
    2024-06-01 * "Acme" "Invoice" ^inv-1 #client-acme
      Assets:Receivable  0.01 EUR
      Income:Consulting
    2025-06-01 * "Acme" "Invoice" ^inv-2 #client-acme
      Assets:Receivable  999999999999999999999999 EUR
      Income:Consulting
    2025-06-10 * "Acme" "Part payment" ^inv-2 #client-acme
      Assets:Bank  5.57 EUR
      Assets:Receivable
    """
    path = tmp_path / "books.beancount"
    doc = test_client_sums_add_up_for_amounts_of_ten_to_the_29.__doc__
    path.write_text(textwrap.dedent((doc or "").split("\n\n", 1)[1]))
    assert cli.main([str(path), "--format", "json"]) == 0
    acme = json.loads(capsys.readouterr().out)["clients"][0]
    money = {key: Decimal(acme[key]) for key in ("invoiced", "paid", "credited", "open", "overdue")}
    aging = [Decimal(value) for value in acme["aging"].values()]
    with decimal.localcontext(EXACT):  # the sums themselves, not rounded to 28 digits
        assert money["invoiced"] == money["paid"] + money["credited"] + money["open"]
        assert sum(aging, Decimal(0)) == money["open"]
        assert money["overdue"] == money["open"] - aging[0]
