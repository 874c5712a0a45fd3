"""Match invoices to payments, credits, disputes and reminders, in ledger order."""

from __future__ import annotations

import datetime
from collections import defaultdict, deque
from decimal import Decimal

from beancount.core import account_types, convert, data
from beancount.core.amount import Amount
from beancount.parser import options

from beancount_plugins.clienthealth.attribution import named_invoices
from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.fields import read_string
from beancount_plugins.clienthealth.model import (
    ZERO,
    ClientHealthError,
    Work,
    add_days,
    data_error,
)
from beancount_plugins.clienthealth.receivables import Cost, Credit, InvoiceState, SettlementResult
from beancount_plugins.clienthealth.records import AccountKinds, Attribution, ClientTxn, Leg
from beancount_plugins.clienthealth.salestax import TaxAccounts, charged, net_amount
from beancount_plugins.clienthealth.timekeeping import Timesheets, hours_of


def _weight(posting: data.Posting) -> Amount:
    weight: Amount = convert.get_weight(posting)  # type: ignore[no-untyped-call]
    return weight


class _Remainder:
    """What is left of a settlement: paid money first, then credited."""

    __slots__ = ("credited", "paid", "total")

    def __init__(self, paid: Decimal, credited: Decimal) -> None:
        self.paid = paid
        self.credited = credited
        self.total = paid + credited

    def apply(self, invoice: InvoiceState, date: datetime.date) -> None:
        amount = min(invoice.open, self.total)
        if amount <= 0:
            return
        self.total -= amount
        paid = min(amount, self.paid)
        if paid > 0:
            self.paid -= paid
            invoice.settle(date, paid, paid=True)
        if amount > paid:
            self.credited -= amount - paid
            invoice.settle(date, amount - paid, paid=False)

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


