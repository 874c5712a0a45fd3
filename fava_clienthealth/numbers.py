"""Days, hours and percentages in Fava's `locale` format, as Fava writes money beside them."""

from __future__ import annotations

import decimal
from collections.abc import Callable
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal, format_percent

from beancount_plugins.clienthealth.currency import EXACT, round_half_up
from fava_clienthealth import badges, cells, svg, view


def fava_locale(option: str | None) -> Locale | None:
    """Fava's `locale` option as a Locale (None: unset, and Fava writes `1234.50`)."""
    if not option:
        return None
    try:
        return Locale.parse(option)
    except (UnknownLocaleError, ValueError):
        return None


def exact_format(
    format_decimal: Callable[[Decimal, str | None], str],
    value: Decimal | None,
    currency: str | None = None,
) -> str:
    """Fava's `format_decimal` of `value`, in an exact context: any amount the ledger holds.

    Babel quantizes in the default context, which 29 digits overflow: an
    amount of 1E+28 with Fava's `locale` set raised InvalidOperation (a 500).
    """
    with decimal.localcontext(EXACT):
        return format_decimal(value or Decimal(0), currency)


def axis_digits(locale: Locale | None) -> svg.Digits:
    """How the charts write their axes' numbers: `2.500` and `2,5` in German."""
    if locale is None:
        return svg.number

    def digits(value: float) -> str:
        # In an exact context: babel quantizes in the default one, which a tick
        # of 29 digits (an axis up to 1E+28) overflows.
        with decimal.localcontext(EXACT):
            return format_decimal(
                Decimal(svg.number(value)), locale=locale, decimal_quantization=False
            )

    return digits


def days(value: Decimal | int | None, locale: Locale | None) -> str:
    """Days to one decimal place at most (`91,1` in German), or a dash."""
    if value is None or locale is None:
        return view.days(value)
    rounded = round_half_up(Decimal(value), 1)
    # Zero, not "-0", for a small negative number.
    shown = rounded if rounded else Decimal(0)
    return format_decimal(shown, locale=locale, decimal_quantization=False)


def hours(value: Decimal, locale: Locale | None) -> str:
    """Hours as written in the ledger, without trailing zeros, in the locale's digits."""
    if locale is None:
        return view.hours(value)
    return format_decimal(value, locale=locale, decimal_quantization=False)


def percent(share: Decimal | None, locale: Locale | None) -> str:
    """A share as a whole percentage rounded half up (`27 %` in German), or a dash."""
    if share is None or locale is None:
        return view.percent(share)
    whole = round_half_up(share * 100, 0)
    return format_percent(whole / 100, locale=locale)


def percent_number(value: Decimal | None, locale: Locale | None) -> str:
    """A figure that is a percentage already (CEI), one decimal at most (`97,5 %`), or a dash."""
    if value is None or locale is None:
        return view.percent_number(value)
    rounded = round_half_up(value, 1)
    return format_percent(rounded / 100, locale=locale, decimal_quantization=False)


class LocalView:
    """fava_clienthealth.view for the templates, with its number texts in the locale.

    Every other name is the view module's own, the badges module's (`v.badge`) or the
    cells module's (`v.number_cell`).
    """

    def __init__(self, locale: Locale | None) -> None:
        self.locale = locale

    def days(self, value: Decimal | int | None) -> str:
        """view.days in the locale."""
        return days(value, self.locale)

    def hours(self, value: Decimal) -> str:
        """view.hours in the locale."""
        return hours(value, self.locale)

    def percent(self, share: Decimal | None) -> str:
        """view.percent in the locale."""
        return percent(share, self.locale)

    def percent_number(self, value: Decimal | None) -> str:
        """view.percent_number in the locale."""
        return percent_number(value, self.locale)

    def __getattr__(self, name: str) -> object:
        for module in (view, badges, cells):
            if hasattr(module, name):
                found = getattr(module, name)
                # Kept on the instance: a page looks up the same few names thousands of times.
                setattr(self, name, found)
                return found
        raise AttributeError(name)
