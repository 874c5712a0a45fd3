"""Config fuzzing: any config string gives no error or exactly one clear one.

Random text, random Python literals, and dicts that mix good values with
wrong types, unknown keys, bad regexes and negative numbers: a bad config is
one `clienthealth: config:` error that names every bad key, and the entries
pass through untouched (the very same objects, nothing annotated).
"""

from __future__ import annotations

import textwrap
from typing import Any

from beancount import loader
from hypothesis import given
from hypothesis import strategies as st

from beancount_plugins.clienthealth import clienthealth
from beancount_plugins.clienthealth import config as config_module
from beancount_plugins.clienthealth.model import SIGNAL_KINDS
from tests.strategies import budget, with_plugin

LEDGER = textwrap.dedent(
    """
    option "operating_currency" "EUR"
    2020-01-01 open Assets:Receivable
    2020-01-01 open Assets:Bank
    2020-01-01 open Income:Consulting
    2025-01-01 * "Acme" "Website" ^inv-1 #client-acme
      hours: 10
      Assets:Receivable  1200.00 EUR
      Income:Consulting
    2025-02-01 * "Acme" "Payment" ^inv-1
      Assets:Bank  200.00 EUR
      Assets:Receivable
    """
)
ENTRIES, _, OPTIONS = loader.load_string(LEDGER)

_TEXTS = st.sampled_from(["acme-", "x", "client/", "Ünï", "<b>"])
_DAYS = st.integers(0, 10**12)
_SHARES = st.one_of(st.sampled_from([0, 1, 0.5, "0.25"]), st.floats(0, 1))
#: key -> (values it accepts, values it refuses)
KEYS: dict[str, tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]] = {
    "client_tag_prefix": (_TEXTS, st.sampled_from(["", 5, None, ["client-"], b"c"])),
    "receivable": (
        st.sampled_from(["^Assets:Receivable", "Debtors", "^Assets:(AR|Due)(:|$)", ".*"]),
        st.sampled_from(["(", "[a-", "*a", "(?P<x>", "", 3, None]),
    ),
    "default_terms": (_DAYS, st.sampled_from([-1, -30, 1.5, "30", True, None, "net 30"])),
    "window_days": (_DAYS, st.sampled_from([-1, 0.5, "365", False, [365]])),
    "overdue_grace_days": (_DAYS, st.sampled_from([-5, 2.0, "5", None])),
    "dispute_tag": (_TEXTS, st.sampled_from(["", 0, ("dispute",)])),
    "reminder_tag": (_TEXTS, st.sampled_from(["", 1.0, {"reminder"}])),
    "currency": (
        st.sampled_from(["EUR", "USD", "JPY", "BTC"]),
        st.sampled_from(["eur", "", 5, "E U R", "€", None]),
    ),
    "as_of": (
        st.sampled_from(["2025-06-30", "0001-01-01", "9999-12-31", "2024-02-29"]),
        st.sampled_from(["2025-13-01", "2025-02-30", "yesterday", "", 20250630, None]),
    ),
    "min_payment_score": (
        st.one_of(st.integers(0, 100), st.floats(0, 100), st.just("50")),
        st.sampled_from([-1, 101, "abc", "nan", "-inf", True, None, "1e999"]),
    ),
    "min_rate": (
        st.sampled_from(["80 EUR", "0 USD", "0.5 CHF", "1000000 JPY"]),
        st.sampled_from(["80", "EUR 80", -5, "-5 EUR", "NaN EUR", "80 eur", 80, None]),
    ),
    "max_unbilled_share": (_SHARES, st.sampled_from([-0.1, 1.5, "x", True, None])),
    "max_revenue_share": (_SHARES, st.sampled_from([2, -1, "half", "NaN"])),
    "bottom_share": (_SHARES, st.sampled_from([1.01, -0.5, [0.1], False])),
    "warnings": (
        st.lists(st.sampled_from(SIGNAL_KINDS), unique=True).flatmap(
            lambda kinds: st.sampled_from([kinds, tuple(kinds), set(kinds)])
        ),
        st.sampled_from(["overdue", ["nope"], [1], None, ["overdue", "late"], {"a": 1}]),
    ),
}
UNKNOWN = st.one_of(
    st.sampled_from(["asof", "Currency", "min-rate", "", "warning", "terms"]),
    st.integers(),
    st.tuples(st.integers()),
)
#: Values whose repr is a Python literal (no nan, no empty set, no frozenset).
LITERALS = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**30), 10**30),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=10),
        st.binary(max_size=5),
        st.complex_numbers(allow_nan=False, allow_infinity=False),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.sets(st.integers(), min_size=1, max_size=3),
        st.dictionaries(st.one_of(st.text(max_size=5), st.integers()), inner, max_size=4),
    ),
    max_leaves=10,
)


