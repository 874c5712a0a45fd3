"""Bank and card imports as an importer writes them: ids, refs, card months and their bills.

Foreign purchases are paid in EUR at the day's USD price or the week's GBP
price; `weekly_prices` makes such a price, a walk from one Monday to the next.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from bench.personal_vocabulary import CARDS, CENT, CHECKING, DAY

if TYPE_CHECKING:
    from bench.generate import _Out

REF = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
Legs = list[tuple[str, Decimal]]
Prices = dict[datetime.date, Decimal]


def weekly_prices(
    rng: random.Random, start: datetime.date, end: datetime.date, value: int, step: int
) -> Prices:
    """A weekly price (in 1/10000 EUR), on Mondays."""
    prices, day = {}, start + (7 - start.weekday()) % 7 * DAY
    while day <= end:
        value = max(value // 2, value + rng.randint(-step, step))
        prices[day] = Decimal(value) / 10000
        day += 7 * DAY
    return prices


def weekly(prices: Prices, date: datetime.date) -> Decimal:
    """The price of the week of `date` (the first one before the first Monday)."""
    return prices.get(date - date.weekday() * DAY) or next(iter(prices.values()))


class Importer:
    """The imports of one ledger: counters per account, each card's months, bills to come."""

    def __init__(self, out: _Out, start: datetime.date, end: datetime.date, gbp: Prices) -> None:
        self.out, self.rng, self.start, self.end, self.gbp = out, out.rng, start, end, gbp
        self.seq: dict[str, int] = defaultdict(int)
        self.cards: dict[tuple[str, datetime.date], Decimal] = defaultdict(Decimal)
        self.bills = 0  # card bills to come, dated up to `end`

    def add(
        self,
        date: datetime.date,
        payee: str,
        what: str,
        legs: Legs,
        source: str,
        flags: str = "",
        currency: str = "EUR",
    ) -> None:
        """One imported transaction: `legs` in `currency`, paid in EUR from `source`."""
        if not self.start <= date <= self.end:
            return
        self.seq[source] += 1
        total = sum((amount for _, amount in legs), Decimal(0))
        rate = None
        if currency != "EUR":
            rate = self.out.usd[date] if currency == "USD" else weekly(self.gbp, date)
        paid = total if rate is None else (total * rate).quantize(CENT)
        assert rate is None or len(legs) == 1, "a foreign purchase has one leg, priced @@"
        text = f'{date} * "{payee}" "{what}"{flags}\n'
        stamp = f"{date:%Y%m%d}-{self.seq[source]:05d}"
        if source == CHECKING:
            ref = "".join(self.rng.choice(REF) for _ in range(10))
            text += f'  import-id: "chk-{stamp}"\n  bank-ref: "{ref}"\n'
        elif source in CARDS:
            text += f'  import-id: "{source[-4:].lower()}-{stamp}"\n'
            text += f'  card-desc: "{payee.upper()[:22]}"\n'
            month = date.replace(day=1)
            if (source, month) not in self.cards and (month + 32 * DAY).replace(day=5) <= self.end:
                self.bills += 1
            self.cards[source, month] += paid
        price = "" if rate is None else f" @@ {abs(paid)} EUR"
        for account, amount in legs:
            text += f"  {account}  {amount} {currency}{price}\n"
        text += f"  {source}  {-paid} EUR\n"
        self.out.add(date, 5, text, -paid if source == CHECKING else Decimal(0))

    def plain(self, date: datetime.date, text: str, checking: Decimal = Decimal(0)) -> None:
        """A transaction typed by hand (no import metadata)."""
        if self.start <= date <= self.end:
            self.out.add(date, 5, f"{date} * {text}", checking)

    def pay_cards(self) -> None:
        """Each card's month, paid from the bank on the 5th of the next month."""
        for (card, month), total in sorted(self.cards.items()):
            day = (month + 32 * DAY).replace(day=5)
            text = f'"Bank" "Card bill"\n  {card}  {total} EUR\n  {CHECKING}  {-total} EUR\n'
            self.plain(day, text, -total)
