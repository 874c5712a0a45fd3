"""Values and messages made safe to print: one line each, and never huge."""

from __future__ import annotations

import datetime
import decimal
import unicodedata
from decimal import Decimal

from beancount.core.amount import Amount

#: The most characters of a value that a message echoes.
SHOWN_CHARS = 60

#: The most digits of a number that a message prints as written; a longer one
#: (`1E+400` from the config, 0.000...1 from the ledger) is printed rounded,
#: with an exponent, so that it is never hundreds of digits long.
SHOWN_DIGITS = 32

#: Rounds a long number for a message: 12 significant digits, any exponent.
_ROUNDED = decimal.Context(
    prec=12, rounding=decimal.ROUND_HALF_UP, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN
)

#: Categories that end a line or steer a terminal: a newline, CR, U+2028, ESC ...
_UNSAFE = frozenset({"Cc", "Zl", "Zp"})


def _escaped(char: str) -> str:
    if unicodedata.category(char) not in _UNSAFE:
        return char
    # repr's own escape, without its quotes: \n, \r, \x1b, \u2028.
    return repr(char)[1:-1] if char != "\\" else char


def one_line(text: str) -> str:
    r"""`text` with every line break and control character escaped (`\n`).

    Every message passes through here on its way out, so that no id, name or
    config value can start a line of its own that looks like another error.
    """
    if text.isprintable():
        return text
    return "".join(_escaped(char) for char in text)


def cut(text: str, limit: int = SHOWN_CHARS) -> str:
    """An id, link, tag, account or name as a message echoes it: as it is, cut to `limit`.

    The one rule by which every message shortens what it echoes; the length is told.
    """
    if len(text) > limit:
        return f"{text[:limit]}... ({len(text)} characters)"
    return text


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """A config value for a message: `repr(value)`, as the Python literal writes it, cut."""
    try:
        text = repr(value)
    except ValueError:  # an int past Python's 4300 digits
        text = f"<a {type(value).__name__} too long to print>"
    return cut(text, limit)


def number(value: Decimal) -> str:
    """A number as a message prints it: as written (`-2`, `0.5`), short whatever its size.

    Past `SHOWN_DIGITS` digits it is rounded to 12 significant ones, with an
    exponent (`1E+400`), and "about" says when the rounding changed it.
    """
    if not value.is_finite():
        return str(value)
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # a finite number's exponent
    width = len(digits) + exponent if exponent >= 0 else max(len(digits), 1 - exponent)
    if width <= SHOWN_DIGITS:
        return f"{value:f}"
    rounded = _ROUNDED.plus(value)
    about = "" if rounded == value else "about "
    return f"{about}{rounded.normalize(_ROUNDED)}"


def written(value: object, limit: int = SHOWN_CHARS) -> str:
    """A metadata value as the ledger writes it, for a message: `"text"`, `-2`, `2025-01-02`.

    An amount is `300.00 EUR`, a boolean `TRUE`, no value at all `empty`; never
    a Python repr. A string is quoted and escaped as Beancount prints it, and cut.
    """
    if isinstance(value, str):
        quoted = value.replace("\\", "\\\\").replace('"', '\\"')
        return cut(f'"{quoted}"', limit)
    if value is None or isinstance(value, bool):
        return "empty" if value is None else str(value).upper()  # TRUE, FALSE
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, Amount) and isinstance(value.number, Decimal):
        return f"{number(value.number)} {cut(str(value.currency), limit)}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return cut(str(value), limit)