def run(config: str) -> list[str]:
    """Run the plugin with `config`; the messages of its config errors."""
    out, errors = clienthealth(ENTRIES, OPTIONS, config)
    messages = [e.message for e in errors]
    assert not [m for m in messages if "internal" in m], messages
    for error in errors:
        assert error.source["filename"] and isinstance(error.source["lineno"], int)
    config_errors = [m for m in messages if m.startswith("clienthealth: config:")]
    assert len(config_errors) <= 1, messages
    # Clear and the same on every run: no Python object (`<ast.Name object at 0x7f..>`).
    assert not [m for m in config_errors if " object at 0x" in m], config_errors
    if config_errors:
        assert len(messages) == 1, messages
        assert len(out) == len(ENTRIES)
        assert all(new is old for new, old in zip(out, ENTRIES, strict=True))
    return config_errors


@budget(300)
@given(st.text(max_size=80))
def test_any_text_is_a_config_or_one_error(text: str) -> None:
    run(text)
    _, problem = config_module.parse(text)
    assert problem is None or problem.strip()


@budget(250)
@given(LITERALS)
def test_a_literal_that_is_not_a_dict_is_one_error(value: object) -> None:
    errors = run(repr(value))
    if not isinstance(value, dict):
        assert errors and ("must be a dict" in errors[0] or "not a Python literal" in errors[0])


@st.composite
def configs(draw: Any) -> tuple[dict[object, object], set[object]]:
    """A config dict and the keys in it that are wrong (unknown, or a bad value)."""
    config: dict[object, object] = {}
    bad: set[object] = set()
    for key in draw(st.lists(st.sampled_from(sorted(KEYS)), unique=True, max_size=6)):
        good_values, bad_values = KEYS[key]
        if draw(st.booleans()):
            config[key] = draw(good_values)
        else:
            config[key] = draw(bad_values)
            bad.add(key)
    for key in draw(st.lists(UNKNOWN, max_size=2)):
        if key not in KEYS:
            config[key] = draw(LITERALS)
            bad.add(key)
    return config, bad


@budget(400)
@given(configs())
def test_a_bad_key_is_named_in_one_error(
    config_and_bad: tuple[dict[object, object], set[object]],
) -> None:
    config, bad = config_and_bad
    errors = run(repr(config))
    if not bad:
        assert errors == []
        return
    assert len(errors) == 1
    for key in bad:
        assert repr(key) in errors[0], (key, errors[0])


@budget(150)
@given(st.one_of(st.text(max_size=40), LITERALS.map(repr), configs().map(lambda c: repr(c[0]))))
def test_a_plugin_line_with_any_config_loads(config: str) -> None:
    plain, plain_errors, _ = loader.load_string("\n" + LEDGER)  # as after a plugin line
    entries, errors, _ = loader.load_string(with_plugin(LEDGER, config))
    assert len(entries) == len(plain)
    ours = [e for e in errors if e.message.startswith("clienthealth")]
    assert len(errors) - len(ours) == len(plain_errors)
    assert not [e for e in errors if "Error applying plugin" in e.message]
    config_errors = [e for e in ours if e.message.startswith("clienthealth: config:")]
    assert len(config_errors) <= 1
    if config_errors:
        assert ours == config_errors
        assert entries == plain
