"""Deterministic consultancy ledgers: `generate(transactions, clients, seed, kind=...)`.

A client's transactions are time entries, invoices with and without links,
on-time, late, partial and unlinked payments, credit notes, write-offs,
disputes, reminders, costs; some clients invoice in USD, with a daily USD
price. The kind says what else there is:

- `half` (the default): half the transactions a client's, half a household's
  (rent, groceries, card bills);
- `clients`: every transaction a client's;
- `books`: a freelancer's whole books, about 7% a client's, the rest personal
  bank and card imports (`bench/personal.py`).
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from bench import personal

START = datetime.date(2022, 1, 1)
END = datetime.date(2025, 12, 31)
TITLE = "Bench Consultancy"
PLUGIN_CONFIG = "{'as_of': '2025-12-31', 'min_rate': '70 EUR'}"
PLUGIN_LINE = f'plugin "beancount_plugins.clienthealth" "{PLUGIN_CONFIG}"\n'
CENT = Decimal("0.01")
ZERO = Decimal(0)
DAY = datetime.timedelta(days=1)
SPAN = (END - START).days
ASSETS = ("Assets:Bank:Checking", "Assets:Bank:Savings", "Assets:Bank:USD", "Assets:Receivable")
EXPENSES = "Subcontractors Travel Discounts BadDebt BankFees Rent Utilities Phone Insurance"
EXPENSES += " Groceries Restaurants Transport Books Health Software"
ACCOUNTS = [*ASSETS, "Liabilities:CreditCard", "Income:Consulting", "Income:Interest"]
ACCOUNTS += ["Equity:Opening-Balances", *(f"Expenses:{name}" for name in EXPENSES.split())]
SYLLABLES = "ka lo mi ne ra so tu vi ber dan fel gor hal jun kor lin mar nor pel quin"
SUFFIXES = ("GmbH", "Ltd", "AG", "SARL", "BV", "Inc", "& Co", "Studio")
KINDS = ("half", "clients", "books")
#: the share of a `books` ledger's transactions that are a client's
BOOKS_SHARE = 0.07


class Client(NamedTuple):
    id: str
    name: str
    currency: str
    rate: int
    style: str  # how invoices are named: "link", "meta", "bare", or "account" (rule 4)
    by_meta: bool  # `client:` metadata instead of a tag
    tag_payments: bool  # else a payment has only its link or receivable account
    payer: str  # "prompt", "late", "slow" or "partial"
    disputes: float
    terms: int | None


@dataclass
class _Out:
    rng: random.Random
    txns: list[tuple[datetime.date, int, int, str]]
    checking: dict[datetime.date, Decimal]
    usd: dict[datetime.date, Decimal]

    def add(self, date: datetime.date, rank: int, text: str, checking: Decimal = ZERO) -> None:
        if date <= END:
            self.txns.append((date, rank, len(self.txns), text))
            self.checking[date] = self.checking.get(date, ZERO) + checking

    def day(self, low: int = 0) -> datetime.date:
        return START + datetime.timedelta(days=self.rng.randint(low, SPAN))

    def cents(self, low: int, high: int) -> Decimal:
        return Decimal(self.rng.randint(low, high)) * CENT


def make_clients(rng: random.Random, count: int) -> list[Client]:
    clients = []
    for i in range(count):
        word = "".join(rng.choice(SYLLABLES.split()) for _ in range(rng.randint(2, 3))).capitalize()
        style = rng.choices(("link", "meta", "bare", "account"), (6, 2, 1, 1))[0]
        payer = rng.choices(("prompt", "late", "slow", "partial"), (5, 3, 1, 1))[0]
        clients.append(
            Client(
                id=f"{word.lower()}-{i}",
                name=f"{word} {rng.choice(SUFFIXES)}",
                currency="USD" if rng.random() < 0.15 else "EUR",
                rate=rng.randint(50, 160),
                style=style,
                by_meta=style != "account" and rng.random() < 0.2,
                tag_payments=style not in ("link", "account") or rng.random() < 0.5,
                payer=payer,
                disputes=0.2 if style in ("link", "meta") and rng.random() < 0.25 else 0.0,
                terms=rng.choice((None, None, 14, 30, 45)),
            )
        )
    return clients


def _head(c: Client, date: datetime.date, what: str, inv: str, named: bool, tag: str = "") -> str:
    """A client transaction's first lines: tag or `client:`, link or `invoice:`.

    A payment of an "account" client has neither: its receivable account tells.
    """
    flags = f" #{tag}" if tag else ""
    if not c.by_meta and (c.tag_payments or not what.startswith("Payment")):
        flags += f" #client-{c.id}"
    if c.style == "link" and named:
        flags += f" ^{inv}"
    text = f'{date} * "{c.name}" "{what}"{flags}\n'
    if c.by_meta:
        text += f'  client: "{c.id}"\n'
    if c.style == "meta" and named:
        text += f'  invoice: "{inv}"\n'
    return text


def _receivable(c: Client) -> str:
    return f"Assets:Receivable:{c.id.capitalize()}" if c.style == "account" else "Assets:Receivable"


def _settle(
    c: Client,
    out: _Out,
    inv: str,
    date: datetime.date,
    amount: Decimal,
    other: str = "",
    cut: int = 0,
) -> None:
    """Settle `amount`: `cut` percent of it on `other` (a discount, fee, credit), the rest paid."""
    text = _head(c, date, f"Payment {inv}", inv, True)
    bank = "Assets:Bank:USD" if c.currency == "USD" else "Assets:Bank:Checking"
    off = (amount * cut / 100).quantize(CENT)
    if off < amount:
        text += f"  {bank}  {amount - off} {c.currency}\n"
    if off:
        text += f"  {other}  {off} {c.currency}\n"
    text += f"  {_receivable(c)}  {-amount} {c.currency}\n"
    out.add(date, 2, text, amount - off if bank.endswith("Checking") else ZERO)


def _invoice(c: Client, out: _Out, seq: int) -> None:
    """One invoice of client `c` with its time entries, costs, disputes and payments."""
    rng = out.rng
    date, inv = out.day(20), f"inv-{c.id}-{seq}"
    hours = Decimal(rng.randint(8, 120)) / 2
    amount = (hours * c.rate).quantize(CENT)
    for _ in range(rng.choice((0, 1, 1, 2))):
        billed = c.style == "link" and rng.random() < 0.3
        when = date - rng.randint(1, 20) * DAY
        hours_text = f"  hours: {Decimal(rng.randint(1, 16)) / 2}\n"
        out.add(when, 3, _head(c, when, "Work", inv, billed) + hours_text)
    text = _head(c, date, f"Invoice {seq}", inv, True) + f"  hours: {hours}\n"
    terms = c.terms or 30
    if rng.random() < 0.1:
        terms = rng.choice((7, 60))
        text += f"  terms: {terms}\n"
    text += f"  {_receivable(c)}  {amount} {c.currency}\n  Income:Consulting\n"
    out.add(date, 0, text)
    if rng.random() < 0.2:
        cost = out.cents(2000, min(int(amount * 40), 200000))
        what = rng.choice(("Subcontractors", "Travel"))
        text = _head(c, date - DAY, f"{what} for {c.name}", inv, False)
        text += f"  Expenses:{what}  {cost} EUR\n  Assets:Bank:Checking\n"
        out.add(date - DAY, 3, text, -cost)
    due = date + terms * DAY
    delay = {"prompt": (5, 28), "late": (35, 80), "slow": (60, 160), "partial": (20, 70)}
    paid_on = date + rng.randint(*delay[c.payer]) * DAY
    named = c.style in ("link", "meta")
    if named and paid_on > due + 7 * DAY:
        out.add(due + 7 * DAY, 1, _head(c, due + 7 * DAY, "Reminder", inv, True, "reminder"))
    if rng.random() < 0.004:
        return  # never paid: stays overdue
    if named and rng.random() < c.disputes:
        when = date + rng.randint(3, 20) * DAY
        part = (amount * rng.choice((20, 50, 100)) / 100).quantize(CENT)
        text = _head(c, when, "Dispute", inv, True, "dispute")
        out.add(when, 1, text + f"  disputed: {part} {c.currency}\n")
        if rng.random() < 0.6:  # conceded by a credit note
            _settle(c, out, inv, when + rng.randint(5, 30) * DAY, part, "Income:Consulting", 100)
            amount -= part
            paid_on += 20 * DAY
    if amount <= 0:
        return
    if c.payer == "slow" and rng.random() < 0.05:
        _settle(c, out, inv, paid_on, amount, "Expenses:BadDebt", 100)
    elif c.payer == "partial":
        half = (amount / 2).quantize(CENT)
        _settle(c, out, inv, paid_on, half)
        _settle(c, out, inv, paid_on + rng.randint(10, 50) * DAY, amount - half)
    elif rng.random() < 0.01:
        _settle(c, out, inv, paid_on, amount + 100)  # overpaid: a credit for the next invoice
    elif rng.random() < 0.1:
        fee = "Expenses:BankFees" if c.currency == "USD" else "Expenses:Discounts"
        _settle(c, out, inv, paid_on, amount, fee, 2)
    else:
        _settle(c, out, inv, paid_on, amount)


def generate(
    transactions: int, clients: int, seed: int = 1, plugin: bool = True, kind: str = "half"
) -> str:
    """A ledger of about `transactions` transactions; the `kind` says how many of `clients`."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    rng = random.Random(seed)
    usd, rate = {}, 9200
    for offset in range(SPAN + 1):
        rate = min(10500, max(8000, rate + rng.randint(-30, 30)))
        usd[START + offset * DAY] = Decimal(rate) / 10000
    out = _Out(rng, [], {}, usd)
    people = make_clients(rng, clients)
    weights = [1 / (i + 1) ** 0.7 for i in range(clients)]
    opening = Decimal(20000)
    if kind != "clients":
        text = f'{START} * "Opening balance"\n  Assets:Bank:Checking  {opening} EUR\n'
        out.add(START, 0, text + "  Equity:Opening-Balances\n", opening)
    counts = [0] * clients
    share = {"half": transactions // 2, "books": round(transactions * BOOKS_SHARE)}
    while len(out.txns) < share.get(kind, transactions):
        i = rng.choices(range(clients), weights)[0]
        counts[i] += 1
        _invoice(people[i], out, counts[i])
    mine: tuple[list[str], list[str]] = ([], [])
    if kind == "half":
        personal.household(out, transactions - len(out.txns), START, END)
    elif kind == "books":
        mine = personal.books(out, transactions - len(out.txns), START, END)
    head = f'option "title" "{TITLE}"\noption "operating_currency" "EUR"\n'
    head += PLUGIN_LINE if plugin else ""
    head += f'{START} custom "fava-extension" "fava_clienthealth"\n\n'
    accounts = ACCOUNTS + [_receivable(c) for c in people if c.style == "account"] + mine[0]
    lines = [head, *(f"{START} open {account}\n" for account in accounts), "\n"]
    for c in people:
        if c.terms or c.style == "bare":
            lines.append(f'{START} custom "client" "{c.id}"\n  name: "{c.name}"\n')
            lines.append(f"  terms: {c.terms}\n" if c.terms else "")
    lines.extend(f"{day} price USD {price} EUR\n" for day, price in usd.items())
    lines.extend(mine[1])
    balance = Decimal(0)
    for day in sorted(out.checking):
        if day.day == 1 and day > START:
            lines.append(f"{day} balance Assets:Bank:Checking  {balance} EUR\n")
        balance += out.checking[day]
    lines.extend(f"\n{text}" for *_, text in sorted(out.txns))
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Write one generated ledger to stdout or a file."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description="Write a deterministic consultancy ledger."
    )
    parser.add_argument("--transactions", type=int, default=2000, help="how many (2000)")
    parser.add_argument("--clients", type=int, default=20, help="how many (20)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument(
        "--kind",
        choices=KINDS,
        default="half",
        help="half: half client work, half a household (default); clients: client work"
        " only; books: a freelancer's books, about 7%% client work",
    )
    parser.add_argument("--no-plugin", action="store_true", help="leave out the plugin line")
    parser.add_argument("--output", "-o", help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    if args.transactions < 1 or args.clients < 1:
        parser.error("--transactions and --clients must be at least 1")
    text = generate(
        args.transactions, args.clients, args.seed, plugin=not args.no_plugin, kind=args.kind
    )
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
