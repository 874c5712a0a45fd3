"""Config fuzzing: any config string gives no error or exactly one clear one.

Random text, random Python literals, and dicts that mix good values with
wrong types, unknown keys, bad regexes and negative numbers: a bad config is
one `clienthealth: config:` error that names every bad key, and the entries
pass through untouched (the very same objects, nothing annotated).
"""

from __future__ import annotations

import textwrap

from beancount import loader
from hypothesis import given
from hypothesis import strategies as st

from beancount_plugins.clienthealth import clienthealth
from beancount_plugins.clienthealth import config as config_module
from tests.strategies import LITERALS, budget, configs, with_plugin

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
    # The same ledger after a plugin line (the config may hold newlines).
    plain, plain_errors, _ = loader.load_string("\n" * (1 + config.count("\n")) + LEDGER)
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
