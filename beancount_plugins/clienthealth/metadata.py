"""Typed reading of the metadata the SPEC gives meaning to, and its data errors' texts."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount

from beancount_plugins.clienthealth.model import ClientHealthError, data_error
from beancount_plugins.clienthealth.records import Fields
from beancount_plugins.clienthealth.text import cut, written

_TERMS = re.compile(r"^\s*(?:net\s*)?(\d{1,5})\s*(?:days?)?\s*$", re.IGNORECASE)


NO_FIELDS = Fields()


def terms_days(value: object) -> int | None:
    """Payment terms in days from `30`, `"30"` or `"net 30"`; None if not days."""
    if isinstance(value, Decimal):
        if value.is_finite() and value >= 0 and value == value.to_integral_value():
            return int(value)
        return None
    if isinstance(value, str):
        match = _TERMS.match(value)
        return int(match.group(1)) if match else None
    return None


def string_value(value: object) -> str | None:
    """A metadata value as the engine reads a string: stripped, None if blank or no string."""
    if isinstance(value, str):
        text = value.strip()
        return text or None
    return None


def read_string(
    entry: data.Directive,
    meta: data.Meta | None,
    key: str,
    errors: list[ClientHealthError],
    client: str | None = None,
) -> str | None:
    """The string value of `key`, or None with a data error (on `client`) for another type."""
    if not meta or key not in meta:
        return None
    value = meta[key]
    text = string_value(value)
    if text is not None:
        return text
    errors.append(not_a_string(entry, key, value, client))
    return None


def not_a_string(
    entry: data.Directive, key: str, value: object, client: str | None
) -> ClientHealthError:
    """The data error for a value of `key` that is no string, or a blank one."""
    return data_error(entry, f"{key}: must be a string, not {written(value)}", client)


def _whose(client: str | None) -> str:
    return "any client" if client is None else f"client {cut(client)}"


def names_no_invoice(ref: str, client: str | None) -> str:
    """The message for an `invoice:` naming no invoice of its client (None: of any client)."""
    return f"invoice: {written(ref)} names no invoice of {_whose(client)}"


def event_names_no_invoice(kind: str, client: str | None) -> str:
    """The message for a dispute or reminder naming no invoice of its client (None: of any)."""
    whose = _whose(client)
    return f'{kind} names no invoice of {whose}: link it (^invoice-id) or add invoice: "id"'


def read_refs(
    entry: data.Transaction, errors: list[ClientHealthError]
) -> tuple[str | None, str | None]:
    """The `client:` and `invoice:` strings of a transaction."""
    return (
        read_string(entry, entry.meta, "client", errors),
        read_string(entry, entry.meta, "invoice", errors),
    )


def _hours(value: object) -> Decimal | None:
    ok = isinstance(value, Decimal) and value.is_finite() and value >= 0
    return value if ok else None  # type: ignore[return-value]


def _due(value: object) -> datetime.date | None:
    return value if isinstance(value, datetime.date) else None


def _disputed(value: object) -> Amount | None:
    number = value.number if isinstance(value, Amount) else None
    ok = isinstance(number, Decimal) and number.is_finite() and number > 0
    return value if ok else None  # type: ignore[return-value]


#: key -> (reader returning None for a bad value, what a good value is)
_READERS: dict[str, tuple[Callable[[object], object], str]] = {
    "hours": (_hours, "a number >= 0"),
    "due": (_due, "a date"),
    "terms": (terms_days, 'a number of days as 30 or "net 30"'),
    "disputed": (_disputed, "a positive amount as 300.00 EUR"),
    "billed_hours": (_hours, "a number >= 0"),
}
_KEYS = frozenset((*_READERS, "project"))
_HOURS_AND_PROJECT = frozenset(("hours", "project"))
assert tuple(_READERS) == Fields._fields[1:-1], "read_fields fills Fields in this order"


def _project(meta: data.Meta) -> str | None:
    value = meta.get("project")
    return value if type(value) is str else None


def read_fields(
    entry: data.Transaction,
    errors: list[ClientHealthError],
    invoice: str | None,
    client: str,
) -> Fields:
    """Read hours, due, terms, disputed, billed_hours and project of a client's transaction."""
    meta = entry.meta
    # hot: tuple.__new__, as Fields' own __new__ is a Python call
    keys = _KEYS.intersection(meta)
    if not keys:  # most transactions have none of them
        return NO_FIELDS if invoice is None else tuple.__new__(Fields, (invoice, *NO_FIELDS[1:]))
    project = _project(meta) if "project" in keys else None
    if "hours" in keys and keys <= _HOURS_AND_PROJECT:  # a time entry, the next most common
        hours = meta["hours"]
        if type(hours) is Decimal and hours.is_finite() and hours >= 0:
            return tuple.__new__(Fields, (invoice, hours, None, None, None, None, project))
    values: list[Any] = []
    for key, (reader, expected) in _READERS.items():
        value = None
        if key in meta:
            raw = meta[key]
            value = reader(raw)
            if value is None:
                text = f"{key}: must be {expected}, not {written(raw)}"
                errors.append(data_error(entry, text, client))
        values.append(value)
    return Fields._make((invoice, *values, project))
