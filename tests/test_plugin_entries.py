"""SPEC section 8: the entries, metadata and errors the plugin returns, through a real load."""

from __future__ import annotations

import copy
import datetime
import textwrap
from collections.abc import Sequence
from decimal import Decimal
from typing import NoReturn

import pytest
from beancount import loader
from beancount.core import data
from beancount.core.amount import Amount
from beanquery import query

import beancount_plugins.clienthealth as plugin_module
from beancount_plugins.clienthealth import clienthealth
from beancount_plugins.clienthealth.annotate import METADATA_KEYS
from tests.helpers import AS_OF, HEADER, PLUGIN, D, date, load, load_with_plugin, plugin_line_of

LEDGER = """
2025-01-01 custom "client" "acme"
  name: "Acme GmbH"

2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
  hours: 10
  Assets:Receivable    600.00 EUR
  Assets:Receivable    400.00 EUR
  Income:Consulting

2025-03-10 * "Acme GmbH" "Part" ^inv-1
  Assets:Bank           300.00 EUR
  Assets:Receivable    -300.00 EUR

2025-04-01 * "Acme GmbH" "Design" ^inv-2 #client-acme
  Assets:Receivable    500.00 EUR
  Income:Consulting

2025-04-02 * "Acme GmbH" "Dispute" ^inv-2 #dispute
  disputed: 100.00 EUR

2025-04-21 * "Acme GmbH" "Payment" ^inv-2
  Assets:Bank           500.00 EUR
  Assets:Receivable    -500.00 EUR

2025-06-20 * "Acme GmbH" "Support" ^inv-3 #client-acme
  Assets:Receivable    200.00 EUR
  Income:Consulting

2025-06-25 * "Acme GmbH" "Call" #client-acme
  hours: 1
"""


def _invoice_posting(
    entries: Sequence[data.Directive], narration: str
) -> tuple[data.Posting, data.Transaction]:
    [entry] = [e for e in entries if isinstance(e, data.Transaction) and e.narration == narration]
    return entry.postings[0], entry


def _meta(posting: data.Posting) -> data.Meta:
    """A parsed posting's metadata: Beancount gives each its filename and line."""
    assert posting.meta is not None
    return posting.meta


def test_every_entry_is_returned_in_order() -> None:
    entries, errors, options_map = load(LEDGER)
    assert not errors
    out, _ = clienthealth(entries, options_map, f"{{'as_of': '{AS_OF}'}}")
    assert len(out) == len(entries)
    for before, after in zip(entries, out, strict=True):
        assert type(before) is type(after)
        assert before.meta == after.meta
        assert before.date == after.date
        if not isinstance(before, data.Transaction) or before.narration not in (
            "Website",
            "Design",
            "Support",
        ):
            assert before is after


def test_entries_are_rebuilt_not_mutated() -> None:
    entries, _, options_map = load(LEDGER)
    snapshot = copy.deepcopy(entries)
    out, _ = clienthealth(entries, options_map, f"{{'as_of': '{AS_OF}'}}")
    assert entries == snapshot
    website, _ = _invoice_posting(entries, "Website")
    assert not set(METADATA_KEYS) & set(_meta(website))
    assert "invoice_open" in _meta(_invoice_posting(out, "Website")[0])


def test_metadata_on_the_invoice_receivable_posting() -> None:
    entries, _, _ = load_with_plugin(LEDGER)
    website, entry = _invoice_posting(entries, "Website")
    # Only the first positive receivable posting of the invoice carries it.
    assert {k: _meta(website)[k] for k in METADATA_KEYS if k in _meta(website)} == {
        "invoice_paid": Amount(D("300.00"), "EUR"),
        "invoice_open": Amount(D("700.00"), "EUR"),
        "days_overdue": D(91),  # 2025-06-30 - 2025-03-31
    }
    assert not set(METADATA_KEYS) & set(_meta(entry.postings[1]))
    assert not set(METADATA_KEYS) & set(_meta(entry.postings[2]))

    design, _ = _invoice_posting(entries, "Design")
    assert {k: _meta(design)[k] for k in METADATA_KEYS if k in _meta(design)} == {
        "invoice_paid": Amount(D("500.00"), "EUR"),
        "invoice_open": Amount(D("0.00"), "EUR"),
        "settled_on": date("2025-04-21"),
        "days_to_pay": D(20),
        "disputed": Amount(D("100.00"), "EUR"),
    }
    support, _ = _invoice_posting(entries, "Support")
    assert _meta(support)["days_overdue"] == 0  # not yet due


