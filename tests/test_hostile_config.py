"""Issue 17: config values that made the plugin slow, huge or internal are refused."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from beancount.core import data
from beancount.core.amount import Amount

from beancount_plugins.clienthealth import config as config_module
from beancount_plugins.clienthealth.engine import analyse
from beancount_plugins.clienthealth.patterns import backtracking_problem
from tests.helpers import load, load_with_plugin

LEDGER = """
2025-01-01 price USD 0.90 EUR
2025-03-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
  hours: 10
  Assets:Receivable    1200.00 EUR
  Income:Consulting
"""

#: Short enough for one terminal line or two, whatever the value was.
SHORT = 400


def problem(text: str) -> str:
    found = config_module.parse(text)[1]
    assert found is not None, text
    return found


@pytest.mark.parametrize(
    "rate",
    [
        "1E+999999999 EUR",  # bean-check hung, eating gigabytes
        "1E+100000000 EUR",  # 4 s
        "1E+1000000 EUR",  # a 1 MB message
        "1E+401 EUR",  # just above the bound of 10^400
    ],
)
def test_min_rate_out_of_bounds_is_a_config_error(rate: str) -> None:
    found = problem(f"{{'min_rate': '{rate}'}}")
    assert found.startswith("'min_rate' must be an amount")
    assert len(found) < SHORT


@pytest.mark.parametrize(
    ("key", "value", "kept"),
    [
        ("bottom_share", "0." + "1" * 100_000, "0.111111111111"),
        ("max_unbilled_share", "1E-999999999", "0E-12"),
        ("max_revenue_share", 2.2250738585072014e-308, "0E-12"),
        ("min_payment_score", "49.9999999999995", "50.000000000000"),  # half up
    ],
)
def test_a_number_with_more_than_12_decimals_is_rounded(key: str, value: object, kept: str) -> None:
    # 1E-999999999 would make every comparison and sum exact to a billion digits.
    number = getattr(config_module.from_mapping({key: value}), key)
    assert str(number) == kept


def test_min_rate_with_more_than_12_decimals_is_rounded() -> None:
    config = config_module.from_mapping({"min_rate": "0.0000000000005 EUR"})
    assert config.min_rate is not None
    assert str(config.min_rate.number) == "1E-12"  # 0.000000000001, half up


@pytest.mark.parametrize("number", ["1E+400", "0.000000000001", "999999999999.999999999999"])
def test_min_rate_at_the_bounds_is_accepted(number: str) -> None:
    config = config_module.from_mapping({"min_rate": f"{number} EUR"})
    assert config.min_rate is not None
    assert config.min_rate.number == Decimal(number)


def test_huge_min_rate_in_another_currency_is_a_config_error_not_internal() -> None:
    # Was `clienthealth: internal: Overflow`, and nothing annotated.
    _, errors, _ = load_with_plugin(LEDGER, "{'min_rate': '1E+999999999 USD'}")
    messages = [e.message for e in errors]
    assert len(messages) == 1
    assert messages[0].startswith("clienthealth: config: 'min_rate' must be an amount")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("overdue_grace_days", "-1"),
        ("max_unbilled_share", "'-1E-999999999'"),
        ("min_payment_score", "'1E+999999999'"),
    ],
)
def test_every_number_is_bounded_and_its_message_short(key: str, value: str) -> None:
    found = problem(f"{{'{key}': {value}}}")
    assert found.startswith(f"{key!r} must be")
    assert len(found) < SHORT


@pytest.mark.parametrize("key", ["window_days", "default_terms", "overdue_grace_days"])
def test_days_beyond_the_calendar_are_held_at_its_span(key: str) -> None:
    # date.max - date.min: more days mean "never" (or "all") just as well.
    span = (datetime.date.max - datetime.date.min).days
    for days in (span, span + 1, 10**4000):
        assert getattr(config_module.from_mapping({key: days}), key) == span


def test_min_rate_times_a_huge_price_is_a_data_error() -> None:
    # 1000 USD/h at 10^999999 EUR a dollar is beyond what a Decimal holds
    # (Emax 999999): the multiplication overflowed into `internal: Overflow`.
    entries, errors, options_map = load(LEDGER)
    assert not errors
    meta = data.new_metadata("<test>", 1)
    price = data.Price(meta, datetime.date(2025, 1, 2), "USD", Amount(Decimal("1E+999999"), "EUR"))
    config = config_module.from_mapping({"min_rate": "1000 USD", "as_of": "2025-06-30"})
    report = analyse([*entries, price], options_map, config)
    assert report.min_rate is None
    [error] = [e.message for e in report.errors if "min_rate" in e.message]
    assert error == (
        "clienthealth: data: min_rate 1000 USD times its price in EUR is too large: "
        "low-yield is off"
    )


@pytest.mark.parametrize(
    ("expression", "column"),
    [
        ("10**100", 14),
        ("float('nan')", 14),
        ("'A' + 'B'", 14),
        ("f'{1}'", 14),
    ],
)
def test_a_non_literal_value_names_its_key(expression: str, column: int) -> None:
    # {'min_rate': ... : the value starts at column 14 (1-based).
    found = problem(f"{{'min_rate': {expression}}}")
    assert found == (
        f"config is not a Python literal: 'min_rate': {expression} "
        f"(line 1, column {column}) is not a literal"
    )


def test_a_long_non_literal_value_is_cut() -> None:
    expression = "'A' + '" + "x" * 1_000_000 + "'"
    found = problem(f"{{'currency': {expression}}}")
    assert found.startswith("config is not a Python literal: 'currency': 'A' + 'xxx")
    assert f"({len(expression)} characters)" in found
    assert len(found) < SHORT


@pytest.mark.parametrize("key", ["currency", "dispute_tag", "receivable"])
def test_a_long_literal_value_is_cut(key: str) -> None:
    found = problem(f"{{'{key}': '" + "(" * 1_000_000 + "'}")
    assert found.startswith(f"{key!r}")
    assert "(1000002 characters)" in found
    assert len(found) < SHORT


def test_a_long_unknown_key_is_cut() -> None:
    found = problem("{'" + "k" * 100_000 + "': 1}")
    assert found.startswith("unknown key 'kkk")
    assert "(100002 characters)" in found


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a*)*$", "(a|aa)+$", "^Assets:(?:(?:R+)x?)*$"])
def test_a_pattern_that_backtracks_exponentially_is_refused(pattern: str) -> None:
    # (a+)+$ took 10.7 s on a 24-letter account, twice that per letter more.
    found = problem(f"{{'receivable': '{pattern}'}}")
    assert found.startswith("'receivable' is refused: ")
    assert "exponential" in found


@pytest.mark.parametrize(
    "pattern",
    [r"(.*a){6}x", r"(.*a){8}x", ".*.*.*.*.*.*.*.*x", r".*a.*x", r"^.*a.*b.*x", r"^(?:.*a){3}"],
)
def test_quantifiers_in_a_row_that_take_a_power_of_the_name_are_refused(pattern: str) -> None:
    # (.*a){6}x took 15 s on a long account name, .*.*.*.*.*.*.*.*x over a minute.
    found = problem(f"{{'tax_accounts': '{pattern}'}}")
    assert found.startswith("'tax_accounts' is refused: it has ")
    assert "in a row" in found
    assert "anchor it with ^" in found


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:a|a){14}x",  # 1.95 s on 5,000 letters; {20}: 126 s
        r"(?:a|aa){20}x",
        r"(?:a?){14}a{14}x",
        "(?:a|a)" * 14 + "x",
        r"(?:a|a){5}.*(?:a|a){4}x",  # over a minute: the choices at each of n^2 tries
        r".*(?:a|a){3}x",  # 2.2 s
    ],
)
def test_many_choices_in_a_row_are_refused(pattern: str) -> None:
    found = problem(f"{{'receivable': '{pattern}'}}")
    assert found.startswith("'receivable' is refused: it has ")
    assert "places where a match may go two ways" in found


@pytest.mark.parametrize(
    "pattern",
    [
        r"^Assets:(AccountsReceivable|Receivables?)(:|$)",  # the default
        r"^Assets:.*:(AR|Receivable):.*",  # two quantifiers and one choice
        r"^Assets:(Receivable|AR|Debtors|Forderungen)(:.*)?$",
        config_module.Config.tax_accounts,  # the default: one quantifier, anchored
        r"^Assets:.*:Receivable:.*",  # two quantifiers, anchored
        r"Receivable.*",  # one quantifier and the search
        r"^Assets:Debtors(:.*)?$",
        r"^Assets:(?:AR){1}:[A-Z][a-z]+",
        r"Receivable",
    ],
)
def test_ordinary_account_patterns_pass(pattern: str) -> None:
    assert backtracking_problem(pattern) is None
    assert config_module.from_mapping({"receivable": pattern}).receivable == pattern


def test_a_refused_pattern_is_a_config_error_through_the_plugin() -> None:
    # 22 a's and a b: the old code took seconds on this account, doubling per letter.
    ledger = LEDGER + "2020-01-01 open Assets:B" + "a" * 22 + "b\n"
    _, errors, _ = load_with_plugin(ledger, "{'receivable': '(a+)+$'}")
    [message] = [e.message for e in errors]
    assert message.startswith("clienthealth: config: 'receivable' is refused")
