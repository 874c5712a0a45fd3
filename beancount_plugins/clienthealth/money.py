"""Apply settlements to invoices (SPEC 4): the named ones, then the oldest; the rest is credit."""

from __future__ import annotations

import datetime
import operator
from collections import defaultdict, deque
from decimal import Decimal

from beancount.core import account_types, convert, data
from beancount.core.amount import Amount

from beancount_plugins.clienthealth.currency import EXACT
from beancount_plugins.clienthealth.model import ZERO, ClientHealthError
from beancount_plugins.clienthealth.receivables import Credit, InvoiceState, SettlementResult
from beancount_plugins.clienthealth.records import AccountKinds, ClientTxn, Leg
from beancount_plugins.clienthealth.salestax import TaxAccounts

_DATE = operator.attrgetter("date")


def weight(posting: data.Posting) -> Amount:
    """A posting's weight (Beancount's, typed)."""
    weight: Amount = convert.get_weight(posting)  # type: ignore[no-untyped-call]
    return weight


def _as_written(pool: dict[str, Decimal], entry: data.Transaction) -> dict[str, Decimal]:
    """The pool rounded half up to the most decimals the entry writes in each currency.

    A fee of 10.00 EUR @ 1.10 USD weighs 11.0000 USD: four decimals that no
    amount of the invoice has would otherwise reach its paid and open figures.
    """
    places: dict[str, int] = {}
    for posting in entry.postings:
        units = posting.units
        if units is not None and isinstance(units.number, Decimal):
            places[units.currency] = min(places.get(units.currency, 0), _exponent(units.number))
    rounded = dict(pool)
    for currency, number in pool.items():
        if currency in places and _exponent(number) < places[currency]:
            rounded[currency] = EXACT.quantize(number, Decimal(1).scaleb(places[currency]))
    return rounded


def _exponent(number: Decimal) -> int:
    """The power of ten of a number's last written digit (-2 for 11.00); 0 if not finite."""
    exponent = number.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


class _Remainder:
    """What is left of a settlement: paid money first, then credited."""

    __slots__ = ("credited", "paid", "total")

    def __init__(self, paid: Decimal, credited: Decimal) -> None:
        self.paid = paid
        self.credited = credited
        self.total = paid + credited

    def apply(self, invoice: InvoiceState, date: datetime.date) -> None:
        # hot: once per invoice a settlement reaches; min() by hand, as its call
        # costs more than the test, and compared with ZERO, not an int to convert
        total, open_amount = self.total, invoice.open
        amount = total if total < open_amount else open_amount
        if amount <= ZERO:
            return
        self.total = total - amount
        paid = self.paid if self.paid < amount else amount
        if paid > ZERO:
            self.paid -= paid
            invoice.settle(date, paid, True)
        if amount > paid:
            self.credited -= amount - paid
            invoice.settle(date, amount - paid, False)

    def keep(self, lots: list[Credit] | deque[Credit], date: datetime.date) -> None:
        """Keep what is left as credit lots: the paid money, then the credited."""
        if self.paid > 0:
            lots.append(Credit(date, self.paid, paid=True))
        if self.credited > 0:
            lots.append(Credit(date, self.credited, paid=False))


def _use(credit: Credit, invoice: InvoiceState) -> Credit | None:
    """Apply a credit lot to an invoice on its date, up to its open amount; what is left."""
    used = min(credit.amount, max(invoice.open, ZERO))
    if used > 0:
        invoice.settle(invoice.date, used, credit.paid)
    return credit._replace(amount=credit.amount - used) if credit.amount > used else None


