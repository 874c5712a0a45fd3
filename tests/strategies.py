"""Hypothesis strategies of the values in a ledger and in a config, and each test's budget.

The values are the pieces `tests/ledger_strategies.py` writes whole ledgers
from: hostile and very long text, dates centuries apart, huge and tiny
amounts, several currencies, and metadata of the right type or of any wrong
one. The configs are plugin and extension configs that mix good values of each
key with wrong types, unknown keys and random Python literals.
"""

from __future__ import annotations

import datetime
import os
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from beancount_plugins.clienthealth.model import SIGNAL_KINDS

PLUGIN = "beancount_plugins.clienthealth"

#: Generated examples of all property tests together in a CI run.
CI_EXAMPLES = 3205
#: `CLIENTHEALTH_EXAMPLES=20000 pytest tests/test_properties_*.py` runs that many
#: in total instead, each test keeping its share of CI_EXAMPLES.
TOTAL_EXAMPLES = int(os.environ.get("CLIENTHEALTH_EXAMPLES") or CI_EXAMPLES)


def budget(examples: int) -> settings:
    """Hypothesis settings for a test that runs `examples` of the CI examples."""
    return settings(
        max_examples=max(1, examples * TOTAL_EXAMPLES // CI_EXAMPLES),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


CURRENCIES = ("EUR", "USD", "CHF", "JPY")
#: Tag-able client ids (a tag is `[A-Za-z0-9-_/.]+`), one of them very long.
TAG_CLIENTS = ("acme", "globex", "x.y-z_1/2", "c" * 120)
#: Invoice ids that links can carry; a small pool, so ids repeat and dangle.
INVOICE_IDS = ("inv-1", "inv-2", "inv-3", "inv-4")

#: Text a user or an attacker may put in a payee, narration, name or id. What
#: could run in a browser carries the marker XSS or the tag <xss-tag>.
HOSTILE = (
    "<script>alert('XSS')</script>",
    "\"><img src=x onerror=alert('XSS')>",
    "' onmouseover='alert(`XSS`)",
    '" onmouseover="alert(`XSS`)',
    "</script><xss-tag onclick=alert(1)>XSS</xss-tag>",
    "</title></text></svg><xss-tag>XSS</xss-tag>",
    "javascript:alert('XSS')",
    "{{ 7 * 7 }} {% raw %} ${XSS}",
    "&amp; &lt; &#x3C; &quot;",
    "\u202eRTL override\u202c",
    "עברית ومرحبا",
    "Ünïcødé GmbH ✓ 🧾",
    "a\u0301\u200d\u200b\ufeff",
    "back\\slash \\n",
    "tab\there",
    "x" * 500,
)


@st.composite
def _weighted(draw: Any, pool: tuple[st.SearchStrategy[Any], ...]) -> Any:
    return draw(draw(st.sampled_from(pool)))


def weighted(*choices: tuple[int, st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    """One of the strategies, each as often as its weight; shrinks to the first."""
    return _weighted(tuple(strategy for weight, strategy in choices for _ in range(weight)))


def beancount_string(text: str) -> str:
    """`text` as a Beancount string literal (C-style escapes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _number(value: Decimal) -> str:
    return format(value, "f")


def _date_text(value: datetime.date) -> str:
    return value.isoformat()


# Strategies are built once: building them per draw costs more than the ledger.
_PRINTABLE = st.characters(blacklist_categories=("Cs", "Cc"))
#: Payees, narrations, names: hostile samples or any printable text.
TEXT = st.one_of(st.sampled_from(HOSTILE), st.text(_PRINTABLE, max_size=40))
#: Client ids written as `client:` metadata: anything, hostile or long.
META_CLIENTS = st.one_of(
    st.sampled_from(TAG_CLIENTS),
    st.sampled_from(HOSTILE),
    st.text(_PRINTABLE, min_size=1, max_size=30),
)
#: Mostly around 2025, sometimes centuries away.
DATES = weighted(
    (12, st.dates(datetime.date(2024, 6, 1), datetime.date(2025, 12, 31))),
    (1, st.dates(datetime.date(1850, 1, 1), datetime.date(9999, 12, 31))),
    (
        1,
        st.sampled_from(
            [datetime.date(1850, 1, 1), datetime.date(9999, 12, 1), datetime.date(9999, 12, 31)]
        ),
    ),
)
#: Positive amounts: ordinary, tiny and huge.
NUMBERS = weighted(
    (5, st.decimals(Decimal("0.01"), Decimal(5000), places=2)),
    (
        1,
        st.sampled_from(
            [
                Decimal("0.0001"),
                Decimal("0.01"),
                Decimal("123456789012345.67"),
                Decimal(10) ** 18,
                Decimal("9" * 20),  # x 150 and four decimals: within Beancount's 28 digits
            ]
        ),
    ),
)
#: Invoice amounts: mostly positive, sometimes zero or negative.
SIGNED_NUMBERS = weighted(
    (8, NUMBERS), (1, st.just(Decimal("0.00"))), (1, NUMBERS.map(lambda n: -n))
)
#: Mostly the operating currency.
CURRENCY = weighted((3, st.just("EUR")), (1, st.sampled_from(CURRENCIES)))
#: An amount as written in a ledger: `12.50 EUR`.
AMOUNTS = st.builds(lambda n, c: f"{_number(n)} {c}", NUMBERS, CURRENCY)

_ANYTHING = weighted(
    (1, st.sampled_from(['"three"', "TRUE", "FALSE", '""', "-3", "1.5", "0", '"<b>x</b>"'])),
    (1, DATES.map(_date_text)),
    (1, AMOUNTS),
    (1, TEXT.map(beancount_string)),
)
_GOOD = {
    "hours": st.one_of(
        st.decimals(Decimal(0), Decimal(200), places=2).map(_number),
        st.sampled_from(["0.00001", "0.000000001", "1000000000"]),
    ),
    "due": DATES.map(_date_text),
    "terms": st.one_of(
        st.integers(0, 120).map(str),
        st.sampled_from(['"net 30"', '"14 days"', '"net 99999"', "99999"]),
    ),
    "disputed": AMOUNTS,
    "invoice": st.sampled_from(INVOICE_IDS).map(beancount_string),
    "client": META_CLIENTS.map(beancount_string),
}
_GOOD["billed_hours"] = _GOOD["hours"]
#: Metadata values as source text, by key: of the right type or of any wrong one.
META_VALUES = {key: weighted((4, good), (1, _ANYTHING)) for key, good in _GOOD.items()}


# --- configs: good values, wrong types, unknown keys ---------------------------------

#: Tags as Beancount's lexer takes them; "Ünï", "<b>" or "#x" could never match a tag.
_TAGS = st.sampled_from(["acme-", "x", "client/", "a.b_C-9"])
_DAYS = st.integers(0, 10**12)
_SHARES = st.one_of(st.sampled_from([0, 1, 0.5, "0.25"]), st.floats(0, 1))
#: key -> (values it accepts, values it refuses)
KEYS: dict[str, tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]] = {
    "client_tag_prefix": (_TAGS, st.sampled_from(["", 5, None, ["client-"], b"c", "#c-", "Ünï"])),
    "receivable": (
        st.sampled_from(["^Assets:Receivable", "Debtors", "^Assets:(AR|Due)(:|$)", ".*"]),
        st.sampled_from(["(", "[a-", "*a", "(?P<x>", "", 3, None]),
    ),
    "default_terms": (_DAYS, st.sampled_from([-1, -30, 1.5, "30", True, None, "net 30"])),
    "window_days": (_DAYS, st.sampled_from([-1, 0.5, "365", False, [365]])),
    "overdue_grace_days": (_DAYS, st.sampled_from([-5, 2.0, "5", None])),
    "dispute_tag": (_TAGS, st.sampled_from(["", 0, ("dispute",), "#dispute", "<b>"])),
    "reminder_tag": (_TAGS, st.sampled_from(["", 1.0, {"reminder"}, "to do"])),
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
    "tax_accounts": (
        st.sampled_from(["^Liabilities:VAT", "Tax", "^Liabilities:(USt|MwSt)(:|$)"]),
        st.sampled_from(["(", "[VAT", "", 19, None]),
    ),
    "hours_commodity": (
        st.sampled_from(["H", "HOURS", "HRS"]),
        st.sampled_from(["h", "", "H H", 1, None, "€"]),
    ),
    "rework_tag": (_TAGS, st.sampled_from(["", 2, "#rework", "re work"])),
    "meeting_tag": (_TAGS, st.sampled_from(["", None, ["meeting"], "<m>"])),
    "max_rework_share": (_SHARES, st.sampled_from([1.5, -0.1, "x", True])),
    "max_presale_hours": (
        st.sampled_from([0, 8, 40.5, "12"]),
        st.sampled_from([-1, "NaN", 10**7, None]),
    ),
    "max_overrun_share": (
        st.sampled_from([0, 0.1, 1, 5]),
        st.sampled_from([-0.1, 101, "inf", False]),
    ),
    "max_low_yield_time_share": (_SHARES, st.sampled_from([2, -1, "most", None])),
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


def with_plugin(ledger: str, config: str) -> str:
    """The ledger with a `plugin` line first that loads Client Health."""
    return f"plugin {beancount_string(PLUGIN)} {beancount_string(config)}\n{ledger}"
