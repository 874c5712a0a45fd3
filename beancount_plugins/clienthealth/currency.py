"""Conversion to the reporting currency with the ledger's prices."""

from __future__ import annotations

import datetime
import decimal
from collections import Counter
from collections.abc import Callable, Iterable
from decimal import Decimal

from beancount.core import data, prices
from beancount.core.display_context import Precision

from beancount_plugins.clienthealth.model import ClientHealthError, data_error

ONE = Decimal(1)
#: Adds, subtracts, multiplies, quantizes and divides to a whole number (//) any
#: number exactly, where a default context rounds to 28 digits (1E+30 cannot be
#: quantized in it). Never divide with / in it: 1/3 would not end.
EXACT = decimal.Context(prec=decimal.MAX_PREC, rounding=decimal.ROUND_HALF_UP)


def round_half_up(number: Decimal, places: int) -> Decimal:
    """`number` rounded half up to `places` fractional digits, however large it is."""
    return EXACT.quantize(number, Decimal(1).scaleb(-places))


def whole_percent(share: Decimal) -> str:
    """A share as a whole percentage rounded half up, as every figure is: `27%`."""
    return f"{round_half_up(share * 100, 0)}%"


def percents_above(share: Decimal, limit: Decimal) -> tuple[str, str]:
    """A share above its limit, and the limit, as percentages that never read as equal.

    The limit is printed as configured (`15%`, `15.5%`); the share whole, as
    every share is, unless rounding would print it at or below the limit
    (15.4% above 15% is not `15%, above 15%`): then with the fewest more
    decimals that print it above, half up.
    """
    share_percent, limit_percent = share * 100, EXACT.normalize(limit * 100)
    places = 0
    shown = round_half_up(share_percent, places)
    while shown <= limit_percent and places < _MOST_PLACES:
        places += 1
        shown = round_half_up(share_percent, places)
    return f"{shown}%", f"{limit_percent:f}%"


#: Shares are quotients of 28 significant digits: past this many decimals
#: a share above its limit has printed above it.
_MOST_PLACES = 30


def reporting_currency(
    configured: str | None, options_map: data.Meta, invoice_currencies: Iterable[str]
) -> str:
    """The configured currency, else the first operating currency, else the most used."""
    if configured:
        return configured
    operating = options_map.get("operating_currency") or []
    if operating:
        return str(operating[0])
    counts = Counter(invoice_currencies)
    if counts:
        return min(counts, key=lambda currency: (-counts[currency], currency))
    return "EUR"


def money_places(options_map: data.Meta, currency: str) -> int:
    """Fractional digits the ledger most often writes for `currency` (2 if unknown)."""
    dcontext = options_map.get("dcontext")
    contexts = getattr(dcontext, "ccontexts", None)
    if contexts is not None and currency in contexts:
        places = contexts[currency].get_fractional(Precision.MOST_COMMON)
        if isinstance(places, int) and 0 <= places <= 12:
            return places
    return 2


class Places:
    """Fractional digits per currency: as the ledger's invoices write it, else `money_places`.

    The invoices come first because Beancount's display context also counts
    price directives: a ledger of daily rates such as `price USD 0.9213 EUR`
    would print every EUR figure with four digits. One instance gives the
    reporting currency's digits to the Converter and every currency's to the
    messages, so the two agree.
    """

    def __init__(
        self, options_map: data.Meta, invoiced: Iterable[tuple[str, Decimal]] = ()
    ) -> None:
        self._options_map = options_map
        # Plain dicts: a Counter per currency costs more than the counting.
        counts: dict[str, dict[int, int]] = {}
        #: An amount whose digits were read, and those digits.
        seen: Decimal | None = None
        seen_places = 0
        for currency, number in invoiced:  # hot: once per invoice
            # as_tuple() builds a tuple of every digit: an amount with the
            # exponent of the one before (most are) is counted without it.
            if seen is not None and number.same_quantum(seen):
                places = seen_places
            else:
                exponent = number.as_tuple().exponent
                if not (isinstance(exponent, int) and exponent >= -12):
                    continue
                places = -exponent if exponent < 0 else 0
                seen, seen_places = number, places
            digits = counts.get(currency)
            if digits is None:
                digits = counts[currency] = {}
            digits[places] = digits.get(places, 0) + 1
        # The most common digits; on a tie the most digits, so that none is lost.
        self._places: dict[str, int] = {
            currency: max(digits, key=lambda places: (digits[places], places))
            for currency, digits in counts.items()
        }

    def __call__(self, currency: str) -> int:
        places = self._places.get(currency)
        if places is None:
            places = self._places[currency] = money_places(self._options_map, currency)
        return places


class Converter:
    """Rates into one currency on a date; one data error per currency without a price."""

    def __init__(
        self,
        price_map: prices.PriceMap | Callable[[], prices.PriceMap],
        currency: str,
        places: int,
    ) -> None:
        """`price_map`, or what builds it on the first rate of another currency.

        Building it walks every entry: a ledger whose invoices are all in the
        reporting currency never needs it.
        """
        self.currency = currency
        self.quantum = Decimal(1).scaleb(-places)
        self.errors: list[ClientHealthError] = []
        self._price_map = price_map
        self._context = decimal.getcontext().copy()
        self._rates: dict[tuple[str, datetime.date], Decimal | None] = {}
        self._missing: set[str] = set()

    def lookup(self, currency: str, date: datetime.date) -> Decimal | None:
        """The rate of `currency` on `date`, or None, without reporting a missing price."""
        if currency == self.currency:
            return ONE
        key = (currency, date)
        if key in self._rates:
            return self._rates[key]
        if callable(self._price_map):
            # In the context it would have been built in: a caller's exact one
            # (see EXACT) would expand the inverse of a price without end.
            with decimal.localcontext(self._context):
                self._price_map = self._price_map()
        found = prices.get_price(self._price_map, (currency, self.currency), date)  # type: ignore[no-untyped-call]
        rate: Decimal | None = found[1]
        self._rates[key] = rate
        return rate

    def rate(
        self, currency: str, date: datetime.date, entry: data.Directive, client: str | None
    ) -> Decimal | None:
        """Units of the reporting currency per unit of `currency` on `date`.

        The one error of a currency with no price names the entry, and the client, that met it.
        """
        rate = self.lookup(currency, date)
        if rate is None and currency not in self._missing:
            self._missing.add(currency)
            self.errors.append(
                data_error(
                    entry,
                    f"no price of {currency} in {self.currency} on {date}: "
                    f"{currency} amounts without a price are left out of the client figures",
                    client,
                )
            )
        return rate

    def money(self, number: Decimal) -> Decimal:
        """Round to the reporting currency's usual digits, half up."""
        return EXACT.quantize(number, self.quantum)
