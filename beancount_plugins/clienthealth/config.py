"""The plugin's configuration: a Python literal dict, checked key by key."""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import itertools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from beancount.core.amount import Amount

from beancount_plugins.clienthealth.config_literal import ConfigError, literal
from beancount_plugins.clienthealth.model import SIGNAL_KINDS
from beancount_plugins.clienthealth.patterns import backtracking_problem
from beancount_plugins.clienthealth.text import shown

_CURRENCY = re.compile(r"^[A-Z][A-Z0-9'._-]{0,22}[A-Z0-9]?$")


@dataclasses.dataclass(frozen=True)
class Config:
    """The plugin's settings; see the README for what each one means."""

    client_tag_prefix: str = "client-"
    receivable: str = r"^Assets:(AccountsReceivable|Receivables?)(:|$)"
    default_terms: int = 30
    dispute_tag: str = "dispute"
    reminder_tag: str = "reminder"
    currency: str | None = None
    as_of: datetime.date | None = None
    window_days: int = 365
    overdue_grace_days: int = 0
    min_payment_score: Decimal = Decimal(50)
    min_rate: Amount | None = None
    max_unbilled_share: Decimal = Decimal("0.25")
    max_revenue_share: Decimal = Decimal("0.5")
    bottom_share: Decimal = Decimal("0.15")
    rework_tag: str = "rework"
    meeting_tag: str = "meeting"
    max_rework_share: Decimal = Decimal("0.15")
    max_presale_hours: Decimal = Decimal(8)
    max_overrun_share: Decimal = Decimal("0.1")
    max_low_yield_time_share: Decimal = Decimal("0.2")
    warnings: frozenset[str] = frozenset(SIGNAL_KINDS)
    #: Days past due after which each dunning level is reached (SPEC section 15).
    dunning: tuple[int, ...] = (7, 21, 45)
    tax_accounts: str = (
        r"^Liabilities:(.*:)?(VAT|GST|HST|PST|QST|SalesTax|Tax|Taxes|USt|MwSt|Umsatzsteuer"
        r"|ДДС|НДС|IVA|TVA|BTW|Moms)(:|$)"
    )
    hours_commodity: str | None = None


