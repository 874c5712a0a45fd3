"""Properties of the plugin on generated ledgers: it never stops Beancount.

Whatever the ledger holds, the plugin returns every entry, in order, changes
nothing but the SPEC's metadata on invoices' receivable postings, writes only
values Beancount's printer accepts, and reports every problem as an error with
a file and line, never as `Error applying plugin` or a traceback.
"""

from __future__ import annotations

import copy
import datetime
import io
import re
from decimal import Decimal

from beancount import loader
from beancount.core import data
from beancount.core.amount import Amount
from beancount.parser import printer
from hypothesis import given

from beancount_plugins.clienthealth import clienthealth
from beancount_plugins.clienthealth import config as config_module
from beancount_plugins.clienthealth.annotate import METADATA_KEYS
from beancount_plugins.clienthealth.model import SIGNAL_KINDS
from tests.ledger_strategies import ledgers
from tests.strategies import budget, with_plugin

#: The types a metadata value may have for Beancount's printer.
ALLOWED = (str, Decimal, datetime.date, bool, Amount)
#: The type of each metadata key the plugin writes.
KEY_TYPES = {
    "invoice_paid": Amount,
    "invoice_open": Amount,
    "settled_on": datetime.date,
    "days_to_pay": Decimal,
    "days_overdue": Decimal,
    "disputed": Amount,
}
KINDS = ("data", "config", *SIGNAL_KINDS)
_MISSING = object()


def check_error(error: object) -> None:
    """An error `bean-check` can print with its file and line."""
    source = getattr(error, "source", None)
    assert isinstance(source, dict), error
    assert isinstance(source.get("filename"), str), error
    assert isinstance(source.get("lineno"), int), error
    message = getattr(error, "message", "")
    assert "Error applying plugin" not in message, message
    if message.startswith("clienthealth"):
        kind = message.split(":")[1].strip()
        assert kind in KINDS, message
    printer.format_error(error)  # type: ignore[no-untyped-call]  # beancount's printer is untyped


def check_values(meta: data.Meta | None) -> None:
    """Every value of a metadata dict is of a type the printer accepts."""
    for key, value in (meta or {}).items():
        if key in ("filename", "lineno") or key.startswith("__"):
            continue
        assert isinstance(value, ALLOWED), (key, value)


def check_posting(old: data.Posting, new: data.Posting, receivable: re.Pattern[str]) -> None:
    """The same posting, or the same with the SPEC's metadata on a receivable."""
    assert new._replace(meta=old.meta) == old
    before, after = old.meta or {}, new.meta or {}
    changed = {
        key
        for key in before.keys() | after.keys()
        if before.get(key, _MISSING) != after.get(key, _MISSING)
    }
    if not changed:
        return
    assert changed <= set(METADATA_KEYS), changed
    assert receivable.search(old.account), old.account
    assert old.units is not None and old.units.number is not None and old.units.number > 0
    for key in changed:
        assert key in after, key  # added or updated, never removed
        assert isinstance(after[key], KEY_TYPES[key]), (key, after[key])
        if isinstance(after[key], Amount):
            assert after[key].currency == old.units.currency


def check_entry(old: data.Directive, new: data.Directive, receivable: re.Pattern[str]) -> None:
    """The same entry, or the same transaction with annotated postings."""
    check_values(new.meta)
    if new is old:
        return
    assert isinstance(old, data.Transaction) and isinstance(new, data.Transaction)
    assert new._replace(postings=old.postings) == old
    assert len(new.postings) == len(old.postings)
    for old_posting, new_posting in zip(old.postings, new.postings, strict=True):
        check_posting(old_posting, new_posting, receivable)
        check_values(new_posting.meta)
    printer.format_entry(new)


@budget(700)
@given(ledgers())
def test_plugin_returns_every_entry_and_only_adds_its_metadata(ledger: tuple[str, str]) -> None:
    text, config = ledger
    entries, _, options_map = loader.load_string(text)
    before = copy.deepcopy(entries)

    out, errors = clienthealth(entries, options_map, config)

    assert entries == before, "the plugin changed its input in place"
    assert len(out) == len(entries)
    settings, problem = config_module.parse(config)
    assert problem is None
    receivable = re.compile(settings.receivable)
    for old, new in zip(entries, out, strict=True):
        check_entry(old, new, receivable)
    for error in errors:
        check_error(error)
        assert not error.message.startswith("clienthealth: internal"), error.message


@budget(400)
@given(ledgers())
def test_beancount_loads_every_ledger_with_the_plugin(ledger: tuple[str, str]) -> None:
    text, config = ledger
    plain, plain_errors, _ = loader.load_string(text)
    entries, errors, _ = loader.load_string(with_plugin(text, config))

    assert len(entries) == len(plain)
    for error in errors:
        check_error(error)
        assert "clienthealth: internal" not in error.message, error.message
    ours = [e for e in errors if e.message.startswith("clienthealth")]
    assert len(errors) - len(ours) == len(plain_errors)
    for entry in entries:
        printer.format_entry(entry)
    # What bean-check prints: every error with its entry (beancount's printer is untyped).
    printer.print_errors(errors, file=io.StringIO())  # type: ignore[no-untyped-call]
