"""What the settlement pass keeps of receivables: invoice states, credits, costs, hours."""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict, deque
from decimal import Decimal
from typing import NamedTuple

from beancount.core import data
from beancount.core.amount import Amount

from beancount_plugins.clienthealth.model import ZERO, Piece, Work


@dataclasses.dataclass(slots=True)
class InvoiceState:
    """An invoice while the ledger is read: what is paid, credited and disputed."""

    client: str
    invoice_id: str
    currency: str
    date: datetime.date
    due: datetime.date
    amount: Decimal
    #: The amount less the sales tax it charges (SPEC section 10).
    net: Decimal
    entry: data.Transaction
    #: What is neither paid nor credited yet: amount - paid - credited.
    open: Decimal
    #: Zero, with the amount's digits, so that nothing paid prints as 0.00.
    paid: Decimal
    credited: Decimal
    disputed: Decimal
    settled_on: datetime.date | None = None
    pieces: list[Piece] = dataclasses.field(default_factory=list)
    disputes: int = 0
    reminders: int = 0
    #: The date of the latest reminder up to A (entries come in date order).
    last_reminder: datetime.date | None = None
    credited_since_dispute: Decimal = ZERO

    def settle(self, date: datetime.date, amount: Decimal, paid: bool) -> None:
        """Apply a paid or credited amount, at most the open amount."""
        if paid:
            self.paid += amount
        else:
            self.credited += amount
            if self.disputes:
                self.credited_since_dispute += amount
        self.pieces.append(tuple.__new__(Piece, (date, amount, paid)))  # hot: no Python call
        self.open -= amount
        if self.open <= ZERO and self.settled_on is None:
            self.settled_on = date


class Cost(NamedTuple):
    """An Expenses posting of a client's transaction that is not a settlement."""

    date: datetime.date
    amount: Amount
    entry: data.Transaction


class Credit(NamedTuple):
    """Money received ahead of any open invoice, waiting for the next one."""

    date: datetime.date
    amount: Decimal
    paid: bool


@dataclasses.dataclass
class SettlementResult:
    """Everything the settlement pass found, as of A."""

    invoices: list[InvoiceState] = dataclasses.field(default_factory=list)
    #: client -> currency -> credit not yet applied, oldest first
    credits: dict[str, dict[str, deque[Credit]]] = dataclasses.field(
        default_factory=lambda: defaultdict(lambda: defaultdict(deque))
    )
    #: client -> invoice id -> currency -> money paid for an invoice dated later
    ahead: dict[str, dict[str, dict[str, list[Credit]]]] = dataclasses.field(
        default_factory=lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    )
    work: dict[str, list[Work]] = dataclasses.field(default_factory=lambda: defaultdict(list))
    costs: dict[str, list[Cost]] = dataclasses.field(default_factory=lambda: defaultdict(list))
    last_entry: dict[str, data.Transaction] = dataclasses.field(default_factory=dict)