class Payments:
    """Applies each settlement and each client's credit to its invoices, in ledger order."""

    def __init__(
        self,
        result: SettlementResult,
        opened: dict[str, tuple[InvoiceState, ...]],
        invoice_clients: dict[str, str],
        accounts: tuple[account_types.AccountTypes, AccountKinds, TaxAccounts],
        errors: list[ClientHealthError],
    ) -> None:
        self.result = result
        self.errors = errors
        #: Invoice id -> the invoices of that id read so far, one per currency.
        self._opened = opened
        # Every invoice of the ledger, dated later or not: a payment may name one ahead.
        self._invoice_clients = invoice_clients
        self._fifo: dict[tuple[str, str], deque[InvoiceState]] = defaultdict(deque)
        self._types, self._kinds, self._tax = accounts

    def held_for(self, client: str, invoice_id: str) -> dict[str, list[Credit]] | None:
        """Take out what was paid ahead for an invoice id by its `invoice:`, by currency."""
        ahead = self.result.ahead.get(client)
        return ahead.pop(invoice_id, None) if ahead else None

    def open(self, invoice: InvoiceState, held: dict[str, list[Credit]] | None) -> None:
        """Queue a new invoice; apply what was paid ahead for it, then the client's credit."""
        client, currency = invoice.client, invoice.currency
        self._fifo[(client, currency)].append(invoice)
        if held:
            for credit in held.pop(currency, []):
                rest = _use(credit, invoice)
                if rest is not None:
                    self.result.credits[client][currency].append(rest)
        by_currency = self.result.credits.get(client)
        if not by_currency or not by_currency[currency]:
            return
        credits = by_currency[currency]
        while credits and invoice.open > 0:
            rest = _use(credits.popleft(), invoice)
            if rest is not None:
                credits.appendleft(rest)

    def refund(self, client: str, currency: str, amount: Decimal) -> bool:
        """Pay back `amount` of the client's credit, the latest first, if it holds that much.

        A refund is no invoice (docs/SPEC.md section 22): it pays back money the
        client paid ahead, never counted as paid, or a credit note's surplus.
        """
        # Money held for an invoice dated later (its `invoice:`) is credit too,
        # taken after the client's own credit.
        held = [by_id.get(currency) for by_id in self.result.ahead.get(client, {}).values()]
        credits = self.result.credits.get(client, {}).get(currency)
        pools = [lots for lots in (*held, credits) if lots]
        if sum((lot.amount for lots in pools for lot in lots), ZERO) < amount:
            return False
        left = amount
        while left > 0:
            lots = pools[-1]
            lot = lots.pop()
            if lot.amount > left:
                lots.append(lot._replace(amount=lot.amount - left))
            left -= lot.amount
            if not lots:
                pools.pop()
        return True

    def keep_held(self, client: str, held: dict[str, list[Credit]] | None) -> None:
        """Held in a currency the invoice has no amount in: the client's credit."""
        for currency, lots in (held or {}).items():
            self.result.credits[client][currency].extend(lots)

    def _named(self, names: tuple[str, ...], currency: str) -> list[InvoiceState]:
        if len(names) == 1:
            same_id = self._opened.get(names[0], ())
            if len(same_id) == 1:
                return [same_id[0]] if same_id[0].currency == currency else []
        found = [
            invoice
            for name in names
            for invoice in self._opened.get(name, ())
            if invoice.currency == currency
        ]
        return sorted(found, key=_DATE) if len(found) > 1 else found

    def credit_pool(self, entry: data.Transaction) -> dict[str, Decimal]:
        """C of the SPEC: positive Income, Expenses and sales-tax weights, by currency.

        A credit note that reverses the tax is credited whole (section 10).
        """
        pool: dict[str, Decimal] = {}
        kinds, types, tax = self._kinds, self._types, self._tax
        converted = False
        for posting in entry.postings:
            account = posting.account
            if kinds[account] in (types.income, types.expenses) or tax[account]:
                amount = weight(posting)
                if amount.number is not None and amount.number > 0:
                    pool[amount.currency] = pool.get(amount.currency, ZERO) + amount.number
                    converted = converted or posting.price is not None or posting.cost is not None
        return _as_written(pool, entry) if converted else pool

    def settle(
        self, txn: ClientTxn, named: tuple[str, ...], leg: Leg, pool: dict[str, Decimal]
    ) -> None:
        """Apply one negative receivable posting: its credited part first from the pool."""
        # hot: once per settlement; records unpacked, as a NamedTuple's attributes are slow to read
        entry, client, fields, _, _ = txn
        _, number, currency, ref = leg
        date = entry.date
        total = -number
        credited = min(total, pool.get(currency, ZERO))
        pool[currency] = pool.get(currency, ZERO) - credited
        remainder = _Remainder(total - credited, credited)

        targets: list[InvoiceState] = []
        first = None  # rule 1: the invoice the posting's, else the transaction's, invoice: names
        if ref is not None:  # one that names no invoice of the client is a data error
            first = ref if self._invoice_clients.get(ref) == client else None
        elif fields.invoice is not None and fields.invoice in named:
            first = fields.invoice
        if first is not None and first not in self._opened:
            # An advance for an invoice dated later waits for it, as a credit
            # that is its own, instead of paying the oldest open invoice.
            remainder.keep(self.result.ahead[client][first][currency], date)
            return
        if first is not None:
            targets.extend(self._named((first,), currency))
        targets.extend(self._named(named, currency))
        for invoice in targets:
            remainder.apply(invoice, date)

        fifo = self._fifo[(client, currency)]
        while remainder.total > ZERO and fifo:
            if fifo[0].open <= ZERO:
                fifo.popleft()
                continue
            remainder.apply(fifo[0], date)
        if remainder.total > ZERO:
            remainder.keep(self.result.credits[client][currency], date)
