"""Read client transactions in ledger order: open invoices, apply settlements, note the rest."""

from __future__ import annotations

import bisect
import datetime
from collections import deque
from decimal import Decimal

from beancount.core import account_types, data
from beancount.parser import options

from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.disputes import Early, note_event, tell_early
from beancount_plugins.clienthealth.model import ZERO, ClientHealthError
from beancount_plugins.clienthealth.money import Payments, weight
from beancount_plugins.clienthealth.receivables import Cost, InvoiceState, SettlementResult
from beancount_plugins.clienthealth.records import AccountKinds, Attribution, ClientTxn
from beancount_plugins.clienthealth.salestax import TaxAccounts, charged, net_amount
from beancount_plugins.clienthealth.timekeeping import WorkLog


class Settler:
    """Reads client transactions in ledger order and keeps every invoice's state."""

    def __init__(self, config: Config, options_map: data.Meta, attribution: Attribution) -> None:
        types: account_types.AccountTypes = options.get_account_types(options_map)  # type: ignore[no-untyped-call]
        self._due_dates = attribution.due_dates
        self.result = SettlementResult()
        self.errors: list[ClientHealthError] = []
        #: Invoice id -> the invoices of that id read so far, one per currency; a
        #: tuple, not a list: there is one per invoice, and most hold one. An id is
        #: one client's (naming.py), and every id looked up is a name of the
        #: transaction's client (naming.named_invoices): the client is no part of the key.
        self._opened: dict[str, tuple[InvoiceState, ...]] = {}
        self._kinds = AccountKinds()
        self._expenses = types.expenses
        self._tax = TaxAccounts(config.tax_accounts)
        accounts = (types, self._kinds, self._tax)
        self._payments = Payments(
            self.result, self._opened, attribution.invoices, accounts, self.errors
        )
        self._work_log = WorkLog(self.result.work, self._opened, config)
        # hot: read once per transaction
        self._last_entry = self.result.last_entry
        self._dispute_tag, self._reminder_tag = config.dispute_tag, config.reminder_tag
        #: The disputes and reminders dated before the invoices they name, until read.
        self.early: Early = {}

    def _invoice(self, txn: ClientTxn, invoice_id: str) -> None:
        entry, client, _, receivable, _ = txn
        amounts: dict[str, Decimal] = {}
        # hot: once per invoice; records unpacked, as a NamedTuple's attributes are slow to read
        for _, number, currency, _ in receivable:
            if number > ZERO:
                amounts[currency] = amounts.get(currency, ZERO) + number
        if self._kinds.pays_out(entry, receivable):
            for currency, amount in list(amounts.items()):
                if self._payments.refund(client, currency, amount):
                    del amounts[currency]
            if not amounts:
                return
        due = self._due_dates[invoice_id]
        tax = charged(entry, self._tax)
        date = entry.date
        opened = self._opened
        payments, invoices = self._payments, self.result.invoices
        held = payments.held_for(client, invoice_id)
        for currency, amount in amounts.items():
            zero = amount * ZERO  # open, paid, credited and disputed start from it
            net = net_amount(amount, tax.get(currency, zero))
            invoice = InvoiceState(
                client, invoice_id, currency, date, due, amount, net, entry,
                amount, zero, zero, zero,
            )  # fmt: skip
            invoice.credited_since_dispute = zero
            invoices.append(invoice)
            opened[invoice_id] = (*opened.get(invoice_id, ()), invoice)
            payments.open(invoice, held)
        if held:
            payments.keep_held(client, held)
        if self.early:
            tell_early(self.early, invoice_id, date, self.errors)

    def read(
        self, transactions: deque[ClientTxn], named: deque[tuple[str, ...]], count: int
    ) -> None:
        """Apply the first `count` transactions and the invoices each names, taken out.

        Each is freed once read: the records of every client transaction and
        the state of every invoice are not all held at once (docs/decisions.md).
        """
        # hot: the loop runs once per client transaction, its state in locals
        last_entry, opened, errors = self._last_entry, self._opened, self.errors
        take, names_of = transactions.popleft, named.popleft
        dispute_tag, reminder_tag = self._dispute_tag, self._reminder_tag
        credit_pool, settle_leg = self._payments.credit_pool, self._payments.settle
        kinds, expenses, costs = self._kinds, self._expenses, self.result.costs
        work_log = self._work_log
        time, every = work_log.time, work_log.reads_postings
        for _ in range(count):
            txn, names = take(), names_of()
            entry, client, fields, receivable, invoice_id = txn
            last_entry[client] = entry
            if invoice_id is not None:
                self._invoice(txn, invoice_id)
            tags = entry.tags
            if tags:
                if dispute_tag in tags:
                    note_event(txn, names, True, opened, errors, self.early)
                if reminder_tag in tags:
                    note_event(txn, names, False, opened, errors, self.early)
            pool = None  # C of the SPEC, once the transaction turns out to settle
            for leg in receivable:
                if leg.number < ZERO:
                    if pool is None:
                        pool = credit_pool(entry)
                    settle_leg(txn, names, leg, pool)
            if pool is None:
                for posting in entry.postings:
                    if kinds[posting.account] == expenses:
                        costs[client].append(Cost(entry.date, weight(posting), entry))
            if every or fields.hours is not None or fields.billed_hours is not None:
                time(txn, names)

    def finish(self) -> None:
        """Bill the hours whose invoice came later, on or before A."""
        self._work_log.finish()


def _date(txn: ClientTxn) -> datetime.date:
    return txn.entry.date


def settle(
    attribution: Attribution, config: Config, options_map: data.Meta, as_of: datetime.date
) -> tuple[SettlementResult, list[ClientHealthError]]:
    """Read every client transaction dated on or before `as_of` (SPEC sections 3-6).

    The transactions are taken: `attribution.transactions` and `.named` are
    left empty, so that each record is freed as soon as it is read.
    """
    settler = Settler(config, options_map, attribution)
    transactions = attribution.transactions  # in date order: those up to A come first
    up_to = bisect.bisect_right(transactions, as_of, key=_date)
    queue, named = deque(transactions), deque(attribution.named)
    transactions.clear()
    attribution.named.clear()
    settler.read(queue, named, up_to)
    if settler.early:  # events before invoices dated after A: their dates are in the queue
        for txn in queue:
            if txn.invoice_id is not None and txn.invoice_id in settler.early:
                tell_early(settler.early, txn.invoice_id, txn.entry.date, settler.errors)
    del queue, named  # those dated after A
    settler.finish()
    return settler.result, settler.errors
