"""Sales tax: which accounts hold it and what an invoice charges (SPEC section 10)."""

from __future__ import annotations

import decimal
import re
from decimal import Decimal

from beancount.core import convert, data

from beancount_plugins.clienthealth.model import ZERO


class TaxAccounts(dict[str, bool]):
    """Account -> whether it is a sales-tax account, decided the first time it is looked up."""

    def __init__(self, pattern: str) -> None:
        super().__init__()
        self._regex = re.compile(pattern)

    def __missing__(self, account: str) -> bool:
        known = self[account] = self._regex.search(account) is not None
        return known


def charged(entry: data.Transaction, accounts: TaxAccounts) -> dict[str, Decimal]:
    """The tax a transaction charges, by currency: its tax postings' negative weights.

    A positive tax posting on an invoice (tax the business pays itself, as a
    reverse-charge pair writes) charges the client nothing, so it is no
    deduction; the negative one of such a pair is (docs/decisions.md).
    """
    tax: dict[str, Decimal] = {}
    for posting in entry.postings:
        if accounts[posting.account]:
            weight = convert.get_weight(posting)  # type: ignore[no-untyped-call]
            number = weight.number
            if isinstance(number, Decimal) and number < 0:
                tax[weight.currency] = tax.get(weight.currency, ZERO) - number
    return tax


def net_amount(amount: Decimal, tax: Decimal) -> Decimal:
    """An invoice's amount less its tax, held between zero and the amount.

    Tax above the amount (the rest was paid on the spot, or a typo) leaves a
    net of zero: revenue is never negative, and never above what is owed.
    """
    return min(amount, max(amount - tax, amount * 0))


#: Digits of a net part before it is rounded to money: more than any amount has,
#: and a bound, as the engine's exact context would expand 1/3 until memory runs out.
_SHARE = decimal.Context(prec=60)


def net_part(part: Decimal, net: Decimal, amount: Decimal) -> Decimal:
    """The net share of a part (paid, say) of an invoice: part x net / amount."""
    return _SHARE.divide(_SHARE.multiply(part, net), amount) if amount else part * 0