class Settler:
    """Reads client transactions in ledger order and keeps every invoice's state."""

    def __init__(self, config: Config, options_map: data.Meta, attribution: Attribution) -> None:
        self.config = config
        self.types: account_types.AccountTypes = options.get_account_types(options_map)  # type: ignore[no-untyped-call]
        self.clients = attribution.clients
        self.result = SettlementResult()
        self.errors: list[ClientHealthError] = []
        self._by_id: dict[tuple[str, str], list[InvoiceState]] = defaultdict(list)
        # Every invoice of the ledger, dated later or not: a payment may name one ahead.
        self._invoice_clients = attribution.invoices
        self._fifo: dict[tuple[str, str], deque[InvoiceState]] = defaultdict(deque)
        self._kinds = AccountKinds()
        self._tax = TaxAccounts(config.tax_accounts)
        self._timesheets = Timesheets()
        self._rework_tag, self._meeting_tag = config.rework_tag, config.meeting_tag
        #: Hours that link only to invoices not read yet: (list, index, client, names).
        self._billed_later: list[tuple[list[Work], int, str, tuple[str, ...]]] = []

    def _due(self, txn: ClientTxn) -> datetime.date:
        if txn.fields.due is not None:
            return txn.fields.due
        terms = txn.fields.terms
        if terms is None:
            info = self.clients.get(txn.client)
            terms = info.terms_on(txn.entry.date) if info is not None else None
        if terms is None:
            terms = self.config.default_terms
        return add_days(txn.entry.date, terms)

    def _invoice(self, txn: ClientTxn, invoice_id: str) -> None:
        amounts: dict[str, Decimal] = {}
        for leg in txn.receivable:
            if leg.number > 0:
                amounts[leg.currency] = amounts.get(leg.currency, ZERO) + leg.number
        due = self._due(txn)
        tax = charged(txn.entry, self._tax)
        client, date = txn.client, txn.entry.date
        same_id = self._by_id[(client, invoice_id)]
        ahead = self.result.ahead.get(client)
        held = ahead.pop(invoice_id, None) if ahead else None
        for currency, amount in amounts.items():
            zero = amount * 0  # open, paid, credited and disputed start from it
            net = net_amount(amount, tax.get(currency, zero))
            invoice = InvoiceState(
                client, invoice_id, currency, date, due, amount, net, txn.entry,
                amount, zero, zero, zero,
            )  # fmt: skip
            invoice.credited_since_dispute = zero
            self.result.invoices.append(invoice)
            same_id.append(invoice)
            self._fifo[(client, currency)].append(invoice)
            if held:
                self._apply_ahead(invoice, held.pop(currency, []))
            by_currency = self.result.credits.get(client)
            if not by_currency or not by_currency[currency]:
                continue
            credits = by_currency[currency]
            while credits and invoice.open > 0:
                rest = _use(credits.popleft(), invoice)
                if rest is not None:
                    credits.appendleft(rest)
        # Held in a currency the invoice has no amount in: the client's credit.
        for currency, lots in (held or {}).items():
            self.result.credits[client][currency].extend(lots)

    def _apply_ahead(self, invoice: InvoiceState, lots: list[Credit]) -> None:
        """Money paid earlier for this invoice by its `invoice:`; the rest is credit."""
        for credit in lots:
            rest = _use(credit, invoice)
            if rest is not None:
                self.result.credits[invoice.client][invoice.currency].append(rest)

    def _named(self, client: str, names: tuple[str, ...], currency: str) -> list[InvoiceState]:
        if len(names) == 1:
            found = self._by_id.get((client, names[0]), ())
            if len(found) == 1:
                return [found[0]] if found[0].currency == currency else []
        found = [
            invoice
            for name in names
            for invoice in self._by_id.get((client, name), ())
            if invoice.currency == currency
        ]
        return sorted(found, key=lambda invoice: invoice.date)

    def _credit_pool(self, entry: data.Transaction) -> dict[str, Decimal]:
        """C of the SPEC: positive Income, Expenses and sales-tax weights, by currency.

        A credit note that reverses the tax is credited whole (section 10).
        """
        pool: dict[str, Decimal] = {}
        kinds, tax = self._kinds, self._tax
        for posting in entry.postings:
            account = posting.account
            if kinds[account] in (self.types.income, self.types.expenses) or tax[account]:
                weight = _weight(posting)
                if weight.number is not None and weight.number > 0:
                    pool[weight.currency] = pool.get(weight.currency, ZERO) + weight.number
        return pool

    def _settle(
        self, txn: ClientTxn, named: tuple[str, ...], leg: Leg, pool: dict[str, Decimal]
    ) -> None:
        date = txn.entry.date
        currency = leg.currency
        total = -leg.number
        credited = min(total, pool.get(currency, ZERO))
        pool[currency] = pool.get(currency, ZERO) - credited
        remainder = _Remainder(total - credited, credited)

        targets: list[InvoiceState] = []
        first = None  # rule 1: the invoice the posting's, else the transaction's, invoice: names
        ref = read_string(txn.entry, leg.posting.meta, "invoice", self.errors)
        if ref is not None:
            if self._invoice_clients.get(ref) == txn.client:
                first = ref
            else:
                self.errors.append(
                    data_error(
                        txn.entry, f"invoice: {ref!r} names no invoice of client {txn.client}"
                    )
                )
        elif txn.fields.invoice is not None and txn.fields.invoice in named:
            first = txn.fields.invoice
        if first is not None and (txn.client, first) not in self._by_id:
            # An advance for an invoice dated later waits for it, as a credit
            # that is its own, instead of paying the oldest open invoice.
            remainder.keep(self.result.ahead[txn.client][first][currency], date)
            return
        if first is not None:
            targets.extend(self._named(txn.client, (first,), currency))
        targets.extend(self._named(txn.client, named, currency))
        for invoice in targets:
            remainder.apply(invoice, date)

        fifo = self._fifo[(txn.client, currency)]
        while remainder.total > 0 and fifo:
            if fifo[0].open <= 0:
                fifo.popleft()
                continue
            remainder.apply(fifo[0], date)
        if remainder.total > 0:
            remainder.keep(self.result.credits[txn.client][currency], date)

    def _event(self, txn: ClientTxn, named: tuple[str, ...], dispute: bool) -> None:
        kind = "dispute" if dispute else "reminder"
        invoices = [
            invoice for name in named for invoice in self._by_id.get((txn.client, name), ())
        ]
        if not invoices:
            self.errors.append(
                data_error(
                    txn.entry,
                    f"{kind} names no invoice of client {txn.client}: "
                    'link it (^invoice-id) or add invoice: "id"',
                )
            )
            return
        if not dispute:
            for invoice in invoices:
                invoice.reminders += 1
                invoice.last_reminder = txn.entry.date
            return
        amount = txn.fields.disputed
        if amount is not None:
            matching = [i for i in invoices if i.currency == amount.currency]
            if matching:
                invoices = [min(matching, key=lambda invoice: invoice.date)]
            else:
                self.errors.append(
                    data_error(
                        txn.entry,
                        f"disputed: {amount} is not in the invoice's currency "
                        f"{invoices[0].currency}: the whole open amount is disputed",
                    )
                )
                amount = None
        for invoice in invoices:
            number = amount.number if amount is not None else invoice.open
            invoice.disputed = min(invoice.amount, invoice.disputed + max(number or ZERO, ZERO))
            invoice.disputes += 1

    def apply(self, txn: ClientTxn) -> None:
        """Apply one client transaction dated on or before A."""
        entry, client, fields, receivable, invoice_id = txn
        result = self.result
        result.last_entry[client] = entry
        if invoice_id is not None:
            self._invoice(txn, invoice_id)
        named: tuple[str, ...] = ()
        if entry.links or fields.invoice is not None:
            named = named_invoices(txn, self._invoice_clients)
        tags = entry.tags
        if tags:
            if self.config.dispute_tag in tags:
                self._event(txn, named, dispute=True)
            if self.config.reminder_tag in tags:
                self._event(txn, named, dispute=False)
        pool = None  # C of the SPEC, once the transaction turns out to settle
        for leg in receivable:
            if leg.number < 0:
                if pool is None:
                    pool = self._credit_pool(entry)
                self._settle(txn, named, leg, pool)
        if pool is None:
            kinds, expenses = self._kinds, self.types.expenses
            for posting in entry.postings:
                if kinds[posting.account] == expenses:
                    result.costs[client].append(Cost(entry.date, _weight(posting), entry))
        self._time(txn, named)

    def _time(self, txn: ClientTxn, named: tuple[str, ...]) -> None:
        """The hours a transaction works, and those of earlier entries an invoice bills."""
        hours, billed_hours = hours_of(txn.entry, txn.fields, self.config.hours_commodity)
        if hours is not None:
            self._work(txn, hours, named)
        if billed_hours is not None and txn.invoice_id is not None:
            work = self.result.work[txn.client]
            self._timesheets.bill(txn.client, work, txn.entry.date, billed_hours)

    def _work(self, txn: ClientTxn, hours: Decimal, named: tuple[str, ...]) -> None:
        """Hours on an invoice or linked to one are billed (SPEC section 6).

        Other hours are a time entry, which a later invoice may bill (section 11).
        Their kind (SPEC 12) is the transaction's rework and meeting tags, both
        when it has both; their project is its `project:` (SPEC 13).
        """
        client = txn.client
        work = self.result.work[client]
        billed = txn.invoice_id is not None
        if not billed and named:
            billed = self._read_any(client, named)
            if not billed:  # named invoices dated later: billed if they are up to A
                self._billed_later.append((work, len(work), client, named))
        elif not billed:
            self._timesheets.entered(client, len(work))
        entry = txn.entry
        tags = entry.tags
        project = entry.meta.get("project")
        # hot: once per time entry; positional, as a keyword call costs more.
        work.append(
            Work(
                entry.date,
                hours,
                billed,
                self._rework_tag in tags,
                self._meeting_tag in tags,
                project if type(project) is str else None,
            )
        )

    def finish(self) -> None:
        """Bill the hours whose invoice came later, on or before A; A's are billed by then."""
        for work, index, client, named in self._billed_later:
            if self._read_any(client, named):
                work[index] = work[index]._replace(billed=True)
        self._timesheets.tidy()  # last: it moves the work that the loop above finds by place

    def _read_any(self, client: str, names: tuple[str, ...]) -> bool:
        """Whether an invoice of the client with one of these ids has been read."""
        return any((client, name) in self._by_id for name in names)


def settle(
    attribution: Attribution, config: Config, options_map: data.Meta, as_of: datetime.date
) -> tuple[SettlementResult, list[ClientHealthError]]:
    """Read every client transaction dated on or before `as_of` (SPEC sections 3-6)."""
    settler = Settler(config, options_map, attribution)
    for txn in attribution.transactions:
        if txn.entry.date > as_of:
            break
        settler.apply(txn)
    settler.finish()
    return settler.result, settler.errors