def test_metadata_types_are_never_int_or_float() -> None:
    entries, _, _ = load_with_plugin(LEDGER)
    seen = 0
    for entry in data.filter_txns(entries):
        for posting in entry.postings:
            meta = posting.meta or {}
            for key in METADATA_KEYS:
                if key in meta:
                    seen += 1
                    value = meta[key]
                    assert type(value) in (Decimal, datetime.date, Amount, str), (key, value)
                    if isinstance(value, Amount):
                        assert type(value.number) is Decimal
    assert seen == 11  # 3 on Website, 5 on Design, 3 on Support


def test_errors_name_their_kind_and_point_at_their_entry() -> None:
    _, errors, _ = load_with_plugin(LEDGER)
    found = {(e.message.split(":")[1].strip(), e.source["lineno"]) for e in errors}
    website = plugin_line_of(LEDGER, '"Website"')
    support = plugin_line_of(LEDGER, '"Support"')
    assert found == {
        ("overdue", website),
        # client-level: on the client's latest invoice dated on or before A
        ("concentration", support),
    }
    for error in errors:
        assert error.message.startswith("clienthealth: ")
        assert error.source["filename"] == "<string>"
        assert error.entry is not None
        assert error.entry.meta["lineno"] == error.source["lineno"]


def _boom(*args: object, **kwargs: object) -> NoReturn:
    raise RuntimeError("boom")


@pytest.mark.parametrize("name", ["analyse", "annotate"])
def test_an_internal_error_is_one_error_and_the_entries_pass(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    entries, _, options_map = load(LEDGER)
    monkeypatch.setattr(plugin_module, name, _boom)
    out, errors = clienthealth(entries, options_map, f"{{'as_of': '{AS_OF}'}}")
    assert len(out) == len(entries)
    assert all(a is b for a, b in zip(out, entries, strict=True))
    [error] = errors
    assert error.message.startswith("clienthealth: internal: RuntimeError: boom")
    assert error.source is not None


def test_an_internal_error_through_a_real_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plugin_module, "analyse", _boom)
    entries, errors, _ = load_with_plugin(LEDGER)
    assert [e.message.split(":")[:2] for e in errors] == [["clienthealth", " internal"]]
    assert {"filename", "lineno"} <= set(errors[0].source)
    website, _ = _invoice_posting(entries, "Website")
    assert "invoice_open" not in _meta(website)


def test_bean_query_reads_the_derived_metadata() -> None:
    entries, _, options_map = load_with_plugin(LEDGER)
    _, rows = query.run_query(
        entries,
        options_map,
        "SELECT date, account, meta('invoice_open') AS open, meta('days_overdue') AS late "
        "WHERE meta('invoice_open') IS NOT NULL ORDER BY date",
    )
    assert rows == [
        (date("2025-03-01"), "Assets:Receivable", Amount(D("700.00"), "EUR"), D(91)),
        (date("2025-04-01"), "Assets:Receivable", Amount(D("0.00"), "EUR"), None),
        (date("2025-06-20"), "Assets:Receivable", Amount(D("200.00"), "EUR"), D(0)),
    ]
    _, rows = query.run_query(
        entries,
        options_map,
        "SELECT meta('settled_on'), meta('days_to_pay') WHERE meta('settled_on') IS NOT NULL",
    )
    assert rows == [(date("2025-04-21"), D(20))]


def test_a_real_load_keeps_every_entry() -> None:
    plain, _, _ = load(LEDGER)
    with_plugin, _, _ = load_with_plugin(LEDGER)
    assert [(type(e), e.date) for e in with_plugin] == [(type(e), e.date) for e in plain]


def test_a_plugin_line_without_config_uses_the_defaults() -> None:
    today = datetime.date.today()
    body = f"""
{today - datetime.timedelta(days=10)} * "Acme GmbH" "Website" ^inv-1 #client-acme
  Assets:Receivable    500.00 EUR
  Income:Consulting
{today - datetime.timedelta(days=9)} * "Globex" "Design" ^inv-2 #client-globex
  Assets:Receivable    500.00 EUR
  Income:Consulting
"""
    entries, errors, _ = loader.load_string(f'plugin "{PLUGIN}"\n' + HEADER + textwrap.dedent(body))
    # as_of is today: both invoices are open and not yet due; 50% each.
    assert errors == []
    website, _ = _invoice_posting(entries, "Website")
    assert _meta(website)["invoice_open"] == Amount(D("500.00"), "EUR")
    assert _meta(website)["days_overdue"] == 0
