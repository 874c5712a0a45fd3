"""SPEC section 1: the plugin's config, its defaults and every kind of bad value."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data
from beancount.core.amount import Amount

from beancount_plugins.clienthealth import clienthealth
from beancount_plugins.clienthealth import config as config_module
from beancount_plugins.clienthealth.config import Config, from_mapping
from beancount_plugins.clienthealth.engine import analyse
from beancount_plugins.clienthealth.model import SIGNAL_KINDS, ClientHealthError
from tests.helpers import AS_OF, D, date, load, load_with_plugin, run

LEDGER = """
2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
  Assets:Receivable    1200.00 EUR
  Income:Consulting
"""


def test_defaults_are_the_specs() -> None:
    config = Config()
    assert config.client_tag_prefix == "client-"
    assert config.receivable == r"^Assets:(AccountsReceivable|Receivables?)(:|$)"
    assert config.default_terms == 30
    assert config.dispute_tag == "dispute"
    assert config.reminder_tag == "reminder"
    assert config.currency is None
    assert config.as_of is None
    assert config.window_days == 365
    assert config.overdue_grace_days == 0
    assert config.min_payment_score == 50
    assert config.min_rate is None
    assert config.max_unbilled_share == D("0.25")
    assert config.max_revenue_share == D("0.5")
    assert config.bottom_share == D("0.15")
    assert config.rework_tag == "rework"
    assert config.meeting_tag == "meeting"
    assert config.max_rework_share == D("0.15")
    assert config.max_presale_hours == 8
    assert config.max_overrun_share == D("0.1")
    assert config.max_low_yield_time_share == D("0.2")
    assert config.warnings == frozenset(SIGNAL_KINDS)


def test_empty_or_absent_config_is_the_defaults() -> None:
    assert config_module.parse(None) == (Config(), None)
    assert config_module.parse("") == (Config(), None)
    assert config_module.parse("{}") == (Config(), None)


def test_the_specs_example_config() -> None:
    config, problem = config_module.parse("{'min_rate': '80 EUR', 'default_terms': 30}")
    assert problem is None
    assert config.min_rate == Amount(D(80), "EUR")
    assert config.default_terms == 30


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("client_tag_prefix", "customer-", "customer-"),
        ("receivable", "^Assets:Debtors", "^Assets:Debtors"),
        ("default_terms", 14, 14),
        ("default_terms", 0, 0),
        ("dispute_tag", "contested", "contested"),
        ("reminder_tag", "dunning", "dunning"),
        ("currency", "USD", "USD"),
        ("as_of", "2025-06-30", datetime.date(2025, 6, 30)),
        ("window_days", 90, 90),
        ("window_days", 0, 0),
        ("overdue_grace_days", 7, 7),
        ("min_payment_score", 60, D(60)),
        ("min_rate", "80 EUR", Amount(D(80), "EUR")),
        ("min_rate", "72.50 USD", Amount(D("72.50"), "USD")),
        ("max_unbilled_share", 0.3, D("0.3")),
        ("max_revenue_share", 1, D(1)),
        ("bottom_share", 0.2, D("0.2")),
        ("rework_tag", "redo", "redo"),
        ("meeting_tag", "call/zoom", "call/zoom"),
        ("max_rework_share", 0.3, D("0.3")),
        ("max_presale_hours", 0, D(0)),
        ("max_presale_hours", "12.5", D("12.5")),
        ("max_overrun_share", 0, D(0)),
        ("max_overrun_share", 1.5, D("1.5")),
        ("max_low_yield_time_share", 1, D(1)),
        ("warnings", ["rework", "low-yield-time"], frozenset({"rework", "low-yield-time"})),
        ("warnings", ["overdue", "dispute"], frozenset({"overdue", "dispute"})),
        ("warnings", [], frozenset()),
    ],
)
def test_valid_value(key: str, value: object, expected: object) -> None:
    assert getattr(from_mapping({key: value}), key) == expected


BAD_VALUES = [
    ("client_tag_prefix", 5),
    ("client_tag_prefix", ""),
    ("receivable", 5),
    ("receivable", "^Assets:(Receivable"),
    ("receivable", "a{1,4294967295}"),  # OverflowError, not re.error
    ("receivable", "(" * 2000 + ")" * 2000),  # RecursionError
    ("default_terms", -1),
    ("default_terms", 1.5),
    ("default_terms", "30"),
    ("default_terms", True),
    ("dispute_tag", ""),
    ("dispute_tag", None),
    ("dispute_tag", "#dispute"),  # no tag is ever "##dispute": every dispute lost
    ("client_tag_prefix", "#client-"),
    ("reminder_tag", "to do"),
    ("reminder_tag", ["reminder"]),
    ("currency", "eur"),
    ("currency", 978),
    ("as_of", "2025-13-01"),
    ("as_of", "yesterday"),
    ("as_of", 20250630),
    ("window_days", -1),
    ("window_days", "365"),
    ("overdue_grace_days", -3),
    ("overdue_grace_days", 2.5),
    ("min_payment_score", -1),
    ("min_payment_score", 101),
    ("min_payment_score", "fifty"),
    ("min_payment_score", True),
    ("min_rate", "80"),
    ("min_rate", "eighty EUR"),
    ("min_rate", 80),
    ("min_rate", "-5 EUR"),
    ("min_rate", "80 eur"),
    ("max_unbilled_share", 1.5),
    ("max_unbilled_share", -0.1),
    ("max_revenue_share", "half"),
    ("max_revenue_share", "NaN"),
    ("bottom_share", 2),
    ("rework_tag", "#rework"),
    ("rework_tag", "re work"),
    ("rework_tag", ""),
    ("meeting_tag", 3),
    ("meeting_tag", "#meeting"),
    ("max_rework_share", 1.01),
    ("max_rework_share", -0.01),
    ("max_presale_hours", -1),
    ("max_presale_hours", "eight"),
    ("max_presale_hours", 10**7),
    ("max_overrun_share", -0.1),
    ("max_overrun_share", 101),
    ("max_overrun_share", "NaN"),
    ("max_low_yield_time_share", 1.5),
    ("max_low_yield_time_share", True),
    ("warnings", ["over-budget", "scope-creep"]),
    ("warnings", "overdue"),
    ("warnings", ["overdue", "late"]),
    ("warnings", [1]),
]


def _one_config_error(
    config_text: str,
) -> tuple[list[ClientHealthError], data.Directives, list[data.Directive]]:
    """Run the plugin directly on a loaded ledger; return (errors, entries in, entries out)."""
    entries, errors, options_map = load(LEDGER)
    assert not errors
    out, plugin_errors = clienthealth(entries, options_map, config_text)
    return plugin_errors, entries, out


@pytest.mark.parametrize(("key", "value"), BAD_VALUES)
def test_bad_value_is_one_config_error_naming_the_key(key: str, value: object) -> None:
    values = {"as_of": AS_OF, key: value}
    errors, entries, out = _one_config_error(repr(values))
    assert len(errors) == 1
    message = errors[0].message
    assert message.startswith("clienthealth: config: ")
    assert repr(key) in message
    # The entries pass through unchanged: the same objects, in the same order.
    assert len(out) == len(entries)
    assert all(a is b for a, b in zip(out, entries, strict=True))


def test_unknown_key_is_named() -> None:
    errors, entries, out = _one_config_error("{'min_rat': '80 EUR'}")
    assert len(errors) == 1
    assert errors[0].message.startswith("clienthealth: config: ")
    assert "'min_rat'" in errors[0].message
    assert all(a is b for a, b in zip(out, entries, strict=True))


def test_several_bad_keys_still_make_one_error() -> None:
    errors, _, _ = _one_config_error("{'window_days': -1, 'currency': 'eur', 'nope': 1}")
    assert len(errors) == 1
    for key in ("'window_days'", "'currency'", "'nope'"):
        assert key in errors[0].message


@pytest.mark.parametrize(
    "text",
    [
        "[1, 2]",
        "'min_rate'",
        "{'min_rate': min_rate}",
        "{'as_of': __import__('os').getcwd()}",
        "{'min_rate': ",
    ],
)
def test_not_a_dict_literal_is_one_config_error(text: str) -> None:
    errors, entries, out = _one_config_error(text)
    assert len(errors) == 1
    assert errors[0].message.startswith("clienthealth: config: ")
    assert all(a is b for a, b in zip(out, entries, strict=True))


def test_config_error_through_a_real_load_points_at_the_plugin_line(tmp_path: Path) -> None:
    path = tmp_path / "ledger.beancount"
    path.write_text(
        'option "operating_currency" "EUR"\n'
        "2020-01-01 open Assets:Receivable\n"
        "2020-01-01 open Income:Consulting\n"
        'plugin "beancount_plugins.clienthealth" "{\'window_days\': -1}"\n' + LEDGER,
        encoding="utf-8",
    )
    entries, errors, _ = loader.load_file(str(path))
    assert [e.message.split(":")[:2] for e in errors] == [["clienthealth", " config"]]
    assert errors[0].source["filename"] == str(path)
    assert errors[0].source["lineno"] == 4
    # No invoice metadata was written: the entries passed through.
    invoice = entries[-1]
    assert isinstance(invoice, data.Transaction)
    assert invoice.postings[0].meta is not None
    assert "invoice_open" not in invoice.postings[0].meta


def test_config_error_in_load_string_has_a_source() -> None:
    _, errors, _ = load_with_plugin(LEDGER, "{'bottom_share': 3}")
    assert len(errors) == 1
    assert errors[0].message.startswith("clienthealth: config: 'bottom_share'")
    assert errors[0].source is not None
    assert "filename" in errors[0].source and "lineno" in errors[0].source


def test_default_currency_is_the_first_operating_currency() -> None:
    ledger = 'option "operating_currency" "CHF"\noption "operating_currency" "EUR"\n'
    report = run(ledger + HEADERLESS + LEDGER.replace("EUR", "CHF"), header=False)
    assert report.currency == "CHF"


HEADERLESS = """
2020-01-01 open Assets:Receivable
2020-01-01 open Income:Consulting
"""


def test_default_currency_without_operating_currency_is_the_most_used() -> None:
    ledger = (
        HEADERLESS
        + LEDGER.replace("EUR", "USD")
        + LEDGER.replace("inv-1", "inv-2")
        + LEDGER.replace("inv-1", "inv-3").replace("EUR", "USD")
    )
    assert run(ledger, header=False).currency == "USD"


def test_currency_key_overrides_the_operating_currency() -> None:
    assert run(LEDGER, currency="USD").currency == "USD"


def test_as_of_defaults_to_today() -> None:
    entries, _, options_map = load(LEDGER)
    report = analyse(entries, options_map, Config())
    assert report.as_of == datetime.date.today()


def test_as_of_is_used() -> None:
    assert run(LEDGER, as_of="2025-04-15").as_of == date("2025-04-15")
