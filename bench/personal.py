"""The personal part of a generated ledger: a household's, or a freelancer's own.

`household` is the household of `kind="half"`: monthly bills, card bills,
savings and everyday spending. `books` is the rest of a freelancer's books
(`kind="books"`): bank and card imports as an importer writes them, each
carrying `import-id:` and `bank-ref:` (bank) or `card-desc:` (card) strings;
some purchases link a receipt (`^receipt-...`, a few refunded under the same
link), business costs are tagged `#tax-YEAR`, trips `#trip-CITY-YEAR` (spent in
EUR, GBP or USD, with weekly GBP prices); about one purchase in eight is split
over 2-4 expense accounts. Monthly bills, a car loan, savings, an ETF bought
at cost with its weekly price, and card bills that pay each card's month
exactly; about 90 accounts of its own and a few hundred payees. None of it is
a client's: no client tag, no `client:` or `invoice:`, no receivable account.
Its accounts and words are in `personal_vocabulary.py`; `bank_imports.py`
writes the imports.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from bench.bank_imports import Importer, weekly, weekly_prices
from bench.personal_vocabulary import (
    AMEX,
    BROKER,
    CARDS,
    CASH,
    CENT,
    CHECKING,
    CITIES,
    DAY,
    EVERYDAY,
    MONTHLY,
    SPLITS,
    SYLLABLES,
    VISA,
    YEARLY,
    accounts,
)

if TYPE_CHECKING:
    from bench.generate import _Out

#: (account, payee, low, high) of everyday spending, in EUR cents
HOUSEHOLD = (
    ("Groceries", "Supermarket", 800, 15000),
    ("Groceries", "Bakery", 250, 2500),
    ("Restaurants", "Trattoria", 1500, 9000),
    ("Transport", "Railways", 300, 12000),
    ("Books", "Bookshop", 900, 6000),
    ("Health", "Pharmacy", 400, 5000),
)
BILLS: tuple[tuple[str, str, int], ...] = (("Rent", "Landlord", 140000),)
BILLS += (
    ("Utilities", "Power Co", 9000),
    ("Phone", "Telco", 3500),
    ("Insurance", "Insurer", 12000),
)


def household(out: _Out, budget: int, start: datetime.date, end: datetime.date) -> None:
    """The household of `kind="half"`: bills, card bills, savings, then spending up to `budget`."""
    rng, month, first = out.rng, start, len(out.txns)
    while month <= end and len(out.txns) - first + 8 <= budget:
        for account, payee, monthly in BILLS:
            text = f'{month} * "{payee}" "{account}"\n  Expenses:{account}  {monthly * CENT} EUR\n'
            out.add(month, 4, text + "  Assets:Bank:Checking\n", -monthly * CENT)
        bill = out.cents(30000, 150000)
        text = f'{month} * "Bank" "Card bill"\n  Liabilities:CreditCard  {bill} EUR\n'
        out.add(month, 4, text + "  Assets:Bank:Checking\n", -bill)
        text = f'{month} * "Bank" "Savings"\n  Assets:Bank:Savings  500.00 EUR\n'
        out.add(month, 4, text + "  Assets:Bank:Checking\n", Decimal(-500))
        text = f'{month} * "Bank" "Interest"\n  Assets:Bank:Savings  {out.cents(100, 4000)} EUR\n'
        out.add(month, 4, text + "  Income:Interest\n")
        text = f'{month} * "Cloud Inc" "Subscription"\n  Expenses:Software  20.00 USD @ '
        out.add(month, 4, text + f"{out.usd[month]} EUR\n  Liabilities:CreditCard\n")
        month = (month.replace(day=28) + 4 * DAY).replace(day=1)
    while len(out.txns) - first < budget:
        account, payee, low, high = rng.choice(HOUSEHOLD)
        date, cents = out.day(), out.cents(low, high)
        card = rng.random() < 0.6
        text = f'{date} * "{payee}" ""\n  Expenses:{account}  {cents} EUR\n'
        text += "  Liabilities:CreditCard\n" if card else "  Assets:Bank:Checking\n"
        out.add(date, 5, text, Decimal(0) if card else -cents)


class Books:
    """One personal ledger in the making: its payees, prices, and what it buys when."""

    def __init__(self, out: _Out, start: datetime.date, end: datetime.date) -> None:
        self.out, self.rng = out, out.rng
        self.receipts = 0
        self.ranges: dict[str, tuple[int, int]] = {}
        self.payees: dict[str, list[str]] = {}
        self.weights: dict[str, int] = {}
        for line in EVERYDAY.strip().splitlines():
            head, leaves = line.split("/")
            group, weight, low, high, *nouns = head.split()
            for leaf in leaves.split():
                account = f"Expenses:{group}:{leaf}"
                self.weights[account] = int(weight)
                self.ranges[account] = (int(low), int(high))
                self.payees[account] = [self.name(nouns) for _ in range(self.n(2, 7))]
        self.gbp = weekly_prices(self.rng, start, end, 11700, 40)
        self.etf = weekly_prices(self.rng, start, end, 900000, 9000)
        self.imports = Importer(out, start, end, self.gbp)

    def n(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def money(self, low: int, high: int) -> Decimal:
        return Decimal(self.n(low, high)) * CENT

    def name(self, nouns: list[str]) -> str:
        word = "".join(self.rng.choice(SYLLABLES.split()) for _ in range(self.n(2, 3)))
        return f"{word.capitalize()} {self.rng.choice(nouns)}"

    def month(self, month: datetime.date) -> None:
        """The month's bills, transfers, loan and ETF, and the quarter's and year's."""
        tax = f" #tax-{month.year}"
        for line in MONTHLY.strip().splitlines():
            account, cents, by, payee = line.split(maxsplit=3)
            flags = tax if account.startswith("Business") else ""
            source = {"bank": CHECKING, "visa": VISA, "amex": AMEX}[by]
            amount = self.money(int(cents) * 95 // 100, int(cents) * 105 // 100)
            legs = [(f"Expenses:{account}", amount)]
            self.imports.add(month + self.n(0, 9) * DAY, payee, "Direct debit", legs, source, flags)
        if month.month in (1, 2, 3, 10, 11, 12):
            heat = [("Expenses:Housing:Heating", self.money(8000, 20000))]
            self.imports.add(month, "City Heat", "Direct debit", heat, CHECKING)
        software = [("Expenses:Business:Software", Decimal("20.00"))]
        self.imports.add(month, "Cloud Inc", "Subscription", software, AMEX, tax, "USD")
        storage = [("Expenses:Subscriptions:Cloud", Decimal("2.99"))]
        self.imports.add(month, "Cloud Inc", "Storage", storage, VISA, "", "USD")
        for card in CARDS:
            self.imports.add(
                month, "Card fee", "", [("Expenses:Finance:CardFees", Decimal("2.50"))], card
            )
        loan = [
            ("Liabilities:Loan:Car", Decimal(250)),
            ("Expenses:Finance:Interest", self.money(20, 60)),
        ]
        self.imports.add(month + 14 * DAY, "Car Bank", "Loan", loan, CHECKING)
        self.imports.add(
            month + DAY, "Savings", "Transfer", [("Assets:Bank:Savings", Decimal(500))], CHECKING
        )
        text = f'"Bank" "Interest"\n  Assets:Bank:Savings  {self.money(100, 4000)} EUR\n'
        self.imports.plain(month + DAY, text + "  Income:Interest\n")
        self.imports.add(month + 2 * DAY, "Broker", "Transfer", [(BROKER, Decimal(300))], CHECKING)
        units, price = self.n(1, 3), weekly(self.etf, month + 3 * DAY)
        text = f'"Broker" "Buy VWCE"\n  Assets:Broker:ETF  {units} VWCE {{{price} EUR}}\n'
        self.imports.plain(month + 3 * DAY, text + f"  {BROKER}  {-units * price} EUR\n")
        if month.month % 3 == 0:
            prepaid = [("Expenses:Taxes:Income", self.money(150000, 400000))]
            self.imports.add(month + 9 * DAY, "Tax Office", "Prepayment", prepaid, CHECKING, tax)
            text = f'"Broker" "Dividend"\n  {BROKER}  {self.money(500, 9000)} EUR\n'
            self.imports.plain(month + 20 * DAY, text + "  Income:Dividends\n")
        if month.month == 4:
            words = YEARLY.split()
            for account, cents in zip(words[::2], words[1::2], strict=True):
                flags = tax if account.startswith("Business") else ""
                legs = [(f"Expenses:{account}", self.money(int(cents), int(cents) * 11 // 10))]
                self.imports.add(month + 15 * DAY, "Annual", account, legs, CHECKING, flags)

    def trip(self, year: int) -> None:
        """A trip: flight and hotel on a card, days of spending in the city's currency."""
        city, currency = self.rng.choice(CITIES)
        first = datetime.date(year, 1, 1) + self.n(30, 330) * DAY
        flags, card = f" #trip-{city}-{year}", self.rng.choice(CARDS)
        flight = [("Expenses:Travel:Flights", self.money(8000, 90000))]
        self.imports.add(
            first - self.n(20, 60) * DAY, "Air Lines", city.capitalize(), flight, card, flags
        )
        days = self.n(3, 9)
        for offset in range(days):
            for _ in range(self.n(1, 3)):
                leaf = self.rng.choice(("Food", "Food", "Transport", "Sights"))
                legs = [(f"Expenses:Travel:{leaf}", self.money(300, 8000))]
                payee = self.name(["Cafe", "Tours", "Transit"])
                self.imports.add(first + offset * DAY, payee, "", legs, card, flags, currency)
        hotel = [("Expenses:Travel:Hotels", self.money(6000, 25000) * days)]
        payee = self.name(["Hotel", "Inn"])
        self.imports.add(first + days * DAY, payee, city.capitalize(), hotel, card, flags, currency)

    def purchase(self) -> None:
        """One everyday purchase (maybe split, linked, refunded) or cash withdrawal."""
        rng, date = self.rng, self.out.day()
        if rng.random() < 0.03:
            self.imports.add(
                date, "ATM", "Withdrawal", [(CASH, Decimal(self.n(2, 30) * 10))], CHECKING
            )
            return
        accounts = list(self.weights)
        account = rng.choices(accounts, list(self.weights.values()))[0]
        source = rng.choices((VISA, AMEX, CHECKING, CASH), (45, 15, 30, 10))[0]
        legs = [(account, self.money(*self.ranges[account]))]
        if rng.random() < 0.12:
            others = [f"Expenses:{a}" for a in SPLITS.split() if f"Expenses:{a}" != account]
            legs += [(other, self.money(150, 4000)) for other in rng.sample(others, self.n(1, 3))]
        flags = f" #tax-{date.year}" if account.startswith("Expenses:Business") else ""
        payee, link = rng.choice(self.payees[account]), ""
        if rng.random() < 0.08:
            self.receipts += 1
            link = f" ^receipt-{date.year}-{self.receipts:05d}"
        self.imports.add(date, payee, "", legs, source, flags + link)
        if link and source != CASH and rng.random() < 0.15:  # returned: refunded, same link
            back = date + self.n(3, 30) * DAY
            self.imports.add(back, payee, "Refund", [(account, -legs[0][1])], source, link)


def books(
    out: _Out, budget: int, start: datetime.date, end: datetime.date
) -> tuple[list[str], list[str]]:
    """Add about `budget` personal transactions to `out`; its accounts and price lines.

    Monthly bills and trips come first while the budget allows, then everyday
    purchases up to it, less the card bills, which come last.
    """
    state, first = Books(out, start, end), len(out.txns)
    loan = '"Car Bank" "Loan"\n  Liabilities:Loan:Car  -12000.00 EUR\n'
    state.imports.plain(start, loan + "  Equity:Opening-Balances\n")

    def room() -> int:
        return budget - (len(out.txns) - first) - state.imports.bills

    month = start
    while month <= end and room() > 60:
        state.month(month)
        month = (month + 32 * DAY).replace(day=1)
    for year in range(start.year, end.year + 1):
        for _ in range(3):
            if room() > 60:
                state.trip(year)
    while room() > 0:
        state.purchase()
    state.imports.pay_cards()
    prices = [f"{day} price GBP {price} EUR\n" for day, price in state.gbp.items()]
    prices += [f"{day} price VWCE {price} EUR\n" for day, price in state.etf.items()]
    return accounts(list(state.weights)), prices