def _text(key: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{key!r} must be a non-empty string, not {shown(value)}")
    return value


#: What Beancount's lexer, and Fava's filter lexer, take after `#` or `^` (use fullmatch).
TAG_WORD = re.compile(r"[A-Za-z0-9\-_/.]+")


def _tag(key: str, value: object) -> str:
    """A tag, or a tag's start, as the ledger writes it after `#`."""
    text = _text(key, value)
    if text.startswith("#"):
        raise ConfigError(f"{key!r} is written without '#': {shown(text[1:])}, not {shown(text)}")
    if not TAG_WORD.fullmatch(text):
        raise ConfigError(
            f"{key!r} must be letters, digits and - _ / . as a tag is, not {shown(text)}"
        )
    return text


def _regex(key: str, value: object) -> str:
    pattern = _text(key, value)
    try:
        problem = backtracking_problem(pattern)
    # Not only re.error: a huge repeat count overflows, deep nesting recurses.
    except (re.error, OverflowError, RecursionError, ValueError) as exc:
        raise ConfigError(f"{key!r} is not a valid regular expression: {exc}") from exc
    if problem is not None:
        raise ConfigError(f"{key!r} is refused: {problem}, not {shown(pattern)}")
    return pattern


#: Days from 0001-01-01 to 9999-12-31: any longer span means "never" (or "all") too,
#: so more days are held at this, and no date arithmetic meets a huge number.
MAX_DAYS = 3_652_058


#: The largest number (a rate per hour) and the most fractional digits a config
#: number may have. Exact rounding of `1E+999999999` would take time and memory
#: without end; up to 1E+400 it is instant, and no rate or share needs more.
MAX_NUMBER = Decimal("1E+400")
MAX_PLACES = 12


def _days(key: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{key!r} must be a whole number of days >= 0, not {shown(value)}")
    return min(value, MAX_DAYS)


#: Room for every digit of a number up to MAX_NUMBER with MAX_PLACES decimals.
_ROUNDING = decimal.Context(prec=500, rounding=decimal.ROUND_HALF_UP)


def _bounded(number: Decimal) -> Decimal | None:
    """A finite config number up to MAX_NUMBER, rounded to MAX_PLACES; None if out of range.

    Rounded, not refused: a float share such as 2.2e-309 is a fine value, and
    no figure compared against it has more digits.
    """
    if not number.is_finite() or number.copy_abs() > MAX_NUMBER:
        return None
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_PLACES:
        return _ROUNDING.quantize(number, Decimal(1).scaleb(-MAX_PLACES))
    return number


def _number(key: str, value: object, low: Decimal, high: Decimal) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ConfigError(f"{key!r} must be a number, not {shown(value)}")
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):  # ValueError: an int past 4300 digits
        raise ConfigError(f"{key!r} must be a number, not {shown(value)}") from None
    bounded = _bounded(number)
    if bounded is None or not low <= number <= high:
        raise ConfigError(f"{key!r} must be a number from {low} to {high}, not {shown(value)}")
    return bounded


def _share(key: str, value: object) -> Decimal:
    return _number(key, value, Decimal(0), Decimal(1))


def _hours_limit(key: str, value: object) -> Decimal:
    # A year has 8784 hours: a limit above that of a million is a typo.
    return _number(key, value, Decimal(0), Decimal(1_000_000))


def _overrun(key: str, value: object) -> Decimal:
    # An overrun is a share of the budget, and may exceed it (1: twice the budget).
    return _number(key, value, Decimal(0), Decimal(100))


def _score(key: str, value: object) -> Decimal:
    return _number(key, value, Decimal(0), Decimal(100))


def _currency(key: str, value: object) -> str:
    if not isinstance(value, str) or not _CURRENCY.match(value):
        raise ConfigError(f"{key!r} must be a currency such as 'EUR', not {shown(value)}")
    return value


def _commodity(key: str, value: object) -> str:
    if not isinstance(value, str) or not _CURRENCY.match(value):
        raise ConfigError(
            f"{key!r} must be a commodity name as Beancount writes one, such as 'H', not {value!r}"
        )
    return value


def _date(key: str, value: object) -> datetime.date:
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise ConfigError(f"{key!r} must be a date as 'YYYY-MM-DD', not {shown(value)}")


def _amount(key: str, value: object) -> Amount:
    parts = value.split() if isinstance(value, str) else []
    if len(parts) == 2 and _CURRENCY.match(parts[1]):
        try:
            number = Decimal(parts[0])
        except InvalidOperation:
            pass
        else:
            bounded = _bounded(number)
            if bounded is not None and number >= 0:
                return Amount(bounded, parts[1])
    raise ConfigError(
        f"{key!r} must be an amount such as '80 EUR', from 0 to {MAX_NUMBER}, not {shown(value)}"
    )


def _kinds(key: str, value: object) -> frozenset[str]:
    if not isinstance(value, (list, tuple, set, frozenset)) or not all(
        isinstance(kind, str) for kind in value
    ):
        raise ConfigError(f"{key!r} must be a list of warning kinds, not {shown(value)}")
    unknown = sorted(set(value) - set(SIGNAL_KINDS))
    if unknown:
        raise ConfigError(
            f"{key!r} has unknown warning kinds {unknown}; known: {', '.join(SIGNAL_KINDS)}"
        )
    return frozenset(value)


#: Dunning levels the SPEC names: a first reminder, a second, a final notice.
MAX_DUNNING_LEVELS = 3


def _dunning(key: str, value: object) -> tuple[int, ...]:
    """1 to 3 whole numbers of days past due, each larger than the one before."""
    days = tuple(value) if isinstance(value, (list, tuple)) else ()
    if (
        not 1 <= len(days) <= MAX_DUNNING_LEVELS
        or not all(isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in days)
        or any(later <= earlier for earlier, later in itertools.pairwise(days))
    ):
        raise ConfigError(
            f"{key!r} must be a list of 1 to {MAX_DUNNING_LEVELS} increasing whole numbers "
            f"of days past due > 0, such as [7, 21, 45], not {value!r}"
        )
    return days


_PARSERS: dict[str, Callable[[str, object], Any]] = {
    "client_tag_prefix": _tag,
    "receivable": _regex,
    "default_terms": _days,
    "dispute_tag": _tag,
    "reminder_tag": _tag,
    "currency": _currency,
    "as_of": _date,
    "window_days": _days,
    "overdue_grace_days": _days,
    "min_payment_score": _score,
    "min_rate": _amount,
    "max_unbilled_share": _share,
    "max_revenue_share": _share,
    "bottom_share": _share,
    "rework_tag": _tag,
    "meeting_tag": _tag,
    "max_rework_share": _share,
    "max_presale_hours": _hours_limit,
    "max_overrun_share": _overrun,
    "max_low_yield_time_share": _share,
    "warnings": _kinds,
    "dunning": _dunning,
    "tax_accounts": _regex,
    "hours_commodity": _commodity,
}

CONFIG_KEYS = tuple(_PARSERS)


def from_mapping(values: Mapping[Any, object], base: Config | None = None) -> Config:
    """Override `base` (the defaults) with `values`, checking every key."""
    problems = []
    changes: dict[str, Any] = {}
    for key, value in values.items():
        parse = _PARSERS.get(key) if isinstance(key, str) else None
        if parse is None:
            problems.append(f"unknown key {shown(key)}; known keys: {', '.join(CONFIG_KEYS)}")
            continue
        try:
            changes[str(key)] = parse(str(key), value)
        except ConfigError as exc:
            problems.append(str(exc))
    if problems:
        raise ConfigError("; ".join(problems))
    return dataclasses.replace(base or Config(), **changes)


def parse(text: str | None, base: Config | None = None) -> tuple[Config, str | None]:
    """Parse a config string: the config, or `base` and what is wrong with every key."""
    try:
        return from_mapping(literal(text), base), None
    except ConfigError as exc:
        return base or Config(), str(exc)


PLUGIN_NAME = "beancount_plugins.clienthealth"


def plugin_config_text(options_map: Mapping[str, Any]) -> str | None:
    """The config string of the ledger's clienthealth plugin line, if it has one."""
    for name, text in options_map.get("plugin") or ():
        if name == PLUGIN_NAME:
            return str(text) if text is not None else None
    return None


def has_plugin(options_map: Mapping[str, Any]) -> bool:
    """Whether the ledger loads the clienthealth plugin."""
    return any(name == PLUGIN_NAME for name, _ in options_map.get("plugin") or ())
